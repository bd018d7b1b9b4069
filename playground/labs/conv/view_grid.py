"""Labelled grids of numbers on one pyqtgraph plot: the stepper's input, padding, kernel, products and
output, the pooling view, the receptive-field maps.

One GraphicsObject paints every grid with QPainter, in data coordinates (one cell = one unit, y
down), so pyqtgraph's exporters write it as PNG or as SVG like any plot. Cell colours come from one
QImage per grid (a 137×137 stretched input costs one drawImage, not 18,000 rectangles); the values
are written in the cells only when a cell is big enough on screen to read them. Hovering and clicking
report (grid name, row, column); the lab decides what they mean.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPaintEngine, QPen

from playground.ui.i18n import tr
from playground.ui.theme import Theme
from playground.ui.widgets.plots import ThemedPlot

__all__ = ["Grid", "GridCanvas", "value_colors", "format_value"]

POS = np.array([230, 159, 0], float)  # Okabe-Ito orange: positive values
NEG = np.array([0, 114, 178], float)  # blue: negative values


def format_value(v: float) -> str:
    if not np.isfinite(v):
        return "–"
    if abs(v - round(v)) < 1e-9 and abs(v) < 1e5:
        return str(int(round(v)))
    if abs(v) >= 100:
        return f"{v:.0f}"
    if abs(v) >= 10:
        return f"{v:.1f}"
    return f"{v:.2f}"


def value_colors(values: np.ndarray, theme: Theme, scale: float | None = None, tint=None) -> np.ndarray:
    """(h, w) values -> (h, w, 4) colours: orange for positive, blue for negative, paler near zero
    (or a single tint from the background for images, `tint` an RGB triple)."""
    v = np.nan_to_num(np.asarray(values, float))
    bg = np.array(pg.mkColor(theme.background).getRgb()[:3], float)
    if tint is not None:
        lo, hi = float(v.min()) if v.size else 0.0, float(v.max()) if v.size else 1.0
        t = (v - lo) / (hi - lo) if hi > lo else np.zeros_like(v)
        rgb = bg + (np.array(tint, float) - bg) * t[..., None]
    else:
        m = scale if scale else (float(np.max(np.abs(v))) if v.size else 1.0)
        t = np.clip(v / m, -1, 1) if m > 0 else np.zeros_like(v)
        target = np.where(t[..., None] >= 0, POS, NEG)
        rgb = bg + (target - bg) * (np.abs(t)[..., None] * 0.8)
    alpha = np.full(v.shape + (1,), 255.0)
    return np.concatenate([rgb, alpha], axis=-1).astype(np.ubyte)


@dataclass
class Grid:
    name: str  # what hovers and clicks report
    label: str  # written above the grid
    values: np.ndarray  # (h, w)
    x: float = 0.0  # top-left corner, in cells
    y: float = 0.0
    colors: np.ndarray | None = None  # (h, w, 4) ubyte; None: from the values
    show_values: bool = True
    mask: np.ndarray | None = None  # True where the cell is padding / inserted zeros (drawn hatched)
    mask_label: str = ""  # e.g. "padding", written above the label
    highlight: list = field(default_factory=list)  # [(r0, c0, r1, c1, colour, width)] inclusive
    dots: list = field(default_factory=list)  # [(r, c, colour)]: cells the kernel reads (dilation)
    note: str = ""  # a line under the grid
    cell: float = 1.0  # the side of one cell in data units (a small map drawn as large as its input)

    def shading(self) -> str:
        """What the shaded cells are ("" when there are none): a line of its own above the label, so a
        long one never runs into the next grid's label."""
        if self.mask_label and self.mask is not None and np.any(self.mask):
            return tr("({what}: shaded)", what=self.mask_label)
        return ""

    @property
    def shape(self) -> tuple[int, int]:
        return tuple(np.asarray(self.values).shape[:2])

    def rect(self) -> QRectF:
        h, w = self.shape
        return QRectF(self.x, self.y, w * self.cell, h * self.cell)


class _GridsItem(pg.GraphicsObject):
    TEXT = 100.0  # text is drawn at 1/100 scale so that fonts keep a sane point size

    def __init__(self):
        super().__init__()
        self.grids: list[Grid] = []
        self.theme: Theme | None = None
        self.message = ""
        self._images: list[QImage] = []
        self._bounds = QRectF(0, 0, 1, 1)
        self._unit_px = 30.0  # screen pixels per cell at the last paint

    def set_grids(self, grids: list[Grid], theme: Theme, message: str = "") -> None:
        self.prepareGeometryChange()
        self.grids, self.theme, self.message = grids, theme, message
        self._images = []
        for g in grids:
            colors = g.colors if g.colors is not None else value_colors(g.values, theme)
            if g.mask is not None and np.any(g.mask):
                # Padding and inserted zeros: shaded toward the foreground, in the image itself (one
                # drawImage, however many cells; per-cell rectangles cost 70 ms at 129×129).
                colors = colors.copy()
                fg = np.array(pg.mkColor(theme.foreground).getRgb()[:3], float)
                rgb = colors[g.mask, :3].astype(float)
                colors[g.mask, :3] = (rgb + (fg - rgb) * 0.16).astype(np.ubyte)
            c = np.ascontiguousarray(colors)
            h, w = c.shape[:2]
            img = QImage(c.data, w, h, 4 * w, QImage.Format_RGBA8888).copy()
            self._images.append(img)
        if grids:
            # The labels' width counts too (estimated from the last paint's pixels per cell), so a
            # long label on the right-most grid is not cut off by the view.
            label_cells = 15 * theme.scale / max(self._unit_px, 1.0)
            r = QRectF()
            for g in grids:
                width = max(len(g.label), len(g.shading()) * 0.85, len(g.note) * 0.85) * 0.62 * label_cells
                gr = g.rect()
                r = r.united(gr).united(QRectF(gr.x(), gr.y(), max(gr.width(), width), gr.height()))
            if message:  # the headline above the grids must fit as well
                r = r.united(QRectF(r.x(), r.y(), len(message) * 0.66 * label_cells, r.height()))
            # Room for the labels above and the notes below, growing with the layout (the labels keep
            # a readable size on screen whatever the number of cells).
            m = max(2.2, 0.09 * r.height(), 0.05 * r.width())
            self._bounds = r.adjusted(-1, -m, 1, 0.7 * m)
        else:
            self._bounds = QRectF(0, 0, 20, 4)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def _text(self, p, rect: QRectF, text: str, px: float, color, align=Qt.AlignCenter, bold=False) -> None:
        """Text in a data-space rect; px is the font height in data units."""
        s = self.TEXT
        p.save()
        p.scale(1 / s, 1 / s)
        font = QFont()
        font.setPixelSize(max(1, int(px * s)))
        font.setBold(bold)
        p.setFont(font)
        p.setPen(QColor(color))
        p.drawText(QRectF(rect.x() * s, rect.y() * s, rect.width() * s, rect.height() * s), int(align), text)
        p.restore()

    def paint(self, p, *_args) -> None:
        theme = self.theme
        if theme is None:
            return
        fg = QColor(theme.foreground)
        unit_px = abs(p.transform().m11()) or 1.0  # screen pixels per cell
        if p.paintEngine() is not None and p.paintEngine().type() not in (QPaintEngine.SVG, QPaintEngine.Picture):
            self._unit_px = unit_px
        label_px = max(0.4, 15 * theme.scale / unit_px)  # about 15 px high on screen
        if self.message:
            self._text(p, QRectF(self._bounds.x(), self._bounds.y(), self._bounds.width(), 1.6), self.message,
                       label_px, "#D55E00", Qt.AlignLeft | Qt.AlignVCenter, bold=True)
        for g, img in zip(self.grids, self._images):
            # Each grid in its own cell coordinates: (0, 0) its top-left corner, one unit per cell
            # (a cell of `g.cell` data units: a layer's small map drawn as large as the input).
            p.save()
            p.translate(g.x, g.y)
            p.scale(g.cell, g.cell)
            self._paint_grid(p, g, img, unit_px * g.cell, label_px / g.cell, fg)
            p.restore()

    def _paint_grid(self, p, g: Grid, img: QImage, unit_px: float, label_px: float, fg: QColor) -> None:
        theme = self.theme
        h, w = g.shape
        r = QRectF(0, 0, w, h)
        if p.paintEngine() is not None and p.paintEngine().type() == QPaintEngine.SVG:
            # SVG viewers smooth an embedded image into blobs: an exported figure gets one sharp
            # rectangle per cell instead (only on export, where speed does not matter).
            p.setPen(Qt.NoPen)
            for rr in range(h):
                for cc in range(w):
                    p.setBrush(QColor(img.pixelColor(cc, rr)))
                    p.drawRect(QRectF(cc, rr, 1, 1))
            p.setBrush(Qt.NoBrush)
        else:
            p.drawImage(r, img)
        if unit_px >= 6:
            grid_pen = QPen(QColor(theme.grid))
            grid_pen.setCosmetic(True)
            grid_pen.setWidthF(1.0)
            p.setPen(grid_pen)
            for i in range(h + 1):
                p.drawLine(QPointF(0, i), QPointF(w, i))
            for j in range(w + 1):
                p.drawLine(QPointF(j, 0), QPointF(j, h))
        frame = QPen(fg)
        frame.setCosmetic(True)
        frame.setWidthF(1.5 * theme.scale)
        p.setPen(frame)
        p.drawRect(r)
        if g.show_values and unit_px >= 16:
            vals = np.asarray(g.values, float)
            px = 0.36 if unit_px >= 28 else 0.3
            for rr in range(h):
                for cc in range(w):
                    self._text(p, QRectF(cc, rr, 1, 1), format_value(vals[rr, cc]), px, fg)
        for rr, cc, color in g.dots:
            p.setPen(Qt.NoPen)
            p.setBrush(pg.mkBrush(color))
            p.drawEllipse(QPointF(cc + 0.5, rr + 0.5), 0.12, 0.12)
        p.setBrush(Qt.NoBrush)
        for r0, c0, r1, c1, color, width in g.highlight:
            pen = QPen(QColor(color))
            pen.setCosmetic(True)
            pen.setWidthF(width * theme.scale)
            p.setPen(pen)
            p.drawRect(QRectF(c0, r0, c1 - c0 + 1, r1 - r0 + 1))
        room = max(w + 12 / g.cell, 14 / g.cell)
        self._text(p, QRectF(-0.5 / g.cell, -1.15 * label_px - 0.2 / g.cell, room, 1.15 * label_px),
                   g.label, label_px, fg, Qt.AlignLeft | Qt.AlignBottom, bold=True)
        shading = g.shading()
        if shading:
            self._text(p, QRectF(-0.5 / g.cell, -2.2 * label_px - 0.2 / g.cell, room, 1.05 * label_px),
                       shading, label_px * 0.85, fg, Qt.AlignLeft | Qt.AlignBottom)
        if g.note:
            self._text(p, QRectF(-0.5 / g.cell, h + 0.15 / g.cell, room, 1.15 * label_px), g.note,
                       label_px * 0.85, fg, Qt.AlignLeft | Qt.AlignTop)


class GridCanvas(ThemedPlot):
    """A plot with no axes holding labelled grids; reports the cell under the mouse."""

    cell_hovered = Signal(str, int, int)  # grid name ("" when none), row, column
    cell_clicked = Signal(str, int, int, object)  # ..., the scene position (for an editor)

    def __init__(self, title: str = "", parent=None):
        super().__init__(title, parent=parent)
        item = self.item
        for ax in ("left", "bottom"):
            item.hideAxis(ax)
        vb = item.getViewBox()
        vb.invertY(True)
        vb.setMouseEnabled(False, False)
        vb.setMenuEnabled(False)
        item.setAspectLocked(True)
        self.items = _GridsItem()
        item.addItem(self.items)
        self.theme: Theme | None = None
        self._hover = ("", -1, -1)
        self._range = None
        self.scene().sigMouseMoved.connect(self._on_moved)
        self.scene().sigMouseClicked.connect(self._on_clicked)

    @property
    def grids(self) -> list[Grid]:
        return self.items.grids

    def set_grids(self, grids: list[Grid], theme: Theme, message: str = "") -> None:
        self.theme = theme
        self.items.set_grids(grids, theme, message)
        b = self.items.boundingRect()
        key = (round(b.x(), 2), round(b.y(), 2), round(b.width(), 2), round(b.height(), 2))
        if key != self._range:  # re-ranging costs a full repaint: only when the layout changes
            self._range = key
            self.item.setRange(rect=b, padding=0.02)

    def cell_at(self, scene_pos) -> tuple[str, int, int]:
        pt = self.item.getViewBox().mapSceneToView(scene_pos)
        for g in self.items.grids:
            h, w = g.shape
            c, r = int(np.floor((pt.x() - g.x) / g.cell)), int(np.floor((pt.y() - g.y) / g.cell))
            if 0 <= r < h and 0 <= c < w:
                return g.name, r, c
        return "", -1, -1

    def cell_center_scene(self, name: str, r: int, c: int):
        for g in self.items.grids:
            if g.name == name:
                return self.item.getViewBox().mapViewToScene(QPointF(g.x + (c + 0.5) * g.cell,
                                                                     g.y + (r + 0.5) * g.cell))
        return None

    def _on_moved(self, scene_pos) -> None:
        hit = self.cell_at(scene_pos)
        if hit != self._hover:
            self._hover = hit
            self.cell_hovered.emit(*hit)

    def _on_clicked(self, event) -> None:
        if event.button() != Qt.LeftButton:
            return
        name, r, c = self.cell_at(event.scenePos())
        if name:
            self.cell_clicked.emit(name, r, c, event.scenePos())

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        self.theme = theme
        if self.items.grids:
            self.items.set_grids(self.items.grids, theme, self.items.message)
