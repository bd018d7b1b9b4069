"""SVG exports drawn by Qt's own SVG engine, in milliseconds, the markers of a dense scatter as one path.

`render_svg` draws a plot through QSvgGenerator, as the screen draws it (see its docstring for why
not pyqtgraph's SVGExporter). In export mode pyqtgraph draws every marker of a scatter as a path of
its own; for a scatter of many markers that all look alike, `symbols_as_one_path` puts one
QGraphicsPathItem holding them all in its place for the export's duration (its pen, brush and place
among the curves), so the file holds one element instead of thousands. A scatter with a colour per
point, or few points, is exported as it is.
"""
from __future__ import annotations

import re

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsPathItem

__all__ = ["render_svg", "symbols_as_one_path", "DENSE_MARKERS"]

DENSE_MARKERS = 256  # below this the exporter's own way is quick enough and exact


class symbols_as_one_path:
    """Context manager over a PlotItem: its dense, uniform scatters become one path each."""

    def __init__(self, plot_item):
        self.plot_item = plot_item
        self.swapped: list = []

    def __enter__(self):
        for data_item in getattr(self.plot_item, "listDataItems", lambda: [])():
            scatter = getattr(data_item, "scatter", None)
            if scatter is None or not data_item.isVisible() or not scatter.isVisible():
                continue
            merged = _merged_markers(scatter)
            if merged is not None:
                scatter.setVisible(False)
                self.swapped.append((scatter, merged))
        return self

    def __exit__(self, *exc):
        for scatter, merged in self.swapped:
            if merged.scene() is not None:
                merged.scene().removeItem(merged)
            scatter.setVisible(True)
        self.swapped = []


def _one(column, default, fallback):
    """The value every point has (its own, or the scatter's default), or None when they differ."""
    first = column[0]
    for value in column:
        if value is not first and not _same(value, first):
            return None
    return fallback if _same(first, default) else first


def _same(a, b) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):
        return False


def _symbol_path(symbol):
    from pyqtgraph.graphicsItems.ScatterPlotItem import Symbols

    if isinstance(symbol, QPainterPath):
        return symbol
    if isinstance(symbol, str):
        return Symbols.get(symbol)
    return None


def _merged_markers(scatter) -> QGraphicsPathItem | None:
    data = scatter.data
    if len(data) < DENSE_MARKERS or not scatter.opts.get("pxMode", True):
        return None
    keep = np.isfinite(data["x"]) & np.isfinite(data["y"]) & data["visible"].astype(bool)
    points = data[keep]
    if len(points) < DENSE_MARKERS:
        return None
    symbol = _one(points["symbol"], None, scatter.opts["symbol"])
    size = _one(points["size"], -1, scatter.opts["size"])
    pen = _one(points["pen"], None, scatter.opts["pen"])
    brush = _one(points["brush"], None, scatter.opts["brush"])
    shape = _symbol_path(symbol)
    if shape is None or size is None or pen is None or brush is None:
        return None
    # Marker sizes are in the view's pixels: a marker's outline maps into the scatter's own
    # coordinates through the inverse of its scene transform (which holds the axes' scales, a flip,
    # a log axis), translated to each point.
    inverse, ok = scatter.sceneTransform().inverted()
    if not ok:
        return None
    s = float(size)
    a, b, c, d = inverse.m11() * s, inverse.m12() * s, inverse.m21() * s, inverse.m22() * s
    path = QPainterPath()
    path.setFillRule(Qt.WindingFill)  # overlapping markers stay filled, as when drawn one by one
    for x, y in zip(points["x"].tolist(), points["y"].tolist()):
        path.addPath(QTransform(a, b, c, d, x, y).map(shape))
    merged = QGraphicsPathItem(path, scatter.parentItem())
    merged.setTransform(scatter.transform())
    merged.setPos(scatter.pos())
    merged.setZValue(scatter.zValue())
    merged.setPen(pen)
    merged.setBrush(brush)
    merged.stackBefore(scatter)  # drawn where the scatter was, among the plot's curves
    return merged


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
    import pyqtgraph.exporters as ex

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
    exporter = ex.SVGExporter(plot_item)  # for its list of the items to put in export mode
    background = exporter.params["background"]
    painter = QPainter(generator)
    try:
        painter.fillRect(QRectF(0, 0, width, height), background)
        painter.setRenderHint(QPainter.Antialiasing, True)
        exporter.setExportMode(True, {"antialias": True, "background": background, "painter": painter,
                                      "resolutionScale": 1.0})
        try:
            scene.render(painter, QRectF(0, 0, width, height), source)
        finally:
            exporter.setExportMode(False)
    finally:
        painter.end()
    buffer.close()
    # a curve with no finite point is written as an empty path, which SVG readers warn about
    return _EMPTY_PATH.sub(b"", bytes(data))


_EMPTY_PATH = re.compile(rb'<path[^>]*\sd=""[^>]*/>\s*')
