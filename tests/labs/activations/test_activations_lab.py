"""The activations lab's core: gradient flow shows the vanishing gradient, the race is fair and scored
right, the headless JSON has the keys issue 4 promises, and weights round-trip through state()."""
from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from playground.labs.activations import core as lab
from playground.core.train.params import ParamError
from playground.labs.activations.race import epochs_to_target, race_result
from playground.core.train.runner import Runner
from playground.core.train.session import SessionError

SMALL = {"points": 64, "units": 8, "batch_size": 16}


def _flow(activation, init, depth=20, **extra):
    result, _ = lab.run_headless({"experiment": "gradient-flow", "activation": activation, "init": init,
                                  "depth": depth, **extra}, 0, {})
    return result


def test_sigmoid_depth_20_uniform_first_layer_gradient_is_orders_of_magnitude_below_the_last():
    g = _flow("sigmoid", "uniform")["grad_norms"]
    assert len(g) == 20
    assert g[0] < 1e-6 * g[-1]
    # and it shrinks layer after layer, not just somewhere
    assert sum(b < a for a, b in zip(g[1:], g[:-1])) >= 17


def test_relu_with_he_init_keeps_the_gradient_flat():
    g = np.array(_flow("relu", "he")["grad_norms"])
    assert g[0] > 0.1 * g[-1]
    assert g.max() / g.min() < 20


def test_dead_fraction_is_one_per_layer_and_sees_dead_relus():
    s = lab.ActivationsSession({"experiment": "gradient-flow", "activation": "relu", "depth": 3, **SMALL})
    snap = s.snapshot()
    assert snap["dead_fraction"].shape == (3,) and np.all((0 <= snap["dead_fraction"]) & (snap["dead_fraction"] <= 1))
    state = s.state()
    state["relu.b1"] = np.full_like(state["relu.b1"], -100.0)  # layer 2 can never fire: every unit dead
    s.load_state(state)
    snap = s.snapshot()
    assert snap["dead_fraction"][1] == 1.0
    assert snap["grad_norms"][0] == 0.0  # nothing reaches below a dead layer


def test_tanh_and_elu_have_no_dead_units():
    for act in ("tanh", "elu", "leaky_relu", "maxout"):
        snap = lab.ActivationsSession({"experiment": "gradient-flow", "activation": act, "depth": 4, **SMALL}).snapshot()
        assert not snap["dead_fraction"].any(), act


def test_gradient_flow_trains_and_records_norms_per_epoch():
    s = lab.ActivationsSession({"experiment": "gradient-flow", "activation": "tanh", "depth": 4, **SMALL})
    first = s.snapshot()
    s.step(5)
    snap = s.snapshot()
    assert snap["epoch"] == 5 and snap["grad_norm_history"].shape == (5, 4)
    np.testing.assert_array_equal(snap["grad_norms_init"], first["grad_norms"])
    assert np.isfinite(s.loss) and s.loss < first["loss"] + 1.0


def test_prelu_slope_is_learned_during_training():
    s = lab.ActivationsSession({"experiment": "gradient-flow", "activation": "prelu", "depth": 3, **SMALL,
                                "lr": 0.3})
    before = s.snapshot()["prelu_slopes"]["prelu"]
    assert before == pytest.approx([0.25] * 3)
    s.step(5)
    after = s.snapshot()["prelu_slopes"]["prelu"]
    assert max(abs(a - b) for a, b in zip(after, before)) > 1e-3


def test_race_json_has_the_issue_keys_one_loss_per_epoch():
    result, snap = lab.run_headless({"experiment": "race", "activations": "relu,tanh", "seed": 0, **SMALL}, 12, {})
    assert result["lab"] == "activations" and result["experiment"] == "race"
    assert set(result["histories"]) == {"relu", "tanh"}
    assert all(len(h) == 12 and all(isinstance(v, float) for v in h) for h in result["histories"].values())
    assert set(result["epochs_to_target"]) == {"relu", "tanh"}
    assert result["target_loss"] == 0.1
    assert "speedup" in result
    json.dumps(result)  # plain JSON, no numpy
    assert snap["epoch"] == 12


def test_race_is_fair_same_initial_weights_and_batches():
    s = lab.ActivationsSession({"experiment": "race", "activations": "relu,tanh", **SMALL})
    state = s.state()
    for key in (k for k in state if k.startswith("relu.")):
        np.testing.assert_array_equal(state[key], state["tanh" + key[4:]])
    # identical activations would then give identical curves: only the activation differs
    a = lab.run_headless({"experiment": "race", "activations": "relu,tanh", **SMALL}, 5, {})[0]
    b = lab.run_headless({"experiment": "race", "activations": "relu,sigmoid", **SMALL}, 5, {})[0]
    assert a["histories"]["relu"] == b["histories"]["relu"]


def test_race_with_an_easy_target_reports_epochs_and_speedup():
    result, _ = lab.run_headless({"experiment": "race", "activations": "relu,tanh", "target_loss": 0.69,
                                  **SMALL}, 10, {})
    ept = result["epochs_to_target"]
    assert all(isinstance(e, int) and 1 <= e <= 10 for e in ept.values())
    assert result["speedup"] == pytest.approx(max(ept.values()) / min(ept.values()))


def test_race_result_scores_epochs_speedup_and_a_lower_bound():
    assert epochs_to_target([0.9, 0.5, 0.09, 0.2], 0.1) == 3
    assert epochs_to_target([0.9, 0.5], 0.1) is None
    r = race_result({"relu": [0.5, 0.2, 0.05], "tanh": [0.6, 0.4, 0.3, 0.2, 0.1, 0.05]}, 0.1)
    assert r["epochs_to_target"] == {"relu": 3, "tanh": 5} and r["speedup"] == pytest.approx(5 / 3)
    assert r["faster"] == "relu" and "relu was 1.7x faster" in r["summary"]
    r = race_result({"relu": [0.5, 0.05, 0.01, 0.01], "sigmoid": [0.7] * 4}, 0.1)
    assert r["speedup"] is None and r["speedup_at_least"] == pytest.approx(2.0)
    assert r["epochs_to_target"]["sigmoid"] is None


def test_the_race_stops_once_at_the_finish_line_then_play_goes_on_and_a_new_target_reopens_it():
    runner = Runner()
    runner.handle({"op": "open", "factory": lab.SESSION, "run": 1,
                   "params": {"experiment": "race", "activations": "relu,tanh", "target_loss": 0.69, **SMALL}})
    runner.handle({"op": "ack"})
    runner.handle({"op": "play"})
    events = []
    for _ in range(60):
        events += runner.tick()
        if not runner.playing:
            break
    finished = [e for e in events if e["ev"] == "finished"]
    assert len(finished) == 1 and "faster" in finished[0]["message"]
    stopped_at = runner.session.epoch
    assert stopped_at < 60
    runner.handle({"op": "play"})  # past the finish line: training carries on
    assert runner.playing
    for _ in range(3):
        runner.tick()
    assert runner.session.epoch == stopped_at + 3
    session = runner.session
    assert session.apply({"target_loss": 0.0001}) is False  # live: no reset, a new finish line
    assert session.epoch == stopped_at + 3 and not session.finished


def test_learning_rate_applies_live_without_reset():
    s = lab.ActivationsSession({"experiment": "race", **SMALL})
    s.step(2)
    assert s.apply({"lr": 0.01}) is False and s.epoch == 2
    assert all(t.lr == 0.01 and t.net.lr == 0.01 for t in s.trainers.values())
    assert s.apply({"depth": 3}) is True and s.epoch == 0


def test_same_seed_same_history_different_seed_different():
    run = lambda seed: lab.run_headless({"experiment": "race", "seed": seed, **SMALL}, 3, {})[0]["histories"]
    assert run(1) == run(1)
    assert run(1) != run(2)


@pytest.mark.parametrize("params", [
    {"experiment": "gradient-flow", "activation": "maxout", "maxout_pieces": 3, "depth": 3},
    {"experiment": "gradient-flow", "activation": "prelu", "depth": 2},
    {"experiment": "race", "activations": "sigmoid,relu,maxout", "depth": 2},
])
def test_expected_state_matches_the_weights_and_round_trips(params):
    params = {**params, **SMALL}
    s = lab.ActivationsSession(params)
    state = s.state()
    assert {k: v.shape for k, v in state.items()} == lab.expected_state(params)
    other = lab.ActivationsSession({**params, "seed": 7})
    other.load_state(state, epoch=4)
    assert other.epoch == 4
    for k, v in other.state().items():
        np.testing.assert_array_equal(v, state[k])


def test_bad_weights_and_bad_params_give_one_line_errors():
    s = lab.ActivationsSession({"experiment": "gradient-flow", "depth": 2, **SMALL})
    bad = s.state()
    bad["sigmoid.W0"] = np.zeros((3, 3))
    with pytest.raises(SessionError, match="shape"):
        s.load_state(bad)
    with pytest.raises(SessionError, match="lack"):
        s.load_state({})
    with pytest.raises(ParamError, match="activations: needs at least 2 different values"):
        lab.run_headless({"experiment": "race", "activations": "relu"}, 1, {})
    with pytest.raises(ParamError, match="depth"):
        lab.run_headless({"depth": 31}, 1, {})
    with pytest.raises(ParamError, match="swish"):
        lab.run_headless({"experiment": "race", "activations": "relu,swish"}, 1, {})
    with pytest.raises(ParamError, match="init"):
        lab.run_headless({"init": "orthogonal"}, 1, {})


def test_measure_cost_is_a_custom_command_whose_table_reaches_the_next_snapshot():
    runner = Runner()
    runner.handle({"op": "open", "factory": lab.SESSION, "params": {"experiment": "race", **SMALL}, "run": 1})
    events = runner.handle({"op": "custom", "name": "measure_cost",
                            "kwargs": {"n": 20_000, "repeats": 1, "names": ["relu", "sigmoid", "step"]}})
    cost = events[-1]["data"]["cost"]
    assert [r["name"] for r in cost["rows"]] == ["relu", "sigmoid", "step"]
    assert all(r["forward_ms"] > 0 for r in cost["rows"]) and cost["rows"][2]["backward_ms"] is None
    assert cost["rows"][0]["relative"] == 1.0 and cost["device"] == "cpu"
    with pytest.raises(SessionError, match="no action"):
        runner.session.custom("explode")
    with pytest.raises(SessionError, match="unknown activation"):
        runner.session.custom("measure_cost", names=["nope"])


def test_params_give_the_issue_cli_options():
    options = {p.option for p in lab.PARAMS if p.cli}
    assert {"--experiment", "--activation", "--activations", "--depth", "--units", "--init", "--seed",
            "--lr", "--target-loss"} <= options
    # the generic options of `playground run` must stay free
    assert not options & {"--epochs", "--json", "--export", "--width", "--device"}
    depth = next(p for p in lab.PARAMS if p.name == "depth")
    assert (depth.minimum, depth.maximum) == (2, 30)


def test_importing_the_lab_module_does_not_import_torch():
    code = ("import sys, playground.labs.activations.core as m; m.expected_state({'experiment': 'race'}); "
            "assert 'torch' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_large_networks_send_their_weights_only_now_and_then_or_when_asked():
    small = lab.ActivationsSession({"experiment": "race", **SMALL})
    assert all("state" in small.snapshot() for _ in range(3))
    big = lab.ActivationsSession({"experiment": "race", "depth": 8, "units": 256, "points": 32})  # 4 MB
    assert "state" in big.snapshot()  # the first frame has them
    assert "state" not in big.snapshot()  # then at most once a second
    big.custom("send_state")
    snap = big.snapshot()
    assert set(snap["state"]) == set(lab.expected_state(big.params))
