"""The segmentation lab's window: it draws the slice, scores and worst-first strip, a strip click and a
box drag reach the session, the domain-shift tab runs the experiment with progress, your own slice
opens, segments and exports, a bad file leaves it as it was, and it fits a projector."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

from playground.labs.segment.view import TAB_DATA, TAB_OWN, TAB_SHIFT, TAB_TRAIN, SegmentLab
from playground.registry import LabInfo
from playground.ui.export import export_figure
from playground.ui.theme import LIGHT
from test_segment_files import make_dicom
from in_process import InProcessController

INFO = LabInfo("segment", "Liver segmentation", "medical", "", "playground.labs.segment.view:SegmentLab",
               "playground.labs.segment.core")
SMALL = {"size": 64, "train_slices": 32, "test_slices": 8, "batch_size": 8}




def _lab(qtbot, params=None):
    c = InProcessController(ticks=400)
    view = SegmentLab(INFO, c, LIGHT)
    c.view = view
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    view.set_params({**SMALL, **(params or {})})
    view.start_session()
    return view, c


def _not_blank(widget) -> bool:
    img = widget.grab().toImage()
    colours = {img.pixel(x, y) for x in range(0, img.width(), 7) for y in range(0, img.height(), 7)}
    return len(colours) > 20


def test_training_draws_the_slice_the_scores_and_the_worst_slices(qtbot, tmp_path):
    view, c = _lab(qtbot)
    c.step(8)
    s = view.last_snapshot
    assert s["epoch"] == 8 and not c.errors
    assert "Dice train" in view.readout.text() and f"{s['latest']['dice_test']:.3f}" in view.readout.text()
    assert len(view.curves.curves["Dice test"].yData) == 3
    assert view.strip.indices == list(s["strip"]["index"]) and len(view.strip.indices) == 8
    QApplication.processEvents()
    for w in (view.slice_view, view.prob_view, view.strip, view.curves_plot):
        assert _not_blank(w), w
    for name, fig in view.figures().items():
        export_figure(fig, str(tmp_path / f"{name}.png"), 600)
        assert (tmp_path / f"{name}.png").stat().st_size > 1000, name


def test_clicking_a_strip_tile_shows_that_test_slice(qtbot):
    view, c = _lab(qtbot)
    c.step(4)
    target = view.strip.indices[2]
    step, _ = view.strip._tile
    pos = view.strip.mapFromScene(view.strip.vb.mapViewToScene(QPointF(step * 2 + step / 3, 20)))
    qtbot.mouseClick(view.strip.viewport(), Qt.LeftButton, pos=pos)
    assert view.last_snapshot["slice"]["index"] == target
    assert view.slice_index.value() == target


def _drag(widget, a: QPoint, b: QPoint) -> None:
    vp = widget.viewport()
    QApplication.sendEvent(vp, QMouseEvent(QEvent.MouseButtonPress, QPointF(a), QPointF(vp.mapToGlobal(a)),
                                           Qt.LeftButton, Qt.LeftButton, Qt.NoModifier))
    for t in np.linspace(0, 1, 6)[1:]:
        p = QPointF(a + (b - a) * float(t))
        QApplication.sendEvent(vp, QMouseEvent(QEvent.MouseMove, p, QPointF(vp.mapToGlobal(p.toPoint())),
                                               Qt.NoButton, Qt.LeftButton, Qt.NoModifier))
    QApplication.sendEvent(vp, QMouseEvent(QEvent.MouseButtonRelease, QPointF(b), QPointF(vp.mapToGlobal(b)),
                                           Qt.LeftButton, Qt.NoButton, Qt.NoModifier))


def _pixel(canvas, x, y) -> QPoint:
    return canvas.mapFromScene(canvas.vb.mapViewToScene(QPointF(x, y)))


def test_dragging_a_box_prompts_the_box_model_and_shows_both_dice(qtbot):
    view, c = _lab(qtbot, {"box_prompt": True})
    c.step(8)
    assert "Drag a box" in view.box_label.text()
    _drag(view.slice_view, _pixel(view.slice_view, 4, 10), _pixel(view.slice_view, 40, 50))
    r = view.last_snapshot.get("box_result")
    assert r is not None and not c.errors
    assert r["box"][0] == pytest.approx(4, abs=1) and r["box"][3] == pytest.approx(50, abs=1)
    assert f"{r['dice_with']:.3f}" in view.box_label.text() and f"{r['dice_without']:.3f}" in view.box_label.text()


def test_without_the_box_model_a_drag_pans_and_the_label_says_how_to_get_one(qtbot):
    view, c = _lab(qtbot)
    assert "tick" in view.box_label.text()
    assert not view.slice_view.vb.box_enabled


def test_the_domain_shift_tab_runs_the_experiment_to_its_four_numbers(qtbot):
    view, c = _lab(qtbot, {"shift_steps": 4})
    view.tabs.setCurrentIndex(TAB_SHIFT)
    assert view.params()["experiment"] == "domain-shift"
    assert "Trains a narrow model" in view.shift_note.text()
    view.shift_button.click()
    s = view.last_snapshot
    assert s["shift"]["done"] and view.shift_progress.value() == 1000
    assert "Narrow model: Dice" in view.shift_note.text()
    heights = list(view.bars_home.opts["height"]) + list(view.bars_away.opts["height"])
    assert all(h > 0 for h in heights)
    assert _not_blank(view.shift_plot)
    view.tabs.setCurrentIndex(TAB_TRAIN)
    assert view.params()["experiment"] == "train" and "slice" in view.last_snapshot


def test_your_slice_opens_segments_and_exports(qtbot, tmp_path):
    view, c = _lab(qtbot)
    c.step(8)
    own = view.own
    view.tabs.setCurrentIndex(TAB_OWN)
    hu = view.runner_hu = c.runner.session.test["hu"][0]
    px = np.kron(np.clip(hu + 1024, 0, 4000), np.ones((2, 2))).astype(np.uint16)  # a 128 x 128 "scan"
    assert own.open_path(str(make_dicom(tmp_path / "mine.dcm", px)))
    assert "128 x 128" in own.message.text() and own.window() == (400.0, 40.0)
    assert not own.png_button.isEnabled()
    own.segment_button.click()
    assert own.mask is not None and own.mask.shape == (128, 128) and "Liver mask" in own.message.text()
    assert own.export_mask(str(tmp_path / "m.png")) and own.export_mask(str(tmp_path / "m.nii.gz"))
    from playground.labs.segment.slice_io import read_slice

    assert np.array_equal(read_slice(str(tmp_path / "m.png")).slice(0) > 0, own.mask > 0)
    # a bad file: a sentence, and the slice stays
    (tmp_path / "notes.png").write_text("not an image")
    assert not own.open_path(str(tmp_path / "notes.png"))
    assert "Not opened" in own.message.text() and own.volume.path.endswith("mine.dcm")
    assert own.export_mask(str(tmp_path / "m.jpg")) is False and "Not exported" in own.message.text()


def test_a_box_dragged_on_your_slice_segments_inside_it(qtbot, tmp_path):
    view, c = _lab(qtbot, {"box_prompt": True})
    c.step(8)
    own = view.own
    view.tabs.setCurrentIndex(TAB_OWN)
    hu = c.runner.session.test["hu"][1]
    own.open_path(str(make_dicom(tmp_path / "b.dcm", np.clip(hu + 1024, 0, 4000).astype(np.uint16))))
    assert own.canvas.vb.box_enabled
    _drag(own.canvas, _pixel(own.canvas, 2, 8), _pixel(own.canvas, 36, 50))
    assert not c.errors and own.mask is not None
    ys, xs = np.nonzero(own.mask)
    if len(xs):  # the mask stays inside the box
        assert xs.min() >= 1 and xs.max() <= 37 and ys.min() >= 7 and ys.max() <= 51


def test_window_presets_and_the_opened_slice_are_saved_and_restored(qtbot, tmp_path):
    view, c = _lab(qtbot)
    own = view.own
    own.open_path(str(make_dicom(tmp_path / "a.dcm", np.full((32, 32), 1100, np.uint16))))
    own.preset.setCurrentIndex(own.preset.findData("liver"))
    assert own.window() == (150.0, 30.0)
    saved = view.file_state()
    assert c.runner.session.snapshot()["saved_data"] == saved  # the session keeps it for Save
    other, _ = _lab(qtbot)
    other.restore_file_state(saved)
    assert other.own.window() == (150.0, 30.0) and other.own.volume.path == str(tmp_path / "a.dcm")
    other.restore_file_state({"own_slice": {"path": str(tmp_path / "gone.dcm"), "window": "bad"}})
    assert "no longer there" in other.own.message.text() and other.own.window() == (150.0, 30.0)


def test_the_synthetic_data_tab_draws_all_three_domains(qtbot):
    view, c = _lab(qtbot)
    view.tabs.setCurrentIndex(TAB_DATA)
    QApplication.processEvents()
    assert view.data_view.image.image.shape == (3 * 64, 6 * 64)
    assert _not_blank(view.data_view)


def test_it_fits_a_1280_px_projector_in_presentation_mode(qtbot):
    view, c = _lab(qtbot)
    view.apply_theme(LIGHT.presenting())
    QApplication.processEvents()
    needed = view.content.minimumSizeHint().width() + view.side_scroll.minimumWidth()
    assert needed <= 1280 - 40, needed


def test_save_and_reopen_through_the_window_and_its_worker(qtbot, tmp_path):
    """The one test through the real worker process: weights, step, the opened slice and its window
    come back from the experiment file."""
    from frames import save_and_wait, wait_for_frame
    from playground.ui.main_window import MainWindow

    win = MainWindow(lab_id="segment", restore=False)
    qtbot.addWidget(win)
    win.show()
    c = win.controller
    wait_for_frame(qtbot, c, lambda s: "slice" in s, timeout=120000)
    own = win.current.own
    own.open_path(str(make_dicom(tmp_path / "mine.dcm", np.full((64, 64), 1100, np.uint16))))
    own.preset.setCurrentIndex(own.preset.findData("liver"))
    c.step(3)
    frame = wait_for_frame(qtbot, c, lambda s: s.get("epoch") == 3 and s.get("saved_data") and "state" in s,
                           timeout=60000)
    assert save_and_wait(qtbot, win, str(tmp_path / "e.npexp.json"))
    win.open_lab("perceptron")
    wait_for_frame(qtbot, c, lambda s: "slice" not in s, timeout=60000)
    assert win.open_path(str(tmp_path / "e.npexp.json")) is not False  # True, or None: opening in the worker
    back = wait_for_frame(qtbot, c, lambda s: s.get("epoch") == 3 and "slice" in s, timeout=60000)
    for k, v in frame["state"].items():
        assert np.array_equal(back["state"][k], v), k
    own = win.current.own
    assert own.volume.path == str(tmp_path / "mine.dcm") and own.window() == (150.0, 30.0)
    win.close()
