"""The unroll stepper: the cell folded with its self-loop beside the same cell unrolled over T steps,
the hidden state's heat map (units × time) filling in step by step, the computation of the stepped
step with its numbers, and sliders for every weight of a 1- or 2-unit cell.

Everything here is numpy on the GUI thread (playground.labs.rnn.cells): a 50-step unroll of a small
cell takes well under a millisecond. Clicking a box of the diagram or a column of the heat map jumps
to that step; the window's transport (Play, Step, Back, Reset) drives the rest through the lab view.
"""
from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtWidgets import (QGridLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSlider,
                               QSplitter, QVBoxLayout, QWidget)

from playground.labs.rnn.cells import unroll
from playground.labs.rnn.lesson import text
from playground.ui.i18n import tr
from playground.ui.theme import Theme
from playground.ui.widgets.plots import ThemedPlot, diverging_lut

__all__ = ["UnrollPanel", "detail_html", "MAX_SLIDERS"]

CURRENT = "#D55E00"
BOX = 0.6  # a cell's width and height in data units
MAX_SLIDERS = 48
SLIDER_RANGE = 3.0  # weights from -3 to 3 in steps of 0.01
_NAMES = {"weight_ih_l0": "W_x", "weight_hh_l0": "W_h", "bias_ih_l0": "b_ih", "bias_hh_l0": "b_hh",
          "head.weight": "W_y", "head.bias": "b_y"}


def _vec(v, limit: int = 8, per_line: int = 4) -> str:
    """A vector's first entries, four to a line, so the panel stays narrow."""
    a = np.atleast_1d(np.asarray(v, float))
    items = [f"{x:+.3f}" for x in a[:limit]] + (["…"] if a.size > limit else [])
    lines = [", ".join(items[i:i + per_line]) for i in range(0, len(items), per_line)]
    return "[" + ",<br>&nbsp;".join(lines) + "]"


def detail_html(cell: str, t: int, d: dict, rollout: int = 1, x_label: str = "") -> str:
    """The computation of h_t with its numbers, as rich text (t is 1-based); x_label says what the
    input means (a character, a symbol to remember) when its vector alone would not."""
    p = t - 1
    x_text = _vec(d["x"]) if np.size(d["x"]) <= 9 else ""
    if x_label:
        x_text = f"{html.escape(x_label)}<br>{x_text}" if x_text else html.escape(x_label)
    rows = [("x<sub>%d</sub>" % t, x_text), ("h<sub>%d</sub>" % p, _vec(d["h_prev"]))]
    if cell in ("vanilla", "relu", "residual", "rollout"):
        act = "tanh" if cell != "relu" else "ReLU"
        rows += [("W<sub>x</sub>·x<sub>%d</sub>" % t, _vec(d["wx"])),
                 ("W<sub>h</sub>·h<sub>%d</sub>" % p, _vec(d["wh"])), ("b", _vec(d["b"])),
                 (tr("pre-activation"), _vec(d["pre"]))]
        if cell in ("vanilla", "relu"):
            eq = f"h<sub>{t}</sub> = {act}(W<sub>h</sub>h<sub>{p}</sub> + W<sub>x</sub>x<sub>{t}</sub> + b)"
            rows.append((f"{act}(…)", _vec(d["h"])))
        else:
            eq = f"h<sub>{t}</sub> = h<sub>{p}</sub> + tanh(W<sub>h</sub>h<sub>{p}</sub> + W<sub>x</sub>x<sub>{t}</sub> + b)"
            if cell == "rollout":
                eq = (f"z<sub>0</sub> = h<sub>{p}</sub>, z<sub>j</sub> = z<sub>j−1</sub> + tanh(W<sub>h</sub>"
                      f"z<sub>j−1</sub> + W<sub>x</sub>x<sub>{t}</sub> + b), h<sub>{t}</sub> = z<sub>{rollout}</sub>")
                for j, it in enumerate(d["iterations"], 1):
                    rows.append((f"f(z<sub>{j - 1}</sub>)", _vec(it["f"])))
            else:
                rows.append(("f = tanh(…)", _vec(d["f"])))
    elif cell == "lstm":
        eq = (f"c<sub>{t}</sub> = f ⊙ c<sub>{p}</sub> + i ⊙ g,  h<sub>{t}</sub> = o ⊙ tanh(c<sub>{t}</sub>);  "
              + tr("i, f, o = σ(·), g = tanh(·) of W<sub>h</sub>h + W<sub>x</sub>x + b"))
        rows += [("W<sub>x</sub>·x (i f g o)", _vec(d["wx"])), ("W<sub>h</sub>·h (i f g o)", _vec(d["wh"])),
                 (tr("input gate i"), _vec(d["i"])), (tr("forget gate f"), _vec(d["f"])),
                 (tr("candidate g"), _vec(d["g"])), (tr("output gate o"), _vec(d["o"])),
                 ("c<sub>%d</sub>" % p, _vec(d["c_prev"])), ("c<sub>%d</sub>" % t, _vec(d["c"]))]
    else:  # gru
        eq = (f"h<sub>{t}</sub> = (1 − z) ⊙ n + z ⊙ h<sub>{p}</sub>,  n = tanh(W<sub>in</sub>x + b<sub>in</sub> + "
              "r ⊙ (W<sub>hn</sub>h + b<sub>hn</sub>)),  r, z = σ(·)")
        rows += [("W<sub>x</sub>·x (r z n)", _vec(d["wx"])), ("W<sub>h</sub>·h (r z n)", _vec(d["wh"])),
                 (tr("reset gate r"), _vec(d["r"])), (tr("update gate z"), _vec(d["z"])),
                 (tr("candidate n"), _vec(d["n"]))]
    rows += [(f"<b>h<sub>{t}</sub></b>", f"<b>{_vec(d['h'])}</b>"), (f"y<sub>{t}</sub> = W<sub>y</sub>h<sub>{t}</sub> + b<sub>y</sub>", _vec(d["y"]))]
    table = "".join(f"<tr><td>{k}&nbsp;&nbsp;</td><td><tt>{v}</tt></td></tr>" for k, v in rows)
    return tr("<p><b>Step {t}</b>: {equation}</p>", t=t, equation=eq) + f"<table>{table}</table>"


class UnrollPanel(QWidget):
    step_clicked = Signal(int)  # a box or heat-map column was clicked: go to this step (1-based)
    weights_edited = Signal(dict)  # the slider weights, all of them
    seeded_requested = Signal()

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.cell, self.rollout = "vanilla", 1
        self.weights: dict | None = None
        self.xs = np.zeros((1, 1))
        self.run: dict | None = None
        self.x_labels: list[str] = []
        self.t = 0
        self._slider_key = None
        self._sliders: dict[tuple, tuple[QSlider, QLabel]] = {}

        self.diagram = ThemedPlot(text("unroll_title"), "", "")
        item = self.diagram.item
        item.hideAxis("left")
        item.getAxis("bottom").setLabel(tr("time step t"))
        vb = item.getViewBox()
        vb.setMouseEnabled(False, False)
        vb.setMenuEnabled(False)
        self.loop = pg.PlotCurveItem()
        self.links = pg.PlotCurveItem()
        # the cells are bars (rectangles in data units), which export to PNG and SVG as drawn
        self.boxes = pg.BarGraphItem(x=[], height=[], width=BOX)
        self.io_points = pg.ScatterPlotItem(pxMode=True, symbol="o")  # round whatever the aspect
        # the computed steps and the current one are drawn over the chain by items of their own, so
        # a step changes two small point sets instead of restyling every box
        self.done_boxes = pg.BarGraphItem(x=[], height=[], width=BOX)
        self.done_io = pg.ScatterPlotItem(pxMode=True, symbol="o")
        self.current_box = pg.BarGraphItem(x=[], height=[], width=BOX)
        for it in (self.links, self.loop, self.boxes, self.io_points, self.done_io, self.done_boxes, self.current_box):
            item.addItem(it)
        self._labels: dict[tuple, pg.TextItem] = {}
        self._current_labels: list[pg.TextItem] = []
        self._diagram_key = None
        self._lut_theme = None
        self._heat_title = None
        self.folded_label = pg.TextItem("h", anchor=(0.5, 0.5))
        self.equiv = pg.TextItem("≡", anchor=(0.5, 0.5))
        self.loop_label = pg.TextItem("W_h", anchor=(0, 0.5))
        for it in (self.folded_label, self.equiv, self.loop_label):
            item.addItem(it)
        self.diagram.scene().sigMouseClicked.connect(self._on_diagram_clicked)

        self.heat = ThemedPlot(text("heat_title"), tr("time step t"), tr("unit"))
        hv = self.heat.item.getViewBox()
        hv.setMouseEnabled(False, False)
        hv.setMenuEnabled(False)
        self.heat_image = pg.ImageItem()
        self.heat.item.addItem(self.heat_image)
        self.heat_cursor = pg.InfiniteLine(angle=90, movable=False)
        self.heat.item.addItem(self.heat_cursor)
        self.heat.scene().sigMouseClicked.connect(self._on_heat_clicked)
        self.heat.scene().sigMouseMoved.connect(self._on_heat_hovered)

        self.detail = QLabel(text("detail_empty"))
        self.detail.setObjectName("unroll_detail")
        self.detail.setTextFormat(Qt.RichText)
        self.detail.setWordWrap(True)
        self.detail.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.detail.setTextInteractionFlags(Qt.TextSelectableByMouse)

        self.slider_box = QGroupBox(text("sliders_title"))
        self.slider_grid = QGridLayout(self.slider_box)
        self.slider_note = QLabel(text("sliders_none"))
        self.slider_note.setWordWrap(True)
        self.seeded_button = QPushButton(text("seeded_button"))
        self.seeded_button.setObjectName("seeded_weights")
        self.seeded_button.clicked.connect(self.seeded_requested.emit)
        self._edit_timer = QTimer(self)
        self._edit_timer.setSingleShot(True)
        self._edit_timer.setInterval(120)
        self._edit_timer.timeout.connect(lambda: self.weights_edited.emit(self._plain_weights()))

        right = QWidget()
        rbox = QVBoxLayout(right)
        rbox.setContentsMargins(4, 0, 0, 0)
        rbox.addWidget(self.detail)
        rbox.addWidget(self.slider_note)
        rbox.addWidget(self.slider_box)
        rbox.addWidget(self.seeded_button)
        rbox.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(right)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(300)
        self.right_scroll = scroll

        left = QSplitter(Qt.Vertical)
        left.addWidget(self.diagram)
        left.addWidget(self.heat)
        left.setSizes([300, 300])
        top = QSplitter(Qt.Horizontal)
        top.addWidget(left)
        top.addWidget(scroll)
        top.setStretchFactor(0, 3)
        top.setStretchFactor(1, 2)
        top.setSizes([600, 400])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(top)
        self.apply_theme(theme)

    # --- data ------------------------------------------------------------------------------------------
    def set_model(self, cell: str, weights: dict, xs: np.ndarray, rollout: int = 1,
                  x_labels: list[str] | None = None) -> None:
        """A new cell, weights or input sequence: recompute the whole unroll (microseconds)."""
        self.x_labels = x_labels or []
        weights = {k: np.asarray(v, float) for k, v in weights.items() if k != "text"}
        rebuild_sliders = (cell, {k: v.shape for k, v in weights.items()}) != self._slider_key
        self.cell, self.rollout, self.weights, self.xs = cell, int(rollout), weights, np.asarray(xs, float)
        with np.errstate(over="ignore", invalid="ignore"):
            self.run = unroll(cell, weights, self.xs, rollout)
        if rebuild_sliders:
            self._build_sliders()
        else:
            self._sync_sliders()
        self.t = min(self.t, self.length)

    @property
    def length(self) -> int:
        return len(self.xs)

    def set_step(self, t: int) -> None:
        self.t = int(np.clip(t, 0, self.length))
        self._draw()

    # --- drawing ---------------------------------------------------------------------------------------
    def _draw(self) -> None:
        self._draw_diagram()
        self._draw_heat()
        if self.run is None or self.t == 0:
            self.detail.setText(text("detail_empty"))
        else:
            label = self.x_labels[self.t - 1] if self.t - 1 < len(self.x_labels) else ""
            self.detail.setText(detail_html(self.cell, self.t, self.run["steps"][self.t - 1], self.rollout, label))

    def _draw_diagram(self) -> None:
        """The chain's shape is rebuilt only when T or the theme changes; a step only recolours."""
        T, t, th = self.length, self.t, self.theme
        if self._diagram_key != (T, th):
            self._build_diagram()
        xs = np.arange(1, T + 1, dtype=float)
        done = xs[:t]
        self.done_boxes.setOpts(x=done, y0=-BOX / 2, height=np.full(len(done), BOX), width=BOX)
        self.done_io.setData(x=np.r_[done, done], y=np.r_[np.full(len(done), -1.0), np.ones(len(done))])
        self.current_box.setOpts(x=[float(t)] if t else [], y0=-BOX / 2, height=[BOX] if t else [], width=BOX)
        for lab in self._current_labels:
            lab.setColor(th.foreground)
        self._current_labels = []
        for y_key in ("x", "y"):
            lab = self._labels.get((y_key, t))
            if lab is not None:
                lab.setColor(CURRENT)
                self._current_labels.append(lab)

    def _build_diagram(self) -> None:
        T, th = self.length, self.theme
        self._diagram_key = (T, th)
        fg = pg.mkColor(th.foreground)
        xs = np.arange(1, T + 1, dtype=float)
        # the folded cell at x = -2 with its self-loop, then "≡" and the unrolled chain from x = 1
        self.boxes.setOpts(x=np.r_[-2.0, xs], y0=-BOX / 2, height=np.full(T + 1, BOX), width=BOX,
                           brushes=[pg.mkBrush(th.accent)] + [pg.mkBrush(th.background)] * T,
                           pen=pg.mkPen(fg, width=th.scale))
        self.done_boxes.setOpts(brush=pg.mkBrush(th.accent), pen=pg.mkPen(fg, width=th.scale))
        self.current_box.setOpts(brush=pg.mkBrush(th.accent), pen=pg.mkPen(CURRENT, width=3 * th.scale))
        # the self-loop leaves the box on the right and comes back into it: h_{t-1} feeds h_t
        ang = np.linspace(-0.8 * np.pi, 0.8 * np.pi, 60)
        self.loop.setData(-1.55 + 0.4 * np.cos(ang), 0.55 * np.sin(ang))
        self.loop.setPen(pg.mkPen(fg, width=2 * th.scale))
        # links: h_{t-1} -> h_t, x_t -> h_t, h_t -> y_t (NaN breaks the polyline between segments)
        seg_x, seg_y = [], []
        for x in np.r_[-2.0, xs]:
            if x > 1:
                seg_x += [x - 0.7, x - 0.3, np.nan]
                seg_y += [0, 0, np.nan]
            seg_x += [x, x, np.nan, x, x, np.nan]
            seg_y += [-0.85, -0.3, np.nan, 0.3, 0.85, np.nan]
        self.links.setData(np.array(seg_x), np.array(seg_y), connect="finite")
        self.links.setPen(pg.mkPen(fg, width=th.scale))
        size = 10 * th.scale
        self.io_points.setData(x=np.r_[-2.0, -2.0, xs, xs], y=np.r_[-1.0, 1.0, np.full(T, -1.0), np.ones(T)],
                               size=size, brush=[pg.mkBrush("#009E73")] * 2 + [pg.mkBrush(th.background)] * (2 * T),
                               pen=pg.mkPen(fg, width=th.scale))
        self.done_io.setSize(size)
        self.done_io.setBrush(pg.mkBrush("#009E73"))
        self.done_io.setPen(pg.mkPen(fg, width=th.scale))
        for lab in self._labels.values():
            self.diagram.item.removeItem(lab)
        self._labels, self._current_labels = {}, []
        # every step is labelled when there is room, else every 5th or 10th
        every = 1 if T <= 12 else (5 if T <= 30 else 10)
        for x in xs:
            if x == 1 or x % every == 0:
                for y, key in ((-1.45, "x"), (1.45, "y")):
                    lab = pg.TextItem(f"{key}{int(x)}", color=th.foreground, anchor=(0.5, 0.5))
                    f = lab.textItem.font()
                    f.setPointSizeF(th.font_pt * 0.8)
                    lab.setFont(f)
                    lab.setPos(x, y)
                    self.diagram.item.addItem(lab)
                    self._labels[(key, int(x))] = lab
        self.folded_label.setColor(th.background)
        self.equiv.setColor(th.foreground)
        self.folded_label.setPos(-2, 0)
        self.loop_label.setColor(th.foreground)
        self.loop_label.setPos(-1.95, 0.75)
        self.equiv.setPos(-0.45, 0)
        self.diagram.item.setRange(xRange=(-3, T + 1), yRange=(-1.8, 1.8), padding=0)
        ticks = [(float(x), str(int(x))) for x in xs if x == 1 or x % every == 0]
        self.diagram.item.getAxis("bottom").setTicks([ticks])

    def _draw_heat(self) -> None:
        if self.run is None:
            return
        h = self.run["h"]  # (T, H)
        T, H = h.shape
        finite = h[np.isfinite(h)]
        scale = max(1.0, float(np.abs(finite).max())) if finite.size else 1.0
        if self._lut_theme is not self.theme:
            self._lut, self._lut_theme = diverging_lut(self.theme, 256), self.theme
        lut = self._lut
        idx = np.clip(((np.nan_to_num(h.T) / scale) + 1) / 2 * 255, 0, 255).astype(int)  # (H, T)
        rgba = lut[idx].copy()
        rgba[:, self.t:, 3] = 0  # steps not computed yet stay empty
        self.heat_image.setImage(rgba, autoLevels=False)
        self.heat_image.setRect(QRectF(0.5, -0.5, T, H))
        self.heat.item.setRange(xRange=(0.5, T + 0.5), yRange=(-0.5, H - 0.5), padding=0)
        self.heat_cursor.setPos(self.t if self.t else -10)
        if self._heat_title != (scale, self.theme):  # a title is rich text: set it only when it changes
            self._heat_title = (scale, self.theme)
            self.heat.set_title(tr("{title} (colour ±{scale})", title=text("heat_title"), scale=f"{scale:.2g}"),
                                self.theme)
        if H <= 16:
            self.heat.item.getAxis("left").setTicks([[(i, str(i + 1)) for i in range(H)]])
        else:
            self.heat.item.getAxis("left").setTicks(None)

    # --- clicks ----------------------------------------------------------------------------------------
    def _click_step(self, plot: ThemedPlot, ev, y_ok) -> None:
        if ev.button() != Qt.LeftButton:
            return
        vb = plot.item.getViewBox()
        if not vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        p = vb.mapSceneToView(ev.scenePos())
        t = int(round(p.x()))
        if 1 <= t <= self.length and y_ok(p.y()):
            self.step_clicked.emit(t)

    def _on_diagram_clicked(self, ev) -> None:
        self._click_step(self.diagram, ev, lambda y: abs(y) <= 1.6)

    def _on_heat_clicked(self, ev) -> None:
        self._click_step(self.heat, ev, lambda y: True)

    def heat_value_text(self, x: float, y: float) -> str:
        """What the heat map shows at a point (view coordinates): "h_t[unit] = value", or "" there."""
        if self.run is None:
            return ""
        t, unit = int(round(x)), int(round(y))
        h = self.run["h"]
        if not (1 <= t <= min(self.t, len(h)) and 0 <= unit < h.shape[1]):
            return ""
        return f"h_{t}[{unit + 1}] = {h[t - 1, unit]:+.4f}"

    def _on_heat_hovered(self, pos) -> None:
        vb = self.heat.item.getViewBox()
        p = vb.mapSceneToView(pos)
        self.heat.setToolTip(self.heat_value_text(p.x(), p.y()) if vb.sceneBoundingRect().contains(pos) else "")

    def box_point(self, t: int) -> QPointF:
        """Where step t's box is, in diagram view coordinates (for tests)."""
        return QPointF(float(t), 0.0)

    # --- sliders ---------------------------------------------------------------------------------------
    def _slider_entries(self) -> list[tuple[str, tuple]]:
        w = self.weights or {}
        if not w or w["weight_hh_l0"].shape[1] > 2:
            return []
        # every weight of the recurrence; the input and output weights too unless the task's one-hot
        # inputs or classes make them long (a character model's 140 columns)
        names = [k for k in _NAMES if k in w and (k in ("weight_hh_l0", "bias_ih_l0", "bias_hh_l0") or w[k].size <= 16)]
        entries = [(k, idx) for k in names for idx in np.ndindex(*w[k].shape)]
        return entries[:MAX_SLIDERS]

    def _build_sliders(self) -> None:
        while self.slider_grid.count():
            widget = self.slider_grid.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self._sliders = {}
        entries = self._slider_entries()
        w = self.weights or {}
        self._slider_key = (self.cell, {k: v.shape for k, v in w.items()})
        for row, (name, idx) in enumerate(entries):
            label = QLabel(f"{_NAMES[name]}[{','.join(str(i) for i in idx)}]")
            label.setToolTip(tr("{name} (torch's name)", name=f"{name}[{','.join(str(i) for i in idx)}]"))
            slider = QSlider(Qt.Horizontal)
            slider.setObjectName(f"slider:{name}:{','.join(str(i) for i in idx)}")
            slider.setRange(int(-SLIDER_RANGE * 100), int(SLIDER_RANGE * 100))
            slider.setMinimumWidth(120)
            value = QLabel("")
            value.setMinimumWidth(50)
            slider.valueChanged.connect(lambda v, n=name, i=idx, lab=value: self._on_slider(n, i, v, lab))
            self.slider_grid.addWidget(label, row, 0)
            self.slider_grid.addWidget(slider, row, 1)
            self.slider_grid.addWidget(value, row, 2)
            self._sliders[(name, idx)] = (slider, value)
        self.slider_box.setVisible(bool(entries))
        self.slider_note.setVisible(not entries)
        self._sync_sliders()

    def _sync_sliders(self) -> None:
        for (name, idx), (slider, value) in self._sliders.items():
            v = float(self.weights[name][idx])
            slider.blockSignals(True)
            slider.setValue(int(round(np.clip(v, -SLIDER_RANGE, SLIDER_RANGE) * 100)))
            slider.blockSignals(False)
            value.setText(f"{v:+.2f}")

    def _on_slider(self, name: str, idx: tuple, v: int, label: QLabel) -> None:
        self.weights[name][idx] = v / 100.0
        label.setText(f"{v / 100:+.2f}")
        with np.errstate(over="ignore", invalid="ignore"):
            self.run = unroll(self.cell, self.weights, self.xs, self.rollout)
        self._draw()
        self._edit_timer.start()

    def slider(self, name: str, idx: tuple) -> QSlider | None:
        entry = self._sliders.get((name, tuple(idx)))
        return entry[0] if entry else None

    def _plain_weights(self) -> dict:
        return {k: v.tolist() for k, v in (self.weights or {}).items()}

    # --- theme -----------------------------------------------------------------------------------------
    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        for p in (self.diagram, self.heat):
            p.apply_theme(theme)
        self.heat_cursor.setPen(pg.mkPen(CURRENT, width=2 * theme.scale))
        if self.run is not None:
            self._draw()

