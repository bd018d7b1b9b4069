"""The activation explorer: f and f' of one or several activations, where they saturate, their formula
and the lecture's advantages and drawbacks.

Everything here is a cheap numpy evaluation from `playground.core.nets.activations`, done on demand in the
window (no worker, no torch): moving a slider (Leaky slope, ELU alpha, Maxout pieces, the x range, the
saturation threshold) redraws at once. The shaded bands are where the highlighted activation's
|f'(x)| is below the threshold: there a unit barely passes any gradient back. Maxout is drawn with
its k affine pieces: the max of k lines, a convex piecewise-linear curve that never goes flat.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QGridLayout, QHBoxLayout, QLabel, QListWidget,
                               QListWidgetItem, QSizePolicy, QSlider, QVBoxLayout, QWidget)

from playground.core.nets import activations as acts
from playground.ui.i18n import current_language, tr
from playground.ui.theme import Theme
from playground.ui.widgets.plots import ThemedPlot

__all__ = ["ActivationExplorer", "saturated_runs", "activation_pen", "activation_color"]

POINTS = 801
DEFAULT_THRESHOLD = 0.05  # playground.labs.activations.gradient_flow.SATURATION_THRESHOLD (not imported: it loads torch)
SHADE = (213, 94, 0, 45)  # a light vermillion wash: "no gradient here"


# One look per activation in every plot of the lab: the lecture's seven get distinct solid colours
# (Okabe-Ito, no yellow: it vanishes on a white projector screen); the others reuse them dashed.
_LOOKS = {
    "sigmoid": ("#0072B2", False), "tanh": ("#E69F00", False), "relu": ("#009E73", False),
    "leaky_relu": ("#CC79A7", False), "prelu": ("#56B4E9", False), "elu": ("#D55E00", False),
    "maxout": ("#666666", False), "linear": ("#999999", True), "step": ("#0072B2", True),
    "gelu": ("#009E73", True), "silu": ("#CC79A7", True), "softplus": ("#E69F00", True),
}


def activation_pen(name: str, width: float):
    color, dashed = _LOOKS.get(name, ("#666666", True))
    return pg.mkPen(color, width=width, style=Qt.DashLine if dashed else Qt.SolidLine)


def activation_color(name: str) -> str:
    return _LOOKS.get(name, ("#666666", True))[0]


def saturated_runs(x: np.ndarray, mask: np.ndarray) -> list[tuple[float, float]]:
    """The [start, end] x-intervals where mask is True, as contiguous runs."""
    runs = []
    if not len(x):
        return runs
    m = np.concatenate([[False], mask.astype(bool), [False]])
    edges = np.flatnonzero(np.diff(m.astype(np.int8)))
    for start, stop in zip(edges[::2], edges[1::2]):
        runs.append((float(x[start]), float(x[stop - 1])))
    return runs


class _Slider(QWidget):
    """A labelled slider over a float range, with its value shown."""

    value_changed = Signal(float)

    def __init__(self, label: str, lo: float, hi: float, value: float, step: float, fmt: str = "{:g}"):
        super().__init__()
        self.lo, self.step, self.fmt = lo, step, fmt
        self.slider = QSlider(Qt.Horizontal)
        self.slider.setRange(0, int(round((hi - lo) / step)))
        self.slider.setValue(int(round((value - lo) / step)))
        self.name = QLabel(label)
        self.shown = QLabel(fmt.format(value))
        self.shown.setMinimumWidth(44)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.name)
        row.addWidget(self.slider, 1)
        row.addWidget(self.shown)
        self.slider.valueChanged.connect(self._on_moved)

    def value(self) -> float:
        return self.lo + self.slider.value() * self.step

    def set_value(self, v: float) -> None:
        self.slider.setValue(int(round((v - self.lo) / self.step)))

    def _on_moved(self, _i: int) -> None:
        self.shown.setText(self.fmt.format(self.value()))
        self.value_changed.emit(self.value())


class ActivationExplorer(QWidget):
    redrawn = Signal()  # after every redraw (tests wait on it)

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.language = current_language()  # the notes' language: the window's, unless the user picks

        self.list = QListWidget()
        self.list.setObjectName("explorer_list")
        for name in acts.names():
            a = acts.get(name)
            label = a.shown("label")
            item = QListWidgetItem(label if a.in_lecture else tr("{label}  (beyond the lecture)", label=label))
            item.setData(Qt.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setCheckState(Qt.Checked if name in ("sigmoid", "tanh", "relu") else Qt.Unchecked)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.list.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Expanding)
        self.list.setToolTip(tr("Tick the activations to plot; the highlighted one gets the shading, the "
                                "formula and the pros and cons."))

        self.slope = _Slider(tr("Leaky slope a"), 0.0, 1.0, 0.01, 0.01)
        self.alpha = _Slider(tr("ELU α"), 0.05, 3.0, 1.0, 0.05)
        self.pieces = _Slider(tr("Maxout pieces k"), 1, 6, 2, 1, "{:.0f}")
        self.range = _Slider(tr("x range ±"), 1.0, 20.0, 6.0, 0.5)
        self.threshold = _Slider(tr("saturated if |f′| <"), 0.005, 0.25, DEFAULT_THRESHOLD, 0.005, "{:.3f}")
        self.log_d = QCheckBox(tr("log scale for |f′|"))
        self.log_d.setToolTip(tr("Shows how fast the derivative dies in the tails (sigmoid: like e^−|x|)."))
        self.lang = QComboBox()
        self.lang.addItem("English", "en")
        self.lang.addItem("Français", "fr")
        self.lang.setCurrentIndex(self.lang.findData(self.language))
        self.lang.setToolTip(tr("The language of the formula panel: its words, the pros and cons, the "
                                "lecture's advice."))

        self.f_plot = ThemedPlot("f(x)", "x", "f(x)")
        self.d_plot = ThemedPlot("f′(x)", "x", "f′(x)")
        for p in (self.f_plot, self.d_plot):
            p.item.addLegend(offset=(10, 10))
            p.item.showGrid(x=True, y=True, alpha=0.25)
            p.item.getViewBox().setMouseEnabled(False, False)
        self.d_plot.item.setXLink(self.f_plot.item)
        self.f_curves: dict[str, pg.PlotDataItem] = {}
        self.d_curves: dict[str, pg.PlotDataItem] = {}
        self.piece_lines: list[pg.PlotDataItem] = []
        self.shades: list[tuple[ThemedPlot, pg.LinearRegionItem]] = []
        self.saturated: list[tuple[float, float]] = []

        self.formula = QLabel()
        self.formula.setObjectName("explorer_formula")
        self.formula.setTextFormat(Qt.RichText)
        self.formula.setWordWrap(True)
        self.formula.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.formula.setTextInteractionFlags(Qt.TextSelectableByMouse)

        controls = QVBoxLayout()
        controls.addWidget(QLabel(tr("<b>Activations</b>")))
        controls.addWidget(self.list, 1)
        for w in (self.slope, self.alpha, self.pieces, self.range, self.threshold, self.log_d):
            controls.addWidget(w)
        lang_row = QHBoxLayout()
        lang_row.addWidget(QLabel(tr("Notes in")))
        lang_row.addWidget(self.lang, 1)
        controls.addLayout(lang_row)
        side = QWidget()
        side.setLayout(controls)
        side.setMaximumWidth(330)

        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.addWidget(side, 0, 0, 2, 1)
        grid.addWidget(self.f_plot, 0, 1)
        grid.addWidget(self.d_plot, 1, 1)
        grid.addWidget(self.formula, 0, 2, 2, 1)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)

        self.list.itemChanged.connect(lambda _i: self.redraw())
        self.list.currentItemChanged.connect(lambda *_: self.redraw())
        for s in (self.slope, self.alpha, self.pieces, self.range, self.threshold):
            s.value_changed.connect(lambda _v: self.redraw())
        self.log_d.toggled.connect(lambda _on: self.redraw())
        self.lang.currentIndexChanged.connect(self._on_language_changed)
        self.apply_theme(theme)

    # --- state --------------------------------------------------------------------------------------------
    def checked(self) -> list[str]:
        return [self.list.item(i).data(Qt.UserRole) for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.Checked]

    def current(self) -> str:
        item = self.list.currentItem()
        return item.data(Qt.UserRole) if item is not None else "sigmoid"

    def set_checked(self, names: list[str], current: str | None = None) -> None:
        self.list.blockSignals(True)
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setCheckState(Qt.Checked if item.data(Qt.UserRole) in names else Qt.Unchecked)
            if item.data(Qt.UserRole) == current:
                self.list.setCurrentItem(item)
        self.list.blockSignals(False)
        self.redraw()

    def params_of(self, name: str) -> dict:
        if name == "leaky_relu":
            return {"slope": self.slope.value()}
        if name == "elu":
            return {"alpha": self.alpha.value()}
        if name == "maxout":
            return {"pieces": int(round(self.pieces.value()))}
        return {}

    def _on_language_changed(self, _i: int) -> None:
        self.language = self.lang.currentData()
        self.redraw()

    # --- drawing ----------------------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        for p in (self.f_plot, self.d_plot):
            for side in ("left", "bottom"):
                p.item.getAxis(side).enableAutoSIPrefix(False)
            p.apply_theme(theme)
        self.redraw()

    def redraw(self) -> None:
        theme = self.theme
        r = self.range.value()
        x = np.linspace(-r, r, POINTS)
        shown = self.checked()
        current = self.current()
        log_d = self.log_d.isChecked()
        self.d_plot.item.setLogMode(y=log_d)
        for store, plot in ((self.f_curves, self.f_plot), (self.d_curves, self.d_plot)):
            for name in list(store):
                if name not in shown:
                    plot.item.removeItem(store.pop(name))
                    plot.item.legend.removeItem(acts.get(name).shown("label"))
        for name in shown:
            a = acts.get(name)
            params = self.params_of(name)
            f = a.forward(x, **params)
            d = a.derivative(x, **params)
            if log_d:
                d = np.abs(d)
                d = np.where(d > 0, d, np.nan)  # log of 0: a gap, the derivative is exactly zero there
            width = theme.line_width * (1.6 if name == current else 1.0)
            pen = activation_pen(name, width)
            for store, plot, y in ((self.f_curves, self.f_plot, f), (self.d_curves, self.d_plot, d)):
                if name not in store:
                    store[name] = plot.item.plot([], [], name=a.shown("label"))
                store[name].setData(x, y, pen=pen, connect="finite")
        self._draw_pieces(x, "maxout" in shown)
        self._draw_shading(x, current)
        self.f_plot.item.setXRange(-r, r, padding=0.02)
        self.f_plot.item.enableAutoRange(axis="y")
        self.d_plot.item.enableAutoRange(axis="y")
        self._show_text(current)
        self.redrawn.emit()

    def _draw_pieces(self, x: np.ndarray, on: bool) -> None:
        for line in self.piece_lines:
            self.f_plot.item.removeItem(line)
        self.piece_lines = []
        if not on:
            return
        w, b = acts.maxout_pieces(int(round(self.pieces.value())))
        pen = pg.mkPen(activation_color("maxout"), width=max(1.0, self.theme.scale), style=Qt.DashLine)
        r = x[-1]
        for wi, bi in zip(w, b):
            y = wi * x + bi
            keep = np.abs(y) <= 1.5 * r  # a steep piece would stretch the y range for nothing
            line = pg.PlotDataItem(x[keep], y[keep], pen=pen)
            self.f_plot.item.addItem(line)
            self.piece_lines.append(line)

    def _draw_shading(self, x: np.ndarray, name: str) -> None:
        for plot, region in self.shades:
            plot.item.removeItem(region)
        self.shades = []
        d = np.abs(acts.get(name).derivative(x, **self.params_of(name)))
        self.saturated = saturated_runs(x, d < self.threshold.value())
        for lo, hi in self.saturated:
            for plot in (self.f_plot, self.d_plot):
                region = pg.LinearRegionItem((lo, hi), movable=False, brush=pg.mkBrush(*SHADE),
                                             pen=pg.mkPen(None))
                region.setZValue(-20)
                plot.item.addItem(region)
                self.shades.append((plot, region))

    def _show_text(self, name: str) -> None:
        a = acts.get(name)
        lang = self.language
        pros = "".join(f"<li>{p}</li>" for p in a.pros.get(lang, []))
        cons = "".join(f"<li>{c}</li>" for c in a.cons.get(lang, []))
        words = {"en": ("Advantages", "Drawbacks", "Derivative", "Saturated (|f′| &lt; {t:g}) on {where}.",
                        "The lecture gives this one's formula only: these notes are the usual textbook ones.",
                        "Not in the lecture.", "The lecture's advice", "Never saturated here: |f′| ≥ {t:g} on the whole range."),
                 "fr": ("Avantages", "Inconvénients", "Dérivée", "Saturée (|f′| &lt; {t:g}) sur {where}.",
                        "Le cours ne donne que la formule : ces notes sont les remarques usuelles.",
                        "Hors du cours.", "Le conseil du cours", "Jamais saturée ici : |f′| ≥ {t:g} sur tout l'intervalle.")}[lang]
        colon = " :" if lang == "fr" else ":"  # French puts a space before the colon
        t = self.threshold.value()
        where = ", ".join(f"[{lo:.1f}, {hi:.1f}]" for lo, hi in self.saturated)
        saturation = words[3].format(t=t, where=where) if where else words[7].format(t=t)
        note = ""
        if not a.in_lecture:
            note = f"<p><i>{words[5]}</i></p>"
        elif not a.notes_from_lecture:
            note = f"<p><i>{words[4]}</i></p>"
        advice = "".join(f"<li>{t}</li>" for t in acts.LECTURE_ADVICE[lang])
        big = f"font-size:{self.theme.font_pt * 1.35:.0f}pt"
        self.formula.setText(
            "<div>"
            f"<h3>{a.shown('label', lang)}</h3><div style='{big}'>{a.shown('formula_html', lang)}</div>"
            f"<p>{words[2]}{colon}</p><div style='{big}'>{a.shown('derivative_html', lang)}</div>"
            f"<p>{saturation}</p>"
            f"<p><b>{words[0]}</b></p><ul>{pros}</ul><p><b>{words[1]}</b></p><ul>{cons}</ul>{note}"
            f"<hr><p><b>{words[6]}</b></p><ul>{advice}</ul></div>")

    def figures(self) -> dict:
        return {"explorer_f": self.f_plot, "explorer_df": self.d_plot}
