"""Figures out of the app: any plot as PNG (chosen width), SVG or CSV, the whole lab as PNG.

Plots are painted in pyqtgraph's export mode (export_paint.py), with stand-ins for their curves and
scatters (export_items.py), into an image for a PNG or Qt's SVG engine for an SVG (svg_export.py);
pyqtgraph's CSVExporter writes CSVs. Files are written to a temporary name first and renamed into
place, so a failed export never leaves half a file behind.

A figure is drawn on the GUI thread (Qt paints a scene only there) but encoded and written on a
thread of its own: PNG compression is about half the time of a 1920-px export and Qt releases the
GIL meanwhile, so the Export dialog shows "Writing…" while the window keeps drawing.
"""
from __future__ import annotations

import os
import tempfile
from concurrent.futures import ThreadPoolExecutor
from functools import partial

from PySide6.QtCore import QRectF, Qt, QTimer
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox, QWidget)

from playground.ui.export_items import curves_in_pixels, legends_at_scale, markers_as_stamps, symbols_as_one_path
from playground.ui.export_paint import background_of, paint_plot, raster_image
from playground.ui.i18n import QT_TR_NOOP, tr
from playground.ui.staged_build import reveal_now
from playground.ui.svg_export import render_svg

__all__ = ["export_figure", "export_widget_png", "render_png", "write_png", "svg_text", "write_bytes",
           "ExportDialog", "ExportError", "FORMATS"]

FORMATS = {"png": QT_TR_NOOP("PNG image"), "svg": QT_TR_NOOP("SVG vector image"),
           "csv": QT_TR_NOOP("CSV data (the curves' numbers)")}


class ExportError(RuntimeError):
    pass


def _plot_item(fig):
    return fig.getPlotItem() if hasattr(fig, "getPlotItem") else fig


def _check_target(path: str) -> None:
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(folder):
        raise ExportError(tr("the folder {folder} does not exist", folder=folder))
    if os.path.isdir(path):
        raise ExportError(tr("{path} is a folder, not a file", path=path))


def _atomic(path: str, write) -> None:
    _check_target(path)
    folder = os.path.dirname(os.path.abspath(path)) or "."
    ext = os.path.splitext(path)[1]
    try:
        fd, tmp = tempfile.mkstemp(prefix=".export-", suffix=ext, dir=folder)
    except OSError as exc:  # /proc, a read-only disk, a folder of someone else's
        raise ExportError(tr("cannot write in {folder}: {reason}", folder=folder, reason=exc.strerror or exc)) from None
    os.close(fd)
    try:
        write(tmp)
        if not os.path.exists(tmp) or os.path.getsize(tmp) == 0:
            raise ExportError(tr("nothing was written (is the figure empty?)"))
        # mkstemp makes the file private (0600); an exported figure gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except PermissionError as exc:
        raise ExportError(tr("cannot write {path}: permission denied", path=path)) from exc
    except OSError as exc:
        raise ExportError(tr("cannot write {path}: {reason}", path=path, reason=exc.strerror or exc)) from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def render_png(fig, width: int = 1920):
    """Draw one plot into a QImage `width` pixels wide, its height in the plot's proportions (GUI
    thread only); write_png saves it."""
    if not 16 <= int(width) <= 16000:
        raise ExportError(tr("width {width} px is out of range (16 to 16000)", width=width))
    reveal_now()
    item = _plot_item(fig)
    source = item.sceneBoundingRect()
    if item.scene() is None or source.width() < 1 or source.height() < 1:
        raise ExportError(tr("nothing was drawn (is the figure empty?)"))
    width = int(width)
    height = max(1, int(width * source.height() / source.width()))
    on_screen = item.mapRectToDevice(item.boundingRect())  # None when the plot is in no window
    scale = width / (on_screen.width() if on_screen is not None and on_screen.width() > 0 else source.width())
    image = raster_image(width, height, background_of(item))
    if image.isNull():  # Qt could not allocate it (a 16,000-px figure is about a gigabyte)
        raise ExportError(tr("not enough memory for a {width} x {height} px image: choose a smaller width",
                             width=width, height=height))
    painter = QPainter(image)
    try:
        with curves_in_pixels(item, width), markers_as_stamps(item, scale), legends_at_scale(item):
            paint_plot(item, painter, QRectF(0, 0, width, height), scale, filled=True)
    finally:
        painter.end()
    return image


def write_png(image, path: str) -> None:
    """Encode and write a QImage as PNG, atomically; safe on any thread (no widget is touched)."""
    def write(tmp):
        if not image.save(tmp, "PNG"):
            raise ExportError(tr("Qt could not encode the PNG"))

    _atomic(path, write)


def svg_text(fig) -> bytes:
    """One plot as SVG (GUI thread only); write_bytes saves it."""
    reveal_now()
    item = _plot_item(fig)
    with symbols_as_one_path(item):
        data = render_svg(item)
    if data is None:
        raise ExportError(tr("nothing was drawn (is the figure empty?)"))
    return data


def write_bytes(data: bytes, path: str) -> None:
    """Write an export's bytes atomically; safe on any thread."""
    def write(tmp):
        with open(tmp, "wb") as f:
            f.write(data)

    _atomic(path, write)


def export_figure(fig, path: str, width: int = 1920) -> None:
    """Export one plot; the format comes from the extension (.png, .svg, .csv)."""
    import pyqtgraph.exporters as ex

    reveal_now()  # a plot still waiting for its first paint (staged_build.py) is drawn whole
    fmt = os.path.splitext(path)[1].lower().lstrip(".")
    if fmt not in FORMATS:
        raise ExportError(tr("unknown format '.{format}': use .png, .svg or .csv", format=fmt))
    item = _plot_item(fig)
    if fmt == "png":
        _check_target(path)
        write_png(render_png(fig, width), path)
        return
    if fmt == "svg":
        _check_target(path)
        write_bytes(svg_text(fig), path)
    else:
        _atomic(path, lambda tmp: ex.CSVExporter(item).export(tmp))


def export_widget_png(widget: QWidget, path: str) -> None:
    """The whole lab panel as it looks on screen (at the screen's pixel ratio)."""
    if not path.lower().endswith(".png"):
        raise ExportError(tr("the whole lab panel exports as PNG only"))
    reveal_now()

    def write(tmp):
        if not widget.grab().save(tmp, "PNG"):
            raise ExportError(tr("Qt could not encode the PNG"))

    _atomic(path, write)


_WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="png-writer")


def figure_combo(figures: dict, whole: str) -> QComboBox:
    """The figures a lab exports, by their names in the app's language; each item's data is the
    figure's own (English) key, and `whole` (the whole lab panel) comes last."""
    import re

    combo = QComboBox()
    for name in list(figures) + [whole]:
        pane = re.fullmatch(r"(.+) \(([A-D])\)", name)  # a comparison's "loss (B)"
        combo.addItem(f"{tr(pane.group(1))} ({pane.group(2)})" if pane else tr(name), name)
    return combo


def file_row(path: QLineEdit, browse) -> QHBoxLayout:
    """A file name field with its Browse… button, as the export and record dialogs show it."""
    button = QPushButton(tr("Browse…"))
    button.clicked.connect(browse)
    row = QHBoxLayout()
    row.addWidget(path, 1)
    row.addWidget(button)
    return row


class ExportDialog(QDialog):
    """Choose a figure, a format, a width and a file; reports errors without closing."""

    WHOLE = QT_TR_NOOP("Whole lab panel")

    def __init__(self, figures: dict, lab_widget: QWidget, default_dir: str = "", parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("Export figure"))
        self.figures = figures
        self.lab_widget = lab_widget
        self.figure = figure_combo(figures, self.WHOLE)
        self.format = QComboBox()
        for key, label in FORMATS.items():
            self.format.addItem(tr(label), key)
        self.width = QSpinBox()
        self.width.setRange(16, 16000)
        self.width.setValue(1920)
        self.width.setSuffix(" px")
        self.path = QLineEdit(os.path.join(default_dir or os.getcwd(), "figure.png"))
        row = file_row(self.path, self._browse)
        form = QFormLayout(self)
        form.addRow(tr("Figure"), self.figure)
        form.addRow(tr("Format"), self.format)
        form.addRow(tr("Width (PNG)"), self.width)
        form.addRow(tr("File"), row)
        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.status = QLabel("")
        form.addRow(self.status, buttons)
        self.format.currentIndexChanged.connect(self._sync)
        self.figure.currentIndexChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        whole = self.figure.currentData() == self.WHOLE
        if whole:
            self.format.setCurrentIndex(0)
        self.format.setEnabled(not whole)
        fmt = self.format.currentData()
        self.width.setEnabled(fmt == "png" and not whole)
        base, _ = os.path.splitext(self.path.text())
        self.path.setText(base + "." + fmt)

    def _browse(self) -> None:
        fmt = self.format.currentData()
        path, _ = QFileDialog.getSaveFileName(self, tr("Export figure"), self.path.text(),
                                              f"{tr(FORMATS[fmt])} (*.{fmt})")
        if path:
            self.path.setText(path)

    def _save(self) -> None:
        """Draw here, write on a thread: the dialog says "Writing…" and closes when the file is done."""
        try:
            path, write = self._render()
        except (ExportError, OSError) as exc:
            QMessageBox.warning(self, tr("Export failed"), str(exc))
            return
        if write is None:
            self.accept()  # a CSV is written already
            return
        self.writing = _WRITER.submit(write, path)
        self._form_enabled(False)
        self.status.setText(tr("Writing…"))
        self.setCursor(Qt.BusyCursor)
        self._waiter = QTimer(self)
        self._waiter.setInterval(30)
        self._waiter.timeout.connect(self._check_written)
        self._waiter.start()

    def _check_written(self) -> None:
        if not self.writing.done():
            return
        self._waiter.stop()
        self.unsetCursor()
        self.status.setText("")
        self._form_enabled(True)
        exc = self.writing.exception()
        if exc is not None:
            QMessageBox.warning(self, tr("Export failed"), str(exc))
            return
        self.accept()

    def _form_enabled(self, on: bool) -> None:
        for w in (self.figure, self.format, self.path, self.buttons):
            w.setEnabled(on)
        if on:
            self._sync()

    def _render(self):
        """(path, what writes the drawn figure to a path, on the writer thread); (path, None) once a
        CSV is written."""
        path = self.path.text().strip()
        if not path:
            raise ExportError(tr("choose a file name"))
        _check_target(path)
        if self.figure.currentData() == self.WHOLE:
            reveal_now()
            return path, partial(write_png, self.lab_widget.grab().toImage())
        fig = self.figures[self.figure.currentData()]
        if self.format.currentData() == "png" and path.lower().endswith(".png"):
            return path, partial(write_png, render_png(fig, self.width.value()))
        if self.format.currentData() == "svg" and path.lower().endswith(".svg"):
            return path, partial(write_bytes, svg_text(fig))
        export_figure(fig, path, self.width.value())
        return path, None

    def export(self) -> str:
        path = self.path.text().strip()
        if not path:
            raise ExportError(tr("choose a file name"))
        if self.figure.currentData() == self.WHOLE:
            export_widget_png(self.lab_widget, path)
        else:
            export_figure(self.figures[self.figure.currentData()], path, self.width.value())
        return path
