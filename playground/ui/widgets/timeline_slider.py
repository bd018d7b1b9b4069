"""The timeline under the transport: drag back to any kept epoch of the run; every view of the lab
shows that epoch, and Play goes on from there (a new branch).

The slider mirrors the run while it trains (its right end is the furthest epoch kept) and does not
fight the user: while the handle is held, frames move nothing. Releasing it asks the worker to rewind
to the latest kept epoch at or before the handle (`scrubbed`); early epochs are all kept, later ones
more sparsely (core/train/timeline.py), so the read-out says which epoch the handle will reach.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

from playground.ui.i18n import group_digits, tr

__all__ = ["TimelineSlider"]


class TimelineSlider(QWidget):
    scrubbed = Signal(int)  # the epoch asked for

    def __init__(self, parent=None):
        super().__init__(parent)
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setObjectName("timeline")
        self.slider.setFocusPolicy(Qt.ClickFocus)  # the arrow keys stay with the transport
        self.slider.setMinimumWidth(160)
        self.slider.setRange(0, 0)
        self.label = QLabel("")
        self.label.setMinimumWidth(90)
        self.title = QLabel("")
        self._epoch = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        self.retranslate()
        self.slider.sliderMoved.connect(lambda v: self._show(tr("→ epoch {epoch}", epoch=group_digits(v))))
        self.slider.sliderReleased.connect(self._on_released)
        self.slider.actionTriggered.connect(self._on_action)

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        """A theme switch changes the font (presentation mode): measure the read-out again once the
        new font is in place."""
        super().changeEvent(event)
        if event.type() in (QEvent.FontChange, QEvent.StyleChange):
            QTimer.singleShot(0, self, self._measure)

    def _measure(self) -> None:
        self.label.setMinimumWidth(90)
        self._show(self.label.text())

    def set_compact(self, on: bool) -> None:
        """Presentation mode: the slider and its epoch without the title (its tooltip names it), so
        the transport fits a 1280-px projector in the longer French too."""
        self.title.setVisible(not on)
        self._measure()
        QTimer.singleShot(0, self, self._measure)  # the mode's font may arrive after this call

    def _show(self, text: str) -> None:
        self.label.setText(text)
        # never clipped: the read-out only widens (the epochs grow), so the transport does not jitter
        self.label.setMinimumWidth(max(self.label.minimumWidth(), self.label.sizeHint().width()))

    def retranslate(self) -> None:
        """Its texts in the app's language (View > Language)."""
        self.slider.setToolTip(tr("Timeline: drag back to an earlier epoch of this run; Play goes on from there"))
        self.title.setText(tr("Timeline"))
        self.label.setMinimumWidth(90)
        self._show(tr("epoch {epoch}", epoch=group_digits(self._epoch)))

    def follow(self, epoch: int, end: int | None) -> None:
        """Show a frame's epoch; `end` is the furthest kept epoch of the run (None: no timeline)."""
        if self.slider.isSliderDown():
            return
        self.setEnabled(end is not None)
        top = max(int(epoch), int(end or 0))
        self.slider.blockSignals(True)
        self.slider.setRange(0, top)
        self.slider.setValue(int(epoch))
        self.slider.blockSignals(False)
        self._epoch = int(epoch)
        self._show(tr("epoch {epoch}", epoch=group_digits(epoch)))

    def _on_released(self) -> None:
        self.scrubbed.emit(self.slider.value())

    def _on_action(self, action: int) -> None:
        # A click on the groove or Page keys move the handle without a drag: rewind there too.
        if action in (QSlider.SliderPageStepAdd, QSlider.SliderPageStepSub) and not self.slider.isSliderDown():
            self.scrubbed.emit(self.slider.sliderPosition())
