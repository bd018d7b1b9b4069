"""SVG exports of dense figures in a fraction of a second, with pyqtgraph's SVGExporter doing the work.

That exporter has Qt draw each item as SVG, then reparses it and moves every coordinate into place
one pair at a time in Python, and it draws every marker of a scatter plot as an element of its own.
The depth lab's target at k = 12 (4,096 sample points, a zigzag of 4,096 teeth) held the GUI thread
4.4 s. Two changes, for exports only:
  * `symbols_as_one_path`: a scatter of many markers that all look alike is replaced, for the export's
    duration, by one QGraphicsPathItem holding them all (its pen, brush and place among the curves);
    a scatter with a colour per point, or few points, is exported as it is;
  * `prepare_svg_exporter`: the coordinates of a path are moved into place all at once (numpy), and
    Qt 6's close-path command, which that exporter cannot parse, is dropped.
"""
from __future__ import annotations

import re
import sys

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QPainterPath, QTransform
from PySide6.QtWidgets import QGraphicsPathItem

__all__ = ["prepare_svg_exporter", "symbols_as_one_path", "DENSE_MARKERS"]

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


_MATRIX = re.compile(r"matrix\(([^)]*)\)")


def prepare_svg_exporter() -> None:
    """Patch pyqtgraph's SVG coordinate pass (once): paths in groups without text are moved into
    place here, vectorised, and hidden from its per-pair loop; everything else is left to it.

    Qt 6.11 also writes the close-path command "Z", which pyqtgraph 0.14 cannot parse (every export
    failed): it is dropped, since the paths it closes (frames, filled symbols) already end where they
    began and SVG closes filled areas itself."""
    import pyqtgraph.exporters.SVGExporter  # noqa: F401 - load the module to patch it
    module = sys.modules["pyqtgraph.exporters.SVGExporter"]
    original = getattr(module, "correctCoordinates", None)
    if original is None or getattr(original, "_np_patched", False):
        return

    def correct(node, defs, item, options):
        done = []
        for group in node.getElementsByTagName("g"):
            children = [ch for ch in group.childNodes if getattr(ch, "tagName", None)]
            if any(ch.tagName == "text" for ch in children):
                continue  # pyqtgraph splits such a group and keeps the text's transform
            paths = [ch for ch in children if ch.tagName == "path"]
            if not paths:
                continue
            match = _MATRIX.match(group.getAttribute("transform"))
            m = [float(v) for v in match.group(1).split(",")] if match else [1, 0, 0, 1, 0, 0]
            for path in paths:
                path.setAttribute("d", _moved_path(path.getAttribute("d"), m))
                path.tagName = path.nodeName = "np-path"  # out of the per-pair loop's sight
                done.append(path)
            if group.hasAttribute("transform"):
                group.removeAttribute("transform")
        for path in node.getElementsByTagName("path"):  # those left to pyqtgraph: no "Z" either
            d = path.getAttribute("d")
            if "Z" in d or "z" in d:
                path.setAttribute("d", " ".join(t for t in d.split() if t not in ("Z", "z")))
        try:
            return original(node, defs, item, options)
        finally:
            for path in done:
                path.tagName = path.nodeName = "path"

    correct._np_patched = True
    module.correctCoordinates = correct


def _moved_path(d: str, m: list[float]) -> str:
    """Path data `d` ("Mx,y Lx,y Cx,y x,y x,y ... Z") through the SVG matrix m = (a b c d e f)."""
    tokens = [t for t in d.split() if t not in ("Z", "z")]
    if not tokens:
        return ""
    commands = [t[0] if t[0].isalpha() else "" for t in tokens]
    pairs = np.array([t[len(c):].split(",") for t, c in zip(tokens, commands)], dtype=float).reshape(-1, 2)
    x = m[0] * pairs[:, 0] + m[2] * pairs[:, 1] + m[4]
    y = m[1] * pairs[:, 0] + m[3] * pairs[:, 1] + m[5]
    commands[0] = "M"  # a path that does not start with a move is not drawn at all
    return " ".join(f"{c}{a:.7g},{b:.7g}" for c, a, b in zip(commands, x.tolist(), y.tolist()))
