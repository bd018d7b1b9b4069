"""The big output plot of the classification playground: the network's output over the plane, the
training points (white edges) and, optionally, the test points (dark edges), with a colour legend.

Two classes and regression are drawn on the blue-to-orange scale from -1 to 1; three or more classes
mix each class colour by its predicted probability, so confident regions are saturated and the
boundaries pale. "Discretize" shows only the decision. Clicks are reported, not acted on: left click
adds a point of the current class, Shift+click one of the other class, right click removes the
nearest point; the lab turns them into commands for the session.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import QWidget

from playground.ui.i18n import tr
from playground.ui.theme import CLASS_COLORS, Theme
from playground.ui.widgets.plots import ThemedPlot, diverging_lut

__all__ = ["OutputPlot", "class_rgba"]


def _rgb(color: str) -> np.ndarray:
    return np.array(pg.mkColor(color).getRgb()[:3], dtype=float)


def class_rgba(probs: np.ndarray, theme: Theme, discrete: bool) -> np.ndarray:
    """(..., K) class probabilities -> (..., 4) colours: each class's colour, paled by uncertainty."""
    k = probs.shape[-1]
    colors = np.stack([_rgb(CLASS_COLORS[i % len(CLASS_COLORS)]) for i in range(k)])
    if discrete:
        probs = np.eye(k)[probs.argmax(axis=-1)]
    confidence = (probs.max(axis=-1, keepdims=True) - 1.0 / k) / (1.0 - 1.0 / k)
    mid = np.array([34, 35, 38] if theme.dark else [250, 250, 250], float)
    rgb = mid + (probs @ colors - mid) * (0.2 + 0.55 * confidence)
    return np.concatenate([rgb, np.full(rgb.shape[:-1] + (1,), 255.0)], axis=-1).astype(np.ubyte)


class OutputPlot(ThemedPlot):
    point_clicked = Signal(float, float, bool)  # x1, x2, shift held: add a point
    point_removed = Signal(float, float)  # right click: remove the nearest point

    def __init__(self, theme: Theme, parent: QWidget | None = None):
        super().__init__(tr("Output"), "X₁", "X₂", parent)
        self.theme = theme
        self.extent = 6.0
        self.show_test = False
        self.discretize = False
        self.focus_title = ""
        item = self.item
        vb = item.getViewBox()
        vb.setMouseEnabled(False, False)
        vb.setMenuEnabled(False)
        item.setAspectLocked(True)
        item.setRange(xRange=(-6, 6), yRange=(-6, 6), padding=0)
        self.image = pg.ImageItem()
        self.image.setZValue(-10)
        item.addItem(self.image)
        self.train_points = pg.ScatterPlotItem(pxMode=True)
        self.test_points = pg.ScatterPlotItem(pxMode=True)
        self.train_points.setZValue(10)
        self.test_points.setZValue(11)
        item.addItem(self.train_points)
        item.addItem(self.test_points)
        self.bar = pg.ColorBarItem(values=(-1, 1), interactive=False, width=14, label=tr("output"))
        item.layout.addItem(self.bar, 2, 5)
        self.note = pg.TextItem("", anchor=(0, 0))
        self.note.setZValue(20)
        self.note.setPos(-5.9, 5.9)
        item.addItem(self.note)
        self.scene().sigMouseClicked.connect(self._on_clicked)
        self._snap: dict | None = None
        self._focus: np.ndarray | None = None
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        super().apply_theme(theme)
        self._lut = diverging_lut(theme, 256)
        self.bar.setColorMap(pg.ColorMap(np.linspace(0, 1, 256), self._lut))
        self.note.setColor(theme.foreground)
        if self._snap is not None:
            self.show_snapshot(self._snap)

    # --- drawing ------------------------------------------------------------------------------------------------
    def _title(self, text: str) -> None:
        if (text, self.theme) != getattr(self, "_shown_title", None):  # re-rendering text costs a repaint
            self._shown_title = (text, self.theme)
            self.set_title(text, self.theme)

    def _scale_rgba(self, grid: np.ndarray) -> np.ndarray:
        grid = np.nan_to_num(grid, nan=0.0, posinf=1.0, neginf=-1.0)  # a diverged net draws neutral
        values = np.sign(grid) if self.discretize else grid
        return self._lut[np.clip(((values + 1) * 127.5).astype(int), 0, 255)]

    def show_focus(self, grid: np.ndarray | None, title: str = "") -> None:
        """Show one neuron's (or feature's) heatmap instead of the output, while it is hovered."""
        self._focus = None if grid is None else np.asarray(grid, dtype=float)
        self.focus_title = title
        if self._snap is not None:
            self.show_snapshot(self._snap)

    def show_snapshot(self, snap: dict) -> None:
        self._snap = snap
        ext = float(snap.get("extent", 6.0))
        self.extent = ext
        if self._focus is not None:
            g = np.nan_to_num(self._focus, nan=0.0, posinf=1.0, neginf=-1.0)
            scale = max(1.0, float(np.max(np.abs(g))))
            rgba = self._lut[np.clip(((g / scale + 1) * 127.5).astype(int), 0, 255)]
            self._title(self.focus_title)
        elif "grid_probs" in snap:
            probs = np.nan_to_num(np.asarray(snap["grid_probs"], float), nan=0.0)
            rgba = class_rgba(probs, self.theme, self.discretize)
            self._title(tr("Output: predicted class"))
        else:
            rgba = self._scale_rgba(np.asarray(snap["grid"], float))
            self._title(tr("Output (regression)") if snap.get("problem") == "regression" else tr("Output"))
        self.bar.setVisible("grid_probs" not in snap or self._focus is not None)
        # The grid is [x1, x2]; the image is row-major [row = x2, column = x1].
        self.image.setImage(np.ascontiguousarray(np.swapaxes(rgba, 0, 1)), autoLevels=False, levels=(0, 255))
        step = 2 * ext / (rgba.shape[0] - 1)  # grid values sit at cell centres
        self.image.setRect(QRectF(-ext - step / 2, -ext - step / 2, 2 * ext + step, 2 * ext + step))
        self._draw_points(snap)
        note = snap.get("note", "") and tr("random labels: nothing to learn")
        if note != getattr(self, "_shown_note", None):
            self._shown_note = note
            self.note.setText(note)

    def _brushes(self, y: np.ndarray, snap: dict):
        # One brush object per colour, shared by every point of that colour: a fresh brush per point
        # made pyqtgraph re-render each symbol on every data change (1.6 s for a few thousand points).
        cache = self.__dict__.setdefault("_brush_cache", {})
        if snap.get("problem") == "regression":
            # Saturated, unlike the pale background: grey at 0, full blue at -1, full orange at +1
            # (in 64 steps each way, which the eye cannot tell from a continuous scale).
            v = np.round(np.clip(np.asarray(y, float), -1, 1) * 64) / 64
            grey, neg, pos = _rgb("#808080"), _rgb(CLASS_COLORS[0]), _rgb(CLASS_COLORS[1])
            out = []
            for level in v.tolist():
                brush = cache.get(("r", level))
                if brush is None:
                    rgb = grey + ((pos if level > 0 else neg) - grey) * abs(level)
                    brush = cache[("r", level)] = pg.mkBrush(*np.asarray(rgb).astype(int))
                out.append(brush)
            return out
        out = []
        for c in np.asarray(y).astype(int).tolist():
            brush = cache.get(c)
            if brush is None:
                brush = cache[c] = pg.mkBrush(CLASS_COLORS[c % len(CLASS_COLORS)])
            out.append(brush)
        return out

    def _draw_points(self, snap: dict) -> None:
        # Points change only when the data does: redrawing 500 symbols every frame costs ~10 ms.
        key = (snap.get("data_version"), id(snap["x_train"]) if snap.get("data_version") is None else 0,
               self.show_test, self.theme, snap.get("problem"))
        if key == getattr(self, "_points_key", None):
            return
        self._points_key = key
        t = self.theme
        xtr, ytr = np.asarray(snap["x_train"]), np.asarray(snap["y_train"])
        self.train_points.setData(xtr[:, 0], xtr[:, 1], brush=self._brushes(ytr, snap), size=t.point_size * 0.8,
                                  pen=pg.mkPen("#ffffff", width=1.0 * t.scale))
        if self.show_test and len(snap["x_test"]):
            xte, yte = np.asarray(snap["x_test"]), np.asarray(snap["y_test"])
            self.test_points.setData(xte[:, 0], xte[:, 1], brush=self._brushes(yte, snap), size=t.point_size * 0.8,
                                     pen=pg.mkPen("#000000", width=1.4 * t.scale), symbol="s")
        else:
            self.test_points.setData([], [])

    # --- clicks -----------------------------------------------------------------------------------------------
    def data_point(self, scene_pos) -> tuple[float, float]:
        p = self.item.getViewBox().mapSceneToView(scene_pos)
        return p.x(), p.y()

    def _on_clicked(self, event) -> None:
        x, y = self.data_point(event.scenePos())
        if abs(x) > self.extent or abs(y) > self.extent:
            return
        if event.button() == Qt.RightButton:
            self.point_removed.emit(x, y)
        elif event.button() == Qt.LeftButton:
            self.point_clicked.emit(x, y, bool(event.modifiers() & Qt.ShiftModifier))
