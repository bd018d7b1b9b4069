"""The classification playground's view: hovering shows values, clicking edits a weight live, clicks on
the plot add and remove points, and every control reaches the session. Most tests drive the real
session through an in-process runner (fast and deterministic); one goes through the worker process."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QComboBox, QToolButton

from frames import save_and_wait, wait_for_frame
from in_process import InProcessController
from playground.labs.classify import core as classify_lab
from playground.core.train.params import validate
from playground.registry import get_lab
from playground.labs.classify.view import ClassifyLab
from playground.ui.theme import DARK, LIGHT


@pytest.fixture
def lab(qtbot):
    controller = InProcessController()
    view = ClassifyLab(get_lab("classify"), controller, LIGHT)
    controller.view = view
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    view.start_session()
    controller.step(20)
    return view, controller


def _pixel(plot, x, y):
    scene = plot.item.getViewBox().mapViewToScene(QPointF(x, y))
    return plot.mapFromScene(scene)


def _hover(qtbot, plot, x, y):
    qtbot.wait(40)  # pyqtgraph drops mouse moves closer together than its rate limit
    qtbot.mouseMove(plot.viewport(), _pixel(plot, x, y))


def test_every_neuron_is_drawn_and_the_frame_is_not_blank(lab):
    view, controller = lab
    keys = [n[2] for n in view.network._nodes]
    assert len(keys) == 7 + 4 + 2 + 1 and ("hidden", 0, 3) in keys and ("output", 0) in keys
    image = view.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
    assert len(colours) > 50
    assert "Epoch 20" in view.readout.text() and "numba · cpu" in view.readout.text()


def test_hovering_a_link_a_bias_and_a_neuron_shows_its_value(lab, qtbot):
    view, controller = lab
    net = view.network
    w = controller.session.state()["layer1.weight"][2, 1]
    _hover(qtbot, net.plot, *net.link_point("layer1.weight", (2, 1)))
    assert f"{w:.4f}" in net.hover_label.text() and "[3 → 2]" in net.hover_label.text()
    b = controller.session.state()["layer0.bias"][1]
    _hover(qtbot, net.plot, *net.bias_point("layer0.bias", (1,)))
    assert f"{b:.4f}" in net.hover_label.text()
    _hover(qtbot, net.plot, *net.node_point(("hidden", 0, 1)))
    assert "layer 1, neuron 2" in net.hover_label.text()
    assert view.output.focus_title == "Layer 1, neuron 2"  # the big plot shows that neuron...
    assert controller.session._focus == (0, 1)
    assert view.output._focus.shape == (classify_lab.GRID, classify_lab.GRID)  # ...at full resolution
    _hover(qtbot, net.plot, -1.5, -0.2)  # nothing there
    assert view.output._focus is None and net.hover_label.text() == ""
    assert controller.session._focus is None and "focus_grid" not in view.last_snapshot


def test_clicking_a_link_edits_its_weight_live(lab, qtbot):
    view, controller = lab
    net = view.network
    pos = _pixel(net.plot, *net.link_point("layer2.weight", (1, 0)))
    qtbot.mouseClick(net.plot.viewport(), Qt.LeftButton, pos=pos)
    assert net.editor.isVisible()
    net.editor.setText("-1.75")
    qtbot.keyClick(net.editor, Qt.Key_Return)
    assert controller.session.state()["layer2.weight"][1, 0] == -1.75
    assert controller.session.epoch == 20  # live: no reset
    assert view.last_snapshot["state"]["layer2.weight"][1, 0] == -1.75
    qtbot.mouseClick(net.plot.viewport(), Qt.LeftButton, pos=_pixel(net.plot, *net.bias_point("layer1.bias", (0,))))
    assert net.editor.isVisible()
    net.editor.setText("9")
    qtbot.keyClick(net.editor, Qt.Key_Escape)  # cancelled: nothing sent
    assert not net.editor.isVisible() and controller.session.state()["layer1.bias"][0] != 9.0


def test_clicks_on_the_plot_add_points_and_right_click_removes_one(lab, qtbot):
    view, controller = lab
    s = controller.session
    n = len(s.x_train)
    plot = view.output
    qtbot.mouseClick(plot.viewport(), Qt.LeftButton, pos=_pixel(plot, 5.0, -5.0))
    assert len(s.x_train) == n + 1 and s.y_train[-1] == 1
    assert np.allclose(s.x_train[-1], (5.0, -5.0), atol=0.15)
    qtbot.mouseClick(plot.viewport(), Qt.LeftButton, Qt.ShiftModifier, pos=_pixel(plot, -5.0, 5.0))
    assert len(s.x_train) == n + 2 and s.y_train[-1] == 0
    qtbot.mouseClick(plot.viewport(), Qt.RightButton, pos=_pixel(plot, 5.0, -5.0))
    assert len(s.x_train) == n + 1 and not np.any(np.all(np.abs(s.x_train - (5.0, -5.0)) < 0.15, axis=1))
    assert len(view.last_snapshot["x_train"]) == n + 1
    m = len(s.x_test)
    view.draw_test.setChecked(True)
    qtbot.mouseClick(plot.viewport(), Qt.LeftButton, pos=_pixel(plot, 0.0, 5.5))
    assert len(s.x_test) == m + 1 and len(s.x_train) == n + 1 and view.show_test.isChecked()


def _other_value(p):
    if p.kind == "choice":
        return next(c for c in p.choices if c != p.default and not (p.name == "dataset" and c == "circle"))
    if p.kind == "int":
        return int(p.default) + 1 if p.maximum is None or p.default < p.maximum else int(p.default) - 1
    if p.kind == "float":
        return p.steps[min(len(p.steps) - 1, list(p.steps).index(p.default) + 1)] if p.default in p.steps else (
            p.default + (p.maximum - p.default) / 2)
    if p.kind == "int_list":
        return [3, 3]
    if p.kind == "multi_choice":
        return ["x1", "x2", "x1x2"]
    raise AssertionError(p.kind)


def test_every_control_reaches_the_session(lab):
    view, controller = lab
    for p in classify_lab.PARAMS:
        if not p.gui:
            continue
        value = validate(p, _other_value(p))
        view.panel.set_value_interactively(p.name, value)
        assert controller.session.params[p.name] == value, p.name
    assert not controller.errors


def test_network_buttons_features_and_layer_activations_reach_the_session(lab, qtbot):
    view, controller = lab
    net = view.network
    net.findChild(QToolButton, "add_layer").click()
    assert controller.session.params["layers"] == [4, 2, 2]
    net.findChild(QToolButton, "add_neuron_1").click()
    assert controller.session.params["layers"] == [5, 2, 2]
    net.findChild(QToolButton, "remove_layer").click()
    assert controller.session.params["layers"] == [5, 2]
    assert view.panel.widgets["layers"].text() == "5, 2"
    combo = net.findChild(QComboBox, "layer_activation_2")
    combo.setCurrentIndex(combo.findData("relu"))
    assert controller.session.params["layer_activations"] == ["same", "relu"]
    assert controller.session.spec.activations == ["tanh", "relu"]
    qtbot.mouseClick(net.plot.viewport(), Qt.LeftButton, pos=_pixel(net.plot, *net.node_point(("feature", "x1sq"))))
    assert controller.session.params["features"] == ["x1", "x2", "x1sq"]
    qtbot.mouseClick(net.plot.viewport(), Qt.LeftButton, pos=_pixel(net.plot, *net.node_point(("feature", "x1"))))
    assert controller.session.params["features"] == ["x2", "x1sq"]


def test_show_test_discretize_regenerate_and_theme(lab):
    view, controller = lab
    assert len(view.output.test_points.data) == 0
    view.show_test.setChecked(True)
    assert len(view.output.test_points.data) == len(controller.session.x_test)
    view.discretize.setChecked(True)
    img = view.output.image.image
    assert len({tuple(px) for px in img.reshape(-1, 4)[::37]}) <= 2  # only the two class colours left
    x = controller.session.x_train.copy()
    view.regenerate.click()
    assert not np.array_equal(controller.session.x_train, x)
    view.apply_theme(DARK)
    assert view.last_snapshot is not None


def test_multiclass_data_shows_class_colours_and_a_confusion_matrix(lab):
    view, controller = lab
    view.panel.set_value_interactively("dataset", "spiral3")
    controller.step(5)
    snap = view.last_snapshot
    assert snap["classes"] == 3 and view.confusion.matrix.shape == (3, 3)
    assert view.draw_class.count() == 3
    assert [k for _x, _y, k, _l in view.network._nodes if k[0] == "output"] == [("output", 0), ("output", 1),
                                                                              ("output", 2)]


def test_csv_export_then_import_round_trips_through_the_session(lab, tmp_path):
    view, controller = lab
    path = tmp_path / "points.csv"
    view.export_csv(str(path))
    assert path.read_text().startswith("x1,x2,label\n")
    original = np.sort(controller.session.data().x, axis=0)
    view.panel.set_value_interactively("dataset", "xor")
    view.import_csv(str(path))
    s = controller.session
    assert s.data_name == "custom" and len(s.x_train) + len(s.x_test) == 500
    np.testing.assert_array_equal(np.sort(s.data().x, axis=0), original)  # exactly, not to float32
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2,1\n3,4\n")
    view.import_csv(str(bad))
    assert controller.errors and "row 2" in controller.errors[-1]


def test_the_lab_trains_in_the_worker_and_a_weight_edit_reaches_it(qtbot, controller):
    view = ClassifyLab(get_lab("classify"), controller, LIGHT)
    qtbot.addWidget(view)
    controller.snapshot_ready.connect(view.receive_snapshot)
    view.start_session()
    wait_for_frame(qtbot, controller)
    controller.play()
    wait_for_frame(qtbot, controller, lambda s: s["epoch"] > 30)
    controller.pause()
    wait_for_frame(qtbot, controller, lambda s: not s["playing"])
    view.network.weight_edited.emit("layer0.weight", (0, 0), 3.25)
    snap = wait_for_frame(qtbot, controller, lambda s: s["state"]["layer0.weight"][0, 0] == 3.25)
    assert snap["engine"] == "numba · cpu" and snap["test_loss"] is not None


def test_a_diverged_network_still_draws(lab):
    view, controller = lab
    view.panel.set_value_interactively("lr", 10.0)
    view.panel.set_value_interactively("activation", "relu")
    view.panel.set_value_interactively("dataset", "plane")
    controller.step(30)
    assert controller.session.diverged
    view.show_snapshot(view.last_snapshot)
    assert view.grab().width() > 0


def test_the_window_saves_and_reopens_a_classify_experiment(qtbot, tmp_path):
    import json

    from playground.ui.export import export_figure
    from playground.ui.main_window import MainWindow

    window = MainWindow(lab_id="classify", restore=False)
    qtbot.addWidget(window)
    window.show()
    c = window.controller
    wait_for_frame(qtbot, c, timeout=60000)
    view = window.current
    view.panel.set_value_interactively("dataset", "spiral3")
    view.network.activation_changed.emit(2, "relu")
    wait_for_frame(qtbot, c, lambda s: s["classes"] == 3 and s["activations"] == ["tanh", "relu"])
    c.step(25)
    saved = wait_for_frame(qtbot, c, lambda s: s["epoch"] == 25)
    path = tmp_path / "spiral3.npexp.json"
    assert save_and_wait(qtbot, window, str(path))
    doc = json.loads(path.read_text())
    assert doc["lab"] == "classify" and doc["params"]["layer_activations"] == ["same", "relu"]

    view.panel.set_value_interactively("dataset", "circle")
    wait_for_frame(qtbot, c, lambda s: s["classes"] == 2)
    assert window.open_path(str(path))
    restored = wait_for_frame(qtbot, c, lambda s: s["classes"] == 3 and s["epoch"] == 25)
    for k, v in saved["state"].items():
        assert np.allclose(restored["state"][k], v), k
    for name, fig in window.current.figures().items():
        export_figure(fig, str(tmp_path / f"{name}.png"), 400)
        assert (tmp_path / f"{name}.png").stat().st_size > 1000
    window.close()
