"""A diverging activations run stops at the first non-finite loss instead of training on NaN to the
last epoch, and its JSON says so like every other lab: diverged, message, diverged_epoch."""
from playground.labs.activations.core import run_headless

DIVERGING = {"experiment": "gradient-flow", "activation": "relu", "lr": 10.0, "optimizer": "momentum",
             "depth": 20, "units": 64, "points": 64, "init": "he"}


def test_a_diverging_run_stops_at_once_and_says_why():
    result, _ = run_headless(DIVERGING, 5000)
    assert result["diverged"] is True
    assert result["epochs"] == result["diverged_epoch"] < 50  # not 5,000 epochs of NaN
    assert "lower the learning rate" in result["message"]


def test_a_healthy_run_says_it_did_not_diverge():
    result, _ = run_headless({"experiment": "gradient-flow", "depth": 3, "units": 8, "points": 32}, 3)
    assert result["diverged"] is False and "diverged_epoch" not in result
