"""The fit tab: target, samples and the network's function; Cybenko's sum of units under it; the error
curves. Drawing a target with the mouse and hovering a unit happen here; nothing is computed but
what a frame needs (the units' terms come in the snapshot)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtWidgets import QGraphicsItem, QLabel, QSplitter, QVBoxLayout, QWidget

from playground.labs.fit.lesson import text
from playground.ui.i18n import current_language, tr
from playground.ui.theme import Theme
from playground.ui.widgets.plots import CurveChart, ThemedPlot, nice_bounds

__all__ = ["FitPanel", "TARGET_COLOR", "NET_COLOR", "SAMPLE_COLOR"]

TARGET_COLOR, NET_COLOR, SAMPLE_COLOR, SUP_COLOR = "#009E73", "#D55E00", "#0072B2", "#CC79A7"
MAX_DRAWN_UNITS = 64  # beyond this, the units' curves are a grey wash; their sum is still drawn


class _Strokes(QObject):
    """Mouse strokes on a plot, in data coordinates, while drawing is on (an event filter)."""

    stroke_moved = Signal(object, object)
    stroke_finished = Signal(object, object)

    def __init__(self, plot: ThemedPlot):
        super().__init__(plot)
        self.plot = plot
        self.enabled = False
        self.xs: list[float] = []
        self.ys: list[float] = []
        plot.viewport().installEventFilter(self)

    def _data(self, pos) -> QPointF:
        return self.plot.item.getViewBox().mapSceneToView(self.plot.mapToScene(pos.toPoint()))

    def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
        if not self.enabled:
            return False
        kind = event.type()
        if kind == QEvent.MouseButtonPress and event.button() == Qt.LeftButton:
            p = self._data(event.position())
            self.xs, self.ys = [p.x()], [p.y()]
            self.stroke_moved.emit(self.xs, self.ys)
            return True
        if kind == QEvent.MouseMove and self.xs:
            p = self._data(event.position())
            self.xs.append(p.x())
            self.ys.append(p.y())
            self.stroke_moved.emit(self.xs, self.ys)
            return True
        if kind == QEvent.MouseButtonRelease and self.xs:
            xs, ys = self.xs, self.ys
            self.xs, self.ys = [], []
            self.stroke_finished.emit(np.array(xs), np.array(ys))
            return True
        return False


class FitPanel(QWidget):
    drawn = Signal(object, object)  # a finished stroke: xs, ys

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        split = QSplitter(Qt.Vertical)
        self.fit_plot = ThemedPlot(text("fit_title", current_language()), "x", "y")
        item = self.fit_plot.item
        item.addLegend(offset=(-10, 10))
        # No grid on the live plots: pyqtgraph draws it with the axes, and repainting those every frame
        # was most of a frame's cost. Live curves are not antialiased (exports switch it back on).
        self.samples = pg.ScatterPlotItem(name=tr("samples"), pen=None)
        self.target_curve = item.plot([], [], name=tr("target"))
        self.net_curve = item.plot([], [], name=tr("network"), antialias=False, skipFiniteCheck=True)
        self.stroke = item.plot([], [])
        item.addItem(self.samples)
        # The target and the samples change rarely: Qt keeps them as pixmaps, so a frame repaints
        # only the network's line over them (half the fit plot's cost).
        self.target_curve.curve.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.samples.setCacheMode(QGraphicsItem.DeviceCoordinateCache)
        self.strokes = _Strokes(self.fit_plot)
        self.strokes.stroke_moved.connect(lambda xs, ys: self.stroke.setData(xs, ys))
        self.strokes.stroke_finished.connect(self._on_stroke)

        self.units_plot = ThemedPlot(text("units_title", current_language()), "x", "αᵢ·σ(wᵢx + bᵢ)")
        self.units_plot.item.enableAutoRange(False)
        # All the units' terms in one path (NaN between units): one item to update and paint per
        # frame, however many units; the hovered unit is drawn again on top, thick.
        self.units_curve = self.units_plot.item.plot([], [], antialias=False, connect="finite")
        self.hover_curve = self.units_plot.item.plot([], [], antialias=False)
        self.hover_curve.setZValue(10)
        self._cx = None
        self.sum_curve = self.units_plot.item.plot([], [], antialias=False)
        self._units_view = None
        self.units_note = QLabel("")
        self.units_note.setObjectName("units_note")
        self.units_note.setWordWrap(True)
        self.units_plot.setMouseTracking(True)
        self.units_plot.scene().sigMouseMoved.connect(self._on_units_hover)
        self.hovered: int | None = None

        self.error_plot = ThemedPlot(text("error_title", current_language()), tr("epoch"), tr("error (log)"))
        self.error_plot.setToolTip(tr("MSE on the samples; sup-norm error |f − network| on a grid of 1001 points"))
        self.errors = CurveChart(self.error_plot.item, log_y=True)
        self.sup_name = tr("sup error")  # the curve's legend name, and its key in the chart
        self.errors.add("MSE", NET_COLOR)
        self.errors.add(self.sup_name, SUP_COLOR)

        units_box = QWidget()
        ul = QVBoxLayout(units_box)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addWidget(self.units_plot, 1)
        ul.addWidget(self.units_note)
        # The fit across the top; the units and the errors side by side under it, so that each keeps
        # some height on a 720-px projector.
        bottom = QSplitter(Qt.Horizontal)
        bottom.addWidget(units_box)
        bottom.addWidget(self.error_plot)
        bottom.setStretchFactor(0, 3)
        bottom.setStretchFactor(1, 2)
        split.addWidget(self.fit_plot)
        split.addWidget(bottom)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout.addWidget(split)
        self._contrib = None
        self._range = None
        self._data_key = None
        self.apply_theme(theme)

    def set_drawing(self, on: bool) -> None:
        self.strokes.enabled = on
        self.fit_plot.item.getViewBox().setMouseEnabled(x=not on, y=not on)
        self.fit_plot.setCursor(Qt.CrossCursor if on else Qt.ArrowCursor)

    def _on_stroke(self, xs, ys) -> None:
        self.stroke.setData([], [])
        self.drawn.emit(xs, ys)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        for plot in (self.fit_plot, self.units_plot, self.error_plot):
            plot.apply_theme(theme)
        lw = theme.line_width
        # The target as a broad pale band under the network's line: dashed pens on 1001-point paths
        # cost more to paint than everything else in the frame.
        band = pg.mkColor(TARGET_COLOR)
        band.setAlpha(150)
        self.target_curve.setPen(pg.mkPen(band, width=lw * 3))
        self.net_curve.setPen(pg.mkPen(NET_COLOR, width=lw * 1.2))
        self.stroke.setPen(pg.mkPen(theme.foreground, width=lw))
        self.samples.setBrush(pg.mkBrush(SAMPLE_COLOR))
        self.samples.setSize(theme.point_size * 0.6)
        self.sum_curve.setPen(pg.mkPen(NET_COLOR, width=lw * 1.2))
        self.errors.apply_theme(theme)
        self._style_units()

    def _style_units(self) -> None:
        base = pg.mkColor(self.theme.foreground)
        base.setAlpha(110)
        self.units_curve.setPen(pg.mkPen(base, width=max(1.0, self.theme.line_width * 0.5)))
        self.hover_curve.setPen(pg.mkPen(SAMPLE_COLOR, width=self.theme.line_width * 1.5))

    def clear(self) -> None:
        self.errors.clear()
        self._units_view = None

    def show_snapshot(self, s: dict) -> None:
        x, grid = s["x"], s["grid_x"]
        key = (s.get("data_version"), s["target"], len(x), float(grid[0]), float(grid[-1]))
        if key != self._data_key:  # the target and samples change rarely: redraw them only then
            self._data_key = key
            self.samples.setData(x, s["y"])
            self.target_curve.setData(grid, s["clean"], skipFiniteCheck=True)
        net = np.where(np.isfinite(s["net"]), s["net"], np.nan)
        self.net_curve.setData(grid, net, connect="finite")
        rng = (float(grid[0]), float(grid[-1]), s.get("data_version"))
        if rng != self._range:  # a new target: frame it (the network may wander outside it)
            self._range = rng
            lo, hi = float(np.min(s["y"])), float(np.max(s["y"]))
            pad = 0.1 * max(hi - lo, 1e-3)
            self.fit_plot.item.setRange(xRange=(grid[0], grid[-1]), yRange=(lo - pad, hi + pad), padding=0.02)
        self._log_range(s["history_mse"], s["history_sup"])
        self.errors.set("MSE", s["history_mse"], s["history_epoch"])
        self.errors.set(self.sup_name, s["history_sup"], s["history_sup_epoch"])
        self._show_units(s)

    def _log_range(self, *series) -> None:
        """Decades that hold the errors, in the log axis's own units (whole powers of ten, so the axis
        moves rarely)."""
        data = np.concatenate([np.asarray(v, dtype=float) for v in series])
        data = data[np.isfinite(data) & (data > 0)]
        if len(data):
            lo, hi = np.floor(np.log10(data.min())), np.ceil(np.log10(data.max()))
            self.errors.fixed_y = (float(lo), float(max(hi, lo + 1)))

    def _show_units(self, s: dict) -> None:
        contrib = s.get("contrib")
        self._contrib = contrib
        if contrib is None:
            self.units_curve.setData([], [])
            self.hover_curve.setData([], [])
            self.sum_curve.setData([], [])
            self.units_note.setText(tr("Cybenko's sum is drawn for one hidden layer; this network has {count}.",
                                       count=len(s["layers"])))
            return
        cx = s["contrib_x"]
        self._cx = cx
        shown = np.nan_to_num(contrib[:MAX_DRAWN_UNITS], nan=0.0, posinf=0.0, neginf=0.0)
        gap = np.full((len(shown), 1), np.nan)
        xs = np.hstack([np.broadcast_to(cx, shown.shape), gap]).ravel()
        self.units_curve.setData(xs, np.hstack([shown, gap]).ravel())
        if self.hovered is not None and self.hovered >= len(shown):
            self.hovered = None
        self._draw_hovered(shown)
        with np.errstate(all="ignore"):  # a diverged network's terms may overflow: drawn, not warned
            total = np.nan_to_num(contrib.astype(float).sum(axis=0) + s["out_bias"], nan=0.0, posinf=0.0,
                                  neginf=0.0)
        self.sum_curve.setData(cx, total)
        self._units_range(cx, shown, total)
        if self.hovered is None:
            bias = f"{s['out_bias']:.3f}"
            if len(contrib) > MAX_DRAWN_UNITS:
                note = tr("{count} units (the first {drawn} of {count} drawn). Bold: their sum + output bias {bias} "
                          "= the network. Hover a curve: one unit.", count=len(contrib), drawn=MAX_DRAWN_UNITS,
                          bias=bias)
            else:
                note = tr("{count} units. Bold: their sum + output bias {bias} = the network. Hover a curve: one "
                          "unit.", count=len(contrib), bias=bias)
            self.units_note.setText(note)
        else:
            self._describe_unit(s)

    def _draw_hovered(self, shown=None) -> None:
        if self.hovered is None or self._contrib is None:
            self.hover_curve.setData([], [])
            return
        if shown is None:
            shown = np.nan_to_num(self._contrib[:MAX_DRAWN_UNITS], nan=0.0, posinf=0.0, neginf=0.0)
        self.hover_curve.setData(self._cx, shown[self.hovered])

    def _units_range(self, cx, shown, total) -> None:
        """A fixed view that moves only when the curves outgrow it or shrink well inside it."""
        lo = float(min(shown.min(initial=0.0), total.min()))
        hi = float(max(shown.max(initial=0.0), total.max()))
        view = self._units_view
        if view is None or lo < view[1] or hi > view[2] or (hi - lo) < 0.3 * (view[2] - view[1]) \
                or view[0] != (float(cx[0]), float(cx[-1])):
            lo_n, hi_n = nice_bounds(lo, hi)
            self._units_view = ((float(cx[0]), float(cx[-1])), lo_n, hi_n)
            self.units_plot.item.setRange(xRange=(cx[0], cx[-1]), yRange=(lo_n, hi_n), padding=0.02)

    def _describe_unit(self, s: dict) -> None:
        i = self.hovered
        state = s["state"]
        w, b = state["layer0.weight"][0, i], state["layer0.bias"][i]
        alpha = state["layer1.weight"][i, 0]
        self.units_note.setText(tr("Unit {unit}: α = {alpha}, w = {w}, b = {b}  (its step or knee is at x = {knee})",
                                   unit=i + 1, alpha=f"{alpha:.3f}", w=f"{w:.3f}", b=f"{b:.3f}",
                                   knee=f"{(-b / w if w else float('nan')):.3f}"))

    def unit_at(self, x: float, y: float) -> int | None:
        """The unit whose term passes closest to (x, y), if it is near enough to mean it."""
        if self._contrib is None or self.last_cx is None:
            return None
        shown = self._contrib[:MAX_DRAWN_UNITS]
        j = int(np.clip(np.searchsorted(self.last_cx, x), 0, len(self.last_cx) - 1))
        d = np.abs(np.nan_to_num(shown[:, j]) - y)
        i = int(np.argmin(d))
        vr = self.units_plot.item.getViewBox().viewRange()[1]
        return i if d[i] < 0.05 * (vr[1] - vr[0]) else None

    @property
    def last_cx(self):
        return self._cx

    def _on_units_hover(self, pos) -> None:
        vb = self.units_plot.item.getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            return
        p = vb.mapSceneToView(pos)
        self.set_hovered(self.unit_at(p.x(), p.y()))

    def set_hovered(self, unit: int | None) -> None:
        if unit == self.hovered:
            return
        self.hovered = unit
        self._draw_hovered()
        self.hover_changed()

    def hover_changed(self) -> None:
        """Redraw the note for the hovered unit (the view passes its last snapshot)."""
        snap = getattr(self, "snapshot_source", lambda: None)()
        if snap is not None and snap.get("contrib") is not None:
            self._show_units(snap)
