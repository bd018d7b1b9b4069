"""A confusion matrix as a small heatmap with the counts written in: rows are the true classes,
columns the predicted ones, so a perfect classifier lights up the diagonal only. Each row is shaded by
its own share, so a rare class that is always missed shows as plainly as a common one."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from playground.ui.i18n import QT_TR_NOOP, tr
from playground.ui.theme import Theme
from playground.ui.widgets.plots import ThemedPlot

__all__ = ["ConfusionView"]


class ConfusionView(ThemedPlot):
    def __init__(self, theme: Theme, title: str = QT_TR_NOOP("Confusion matrix (test)"), parent=None):
        super().__init__(tr(title), tr("predicted class"), tr("true class"), parent)
        self.theme = theme
        item = self.item
        item.getViewBox().setMouseEnabled(False, False)
        item.getViewBox().invertY(True)
        item.setAspectLocked(True)
        self.image = pg.ImageItem()
        item.addItem(self.image)
        self.texts: list[pg.TextItem] = []
        self.matrix = np.zeros((0, 0), dtype=int)
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        super().apply_theme(theme)
        if len(self.matrix):
            self.set_matrix(self.matrix, force=True)

    def set_matrix(self, matrix, force: bool = False) -> None:
        m = np.asarray(matrix, dtype=int)
        if m.shape == self.matrix.shape and np.array_equal(m, self.matrix) and not force:
            return  # unchanged: skip re-laying out the text items
        self.matrix = m
        k = len(m)
        if k == 0:
            self.image.clear()
            return
        share = m / np.maximum(m.sum(axis=1, keepdims=True), 1)
        accent = np.array(pg.mkColor(self.theme.accent).getRgb()[:3], float)
        bg = np.array(pg.mkColor(self.theme.background).getRgb()[:3], float)
        rgb = bg + (accent - bg) * share[..., None] * 0.85
        rgba = np.concatenate([rgb, np.full((k, k, 1), 255.0)], axis=2).astype(np.ubyte)
        self.image.setImage(rgba, autoLevels=False, levels=(0, 255))
        self.image.setRect(QRectF(-0.5, -0.5, k, k))
        while len(self.texts) < k * k:
            t = pg.TextItem("", anchor=(0.5, 0.5))
            self.item.addItem(t)
            self.texts.append(t)
        for t in self.texts[k * k:]:
            t.setText("")
        for i in range(k):
            for j in range(k):
                t = self.texts[i * k + j]
                t.setText(str(m[i, j]))
                t.setPos(j, i)
                t.setColor(self.theme.foreground)
        ticks = [[(i, str(i)) for i in range(k)]]
        self.item.getAxis("bottom").setTicks(ticks)
        self.item.getAxis("left").setTicks(ticks)
        self.item.setRange(xRange=(-0.5, k - 0.5), yRange=(-0.5, k - 0.5), padding=0.02)
