"""The Perceptron & XOR lab view: the perceptron's line wandering, the MLP's regions bending.

Top row: the perceptron's decision line with its weight vector and the misclassified points ringed;
the MLP's decision regions with its 0.5 contour; and, at hidden width 2, the hidden space where XOR
becomes linearly separable. Bottom row: the perceptron's errors per epoch, its weights over time
(they cycle on XOR), and the MLP's loss.
"""
from __future__ import annotations

import functools
from collections.abc import Generator

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QTransform
from PySide6.QtWidgets import QGridLayout, QWidget

from playground.ui.i18n import QT_TR_NOOP, tr
from playground.ui.theme import Theme
from playground.ui.widgets.plots import CurveChart, DecisionMap, ThemedPlot, nice_bounds
from playground.ui.lab_view import LabView

__all__ = ["PerceptronLab"]

RING = "#D55E00"  # vermillion: the "wrong" marker, distinct from both class colours
SYMBOLS = ("o", "s")  # shape as well as colour tells the classes apart (colour-blind safe, print safe)


# The same brush and pen objects every frame: pyqtgraph keeps a picture of each symbol per brush and
# pen object it is given, so new ones each frame grew that cache to a thousand pictures and rebuilt it.
@functools.lru_cache(maxsize=64)
def _brush(color: str):
    return pg.mkBrush(color)


@functools.lru_cache(maxsize=64)
def _pen(color: str, width: float):
    return pg.mkPen(color, width=width)


class _Points:
    """Class-coloured points plus rings around the misclassified ones, on one plot."""

    def __init__(self, plot: pg.PlotItem):
        self.points = pg.ScatterPlotItem(pxMode=True)
        self.rings = pg.ScatterPlotItem(pxMode=True)
        self.points.setZValue(10)
        self.rings.setZValue(11)
        plot.addItem(self.points)
        plot.addItem(self.rings)

    def set(self, x: np.ndarray, y: np.ndarray, wrong: np.ndarray | None, theme: Theme) -> None:
        size = theme.point_size * (1.6 if len(y) <= 8 else 1.0)
        brushes = [_brush(theme.class_color(int(c))) for c in y]
        symbols = [SYMBOLS[int(c)] for c in y]
        self.points.setData(x[:, 0], x[:, 1], brush=brushes, symbol=symbols, size=size,
                            pen=_pen(theme.foreground, max(1.0, theme.scale * 0.8)))
        if wrong is not None and np.any(wrong):
            xw = x[wrong]
            self.rings.setData(xw[:, 0], xw[:, 1], symbol="o", size=size * 1.9, brush=None,
                               pen=_pen(RING, 2.5 * theme.scale))
        else:
            self.rings.setData([], [])


class PerceptronLab(LabView):
    lesson_html = QT_TR_NOOP(
        "<p><b>Try:</b> press <b>Play</b> (Space) on XOR: the perceptron's line never settles. "
        "Switch to AND, OR or NAND: it converges in a few epochs.</p>"
        "<p><b>Why:</b> a perceptron draws one straight line. On XOR no line puts (0,1) and (1,0) "
        "on one side and (0,0) and (1,1) on the other: the best any line does is 3 of the 4 corners, "
        "so the perceptron rule keeps correcting and its weights cycle.</p>"
        "<p>One hidden layer fixes it: the MLP's hidden neurons move the corners to a space where one "
        "line does separate them (hidden width 2 shows that space).</p>")

    def build_content(self) -> Generator[None, None, QWidget]:
        w = QWidget()
        grid = QGridLayout(w)
        grid.setContentsMargins(4, 4, 4, 4)
        self.perc_plot = ThemedPlot(tr("Perceptron"), "x₁", "x₂")
        self.mlp_plot = ThemedPlot(tr("MLP regions"), "x₁", "x₂")
        self.hidden_plot = ThemedPlot(tr("Hidden space"), "h₁", "h₂")
        yield  # (a piece per turn of the event loop: see LabView.build_content)
        self.err_plot = ThemedPlot(tr("Perceptron errors"), tr("epoch"), tr("misclassified"))
        self.weight_plot = ThemedPlot(tr("Perceptron weights"), tr("examples ago"), tr("value"))
        self.loss_plot = ThemedPlot(tr("MLP loss"), tr("epoch"), tr("cross-entropy"))
        # Legend names are the curves' keys in CurveChart: the shown (translated) word is the key.
        self.errors_name, self.loss_name = tr("errors"), tr("loss")
        for i, p in enumerate((self.perc_plot, self.mlp_plot, self.hidden_plot)):
            grid.addWidget(p, 0, i)
        for i, p in enumerate((self.err_plot, self.weight_plot, self.loss_plot)):
            grid.addWidget(p, 1, i)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)

        lo, hi = -0.5, 1.5
        for p in (self.perc_plot, self.mlp_plot):
            p.item.setRange(xRange=(lo, hi), yRange=(lo, hi), padding=0)
            p.item.getViewBox().setMouseEnabled(False, False)
        rect = (lo, lo, hi - lo, hi - lo)  # the session's MAP_RANGE
        self.perc_map = DecisionMap(self.perc_plot.item, rect)
        self.perc_line = pg.PlotCurveItem()
        self.perc_line.setZValue(5)
        self.perc_plot.item.addItem(self.perc_line)
        self.perc_arrow = pg.ArrowItem(angle=0, headLen=14, tailLen=0)
        self.perc_arrow.setZValue(6)
        self.perc_arrow_shaft = pg.PlotCurveItem()
        self.perc_plot.item.addItem(self.perc_arrow_shaft)
        self.perc_plot.item.addItem(self.perc_arrow)
        self.perc_points = _Points(self.perc_plot.item)
        self.perc_note = pg.TextItem("", anchor=(0, 0))
        self.perc_note.setPos(lo + 0.03, hi - 0.03)
        self.perc_note.setZValue(20)
        self.perc_plot.item.addItem(self.perc_note)

        self.mlp_map = DecisionMap(self.mlp_plot.item, rect)
        self.mlp_contour = pg.IsocurveItem(level=0.5)
        self.mlp_contour.setParentItem(self.mlp_map.image)
        self.mlp_contour.setZValue(5)
        self.mlp_points = _Points(self.mlp_plot.item)

        yield
        self.hidden_grid = pg.ScatterPlotItem(pxMode=True)
        self.hidden_plot.item.addItem(self.hidden_grid)
        self.hidden_line = pg.PlotCurveItem()
        self.hidden_plot.item.addItem(self.hidden_line)
        self.hidden_points = _Points(self.hidden_plot.item)
        self.hidden_note = pg.TextItem("", anchor=(0.5, 0.5))
        self._hidden_view = None
        self.hidden_plot.item.addItem(self.hidden_note)

        self.err_chart = CurveChart(self.err_plot.item)
        self.err_chart.add(self.errors_name, "#D55E00")
        self.weight_chart = CurveChart(self.weight_plot.item)
        self.weight_chart.add("w₁", "#0072B2")
        self.weight_chart.add("w₂", "#E69F00")
        self.weight_chart.add("b", "#009E73", dashed=True)
        self.loss_chart = CurveChart(self.loss_plot.item)
        for p in (self.weight_plot, self.err_plot, self.loss_plot):
            p.item.getAxis("left").enableAutoSIPrefix(False)
            p.item.getAxis("bottom").enableAutoSIPrefix(False)
        self.loss_chart.add(self.loss_name, "#CC79A7")
        yield
        self.apply_theme(self.theme)
        return w

    def figures(self) -> dict:
        return {"perceptron": self.perc_plot, "mlp": self.mlp_plot, "hidden": self.hidden_plot,
                "errors": self.err_plot, "weights": self.weight_plot, "loss": self.loss_plot}

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        for p in self.figures().values():
            p.apply_theme(theme)
        self.perc_map.set_theme(theme)
        self.mlp_map.set_theme(theme)
        self.perc_line.setPen(pg.mkPen(theme.foreground, width=theme.line_width * 1.3))
        self.hidden_line.setPen(pg.mkPen(theme.foreground, width=theme.line_width, style=pg.QtCore.Qt.DashLine))
        self.perc_arrow_shaft.setPen(pg.mkPen(theme.foreground, width=theme.line_width))
        self.perc_arrow.setStyle(brush=pg.mkBrush(theme.foreground), pen=pg.mkPen(theme.foreground),
                                 headLen=14 * theme.scale)
        self.mlp_contour.setPen(pg.mkPen(theme.foreground, width=theme.line_width))
        for note in (self.perc_note, self.hidden_note):
            note.setColor(theme.foreground)
            f = note.textItem.font()
            f.setPointSizeF(theme.font_pt * 0.95)
            note.setFont(f)
        for chart in (self.err_chart, self.weight_chart, self.loss_chart):
            chart.apply_theme(theme)
        if self.last_snapshot is not None:
            self.show_snapshot(self.last_snapshot)

    def on_reset(self) -> None:
        for chart in (self.err_chart, self.weight_chart, self.loss_chart):
            chart.clear()

    # --- drawing -------------------------------------------------------------------------------------------
    def show_snapshot(self, s: dict) -> None:
        theme = self.theme
        x, y = s["x"], s["y"]
        lo, hi = s["map_range"]
        w, b = np.asarray(s["perceptron_w"], float), float(s["perceptron_b"])

        # Perceptron: shade the half-plane it calls class 1, draw the line and the weight vector.
        axis = np.linspace(lo, hi, 90)
        gx, gy = np.meshgrid(axis, axis)
        side = (w[0] * gx + w[1] * gy + b >= 0).astype(float)
        self.perc_map.set_values(0.25 + 0.5 * side)
        self._draw_line(w, b, lo, hi)
        wrong = s["perceptron_pred"] != y
        self.perc_points.set(x, y, wrong, theme)

        # MLP: probability map with its 0.5 contour.
        grid = np.asarray(s["mlp_grid"], dtype=float)
        self.mlp_map.set_values(grid)
        # The 0.5 contour from every other grid point: pyqtgraph traces it in Python, and at half
        # resolution it costs a quarter as much while looking the same at this size.
        self.mlp_contour.setData(grid[::2, ::2])
        self.mlp_contour.setTransform(QTransform.fromScale(2, 2))
        self.mlp_points.set(x, y, s["mlp_pred"] != y, theme)
        self._draw_hidden(s)

        errs = s["perceptron_errors"]
        self.err_chart.fixed_y = (0.0, max(1.0, float(len(y))))
        self.err_chart.set(self.errors_name, errs, s["series_epoch"])
        trace = np.asarray(s["perceptron_trace"])
        if len(trace):
            # Counted back from now: the axis stays put while the weights scroll through it.
            xs = np.arange(-len(trace) + 1, 1, dtype=float)
            for i, name in enumerate(("w₁", "w₂", "b")):
                self.weight_chart.set(name, trace[:, i], xs)
        self.loss_chart.set(self.loss_name, s["mlp_loss"], s["series_epoch"])
        self._readout(s, int(np.sum(wrong)))

    def _draw_line(self, w: np.ndarray, b: float, lo: float, hi: float) -> None:
        norm = float(np.hypot(*w))
        if norm < 1e-12:
            self.perc_line.setData([], [])
            self.perc_arrow_shaft.setData([], [])
            self.perc_arrow.hide()
            self.perc_note.setText(tr("w = 0: all called class 1 (orange)") if b >= 0
                                   else tr("w = 0: all called class 0 (blue)"))
            return
        self.perc_note.setText(f"w = ({w[0]:.2f}, {w[1]:.2f}), b = {b:.2f}")
        n = w / norm
        c = np.array([0.5, 0.5])
        foot = c - (c @ w + b) / norm * n  # the point of the line nearest the square's centre
        d = np.array([-n[1], n[0]])
        ends = np.array([foot - 10 * d, foot + 10 * d])
        self.perc_line.setData(ends[:, 0], ends[:, 1])
        tip = foot + 0.35 * n
        self.perc_arrow_shaft.setData([foot[0], tip[0]], [foot[1], tip[1]])
        self.perc_arrow.setPos(*tip)
        # ArrowItem's angle is where the head points *from*; 180 - direction makes it point along n.
        self.perc_arrow.setStyle(angle=180 - np.degrees(np.arctan2(n[1], n[0])))
        self.perc_arrow.show()

    def _draw_hidden(self, s: dict) -> None:
        item = self.hidden_plot.item
        if "hidden_points" not in s:
            self.hidden_points.set(np.zeros((0, 2)), np.zeros(0), None, self.theme)
            self.hidden_grid.setData([], [])
            self.hidden_line.setData([], [])
            self.hidden_note.setText(tr("Set the hidden width to 2\nto see the hidden space."))
            item.setRange(xRange=(-1, 1), yRange=(-1, 1))
            self._hidden_view = None
            self.hidden_note.setPos(0, 0)
            return
        self.hidden_note.setText("")
        h = np.asarray(s["hidden_points"])
        g = np.asarray(s["hidden_grid"]).reshape(-1, 2)
        self.hidden_grid.setData(g[:, 0], g[:, 1], size=3 * self.theme.scale,
                                 brush=pg.mkBrush(self.theme.grid), pen=None)
        self.hidden_points.set(h, s["y"], s["mlp_pred"] != s["y"], self.theme)
        both = np.vstack([h, g])
        bx = nice_bounds(float(both[:, 0].min()), float(both[:, 0].max()))
        by = nice_bounds(float(both[:, 1].min()), float(both[:, 1].max()))
        lo, hi = np.array([bx[0], by[0]]), np.array([bx[1], by[1]])
        if (bx, by) != self._hidden_view:  # re-rendering the axes is the costly part of a frame
            self._hidden_view = (bx, by)
            item.setRange(xRange=bx, yRange=by, padding=0.05)
        w2 = np.asarray(s["mlp_weights"]["w2"], float)
        b2 = float(np.asarray(s["mlp_weights"]["b2"]).ravel()[0])
        # The output unit's decision line in hidden space: w2 . h + b2 = 0.
        if abs(w2[1]) > abs(w2[0]) and abs(w2[1]) > 1e-12:
            xs = np.array([lo[0], hi[0]])
            self.hidden_line.setData(xs, -(w2[0] * xs + b2) / w2[1])
        elif abs(w2[0]) > 1e-12:
            ys = np.array([lo[1], hi[1]])
            self.hidden_line.setData(-(w2[1] * ys + b2) / w2[0], ys)
        else:
            self.hidden_line.setData([], [])

    def _readout(self, s: dict, wrong: int) -> None:
        n = len(s["y"])
        conv = s["perceptron_converged_at"]
        if conv is not None:
            perc = tr("converged at epoch {epoch}: every point right.", epoch=conv)
        elif not s["separable"] and s["epoch"] > 0:
            perc = tr("{right} of {n} right. <b>Not converging:</b> no line separates XOR; "
                      "at best 3 of the 4 corners. The weights cycle.", right=n - wrong, n=n)
        else:
            perc = tr("{right} of {n} right.", right=n - wrong, n=n)
        last = s["mlp_last_loss"]
        loss = f"{last:.4f}" if last is not None else "–"
        solved = s["mlp_solved_at"]
        acc = s["mlp_last_accuracy"] if s["mlp_last_accuracy"] is not None else float(np.mean(s["mlp_pred"] == s["y"]))
        if solved:
            mlp = tr("loss {loss}, accuracy {accuracy}; all right since epoch {epoch}.", loss=loss,
                     accuracy=f"{acc:.0%}", epoch=solved)
        else:
            mlp = tr("loss {loss}, accuracy {accuracy}.", loss=loss, accuracy=f"{acc:.0%}")
        self.readout.setText(tr("<p><b>Epoch {epoch}</b></p><p><b>Perceptron:</b> {perceptron}</p>"
                                "<p><b>MLP:</b> {mlp}</p>", epoch=s["epoch"], perceptron=perc, mlp=mlp))
