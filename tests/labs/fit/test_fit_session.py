"""The fit lab's core: it learns (16 sigmoids fit sin(2πx)), the width sweep's error falls with the
width, Cybenko's terms add up to the network, the Lipschitz counts match a hand computation, files
round-trip exactly, and bad input (a CSV row, a formula, a saved array) is refused with a message."""
import math

import numpy as np
import pytest

from playground.core.train.session import SessionError
from playground.labs.fit import theory
from playground.labs.fit.core import FitSession, decode_text, encode_text, expected_state, run_headless


def test_a_16_unit_sigmoid_network_fits_sin_2pi_x():
    result, _ = run_headless({"target": "sin", "units": 16, "activation": "sigmoid"}, 3000)
    assert result["mse"] < 1e-3 and result["sup_error"] < 0.1
    assert result["width"] == 16 and result["activation"] == "sigmoid"
    assert len(result["history"]) == 3000 and result["history"][-1]["mse"] == pytest.approx(result["mse"], rel=0.5)


def test_the_width_sweep_error_falls_with_the_width_on_sin():
    s = FitSession({"sweep_max": 16, "sweep_epochs": 1500, "sweep_activations": ["sigmoid"]})
    s.custom("start_sweep")
    steps = 0
    while s.job is not None:
        s.step(1)
        steps += 1
    assert steps > 5  # many small pieces of work, not one long call
    mse = s.sweep_mse[0]  # widths 1, 2, 4, 8, 16
    assert np.all(mse > 0)
    assert mse[-1] < mse[0] / 50 and mse[3] < mse[1] and mse[4] < mse[2]


def test_the_headless_sweep_reports_each_width():
    result, _ = run_headless({"units": 4}, 300, {"sweep": "1,4,16"})
    assert set(result["sweep"]) == {"1", "4", "16"}
    assert result["sweep"]["16"]["mse"] < result["sweep"]["1"]["mse"]
    assert all(v["sup_error"] > 0 for v in result["sweep"].values())


def test_cybenko_terms_add_up_to_the_network_output():
    s = FitSession({"units": 7, "activation": "tanh"})
    s.step(50)
    snap = s.snapshot()
    total = snap["contrib"].astype(float).sum(axis=0) + snap["out_bias"]
    w = s.net.params()
    x = snap["contrib_x"]
    by_hand = np.tanh(x[:, None] * w["layer0.weight"] + w["layer0.bias"]) @ w["layer1.weight"][:, 0] + w["layer1.bias"][0]
    np.testing.assert_allclose(total, by_hand, atol=1e-5)  # the terms travel as float32
    np.testing.assert_allclose(s.net.predict(x.reshape(-1, 1))[:, 0], by_hand, atol=1e-12)


def test_lipschitz_bin_counts_by_hand():
    assert theory.lipschitz_bins(10, 0.05) == 100  # 10 / 0.1, not 101 from rounding
    assert theory.lipschitz_bins(1, 0.3) == 2  # ceil(1/0.6)
    assert theory.lipschitz_bins(3, 1.0) == 2  # ceil(1.5)
    assert theory.lipschitz_bins(1, 10) == 1
    assert theory.lipschitz_bins_nd(10, 0.05, 3) == 1_000_000
    assert theory.lipschitz_bins_nd(7, 0.5, 10) == 7 ** 10
    result, _ = run_headless({"lipschitz": 10, "epsilon": 0.05, "dims": 3}, 0)
    assert result["bins_1d"] == 100 and result["bins"] == 1_000_000


def test_the_piecewise_constant_approximation_stays_within_epsilon():
    L, eps = 12.0, 0.04
    f = lambda x: 0.5 * np.sin(L * x / 0.5)  # slope up to L
    x = np.linspace(0, 1, 20001)
    edges, values, approx = theory.piecewise_constant(f, L, eps, x)
    assert len(values) == math.ceil(L / (2 * eps))
    assert np.max(np.abs(approx - f(x))) <= eps + 1e-12


def test_hand_built_bumps_fit_a_smooth_target_better_with_more_bins():
    x = np.linspace(0, 1, 400)
    y = np.sin(2 * np.pi * x)
    errs = []
    for n in (4, 16, 64):
        h = theory.fit_heights(x, y, 0, 1, n, "sigmoid", 100.0)
        errs.append(np.max(np.abs(theory.bump_curve(x, 0, 1, h, "sigmoid", 100.0) - y)))
    assert errs[0] > errs[1] > errs[2] and errs[2] < 0.1
    relu = theory.bump_basis(x, 0, 1, 8, "relu", 50.0)
    np.testing.assert_allclose(relu.sum(axis=1), 1.0, atol=1e-12)  # the bumps tile the interval


def test_state_round_trips_exactly_with_drawn_points_sweep_and_heights():
    s = FitSession({"units": 5, "sweep_max": 4, "sweep_epochs": 20, "bins": 6})
    s.step(30)
    s.custom("draw", xs=[0.2, 0.4, 0.6], ys=[0.5, 0.9, 0.1])
    s.custom("start_sweep")
    while s.job is not None:
        s.step(1)
    s.custom("fit_heights")
    s.step(10)
    state = s.state()
    assert s.params["target"] == "drawn"
    assert {k: np.shape(v) for k, v in state.items()} == expected_state(s.params)
    other = FitSession(dict(s.params))
    other.load_state(state, epoch=s.epoch)
    for k, v in state.items():
        np.testing.assert_array_equal(other.state()[k], v, err_msg=k)
    assert other.mse == s.mse and other.params["target"] == "drawn"
    np.testing.assert_array_equal(other.y, s.y)  # the drawn samples, not sin(2πx)


def test_a_formula_target_is_saved_as_text_and_checked_on_load():
    s = FitSession({})
    s.custom("set_formula", text="x*sin(15*x)")
    state = s.state()
    assert decode_text(state["target.formula"]) == "x*sin(15*x)"
    other = FitSession(dict(s.params))
    other.load_state(state)
    assert other.formula_text == "x*sin(15*x)"
    np.testing.assert_allclose(other.clean, other.grid_x * np.sin(15 * other.grid_x))
    bad = dict(state, **{"target.formula": encode_text("x.real")})
    with pytest.raises(SessionError, match="attribute"):
        other.load_state(bad)
    with pytest.raises(SessionError, match="formula: column 1: unknown name"):
        s.custom("set_formula", text="foo + 1")
    assert s.formula_text == "x*sin(15*x)"  # the bad formula changed nothing


def test_load_state_refuses_bad_arrays():
    s = FitSession({})
    state = s.state()
    with pytest.raises(SessionError, match="missing"):
        s.load_state({k: v for k, v in state.items() if k != "sweep.mse"})
    with pytest.raises(SessionError, match="below 0"):
        s.load_state(dict(state, **{"sweep.mse": np.full_like(state["sweep.mse"], -3.0)}))
    with pytest.raises(SessionError, match="shape"):
        s.load_state(dict(state, **{"bumps.heights": np.zeros(3)}))
    with pytest.raises(SessionError, match="does not belong"):
        s.load_state(dict(state, extra=np.zeros(2)))


def test_csv_points_load_and_bad_rows_are_named(tmp_path):
    good = tmp_path / "pts.csv"
    good.write_text("x,y\n0,1\n0.5,2\n2,0\n")
    s = FitSession({})
    s.custom("load_csv", path=str(good))
    assert s.params["target"] == "csv" and s.params["points"] == 3 and s.params["x_max"] == 2.0
    np.testing.assert_array_equal(s.y, [1, 2, 0])
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n0,1\n0.5,abc\n")
    with pytest.raises(SessionError, match="row 3"):
        s.custom("load_csv", path=str(bad))
    short = tmp_path / "short.csv"
    short.write_text("0,1\n1\n")
    with pytest.raises(SessionError, match="row 2: expected 2 values"):
        s.custom("load_csv", path=str(short))
    with pytest.raises(SessionError, match="not a regular file"):
        s.custom("load_csv", path=str(tmp_path))
    assert s.params["target"] == "csv" and len(s.x) == 3  # the good points stay


def test_a_job_cancels_and_the_main_network_trains_on():
    s = FitSession({"sweep_max": 64})
    s.custom("start_sweep")
    s.step(3)
    assert s.job is not None and 0 < s.job.progress < 1
    s.custom("cancel_job")
    assert s.job is None
    s.step(2)
    assert s.epoch == 2


def test_a_diverging_run_is_reported_not_raised():
    result, _ = run_headless({"lr": 10.0, "optimizer": "sgd", "activation": "relu", "units": 64}, 200)
    assert result["diverged"] and "learning rate" in result["message"]


def test_an_experiment_file_reopens_a_drawn_target_its_sweep_and_weights(tmp_path):
    from playground.core.train.experiment import load_experiment, save_experiment

    s = FitSession({"units": 6, "sweep_max": 2, "sweep_epochs": 10, "bins": 4})
    s.custom("draw", xs=[0.1, 0.9], ys=[0.3, 0.3])
    s.step(20)
    s.custom("start_sweep")
    while s.job is not None:
        s.step(1)
    path = tmp_path / "fit.npexp.json"
    save_experiment(path, "fit", s.params, s.state(), s.epoch)
    exp = load_experiment(path)
    other = FitSession(exp.params)
    other.load_state(exp.state, exp.epoch)
    assert other.params["target"] == "drawn" and other.epoch == 20
    for k, v in s.state().items():
        np.testing.assert_array_equal(other.state()[k], v, err_msg=k)


def test_rewinding_the_timeline_keeps_the_sweep_results():
    s = FitSession({"sweep_max": 2, "sweep_epochs": 10})
    s.step(40)
    s.custom("start_sweep")
    while s.job is not None:
        s.step(1)
    done = s.sweep_mse.copy()
    assert s.rewind(20) == 20 and s.epoch == 20
    np.testing.assert_array_equal(s.sweep_mse, done)


@pytest.mark.parametrize("params", [
    {"activation": "sigmoid", "optimizer": "adam"},
    {"activation": "relu", "depth": 2, "units": 6, "optimizer": "momentum", "lr": 0.01},
])
def test_the_lab_trains_exactly_like_a_plain_torch_loop(params):
    """Full batch, so both see the same data in the same order: the same weights after 30 epochs."""
    import torch

    from playground.labs.fit.core import torch_reference

    session, model, one_epoch = torch_reference(params)
    for _ in range(30):
        one_epoch()
    session.step(30)
    x = session.grid_x.reshape(-1, 1)
    with torch.no_grad():
        expected = model(torch.from_numpy(x)).numpy()[:, 0]
    np.testing.assert_allclose(session.net.predict(x)[:, 0], expected, atol=1e-9)


def test_the_kolmogorov_arnold_adam_is_torchs_adam_and_the_fit_improves():
    import torch

    from playground.labs.fit import ka

    job = ka.KAJob("sincos", 60, ka.init_state(3), seed=3)
    while not job.done:
        job.advance()
    ref = ka.KAJob("sincos", 0, ka.init_state(3), seed=3)
    opt = torch.optim.Adam(ref.params.values(), lr=ka.LR)
    for _ in range(60):
        opt.zero_grad()
        ((ref._forward(ref.x) - ref.y) ** 2).mean().backward()
        opt.step()
    for k, p in ref.params.items():
        np.testing.assert_allclose(job.params[k].detach().numpy(), p.detach().numpy(), atol=1e-12, err_msg=k)
    # the numpy forward the snapshots use is the torch one
    np.testing.assert_allclose(ka.forward(job.state(), job.x.numpy()), job._forward(job.x).detach().numpy(), atol=1e-12)
    assert ka.snapshot(job.state(), "sincos")["mse"] < ka.snapshot(ka.init_state(3), "sincos")["mse"] / 2


def test_a_network_too_slow_for_the_worker_is_refused_and_nothing_changes():
    s = FitSession({"depth": 8, "units": 256, "points": 100})
    s.step(1)
    with pytest.raises(SessionError, match="billion operations per epoch"):
        s.apply({"points": 5000})
    assert s.params["points"] == 100 and len(s.x) == 100 and s.epoch == 1
    with pytest.raises(SessionError, match="batches of 1"):
        s.apply({"batch_size": 1, "points": 2000})
    with pytest.raises(SessionError, match="batches of 1"):
        FitSession({"depth": 8, "units": 256, "points": 1000, "batch_size": 1})
    FitSession({"units": 256, "points": 5000, "batch_size": 1})  # one wide layer is fine
