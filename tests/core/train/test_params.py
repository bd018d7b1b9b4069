"""Parameter validation: every bad value is refused with a message naming the parameter."""
import pytest

from playground.core.train.params import Param, ParamError, validate, validate_all

LR = Param("lr", "Learning rate", "float", 0.03, minimum=1e-5, maximum=10)
LAYERS = Param("layers", "Layers", "int_list", [4, 2], item_minimum=1, item_maximum=16, max_items=8)
FEATURES = Param("features", "Features", "multi_choice", ["x1", "x2"], choices=("x1", "x2", "x1sq"))
DATA = Param("dataset", "Data", "choice", "xor", choices=("xor", "and"))


@pytest.mark.parametrize("raw, message", [("abc", "lr"), ("nan", "finite"), (100, "maximum"), (0, "minimum"),
                                          (True, "lr")])
def test_bad_floats_are_refused_with_the_reason(raw, message):
    with pytest.raises(ParamError, match=message):
        validate(LR, raw)


def test_lists_and_choices_parse_from_text():
    assert validate(LAYERS, "8, 8,8") == [8, 8, 8]
    assert validate(LAYERS, "") == []
    assert validate(FEATURES, "x1sq,x1") == ["x1", "x1sq"]
    assert validate(DATA, "XOR") == "xor"
    with pytest.raises(ParamError, match="17"):
        validate(LAYERS, "4,17")
    with pytest.raises(ParamError, match="at most 8"):
        validate(LAYERS, ",".join(["2"] * 9))
    with pytest.raises(ParamError, match="sinx"):
        validate(FEATURES, "x1,sinx")


def test_unknown_keys_are_refused_and_defaults_filled():
    with pytest.raises(ParamError, match="unknown parameter 'oops'"):
        validate_all([LR], {"oops": 1})
    assert validate_all([LR, DATA], {"lr": "0.1"}) == {"lr": 0.1, "dataset": "xor"}
