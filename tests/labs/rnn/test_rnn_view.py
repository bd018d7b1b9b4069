"""The recurrent networks lab as a user drives it: the transport steps, plays, goes back and resets the
unroll without the worker, clicks jump to a step, sliders edit a weight that reaches the session, the
stepper follows the trained weights, the other tabs train, texts are checked, every figure exports,
and a saved experiment reopens with its weights, its typed text and its current step."""
import html
import json

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from frames import wait_for_frame
from in_process import InProcessController
from playground.labs.rnn import core
from playground.labs.rnn.tasks import input_label
from playground.labs.rnn.view import TAB_RACE, TAB_TEXT, TAB_TRAINING, TAB_UNROLL, RnnLab
from playground.registry import get_lab
from playground.ui.export import export_figure
from playground.ui.theme import DARK, LIGHT


@pytest.fixture
def lab(qtbot):
    controller = InProcessController()
    view = RnnLab(get_lab("rnn"), controller, LIGHT)
    controller.view = view
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    view.start_session()
    return view, controller


def _click(qtbot, plot, x, y):
    scene = plot.item.getViewBox().mapViewToScene(QPointF(x, y))
    qtbot.mouseClick(plot.viewport(), Qt.LeftButton, pos=plot.mapFromScene(scene))


def test_step_back_and_reset_walk_through_time_without_the_worker(lab):
    view, controller = lab
    assert view.tabs.currentIndex() == TAB_UNROLL
    for _ in range(3):
        assert view.local_transport("step")
    assert view.step == 3 and "Step 3" in view.unroll.detail.text()
    h3 = view.unroll.run["h"][2]
    assert f"{h3[0]:+.3f}" in view.unroll.detail.text()
    assert view.local_transport("back") and view.step == 2
    assert view.local_transport("reset") and view.step == 0
    assert controller.session.epoch == 0  # nothing trained
    image = view.unroll.heat_image.image
    assert image[..., 3].max() == 0  # step 0: the heat map is empty
    view.local_transport("step")
    assert view.unroll.heat_image.image[:, 0, 3].min() == 255 and view.unroll.heat_image.image[:, 1:, 3].max() == 0


def test_the_detail_panel_shows_the_gates_of_an_lstm(lab):
    view, _c = lab
    view.panel.set_value_interactively("cell", "lstm")
    view.local_transport("step")
    text = view.unroll.detail.text()
    for word in ("input gate i", "forget gate f", "output gate o", "c<sub>1</sub>"):
        assert word in text


def test_play_steps_on_a_timer_and_stops_at_the_end(lab, qtbot):
    view, _c = lab
    view.panel.set_value_interactively("length", 3)
    view.local_transport("play")
    assert view.playing_locally
    qtbot.waitUntil(lambda: view.step == 3 and not view.playing_locally, timeout=5000)
    view.local_transport("play")  # at the end, Play starts again from the beginning
    assert view.playing_locally and view.step == 0
    view.local_transport("play")
    assert not view.playing_locally


def test_clicking_a_box_or_a_heat_map_column_jumps_there(lab, qtbot):
    view, _c = lab
    qtbot.wait(50)
    _click(qtbot, view.unroll.diagram, 7, 0)
    assert view.step == 7
    _click(qtbot, view.unroll.heat, 12, 0)
    assert view.step == 12 and view.params()["unroll_step"] == 12


def test_other_tabs_leave_the_transport_to_the_worker(lab):
    view, _c = lab
    view.tabs.setCurrentIndex(TAB_TRAINING)
    assert view.local_transport("step") is False


def test_a_slider_edits_a_weight_that_reaches_the_session(lab, qtbot):
    view, controller = lab
    view.panel.set_value_interactively("hidden", 2)
    slider = view.unroll.slider("weight_hh_l0", (0, 1))
    assert slider is not None
    view.local_transport("step")
    view.local_transport("step")
    slider.setValue(-150)
    assert view.unroll.weights["weight_hh_l0"][0, 1] == -1.5
    assert "Step 2" in view.unroll.detail.text()
    qtbot.waitUntil(lambda: controller.session.state()["weight_hh_l0"][0, 1] == pytest.approx(-1.5), timeout=3000)
    view.unroll.seeded_button.click()
    assert controller.session.state()["weight_hh_l0"][0, 1] != pytest.approx(-1.5)


def test_the_stepper_follows_the_trained_weights(lab):
    view, controller = lab
    controller.step(25)
    trained = controller.session.state()
    assert all(np.allclose(view._weights[k], trained[k]) for k in trained)
    assert view.last_snapshot["epoch"] == 25
    assert view.training.loss.curves["loss"].getData()[0] is None  # a hidden tab is not drawn...
    view.tabs.setCurrentIndex(TAB_TRAINING)
    assert len(view.training.loss.curves["loss"].getData()[0]) == 25  # ...until it is shown


def test_texts_are_checked_and_the_typed_one_reaches_the_session(lab):
    view, controller = lab
    view.tabs.setCurrentIndex(TAB_TEXT)
    panel = view.text_panel
    panel.editor.setPlainText("   ")
    panel.use_button.click()
    assert "empty" in panel.message.text()
    assert controller.session.text.startswith("Maître Corbeau")
    panel.editor.setPlainText("le chat dort sur le tapis. " * 5)
    panel.use_button.click()
    assert controller.session.text == "le chat dort sur le tapis. " * 5
    assert panel.open_file("/nonexistent/file.txt") is False and "does not exist" in panel.message.text()


def test_the_race_tab_starts_and_cancels_a_race(lab):
    view, controller = lab
    view.race.start_button.click()
    assert controller.playing and controller.session.params["experiment"] == "race"
    controller.step(3)
    assert view.tabs.currentIndex() == TAB_RACE and view.race.progress.value() > 0
    assert "Memory race" in view.readout.text()
    view.race.start_button.click()  # again: the race starts over
    assert controller.session.race.done_runs == 0 and controller.session.epoch == 0
    view.race.cancel_button.click()
    assert not controller.playing and controller.session.params["experiment"] == "train"


def test_every_figure_exports_and_the_grab_is_not_blank(lab, tmp_path):
    view, controller = lab
    controller.step(5)
    view.local_transport("step")
    figures = view.figures()
    assert {"unroll", "hidden_state", "gradient_through_time", "connectivity", "memory_race"} <= set(figures)
    for name, fig in figures.items():
        for ext in ("png", "svg"):
            path = tmp_path / f"{name}.{ext}"
            export_figure(fig, str(path), 800)
            assert path.stat().st_size > 500, name
    image = view.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    assert len(colours) > 40
    view.apply_theme(DARK)  # restyles and redraws without error


def test_save_and_reopen_restores_weights_text_and_step(qtbot, tmp_path):
    from playground.ui.main_window import MainWindow

    w = MainWindow(lab_id="rnn", restore=False)
    qtbot.addWidget(w)
    w.show()
    c = w.controller
    wait_for_frame(qtbot, c, timeout=60000)
    view = w.current
    view.panel.set_value_interactively("task", "chars")
    view.panel.set_value_interactively("hidden", 12)
    wait_for_frame(qtbot, c, lambda s: s["params"]["hidden"] == 12 and s["task"] == "chars")
    view.text_panel.editor.setPlainText("une poule sur un mur qui picore du pain dur. " * 4)
    view.text_panel.use_button.click()
    c.step(4)
    saved = wait_for_frame(qtbot, c, lambda s: s["epoch"] == 4)
    for _ in range(7):
        w.step_once()  # the Unroll tab is shown: the transport steps the unroll
    assert view.step == 7 and c.last_snapshot["epoch"] == 4
    path = tmp_path / "rnn.npexp.json"
    if w.save_path(str(path)) is None:  # it waits for the frame that has seen the last step
        qtbot.waitUntil(path.exists, timeout=15000)
    doc = json.loads(path.read_text())
    assert doc["params"]["unroll_step"] == 7 and doc["params"]["task"] == "chars"

    view.text_panel.load_text("autre chose, tout à fait autre chose. " * 3)
    view.panel.set_value_interactively("hidden", 5)
    w.reset()
    wait_for_frame(qtbot, c, lambda s: s["params"]["hidden"] == 5)
    assert w.open_path(str(path))
    restored = wait_for_frame(qtbot, c, lambda s: s["params"]["hidden"] == 12 and s["epoch"] == 4)
    assert view.step == 7
    assert view.text_panel.editor.toPlainText() == "une poule sur un mur qui picore du pain dur. " * 4
    for k, v in saved["state"].items():
        assert np.allclose(restored["state"][k], v), k
    w.close()


def test_the_temperature_slider_reaches_the_session_and_the_panel(lab):
    view, controller = lab
    view.tabs.setCurrentIndex(TAB_TEXT)
    view.text_panel.temperature.setValue(150)
    assert controller.session.params["temperature"] == pytest.approx(1.5)
    assert "adventurous" in view.text_panel.temperature_label.text()
    view.panel.set_value_interactively("temperature", 0.3)
    assert view.text_panel.temperature.value() == 30


def test_the_step_panel_says_which_character_or_symbol_comes_in(lab):
    view, _c = lab
    view.panel.set_value_interactively("task", "chars")
    view.local_transport("step")
    x, _y = core.stepper_inputs(view.params(), view.text_in_use)
    expected = input_label("chars", x[0])
    assert expected.endswith("(one-hot, 140 entries)")
    assert html.escape(expected) in view.unroll.detail.text()
    view.panel.set_value_interactively("task", "memory")
    assert "symbol" in view.unroll.detail.text() and "to remember" in view.unroll.detail.text()


def test_hovering_the_heat_maps_tells_the_value_underneath(lab):
    view, controller = lab
    for _ in range(4):
        view.local_transport("step")
    h = view.unroll.run["h"]
    assert view.unroll.heat_value_text(3, 1) == f"h_3[2] = {h[2, 1]:+.4f}"
    assert view.unroll.heat_value_text(9, 1) == ""  # not computed yet
    controller.step(6)
    view.tabs.setCurrentIndex(TAB_TRAINING)
    g = controller.session.grad_rows[-1]
    assert view.training.grad_value_text(20, 6) == f"epoch 6, step 20: ‖∂L/∂h_20‖ = {g[19]:.3g}"
    assert view.training.grad_value_text(25, 6) == ""


def test_a_diverged_run_draws_on_every_tab_without_warnings(qtbot):
    import warnings

    result, snap = core.run_headless({"cell": "relu", "lr": 10, "optimizer": "sgd", "clip": False, "hidden": 32,
                                      "length": 50}, 50)
    assert result["diverged"] and "lower the learning rate" in result["message"]
    view = RnnLab(get_lab("rnn"), None, LIGHT)
    qtbot.addWidget(view)
    view.show()
    view.set_params({"cell": "relu", "hidden": 32, "length": 50})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        view.receive_snapshot(snap)
        for i in range(view.tabs.count()):
            view.tabs.setCurrentIndex(i)
            view.local_transport("step")
            view.grab()
