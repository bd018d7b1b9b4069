"""The segmentation lab's image widgets: a CT slice with mask outlines and a draggable box, a
probability map, and a strip of small slices (worst Dice first) that can be clicked.

A slice is shown in HU through a CT window (width/level) set by the caller; masks are drawn as
outlines on an overlay at four times the model's resolution, so a 64-pixel mask reads as a smooth
contour rather than blocks. Dragging with the left button on a slice draws a box prompt (when box
prompts are on); otherwise the slice pans and zooms like any plot.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPen
from PySide6.QtWidgets import QGraphicsRectItem

from playground.labs.segment.resample import resize
from playground.ui.theme import Theme
from playground.ui.widgets.plots import style_plot_item

# Emptying a widget hides its images (shown again with the next one). The method is `blank()`, not
# `clear()`: a PlotWidget copies its PlotItem's clear() onto itself, which removes every item.


def _hide(item: pg.ImageItem) -> None:
    item.setVisible(False)


def _set(item: pg.ImageItem, image: np.ndarray, **kwargs) -> None:
    item.setImage(image, **kwargs)
    item.setVisible(True)


__all__ = ["SliceCanvas", "ProbabilityMap", "SliceStrip", "outline_rgba", "TRUTH", "PRED", "PROMPT"]

TRUTH = (86, 180, 233)  # sky blue: the ground truth
PRED = (230, 159, 0)  # orange: the U-Net's mask
PROMPT = (0, 158, 115)  # bluish green: the box-prompted mask


def _edges(mask: np.ndarray) -> np.ndarray:
    m = mask.astype(bool)
    inner = m.copy()
    inner[1:, :] &= m[:-1, :]
    inner[:-1, :] &= m[1:, :]
    inner[:, 1:] &= m[:, :-1]
    inner[:, :-1] &= m[:, 1:]
    edge = m & ~inner
    # two pixels thick: visible at any zoom and in exports
    thick = edge.copy()
    thick[1:, :] |= edge[:-1, :]
    thick[:, 1:] |= edge[:, :-1]
    return thick


def outline_rgba(shape: tuple[int, int], layers: list[tuple[np.ndarray, tuple[int, int, int]]],
                 scale: int) -> np.ndarray:
    """An RGBA overlay (H*scale, W*scale, 4) with each (soft mask 0..1, colour) drawn as an outline."""
    h, w = shape
    out = np.zeros((h * scale, w * scale, 4), np.uint8)
    for soft, colour in layers:
        if soft is None:
            continue
        big = resize(np.asarray(soft, np.float32), h * scale, w * scale) > 0.5
        e = _edges(big)
        out[e, :3] = colour
        out[e, 3] = 255
    return out


class _BoxViewBox(pg.ViewBox):
    """A ViewBox where a left-button drag draws a box instead of panning (when enabled)."""

    box_drawn = Signal(float, float, float, float)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.box_enabled = False
        self.rect_item = QGraphicsRectItem()
        self.rect_item.setZValue(20)
        self.rect_item.setVisible(False)
        self.addItem(self.rect_item, ignoreBounds=True)

    def set_box_pen(self, colour: str, width: float) -> None:
        pen = QPen(QColor(colour))
        pen.setWidthF(width)
        pen.setCosmetic(True)
        pen.setStyle(Qt.DashLine)
        self.rect_item.setPen(pen)

    def show_box(self, box) -> None:
        if box is None:
            self.rect_item.setVisible(False)
            return
        x0, y0, x1, y1 = box
        self.rect_item.setRect(QRectF(x0, y0, x1 - x0, y1 - y0))
        self.rect_item.setVisible(True)

    def mouseDragEvent(self, ev, axis=None):  # noqa: N802 - pyqtgraph's API
        if not self.box_enabled or ev.button() != Qt.LeftButton:
            super().mouseDragEvent(ev, axis)
            return
        ev.accept()
        a = self.mapSceneToView(ev.buttonDownScenePos())
        b = self.mapSceneToView(ev.scenePos())
        x0, x1 = sorted((a.x(), b.x()))
        y0, y1 = sorted((a.y(), b.y()))
        self.show_box((x0, y0, x1, y1))
        if ev.isFinish():
            self.box_drawn.emit(x0, y0, x1, y1)


def _bare_image_plot(widget: pg.PlotWidget, title: str, locked_mouse: bool = True) -> pg.PlotItem:
    """A plot that is just an image: no axes, menu or buttons, square pixels, rows downwards."""
    item = widget.getPlotItem()
    item._np_title = title
    item.setMenuEnabled(False)
    item.hideButtons()
    item.hideAxis("left")
    item.hideAxis("bottom")
    widget.vb = item.getViewBox()
    widget.vb.setAspectLocked(True)
    widget.vb.invertY(True)
    if locked_mouse:
        widget.vb.setMouseEnabled(False, False)
    widget.image = pg.ImageItem()
    item.addItem(widget.image)
    return item


class SliceCanvas(pg.PlotWidget):
    """A CT slice (HU through a window) with outlines, a box, and a title."""

    box_drawn = Signal(float, float, float, float)

    def __init__(self, title: str = "", parent=None):
        self.vb = _BoxViewBox()
        super().__init__(parent=parent, viewBox=self.vb)
        item = _bare_image_plot(self, title, locked_mouse=False)  # the mouse draws boxes here
        self.overlay = pg.ImageItem()
        self.overlay.setZValue(10)
        item.addItem(self.overlay)
        self.vb.box_drawn.connect(self.box_drawn)
        self.window = (400.0, 40.0)
        self._shape: tuple[int, int] | None = None
        self.setMinimumSize(180, 180)

    @property
    def item(self) -> pg.PlotItem:
        return self.getPlotItem()

    def set_box_enabled(self, on: bool) -> None:
        self.vb.box_enabled = bool(on)
        self.vb.setMouseEnabled(x=not on, y=not on)

    def set_title(self, title: str, theme: Theme) -> None:
        self.item._np_title = title
        self.item.setTitle(title, color=theme.foreground, size=f"{theme.font_pt * 1.0:.0f}pt")

    def set_window(self, width: float, level: float) -> None:
        self.window = (float(width), float(level))
        w, l = self.window
        self.image.setLevels((l - w / 2, l + w / 2))

    def set_slice(self, hu: np.ndarray, layers: list | None = None, extent: tuple[int, int] | None = None) -> None:
        """hu (H, W) in HU; layers: [(soft mask, colour)] drawn as outlines; extent: the (H, W) the
        image covers in the plot's coordinates (default: its own pixels)."""
        hu = np.asarray(hu, np.float32)
        h, w = extent or hu.shape
        wdt, lvl = self.window
        _set(self.image, hu, levels=(lvl - wdt / 2, lvl + wdt / 2), autoLevels=False)
        self.image.setRect(QRectF(0, 0, w, h))
        if self._shape != (h, w):
            self._shape = (h, w)
            self.vb.setRange(xRange=(0, w), yRange=(0, h), padding=0.01)
        self.set_outlines(layers or [], hu.shape)

    def set_outlines(self, layers: list, shape: tuple[int, int]) -> None:
        if not layers or self._shape is None:
            _hide(self.overlay)
            return
        scale = max(1, min(4, 320 // max(shape)))  # smooth contours without a costly overlay
        _set(self.overlay, outline_rgba(shape, layers, scale), autoLevels=False, levels=(0, 255))
        h, w = self._shape
        self.overlay.setRect(QRectF(0, 0, w, h))

    def show_box(self, box) -> None:
        self.vb.show_box(box)

    def blank(self) -> None:
        _hide(self.image)
        _hide(self.overlay)
        self.vb.show_box(None)
        self._shape = None

    def apply_theme(self, theme: Theme) -> None:
        self.setBackground(theme.background)
        style_plot_item(self.item, theme)
        self.vb.set_box_pen("#009E73", 2.0 * theme.scale)


class ProbabilityMap(pg.PlotWidget):
    """The U-Net's per-pixel probability of 'liver', 0 to 1, with a colour bar."""

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent=parent)
        item = _bare_image_plot(self, title)
        self.bar = pg.ColorBarItem(values=(0, 1), colorMap=pg.colormap.get("inferno"), interactive=False,
                                   width=14)
        self.bar.setImageItem(self.image, insert_in=item)
        self._shape = None
        self.setMinimumSize(180, 180)

    @property
    def item(self) -> pg.PlotItem:
        return self.getPlotItem()

    def set_prob(self, prob_u8: np.ndarray) -> None:
        p = np.asarray(prob_u8, np.float32) / 255.0
        _set(self.image, p, levels=(0, 1), autoLevels=False)
        if self._shape != p.shape:
            self._shape = p.shape
            self.vb.setRange(xRange=(0, p.shape[1]), yRange=(0, p.shape[0]), padding=0.01)

    def blank(self) -> None:
        _hide(self.image)
        self._shape = None

    def apply_theme(self, theme: Theme) -> None:
        self.setBackground(theme.background)
        style_plot_item(self.item, theme)
        self.bar.axis.setPen(pg.mkPen(theme.foreground))
        self.bar.axis.setTextPen(pg.mkPen(theme.foreground))


class SliceStrip(pg.PlotWidget):
    """Small slices side by side with a caption each; clicking one emits its index."""

    tile_clicked = Signal(int)
    GAP = 3

    def __init__(self, title: str = "", parent=None):
        super().__init__(parent=parent)
        item = _bare_image_plot(self, title)
        self.labels: list[pg.TextItem] = []
        self.indices: list[int] = []
        self._tile = 1
        self._colour = "#202020"
        self._font = pg.QtGui.QFont()
        self.scene().sigMouseClicked.connect(self._on_click)
        self.setMinimumSize(300, 110)

    @property
    def item(self) -> pg.PlotItem:
        return self.getPlotItem()

    def set_tiles(self, images: np.ndarray, truths: np.ndarray, probs: np.ndarray, captions: list[str],
                  indices: list[int]) -> None:
        """images (k, s, s) uint8 grey; truths uint8 0/1; probs uint8 0..255; a caption per tile."""
        k = len(images)
        if k == 0:
            _hide(self.image)
            return
        s = images.shape[1]
        scale = 3
        g = self.GAP * scale
        tile = s * scale
        mosaic = np.zeros((tile, k * tile + (k - 1) * g, 4), np.uint8)
        for i in range(k):
            grey = np.repeat(np.repeat(images[i], scale, 0), scale, 1)
            rgba = np.dstack([grey, grey, grey, np.full_like(grey, 255)])
            ov = outline_rgba((s, s), [(truths[i].astype(np.float32), TRUTH),
                                       (probs[i].astype(np.float32) / 255.0, PRED)], scale)
            on = ov[..., 3] > 0
            rgba[on] = ov[on]
            x0 = i * (tile + g)
            mosaic[:, x0:x0 + tile] = rgba
        _set(self.image, mosaic, autoLevels=False, levels=(0, 255))
        width = mosaic.shape[1] / scale
        self.image.setRect(QRectF(0, 0, width, s))
        self._tile = (s + self.GAP, s)  # a tile and its gap, in the plot's coordinates
        self.indices = list(indices)
        while len(self.labels) < k:
            t = pg.TextItem(anchor=(0.5, 0))
            t.setFont(self._font)
            self.item.addItem(t)
            self.labels.append(t)
        for i, t in enumerate(self.labels):
            if i < k:
                t.setText(captions[i], color=self._colour)
                t.setPos(i * (s + self.GAP) + s / 2, s + 1)
                t.setVisible(True)
            else:
                t.setVisible(False)
        self.vb.setRange(xRange=(0, width), yRange=(0, s * 1.8), padding=0.02)

    def _on_click(self, ev) -> None:
        if ev.button() != Qt.LeftButton or not self.indices:
            return
        p = self.vb.mapSceneToView(ev.scenePos())
        step, s = self._tile
        i = int(p.x() // step)
        if 0 <= i < len(self.indices) and 0 <= p.y() <= s and p.x() - i * step <= s:
            ev.accept()
            self.tile_clicked.emit(int(self.indices[i]))

    def blank(self) -> None:
        _hide(self.image)
        for t in self.labels:
            t.setVisible(False)
        self.indices = []

    def apply_theme(self, theme: Theme) -> None:
        self.setBackground(theme.background)
        style_plot_item(self.item, theme)
        self._colour = theme.foreground
        self._font = pg.QtGui.QFont()
        self._font.setPointSizeF(theme.font_pt * 0.8)
        for t in self.labels:
            t.setColor(theme.foreground)
            t.setFont(self._font)
