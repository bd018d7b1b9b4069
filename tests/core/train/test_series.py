"""Curves sent to the window stay small however long the run, and keep their extremes."""
import numpy as np

from playground.labs.perceptron.core import PerceptronSession
from playground.core.train.series import thin


def test_short_series_pass_through_unchanged():
    x, s = thin({"a": [3, 1, 2]})
    assert x.tolist() == [1, 2, 3] and s["a"].tolist() == [3, 1, 2]


def test_long_series_are_thinned_but_keep_spikes():
    y = np.zeros(1_000_000)
    y[123_457] = 9.0  # one spike must survive the thinning
    y[777_777] = -4.0
    x, s = thin({"y": y, "z": np.arange(1_000_000)}, max_points=2000)
    assert len(x) <= 2000 and len(s["y"]) == len(x) == len(s["z"])
    assert s["y"].max() == 9.0 and s["y"].min() == -4.0
    assert x[0] == 1 and x[-1] <= 1_000_000 and np.all(np.diff(x) >= 0)


def test_training_frames_stay_small_and_forced_frames_carry_the_full_curves():
    s = PerceptronSession({})
    s.step(5000)
    snap = s.snapshot()
    assert len(snap["mlp_loss"]) <= 2000 and "curves" not in snap
    s.full_snapshot = True
    full = s.snapshot()
    assert len(full["curves"]["mlp_loss"]) == 5000


def test_classify_loss_curves_come_back_after_reopening():
    from playground.labs.classify.core import ClassifySession

    s = ClassifySession({})
    s.step(15)
    t = ClassifySession({})
    t.load_state(s.state(), epoch=15)
    t.restore_curves(s.curves())
    assert t.curves() == s.curves() and len(t.curves()["train_loss"]) == 15
    t.restore_curves({"train_loss": [1.0] * 99, "test_loss": [1.0] * 99})  # longer than the run
    assert len(t.curves()["train_loss"]) == 15
