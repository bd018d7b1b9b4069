"""The pooling stepper: max or average pooling of the convolution stepper's input (its shown channel),
stepped with the same transport, and the shift experiment: the input moved by one pixel, and how much
the convolution's output and the pooled output change, measured."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from playground.labs.conv.conv_math import ConvError, pool2d, pool_output_size, shift_experiment
from playground.labs.conv.text import TEXT
from playground.labs.conv.view_grid import Grid, GridCanvas, format_value, value_colors
from playground.labs.conv.view_stepper import WINDOW, ConvStepper, Transport, spin
from playground.ui.i18n import tr
from playground.ui.theme import Theme

__all__ = ["PoolStepper"]


class PoolStepper(QWidget, Transport):
    """Max or average pooling of the stepper's input, stepped the same way, and the shift experiment."""

    def __init__(self, stepper: ConvStepper, theme: Theme, parent=None):
        super().__init__(parent)
        self._setup_transport()
        self.stepper = stepper
        self.theme = theme
        self.hover: tuple[int, int] | None = None
        self.kind = QComboBox()
        self.kind.addItem(tr("max pooling"), "max")
        self.kind.addItem(tr("average pooling"), "avg")
        self.ksize = spin(1, 8, 2)
        self.stride = spin(1, 8, 2)
        self.kind.setFocusPolicy(Qt.ClickFocus)
        for name, w in (("kind", self.kind), ("kernel", self.ksize), ("stride", self.stride)):
            w.setObjectName(f"pool_{name}")
        row = QHBoxLayout()
        for label, w in ((tr("Pooling"), self.kind), (tr("Window"), self.ksize), (tr("Stride"), self.stride)):
            row.addWidget(QLabel(label))
            row.addWidget(w)
        row.addStretch(1)
        self.canvas = GridCanvas("")
        self.canvas.setMinimumSize(420, 220)
        self.shift_canvas = GridCanvas("")
        self.shift_canvas.setMinimumSize(420, 160)
        self.info = QLabel("")
        self.info.setObjectName("pool_info")
        self.info.setWordWrap(True)
        self.info.setTextFormat(Qt.RichText)
        self.shift_info = QLabel("")
        self.shift_info.setObjectName("pool_shift")
        self.shift_info.setWordWrap(True)
        self.shift_info.setTextFormat(Qt.RichText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(row)
        layout.addWidget(self.canvas, 3)
        layout.addWidget(self.info)
        layout.addWidget(QLabel(f"<b>{TEXT['shift_title']}</b>"))
        layout.addWidget(self.shift_canvas, 2)
        layout.addWidget(self.shift_info)
        for w in (self.ksize, self.stride):
            w.valueChanged.connect(lambda _v: self.recompute())
        self.kind.currentIndexChanged.connect(lambda _i: self.recompute())
        self.canvas.cell_hovered.connect(self._on_hover)
        stepper.changed.connect(self.recompute)
        self.pooled: np.ndarray | None = None
        self.error = ""
        self.recompute()

    def source(self) -> np.ndarray:
        ch = max(0, self.stepper.channel.currentIndex())
        return self.stepper.x[ch]

    def recompute(self) -> None:
        x = self.source()
        k, s = self.ksize.value(), self.stride.value()
        try:
            self.pooled = pool2d(x, k, s, self.kind.currentData())
            self.error = ""
        except ConvError as exc:
            self.pooled, self.error = None, str(exc)
        if self.pos is not None and self.pos >= self.count():
            self.pos = None
        self.redraw()

    def count(self) -> int:
        return 0 if self.pooled is None else int(self.pooled.size)

    def current_cell(self):
        if self.pooled is None:
            return None
        if self.hover is not None:
            return self.hover
        return None if self.pos is None else divmod(self.pos, self.pooled.shape[1])

    def redraw(self) -> None:
        x = self.source()
        n = x.shape[0]
        inp = Grid("input", TEXT["input"], x)
        grids = [inp]
        k, s = self.ksize.value(), self.stride.value()
        kind = self.kind.currentData()
        if self.pooled is not None:
            o = self.pooled.shape[0]
            colors = value_colors(self.pooled, self.theme)
            shown = self.pooled.copy()
            if self.pos is not None and self.hover is None:
                later = np.arange(self.pooled.size).reshape(self.pooled.shape) > self.pos
                colors[later] = value_colors(np.zeros((1, 1)), self.theme)[0, 0]
                shown = np.where(later, np.nan, shown)
            out = Grid("output", TEXT["pooled"], shown, n + 3, 0, colors=colors, note=f"{o} × {o}")
            grids.append(out)
            cell = self.current_cell()
            if cell is not None:
                r, c = cell
                inp.highlight.append((r * s, c * s, r * s + k - 1, c * s + k - 1, WINDOW, 2.5))
                out.highlight.append((r, c, r, c, WINDOW, 3.0))
                win = x[r * s:r * s + k, c * s:c * s + k]
                vals = (", ".join(format_value(v) for v in win.ravel()) if win.size <= 36
                        else tr("{n} values", n=win.size))
                what = "max" if kind == "max" else tr("mean")
                self.info.setText(tr("pooled[{r}, {c}] = {what}({values}) = <b>{result}</b>", r=r, c=c, what=what,
                                     values=vals, result=format_value(float(self.pooled[r, c]))))
            else:
                self.info.setText(tr("o = ⌊(i − k) / s⌋ + 1 = ⌊({n} − {k}) / {s}⌋ + 1 = {o}. Hover a pooled cell, "
                                     "or Step (→).", n=n, k=k, s=s, o=pool_output_size(n, k, s)))
        else:
            self.info.setText(TEXT["cannot"].format(why=self.error))
        self.canvas.set_grids(grids, self.theme, "" if self.pooled is not None else TEXT["cannot_short"])
        self._draw_shift(x, k, s, kind)

    def _draw_shift(self, x, k, s, kind) -> None:
        w = self.stepper.w[max(0, self.stepper.channel.currentIndex())]
        try:
            e = shift_experiment(x, w, kind, k, s)
        except ConvError as exc:
            self.shift_canvas.set_grids([], self.theme, TEXT["cannot"].format(why=tr("the shift experiment: {error}",
                                                                                            error=exc)))
            self.shift_info.setText(tr("The shift experiment needs the stepper's kernel (no padding) to fit the input "
                                       "and the pooling window to fit its output."))
            self.last_shift = None
            return
        self.last_shift = e
        y0 = e["conv"]
        o, q = y0.shape[0], e["pooled"].shape[0]
        scale = max(float(np.max(np.abs(y0))), 1e-12)
        # Each pair drawn at the size of the convolution's output, with room for its label.
        gap = max(o + 2, 9)
        cell = o / max(q, 1)
        g = [Grid("conv", tr("convolution"), y0, 0, 0, colors=value_colors(y0, self.theme, scale)),
             Grid("conv_shifted", tr("shifted by 1 px"), e["conv_shifted"], gap, 0,
                  colors=value_colors(e["conv_shifted"], self.theme, scale)),
             Grid("pool", tr("pooled"), e["pooled"], 2 * gap + 1, 0,
                  colors=value_colors(e["pooled"], self.theme, scale), cell=cell),
             Grid("pool_shifted", tr("pooled, shifted"), e["pooled_shifted"], 3 * gap + 1, 0,
                  colors=value_colors(e["pooled_shifted"], self.theme, scale), cell=cell)]
        self.shift_canvas.set_grids(g, self.theme)
        self.shift_info.setText(TEXT["shift_line"].format(conv=e["conv_change"], conv_cells=e["conv_cells_changed"],
                                                          pool=e["pool_change"], pool_cells=e["pool_cells_changed"],
                                                          kind=tr("avg") if kind == "avg" else kind))

    def _on_hover(self, name: str, r: int, c: int) -> None:
        new = (r, c) if name == "output" else None
        if new != self.hover:
            self.hover = new
            self.redraw()

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.canvas.apply_theme(theme)
        self.shift_canvas.apply_theme(theme)
        self.redraw()
