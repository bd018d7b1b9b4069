"""The activation registry: every numpy forward and derivative agrees with torch's module and autograd,
the numpy code never overflows, Maxout is the max of k affine maps, and the lecture's notes are there."""
from __future__ import annotations

import subprocess
import sys
import warnings

import numpy as np
import pytest
import torch

from playground.core.nets import activations as acts

# Many points, dense around zero (where the kinks are) and out in the saturated tails.
POINTS = np.unique(np.concatenate([
    np.linspace(-12.0, 12.0, 2401),
    np.linspace(-1e-3, 1e-3, 41),
    [-1e-8, 0.0, 1e-8, -30.0, 30.0],
]))

PARAM_CASES = [(n, {}) for n in acts.names()] + [
    ("leaky_relu", {"slope": 0.1}), ("leaky_relu", {"slope": 0.3}), ("prelu", {"slope": 0.05}),
    ("elu", {"alpha": 0.5}), ("elu", {"alpha": 2.5}),
]


def _torch_reference(name: str, params: dict, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = torch.tensor(x, dtype=torch.float64, requires_grad=True)
    module = acts.get(name).torch_module(**params).double()
    if name == "prelu":  # nn.PReLU stored its initial slope in float32: put the exact double back
        with torch.no_grad():
            module.weight.fill_(params.get("slope", 0.25))
    y = module(t)
    if not y.requires_grad:  # the step has no autograd graph: its derivative is zero everywhere
        return y.detach().numpy(), np.zeros_like(x)
    (g,) = torch.autograd.grad(y.sum(), t)
    return y.detach().numpy(), g.numpy()


@pytest.mark.parametrize("name,params", [c for c in PARAM_CASES if acts.get(c[0]).kind == "elementwise"],
                         ids=lambda v: v if isinstance(v, str) else ",".join(f"{k}={x}" for k, x in v.items()))
def test_forward_and_derivative_match_torch_autograd(name, params):
    a = acts.get(name)
    f_ref, d_ref = _torch_reference(name, params, POINTS)
    # GELU uses a 1e-7 erf approximation (no scipy); the rest are exact to rounding.
    tol = 1e-6 if name == "gelu" else 1e-9
    np.testing.assert_allclose(a.forward(POINTS, **params), f_ref, rtol=tol, atol=tol)
    np.testing.assert_allclose(a.derivative(POINTS, **params), d_ref, rtol=tol, atol=tol)


def test_derivative_matches_finite_differences_away_from_kinks():
    x = np.linspace(-6.0, 6.0, 241) + 0.013  # never exactly on 0
    h = 1e-6
    for name in acts.trainable_names():
        a = acts.get(name)
        numeric = (a.forward(x + h) - a.forward(x - h)) / (2 * h)
        np.testing.assert_allclose(a.derivative(x), numeric, atol=2e-5, err_msg=name)


def test_numpy_functions_never_overflow_and_keep_tiny_tail_derivatives():
    x = np.array([-1e308, -800.0, -40.0, 0.0, 40.0, 800.0, 1e308])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # any overflow / invalid warning fails the test
        for name in acts.names():
            a = acts.get(name)
            assert np.all(np.isfinite(a.forward(x))), name
            assert np.all(np.isfinite(a.derivative(x))), name
    # The explorer plots |f'| on a log scale: the saturated tails must not round to 0.
    assert 0 < acts.get("sigmoid").derivative(40.0) < 1e-16
    assert 0 < acts.get("tanh").derivative(20.0) < 1e-16


def test_float32_inputs_stay_float32():
    x = np.linspace(-3, 3, 11, dtype=np.float32)
    for name in ("sigmoid", "tanh", "relu", "leaky_relu", "silu"):
        assert acts.get(name).forward(x).dtype == np.float32, name


def test_maxout_module_is_the_max_of_k_affine_maps():
    torch.manual_seed(0)
    n_in, width = 5, 4
    for k in (1, 2, 3, 5):
        linear = torch.nn.Linear(n_in, width * k)
        layer = torch.nn.Sequential(linear, acts.get("maxout").torch_module(pieces=k))
        x = torch.randn(64, n_in)
        with torch.no_grad():
            out = layer(x)
            # Unit j owns the rows j*k .. j*k+k-1 of the weight matrix: its k affine maps.
            w = linear.weight.view(width, k, n_in)
            b = linear.bias.view(width, k)
            pieces = torch.einsum("ukn,bn->buk", w, x) + b  # (batch, width, k)
            expected = pieces.max(dim=-1).values
        assert out.shape == (64, width)
        torch.testing.assert_close(out, expected)
        assert acts.units_per_output("maxout", pieces=k) == k


def test_explorer_maxout_is_the_max_of_its_drawn_pieces_convex_and_never_flat():
    x = np.linspace(-3, 3, 601)
    for k in range(1, 7):
        w, b = acts.maxout_pieces(k)
        assert len(w) == k and np.all(np.abs(w) >= 0.1)  # no piece would be shaded as saturated
        assert np.all(np.diff(w) > 0)  # increasing slopes: every piece wins somewhere, a convex curve
        np.testing.assert_allclose(acts.get("maxout").forward(x, pieces=k), np.max(np.outer(x, w) + b, axis=1))
    np.testing.assert_allclose(acts.get("maxout").forward(x, pieces=2), np.maximum(-0.5 * x, x))
    np.testing.assert_allclose(acts.get("maxout").forward(x, pieces=1), x)


def test_prelu_slope_changes_under_training():
    torch.manual_seed(0)
    prelu = acts.get("prelu").torch_module()
    start = prelu.weight.item()
    assert start == pytest.approx(0.25)
    opt = torch.optim.SGD(prelu.parameters(), lr=0.1)
    x = torch.linspace(-2, 2, 50)
    target = torch.where(x > 0, x, -0.6 * x)  # |x|-like: needs a negative slope the init does not have
    for _ in range(50):
        opt.zero_grad()
        loss = ((prelu(x) - target) ** 2).mean()
        loss.backward()
        opt.step()
    assert abs(prelu.weight.item() - start) > 0.5
    assert prelu.weight.item() == pytest.approx(-0.6, abs=0.05)


def test_every_entry_has_formula_derivative_and_bilingual_notes():
    for name in acts.names():
        a = acts.get(name)
        assert a.formula and a.formula_html and a.derivative_formula and a.derivative_html, name
        for notes in (a.pros, a.cons):
            assert set(notes) == {"en", "fr"}, name
            assert len(notes["en"]) == len(notes["fr"]) >= 1, name


def test_lecture_notes_are_the_lectures_words():
    assert "Bien étudié." in acts.get("sigmoid").pros["fr"]
    assert any("centrée à zéro" in c for c in acts.get("sigmoid").cons["fr"])
    assert any("5 à 10 fois" in p for p in acts.get("relu").pros["fr"])
    assert "0.01 est un hyperparamètre." in acts.get("leaky_relu").cons["fr"]
    assert acts.get("prelu").pros["fr"] == ["Mêmes avantages que Leaky ReLU."]
    assert acts.get("leaky_relu").defaults() == {"slope": 0.01}
    assert acts.get("maxout").defaults() == {"pieces": 2}
    # The lecture gives ELU and Maxout as formulas only: their notes are flagged as ours.
    assert not acts.get("elu").notes_from_lecture and not acts.get("maxout").notes_from_lecture
    assert acts.lecture_names()[:7] == ["sigmoid", "tanh", "relu", "leaky_relu", "prelu", "elu", "maxout"]
    assert len(acts.LECTURE_ADVICE["fr"]) == 3


def test_unknown_name_says_what_exists():
    with pytest.raises(KeyError, match="choose one of sigmoid"):
        acts.get("swishy")


def test_importing_the_registry_does_not_import_torch():
    code = "import sys, playground.core.nets.activations; assert 'torch' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
