"""The depth lab's window: it draws every network with its knees, the presets reach the session,
every figure exports as PNG, SVG and CSV, it fits a 1280-px projector, and it trains in the worker,
saves and reopens."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from frames import save_and_wait, wait_for_frame
from playground.labs.depth import core as depth
from playground.labs.depth.view import DepthLab
from playground.registry import get_lab
from playground.ui.export import export_figure
from playground.ui.theme import DARK, LIGHT
from in_process import InProcessController


def _points(item) -> int:
    x, _y = item.getData()
    return 0 if x is None else len(x)




@pytest.fixture
def lab(qtbot):
    controller = InProcessController()
    view = DepthLab(get_lab("depth"), controller, LIGHT)
    controller.view = view
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    qtbot.waitExposed(view)
    view.start_session()
    controller.step(15)
    return view, controller


def test_every_network_is_drawn_with_its_knees_and_the_frame_is_not_blank(lab):
    view, controller = lab
    snap = view.last_snapshot
    for name in depth.TRAINED:
        knees = _points(view.net_knees[name])
        assert knees == snap["nets"][name]["pieces"] - 1  # a knee between each two pieces
        assert _points(view.net_curves[name]) == knees + 2  # the curve through its knots is the net itself
    assert snap["nets"]["shallow"]["pieces"] > 5
    k = snap["k"]
    assert [_points(c) for c in view.block_curves] == [2 ** j + 1 for j in range(1, k + 1)] + [0] * (12 - k)
    heights = view.bars.opts["width"]
    assert heights[0] == 0.0 and heights[1] == 0.0  # exact and recurrent: risk 0
    assert "Epoch 15" in view.readout.text() and "RNN" in view.readout.text()
    image = view.grab().toImage()
    colours = {image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)}
    assert len(colours) > 40


def test_a_preset_sets_equal_budgets_in_the_session_and_custom_values_show_as_custom(lab):
    view, controller = lab
    view.presets.setCurrentIndex(2)
    view.presets.activated.emit(2)
    s = controller.session
    assert (s.nets["deep"].width, s.nets["deep"].layers, s.nets["shallow"].width) == (6, 6, 76)
    assert abs(s.nets["deep"].n_params - s.nets["shallow"].n_params) <= 1
    assert view.panel.values()["shallow_width"] == 76
    view.panel.set_value_interactively("shallow_width", 50)
    assert controller.session.nets["shallow"].width == 50
    assert view.presets.currentIndex() == len(depth.PRESETS)  # "custom"
    assert not controller.errors


def test_raising_k_redraws_the_construction_with_2_to_the_k_pieces(lab):
    view, controller = lab
    view.panel.set_value_interactively("k", 10)
    snap = view.last_snapshot
    assert snap["exact"]["pieces"] == 1024 and snap["recurrent"]["pieces"] == 1024
    assert snap["recurrent"]["params"] == 7 and snap["exact"]["params"] == 61
    assert _points(view.block_curves[9]) == 1025
    assert _points(view.samples) == _points(view.samples_one) == 512  # the 2^k points, by class


def test_every_figure_exports_as_png_svg_and_csv_in_both_themes(lab, tmp_path):
    view, _controller = lab
    names = list(view.figures())
    assert names == ["target", "blocks", "landscape", "risk", "loss", "pieces"]
    for theme in (LIGHT, DARK):
        view.apply_theme(theme)
        for name, fig in view.figures().items():
            for ext in ("png", "svg", "csv") if theme is LIGHT else ("png",):
                path = tmp_path / f"{theme.name}-{name}.{ext}"
                export_figure(fig, str(path), 600)
                assert path.stat().st_size > 100, path
    assert "0.5" in (tmp_path / "light-risk.csv").read_text()  # the bars' values are in the CSV


def test_the_lab_fits_a_1280_px_projector_in_presentation_mode(lab):
    view, _controller = lab
    view.apply_theme(LIGHT.presenting(1.5))
    QApplication.processEvents()
    needed = view.content.minimumSizeHint().width() + view.side_scroll.minimumWidth()
    assert needed <= 1280 - 40


def test_the_lab_trains_in_the_worker_and_a_saved_experiment_reopens(qtbot, tmp_path):
    from playground.ui.main_window import MainWindow

    window = MainWindow(lab_id="depth", restore=False)
    qtbot.addWidget(window)
    window.show()
    c = window.controller
    wait_for_frame(qtbot, c, lambda s: "nets" in s, timeout=60000)
    window.play_action.trigger()
    wait_for_frame(qtbot, c, lambda s: s["epoch"] >= 20, timeout=60000)
    window.play_action.trigger()
    saved = wait_for_frame(qtbot, c, lambda s: not s["playing"], timeout=60000)
    path = tmp_path / "depth.npexp.json"
    assert save_and_wait(qtbot, window, str(path))
    window.current.panel.set_value_interactively("k", 7)
    wait_for_frame(qtbot, c, lambda s: s["k"] == 7, timeout=60000)
    assert window.open_path(str(path))
    back = wait_for_frame(qtbot, c, lambda s: s["k"] == saved["k"] and s["epoch"] == saved["epoch"], timeout=60000)
    for key, value in saved["state"].items():
        assert np.array_equal(back["state"][key], value), key
    assert back["nets"]["deep"]["pieces"] == saved["nets"]["deep"]["pieces"]
    window.close()
