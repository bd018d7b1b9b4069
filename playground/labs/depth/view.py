"""The depth lab's view: the sawtooth, the exact deep construction block by block, trained deep and
shallow nets with their knees, pieces against weights on log axes, and the risk on the 2^k points.

Thin on purpose: the worker's session computes every number (pieces, knees, risks, curves); this
module only draws them, and its words come from lesson.py, in the window's language (TEXT["fr"] in
French, TEXT["en"] otherwise; the window rebuilds the view when the language changes). Above the
plots, a preset menu sets a deep narrow and a shallow wide net with equal parameter budgets in one click.
"""
from __future__ import annotations

import time
from collections.abc import Generator

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QGraphicsItem, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from playground.labs.depth.lesson import TEXT
from playground.labs.depth.sawtooth import MAX_K
from playground.core.i18n import grouped
from playground.ui.i18n import current_language, tr
from playground.ui.lab_view import LabView
from playground.ui.theme import Theme
from playground.ui.widgets.plots import CurveChart, ThemedPlot

__all__ = ["DepthLab"]

COLORS = {"deep": "#0072B2", "shallow": "#E69F00", "exact": "#009E73", "recurrent": "#CC79A7"}
BAR_ORDER = ("exact", "recurrent", "deep", "shallow")
READOUT_INTERVAL_S = 0.125
SMOOTH_K = 8  # up to 2^8 teeth the cached zigzags are antialiased; beyond, the cost is not worth it
MAX_BOUND_WIDTH = 4096  # how far the shallow-bound lines extend (in width m)


def _n_weights(width: np.ndarray, layers: int) -> np.ndarray:
    """Weights of a 1-input, 1-output net with `layers` hidden layers of `width` units."""
    return 3 * width + 1 + (layers - 1) * (width * width + width)


def _log_range(series: list) -> tuple[float, float] | None:
    """A log10 y range for positive data, in whole decades. (CurveChart's own log range reads the
    raw values as if they were log10 values, so this lab sets its log axes itself.)"""
    data = np.concatenate([np.asarray(v, dtype=float) for v in series]) if series else np.zeros(0)
    data = data[np.isfinite(data) & (data > 0)]
    if not len(data):
        return None
    lo, hi = np.floor(np.log10(data.min())), np.ceil(np.log10(data.max()))
    return float(lo), float(max(hi, lo + 1))


def _bound_label_pos(layers: int, log_pieces: float = 3.75) -> tuple[float, float]:
    """Where the bound line for `layers` layers reaches 10^log_pieces pieces, in log10 units."""
    m = 10 ** (log_pieces / layers) / 2
    return float(np.log10(_n_weights(np.array(m), layers))) + 0.05, log_pieces


def _decade_ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """Labels at whole decades only (pyqtgraph also labels 2, 3, ..., 9 on a short log axis)."""
    out = []
    for d in range(int(lo), int(hi) + 1):
        out.append((float(d), f"{10.0 ** d:g}" if -3 <= d <= 4 else f"1e{d}"))
    return out


def texts() -> dict[str, str]:
    """The lab's sentences in the window's language (English for a language lesson.py lacks)."""
    return TEXT.get(current_language(), TEXT["en"])


class DepthLab(LabView):
    lesson_html = TEXT["en"]["lesson_html"]

    def lesson_text(self) -> str:
        return texts()["lesson_html"]

    def build_content(self) -> Generator[None, None, QWidget]:
        self.T = texts()
        w = QWidget()
        outer = QVBoxLayout(w)
        outer.setContentsMargins(4, 4, 4, 4)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.T["presets"]))
        self.presets = QComboBox()
        self.presets.setObjectName("depth_presets")
        for label, _arch in self.core.PRESETS:
            self.presets.addItem(tr(label))  # the core marks its labels N_(); French in the lab's fr.json
        self.presets.addItem(self.T["custom_preset"])
        self.presets.setMinimumContentsLength(20)
        self.presets.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.presets.activated.connect(self._on_preset_chosen)
        bar.addWidget(self.presets, 1)
        outer.addLayout(bar)
        grid = QGridLayout()
        outer.addLayout(grid, 1)

        yield  # (a piece per turn of the event loop: see LabView.build_content)
        self.target_plot = ThemedPlot(self.T["fig_target"], self.T["axis_x"], self.T["axis_y"])
        self.blocks_plot = ThemedPlot(self.T["fig_blocks"], self.T["axis_x"], self.T["axis_block"])
        yield
        self.landscape_plot = ThemedPlot(self.T["fig_landscape"], self.T["axis_weights"], self.T["axis_pieces"])
        self.risk_plot = ThemedPlot(self.T["fig_risk"], self.T["axis_risk"], "")
        yield
        self.loss_plot = ThemedPlot(self.T["fig_loss"], self.T["axis_epoch"], self.T["axis_loss"])
        self.pieces_plot = ThemedPlot(self.T["fig_pieces"], self.T["axis_epoch"], self.T["axis_pieces"])
        yield
        grid.addWidget(self.target_plot, 0, 0, 1, 2)
        grid.addWidget(self.blocks_plot, 0, 2, 1, 2)
        for i, p in enumerate((self.landscape_plot, self.risk_plot, self.loss_plot, self.pieces_plot)):
            grid.addWidget(p, 1, i)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        for p in self.figures().values():
            p.item.getViewBox().setMouseEnabled(False, False)
            for axis in ("left", "bottom"):
                p.item.getAxis(axis).enableAutoSIPrefix(False)

        # Target and trained nets: fixed axes, the unit square and a margin.
        t = self.target_plot.item
        t.addLegend(offset=(-6, 4), colCount=2)  # two rows above the teeth, not over them
        t.setRange(xRange=(0, 1), yRange=(-0.2, 1.55), padding=0.02)
        t.getAxis("left").setTicks([[(v, f"{v:g}") for v in (0, 0.5, 1)], [(0.25, ""), (0.75, "")]])
        # The target and the construction change only with k, but at k = 12 a zigzag of 4,096 teeth
        # costs Qt hundreds of milliseconds to stroke: each is drawn once into a cached image, and
        # the trained curves moving in front of it no longer repaint it.
        self.target_curve = t.plot([], [], name=self.T["target"], antialias=False, skipFiniteCheck=True)
        self.samples = t.plot([], [], pen=None, symbol="o", name=self.T["samples"])
        self.samples_one = t.plot([], [], pen=None, symbol="o")  # class 1, its own brush: no per-point brushes
        self.net_curves, self.net_knees = {}, {}
        for name in ("deep", "shallow"):
            self.net_curves[name] = t.plot([], [], name=self.T[name], skipFiniteCheck=True)
            self.net_knees[name] = t.plot([], [], pen=None, symbol="o")

        b = self.blocks_plot.item
        b.setRange(xRange=(0, 1), yRange=(-0.1, 4), padding=0.02)
        self.block_curves = [b.plot([], [], skipFiniteCheck=True, antialias=False) for _ in range(MAX_K)]
        self.block_caption = pg.TextItem(self.T["block_weights"], anchor=(0, 0))  # the block's own weights
        b.addItem(self.block_caption)
        for item in [self.target_curve, self.samples, self.samples_one, *self.block_curves]:
            for part in (item.curve, item.scatter):
                part.setCacheMode(QGraphicsItem.DeviceCoordinateCache)

        yield
        # Pieces against weights: everything as PlotDataItems, which follow the log mode.
        lp = self.landscape_plot.item
        lp.setLogMode(x=True, y=True)
        lp.showGrid(x=True, y=True, alpha=0.2)
        self.bound_lines = [lp.plot([], [], name=self.T["bound_l"].format(l=l)) for l in (1, 2, 3)]
        self.construction_line = lp.plot([], [], symbol="o", name=self.T["construction_line"])
        self.recurrent_line = lp.plot([], [], symbol="s", name=self.T["recurrent_line"])
        self.target_line = lp.plot([], [], name=self.T["target_line"])
        self.marks = {name: lp.plot([], [], pen=None, symbol=sym, name=self.T[name])
                      for name, sym in (("exact", "star"), ("recurrent", "star"), ("deep", "d"), ("shallow", "t"))}
        # Labels at the lines instead of a legend, which would cover this small plot; positions in
        # log10 units, as the view box holds them in log mode.
        self.line_labels = {}
        for key, text, pos, anchor in (
                *[(f"l{l}", f"l = {l}", _bound_label_pos(l, 3.2 + 0.6 * (l - 2)), (0, 0.5)) for l in (1, 2, 3)],
                ("construction", self.T["construction_short"], (0.95, 3.3), (0, 0.5)),
                ("recurrent", self.T["recurrent_short_line"], (0.87, 3.85), (0, 0.5)),
                ("target", "2^k", (4.1, 0.0), (1, 1))):
            label = pg.TextItem(text, anchor=anchor)
            label.setPos(*pos)
            lp.addItem(label)
            self.line_labels[key] = label
        lp.setRange(xRange=(0.6, 4.3), yRange=(0, 4.0), padding=0.02)

        # Horizontal bars: the names read along the left axis, however narrow the plot.
        rp = self.risk_plot.item
        rp.setRange(xRange=(0, 0.6), yRange=(-0.6, 3.6), padding=0)
        rp.invertY(True)  # exact at the top, as in the read-out
        rp.getAxis("left").setTicks([[(i, self.T[n + "_short"]) for i, n in enumerate(BAR_ORDER)]])
        self.bars = pg.BarGraphItem(x0=np.zeros(4), y=np.arange(4), width=np.zeros(4), height=0.6)
        rp.addItem(self.bars)
        self.risk_points = rp.plot([], [], pen=None, symbol="o", name="risk")
        self.floor_points = rp.plot([], [], pen=None, symbol="|", name=self.T["floor"])
        self.sixth = pg.InfiniteLine(pos=1 / 6, angle=90, label=self.T["theorem_sixth"],
                                     labelOpts={"position": 0.04, "anchors": [(0, 0), (0, 0)]})
        rp.addItem(self.sixth)
        # The deep side of the theorem: min over N(relu, 2, 2k) is 0, reached by exact and RNN.
        self.zero_label = pg.TextItem(self.T["theorem_zero"], anchor=(0, 0.5))
        self.zero_label.setPos(0.18, 0.5)  # right of the 1/6 line, between the exact and RNN bars
        rp.addItem(self.zero_label)

        yield
        self.loss_chart = CurveChart(self.loss_plot.item, log_y=True)
        self.pieces_chart = CurveChart(self.pieces_plot.item, log_y=True)
        for chart in (self.loss_chart, self.pieces_chart):
            chart.add(self.T["deep"], COLORS["deep"])
            chart.add(self.T["shallow"], COLORS["shallow"])
            chart.plot.legend.hide()  # the colours are the target plot's legend; no room here
        self._drawn_k = None
        self._marks_key = self._risk_key = None
        self._readout_at = -1e9
        yield
        self.apply_theme(self.theme)
        return w

    def figures(self) -> dict:
        return {"target": self.target_plot, "blocks": self.blocks_plot, "landscape": self.landscape_plot,
                "risk": self.risk_plot, "loss": self.loss_plot, "pieces": self.pieces_plot}

    # --- presets ----------------------------------------------------------------------------------
    def _on_preset_chosen(self, index: int) -> None:
        if index >= len(self.core.PRESETS):
            return  # "custom": the controls are the user's
        values = self.core.preset_values(index, self._params["k"])
        self.panel.set_values(values)
        self._on_params_changed(values)

    def _sync_preset(self, params: dict) -> None:
        arch = {key: params.get(key) for key in ("deep_width", "deep_layers", "shallow_width", "shallow_layers")}
        index = len(self.core.PRESETS)
        for i in range(len(self.core.PRESETS)):
            if self.core.preset_values(i, params.get("k", 4)) == arch:
                index = i
                break
        if self.presets.currentIndex() != index:
            was = self.presets.blockSignals(True)
            self.presets.setCurrentIndex(index)
            self.presets.blockSignals(was)

    # --- theme ------------------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        for p in self.figures().values():
            p.apply_theme(theme)
        lw = theme.line_width
        fg = theme.foreground
        grey = "#9a9a9a" if not theme.dark else "#8a8a8a"
        self.target_curve.setPen(pg.mkPen(grey, width=lw * 2.2))
        self.samples.setSymbolBrush(pg.mkBrush(theme.class_color(0)))
        self.samples_one.setSymbolBrush(pg.mkBrush(theme.class_color(1)))
        for name in ("deep", "shallow"):
            self.net_curves[name].setPen(pg.mkPen(COLORS[name], width=lw))
            self.net_knees[name].setSymbolBrush(pg.mkBrush(COLORS[name]))
            self.net_knees[name].setSymbolPen(pg.mkPen(fg, width=max(1.0, theme.scale * 0.6)))
            self.net_knees[name].setSymbolSize(theme.point_size * 0.7)
        for i, curve in enumerate(self.block_curves):
            curve.setPen(pg.mkPen(COLORS["exact"], width=max(1.0, lw * 0.7)))
        for key, label in self.line_labels.items():
            label.setColor({"construction": COLORS["exact"], "recurrent": COLORS["recurrent"],
                            "target": fg}.get(key, COLORS["shallow"]))
            f = label.textItem.font()
            f.setPointSizeF(theme.font_pt * 0.85)
            label.setFont(f)
        for l, line in enumerate(self.bound_lines, start=1):
            line.setPen(pg.mkPen(COLORS["shallow"], width=lw * 0.8, style=(Qt.DashLine, Qt.DashDotLine, Qt.DotLine)[l - 1]))
        self.construction_line.setPen(pg.mkPen(COLORS["exact"], width=lw))
        self.construction_line.setSymbolBrush(pg.mkBrush(COLORS["exact"]))
        self.construction_line.setSymbolSize(theme.point_size * 0.6)
        self.recurrent_line.setPen(pg.mkPen(COLORS["recurrent"], width=lw))
        self.recurrent_line.setSymbolBrush(pg.mkBrush(COLORS["recurrent"]))
        self.recurrent_line.setSymbolSize(theme.point_size * 0.6)
        self.target_line.setPen(pg.mkPen(grey, width=lw, style=Qt.DashLine))
        for name, mark in self.marks.items():
            mark.setSymbolBrush(pg.mkBrush(COLORS[name]))
            mark.setSymbolPen(pg.mkPen(fg, width=max(1.0, theme.scale)))
            mark.setSymbolSize(theme.point_size * 2.0)
        self.bars.setOpts(brushes=[pg.mkBrush(COLORS[n]) for n in BAR_ORDER], pen=pg.mkPen(fg, width=1))
        self.risk_points.setSymbolBrush(pg.mkBrush(fg))
        self.risk_points.setSymbolSize(theme.point_size * 0.6)
        self.floor_points.setSymbolPen(pg.mkPen(fg, width=lw * 1.5))
        self.floor_points.setSymbolBrush(pg.mkBrush(fg))
        self.floor_points.setSymbolSize(theme.point_size * 3.0)
        self.sixth.setPen(pg.mkPen(fg, width=lw * 0.8, style=Qt.DashLine))
        self.sixth.label.setColor(fg)
        font = self.sixth.label.textItem.font()
        font.setPointSizeF(theme.font_pt * 0.85)
        self.sixth.label.setFont(font)
        self.zero_label.setColor(COLORS["exact"])
        self.zero_label.setFont(font)
        self.block_caption.setColor(fg)
        f = self.block_caption.textItem.font()
        f.setPointSizeF(theme.font_pt * 0.85)
        self.block_caption.setFont(f)
        for chart in (self.loss_chart, self.pieces_chart):
            chart.apply_theme(theme)
        self._drawn_k = self._marks_key = self._risk_key = None
        if self.last_snapshot is not None:
            self.show_snapshot(self.last_snapshot)

    def on_reset(self) -> None:
        for chart in (self.loss_chart, self.pieces_chart):
            chart.clear()

    # --- drawing ----------------------------------------------------------------------------------
    def show_snapshot(self, s: dict) -> None:
        self._sync_preset(s.get("params", {}))
        if self._drawn_k != (s["k"], s["task"]):  # what depends on k alone: drawn once per k
            self._drawn_k = (s["k"], s["task"])
            self._draw_target(s)
            self._draw_blocks(s)
            self._draw_references(s)
        nets = s["nets"]
        for name, net in nets.items():
            self.net_curves[name].setData(net["curve_x"], net["curve_y"])
            self.net_knees[name].setData(net["knees_x"], net["knees_y"])
            self.loss_chart.set(self.T[name], net["history_loss"], net["history_epoch"])
            self.pieces_chart.set(self.T[name], net["history_pieces"], net["history_epoch"])
        for chart, key in ((self.loss_chart, "history_loss"), (self.pieces_chart, "history_pieces")):
            view = _log_range([net[key] for net in nets.values()])
            if view is not None and view != chart.fixed_y:
                chart.fixed_y = view
                chart.plot.setYRange(*view, padding=0.03)
                chart.plot.getAxis("left").setTicks([_decade_ticks(*view), []])
        self._draw_marks(s)
        self._draw_risk(s)
        # Re-laying out the rich-text read-out costs a few ms: while playing, 8 times a second is
        # enough to read it; a paused or stepped frame always updates it.
        now = time.monotonic()
        if not s.get("playing") or now - self._readout_at >= READOUT_INTERVAL_S:
            self._readout_at = now
            self._readout(s)

    def _draw_target(self, s: dict) -> None:
        self.target_curve.opts["antialias"] = s["k"] <= SMOOTH_K
        self.target_curve.setData(s["target_x"], s["target_y"])
        x, y = np.asarray(s["sample_x"]), np.asarray(s["sample_y"])
        size = self.theme.point_size * (0.8 if len(y) <= 64 else 0.45)
        for item, label in ((self.samples, 0), (self.samples_one, 1)):
            item.setData(x[y == label], y[y == label])
            item.setSymbolSize(size)
        # A thick pen over thousands of teeth is a grey band anyway, and slow: thinner when dense.
        grey = "#9a9a9a" if not self.theme.dark else "#8a8a8a"
        width = self.theme.line_width * (2.2 if s["k"] <= 6 else 1.0 if s["k"] <= 9 else 0.5)
        self.target_curve.setPen(pg.mkPen(grey, width=width))

    def _draw_blocks(self, s: dict) -> None:
        k = s["k"]
        ticks = []
        for j, curve in enumerate(self.block_curves):
            if j < k:
                values = np.asarray(s["blocks"][j], dtype=float)
                xs = np.linspace(0.0, 1.0, len(values))
                curve.opts["antialias"] = j + 1 <= SMOOTH_K  # the item's own option, passed on by setData
                curve.setData(xs, j + 0.8 * values)  # block j+1 in the band [j, j + 0.8]
                step = max(1, k // 6)
                if (j + 1) % step == 0 or j == 0 or j == k - 1:
                    ticks.append((j + 0.4, self.T["block_label"].format(j=j + 1, p=grouped(2 ** (j + 1)))))
            else:
                curve.setData([], [])
        self.blocks_plot.item.getAxis("left").setTicks([ticks, []])
        top = k + 0.45 + 0.1 * k  # room above the last block for the two-line caption
        self.blocks_plot.item.setRange(xRange=(0, 1), yRange=(-0.1, top), padding=0.02)
        self.block_caption.setPos(0.0, top)

    def _draw_references(self, s: dict) -> None:
        js = np.arange(1, MAX_K + 1)
        self.construction_line.setData(6 * js + 1, 2.0 ** js)
        self.recurrent_line.setData(np.full(MAX_K, 7.0), 2.0 ** js)
        widths = np.unique(np.round(np.geomspace(1, MAX_BOUND_WIDTH, 200)))
        for l, line in enumerate(self.bound_lines, start=1):
            line.setData(_n_weights(widths, l), (2.0 * widths) ** l)
        self.target_line.setData([1.0, 1e6], [2.0 ** s["k"]] * 2)
        self.line_labels["target"].setPos(4.25, s["k"] * np.log10(2.0))
        self.line_labels["target"].setText(f"2^{s['k']} = {grouped(2 ** s['k'])}")

    def _draw_marks(self, s: dict) -> None:
        # Redrawn only when a count moves: an unchanged plot is not repainted at all.
        key = tuple((m["params"], m["pieces"]) for m in (s["exact"], s["recurrent"], *s["nets"].values()))
        if key == self._marks_key:
            return
        self._marks_key = key
        for name in ("exact", "recurrent"):
            m = s[name]
            self.marks[name].setData([m["params"]], [max(1, m["pieces"])])
        for name, net in s["nets"].items():
            self.marks[name].setData([net["params"]], [max(1, net["pieces"])])

    def _draw_risk(self, s: dict) -> None:
        rows = [s["exact"], s["recurrent"], s["nets"]["deep"], s["nets"]["shallow"]]
        risks = np.array([r["risk"] for r in rows], dtype=float)
        floors = np.array([r["risk_lower_bound"] for r in rows], dtype=float)
        key = (tuple(risks), tuple(floors))
        if key == self._risk_key:
            return
        self._risk_key = key
        x = np.arange(4, dtype=float)
        self.bars.setOpts(x0=np.zeros(4), y=x, width=risks, height=0.6)
        self.risk_points.setData(risks, x)
        self.floor_points.setData(floors, x)

    def _readout(self, s: dict) -> None:
        rows, notes, errors = [], [], []
        entries = [("exact", s["exact"]), ("recurrent", s["recurrent"])] + list(s["nets"].items())
        for name, m in entries:
            rows.append(self.T["row"].format(label=self.T[name + "_short"], params=grouped(m["params"]),
                                        pieces=grouped(m["pieces"]) + ("+" if m.get("pieces_is_lower_bound") else ""),
                                        risk=f"{m['risk']:.2f}"))
            mse = m.get("mse")
            errors.append(self.T["mse_item"].format(label=self.T[name + "_short"], mse="–" if mse is None else f"{mse:.2g}"))
            if name in s["nets"]:
                if m["pieces"] == 1 and s["epoch"] > 0:
                    notes.append(self.T["dead_note"].format(label=self.T[name]))
                elif m["risk_lower_bound"] > 0:
                    notes.append(self.T["floor_note"].format(label=self.T[name], p=m["pieces"], floor=m["risk_lower_bound"]))
        rate = s.get("epochs_per_s") or 0.0
        speed = self.T["speed"].format(rate=grouped(rate)) if rate else self.T["paused"]
        self.readout.setText(self.T["readout"].format(epoch=s["epoch"], engine=s.get("engine", ""), speed=speed,
                                                 k=s["k"], target=grouped(2 ** s["k"]), n=grouped(s["n"]),
                                                 rows="".join(rows), mse=", ".join(errors), note="".join(notes)))

