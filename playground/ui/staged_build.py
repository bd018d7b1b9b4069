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
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

__all__ = ["StagedBuild", "reveal_gradually"]


class StagedBuild(QObject):
    """Drives a generator of build steps, one step per turn; its return value is the content."""

    finished = Signal(object)  # the content widget (the generator's return value)

    def __init__(self, steps: Generator, parent: QObject | None = None):
        super().__init__(parent)
        self._steps = steps
        self.in_step = False  # a view's own calls from inside its build need no finishing first
        self.done = False

    def start(self) -> None:
        QTimer.singleShot(0, self._next)

    def finish(self) -> None:
        """Build what is left now, in one go: something needs the whole view."""
        while not self.done:
            self._step()

    def _next(self) -> None:
        if self.done:
            return  # finished early by a call that needed the view
        self._step()
        if not self.done:
            QTimer.singleShot(0, self._next)

    def _step(self) -> None:
        self.in_step = True
        try:
            next(self._steps)
        except StopIteration as end:
            self.done = True
            self.in_step = False
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
    pending = list(items)

    def show_next() -> None:
        while pending:
            item = pending.pop(0)
            try:
                item.setVisible(True)
            except RuntimeError:  # deleted meanwhile (the lab was rebuilt for a language switch)
                continue
            break
        if pending:
            QTimer.singleShot(0, show_next)

    QTimer.singleShot(0, show_next)
    return items
