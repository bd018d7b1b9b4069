"""The training views of the recurrent networks lab: loss and accuracy, predictions against targets
over time, ‖∂L/∂h_t‖ for every time step over training (a heat map: time across, epochs up) with its
newest profile, and the connectivity strip |∂y_t/∂x_s| of one output step over the earlier inputs.

All of it draws the worker's snapshots; nothing is computed here but colours and ranges.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from playground.labs.rnn.lesson import text
from playground.ui.i18n import tr
from playground.ui.theme import CLASS_COLORS, Theme
from playground.ui.widgets.plots import CurveChart, ThemedPlot, nice_ceiling

__all__ = ["TrainingPanel"]


def _decades(values: np.ndarray) -> tuple[float, float] | None:
    """Whole decades around the positive finite values (a log axis that moves only by factors of 10)."""
    v = values[np.isfinite(values) & (values > 0)]
    if not v.size:
        return None
    lo, hi = np.floor(np.log10(v.min())), np.ceil(np.log10(v.max()))
    return float(lo), float(hi if hi > lo else lo + 1)


def _finite(x, y) -> tuple[np.ndarray, np.ndarray]:
    """Only the points with a finite value: a diverged run draws what is left, with no NaN warnings."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    keep = np.isfinite(y)
    return x[keep], y[keep]


def _nice_top(v: float) -> float:
    """The smallest of 1, 2, 5 times a power of ten at or above v (an axis top that reads well)."""
    if not np.isfinite(v) or v <= 0:
        return 1.0
    base = 10.0 ** np.floor(np.log10(v))
    return float(next(m * base for m in (1, 2, 5, 10) if m * base >= v * (1 - 1e-12)))


class TrainingPanel(QWidget):
    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self._ranges: dict[str, tuple] = {}  # what each plot shows now: axes redraw only when it changes
        self._conn_title = None
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        self.loss_plot = ThemedPlot(text("loss_title"), tr("epoch"), tr("loss · accuracy"))
        self.loss = CurveChart(self.loss_plot.item)
        # the chart names its curves by their legend: the keys are in the window's language
        self.loss_key, self.accuracy_key = tr("loss"), tr("accuracy")
        self.loss.add(self.loss_key, "#CC79A7")
        self.loss.add(self.accuracy_key, "#009E73", dashed=True)
        self.pred_plot = ThemedPlot(text("pred_title"), tr("time step t"), tr("value"))
        self.pred_plot.item.addLegend(offset=(-10, 10))
        self.target_curve = self.pred_plot.item.plot([], [], name=tr("target"), symbol="o", symbolSize=6)
        self.pred_curve = self.pred_plot.item.plot([], [], name=tr("prediction"), symbol="t", symbolSize=7)
        self.grad_plot = ThemedPlot(text("grad_title"), tr("time step t"), tr("epoch"))
        self.grad_image = pg.ImageItem()
        self.grad_plot.item.addItem(self.grad_image)
        self.grad_bar = pg.ColorBarItem(values=(-6, 0), colorMap=pg.colormap.get("viridis"), interactive=False,
                                        width=14)
        self.grad_bar.setImageItem(self.grad_image, insert_in=self.grad_plot.item)
        self._grad_hist = np.zeros((0, 0))
        self._grad_first = 1
        self.grad_plot.scene().sigMouseMoved.connect(self._on_grad_hovered)
        self.now_plot = ThemedPlot(text("grad_now_title"), tr("time step t"), "‖∂L/∂h_t‖")
        self.now_plot.item.setLogMode(y=True)
        self.now_curve = self.now_plot.item.plot([], [], symbol="o", symbolSize=5)
        self.conn_plot = ThemedPlot(text("conn_title"), tr("input step s"), "|∂y_t/∂x_s|")
        self.conn_bars = pg.BarGraphItem(x=[], height=[], width=0.8)
        self.conn_plot.item.addItem(self.conn_bars)
        self.note = QLabel("")
        self.note.setObjectName("training_note")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.RichText)
        grid.addWidget(self.loss_plot, 0, 0)
        grid.addWidget(self.pred_plot, 0, 1)
        grid.addWidget(self.grad_plot, 1, 0)
        grid.addWidget(self.now_plot, 1, 1)
        grid.addWidget(self.conn_plot, 2, 0, 1, 2)
        grid.addWidget(self.note, 3, 0, 1, 2)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)
        for p in self.figures().values():
            for side in ("left", "bottom"):
                p.item.getAxis(side).enableAutoSIPrefix(False)
        self.apply_theme(theme)

    def figures(self) -> dict:
        return {"gradient_through_time": self.grad_plot, "loss": self.loss_plot, "predictions": self.pred_plot,
                "gradient_profile": self.now_plot, "connectivity": self.conn_plot}

    def _set_range(self, name: str, plot: ThemedPlot, x: tuple, y: tuple) -> None:
        if self._ranges.get(name) != (x, y):
            self._ranges[name] = (x, y)
            plot.item.setRange(xRange=x, yRange=y, padding=0)

    def clear(self) -> None:
        self._ranges.clear()
        self.loss.clear()
        self.grad_image.clear()
        for c in (self.target_curve, self.pred_curve, self.now_curve):
            c.setData([], [])
        self.conn_bars.setOpts(x=[], height=[])

    def draw(self, s: dict) -> None:
        losses = np.asarray(s.get("losses", []), float)
        x = np.asarray(s.get("curve_x", np.arange(1, len(losses) + 1)), float)
        self.loss.set(self.loss_key, losses, x)
        self.loss.set(self.accuracy_key, np.asarray(s.get("accuracies", []), float), x)
        self._show_predictions(s)
        self._show_gradients(s)
        self._show_connectivity(s)

    def _show_predictions(self, s: dict) -> None:
        targets = np.asarray(s.get("targets", []))
        kind = s.get("kind", "regress_each")
        item = self.pred_plot.item
        if kind.startswith("regress"):
            pred = np.asarray(s.get("predictions", []), float)
            T = len(pred)
            ts = np.arange(1, T + 1, dtype=float)
            if kind == "regress_each":
                self.target_curve.setData(*_finite(ts, targets.astype(float)))
                self.pred_curve.setData(*_finite(ts, pred))
            else:  # only the last step is scored: its target is one point
                self.target_curve.setData(*_finite([float(T)], targets.astype(float)[-1:]))
                self.pred_curve.setData(*_finite(ts, pred))
            item.setLabel("left", tr("value"))
        else:
            probs = np.asarray(s.get("probabilities", np.zeros((0, 1))), float)
            T = len(probs)
            ts = np.arange(1, T + 1, dtype=float)
            if kind == "classify_last":
                # the probability the output gives the symbol to recall, at every step (scored: the last)
                target = int(targets.reshape(-1)[-1]) if targets.size else 0
                self.pred_curve.setData(*_finite(ts, probs[:, target] if T else []))
                self.target_curve.setData([float(T)], [1.0])
            else:
                t_idx = targets.reshape(-1)[:T].astype(int)
                self.pred_curve.setData(*_finite(ts, probs[np.arange(T), t_idx] if T else []))
                self.target_curve.setData(ts, np.ones(T))
            item.setLabel("left", tr("p(target)"))
        if kind.startswith("regress"):
            values = np.concatenate([np.asarray(c.yData, float) for c in (self.target_curve, self.pred_curve)
                                     if c.yData is not None and len(c.yData)] or [np.zeros(1)])
            values = values[np.isfinite(values)]
            top = _nice_top(float(np.abs(values).max()) if values.size else 1.0)
            y = (min(0.0, -top) if values.size and values.min() < 0 else 0.0, top)
        else:
            y = (0.0, 1.05)
        self._set_range("pred", self.pred_plot, (0.5, T + 0.5), y)

    def _show_gradients(self, s: dict) -> None:
        g = np.asarray(s.get("grad_norms", []), float)
        T = len(g)
        with np.errstate(divide="ignore", invalid="ignore"):
            self.now_curve.setData(*_finite(np.arange(1, T + 1, dtype=float), np.where(g > 0, g, np.nan)))
        decades = _decades(g)
        if decades is not None:
            self._set_range("now", self.now_plot, (0.5, T + 0.5), decades)
        hist = np.asarray(s.get("grad_history", np.zeros((0, T))), float)
        epoch = int(s.get("epoch", 0))
        if hist.size == 0:
            self.grad_image.clear()
            self.note.setText(self._ratio_text(g, s))
            return
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.log10(np.where(hist > 0, hist, np.nan))
        finite = logs[np.isfinite(logs)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (-1.0, 0.0)
        logs = np.where(np.isfinite(logs), logs, lo)  # no gradient at all shows as the darkest colour
        rows, cols = logs.shape
        first = epoch - rows + 1
        self._grad_hist, self._grad_first = hist, first
        self.grad_image.setImage(logs, autoLevels=False)  # rows: epochs (up), columns: time steps
        self.grad_image.setRect(QRectF(0.5, first - 0.5, cols, rows))
        self.grad_bar.setLevels((lo, max(hi, lo + 1e-6)))
        # the epoch axis grows in steps, as the loss chart's does, instead of moving every epoch
        step = nice_ceiling(max(rows, 10)) / 5
        y0 = float(np.floor((first - 0.5) / step) * step)
        self._set_range("grad", self.grad_plot, (0.5, cols + 0.5), (y0, y0 + nice_ceiling(epoch + 0.5 - y0)))
        self.note.setText(self._ratio_text(g, s))

    def grad_value_text(self, x: float, y: float) -> str:
        """The gradient heat map's value under a point: "epoch e, step t: ‖∂L/∂h_t‖ = v"."""
        t, row = int(round(x)), int(round(y)) - self._grad_first
        rows, cols = self._grad_hist.shape
        if not (1 <= t <= cols and 0 <= row < rows):
            return ""
        return tr("epoch {epoch}, step {t}: ‖∂L/∂h_{t}‖ = {value}", epoch=row + self._grad_first, t=t,
                  value=f"{self._grad_hist[row, t - 1]:.3g}")

    def _on_grad_hovered(self, pos) -> None:
        vb = self.grad_plot.item.getViewBox()
        p = vb.mapSceneToView(pos)
        self.grad_plot.setToolTip(self.grad_value_text(p.x(), p.y()) if vb.sceneBoundingRect().contains(pos) else "")

    def _ratio_text(self, g: np.ndarray, s: dict) -> str:
        if len(g) < 2 or not np.all(np.isfinite(g)) or g[-1] <= 0:
            return ""
        ratio = g[0] / g[-1]
        orders = np.log10(ratio) if ratio > 0 else -np.inf
        if orders <= -3:
            verdict = tr("the gradient <b>vanishes</b> on its way back: {n} orders of magnitude lost",
                         n=f"{-orders:.0f}")
        elif orders >= 3:
            verdict = tr("the gradient <b>explodes</b> on its way back: {n} orders of magnitude gained",
                         n=f"{orders:.0f}")
        elif ratio == 0:
            verdict = tr("no gradient reaches the first step (truncation)")
        else:
            verdict = tr("the gradient reaches the first step")
        clip = s.get("clipped_fraction", 0.0)
        clip_text = (" " + tr("Clipping cut {fraction} of the last 100 updates.", fraction=f"{clip:.0%}")
                     if clip else "")
        return tr("Epoch {epoch}: ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖ = {ratio}: {verdict} over {steps} steps.",
                  epoch=s.get("epoch", 0), ratio=f"{ratio:.1e}", verdict=verdict, steps=len(g)) + clip_text

    def _show_connectivity(self, s: dict) -> None:
        conn = np.nan_to_num(np.asarray(s.get("connectivity", []), float), nan=0.0, posinf=0.0, neginf=0.0)
        t = int(s.get("probe_step", len(conn) - 1)) + 1
        n = len(conn)
        self.conn_bars.setOpts(x=np.arange(1, n + 1, dtype=float), height=conn, width=0.8)
        top = float(conn.max()) if n and np.isfinite(conn).all() and conn.max() > 0 else 1.0
        shown = self._ranges.get("conn", (None, (0, 0)))[1][1]
        if not shown or top > shown or top < shown / 4:  # rescale only when the bars outgrow or shrink a lot
            shown = _nice_top(top)
        self._set_range("conn", self.conn_plot, (0.4, max(n, 1) + 0.6), (0.0, shown))
        if self._conn_title != (t, self.theme):
            self._conn_title = (t, self.theme)
            self.conn_plot.set_title(tr("{title}, output step t = {t}", title=text("conn_title"), t=t), self.theme)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._conn_title = None
        for p in self.figures().values():
            p.apply_theme(theme)
        self.loss.apply_theme(theme)
        lw = theme.line_width
        self.target_curve.setPen(pg.mkPen(theme.foreground, width=lw * 0.7, style=Qt.DashLine))
        self.target_curve.setSymbolBrush(pg.mkBrush(theme.foreground))
        self.pred_curve.setPen(pg.mkPen(CLASS_COLORS[1], width=lw))
        self.pred_curve.setSymbolBrush(pg.mkBrush(CLASS_COLORS[1]))
        self.now_curve.setPen(pg.mkPen(CLASS_COLORS[0], width=lw))
        self.now_curve.setSymbolBrush(pg.mkBrush(CLASS_COLORS[0]))
        self.conn_bars.setOpts(brush=pg.mkBrush(CLASS_COLORS[2]), pen=pg.mkPen(theme.foreground, width=1))
