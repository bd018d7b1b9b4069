"""A lab's first opening, a few pieces per turn of the event loop, so that it never holds the window.

Opening a lab for the first time builds its plots (some 8 ms each for a pyqtgraph plot on a 2-core
laptop, and a lab has five to ten) and its other widgets: 100 to 250 ms in one block, and then about
as much again when every plot paints for the first time in the same frame. A view whose
`build_content` is a generator yields between pieces; `StagedBuild` runs one piece per turn, so the
window paints and takes input in between. Once the last piece is built, `reveal_gradually` shows what
the plots draw one plot per turn as well: the plot widgets are laid out at once, as they would be,
and only their first paint (the axes' text, the curves) is spread out.
"""
from __future__ import annotations

from collections.abc import Generator

import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QWidget

__all__ = ["StagedBuild", "reveal_gradually", "reveal_now", "next_turn"]

_TURN = QEvent.Type(QEvent.registerEventType())


class _Turns(QObject):
    """Runs a function on the event loop's next turn. A posted event, not a zero timer: Qt fires a
    zero timer set from a zero timer in the same pass, two build steps with no paint between them,
    while an event posted from an event waits for the next pass, behind the paints and the input."""

    def __init__(self):
        super().__init__()
        self._waiting: list = []

    def later(self, fn) -> None:
        self._waiting.append(fn)
        QCoreApplication.postEvent(self, QEvent(_TURN), Qt.EventPriority.LowEventPriority.value)

    def customEvent(self, event) -> None:
        if event.type() == _TURN and self._waiting:
            self._waiting.pop(0)()


_turns: _Turns | None = None


def next_turn(fn) -> None:
    """Call `fn` on the next turn of the event loop, after what is waiting now (paints, clicks)."""
    global _turns
    if _turns is None:
        _turns = _Turns()
    _turns.later(fn)


class StagedBuild(QObject):
    """Drives a generator of build steps, one step per turn; its return value is the content."""

    finished = Signal(object)  # the content widget (the generator's return value)

    def __init__(self, steps: Generator, parent: QObject | None = None):
        super().__init__(parent)
        self._steps = steps
        self.in_step = False  # a view's own calls from inside its build need no finishing first
        self.done = False

    def start(self) -> None:
        next_turn(self._next)

    def finish(self) -> None:
        """Build what is left now, in one go: something needs the whole view."""
        while not self.done:
            self._step()

    def _next(self) -> None:
        if self.done or not shiboken6.isValid(self):
            return  # finished early by a call that needed the view, or the view is gone
        self._step()
        if not self.done:
            next_turn(self._next)

    def _step(self) -> None:
        self.in_step = True
        try:
            next(self._steps)
        except StopIteration as end:
            self.done = True  # (so the content's own calls from `finished` count as built)
            self.finished.emit(end.value)
        except BaseException:
            self.done = True  # a generator that raised is over: the error is the lab's to report
            raise
        finally:
            self.in_step = False


def reveal_gradually(content: QWidget) -> list:
    """Hide what `content`'s plots draw and show it again one plot per turn of the event loop.
    The plot widgets themselves stay shown, so the layout is what it would have been; only the first
    paint of each plot's axes and curves is spread out. Returns the plot items it will show; one its
    lab hid itself stays hidden."""
    items = []
    for view in content.findChildren(pg.GraphicsView):
        item = getattr(view, "centralWidget", None)
        if item is not None and item.isVisible():
            item.setVisible(False)
            items.append(item)
    _unrevealed.extend(items)

    def show_next() -> None:
        while items:
            item = items.pop(0)
            if _show(item):
                break
        if items:
            next_turn(show_next)

    next_turn(show_next)
    return list(items)


_unrevealed: list = []  # plot items hidden by reveal_gradually and not shown again yet


def _show(item) -> bool:
    """Show one hidden plot item again; False when it is gone or was shown already."""
    if item not in _unrevealed:
        return False
    _unrevealed.remove(item)
    try:
        item.setVisible(True)
    except RuntimeError:  # deleted meanwhile (the lab was rebuilt for a language switch)
        return False
    return True


def reveal_now() -> None:
    """Show at once every plot still waiting for its turn: an export or a recording draws the
    figure whole (pyqtgraph's exporters skip what is hidden, the SVG one fails on it)."""
    while _unrevealed:
        _show(_unrevealed[0])
