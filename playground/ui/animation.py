"""Animations of a lab: record a figure or the whole lab panel as GIF or MP4, from the window or the
command line.

In the window, a `Recorder` grabs the chosen figure at the chosen width and frame rate while the lab
trains or steps (a figure is rendered as for a PNG export at full resolution, about 10 to 20
ms at 1920 px; the whole panel is grabbed as drawn), and hands each frame to an encoder thread
through a small queue: ffmpeg (core/video.py) encodes in its own process, so the window keeps
drawing. If the encoder falls behind, a frame is skipped rather than the window made to wait, and the
count of skipped frames is reported. From the command line (`playground run LAB ... --export
run.gif`), `record_run` trains the lab headless and renders a frame every few epochs with the lab's
own view, offscreen: the film is the same whatever the machine's speed.
"""
from __future__ import annotations

import os
import queue
import threading

import numpy as np
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFileDialog, QFormLayout, QLineEdit, QMessageBox, QSpinBox, QWidget)

from playground.core.video import VIDEO_FORMATS, VideoEncoder, VideoError
from playground.ui.export import figure_combo, file_row
from playground.ui.i18n import QT_TR_NOOP, tr

__all__ = ["render_frame", "Recorder", "RecordDialog", "record_run", "qimage_to_rgb"]


def qimage_to_rgb(image: QImage) -> np.ndarray:
    """An H x W x 3 uint8 copy of a QImage."""
    img = image.convertToFormat(QImage.Format_RGB888)
    w, h, stride = img.width(), img.height(), img.bytesPerLine()
    buf = np.frombuffer(img.constBits(), np.uint8, count=img.sizeInBytes())
    return buf.reshape(h, stride)[:, : w * 3].reshape(h, w, 3).copy()


def render_frame(target, width: int) -> np.ndarray:
    """One frame of `target`: a pyqtgraph plot rendered `width` px wide, or a widget as drawn,
    scaled to `width` (its height follows the aspect ratio)."""
    from playground.ui.export import render_png
    from playground.ui.staged_build import reveal_now

    reveal_now()  # every plot drawn whole, not waiting for its turn
    if isinstance(target, QWidget) and not hasattr(target, "getPlotItem"):
        image = target.grab().toImage()
        if image.width() != width:
            from PySide6.QtCore import Qt

            image = image.scaledToWidth(int(width), Qt.SmoothTransformation)
        return qimage_to_rgb(image)
    return qimage_to_rgb(render_png(target, width))


class _EncoderThread:
    """Feeds an encoder from a bounded queue on a Python thread (ffmpeg does the work elsewhere)."""

    def __init__(self, encoder: VideoEncoder, depth: int = 6):
        self.encoder = encoder
        self.queue: queue.Queue = queue.Queue(maxsize=depth)
        self.error: str | None = None
        self.path: str | None = None
        self.thread = threading.Thread(target=self._run, name="playground-encoder", daemon=True)
        self.thread.start()

    def offer(self, frame) -> bool:
        """Queue a frame without waiting; False if the encoder is behind (the frame is skipped)."""
        try:
            self.queue.put_nowait(frame)
            return True
        except queue.Full:
            return False

    def finish(self, cancel: bool = False) -> None:
        self.queue.put("cancel" if cancel else "close")  # blocks at most one frame's encoding

    def _run(self) -> None:
        try:
            while True:
                item = self.queue.get()
                if isinstance(item, str):
                    if item == "cancel":
                        self.encoder.cancel()
                    else:
                        self.path = self.encoder.close()
                    return
                if self.error is None:
                    self.encoder.add(item)
        except VideoError as exc:
            self.error = str(exc)
            self.encoder.cancel()
        except Exception as exc:  # noqa: BLE001 - reported to the user, never a traceback
            self.error = f"{type(exc).__name__}: {exc}"
            self.encoder.cancel()

    @property
    def done(self) -> bool:
        return not self.thread.is_alive()


class Recorder(QObject):
    """Record `target` for `seconds` at `fps`; emits progress, then `finished(path)` or `failed(why)`."""

    progressed = Signal(int, int)  # frames recorded, frames planned
    finished = Signal(str, int)  # the file written, frames skipped because the encoder was behind
    failed = Signal(str)

    def __init__(self, target, path: str, width: int = 1920, fps: float = 15.0, seconds: float = 10.0,
                 parent=None):
        super().__init__(parent)
        self.target, self.path, self.width = target, path, int(width)
        self.planned = max(1, int(round(fps * seconds)))
        self.recorded = 0
        self.skipped = 0
        self.encoder = VideoEncoder(path, fps)  # raises VideoError for a bad path or rate
        self._feed: _EncoderThread | None = None
        self._size: tuple | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(max(1, int(1000 / fps)))
        self._timer.timeout.connect(self._grab)
        self._wait = QTimer(self)
        self._wait.setInterval(50)
        self._wait.timeout.connect(self._check_done)
        self.cancelled = False

    @property
    def active(self) -> bool:
        return self._timer.isActive() or self._wait.isActive()

    def start(self) -> None:
        self._feed = _EncoderThread(self.encoder)
        self._timer.start()
        self._grab()

    def stop(self) -> None:
        """End the recording now and keep what was recorded."""
        if self._timer.isActive():
            self._timer.stop()
            self._feed.finish()
            self._wait.start()

    def cancel(self) -> None:
        self.cancelled = True
        self._timer.stop()
        if self._feed is not None:
            self._feed.finish(cancel=True)
            self._wait.start()

    def _grab(self) -> None:
        try:
            frame = render_frame(self.target, self.width)
        except RuntimeError as exc:  # the figure was deleted (lab closed): keep what we have
            self.failed.emit(tr("the figure went away during the recording: {error}", error=exc))
            self.cancel()
            return
        if self._size is None:
            self._size = frame.shape
        elif frame.shape != self._size:
            # The window was resized mid-recording: keep the film's size by fitting the frame in.
            fixed = np.full(self._size, 255, np.uint8)
            h, w = min(self._size[0], frame.shape[0]), min(self._size[1], frame.shape[1])
            fixed[:h, :w] = frame[:h, :w]
            frame = fixed
        if self._feed.offer(frame):
            self.recorded += 1
        else:
            self.skipped += 1
        self.progressed.emit(self.recorded, self.planned)
        if self._feed.error:
            self._timer.stop()
            self._wait.start()
        elif self.recorded >= self.planned:
            self.stop()

    def _check_done(self) -> None:
        if not self._feed.done:
            return
        self._wait.stop()
        if self.cancelled:
            return
        if self._feed.error:
            self.failed.emit(self._feed.error)
        else:
            self.finished.emit(self._feed.path, self.skipped)


class RecordDialog(QDialog):
    """Choose what to record, the format, width, frame rate, length and file."""

    WHOLE = QT_TR_NOOP("Whole lab panel")

    def __init__(self, figures: dict, default_dir: str = "", trains: bool = True, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Record animation"))
        self.figure = figure_combo(figures, self.WHOLE)
        self.format = QComboBox()
        for key, label in VIDEO_FORMATS.items():
            self.format.addItem(tr(label), key)
        self.width = QSpinBox()
        self.width.setRange(160, 3840)
        self.width.setValue(1920)
        self.width.setSuffix(" px")
        self.fps = QSpinBox()
        self.fps.setRange(1, 60)
        self.fps.setValue(15)
        self.fps.setSuffix(" " + tr("frames/s"))
        self.seconds = QDoubleSpinBox()
        self.seconds.setRange(0.5, 600)
        self.seconds.setValue(10)
        self.seconds.setSuffix(" s")
        self.play = QCheckBox(tr("Start training when the recording starts"))
        self.play.setChecked(trains)
        self.play.setEnabled(trains)
        self.path = QLineEdit(os.path.join(default_dir or os.getcwd(), "animation.gif"))
        row = file_row(self.path, self._browse)
        form = QFormLayout(self)
        form.addRow(tr("Figure"), self.figure)
        form.addRow(tr("Format"), self.format)
        form.addRow(tr("Width"), self.width)
        form.addRow(tr("Frame rate"), self.fps)
        form.addRow(tr("Length"), self.seconds)
        form.addRow("", self.play)
        form.addRow(tr("File"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("Record"))
        buttons.accepted.connect(self._check)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.format.currentIndexChanged.connect(self._sync)

    def _sync(self) -> None:
        base, _ = os.path.splitext(self.path.text())
        self.path.setText(base + "." + self.format.currentData())

    def _browse(self) -> None:
        fmt = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, tr("Record animation"), self.path.text(),
                                              f"{tr(VIDEO_FORMATS[fmt])} (*.{fmt})")
        if path:
            self.path.setText(path)

    def _check(self) -> None:
        path = self.path.text().strip()
        ext = os.path.splitext(path)[1].lower().lstrip(".")
        if ext not in VIDEO_FORMATS:
            QMessageBox.warning(self, tr("Record animation"),
                                tr("{file}: choose a name ending in .gif or .mp4", file=path or tr("The file")))
            return
        self.accept()

    def choice(self) -> dict:
        return {"figure": self.figure.currentData(), "path": self.path.text().strip(),
                "width": self.width.value(), "fps": self.fps.value(), "seconds": self.seconds.value(),
                "play": self.play.isChecked()}


def record_run(info, core, params: dict, epochs: int, extra: dict, path: str, width: int = 1920,
               fps: float = 15.0, frames: int | None = None, figure: str | None = None):
    """Train `core`'s lab headless for `epochs` and write an animation of its main figure (or the
    figure named), one frame every few epochs. Returns (result, last snapshot, frames written)."""
    import importlib

    from PySide6.QtCore import Qt

    from playground.core.train.recording import observe_epochs
    from playground.ui.app import make_app
    from playground.ui.theme import LIGHT

    app = make_app()
    module, _, cls = info.view.partition(":")
    view = getattr(importlib.import_module(module), cls)(info, None, LIGHT)
    view.setAttribute(Qt.WA_DontShowOnScreen, True)
    view.resize(1600, 1000)
    view.show()
    figs = view.figures()
    if figure is not None and figure not in figs:
        raise VideoError(tr("this lab has no figure {figure!r}; it has {figures}", figure=figure, figures=", ".join(figs)))
    target = figs[figure] if figure else next(iter(figs.values()))
    n = int(frames) if frames else int(min(max(2, epochs + 1), 10 * fps))
    n = max(1, min(n, epochs + 1))
    due = {round(i * epochs / max(1, n - 1)) for i in range(n)} if n > 1 else {epochs}
    encoder = VideoEncoder(path, fps)
    written = 0

    def on_epoch(session) -> None:
        nonlocal written
        if session.epoch not in due:
            return
        due.discard(session.epoch)
        view.receive_snapshot(session.snapshot())
        app.processEvents()
        encoder.add(render_frame(target, width))
        written += 1

    try:
        with observe_epochs(on_epoch):
            result, snapshot = core.run_headless(params, epochs, extra)
        if written == 0:  # a lab that does not train through train_headless: one frame of its result
            view.receive_snapshot(snapshot)
            app.processEvents()
            encoder.add(render_frame(target, width))
            written = 1
        encoder.close()
    except BaseException:
        encoder.cancel()
        raise
    finally:
        view.close()
    return result, snapshot, written
