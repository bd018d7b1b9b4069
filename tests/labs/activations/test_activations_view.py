"""The activation functions lab view: the explorer redraws when a slider moves, snapshots become bars
and curves, tabs and presets choose the experiment, and in the real window the worker trains it and
measures the cost table on request."""
import numpy as np
import pytest

from frames import save_and_wait, wait_for_frame
from playground.labs.activations import core
from playground.registry import get_lab
from playground.labs.activations.view import FLOW_PRESETS, TAB_EXPLORER, TAB_FLOW, TAB_RACE, ActivationsLab
from playground.ui.theme import DARK, LIGHT

SMALL = {"points": 64, "units": 8, "batch_size": 16}


@pytest.fixture
def view(qtbot):
    v = ActivationsLab(get_lab("activations"), None, LIGHT)  # no worker: snapshots are fed by hand
    qtbot.addWidget(v)
    v.resize(1400, 900)
    v.show()
    return v


def _curve_y_at(curve, x0):
    xs, ys = curve.getData()
    return float(ys[np.argmin(np.abs(xs - x0))])


def test_explorer_redraws_when_the_leaky_slope_slider_moves(qtbot, view):
    ex = view.explorer
    view.tabs.setCurrentIndex(TAB_EXPLORER)
    ex.set_checked(["leaky_relu", "relu"], current="leaky_relu")
    assert _curve_y_at(ex.f_curves["leaky_relu"], -6.0) == pytest.approx(-0.06, abs=1e-9)
    with qtbot.waitSignal(ex.redrawn, timeout=2000):
        ex.slope.slider.setValue(30)  # the user drags it to 0.30
    assert ex.slope.shown.text() == "0.3"
    assert _curve_y_at(ex.f_curves["leaky_relu"], -6.0) == pytest.approx(-1.8, abs=1e-9)
    assert _curve_y_at(ex.d_curves["leaky_relu"], -1.0) == pytest.approx(0.3, abs=1e-9)


def test_explorer_draws_maxout_pieces_and_follows_the_pieces_slider(qtbot, view):
    ex = view.explorer
    ex.set_checked(["maxout"], current="maxout")
    assert len(ex.piece_lines) == 2
    ex.pieces.set_value(5)
    assert len(ex.piece_lines) == 5
    ex.set_checked(["relu"], current="relu")
    assert ex.piece_lines == []


def test_explorer_shades_where_the_derivative_is_below_the_threshold(qtbot, view):
    ex = view.explorer
    ex.set_checked(["sigmoid"], current="sigmoid")
    (lo1, hi1), (lo2, hi2) = ex.saturated  # both tails of the sigmoid, about |x| > 2.9 at 0.05
    assert lo1 == pytest.approx(-6.0) and hi2 == pytest.approx(6.0)
    assert -3.2 < hi1 < -2.6 and 2.6 < lo2 < 3.2
    ex.threshold.set_value(0.2)  # σ' < 0.2 already beyond |x| ≈ 1.1: wider bands
    assert ex.saturated[0][1] > -1.5
    ex.set_checked(["relu"], current="relu")
    assert len(ex.saturated) == 1 and ex.saturated[0][1] <= 0.0  # ReLU: the whole negative side
    assert "Saturated" in ex.formula.text()


def test_explorer_notes_switch_to_french_and_say_where_they_come_from(qtbot, view):
    ex = view.explorer
    ex.set_checked(["sigmoid"], current="sigmoid")
    ex.lang.setCurrentIndex(1)
    assert "Bien étudié." in ex.formula.text() and "Inconvénients" in ex.formula.text()
    ex.set_checked(["elu"], current="elu")
    assert "ne donne que la formule" in ex.formula.text()


def test_a_gradient_flow_snapshot_becomes_log_bars_and_a_verdict(qtbot, view):
    _, snap = core.run_headless({"experiment": "gradient-flow", "activation": "sigmoid", "depth": 12,
                                 "init": "uniform", **SMALL}, 2, {})
    view.receive_snapshot(snap)
    heights = view.grad_bars.bars.opts["height"]
    assert len(heights) == 12 and heights[0] < heights[-1] - 5  # more than 5 decades apart
    assert "vanishes" in view.flow_note.text()
    assert len(view.dead_bars.opts["x"]) == 12
    assert "Epoch 2" in view.readout.text()


def test_an_overflowing_gradient_is_called_so_not_divided_into_a_nan_ratio(qtbot, view):
    """inf / inf gave NaN with a numpy warning, and NaN orders of magnitude read as 'stays level'."""
    import warnings

    _, snap = core.run_headless({"experiment": "gradient-flow", "activation": "sigmoid", "depth": 6,
                                 "init": "uniform", **SMALL}, 1, {})
    snap["grad_norms"] = [np.inf] * 6
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        view.receive_snapshot(snap)
    assert "overflows" in view.flow_note.text() and "level" not in view.flow_note.text()


def test_a_race_snapshot_draws_both_curves_the_target_and_the_speedup(qtbot, view):
    view.tabs.setCurrentIndex(TAB_RACE)
    _, snap = core.run_headless({"experiment": "race", "activations": "relu,tanh", "target_loss": 0.69,
                                 **SMALL}, 6, {})
    view.receive_snapshot(snap)
    assert set(view.race_curves) == {"relu", "tanh"}
    assert len(view.race_curves["relu"].getData()[0]) == 6
    assert len(view._race_lines) == 2  # both reached the easy target: a marker each
    assert view.target_line.value() == pytest.approx(np.log10(0.69))
    assert "Speed-up" in view.race_summary.text()


def test_tabs_and_presets_choose_the_experiment(qtbot, view):
    assert view.params()["experiment"] == "gradient-flow" and view.tabs.currentIndex() == TAB_FLOW
    view.tabs.setCurrentIndex(TAB_RACE)
    assert view.params()["experiment"] == "race"
    assert view.panel.widgets["experiment"].currentData() == "race"
    label, values = FLOW_PRESETS[2]
    assert label.startswith("Flat")
    view._apply_preset(values)
    assert view.tabs.currentIndex() == TAB_FLOW
    assert {k: view.params()[k] for k in ("experiment", "activation", "depth", "init")} == {
        "experiment": "gradient-flow", "activation": "relu", "depth": 20, "init": "he"}
    view.panel.set_value_interactively("experiment", "race")
    assert view.tabs.currentIndex() == TAB_RACE


def test_the_cost_table_fills_from_a_snapshot(qtbot, view):
    _, snap = core.run_headless({"experiment": "race", **SMALL}, 1, {})
    snap["cost"] = {"device": "cpu", "n": 1000, "repeats": 1, "threads": 1, "measured_at": 1.0, "rows": [
        {"name": "relu", "label": "ReLU", "forward_ms": 0.1, "backward_ms": 0.3, "numpy_ms": 0.5, "relative": 1.0},
        {"name": "sigmoid", "label": "Sigmoid", "forward_ms": 0.4, "backward_ms": 0.6, "numpy_ms": 5.0,
         "relative": 4.0},
        {"name": "step", "label": "Step", "forward_ms": 0.2, "backward_ms": None, "numpy_ms": 0.3, "relative": 2.0}]}
    view.receive_snapshot(snap)
    t = view.cost_table
    assert t.rowCount() == 3 and t.item(1, 0).text() == "Sigmoid" and t.item(2, 2).text() == "–"
    assert "4.0x ReLU" in view.cost_status.text()


def test_theme_switch_and_figures(qtbot, view):
    _, snap = core.run_headless({"experiment": "race", **SMALL}, 2, {})
    view.receive_snapshot(snap)
    assert next(iter(view.figures())) == "race"  # the main figure follows the experiment shown
    view.apply_theme(DARK)
    assert set(view.figures()) >= {"gradient_flow", "race", "explorer_f", "explorer_df", "cost"}


def test_in_the_window_the_worker_trains_and_measures_the_cost(qtbot):
    from playground.ui.main_window import MainWindow

    w = MainWindow(lab_id="activations", restore=False)
    qtbot.addWidget(w)
    w.show()
    try:
        c = w.controller
        snap = wait_for_frame(qtbot, c, timeout=60000)
        assert snap["experiment"] == "gradient-flow" and snap["state"]
        w.step_action.trigger()
        assert wait_for_frame(qtbot, c, lambda s: s["epoch"] >= 1)["epoch"] == 1
        lab = w.current
        lab.tabs.setCurrentIndex(TAB_RACE)
        wait_for_frame(qtbot, c, lambda s: s["experiment"] == "race")
        lab.measure_button.click()
        assert not lab.measure_button.isEnabled()
        snap = wait_for_frame(qtbot, c, lambda s: "cost" in s, timeout=30000)
        assert len(snap["cost"]["rows"]) == len(core.activations.names())
        qtbot.waitUntil(lambda: lab.cost_table.rowCount() > 0 and lab.measure_button.isEnabled(), timeout=2000)
    finally:
        w.close()


def test_in_the_window_a_race_saves_and_reopens_with_its_weights(qtbot, tmp_path):
    import json

    from playground.ui.main_window import MainWindow

    w = MainWindow(lab_id="activations", restore=False)
    qtbot.addWidget(w)
    w.show()
    try:
        c = w.controller
        wait_for_frame(qtbot, c, timeout=60000)
        lab = w.current
        lab._apply_preset({"activations": ["relu", "sigmoid"]})
        wait_for_frame(qtbot, c, lambda s: s["experiment"] == "race" and s["names"] == ["relu", "sigmoid"])
        c.step(7)
        saved = wait_for_frame(qtbot, c, lambda s: s["epoch"] == 7)
        path = tmp_path / "race.npexp.json"
        assert save_and_wait(qtbot, w, str(path))
        doc = json.loads(path.read_text())
        assert doc["lab"] == "activations" and doc["params"]["activations"] == ["relu", "sigmoid"]
        lab._apply_preset({"activations": ["relu", "tanh"]})
        wait_for_frame(qtbot, c, lambda s: s["names"] == ["relu", "tanh"])
        assert w.open_path(str(path))
        restored = wait_for_frame(qtbot, c, lambda s: s["names"] == ["relu", "sigmoid"] and s["epoch"] == 7)
        assert lab.tabs.currentIndex() == TAB_RACE
        for k, v in saved["state"].items():
            assert np.allclose(restored["state"][k], v), k
    finally:
        w.close()


def test_gradient_history_is_an_image_of_layers_by_epochs(qtbot, view):
    _, snap = core.run_headless({"experiment": "gradient-flow", "activation": "tanh", "depth": 4, **SMALL}, 7, {})
    view.receive_snapshot(snap)
    image = view.history_image.image
    assert image.shape == (4, 7)  # rows are layers, columns epochs
    lo, hi = view.history_bar.levels()
    assert lo < hi
