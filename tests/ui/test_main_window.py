"""The window as a user drives it, on the Perceptron & XOR lab: play, pause, step, reset, keys,
export, presentation mode, saving and opening experiments, and a corrupt file."""
import json
import os

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from frames import save_and_wait, wait_for_frame
from playground.ui.export import export_figure, export_widget_png
from playground.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    w = MainWindow(lab_id="perceptron", restore=False)
    qtbot.addWidget(w)
    w.show()
    wait_for_frame(qtbot, w.controller, timeout=60000)
    yield w
    w.close()


def test_sidebar_lists_only_existing_labs_by_chapter(window):
    from playground.registry import LABS

    tree = window.sidebar
    labs = [tree.topLevelItem(i).child(j).data(0, Qt.UserRole)
            for i in range(tree.topLevelItemCount()) for j in range(tree.topLevelItem(i).childCount())]
    assert labs == [lab.id for lab in LABS]
    assert window.current.info.id == "perceptron"


def test_play_pause_step_reset(qtbot, window):
    c = window.controller
    window.play_action.trigger()
    assert window.play_action.text() == "Pause"
    wait_for_frame(qtbot, c, lambda s: s["epoch"] >= 5)
    window.play_action.trigger()
    snap = wait_for_frame(qtbot, c, lambda s: not s["playing"])
    window.step_action.trigger()
    assert wait_for_frame(qtbot, c)["epoch"] == snap["epoch"] + 1
    window.reset_action.trigger()
    assert wait_for_frame(qtbot, c)["epoch"] == 0
    assert window.play_action.text() == "Play"


def test_keyboard_space_plays_and_right_arrow_steps(qtbot, window):
    from PySide6.QtTest import QTest

    c = window.controller
    window.activateWindow()
    QTest.keyClick(window, Qt.Key_Right)
    assert wait_for_frame(qtbot, c)["epoch"] == 1
    QTest.keyClick(window, Qt.Key_Space)
    assert c.playing
    QTest.keyClick(window, Qt.Key_Space)
    assert not c.playing
    QTest.keyClick(window, Qt.Key_R)
    assert wait_for_frame(qtbot, c)["epoch"] == 0


def test_a_control_change_reaches_the_session(qtbot, window):
    panel = window.current.panel
    panel.set_value_interactively("dataset", "and")
    snap = wait_for_frame(qtbot, window.controller, lambda s: s["dataset"] == "and")
    assert snap["y"].sum() == 1
    panel.set_value_interactively("hidden", 5)
    snap = wait_for_frame(qtbot, window.controller, lambda s: s["params"]["hidden"] == 5)
    assert snap["mlp_weights"]["w1"].shape == (2, 5)
    assert "hidden_points" not in snap  # the hidden-space view needs width 2


def test_learning_rate_changes_live_without_reset(qtbot, window):
    c = window.controller
    c.step(30)
    wait_for_frame(qtbot, c, lambda s: s["epoch"] == 30)
    window.current.panel.set_value_interactively("lr", "0.05")
    snap = wait_for_frame(qtbot, c, lambda s: s["params"]["lr"] == 0.05)
    assert snap["epoch"] == 30


def test_a_bad_typed_value_is_refused_with_a_reason(qtbot, window):
    panel = window.current.panel
    panel.set_value_interactively("lr", "fast")
    assert "lr" in panel.error_text("lr")
    assert window.current.params()["lr"] == 0.5


def test_every_figure_exports_as_png_svg_and_csv(qtbot, window, tmp_path):
    c = window.controller
    c.step(20)
    wait_for_frame(qtbot, c, lambda s: s["epoch"] == 20)
    for name, fig in window.current.figures().items():
        for ext in ("png", "svg", "csv"):
            path = tmp_path / f"{name}.{ext}"
            export_figure(fig, str(path), width=800)
            assert path.stat().st_size > 40, path
            if ext == "csv":
                assert len(path.read_text().splitlines()) >= 3, path  # a header and data rows
    from PySide6.QtGui import QImage

    img = QImage(str(tmp_path / "perceptron.png"))
    assert img.width() == 800
    assert "<svg" in (tmp_path / "mlp.svg").read_text()
    loss_rows = (tmp_path / "loss.csv").read_text().splitlines()
    assert len(loss_rows) == 21  # header + one row per epoch trained
    export_widget_png(window.current, str(tmp_path / "panel.png"))
    assert QImage(str(tmp_path / "panel.png")).width() > 500


def test_the_window_grab_is_not_blank(qtbot, window):
    c = window.controller
    c.step(50)
    wait_for_frame(qtbot, c, lambda s: s["epoch"] == 50)
    img = window.grab().toImage()
    colours = {img.pixel(x, y) for x in range(0, img.width(), 17) for y in range(0, img.height(), 17)}
    assert len(colours) > 20  # plots, heatmaps, text: far from a flat blank window


def test_presentation_mode_scales_fonts_and_lines_live(qtbot, window):
    before = QApplication.instance().font().pointSizeF()
    lab = window.current
    window.set_presentation(True, full_screen=False)
    assert QApplication.instance().font().pointSizeF() >= before * 1.5
    assert lab.theme.presentation and lab.theme.line_width >= 3
    window.set_presentation(False, full_screen=False)
    assert QApplication.instance().font().pointSizeF() == pytest.approx(before)


def test_save_then_open_restores_parameters_and_weights(qtbot, window, tmp_path):
    c = window.controller
    panel = window.current.panel
    panel.set_value_interactively("dataset", "or")
    panel.set_value_interactively("hidden", 3)
    wait_for_frame(qtbot, c, lambda s: s["params"]["hidden"] == 3)
    c.step(40)
    saved = wait_for_frame(qtbot, c, lambda s: s["epoch"] == 40)
    path = tmp_path / "exp.npexp.json"
    assert save_and_wait(qtbot, window, str(path))
    doc = json.loads(path.read_text())
    assert doc["lab"] == "perceptron" and doc["params"]["hidden"] == 3 and doc["epoch"] == 40

    panel.set_value_interactively("hidden", 6)
    panel.set_value_interactively("dataset", "xor")
    wait_for_frame(qtbot, c, lambda s: s["params"]["hidden"] == 6)
    assert window.open_path(str(path))
    restored = wait_for_frame(qtbot, c, lambda s: s["params"]["hidden"] == 3 and s["epoch"] == 40)
    assert window.current.params()["dataset"] == "or"
    assert panel.widgets["hidden"].value() == 3
    for k, v in saved["state"].items():
        assert np.allclose(restored["state"][k], v), k
    # The same view: the curves come back too, not empty charts.
    assert restored["curves"]["mlp_loss"] == pytest.approx(saved["curves"]["mlp_loss"])
    assert len(restored["mlp_loss"]) == 40
    x, _y = window.current.loss_chart.curves["loss"].getData()
    assert len(x) == 40


@pytest.mark.parametrize("content", ["{ not json", '{"format": "neural-playground-experiment", "version": 99}',
                                     b"\x89PNG\r\n\x1a\n garbage"])
def test_a_corrupt_file_shows_the_problem_and_changes_nothing(qtbot, window, tmp_path, content):
    c = window.controller
    c.step(7)
    before = wait_for_frame(qtbot, c, lambda s: s["epoch"] == 7)
    params = window.current.params()
    path = tmp_path / "bad.json"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert window.open_path(str(path)) is False
    assert "bad.json was not opened" in window.last_message
    assert "unchanged" in window.last_message
    assert window.current.params() == params
    c.step(0)
    after = wait_for_frame(qtbot, c)
    assert after["epoch"] == 7
    for k, v in before["state"].items():
        assert np.allclose(after["state"][k], v)


def test_a_hand_edited_bad_weight_shape_is_refused(qtbot, window, tmp_path):
    c = window.controller
    c.step(3)
    wait_for_frame(qtbot, c, lambda s: s["epoch"] == 3)
    path = tmp_path / "exp.json"
    assert save_and_wait(qtbot, window, str(path))
    doc = json.loads(path.read_text())
    doc["state"]["w1"]["shape"] = [2, 7]
    path.write_text(json.dumps(doc))
    assert window.open_path(str(path)) is False
    assert "w1" in window.last_message


def test_unavailable_devices_are_disabled_with_a_reason(window):
    box = window.device_box
    model = box.model()
    for i in range(box.count()):
        dev = box.itemData(i)
        enabled = model.item(i).isEnabled()
        assert enabled == (dev in window.controller.info["devices"])
        if not enabled:
            assert box.itemData(i, Qt.ToolTipRole)


def test_about_names_the_app_qt_and_torch_versions(window):
    text = window.about_text()
    assert "Neural Playground" in text and "Qt" in text and "torch 2" in text


def test_closing_during_training_exits_promptly(qtbot, window):
    import time

    window.controller.play()
    wait_for_frame(qtbot, window.controller, lambda s: s["epoch"] > 5)
    t0 = time.perf_counter()
    window.close()
    assert time.perf_counter() - t0 < 2.5
    assert not window.controller.is_alive()


def test_window_size_and_last_lab_are_remembered(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("PLAYGROUND_SETTINGS_DIR", str(tmp_path))
    w = MainWindow(lab_id="perceptron")
    qtbot.addWidget(w)
    w.resize(700, 500)  # within the offscreen 800x600 screen: restoreGeometry clamps to it
    w.show()
    size = (w.width(), w.height())  # the window may widen itself to fit its minimum layout
    w.close()
    w2 = MainWindow()
    qtbot.addWidget(w2)
    assert w2.current.info.id == "perceptron"
    # The offscreen screen is 800 px wide and restoreGeometry clamps to it, so the height (500, not
    # the 900 default) is what shows the size was remembered.
    assert w2.height() == size[1] == 500
    w2.close()


def test_export_dialog_writes_the_chosen_figure_and_format(qtbot, window, tmp_path):
    from playground.ui.export import ExportDialog, ExportError

    dialog = ExportDialog(window.current.figures(), window.current, str(tmp_path), window)
    qtbot.addWidget(dialog)
    dialog.figure.setCurrentText("loss")
    dialog.format.setCurrentIndex(dialog.format.findData("svg"))
    assert dialog.path.text().endswith(".svg") and not dialog.width.isEnabled()
    written = dialog.export()
    assert "<svg" in open(written).read()
    dialog.figure.setCurrentText(ExportDialog.WHOLE)
    assert dialog.path.text().endswith(".png") and not dialog.format.isEnabled()
    assert os.path.getsize(dialog.export()) > 1000
    dialog.figure.setCurrentText("mlp")
    dialog.path.setText(str(tmp_path / "no" / "such" / "dir" / "fig.png"))
    with pytest.raises(ExportError, match="does not exist"):
        dialog.export()


def test_a_learning_rate_that_explodes_the_loss_stops_with_a_message(qtbot, window):
    panel = window.current.panel
    panel.set_value_interactively("activation", "linear")
    panel.set_value_interactively("hidden", 8)
    panel.set_value_interactively("lr", "10")
    wait_for_frame(qtbot, window.controller, lambda s: s["params"]["lr"] == 10 and s["params"]["hidden"] == 8)
    with qtbot.waitSignal(window.controller.diverged, timeout=10000):
        window.play_action.trigger()
    assert "lower the learning rate" in window.last_message
    assert window.play_action.text() == "Play"


def test_every_lab_fits_a_1280_px_projector_in_presentation_mode(qtbot, window):
    from playground.registry import LABS

    window.set_presentation(True, full_screen=False)
    assert not window.sidebar.isVisible() or not window.sidebar.isVisibleTo(window)
    for lab in LABS:
        window.open_lab(lab.id)
        QApplication.processEvents()
        view = window.current
        needed = view.content.minimumSizeHint().width() + view.side_scroll.minimumWidth()
        assert needed <= 1280 - 40, (lab.id, needed)  # 40 px for the splitter handle and margins
    window.set_presentation(False, full_screen=False)
    assert window.sidebar.isVisibleTo(window)


def test_a_long_plot_title_never_pushes_the_plot_out_of_its_widget(qtbot, window):
    fig = window.current.figures()["perceptron"]
    fig.set_title("A very long title " * 12, window.current.theme)
    fig.resize(300, 250)
    QApplication.processEvents()
    vb = fig.item.getViewBox()
    assert vb.geometry().right() <= fig.width() + 1


def test_controls_panel_folds_away_with_ctrl_k(qtbot, window):
    view = window.current
    window.controls_action.trigger()
    assert not view.side_scroll.isVisibleTo(window)
    window.controls_action.trigger()
    assert view.side_scroll.isVisibleTo(window)


def test_switching_labs_and_back_continues_where_the_lab_was(qtbot, window):
    c = window.controller
    c.step(5)
    wait_for_frame(qtbot, c, lambda s: s["epoch"] == 5)
    window.open_lab("classify")
    wait_for_frame(qtbot, c, lambda s: "classes" in s)
    window.open_lab("perceptron")
    back = wait_for_frame(qtbot, c, lambda s: "perceptron_w" in s)
    assert back["epoch"] == 5


def test_a_log_curve_chart_frames_values_below_one(qtbot):
    """A log-scale chart's range is in log10 units of the values (0.01 to 1 is -2 to 0), not the values."""
    import pyqtgraph as pg

    from playground.ui.widgets.plots import CurveChart

    w = pg.PlotWidget()
    qtbot.addWidget(w)
    chart = CurveChart(w.getPlotItem(), log_y=True)
    chart.add("err", "#0072B2")
    chart.set("err", [1.0, 0.1, 0.01, 0.0])  # a zero is left out, not a warning
    lo, hi = chart._y_view
    assert lo == -2 and hi == 0


def test_the_play_button_says_pause_while_a_stepper_plays_locally(qtbot):
    from playground.ui.main_window import MainWindow

    win = MainWindow(lab_id="conv", restore=False)
    qtbot.addWidget(win)
    win.show()
    assert win.current.local_steps
    win.toggle_play()  # the convolution stepper slides the kernel itself, no worker involved
    assert win.current.is_playing_locally() and win.play_action.text() == "Pause"
    win.toggle_play()
    assert not win.current.is_playing_locally() and win.play_action.text() == "Play"
    win.close()


def test_the_status_bar_says_when_the_worker_is_building_a_new_run(qtbot, window):
    window.current.panel.set_value_interactively("hidden", 6)  # a new structure: a new run
    seconds = window.controller.waiting_s()
    assert seconds is not None and seconds < 0.5
    window._show_waiting()
    assert "building" not in window.status_rate.text()  # a quick build says nothing
    window.controller._asked_at -= 2.0  # as if the worker had been building for two seconds
    window._show_waiting()
    assert "building the new run… 2 s" in window.status_rate.text()
    wait_for_frame(qtbot, window.controller, lambda s: s["params"].get("hidden") == 6, timeout=5000)
    assert window.controller.waiting_s() is None and "building" not in window.status_rate.text()
