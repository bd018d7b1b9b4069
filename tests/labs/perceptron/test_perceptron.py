"""The perceptron rule by hand, its convergence where a line exists, and its failure on XOR."""
import numpy as np
import pytest

from playground.labs.perceptron.data import CORNERS, make_logic_data
from playground.labs.perceptron.perceptron import Perceptron
from playground.labs.perceptron.core import PerceptronSession, run_headless


def test_perceptron_rule_matches_hand_computation():
    p = Perceptron(2, lr=1.0)
    # w=0, b=0: H(0)=1 predicts class 1; the example is class 0, so w -= x, b -= 1.
    assert p.update(np.array([1.0, 1.0]), 0.0) is True
    assert p.w.tolist() == [-1.0, -1.0] and p.b == -1.0
    # (0,1) class 1: w.x+b = -2 < 0 predicts 0, so w += x, b += 1.
    assert p.update(np.array([0.0, 1.0]), 1.0) is True
    assert p.w.tolist() == [-1.0, 0.0] and p.b == 0.0
    # (0,0) class 1: w.x+b = 0 >= 0 predicts 1: right, nothing moves.
    assert p.update(np.array([0.0, 0.0]), 1.0) is False
    assert p.w.tolist() == [-1.0, 0.0] and p.b == 0.0


def test_learning_rate_scales_each_update():
    p = Perceptron(2, lr=0.25)
    p.update(np.array([2.0, 4.0]), 0.0)
    assert p.w.tolist() == [-0.5, -1.0] and p.b == -0.25


@pytest.mark.parametrize("gate", ["and", "or", "nand"])
def test_perceptron_converges_on_linearly_separable_gates(gate):
    s = PerceptronSession({"dataset": gate})
    s.step(50)
    assert s.perc_converged_at is not None and s.perc_converged_at <= 20
    assert s.perceptron.errors(s.x, s.y) == 0


def test_perceptron_converges_on_blobs():
    s = PerceptronSession({"dataset": "blobs", "points": 30})
    s.step(200)
    assert s.perceptron.errors(s.x, s.y) == 0


@pytest.mark.parametrize("seed", [0, 1, 2, 3])
def test_perceptron_never_gets_xor_right_and_keeps_moving(seed):
    s = PerceptronSession({"dataset": "xor", "seed": seed})
    for _ in range(1000):
        s.step(1)
        assert s.perceptron.errors(s.x, s.y) >= 1  # never 4/4: no line separates XOR
    assert s.perc_converged_at is None
    assert min(s.perc_updates) >= 1  # the rule never stops updating: the weights cycle


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 5])
def test_mlp_solves_xor_for_several_seeds(seed):
    result, _ = run_headless({"dataset": "xor", "model": "mlp", "hidden": 4, "lr": 0.5, "seed": seed}, 2000)
    assert result["final_accuracy"] == 1.0
    assert result["converged"] is True
    assert result["final_loss"] < 0.1


def test_logic_data_is_deterministic_per_seed():
    a = make_logic_data("xor", points=20, noise=0.1, seed=7)
    b = make_logic_data("xor", points=20, noise=0.1, seed=7)
    c = make_logic_data("xor", points=20, noise=0.1, seed=8)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert not np.array_equal(a[0], c[0])
    assert a[0].shape == (80, 2) and set(a[1]) == {0.0, 1.0}


def test_exact_gates_are_the_four_corners():
    x, y = make_logic_data("and")
    assert sorted(map(tuple, x)) == sorted(map(tuple, CORNERS))
    assert y.sum() == 1


def test_session_state_round_trips_and_rejects_wrong_shapes():
    from playground.core.train.session import SessionError

    s = PerceptronSession({"hidden": 3})
    s.step(10)
    state = s.state()
    t = PerceptronSession({"hidden": 3})
    t.load_state(state, epoch=10)
    assert np.allclose(t.mlp.predict_proba(t.x), s.mlp.predict_proba(s.x))
    bad = dict(state, w1=np.zeros((2, 5)))
    with pytest.raises(SessionError, match="w1"):
        t.load_state(bad)


def test_learning_rate_applies_live_without_reset():
    s = PerceptronSession({})
    s.step(5)
    assert s.apply({"lr": 0.1}) is False
    assert s.epoch == 5 and s.mlp.lr == 0.1 and s.perceptron.lr == 0.1
    assert s.apply({"hidden": 3}) is True
    assert s.epoch == 0


def test_saved_curves_come_back_and_junk_curves_are_ignored():
    s = PerceptronSession({})
    s.step(12)
    t = PerceptronSession({})
    t.load_state(s.state(), epoch=12)
    t.restore_curves(s.curves())
    assert t.curves() == s.curves()
    u = PerceptronSession({})
    u.load_state(s.state(), epoch=12)
    for junk in ({"mlp_loss": "oops"}, {**s.curves(), "mlp_loss": [float("nan")] * 12},
                 {**s.curves(), "perc_errors": list(range(50))}, {**s.curves(), "mlp_acc": [1.0]}):
        u.restore_curves(junk)
        assert u.curves()["mlp_loss"] == []  # skipped whole, never half-restored
