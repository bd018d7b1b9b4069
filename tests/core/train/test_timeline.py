"""The timeline keeps a bounded number of epochs (dense early, sparse later, within its memory budget),
and scrubbing back to a kept epoch shows exactly what a fresh run stopped there shows."""
import numpy as np
import pytest

from playground.core.train.session import SessionError
from playground.core.train.timeline import Timeline
from playground.labs.perceptron.core import PerceptronSession


def test_the_schedule_is_dense_early_and_logarithmic_later():
    t = Timeline(budget_bytes=10_000_000)
    state = {"w": np.zeros(10)}
    kept = [e for e in range(0, 200_000) if t.record(e, state)]
    assert kept[:65] == list(range(65))  # every early epoch
    assert len(kept) < 64 * 14  # about 64 per doubling after that
    gaps = np.diff(kept)
    assert all(b >= a for a, b in zip(gaps, gaps[1:]))  # never denser later than earlier


def test_memory_stays_within_the_budget_for_big_networks_and_long_runs():
    budget = 2_000_000
    t = Timeline(budget_bytes=budget)
    big = {"w": np.zeros(50_000)}  # 400 kB a copy: only a handful fit
    for e in range(0, 100_000):
        t.record(e, big)
    assert t.nbytes <= budget and len(t) >= 2
    assert 0 in t.epochs()


def test_the_view_at_a_kept_epoch_equals_a_fresh_run_stopped_there():
    params = {"dataset": "xor", "hidden": 3, "seed": 4}
    long = PerceptronSession(params)
    long.step(300)
    reached = long.rewind(128)
    assert reached == 128 and long.epoch == 128
    fresh = PerceptronSession(params)
    fresh.step(128)
    a, b = long.state(), fresh.state()
    assert a.keys() == b.keys()
    for k in a:
        np.testing.assert_array_equal(a[k], b[k])
    sa, sb = long.snapshot(), fresh.snapshot()
    np.testing.assert_array_equal(sa["mlp_grid"], sb["mlp_grid"])
    np.testing.assert_array_equal(sa["perceptron_errors"], sb["perceptron_errors"])
    assert long.curves()["mlp_loss"] == fresh.curves()["mlp_loss"]


def test_scrubbing_keeps_the_future_until_training_goes_on():
    s = PerceptronSession({"dataset": "and"})
    s.step(200)
    s.rewind(10)
    assert s.rewind(151) == 150  # from 128 on, every other epoch is kept
    assert len(s.curves()["mlp_loss"]) == 150
    s.step(1)  # a new branch: what came after 150 is gone
    assert s.timeline.last == 150  # 151 is not on the schedule
    assert s.rewind(199) == 150
    with pytest.raises(SessionError):
        s.rewind(-1)


def test_an_opened_experiment_starts_its_timeline_at_its_epoch():
    s = PerceptronSession({"dataset": "and"})
    s.step(50)
    state = s.state()
    t = PerceptronSession({"dataset": "and"})
    t.load_state(state, 50)
    t.restart_timeline()
    assert t.timeline.epochs() == [50]
    t.step(3)
    assert t.timeline.epochs() == [50, 51, 52, 53]
    t.timeline.truncate_after(50)
    assert t.rewind(52) == 50
