"""Plot building blocks every lab uses: a themed plot widget, a decision-region heatmap, a live curve
chart and class-coloured scatter points.

They follow pyqtgraph's split between items and the widgets that hold them, so an exporter can take
any plot item (PNG, SVG, CSV). Redraws are made cheap on purpose: curves skip the finite check,
images reuse one ImageItem, and ranges are fixed where the data allows.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGraphicsItem

from playground.core.train.series import thin
from playground.ui.i18n import tr
from playground.ui.theme import CLASS_COLORS, Theme

pg.setConfigOptions(antialias=True, imageAxisOrder="row-major")

__all__ = ["ThemedPlot", "DecisionMap", "CurveChart", "diverging_lut", "style_plot_item", "nice_ceiling"]


def diverging_lut(theme: Theme, n: int = 256) -> np.ndarray:
    """Blue (class 0) through a neutral middle to orange (class 1), as an RGBA lookup table."""
    a = np.array(pg.mkColor(CLASS_COLORS[0]).getRgb()[:3], float)
    b = np.array(pg.mkColor(CLASS_COLORS[1]).getRgb()[:3], float)
    mid = np.array([34, 35, 38] if theme.dark else [250, 250, 250], float)
    t = np.linspace(0, 1, n)[:, None]
    lo = mid + (a - mid) * np.clip(1 - 2 * t, 0, 1) * 0.75  # 0.75: pale enough that points stay visible
    hi = mid + (b - mid) * np.clip(2 * t - 1, 0, 1) * 0.75
    rgb = np.where(t < 0.5, lo, hi)
    return np.column_stack([rgb, np.full(n, 255)]).astype(np.ubyte)


def style_plot_item(item: pg.PlotItem, theme: Theme) -> None:
    font = QFont()
    font.setPointSizeF(theme.font_pt * 0.9)
    for name in ("left", "bottom", "right", "top"):
        ax = item.getAxis(name)
        # An axis changes only when its range does, but every frame that repaints its plot replayed
        # its text (20 % of the GUI thread with four labs side by side): kept as a pixmap instead.
        ax.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        ax.setPen(pg.mkPen(theme.foreground, width=max(1.0, theme.scale)))
        ax.setTextPen(pg.mkPen(theme.foreground))
        ax.setTickFont(font)
        ax.label.setFont(font)
        label_text = ax.labelText
        if label_text:
            ax.setLabel(label_text, **{"color": theme.foreground, "font-size": f"{theme.font_pt * 0.9:.0f}pt"})
    title = getattr(item, "_np_title", None)
    if title:
        item.setTitle(tr(title), color=theme.foreground, size=f"{theme.font_pt * 1.05:.0f}pt")
        _let_title_shrink(item)
    if item.legend is not None:
        size = f"{theme.font_pt * 0.85:.0f}pt"
        item.legend.setLabelTextColor(theme.foreground)
        item.legend.setLabelTextSize(size)
        bg = pg.mkColor(theme.background)
        bg.setAlpha(200)  # readable over the curves it covers
        item.legend.setBrush(pg.mkBrush(bg))
        for _sample, label in item.legend.items:  # entries added earlier keep their old style otherwise
            label.setText(label.text, size=size, color=theme.foreground)


def _let_title_shrink(item: pg.PlotItem) -> None:
    """pyqtgraph gives a title a minimum width equal to its text (again on every resize), so a long
    title at presentation size pushes the plot wider than its widget and the plot is cut off. A
    title may be cut; the plot must not."""
    label = item.titleLabel
    if getattr(label, "_np_shrinkable", False):
        return
    original = label.updateMin

    def update_min():
        original()
        label.setMinimumWidth(0)
        hints = getattr(label, "_sizeHint", None)
        if isinstance(hints, dict):
            for which in (Qt.SizeHint.MinimumSize, Qt.SizeHint.PreferredSize):
                if which in hints:
                    hints[which] = (0, hints[which][1])
        label.updateGeometry()

    label.updateMin = update_min  # LabelItem calls self.updateMin() from setText and resizeEvent
    label._np_shrinkable = True
    update_min()


class ThemedPlot(pg.PlotWidget):
    """A PlotWidget that keeps its title, axis labels and colours in step with the theme."""

    def __init__(self, title: str = "", x_label: str = "", y_label: str = "", parent=None):
        # No context menus (the app has its own Export and View): built only to be disabled, the view
        # box's menu was about a quarter of each plot's construction when a lab first opens.
        super().__init__(parent=parent, enableMenu=False)
        item = self.getPlotItem()
        item._np_title = title
        item.hideButtons()
        # A lab passes tr("epoch"); an English literal is translated here too, if the window knows it.
        if x_label:
            item.setLabel("bottom", tr(x_label))
        if y_label:
            item.setLabel("left", tr(y_label))
        self.setMinimumSize(160, 140)

    @property
    def item(self) -> pg.PlotItem:
        return self.getPlotItem()

    def set_title(self, title: str, theme: Theme) -> None:
        self.item._np_title = title
        self.item.setTitle(tr(title), color=theme.foreground, size=f"{theme.font_pt * 1.05:.0f}pt")
        _let_title_shrink(self.item)

    def apply_theme(self, theme: Theme) -> None:
        self.setBackground(theme.background)
        style_plot_item(self.item, theme)


class DecisionMap:
    """A probability map over a rectangle of the plane, drawn as one reused ImageItem."""

    def __init__(self, plot: pg.PlotItem, rect: tuple[float, float, float, float]):
        self.image = pg.ImageItem()
        self.image.setZValue(-10)
        self.rect = rect  # x0, y0, width, height
        plot.addItem(self.image)

    def set_theme(self, theme: Theme) -> None:
        self.image.setLookupTable(diverging_lut(theme))

    def set_values(self, grid: np.ndarray, levels=(0.0, 1.0)) -> None:
        self.image.setImage(np.asarray(grid), levels=levels, autoLevels=False)
        self.image.setRect(QRectF(*self.rect))


def nice_bounds(lo: float, hi: float) -> tuple[float, float]:
    """Round a data range outward to 1-2-5 steps, so a live y axis moves rarely (each move costs a
    re-render of its ticks and labels, the most expensive part of a frame)."""
    if not np.isfinite(lo) or not np.isfinite(hi):
        return 0.0, 1.0
    span = hi - lo
    if span <= 0:
        span = max(abs(hi), 1e-3)
    k = 10 ** np.floor(np.log10(span))
    step = next(m * k for m in (0.1, 0.2, 0.5, 1, 2, 5, 10) if m * k * 10 >= span)
    return float(np.floor(lo / step) * step), float(np.ceil(hi / step) * step)


def nice_ceiling(n: float) -> float:
    """The next of 10, 20, 50, 100, 200, 500...: a live x axis that only grows in a few steps."""
    n = max(float(n), 10.0)
    k = 10 ** np.floor(np.log10(n))
    for m in (1, 2, 5, 10):
        if m * k >= n:
            return float(m * k)
    return float(10 * k)


class CurveChart:
    """Named curves over epochs (loss, accuracy, errors), with CSV export of the data behind them.

    Cheap to redraw at 30 frames/s however long the run: the x range grows in steps (10, 20, 50, ...)
    instead of every frame, so the axes are not re-rendered each time; long curves are reduced to
    about one point per pixel with min/max ("peak") downsampling, which keeps spikes visible."""

    MAX_POINTS = 600

    def __init__(self, plot: pg.PlotItem, log_y: bool = False):
        self.plot = plot
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.styles: dict[str, tuple] = {}
        plot.addLegend(offset=(-10, 10))
        plot.showGrid(x=False, y=True, alpha=0.25)  # horizontal lines only: half the cost per frame
        plot.enableAutoRange(x=False, y=False)
        self.log_y = log_y
        self._y_view: tuple[float, float] | None = None
        self.fixed_y: tuple[float, float] | None = None  # set by a lab that knows its range
        self._x_view: tuple[float, float] | None = None
        if log_y:
            plot.setLogMode(y=True)

    def add(self, name: str, color: str, dashed: bool = False) -> None:
        # No antialiasing live: a zigzag of hundreds of points costs 3 to 4 times more with it.
        # Exports switch it back on (playground.ui.export).
        curve = self.plot.plot([], [], name=tr(name), skipFiniteCheck=True, antialias=False)
        curve.setDownsampling(auto=True, method="peak")
        curve.setClipToView(True)
        self.curves[name] = curve
        self.styles[name] = (color, dashed)

    def apply_theme(self, theme: Theme) -> None:
        for name, curve in self.curves.items():
            color, dashed = self.styles[name]
            curve.setPen(pg.mkPen(color, width=theme.line_width,
                                  style=Qt.DashLine if dashed else Qt.SolidLine))

    def set(self, name: str, y: np.ndarray, x: np.ndarray | None = None) -> None:
        y = np.asarray(y, dtype=float)
        if x is None:
            x = np.arange(1, len(y) + 1, dtype=float)
        if len(y) > self.MAX_POINTS:
            # Peak-preserving thinning: each bucket's min and max, so oscillations stay visible.
            x, thinned = thin({"y": y}, self.MAX_POINTS, x=x)
            y = thinned["y"]
        if self.log_y:
            # log10 of zero or a negative value is undefined: leave a gap rather than a warning.
            y = np.where(y > 0, y, np.nan)
            self.curves[name].setData(x, y, connect="finite")
        else:
            self.curves[name].setData(x, y)
        if len(x):
            self.set_x_extent(float(x[-1]), float(x[0]))
        self._update_y()

    def _update_y(self) -> None:
        if self.fixed_y is not None:
            view = self.fixed_y
        else:
            ys = [c.yData for c in self.curves.values() if c.yData is not None and len(c.yData)]
            if not ys:
                return
            data = np.concatenate(ys)  # the values as given: a log axis is placed in log10 units
            if self.log_y:
                data = data[np.isfinite(data) & (data > 0)]
                with np.errstate(divide="ignore"):
                    data = np.log10(data)
            data = data[np.isfinite(data)]
            if not len(data):
                return
            lo, hi = float(data.min()), float(data.max())
            if self.log_y:
                view = (np.floor(lo), np.ceil(hi) if np.ceil(hi) > np.floor(lo) else np.floor(lo) + 1)
            else:
                view = nice_bounds(0.0 if lo >= 0 else lo, hi)
        if view != self._y_view:
            self._y_view = view
            self.plot.setYRange(view[0], view[1], padding=0.03)

    def set_x_extent(self, last: float, first: float = 0.0) -> None:
        """Show [first, last], moving the axis only when the data outgrows it (or slides past it)."""
        step = nice_ceiling(last - first) / 5
        start = float(np.floor(first / step) * step)  # epochs from 1 start the axis at 0
        view = (start, nice_ceiling(last - start))
        if view != self._x_view:
            self._x_view = view
            self.plot.setXRange(view[0], view[0] + view[1], padding=0.02)

    def clear(self) -> None:
        for curve in self.curves.values():
            curve.setData([], [])
        self._x_view = None
        self._y_view = None
