"""SVG exports drawn by Qt's own SVG engine, in milliseconds.

`render_svg` draws a plot through QSvgGenerator, as the screen draws it (see its docstring for why
not pyqtgraph's SVGExporter); export.py puts the markers of a dense scatter into one path first
(export_items.py, `symbols_as_one_path`), so the file holds one element instead of thousands.
"""
from __future__ import annotations

import re

__all__ = ["render_svg"]


def render_svg(plot_item) -> bytes | None:
    """One plot as SVG text, drawn by Qt's own SVG paint engine in one pass over the scene; None
    for a plot with nothing to draw (not in a window, or of no size).

    pyqtgraph's SVGExporter draws each item as SVG, then reparses it with minidom and moves its
    coordinates in Python: 0.2 to 0.5 s on the GUI thread for a plot of many items (the conv lab's
    confusion matrix, 217 text items: 450 ms) and it needed patches for Qt 6 (close-path commands).
    Qt's QSvgGenerator draws what the screen draws, clipping included, in 2 to 70 ms. Two details
    make it match the screen: the generator's resolution is the screen's (at its default 72 dpi,
    text came out 3/4 the size and pictures replayed inside items, like bar charts, were shrunk by
    the same factor), and the view's background is painted first, as the PNG export does."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgGenerator
    from playground.ui.export_paint import paint_plot

    scene = plot_item.scene()
    source = QRectF(plot_item.sceneBoundingRect())
    width, height = source.width(), source.height()
    if scene is None or width < 1 or height < 1:
        return None
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(round(width), round(height)))
    generator.setViewBox(QRectF(0, 0, width, height))
    generator.setResolution(QImage(1, 1, QImage.Format_ARGB32).logicalDpiX())
    generator.setTitle(plot_item.titleLabel.text if hasattr(plot_item, "titleLabel") else "")
    painter = QPainter(generator)
    try:
        paint_plot(plot_item, painter, QRectF(0, 0, width, height), 1.0)
    finally:
        painter.end()
    buffer.close()
    # a curve with no finite point is written as an empty path, which SVG readers warn about (the
    # search first: a pattern over a dense scatter's megabyte of path took 8 ms)
    text = bytes(data)
    return _EMPTY_PATH.sub(b"", text) if b' d=""' in text else text


_EMPTY_PATH = re.compile(rb'<path[^>]*\sd=""[^>]*/>\s*')
