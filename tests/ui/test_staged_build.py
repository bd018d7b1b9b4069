"""A lab opened from the list is built a few pieces per turn of the event loop, and nothing that
reaches the view meanwhile is lost: a frame is drawn once the plots exist, a reset waits for them, and
any call that needs the content (an export, a setting, a Play) finishes the build first."""
import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QTabWidget, QTreeWidgetItemIterator, QVBoxLayout, QWidget

from playground.registry import LABS, get_lab
from playground.ui.lab_view import LabView
from playground.ui.staged_build import reveal_gradually
from playground.ui.theme import LIGHT
from playground.ui.widgets.plots import ThemedPlot
from tests.helpers.in_process import InProcessController


class _ThreePieces(LabView):
    """A view built in three pieces that records what reached it."""

    pieces = 0

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.calls: list[str] = []

    def build_content(self):
        root = QWidget()
        for _ in range(3):
            self.pieces += 1
            yield
        return root

    def show_snapshot(self, snap):
        self.calls.append(f"show {snap['n']}")

    def figures(self):
        self.calls.append("figures")
        return {}

    def on_reset(self):
        self.calls.append("reset")

    def is_playing_locally(self):
        return self.pieces > 0  # would say True mid-build if the guard let it through


def _view(qtbot, staged=True):
    view = _ThreePieces(get_lab("perceptron"), None, LIGHT, staged=staged)
    qtbot.addWidget(view)
    return view


def test_a_staged_view_is_built_over_several_turns_of_the_event_loop(qtbot):
    view = _view(qtbot)
    assert view.building and view.pieces == 0  # nothing yet: the window shows the controls first
    QApplication.processEvents()
    assert 1 <= view.pieces < 3
    qtbot.waitUntil(lambda: not view.building, timeout=2000)
    assert view.pieces == 3 and view.content_scroll.widget() is view.content


def test_frames_that_come_during_the_build_are_drawn_once_the_newest_only(qtbot):
    view = _view(qtbot)
    view.receive_snapshot({"n": 1})
    view.receive_snapshot({"n": 2})
    assert view.calls == []
    with qtbot.waitSignal(view.built, timeout=2000):
        pass
    assert view.calls == ["show 2"]


def test_a_reset_during_the_build_waits_for_it_and_nothing_plays_meanwhile(qtbot):
    view = _view(qtbot)
    view.start_session()  # resets the view; no controller here
    assert view.calls == [] and view.is_playing_locally() is False
    qtbot.waitUntil(lambda: not view.building, timeout=2000)
    assert view.calls == ["reset"] and view.is_playing_locally() is True


def test_a_call_that_needs_the_content_finishes_the_build_first(qtbot):
    view = _view(qtbot)
    view.figures()
    assert not view.building and view.pieces == 3
    assert view.calls == ["figures"]


def test_an_unstaged_view_is_whole_when_constructed(qtbot):
    view = _view(qtbot, staged=False)
    assert not view.building and view.pieces == 3


def test_plots_are_revealed_one_per_turn_laid_out_as_without_staging(qtbot):
    def build():
        root = QWidget()
        box = QVBoxLayout(root)
        plots = [ThemedPlot(f"p{i}") for i in range(3)]
        for p in plots:
            box.addWidget(p)
        plots[2].item.hide()  # a plot whose lab hides what it draws
        qtbot.addWidget(root)
        root.resize(400, 600)
        return root, plots

    plain, plain_plots = build()
    plain.show()
    root, plots = build()
    items = reveal_gradually(root)
    assert items == [plots[0].item, plots[1].item]
    root.show()
    QApplication.processEvents()
    assert plots[0].item.isVisible() and not plots[1].item.isVisible()  # one per turn
    qtbot.waitUntil(lambda: plots[1].item.isVisible(), timeout=2000)
    QApplication.processEvents()
    assert not plots[2].item.isVisible()
    assert [p.geometry() for p in plots] == [p.geometry() for p in plain_plots]


@pytest.mark.parametrize("lab", [lab.id for lab in LABS])
def test_every_lab_builds_in_pieces_and_draws_the_frame_that_came_meanwhile(qtbot, lab):
    info = get_lab(lab)
    module, _, cls = info.view.partition(":")
    import importlib

    view_cls = getattr(importlib.import_module(module), cls)
    controller = InProcessController()
    view = view_cls(info, controller, LIGHT, staged=True)
    controller.view = view
    qtbot.addWidget(view)
    drawn = []
    original = view.show_snapshot
    view.show_snapshot = lambda snap: (drawn.append(snap), original(snap))
    turns = 0

    def count():
        nonlocal turns
        turns += 1

    ticker = QTimer()
    ticker.timeout.connect(count)
    ticker.start(0)
    view.start_session()  # the in-process session answers at once: its first frame comes mid-build
    assert view.building and view.last_snapshot is not None and drawn == []
    with qtbot.waitSignal(view.built, timeout=10000):
        pass
    ticker.stop()
    assert turns >= 2  # the window had turns of its own between the pieces
    assert drawn and all(snap is view.last_snapshot for snap in drawn)  # (a theme's redraw may draw it too)
    assert view.figures()  # the whole lab is there
    assert controller.errors == []


def test_a_click_in_the_lab_list_builds_the_lab_in_pieces(qtbot):
    from playground.ui.main_window import MainWindow

    win = MainWindow(lab_id="perceptron", restore=False)
    qtbot.addWidget(win)
    it = QTreeWidgetItemIterator(win.sidebar)
    while it.value() is not None and it.value().data(0, 0x0100) != "depth":  # Qt.UserRole
        it += 1
    win._on_lab_clicked(it.value(), 0)
    view = win.views["depth"]
    assert win.current is view and view.building
    qtbot.waitUntil(lambda: not view.building, timeout=10000)
    assert isinstance(view.content, QWidget) and view.content_scroll.widget() is view.content
    assert not isinstance(view.content, QTabWidget) or view.content.count() > 0
    win.close()


def test_presentation_mode_repaints_the_plots_one_per_turn_and_all_come_back(qtbot):
    from playground.ui.main_window import MainWindow

    win = MainWindow(lab_id="depth", restore=False)
    qtbot.addWidget(win)
    win.show()
    items = [p.item for p in win.current.figures().values()]
    assert all(item.isVisible() for item in items)
    win.set_presentation(True, full_screen=False)
    assert not any(item.isVisible() for item in items)  # restyled while hidden, shown over the next turns
    qtbot.waitUntil(lambda: all(item.isVisible() for item in items), timeout=3000)
    win.set_presentation(False, full_screen=False)
    qtbot.waitUntil(lambda: all(item.isVisible() for item in items), timeout=3000)
    win.close()


@pytest.mark.parametrize("ext", ["svg", "png", "csv"])
def test_a_figure_exported_before_its_turn_to_be_shown_is_exported_whole(qtbot, tmp_path, ext):
    from playground.ui.export import export_figure

    root = QWidget()
    box = QVBoxLayout(root)
    plot = ThemedPlot("waits")
    plot.item.plot([0, 1, 2], [1, 0, 1])
    box.addWidget(plot)
    qtbot.addWidget(root)
    root.show()
    reveal_gradually(root)
    assert not plot.item.isVisible()
    path = tmp_path / f"f.{ext}"
    export_figure(plot, str(path))  # pyqtgraph's SVG exporter failed on a hidden plot
    assert plot.item.isVisible() and path.stat().st_size > 0
