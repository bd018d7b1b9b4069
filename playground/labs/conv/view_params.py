"""Parameter counts, MLP against CNN: an image size and channels, a first layer each way, both counts
written out with their formulas and drawn as bars on a log scale (the lecture's "explosion")."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from playground.labs.conv.param_count import PRESETS, compare
from playground.labs.conv.text import TEXT, thousands
from playground.ui.i18n import tr
from playground.ui.theme import Theme
from playground.ui.widgets.plots import ThemedPlot

__all__ = ["ParamCountPanel"]


def _spin(lo: int, hi: int, v: int, name: str) -> QSpinBox:
    s = QSpinBox()
    s.setRange(lo, hi)
    s.setValue(v)
    s.setKeyboardTracking(False)
    s.setGroupSeparatorShown(True)
    s.setLocale(QLocale())  # the window's language now: 1,000 in English, 1 000 in French
    s.setFocusPolicy(Qt.ClickFocus)
    s.setObjectName(f"count_{name}")
    return s


class ParamCountPanel(QWidget):
    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.h = _spin(1, 100000, 28, "height")
        self.w = _spin(1, 100000, 28, "width")
        self.c = _spin(1, 64, 1, "channels")
        self.hidden = _spin(1, 100000, 1000, "hidden")
        self.filters = _spin(1, 4096, 32, "filters")
        self.k = _spin(1, 31, 3, "kernel")
        grid = QGridLayout()
        for i, (label, w) in enumerate(((tr("Image height"), self.h), (tr("Image width"), self.w),
                                        (tr("Channels"), self.c), (tr("MLP hidden units"), self.hidden),
                                        (tr("CNN filters"), self.filters), (tr("CNN kernel k"), self.k))):
            grid.addWidget(QLabel(label), i // 2, 2 * (i % 2))
            grid.addWidget(w, i // 2, 2 * (i % 2) + 1)
        presets = QGridLayout()
        presets.addWidget(QLabel(tr("Lecture:")), 0, 0)
        self.buttons = {}
        for j, (key, (label, *_v)) in enumerate(PRESETS.items()):
            b = QPushButton(tr(label))
            b.setObjectName(f"count_preset_{key}")
            b.setFocusPolicy(Qt.NoFocus)
            b.clicked.connect(lambda _c=False, key=key: self.apply_preset(key))
            b.setToolTip(tr("The lecture's example: an MLP's first layer with 1,000 hidden units") if key != "digits"
                         else tr("The CNN tab's 8×8 digits"))
            presets.addWidget(b, 0, j + 1)
            self.buttons[key] = b
        self.result = QLabel("")
        self.result.setObjectName("count_result")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.RichText)
        self.plot = ThemedPlot(tr("First-layer parameters (log scale)"), "", tr("parameters"))
        self.plot.setMinimumSize(300, 200)
        self.plot.item.setLogMode(y=True)
        self.plot.item.getViewBox().setMouseEnabled(False, False)
        self.bars = pg.BarGraphItem(x=[0, 1], height=[1, 1], width=0.6)
        self.plot.item.addItem(self.bars)
        self.plot.item.getAxis("bottom").setTicks([[(0, "MLP"), (1, "CNN")]])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(presets)
        layout.addLayout(grid)
        layout.addWidget(self.result)
        layout.addWidget(self.plot, 1)
        for s in (self.h, self.w, self.c, self.hidden, self.filters, self.k):
            s.valueChanged.connect(lambda _v: self.recompute())
        self.recompute()

    def apply_preset(self, key: str) -> None:
        _label, h, w, c, hidden, filters, k = PRESETS[key]
        for s, v in ((self.h, h), (self.w, w), (self.c, c), (self.hidden, hidden), (self.filters, filters), (self.k, k)):
            s.blockSignals(True)
            s.setValue(v)
            s.blockSignals(False)
        self.recompute()

    def counts(self) -> dict:
        return compare(self.h.value(), self.w.value(), self.c.value(), self.hidden.value(), self.filters.value(),
                       self.k.value())

    def recompute(self) -> None:
        r = self.counts()
        order = int(np.floor(np.log10(r["mlp"]))) if r["mlp"] > 0 else 0
        self.result.setText(tr(
            "<p><b>{mlp_label}:</b> {mlp_formula} ≈ 10<sup>{order}</sup><br><b>{cnn_label}:</b> {cnn_formula}<br>"
            "The MLP needs <b>{ratio}×</b> as many parameters for the first layer. The convolution's count does "
            "not depend on the image size; its output still has {outputs} values (weight sharing, not a smaller "
            "layer, is the saving).</p>", mlp_label=TEXT["mlp_label"], mlp_formula=r["mlp_formula"], order=order,
            cnn_label=TEXT["cnn_label"], cnn_formula=r["cnn_formula"], ratio=thousands(round(r["ratio"])),
            outputs=thousands(r["cnn_outputs"])))
        self.bars.setOpts(x=[0, 1], height=[np.log10(r["mlp"]), np.log10(r["cnn"])], width=0.6, y0=0)
        self.plot.item.setXRange(-0.6, 1.6, padding=0)
        self.plot.item.setYRange(0, max(1.0, np.ceil(np.log10(r["mlp"]))) + 0.3, padding=0)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.plot.apply_theme(theme)
        self.bars.setOpts(brushes=[pg.mkBrush("#D55E00"), pg.mkBrush("#0072B2")],
                          pen=pg.mkPen(theme.foreground, width=theme.scale))
