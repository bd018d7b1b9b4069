"""The depth session: equal-budget presets, exact save/reopen of both trained nets, clear refusals of
weights that do not fit, the headless run's JSON, and a torch reference that is the same network."""
from __future__ import annotations

import json

import numpy as np
import pytest

from playground.core.train.experiment import load_experiment, save_experiment
from playground.core.train.session import SessionError
from playground.labs.depth import core as depth
from playground.labs.depth import pieces as pc


def _session(**params):
    return depth.DepthSession({"k": 3, **params})


def test_every_preset_gives_the_two_nets_equal_budgets():
    for i in range(len(depth.PRESETS)):
        for k in (3, 7, 12):
            values = depth.preset_values(i, k)
            s = depth.DepthSession({"k": k, **values, "model": "exact"})
            assert abs(s.nets["deep"].n_params - s.nets["shallow"].n_params) <= 1, (i, k)
            assert s.nets["deep"].layers > s.nets["shallow"].layers
    assert depth.preset_values(4, 5) == {"deep_width": 2, "deep_layers": 5, "shallow_width": 10, "shallow_layers": 1}


def test_state_shapes_match_the_expected_ones_and_the_counted_params():
    s = _session(deep_width=3, deep_layers=4, shallow_width=9)
    shapes = {k: v.shape for k, v in s.state().items()}
    assert shapes == depth.expected_state(s.params)
    assert shapes["deep.layer3.weight"] == (3, 3) and shapes["shallow.layer1.weight"] == (9, 1)
    assert s.nets["deep"].n_params == sum(int(np.prod(v)) for k, v in shapes.items() if k.startswith("deep."))


def test_save_and_reopen_restores_both_nets_exactly(tmp_path):
    s = _session(seed=3)
    s.step(25)
    path = tmp_path / "depth.npexp.json"
    save_experiment(path, "depth", s.params, s.state(), s.epoch)
    exp = load_experiment(path, lab_lookup=lambda _id: depth)
    t = depth.DepthSession(exp.params)
    t.load_state(exp.state, exp.epoch)
    t.restore_curves(s.curves())
    assert t.epoch == 25
    for name, value in s.state().items():
        assert np.array_equal(t.state()[name], value), name  # exactly, not to rounding
    for name in depth.TRAINED:
        assert t.measures(name) == s.measures(name)
    assert t.curves() == s.curves()
    # ...and both carry on identically from there: the optimiser restarts in both the same way.
    s2 = depth.DepthSession(exp.params)
    s2.load_state(s.state(), 25)
    s2.step(3)
    t.step(3)
    for name, value in s2.state().items():
        assert np.array_equal(t.state()[name], value)


def test_weights_that_do_not_fit_are_refused_with_a_sentence():
    s = _session()
    good = s.state()
    bad_shape = dict(good, **{"deep.layer1.weight": np.zeros((5, 5))})
    with pytest.raises(SessionError, match="shape"):
        s.load_state(bad_shape)
    missing = {k: v for k, v in good.items() if k != "shallow.layer0.bias"}
    with pytest.raises(SessionError, match="missing"):
        s.load_state(missing)
    with pytest.raises(SessionError, match="do not belong"):
        s.load_state(dict(good, **{"wide.layer0.weight": np.zeros((1, 1))}))
    with pytest.raises(SessionError, match="finite"):
        s.load_state(dict(good, **{"deep.layer0.bias": np.full(4, np.nan)}))
    assert all(np.array_equal(s.state()[k], v) for k, v in good.items())  # nothing half-loaded


def test_training_is_deterministic_per_seed_and_counts_pieces_every_epoch():
    a, b = _session(seed=5), _session(seed=5)
    a.step(10)
    b.step(10)
    assert all(np.array_equal(a.state()[k], v) for k, v in b.state().items())
    assert len(a.nets["deep"].pieces) == 10
    assert a.nets["shallow"].pieces[-1] == pc.count_pieces(a.nets["shallow"].spec, a.nets["shallow"].engine.params()).count
    c = _session(seed=6)
    c.step(10)
    assert not np.array_equal(c.state()["deep.layer0.weight"], a.state()["deep.layer0.weight"])


def test_knee_init_bends_the_first_layer_inside_the_interval_and_tent_starts_near_the_construction():
    s = _session(k=4, init="knees")
    w, b = s.nets["shallow"].engine.params()["layer0.weight"][0], s.nets["shallow"].engine.params()["layer0.bias"]
    assert np.all((-b / w >= 0) & (-b / w <= 1))
    assert s.nets["shallow"].count().count > 10
    t = _session(k=4, init="tent", deep_width=2, deep_layers=4)
    assert t.measures("deep")["mse"] < 0.3 and t.nets["deep"].count().count >= 8


def test_the_classify_task_uses_the_theorems_sample_and_a_sigmoid():
    s = _session(k=5, task="classify")
    assert s.nets["deep"].spec.output == "sigmoid" and s.nets["deep"].spec.loss == "cross_entropy"
    assert len(s.X) == 32 and np.array_equal(s.T[:, 0], np.arange(32) % 2)
    s.step(5)
    snap = s.snapshot()
    net = snap["nets"]["shallow"]
    assert np.all((net["curve_y"] >= 0) & (net["curve_y"] <= 1))
    assert len(net["knees_x"]) == net["pieces"] - 1
    # The risk and the curve, read off the counted knots, against the engine's own forward pass.
    for name in depth.TRAINED:
        prob = s.nets[name].engine.predict(s.sample_x.reshape(-1, 1))[:, 0]
        assert snap["nets"][name]["risk"] == np.mean((prob >= 0.5) != (s.sample_y == 1))
        x = snap["nets"][name]["curve_x"]
        assert np.allclose(snap["nets"][name]["curve_y"], s.nets[name].engine.predict(x.reshape(-1, 1))[:, 0],
                           atol=1e-9)
    # Started at the tent construction, the deep net classifies the 2^k points without error.
    t = _session(k=4, task="classify", init="tent", deep_width=2, deep_layers=4)
    assert t.measures("deep")["risk"] == 0.0


def test_the_error_read_off_the_knots_is_the_engines_error():
    s = _session(k=5, seed=1)
    s.step(20)
    for name in depth.TRAINED:
        out = s.nets[name].engine.predict(s.eval_x.reshape(-1, 1))[:, 0]
        assert s.measures(name)["mse"] == pytest.approx(float(np.mean((out - s.eval_y) ** 2)), rel=1e-9)


def test_headless_exact_reports_pieces_mse_risk_and_params():
    result, snap = depth.run_headless({"k": 6, "model": "exact"}, 100)
    assert (result["pieces"], result["mse"], result["risk"], result["params"]) == (64, 0.0, 0.0, 37)
    assert result["epochs"] == 0 and result["networks"]["recurrent"]["params"] == 7
    assert result["networks"]["recurrent"]["pieces"] == 64
    json.dumps(result)  # plain numbers only
    assert "curves" in snap


def test_headless_deep_with_width_and_layers_trains_that_net():
    result, _ = depth.run_headless({"k": 3, "model": "deep", "net_width": 3, "layers": 5}, 30)
    assert (result["width"], result["layers"], result["params"]) == (3, 5, 3 * 3 + 1 + 4 * 12)
    assert result["epochs"] == 30 and len(result["history"]) == 30 and "shallow" not in result["networks"]
    assert result["pieces"] >= 1 and 0.0 <= result["risk"] <= 1.0
    assert result["risk_lower_bound"] == pc.risk_lower_bound(result["pieces"], 8)


def test_the_torch_reference_is_the_same_network():
    torch = pytest.importorskip("torch")
    s = _session(k=4)
    from playground.labs.depth.torch_reference import torch_reference

    nets = torch_reference(s)
    x = np.linspace(0, 1, 101).reshape(-1, 1)
    for (model, _output, _opt), name in zip(nets, depth.TRAINED):
        with torch.no_grad():
            ref = model(torch.as_tensor(x)).numpy()
        assert np.allclose(ref, s.nets[name].engine.predict(x), atol=1e-12)
    assert depth.bench_reference({"k": 3}, 0.2) > 0


def test_the_command_line_runs_the_exact_construction_and_one_trained_net(tmp_path, capsys):
    from playground import cli

    out = tmp_path / "out.json"
    assert cli.main(["run", "depth", "--k", "6", "--model", "exact", "--json", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert {k: doc[k] for k in ("pieces", "mse", "risk", "params")} == {"pieces": 64, "mse": 0.0, "risk": 0.0,
                                                                         "params": 37}
    assert cli.main(["run", "depth", "--k", "4", "--model", "shallow", "--net-width", "20", "--layers", "1",
                     "--epochs", "20", "--json", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert (doc["model"], doc["width"], doc["params"], doc["epochs"]) == ("shallow", 20, 61, 20)
    with pytest.raises(SystemExit) as stop:
        cli.main(["run", "depth", "--k", "13"])
    assert stop.value.code == 2 and "above the maximum 12" in capsys.readouterr().err


def test_a_diverged_net_draws_nothing_and_reports_no_error_rather_than_nan():
    s = _session()
    net = s.nets["deep"]
    broken = {k: np.full_like(v, np.nan) for k, v in net.engine.params().items()}
    net.engine.load(broken)
    net.version += 1
    snap = s.snapshot()
    deep = snap["nets"]["deep"]
    assert len(deep["curve_x"]) == 0 and len(deep["knees_x"]) == 0 and deep["mse"] is None
    assert snap["nets"]["shallow"]["mse"] is not None


def test_a_net_too_big_to_draw_live_is_refused_and_the_session_stays_as_it_was():
    s = _session()
    before = s.state()
    with pytest.raises(SessionError, match="at most 50,000"):
        s.apply({"shallow_width": 512, "shallow_layers": 3})
    assert s.params["shallow_layers"] == 1 and all(np.array_equal(s.state()[k], v) for k, v in before.items())


def test_big_nets_send_their_weights_only_with_the_frames_a_user_asks_for():
    s = _session(shallow_width=200, shallow_layers=2)
    assert "state" not in s.snapshot()
    s.full_snapshot = True
    assert s.snapshot()["state"].keys() == depth.expected_state(s.params).keys()
    assert "state" in _session().snapshot()
