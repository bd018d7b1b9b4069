"""Bars on a logarithmic axis: one bar per layer (or per activation), with optional outline bars for a
reference (the values at initialisation).

A vanishing gradient spans many orders of magnitude, which only a log scale shows at a glance.
pyqtgraph's log mode does not apply to bar items, so the bars are drawn in log10 units from a floor
below the smallest value, and the axis labels those units as powers of ten. Zeros (a layer below a
dead one) are drawn as no bar at all, and said so in the value labels.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from playground.ui.theme import Theme

__all__ = ["LogBarChart"]


class LogBarChart:
    def __init__(self, plot: pg.PlotItem, color: str = "#0072B2", ref_color: str = "#999999",
                 show_values: bool = True):
        self.plot = plot
        self.color = color
        self.ref_color = ref_color
        self.show_values = show_values
        plot.getAxis("left").setLogMode(True)  # ticks at integer log10 values read as 10^k
        plot.showGrid(x=False, y=True, alpha=0.25)
        self.ref = pg.BarGraphItem(x=[], height=[], width=0.8, y0=0)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.6, y0=0)
        self.ref.setZValue(1)
        self.bars.setZValue(2)
        plot.addItem(self.bars)
        plot.addItem(self.ref)
        self.labels: list[pg.TextItem] = []
        self.values = np.zeros(0)
        self.ref_values: np.ndarray | None = None
        self.floor = 0.0
        self.theme: Theme | None = None

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.bars.setOpts(brush=pg.mkBrush(self.color), pen=pg.mkPen(theme.foreground, width=1))
        self.ref.setOpts(brush=None, pen=pg.mkPen(self.ref_color, width=max(1.5, theme.scale * 1.5),
                                                  style=pg.QtCore.Qt.DashLine))
        for label in self.labels:
            label.setColor(theme.foreground)

    def set(self, values, ref=None, x=None) -> None:
        """values (n,) positive numbers (0 allowed), drawn at x (default 1..n)."""
        v = np.asarray(values, dtype=float)
        r = None if ref is None else np.asarray(ref, dtype=float)
        xs = np.arange(1, len(v) + 1, dtype=float) if x is None else np.asarray(x, dtype=float)
        self.values, self.ref_values = v, r
        both = np.concatenate([v, r if r is not None else []])
        positive = both[np.isfinite(both) & (both > 0)]
        if len(positive):
            lo = math.floor(math.log10(positive.min())) - 1
            hi = math.ceil(math.log10(positive.max()))
        else:
            lo, hi = -1, 0
        self.floor = lo

        def heights(a):
            with np.errstate(divide="ignore", invalid="ignore"):
                logs = np.where(np.isfinite(a) & (a > 0), np.log10(np.where(a > 0, a, 1.0)), lo)
            return logs - lo

        self.bars.setOpts(x=xs, height=heights(v), y0=lo, width=0.6)
        if r is not None and len(r) == len(v):
            self.ref.setOpts(x=xs, height=heights(r), y0=lo, width=0.8)
            self.ref.show()
        else:
            self.ref.hide()
        self.plot.setYRange(lo, max(hi, lo + 1) + 0.3, padding=0)
        self.plot.setXRange(0.4, max(len(v), 1) + 0.6, padding=0)
        self._label(xs, v)

    def _label(self, xs: np.ndarray, v: np.ndarray) -> None:
        for label in self.labels:
            self.plot.removeItem(label)
        self.labels = []
        # Numbers on the bars only while they stay readable; the axis carries the rest.
        if not self.show_values or len(v) > 12:
            return
        for x, value in zip(xs, v):
            text = "0" if value == 0 else f"{value:.0e}" if np.isfinite(value) else "–"
            label = pg.TextItem(text, anchor=(0.5, 1.0))
            if self.theme is not None:
                label.setColor(self.theme.foreground)
            y = math.log10(value) if value > 0 and np.isfinite(value) else self.floor
            label.setPos(float(x), y)
            self.plot.addItem(label)
            self.labels.append(label)

    def clear(self) -> None:
        self.set([])
