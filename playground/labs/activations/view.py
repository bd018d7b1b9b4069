"""The activation functions lab view: explorer, gradient flow, race and cost, one tab each.

The explorer is drawn in the window from the registry (cheap numpy). The other three draw the
worker's snapshots: gradient-norm bars per layer on a log scale (sigmoid's shrink layer after layer,
ReLU with He init stays flat) with the dead and saturated fractions; the race's loss curves with the
target line and the epoch each racer reached it; and the cost table the worker measures on request.
Choosing the Gradient flow or Race tab selects that experiment (a new run); presets set the classic
comparisons in one click.
"""
from __future__ import annotations

import math
from collections.abc import Generator

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QHeaderView, QLabel, QPushButton, QTableWidget,
                               QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from playground.core.nets import activations as acts
from playground.core.train.params import by_name
from playground.ui.i18n import QT_TR_NOOP, add_tab, current_language, tr
from playground.ui.theme import Theme
from playground.ui.widgets.log_bars import LogBarChart
from playground.ui.widgets.plots import CurveChart, ThemedPlot
from playground.labs.activations.view_explorer import ActivationExplorer, activation_color, activation_pen
from playground.ui.lab_view import LabView

__all__ = ["ActivationsLab"]

TAB_EXPLORER, TAB_FLOW, TAB_RACE, TAB_COST = range(4)
EXPERIMENT_OF_TAB = {TAB_FLOW: "gradient-flow", TAB_RACE: "race"}
DEAD = "#D55E00"
SATURATED = "#CC79A7"

FLOW_PRESETS = (
    (QT_TR_NOOP("Vanishing: sigmoid · 20 layers · uniform"), {"activation": "sigmoid", "depth": 20, "init": "uniform"}),
    (QT_TR_NOOP("Sigmoid · 20 layers · Xavier"), {"activation": "sigmoid", "depth": 20, "init": "xavier"}),
    (QT_TR_NOOP("Flat: ReLU · 20 layers · He"), {"activation": "relu", "depth": 20, "init": "he"}),
    (QT_TR_NOOP("ReLU · 20 layers · uniform"), {"activation": "relu", "depth": 20, "init": "uniform"}),
)
RACE_PRESETS = (
    (QT_TR_NOOP("ReLU vs tanh"), {"activations": ["relu", "tanh"]}),
    (QT_TR_NOOP("Sigmoid vs ReLU"), {"activations": ["relu", "sigmoid"]}),
    (QT_TR_NOOP("ReLU, Leaky, ELU, tanh"), {"activations": ["relu", "tanh", "leaky_relu", "elu"]}),
)
# The initialisations as the figure titles and notes name them ("xavier init"); French writes the
# proper names with capitals.
INIT_NAMES = {"uniform": QT_TR_NOOP("uniform"), "xavier": QT_TR_NOOP("xavier"), "he": QT_TR_NOOP("he")}


def _init_name(init: str) -> str:
    return tr(INIT_NAMES[init]) if init in INIT_NAMES else init


def _label(name: str) -> str:
    """An activation's name as shown, in the window's language."""
    return acts.get(name).shown("label") if name in acts.ACTIVATIONS else name


def _thousands(n: int) -> str:
    """1,000,000 in English, 1 000 000 (narrow spaces) in French."""
    text = f"{n:,}"
    return text.replace(",", "\u202f") if current_language() == "fr" else text


def _preset_tip(values: dict) -> str:
    """What a preset sets, in the control panel's own words: "Hidden layers = 20, ..."."""
    from playground.labs.activations.core import PARAMS

    spec = by_name(PARAMS)
    parts = []
    for k, v in values.items():
        p = spec[k]
        shown = ", ".join(tr(p.label_of(x)) for x in v) if isinstance(v, list) else tr(p.label_of(v))
        parts.append(f"{tr(p.label)} = {shown}")
    return ", ".join(parts)


def _preset_row(presets, slot) -> QGridLayout:
    """The preset buttons, two to a row: four long labels side by side would force the lab wider
    than a 1280-px projector in presentation mode."""
    row = QGridLayout()
    for i, (text, values) in enumerate(presets):
        b = QPushButton(tr(text))
        b.setToolTip(_preset_tip(values))
        b.clicked.connect(lambda _=False, v=values: slot(v))
        row.addWidget(b, i // 2, i % 2)
    row.setColumnStretch(2, 1)
    return row


class ActivationsLab(LabView):
    lesson_html = QT_TR_NOOP(
        "<p><b>Explorer:</b> tick activations to compare f and f′. The shaded bands are where the "
        "highlighted one saturates: there |f′| is tiny and almost no gradient flows back.</p>"
        "<p><b>Gradient flow:</b> each bar is one layer's gradient, input side on the left, on a log "
        "scale. Try <i>Vanishing</i>: sigmoid's f′ is at most ¼, so every layer shrinks the gradient "
        "and the first layers of a 20-layer net get almost nothing. Then <i>Flat</i>: ReLU with He "
        "initialisation keeps it level. Press Play to watch it while training.</p>"
        "<p><b>Race:</b> identical networks (same seed, same weights, same batches) that differ only "
        "in the activation. The lecture says ReLU converges 5 to 10 times faster than sigmoid or tanh; "
        "the race shows what this setting gives.</p>"
        "<p><b>Cost:</b> press Measure to time a million evaluations of each activation here.</p>")

    def build_content(self) -> Generator[None, None, QWidget]:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("activations_tabs")
        self.explorer = ActivationExplorer(self.theme)
        add_tab(self.tabs, self.explorer, QT_TR_NOOP("Explorer"))
        yield  # (a piece per turn of the event loop: see LabView.build_content)
        add_tab(self.tabs, (yield from self._build_flow()), QT_TR_NOOP("Gradient flow"))
        yield
        add_tab(self.tabs, self._build_race(), QT_TR_NOOP("Race"))
        add_tab(self.tabs, self._build_cost(), QT_TR_NOOP("Cost"))
        yield
        self._syncing = False
        self.tabs.setCurrentIndex(TAB_FLOW if self._params["experiment"] == "gradient-flow" else TAB_RACE)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._race_names: list[str] = []
        self._race_lines: list = []
        self._cost_stamp = None
        self.apply_theme(self.theme)
        return self.tabs

    # --- gradient flow -------------------------------------------------------------------------------------
    def _build_flow(self) -> Generator[None, None, QWidget]:
        w = QWidget()
        grid = QGridLayout(w)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.addLayout(_preset_row(FLOW_PRESETS, self._apply_preset), 0, 0, 1, 3)
        self.grad_plot = ThemedPlot(tr("Gradient norm per layer (dashed: at initialisation)"),
                                    tr("layer (input side → output side)"), "‖∂L/∂W‖")
        self.grad_bars = LogBarChart(self.grad_plot.item, color="#0072B2")
        self.dead_plot = ThemedPlot(tr("Dead units and saturated activations per layer"), tr("layer"), tr("fraction"))
        self.dead_plot.item.addLegend(offset=(-10, 10))
        self.dead_bars = pg.BarGraphItem(x=[], height=[], width=0.6, name=tr("dead units (f′ = 0 on every point)"))
        self.dead_plot.item.addItem(self.dead_bars)
        self.sat_curve = self.dead_plot.item.plot([], [], name=tr("saturated (|f′| &lt; 0.05)"), symbol="o")
        self.dead_plot.item.setYRange(0, 1.05, padding=0)
        yield
        self.history_plot = ThemedPlot(tr("Gradient norm over training (log₁₀)"), tr("epoch"), tr("layer"))
        self.history_image = pg.ImageItem()
        self.history_plot.item.addItem(self.history_image)
        self.history_bar = pg.ColorBarItem(values=(-6, 0), colorMap=pg.colormap.get("viridis"),
                                           interactive=False, width=14)
        self.history_bar.setImageItem(self.history_image, insert_in=self.history_plot.item)
        self.flow_loss_plot = ThemedPlot(tr("Training loss"), tr("epoch"), tr("loss"))
        self.flow_loss = CurveChart(self.flow_loss_plot.item)  # linear: a stuck 0.69 has no log ticks
        self.loss_name = tr("loss")  # the legend's word is the curve's key in CurveChart
        self.flow_loss.add(self.loss_name, "#CC79A7")
        self.flow_note = QLabel("")
        self.flow_note.setWordWrap(True)
        self.flow_note.setTextFormat(Qt.RichText)
        self.flow_note.setObjectName("flow_note")
        grid.addWidget(self.grad_plot, 1, 0, 1, 3)
        grid.addWidget(self.dead_plot, 2, 0)
        grid.addWidget(self.history_plot, 2, 1)
        grid.addWidget(self.flow_loss_plot, 2, 2)
        grid.addWidget(self.flow_note, 3, 0, 1, 3)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 2)
        return w

    def _show_flow(self, s: dict) -> None:
        g = np.asarray(s["grad_norms"], float)
        self.grad_bars.set(g, s["grad_norms_init"])
        n = len(g)
        xs = np.arange(1, n + 1, dtype=float)
        self.dead_bars.setOpts(x=xs, height=np.asarray(s["dead_fraction"], float), width=0.6)
        self.sat_curve.setData(xs, np.asarray(s["saturated_fraction"], float))
        self.dead_plot.item.setXRange(0.4, n + 0.6, padding=0)
        every = 1 if n <= 15 else 5  # one tick per layer: "layer 2.5" means nothing
        ticks = [[(i, str(i)) for i in range(1, n + 1) if i == 1 or i % every == 0]]
        for plot in (self.grad_plot, self.dead_plot):
            plot.item.getAxis("bottom").setTicks(ticks)
        self.history_plot.item.getAxis("left").setTicks(ticks)
        self.flow_loss.set(self.loss_name, s["histories"][s["activation"]])
        self._show_history(np.asarray(s["grad_norm_history"], float), int(s["epoch"]), n)
        label = _label(s["activation"])
        init = _init_name(s["params"]["init"])
        # the exported figure must say what it shows without the panel beside it
        self.grad_plot.set_title(tr("Gradient norm per layer: {activation}, {n} layers, {init} init, epoch "
                                    "{epoch} (dashed: at initialisation)", activation=label, n=n, init=init,
                                    epoch=s["epoch"]), self.theme)
        if not (np.isfinite(g[0]) and np.isfinite(g[-1])):  # inf / inf is no ratio: say what happened
            ratio_text = tr("a gradient <b>overflows</b> (too large to count): the training has diverged.")
        elif g[-1] > 0 and g[0] > 0:
            ratio = g[0] / g[-1]
            orders = math.log10(ratio)
            if orders <= -3:
                verdict = tr("the gradient <b>vanishes</b>: {orders} orders of magnitude lost",
                             orders=f"{-orders:.0f}")
            elif orders <= -1:
                verdict = tr("the gradient <b>shrinks</b> toward the input: {orders} orders of magnitude lost",
                             orders=f"{-orders:.1f}")
            elif orders >= 1:
                verdict = tr("the gradient <b>grows</b> toward the input: {orders} orders of magnitude gained",
                             orders=f"{orders:.1f}")
            else:
                verdict = tr("the gradient stays <b>level</b> (within a factor of 10)")
            ratio_text = tr("first layer / last layer = {ratio}: {verdict} across {n} layers.",
                            ratio=f"{ratio:.1e}", verdict=verdict, n=n)
        elif g[0] == 0:
            ratio_text = tr("the first layer gets <b>no gradient at all</b> (a dead layer blocks it).")
        else:
            ratio_text = ""
        dead = np.asarray(s["dead_fraction"], float)
        dead_text = (" " + tr("Dead units: up to {fraction} of a layer.", fraction=f"{dead.max():.0%}")
                     if dead.max() > 0 else "")
        # the lecture's "not zero-centred": the mean output of the hidden units
        mean_text = " " + tr("Mean unit output {mean}.", mean=f"{float(np.mean(s['act_mean'])):+.2f}")
        slopes = s.get("prelu_slopes", {}).get("prelu")
        slope_text = (" " + tr("Learned PReLU slopes: {slopes} (started at 0.25).",
                               slopes=", ".join(f"{a:.3f}" for a in slopes[:6]) + ("…" if len(slopes) > 6 else ""))
                      if slopes else "")
        self.flow_note.setText(tr("<b>{activation}</b>, {init} init, epoch {epoch}: {verdict}", activation=label,
                                  init=init, epoch=s["epoch"], verdict=ratio_text) + dead_text + mean_text
                               + slope_text)

    def _show_history(self, hist: np.ndarray, epoch: int, depth: int) -> None:
        """Rows of per-layer gradient norms, one per epoch (the last ones), as a layer x epoch image."""
        if hist.size == 0:
            self.history_image.clear()
            return
        with np.errstate(divide="ignore", invalid="ignore"):
            logs = np.log10(np.where(hist > 0, hist, np.nan))
        finite = logs[np.isfinite(logs)]
        lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (-1.0, 0.0)
        logs = np.where(np.isfinite(logs), logs, lo)  # a zero gradient shows as the darkest colour
        first = epoch - len(hist) + 1
        self.history_image.setImage(logs.T, autoLevels=False)  # (layers, epochs): rows are layers
        self.history_image.setRect(pg.QtCore.QRectF(first - 0.5, 0.5, len(hist), depth))
        self.history_bar.setLevels((lo, max(hi, lo + 1e-6)))
        self.history_plot.item.setRange(xRange=(first - 0.5, epoch + 0.5), yRange=(0.5, depth + 0.5), padding=0)

    # --- race ---------------------------------------------------------------------------------------------
    def _build_race(self) -> QWidget:
        w = QWidget()
        box = QVBoxLayout(w)
        box.setContentsMargins(4, 4, 4, 4)
        box.addLayout(_preset_row(RACE_PRESETS, self._apply_preset))
        self.race_plot = ThemedPlot(tr("Race: training loss per epoch (log scale)"), tr("epoch"), tr("loss"))
        self.race_plot.item.addLegend(offset=(-10, 10))
        self.race_plot.item.showGrid(x=True, y=True, alpha=0.25)
        self.race_plot.item.setLogMode(y=True)
        self.race_curves: dict[str, pg.PlotDataItem] = {}
        self.target_line = pg.InfiniteLine(angle=0, movable=False, label=tr("target {value}"),
                                           labelOpts={"position": 0.95})
        self.race_plot.item.addItem(self.target_line)
        self.race_summary = QLabel("")
        self.race_summary.setObjectName("race_summary")
        self.race_summary.setWordWrap(True)
        self.race_summary.setTextFormat(Qt.RichText)
        box.addWidget(self.race_plot, 1)
        box.addWidget(self.race_summary)
        return w

    def _show_race(self, s: dict) -> None:
        names = list(s["names"])
        item = self.race_plot.item
        if names != self._race_names:
            for curve in self.race_curves.values():
                item.removeItem(curve)
            item.legend.clear()
            self.race_curves = {n: item.plot([], [], name=_label(n), skipFiniteCheck=True)
                                for n in names}
            self._race_names = names
            self._style_race()
        for line in self._race_lines:
            item.removeItem(line)
        self._race_lines = []
        for n in names:
            h = np.asarray(s["histories"][n], float)
            h = np.where(h > 0, h, np.nan)
            self.race_curves[n].setData(np.arange(1, len(h) + 1, dtype=float), h, connect="finite")
            e = s["epochs_to_target"].get(n)
            if e is not None:
                line = pg.InfiniteLine(pos=e, angle=90, movable=False,
                                       pen=pg.mkPen(activation_color(n), width=self.theme.line_width * 0.75,
                                                    style=Qt.DashLine),
                                       label=f"{_label(n)}: {e}",
                                       labelOpts={"position": 0.06, "color": activation_color(n), "anchors": [(0, 1), (0, 1)]})
                item.addItem(line)
                self._race_lines.append(line)
        longest = max((len(s["histories"][n]) for n in names), default=0)
        # room on the right so the last marker's label stays inside the plot
        item.setXRange(0, max(10.0, longest * 1.1), padding=0)
        target = float(s["target_loss"])
        self.target_line.setPos(math.log10(target))
        self.target_line.label.setFormat(tr("target {value}", value=f"{target:g}"))
        summary = s.get("summary") or ""
        if s.get("speedup"):
            summary += " " + tr("<b>Speed-up {speedup}x</b> (the lecture says ReLU is about 5 to 10 "
                                "times faster than sigmoid or tanh).", speedup=f"{s['speedup']:.1f}")
        self.race_summary.setText(tr("Epoch {epoch}. {summary}", epoch=s["epoch"], summary=summary))

    def _style_race(self) -> None:
        for n, curve in self.race_curves.items():
            curve.setPen(activation_pen(n, self.theme.line_width))
        self.target_line.setPen(pg.mkPen(self.theme.foreground, width=self.theme.line_width * 0.6,
                                         style=Qt.DotLine))
        self.target_line.label.setColor(self.theme.foreground)

    # --- cost ---------------------------------------------------------------------------------------------
    def _build_cost(self) -> QWidget:
        w = QWidget()
        box = QVBoxLayout(w)
        box.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.measure_button = QPushButton(tr("Measure"))
        self.measure_button.setObjectName("measure_cost")
        self.measure_button.setToolTip(tr("Time one million evaluations of each activation in the training "
                                          "worker, on the current device (a few seconds; training pauses)."))
        self.measure_button.clicked.connect(self._on_measure_clicked)
        self.cost_status = QLabel(tr("Not measured yet: press Measure."))
        self.cost_status.setWordWrap(True)
        row.addWidget(self.measure_button)
        row.addWidget(self.cost_status, 1)
        box.addLayout(row)
        self.cost_table = QTableWidget(0, 5)
        self.cost_table.setObjectName("cost_table")
        self.cost_table.setHorizontalHeaderLabels(
            [tr("Activation", "cost table column"), tr("Forward (ms / million)"), tr("Forward + backward"), tr("numpy forward"),
             tr("× ReLU")])
        self.cost_table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.cost_table.verticalHeader().setVisible(False)
        self.cost_table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.cost_plot = ThemedPlot(tr("Forward time per million evaluations"), "", tr("ms (log scale)"))
        self.cost_bars = LogBarChart(self.cost_plot.item, color="#009E73", show_values=False)
        box.addWidget(self.cost_table, 3)
        box.addWidget(self.cost_plot, 2)
        return w

    def _on_measure_clicked(self) -> None:
        if self.controller is None:
            self.cost_status.setText(tr("No training worker here (headless): use the window."))
            return
        self.cost_status.setText(tr("Measuring in the training worker…"))
        self.measure_button.setEnabled(False)
        self.controller.custom("measure_cost")

    def _show_cost(self, cost: dict) -> None:
        stamp = cost.get("measured_at", id(cost))
        if stamp == self._cost_stamp:
            return
        self._cost_stamp = stamp
        rows = cost["rows"]
        self.cost_table.setRowCount(len(rows))

        def cell(v, fmt="{:.2f}"):
            item = QTableWidgetItem("–" if v is None else fmt.format(v))
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
            return item

        for i, r in enumerate(rows):
            self.cost_table.setItem(i, 0, QTableWidgetItem(self._cost_label(r)))
            self.cost_table.setItem(i, 1, cell(r["forward_ms"]))
            self.cost_table.setItem(i, 2, cell(r["backward_ms"]))
            self.cost_table.setItem(i, 3, cell(r["numpy_ms"]))
            self.cost_table.setItem(i, 4, cell(r["relative"], "{:.1f}"))
        fwd = np.array([r["forward_ms"] for r in rows], float)
        self.cost_bars.set(fwd)
        short = lambda label: label.replace(" (Heaviside)", "").replace(" / Swish", "")  # noqa: E731
        ticks = [[(i + 1, short(self._cost_label(r))) for i, r in enumerate(rows)]]
        self.cost_plot.item.getAxis("bottom").setTicks(ticks)
        slowest = max(rows, key=lambda r: r["forward_ms"])
        sigmoid = next((r["relative"] for r in rows if r["name"] == "sigmoid"), None) or float("nan")
        self.cost_status.setText(tr(
            "Measured on <b>{device}</b> ({threads} torch thread(s)), {n} float32 values, best of {repeats}. "
            "Sigmoid: {sigmoid}x ReLU's time; slowest forward: {slowest} ({relative}x). "
            "Linear costs nothing: torch returns its input.", device=cost["device"],
            threads=cost.get("threads", "?"), n=_thousands(cost["n"]), repeats=cost.get("repeats", "?"),
            sigmoid=f"{sigmoid:.1f}", slowest=self._cost_label(slowest), relative=f"{slowest['relative']:.1f}"))
        self.cost_status.setTextFormat(Qt.RichText)
        self.measure_button.setEnabled(True)

    @staticmethod
    def _cost_label(row: dict) -> str:
        # the worker's label is English; the registry has the one in the window's language
        return row["label"] if current_language() == "en" else _label(row["name"])

    # --- tabs, presets and parameters ---------------------------------------------------------------------
    def _apply_preset(self, values: dict) -> None:
        tab = TAB_RACE if "activations" in values else TAB_FLOW
        values = {**values, "experiment": EXPERIMENT_OF_TAB[tab]}
        changed = {k: v for k, v in values.items() if self._params.get(k) != v}
        self._syncing = True
        self.tabs.setCurrentIndex(tab)
        self._syncing = False
        if changed:
            self.panel.set_values(changed)
            self._on_params_changed(changed)

    def _on_tab_changed(self, index: int) -> None:
        if self._syncing or index not in EXPERIMENT_OF_TAB:
            return
        experiment = EXPERIMENT_OF_TAB[index]
        if self._params.get("experiment") != experiment:
            self.panel.set_values({"experiment": experiment})
            self._on_params_changed({"experiment": experiment})

    def _on_params_changed(self, values: dict) -> None:
        super()._on_params_changed(values)
        if "experiment" in values:
            tab = TAB_FLOW if values["experiment"] == "gradient-flow" else TAB_RACE
            if self.tabs.currentIndex() != tab:
                self._syncing = True
                self.tabs.setCurrentIndex(tab)
                self._syncing = False

    def set_params(self, values: dict) -> None:
        super().set_params(values)
        if "experiment" in values:
            self._syncing = True
            self.tabs.setCurrentIndex(TAB_FLOW if values["experiment"] == "gradient-flow" else TAB_RACE)
            self._syncing = False

    # --- the LabView contract -----------------------------------------------------------------------------
    def show_snapshot(self, s: dict) -> None:
        if "state" not in s and not s.get("playing") and self.controller is not None:
            # A large network sends its weights only now and then; once paused, ask for them so that
            # Save writes the weights of the epoch shown.
            self.controller.custom("send_state")
        if s.get("experiment") == "gradient-flow":
            self._show_flow(s)
        elif s.get("experiment") == "race":
            self._show_race(s)
        if s.get("cost"):
            self._show_cost(s["cost"])
        loss = s.get("loss")
        if s.get("experiment") == "gradient-flow":
            what = tr("Gradient flow: {activation}", activation=_label(s["activation"]))
        else:
            what = tr("Race: {racers}", racers=tr(" vs ", "racers").join(_label(n) for n in s.get("names", [])))
        from playground.ui.main_window import engine_text  # here: main_window imports the lab views

        epoch, engine = s.get("epoch", 0), engine_text(s.get("engine", ""))
        if isinstance(loss, float) and math.isfinite(loss):
            self.readout.setText(tr("<p><b>Epoch {epoch}</b>, loss {loss}</p><p>{what}</p><p>{engine}</p>",
                                    epoch=epoch, loss=f"{loss:.4f}", what=what, engine=engine))
        else:
            self.readout.setText(tr("<p><b>Epoch {epoch}</b></p><p>{what}</p><p>{engine}</p>", epoch=epoch,
                                    what=what, engine=engine))

    def figures(self) -> dict:
        flow = {"gradient_flow": self.grad_plot, "dead_units": self.dead_plot,
                "gradient_history": self.history_plot, "flow_loss": self.flow_loss_plot}
        race = {"race": self.race_plot}
        rest = {**self.explorer.figures(), "cost": self.cost_plot}
        # The main figure (`playground run --export` writes it) is the one of the experiment shown.
        experiment = (self.last_snapshot or {}).get("experiment", self._params.get("experiment"))
        first, second = (race, flow) if experiment == "race" else (flow, race)
        return {**first, **second, **rest}

    def on_reset(self) -> None:
        self.flow_loss.clear()
        self.history_image.clear()
        for curve in self.race_curves.values():
            curve.setData([], [])

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        if not hasattr(self, "tabs"):
            return
        for p in (self.grad_plot, self.dead_plot, self.history_plot, self.flow_loss_plot, self.race_plot,
                  self.cost_plot):
            for side in ("left", "bottom"):
                p.item.getAxis(side).enableAutoSIPrefix(False)  # "loss (x0.001)" reads as a wrong unit
            p.apply_theme(theme)
        self.explorer.apply_theme(theme)
        self.grad_bars.apply_theme(theme)
        self.cost_bars.apply_theme(theme)
        self.dead_bars.setOpts(brush=pg.mkBrush(DEAD), pen=pg.mkPen(theme.foreground, width=1))
        self.sat_curve.setPen(pg.mkPen(SATURATED, width=theme.line_width))
        self.sat_curve.setSymbolBrush(pg.mkBrush(SATURATED))
        self.sat_curve.setSymbolSize(7 * theme.scale)
        self.flow_loss.apply_theme(theme)
        self._style_race()
        if self.last_snapshot is not None:
            self._cost_stamp = None
            self.show_snapshot(self.last_snapshot)
