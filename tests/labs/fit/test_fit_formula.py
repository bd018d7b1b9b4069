"""The formula parser: the usual arithmetic and functions, checked against numpy; anything else (an
attribute, a name outside its list, an overlong or too deeply nested text) refused with its column."""
import numpy as np
import pytest

from playground.labs.fit.formula import MAX_LENGTH, FormulaError, parse

X = np.linspace(-0.9, 0.9, 7)


@pytest.mark.parametrize("text, expected", [
    ("sin(2*pi*x)", np.sin(2 * np.pi * X)),
    ("abs(x - 1/2)", np.abs(X - 0.5)),
    ("0.2 + 0.4x^2 + 0.3x sin(15x) + 0.05cos(50x)", 0.2 + 0.4 * X ** 2 + 0.3 * X * np.sin(15 * X) + 0.05 * np.cos(50 * X)),
    ("-x^2", -(X ** 2)),
    ("2^3^2", np.full_like(X, 512.0)),  # right-associative, as in mathematics
    ("x ** 2 × 3 ÷ 2 − 1", X ** 2 * 3 / 2 - 1),
    ("max(x, 0) + min(x, 0.5) * exp(x)", np.maximum(X, 0) + np.minimum(X, 0.5) * np.exp(X)),
    ("1.5e-1 * (x + 1)", 0.15 * (X + 1)),
    ("step(x)", (X >= 0).astype(float)),
])
def test_formulas_evaluate_like_numpy(text, expected):
    np.testing.assert_allclose(parse(text)(X), expected, rtol=1e-12, atol=1e-12)


def test_a_constant_formula_still_gives_one_value_per_point():
    assert parse("3")(X).shape == X.shape


@pytest.mark.parametrize("text, column, words", [
    ("x.real", 2, "attribute"),
    ("sin(x).__class__", 7, "attribute"),
    ("__import__('os')", 12, "unexpected character"),
    ("os(x)", 1, "unknown function"),
    ("y + 1", 1, "unknown name 'y'"),
    ("eval(x)", 1, "unknown function"),
    ("(x + 1", 7, "expected ')'"),
    ("x +", 4, "ends too early"),
    ("sin x", 1, "is a function"),
    ("min(x)", 1, "takes 2 arguments"),
    ("x ; 1", 3, "unexpected character"),
    ("x[0]", 2, "unexpected character"),
])
def test_bad_formulas_are_refused_with_their_column(text, column, words):
    with pytest.raises(FormulaError) as err:
        parse(text)
    assert err.value.column == column and words in str(err.value)
    assert str(err.value).startswith(f"column {column}:") and "\n" not in str(err.value)


def test_overlong_and_deeply_nested_formulas_are_refused():
    with pytest.raises(FormulaError, match=f"at most {MAX_LENGTH}"):
        parse("x+" * 150 + "x")
    with pytest.raises(FormulaError, match="nested too deeply"):
        parse("(" * 60 + "x" + ")" * 60)
    with pytest.raises(FormulaError, match="empty"):
        parse("   ")
