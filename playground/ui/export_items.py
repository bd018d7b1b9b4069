"""Stand-ins drawn in a plot's place while it is exported, each cheaper than pyqtgraph's export mode.

Each is a context manager over a PlotItem that gives a curve or a scatter a plain QGraphicsItem as
a child, drawn instead of it for the export's duration, and takes it away after:

- `curves_in_pixels` (PNG): a curve's points are mapped to the image's pixels in numpy and stroked
  there, smoothed where that pays (see `_CurveInPixels`). Qt strokes a cosmetic pen under the
  view's unequal x and y scales about ten times slower than the same lines in pixels (the
  perceptron's 48-point weight curves: 5.4 ms against 0.4 ms each).
- `markers_as_stamps` (PNG): a dense scatter of identical markers is drawn from one picture of the
  marker, stamped at every point in one call; in export mode pyqtgraph draws each marker as a path
  of its own from Python (the depth target's 4,096 markers: 50 ms).
- `symbols_as_one_path` (SVG): the same scatter becomes one path, so the file holds one element
  instead of thousands.

`legends_at_scale` (PNG) is of another kind: it lets a legend scale with the figure (its docstring).

A scatter with a colour per point, or few points, and a filled or stepped curve are exported as
they are. The original item is not changed, only marked as having nothing to draw (Qt then draws
its children alone): the view recomputes its automatic range while the export draws, from the
items' pens and visibility, and a hidden scatter or a curve without a pen moved every curve of the
exported figure by a few pixels.
"""
from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPen, QPixmap, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem

__all__ = ["curves_in_pixels", "markers_as_stamps", "symbols_as_one_path", "legends_at_scale", "DENSE_MARKERS"]

DENSE_MARKERS = 256  # below this pyqtgraph's own way is quick enough and exact
DASHED_PIECE = 8  # points per piece of a dashed curve (an even count keeps 'pairs' in step)


def _data_items(plot_item) -> list:
    return [d for d in getattr(plot_item, "listDataItems", lambda: [])() if d.isVisible()]


class _stand_ins:
    """Puts a stand-in under each item `make(item)` accepts, and marks the item itself as having
    nothing to draw until the export ends."""

    def __init__(self, plot_item):
        self.plot_item = plot_item
        self.swapped: list = []

    def originals(self) -> list:
        raise NotImplementedError

    def make(self, original) -> QGraphicsItem | None:
        raise NotImplementedError

    def __enter__(self):
        for original in self.originals():
            stand_in = self.make(original)
            if stand_in is None:
                continue
            empty = bool(original.flags() & QGraphicsItem.ItemHasNoContents)
            self.swapped.append((original, stand_in, empty))
            original.setFlag(QGraphicsItem.ItemHasNoContents, True)  # Qt draws its children only
        return self

    def __exit__(self, *exc):
        for original, stand_in, empty in self.swapped:
            if stand_in.scene() is not None:
                stand_in.scene().removeItem(stand_in)
            original.setFlag(QGraphicsItem.ItemHasNoContents, empty)
        self.swapped = []


def _in_pixels(painter: QPainter, x, y):
    """Points of an item's coordinates mapped to the device's pixels by the painter's transform, or
    None for a perspective one (no plot has it); the painter is then left to draw in pixels."""
    t = painter.transform()
    if t.type() == QTransform.TxProject:
        return None
    painter.resetTransform()
    return t.m11() * x + t.m21() * y + t.dx(), t.m12() * x + t.m22() * y + t.dy()


# --- curves ----------------------------------------------------------------------------------------
def _solid_and_wide(pen: QPen) -> bool:
    """A pen whose strokes can be drawn one segment at a time without a visible seam: opaque
    (overlapping ends would show darker), solid (a dash pattern would restart at every point)."""
    return (pen.widthF() > 1.0 and pen.style() == Qt.SolidLine and pen.isSolid()
            and pen.color().alphaF() == 1.0)


class _CurveInPixels(QGraphicsItem):
    """Strokes a PlotCurveItem's points after mapping them to the device's pixels, with its own
    choice of smoothing for an image `width` pixels across (decided once, when the export starts:
    the curve's options may be set again while the view updates its range):

    - smoothed (antialiased) up to as many points as the image has pixels across, as pyqtgraph's
      export mode smoothed every curve; live curves are drawn without it, 3 to 4 times cheaper at
      30 frames/s, but a figure for slides deserves smooth lines;
    - a wide, opaque, solid pen is then stroked one segment at a time: Qt fills an antialiased wide
      stroke of a whole path band by band over its bounding box (25 to 45 ms for the perceptron's
      48-point zigzag across a 1920-px image, under a millisecond as segments);
    - a curve of more points than the image has pixels across (the depth lab's 4,097-point
      target) is drawn as live, with a one-pixel pen: its segments are narrower than a pixel, so it
      fills the same band, while a wide pen painted every segment over its neighbours (3.4 s in
      presentation mode) and smoothing thousands of teeth took seconds;
    - a dashed pen is stroked a few points at a time (`_dashed_in_pieces`)."""

    def __init__(self, curve, width: int):
        super().__init__(curve)
        self.curve = curve
        opts = curve.opts
        points = len(curve.xData)
        pen = QPen(opts["pen"])
        self.antialias = points <= width
        if points > width:
            pen.setCosmetic(True)
            pen.setWidthF(min(pen.widthF(), 1.0))
        self.pen = pen
        mode = opts.get("segmentedLineMode", "auto")
        self.segments = mode == "on" or (mode == "auto" and _solid_and_wide(pen))
        self.connect, self.check = opts["connect"], not opts["skipFiniteCheck"]

    def boundingRect(self) -> QRectF:
        return self.curve.boundingRect()

    def paint(self, painter: QPainter, option, widget=None) -> None:
        import pyqtgraph as pg
        from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments

        x, y = self.curve.xData, self.curve.yData
        if x is None or len(x) < 2:
            return
        pixels = _in_pixels(painter, x, y)
        if pixels is None:
            return
        px, py = pixels
        painter.setRenderHint(QPainter.Antialiasing, self.antialias)
        painter.setPen(self.pen)
        if self.segments:
            # held in a name: drawargs() points into its buffer, which a temporary would free first
            segments = arrayToLineSegments(px, py, connect=self.connect, finiteCheck=self.check)
            painter.drawLines(*segments.drawargs())
        elif self.pen.style() != Qt.SolidLine:
            _dashed_in_pieces(painter, self.pen, px, py, self.connect, self.check)
        else:
            painter.drawPath(pg.arrayToQPath(px, py, connect=self.connect, finiteCheck=self.check))


def _dashed_in_pieces(painter: QPainter, pen: QPen, px, py, connect, check: bool) -> None:
    """A dashed curve stroked a few points at a time, each piece's dashes starting where the last
    piece's stopped. Qt fills a dashed stroke band by band over its whole bounding box: the
    perceptron's 48-point dashed weight curve took 28 ms as one path in a 1920-px image, 7 ms so."""
    import pyqtgraph as pg

    unit = max(pen.widthF(), 1.0)  # a dash pattern is counted in pen widths
    lengths = np.hypot(np.diff(px), np.diff(py))
    if isinstance(connect, np.ndarray):
        lengths = lengths * (connect[:-1] != 0)  # a pair left unconnected draws no dash
    lengths[~np.isfinite(lengths)] = 0.0
    travelled = np.concatenate(([0.0], np.cumsum(lengths)))
    piece_pen = QPen(pen)
    for i in range(0, len(px) - 1, DASHED_PIECE):
        j = min(i + DASHED_PIECE + 1, len(px))
        piece_pen.setDashOffset(pen.dashOffset() + travelled[i] / unit)
        painter.setPen(piece_pen)
        part = connect[i:j] if isinstance(connect, np.ndarray) else connect
        painter.drawPath(pg.arrayToQPath(px[i:j], py[i:j], connect=part, finiteCheck=check))


def _plain(curve) -> bool:
    """A curve that is one stroke and nothing else: no fill, no step, no shadow, no blending mode."""
    o = curve.opts
    return (curve.isVisible() and curve.xData is not None and len(curve.xData) > 1
            and o["fillLevel"] is None and not o["stepMode"] and o["shadowPen"] is None
            and o["compositionMode"] is None and o["pen"] is not None and o["pen"].style() != Qt.NoPen)


class curves_in_pixels(_stand_ins):
    def __init__(self, plot_item, width: int):
        super().__init__(plot_item)
        self.width = width

    def originals(self) -> list:
        return [d.curve for d in _data_items(self.plot_item) if getattr(d, "curve", None) is not None]

    def make(self, curve):
        return _CurveInPixels(curve, self.width) if _plain(curve) else None


# --- markers ---------------------------------------------------------------------------------------
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


def _uniform_markers(scatter):
    """(x, y, outline, size, pen, brush) of a dense scatter whose markers all look alike, or None."""
    if not scatter.isVisible():
        return None
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
    return points["x"].astype(float), points["y"].astype(float), shape, float(size), pen, brush


class _StampedMarkers(QGraphicsItem):
    """Draws one marker into a pixmap at the export's scale, then stamps it at every point."""

    def __init__(self, scatter, markers, scale: float):
        super().__init__(scatter)
        self.x, self.y, self.shape, size, self.pen, self.brush = markers
        self.size = size * scale  # in export mode pyqtgraph scales marker sizes, not pen widths
        self.bounds = scatter.boundingRect()

    def boundingRect(self) -> QRectF:
        return self.bounds

    def _stamp(self) -> QPixmap:
        side = math.ceil(self.size + self.pen.widthF() + 2) | 1  # odd: the marker's centre on a pixel's
        stamp = QPixmap(side, side)
        stamp.fill(Qt.transparent)
        p = QPainter(stamp)
        p.setRenderHint(QPainter.Antialiasing, True)
        p.translate(side / 2, side / 2)
        p.scale(self.size, self.size)
        p.setPen(self.pen)
        p.setBrush(self.brush)
        p.drawPath(self.shape)
        p.end()
        return stamp

    def paint(self, painter: QPainter, option, widget=None) -> None:
        from pyqtgraph.Qt import internals

        pixels = _in_pixels(painter, self.x, self.y)
        if pixels is None:
            return
        px, py = pixels
        inside = (np.abs(px) < 2 ** 30) & (np.abs(py) < 2 ** 30)  # as pyqtgraph: Qt fails beyond
        if not inside.any():
            return
        stamp = self._stamp()
        fragments = internals.PrimitiveArray(QPainter.PixmapFragment, 10)
        fragments.resize(int(inside.sum()))
        f = fragments.ndarray()
        f[:, 0], f[:, 1] = px[inside], py[inside]  # each fragment's centre
        f[:, 2:6] = (0, 0, stamp.width(), stamp.height())
        f[:, 6:10] = (1.0, 1.0, 0.0, 1.0)  # scale x, scale y, rotation, opacity
        painter.drawPixmapFragments(*fragments.drawargs(), stamp)


def _scatters(plot_item) -> list:
    return [d.scatter for d in _data_items(plot_item) if getattr(d, "scatter", None) is not None]


class markers_as_stamps(_stand_ins):
    def __init__(self, plot_item, scale: float):
        super().__init__(plot_item)
        self.scale = scale

    def originals(self) -> list:
        return _scatters(self.plot_item)

    def make(self, scatter):
        markers = _uniform_markers(scatter)
        return None if markers is None else _StampedMarkers(scatter, markers, self.scale)


def _merged_markers(scatter, markers) -> QGraphicsPathItem | None:
    x, y, shape, size, pen, brush = markers
    # Marker sizes are in the view's pixels: a marker's outline maps into the scatter's own
    # coordinates through the inverse of its scene transform (which holds the axes' scales, a flip,
    # a log axis), translated to each point.
    inverse, ok = scatter.sceneTransform().inverted()
    if not ok:
        return None
    a, b, c, d = inverse.m11() * size, inverse.m12() * size, inverse.m21() * size, inverse.m22() * size
    path = QPainterPath()
    path.setFillRule(Qt.WindingFill)  # overlapping markers stay filled, as when drawn one by one
    for px, py in zip(x.tolist(), y.tolist()):
        path.addPath(QTransform(a, b, c, d, px, py).map(shape))
    merged = QGraphicsPathItem(path, scatter)
    merged.setPen(pen)
    merged.setBrush(brush)
    return merged


class symbols_as_one_path(_stand_ins):
    """Context manager over a PlotItem: its dense, uniform scatters become one path each."""

    def originals(self) -> list:
        return _scatters(self.plot_item)

    def make(self, scatter):
        markers = _uniform_markers(scatter)
        return None if markers is None else _merged_markers(scatter, markers)


class legends_at_scale:
    """A legend keeps its size on screen whatever the zoom (Qt's ItemIgnoresTransformations), so a
    PNG drawn larger than the screen showed it at screen size: a third to a sixth of the height of
    the figure's other text at 1920 px. For the export's duration such an item scales with the rest,
    where its parent is not zoomed itself (a legend on the view box; not a marker on the data)."""

    def __init__(self, plot_item):
        self.plot_item = plot_item
        self.changed: list = []

    def __enter__(self):
        flag = QGraphicsItem.ItemIgnoresTransformations
        todo = list(self.plot_item.childItems())
        while todo:
            item = todo.pop()
            todo.extend(item.childItems())
            parent = item.parentItem()
            if item.flags() & flag and parent is not None \
                    and parent.sceneTransform().type().value <= QTransform.TxTranslate.value:
                item.setFlag(flag, False)
                self.changed.append(item)
        return self

    def __exit__(self, *exc):
        for item in self.changed:
            item.setFlag(QGraphicsItem.ItemIgnoresTransformations, True)
        self.changed = []
