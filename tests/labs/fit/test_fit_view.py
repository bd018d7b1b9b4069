"""The fit lab's window: it opens, plays in the worker, draws the fit and the units, takes a formula
(a bad one is a one-line message and sends nothing), draws a target with the mouse, runs and cancels a
sweep, and exports every figure."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from frames import wait_for_frame
from in_process import InProcessController
from playground.labs.fit.view import FitLab
from playground.registry import get_lab
from playground.ui.export import export_figure
from playground.ui.theme import DARK, LIGHT


@pytest.fixture
def lab(qtbot):
    controller = InProcessController()
    view = FitLab(get_lab("fit"), controller, LIGHT)
    controller.view = view
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    view.start_session()
    controller.step(40)
    return view, controller


def test_the_lab_plays_in_the_worker_and_exports_every_figure(qtbot, controller, tmp_path):
    view = FitLab(get_lab("fit"), controller, LIGHT)
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    controller.snapshot_ready.connect(view.receive_snapshot)
    view.start_session()
    wait_for_frame(qtbot, controller)
    controller.play()
    snap = wait_for_frame(qtbot, controller, lambda s: s["epoch"] > 100, timeout=30000)
    controller.pause()
    snap = wait_for_frame(qtbot, controller, lambda s: not s["playing"])
    assert snap["mse"] < 0.5
    assert np.count_nonzero(np.isnan(view.fit.units_curve.yData)) == 16  # 16 units, one path
    assert "Epoch" in view.readout.text()
    view.show_all_tabs()
    for name, fig in view.figures().items():
        for ext in ("png", "svg", "csv"):
            path = tmp_path / f"{name}.{ext}"
            export_figure(fig, str(path), 400)
            # a plot with nothing run yet (the sweep) exports an empty CSV, but it exports
            assert path.stat().st_size > (0 if ext == "csv" else 200), (name, ext)
    image = view.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    assert len(colours) > 30


def test_a_bad_formula_is_one_line_and_sends_nothing_a_good_one_retargets(lab):
    view, controller = lab
    view.formula.setText("sin(2*pi*x).real")
    view.use_formula.click()
    assert view.formula_error.isVisibleTo(view) and "column 12" in view.formula_error.text()
    assert controller.session.params["target"] == "sin" and not controller.errors
    view.formula.setText("x*sin(15*x)")
    view.use_formula.click()
    assert not view.formula_error.isVisibleTo(view)
    s = controller.session
    assert s.params["target"] == "formula" and s.epoch == 0
    assert view.params()["target"] == "formula"  # the panel follows the session
    np.testing.assert_allclose(view.last_snapshot["clean"], s.grid_x * np.sin(15 * s.grid_x))


def test_drawing_on_the_plot_moves_the_samples_under_the_stroke(lab, qtbot):
    view, controller = lab
    view.draw.setChecked(True)
    plot = view.fit.fit_plot
    vb = plot.item.getViewBox()

    def pixel(x, y):
        return plot.mapFromScene(vb.mapViewToScene(QPointF(x, y)))

    qtbot.mousePress(plot.viewport(), Qt.LeftButton, pos=pixel(0.3, 0.8))
    for x in np.linspace(0.3, 0.6, 12):
        qtbot.mouseMove(plot.viewport(), pixel(x, 0.8))
    qtbot.mouseRelease(plot.viewport(), Qt.LeftButton, pos=pixel(0.6, 0.8))
    s = controller.session
    assert s.params["target"] == "drawn" and view.params()["target"] == "drawn"
    under = (s.x > 0.32) & (s.x < 0.58)
    np.testing.assert_allclose(s.y[under], 0.8, atol=0.05)
    np.testing.assert_allclose(s.y[s.x < 0.25], np.sin(2 * np.pi * s.x[s.x < 0.25]))
    assert s.epoch == 40  # drawing keeps the network training where it was


def test_hovering_a_unit_highlights_it(lab):
    view, controller = lab
    fit = view.fit
    cx = fit.last_cx
    j = len(cx) // 2
    unit = 3
    y = float(view.last_snapshot["contrib"][unit, j])
    found = fit.unit_at(float(cx[j]), y)
    assert found is not None
    np.testing.assert_allclose(view.last_snapshot["contrib"][found, j], y, atol=1e-6)
    fit.set_hovered(found)
    assert f"Unit {found + 1}:" in fit.units_note.text()
    np.testing.assert_allclose(fit.hover_curve.yData, view.last_snapshot["contrib"][found], atol=1e-6)
    assert fit.hover_curve.opts["pen"].widthF() > fit.units_curve.opts["pen"].widthF()
    fit.set_hovered(None)
    assert fit.hover_curve.yData is None or len(fit.hover_curve.yData) == 0
    assert "Hover a curve" in fit.units_note.text()


def test_sweep_runs_in_steps_shows_progress_and_cancels(lab):
    view, controller = lab
    view.param_panel("sweep_max").set_value_interactively("sweep_max", 8)
    view.param_panel("sweep_epochs").set_value_interactively("sweep_epochs", 300)
    view.tabs.setCurrentWidget(view.sweep)
    view.sweep.job.run.click()
    assert controller.played == 1 and controller.session.job is not None
    controller.step(2)
    assert view.sweep.job.cancel.isEnabled() and view.sweep.job.bar.value() > 0
    view.sweep.job.cancel.click()
    assert controller.session.job is None and not view.sweep.job.cancel.isEnabled()
    view.sweep.job.run.click()
    while controller.session.job is not None:
        controller.step(5)
    mse = view.last_snapshot["sweep_mse"]
    assert np.all(mse > 0) and len(view.sweep.curves) == 4  # two activations, MSE and sup each


def test_bump_heights_drag_updates_the_error_and_reaches_the_session(lab, qtbot):
    view, controller = lab
    view.tabs.setCurrentWidget(view.bumps)
    controller.step(1)
    bumps = view.bumps
    before = bumps.readout.text()
    plot = bumps.plot
    vb = plot.item.getViewBox()
    pos = plot.mapFromScene(vb.mapViewToScene(QPointF(0.05, 0.9)))
    qtbot.mousePress(plot.viewport(), Qt.LeftButton, pos=pos)
    qtbot.mouseMove(plot.viewport(), plot.mapFromScene(vb.mapViewToScene(QPointF(0.06, 0.9))))
    assert bumps.readout.text() != before and abs(bumps.heights[0] - 0.9) < 0.05
    qtbot.mouseRelease(plot.viewport(), Qt.LeftButton, pos=pos)
    assert abs(controller.session.heights[0] - 0.9) < 0.05
    mse_drag = bumps.errors()[0]
    view.bumps.fit.click()
    assert bumps.errors()[0] < mse_drag
    view.bumps.match.click()
    assert controller.session.params["units"] == 20 and controller.played == 1


def test_lipschitz_tab_shows_the_counts_and_the_theme_switches(lab):
    view, controller = lab
    view.tabs.setCurrentWidget(view.lipschitz)
    view.param_panel("lipschitz").set_value_interactively("lipschitz", 10.0)
    view.param_panel("epsilon").set_value_interactively("epsilon", 0.05)
    assert "100</b> bins" in view.lipschitz.readout.text() and "1,000,000" in view.lipschitz.readout.text()
    assert view.lipschitz.table.item(1, 1).text() == "10,000"
    view.apply_theme(DARK)
    assert view.last_snapshot is not None


def test_csv_import_and_export_round_trip_and_a_bad_file_is_refused(lab, tmp_path):
    view, controller = lab
    path = tmp_path / "samples.csv"
    view.export_csv(str(path))
    assert path.read_text().startswith("x,y\n")
    view.panel.set_value_interactively("target", "abs")
    view.import_csv(str(path))
    s = controller.session
    assert s.params["target"] == "csv" and view.params()["target"] == "csv"
    np.testing.assert_array_equal(s.y, np.sin(2 * np.pi * np.linspace(0, 1, 100)))
    bad = tmp_path / "bad.csv"
    bad.write_text("1,2\n3,x\n")
    view.import_csv(str(bad))
    assert controller.errors and "row 2" in controller.errors[-1]


def test_the_lipschitz_answer_waits_for_the_teacher(lab):
    view, controller = lab
    tab = view.lipschitz
    view.tabs.setCurrentWidget(tab)
    assert not tab.answer.isVisibleTo(tab) and "pour approximer" in tab.question.text()
    tab.show_answer.click()
    assert tab.answer.isVisibleTo(tab) and "⌈L/(2ε)⌉" in tab.answer.text()


def test_kolmogorov_arnold_trains_in_steps_and_its_surfaces_export(lab, tmp_path):
    view, controller = lab
    view.tabs.setCurrentWidget(view.ka)
    view.param_panel("ka_steps").set_value_interactively("ka_steps", 200)
    before = view.last_snapshot["ka"]["mse"]
    view.ka.job.run.click()
    while controller.session.ka_job is not None:
        controller.step(2)
    snap = view.last_snapshot
    assert snap["ka_steps"] == 200 and snap["ka"]["mse"] < before / 2
    assert "MSE on the square" in view.ka.readout.text()
    path = tmp_path / "ka.csv"
    view.export_surfaces(str(path))
    lines = path.read_text().splitlines()
    assert lines[0] == "x1,x2,target,fit" and len(lines) == 1 + 40 * 40
    x1, x2, target, _fit = map(float, lines[1 + 40 * 7 + 3].split(","))
    assert target == pytest.approx(x1 * x2, abs=1e-6)  # the default target is x1·x2


def test_every_scene_of_the_lab_shows_a_real_tab(lab):
    from playground.core.scenes import lab_scenes

    view, _controller = lab
    scenes = lab_scenes("fit")
    assert len(scenes) >= 6
    for scene in scenes:
        view.show_view(scene.view)
        assert view.tabs.tabText(view.tabs.currentIndex()) == scene.view
        assert scene.caption_in("fr") and scene.caption_in("en")
