"""The conv lab's window: the transport steps the kernel, hovering shows a window's products and sum,
clicking edits a value, presets load, bad configurations explain themselves, figures export, and the
CNN tab draws a session's frames. The session runs in-process (fast, deterministic)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from playground.labs.conv.view import ConvLab
from playground.registry import get_lab
from playground.ui.export import export_figure
from playground.ui.theme import LIGHT
from in_process import InProcessController


@pytest.fixture
def lab(qtbot):
    view = ConvLab(get_lab("conv"), None, LIGHT)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    return view


def _hover_cell(qtbot, canvas, name, r, c):
    scene = canvas.cell_center_scene(name, r, c)
    qtbot.wait(40)  # pyqtgraph rate-limits mouse moves
    qtbot.mouseMove(canvas.viewport(), canvas.mapFromScene(scene))


def test_step_back_play_and_reset_slide_the_kernel(lab, qtbot):
    s = lab.stepper
    assert lab.local_transport("step") is True
    assert s.pos == 0 and s.current_cell() == (0, 0)
    assert "22" in s.detail.text()  # 4·1 + 2·1 + 5·1 + 3·1 + 5·1 + 3·1
    lab.local_transport("step")
    assert s.current_cell() == (0, 1) and "<b>15</b>" in s.detail.text()  # the slide's 15
    lab.local_transport("back")
    assert s.current_cell() == (0, 0)
    s.timer.setInterval(10)  # the app's pace is PLAY_MS; the test need not wait for it
    lab.local_transport("play")
    assert s.playing
    qtbot.waitUntil(lambda: not s.playing, timeout=5000)
    assert s.pos == 3  # stopped on the last of the 2×2 output cells
    lab.local_transport("reset")
    assert s.pos is None and s.current_cell() is None


def test_hovering_an_output_cell_lights_its_window_and_writes_the_sum(lab, qtbot):
    s = lab.stepper
    _hover_cell(qtbot, s.canvas, "output", 1, 1)
    assert s.hover == (1, 1)
    inp = next(g for g in s.canvas.grids if g.name == "input")
    assert inp.highlight[0][:4] == (1, 1, 3, 3)
    assert "<b>17</b>" in s.detail.text()
    prod = next(g for g in s.canvas.grids if g.name == "products")
    assert prod.values.sum() == 17


def test_clicking_a_cell_and_typing_a_value_edits_the_input(lab, qtbot):
    s = lab.stepper
    scene = s.canvas.cell_center_scene("input", 0, 0)
    qtbot.mouseClick(s.canvas.viewport(), Qt.LeftButton, pos=s.canvas.mapFromScene(scene))
    assert s.editor.isVisible()
    s.editor.setText("10")
    qtbot.keyClick(s.editor, Qt.Key_Return)
    assert s.x[0, 0, 0] == 10 and s.result["output"][0, 0] == 22 + 6
    assert s.editor.isVisible() and s._editing == ("input", 0, 1)  # Enter moves on: a grid is typed row by row
    s.editor.setText("2")
    qtbot.keyClick(s.editor, Qt.Key_Return)
    assert s.x[0, 0, 1] == 2 and s._editing == ("input", 0, 2)
    qtbot.keyClick(s.editor, Qt.Key_Escape)
    assert not s.editor.isVisible() and s._editing is None
    qtbot.mouseClick(s.canvas.viewport(), Qt.LeftButton, pos=s.canvas.mapFromScene(scene))
    s.editor.setText("abc")
    qtbot.keyClick(s.editor, Qt.Key_Return)
    assert "not a number" in s.detail.text() and s.x[0, 0, 0] == 10


def test_presets_the_transposed_odd_case_and_an_impossible_kernel(lab):
    s = lab.stepper
    s.case.setCurrentIndex(s.case.findData("padding_strides_odd_transposed"))
    s.case.activated.emit(s.case.currentIndex())
    assert s.result["output_size"] == 6 and s.transposed.isChecked()
    assert "= 6" in s.formula.text()
    s.case.setCurrentIndex(s.case.findData("lecture"))
    s.case.activated.emit(s.case.currentIndex())
    s.ksize.setValue(7)
    assert s.result is None and "larger than the padded input" in s.formula.text()
    assert len(s.canvas.grids) == 1 and s.canvas.items.message  # the input is still drawn, with the reason
    s.padding.setValue(2)
    assert s.result is not None and s.result["output_size"] == 2


def test_rgb_sample_sums_the_channels_plus_the_bias(lab, qtbot):
    s = lab.stepper
    s.source_box.setCurrentIndex(s.source_box.findData("sample"))
    s.source_box.activated.emit(s.source_box.currentIndex())
    assert s.x.shape == (3, 16, 16) and s.w.shape[0] == 3
    s.bias_box.setValue(0.5)
    lab.local_transport("step")
    assert "R:" in s.detail.text() and "bias 0.5" in s.detail.text()


def test_pooling_tab_steps_and_measures_the_shift(lab):
    lab.tabs.setCurrentWidget(lab.pooling)
    p = lab.pooling
    assert lab.local_transport("step") and p.current_cell() == (0, 0)
    assert "max(" in p.info.text()
    assert "%" in p.shift_info.text() and p.last_shift is not None


def test_other_tabs_leave_the_transport_to_the_worker(lab):
    for panel in (lab.rf, lab.counts, lab.train):
        lab.tabs.setCurrentWidget(panel)
        assert lab.local_transport("play") is False


def test_receptive_field_click_draws_the_field_and_counts_presets(lab, qtbot):
    rf = lab.rf
    rf.spec.setText("3x3,3x3,3x3")
    rf.recompute()
    rf.layer.setCurrentIndex(2)
    scene = rf.canvas.cell_center_scene("map", 10, 12)
    qtbot.mouseClick(rf.canvas.viewport(), Qt.LeftButton, pos=rf.canvas.mapFromScene(scene))
    assert rf.unit == (10, 12) and rf.field() == (7, 13, 9, 15)  # r = 7 around (10, 12)
    assert "<b>50</b>" in rf.answer.text()
    rf.spec.setText("3x3s0")
    rf.recompute()
    assert "stride" in rf.error.text() and rf.table.rowCount() == 3  # the old table stays
    lab.counts.apply_preset("mnist")
    assert "785,000" in lab.counts.result.text()


def test_every_figure_exports_as_png_and_the_stepper_as_svg(lab, tmp_path):
    lab.local_transport("step")
    for name, fig in lab.figures().items():
        path = tmp_path / f"{name.replace(' ', '_')}.png"
        export_figure(fig, str(path), 400)
        assert path.stat().st_size > 500, name
    svg = tmp_path / "stepper.svg"
    export_figure(lab.stepper.canvas, str(svg))
    text = svg.read_text()
    assert "<svg" in text and "22" in text and "kernel" in text


def test_cnn_tab_draws_frames_and_a_drawing_is_classified(qtbot):
    controller = InProcessController()
    view = ConvLab(get_lab("conv"), controller, LIGHT)
    controller.view = view
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view._params.update({"channels": [4], "mlp_hidden": 16, "batch_size": 512})
    view.show()
    view.start_session()
    controller.step(1)
    assert view.last_snapshot["epoch"] == 1 and "CNN" in view.readout.text()
    assert view.train.snap is None  # a hidden tab is not drawn...
    view.tabs.setCurrentWidget(view.train)
    assert view.train.snap["epoch"] == 1  # ...until it is shown
    view.train.draw.paint_at(4, 4, 1.0)
    view.train.draw.drawn.emit(view.train.draw.pixels.copy())
    assert view.last_snapshot["drawn_probs"] is not None and "CNN (blue)" in view.train.probs.item.titleLabel.text
    view.train.example_box.setValue(5)
    assert controller.session.example == 5
    assert not controller.errors
    image = view.grab().toImage()
    assert len({image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}) > 30


def test_save_and_reopen_brings_back_the_stepper_the_weights_and_the_curves(qtbot, tmp_path):
    from playground.core.train.experiment import load_experiment, save_experiment

    def make():
        controller = InProcessController()
        view = ConvLab(get_lab("conv"), controller, LIGHT)
        controller.view = view
        qtbot.addWidget(view)
        return view, controller

    view, controller = make()
    view.set_params({"channels": [4], "mlp_hidden": 16, "batch_size": 512})
    view.start_session()
    controller.step(2)
    s = view.stepper
    s.source_box.setCurrentIndex(s.source_box.findData("sample"))
    s.source_box.activated.emit(s.source_box.currentIndex())  # an RGB input, 16 × 16
    s.padding.setValue(2)
    s.mode.setCurrentIndex(s.mode.findData("circular"))
    s.edit_cell("kernel", 0, 0, 7.5)
    snap = view.last_snapshot
    path = tmp_path / "conv.npexp.json"
    # As the window saves: the frame's own parameters with its weights (they describe one stepper).
    assert snap["params"]["input"] == 16 and snap["params"]["padding_mode"] == "circular"
    save_experiment(path, "conv", snap["params"], snap["state"], snap["epoch"], view={"curves": snap["curves"]})

    exp = load_experiment(path)
    other, c2 = make()
    other.set_params(exp.params)
    other.start_session("cpu", exp.state, exp.epoch, exp.view["curves"])
    t = other.stepper
    assert t.padding.value() == 2 and t.mode.currentData() == "circular" and t.size.value() == 16
    np.testing.assert_array_equal(t.x, s.x)
    np.testing.assert_array_equal(t.w, s.w)
    assert t.w[0, 0, 0] == 7.5 and t.result["output"].shape == s.result["output"].shape
    np.testing.assert_allclose(t.result["output"], s.result["output"])
    for k, v in snap["state"].items():
        np.testing.assert_allclose(c2.session.state()[k], v, rtol=1e-6, err_msg=k)
    assert c2.session.curves() == controller.session.curves() and len(c2.session.curves()["cnn_test_loss"]) == 2


def test_opening_a_png_and_a_broken_file(lab, tmp_path):
    from PySide6.QtGui import QColor, QImage

    s = lab.stepper
    img = QImage(40, 30, QImage.Format_RGB32)
    img.fill(QColor(200, 40, 10))
    path = tmp_path / "red.png"
    assert img.save(str(path))
    assert s.open_image(str(path))
    assert s.x.shape == (3, 8, 8) and s.x[0].mean() > 0.7 and s.x[2].mean() < 0.1  # red, cropped square
    assert s.open_image(str(path), grey=True) and s.x.shape == (1, 8, 8)
    before = s.x.copy()
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image at all")
    assert not s.open_image(str(bad))
    assert "not an image" in s.detail.text()
    np.testing.assert_array_equal(s.x, before)


def test_the_lesson_exists_in_english_and_french_with_the_same_keys():
    from playground.labs.conv.text import STRINGS

    assert set(STRINGS["en"]) == set(STRINGS["fr"])
    assert "environ 50" in STRINGS["fr"]["lesson"] and "800,000" in STRINGS["en"]["lesson"]
    assert "4 1 2 5" in STRINGS["en"]["lesson"] and "15" in STRINGS["fr"]["lesson"]
