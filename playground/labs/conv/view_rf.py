"""Receptive fields, live: a stack of layers typed as text, the per-layer table, a layer's map where a
click picks a unit, and that unit's field drawn on the input image. Layers whose field is already
wider than the input are flagged. Below, the lecture's question answered for any object size: how
many layers each way of growing the field needs."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from playground.labs.conv.receptive import STRATEGIES, RFError, layers_to_reach, parse_layers, rf_table, unit_field
from playground.labs.conv.sample import sample_image
from playground.labs.conv.text import TEXT
from playground.labs.conv.view_grid import Grid, GridCanvas
from playground.ui.i18n import QT_TR_NOOP, tr
from playground.ui.theme import Theme

__all__ = ["ReceptiveFieldPanel"]

FIELD = "#D55E00"
DEFAULT_LAYERS = "3x3,3x3,pool2,3x3s2,3x3d2"
COLUMNS = (QT_TR_NOOP("layer"), QT_TR_NOOP("output size"), QT_TR_NOOP("field r"), QT_TR_NOOP("jump j"),
           QT_TR_NOOP("start"), "")


class ReceptiveFieldPanel(QWidget):
    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.rows: list[dict] = []
        self.unit: tuple[int, int] | None = None
        self.spec = QLineEdit(DEFAULT_LAYERS)
        self.spec.setObjectName("rf_layers")
        self.spec.setToolTip(tr("Layers: 3x3 (conv, same padding), 3x3s2 (stride 2), 3x3d2 (dilation 2), 5x5p0 "
                                "(no padding), pool2, pool3s2"))
        self.size = QSpinBox()
        self.size.setRange(1, 512)
        self.size.setValue(32)
        self.size.setKeyboardTracking(False)
        self.size.setObjectName("rf_input")
        self.layer = QComboBox()
        self.layer.setObjectName("rf_layer")
        self.target = QSpinBox()
        self.target.setRange(2, 100000)
        self.target.setValue(100)
        self.target.setObjectName("rf_target")
        self.target.setKeyboardTracking(False)
        for w in (self.size, self.layer, self.target):
            w.setFocusPolicy(Qt.ClickFocus)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Layers")))
        top.addWidget(self.spec, 1)
        top.addWidget(QLabel(tr("Input")))
        top.addWidget(self.size)
        self.error = QLabel("")
        self.error.setStyleSheet("color: #D55E00")
        self.error.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("rf_table")
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setMinimumSize(300, 120)
        self.canvas = GridCanvas("")
        self.canvas.setMinimumSize(300, 220)
        pick = QHBoxLayout()
        pick.addWidget(QLabel(tr("Map of layer")))
        pick.addWidget(self.layer)
        pick.addWidget(QLabel(tr("(click a unit)")))
        pick.addStretch(1)
        self.field_info = QLabel("")
        self.field_info.setObjectName("rf_field")
        self.field_info.setWordWrap(True)
        q = QHBoxLayout()
        q.addWidget(QLabel(tr("Object size (px)")))
        q.addWidget(self.target)
        q.addStretch(1)
        self.answer = QLabel("")
        self.answer.setObjectName("rf_answer")
        self.answer.setWordWrap(True)
        self.answer.setTextFormat(Qt.RichText)
        # Two columns: the stack and its table with the lecture's question; the maps beside them.
        left = QVBoxLayout()
        left.addLayout(top)
        left.addWidget(self.error)
        left.addWidget(self.table, 1)
        left.addLayout(q)
        left.addWidget(self.answer)
        right = QVBoxLayout()
        right.addLayout(pick)
        right.addWidget(self.canvas, 1)
        right.addWidget(self.field_info)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(left, 1)
        layout.addLayout(right, 1)
        self.spec.editingFinished.connect(self.recompute)
        self.size.valueChanged.connect(lambda _v: self.recompute())
        self.layer.currentIndexChanged.connect(lambda _i: self._on_layer())
        self.table.cellClicked.connect(lambda r, _c: self.layer.setCurrentIndex(r))
        self.target.valueChanged.connect(lambda _v: self._answer())
        self.canvas.cell_clicked.connect(self._on_click)
        self.recompute()
        self._answer()

    def recompute(self) -> None:
        n = self.size.value()
        try:
            rows = rf_table(parse_layers(self.spec.text()), n)
            self.error.setText("")
        except RFError as exc:
            self.error.setText(str(exc))
            return  # the previous table stays: nothing is lost on a typo
        self.rows = rows
        self.table.setRowCount(len(rows))
        flag = QBrush(QColor("#D55E00"))
        for i, row in enumerate(rows):
            vals = (f"{row['layer']}: {row['name']}", str(row["output_size"]) if row["valid"] else tr("0 (no output)"),
                    str(row["rf"]), str(row["jump"]), f"{row['start']:g}",
                    TEXT["rf_flag"] if row["exceeds"] else "")
            for j, v in enumerate(vals):
                item = QTableWidgetItem(v)
                if row["exceeds"] or not row["valid"]:
                    item.setForeground(flag)
                self.table.setItem(i, j, item)
        cur = self.layer.currentIndex()
        self.layer.blockSignals(True)
        self.layer.clear()
        for row in rows:
            self.layer.addItem(f"{row['layer']}: {row['name']}")
        self.layer.setCurrentIndex(min(max(cur, 0), len(rows) - 1) if cur >= 0 else len(rows) - 1)
        self.layer.blockSignals(False)
        self.unit = None
        self._on_layer()

    def _row(self) -> dict | None:
        i = self.layer.currentIndex()
        return self.rows[i] if 0 <= i < len(self.rows) else None

    def _on_layer(self) -> None:
        row = self._row()
        if row is not None and row["valid"]:
            o = row["output_size"]
            self.unit = (o // 2, o // 2) if self.unit is None or max(self.unit) >= o else self.unit
        else:
            self.unit = None
        self.redraw()

    def set_unit(self, u: int, v: int) -> None:
        self.unit = (u, v)
        self.redraw()

    def _on_click(self, name: str, r: int, c: int, _pos) -> None:
        if name == "map":
            self.set_unit(r, c)

    def field(self) -> tuple[int, int, int, int] | None:
        row = self._row()
        if row is None or self.unit is None:
            return None
        return unit_field(row, *self.unit, self.size.value())

    def redraw(self) -> None:
        n = self.size.value()
        img = sample_image(min(n, 256)).mean(axis=0) if n <= 256 else np.zeros((n, n))
        if img.shape[0] != n:
            img = np.zeros((n, n))
        inp = Grid("input", TEXT["input"], img, 0, 0, show_values=False)
        grids = [inp]
        row = self._row()
        if row is not None and row["valid"]:
            o = row["output_size"]
            # The map drawn as large as the input, so that a unit is easy to click whatever its size.
            mp = Grid("map", tr("layer {layer} ({name})", layer=row["layer"], name=row["name"]), np.zeros((o, o)),
                      n + 3, 0, show_values=False, note=tr("{o} × {o} units", o=o), cell=n / o)
            grids.append(mp)
            f = self.field()
            if f is not None:
                r0, r1, c0, c1 = f
                inp.highlight.append((r0, c0, r1, c1, FIELD, 3.0))
                u, v = self.unit
                mp.highlight.append((u, v, u, v, FIELD, 3.0))
                cy = row["start"] + u * row["jump"]
                cx = row["start"] + v * row["jump"]
                extra = tr("; flagged: wider than the {n}-pixel input", n=n) if row["exceeds"] else ""
                self.field_info.setText(tr("Unit ({u}, {v}) of layer {layer} sees input rows {r0}–{r1}, columns "
                                           "{c0}–{c1} (field {r} × {r} centred at ({cy}, {cx}){extra}).",
                                           u=u, v=v, layer=row["layer"], r0=r0, r1=r1, c0=c0, c1=c1, r=row["rf"],
                                           cy=f"{cy:g}", cx=f"{cx:g}", extra=extra))
        else:
            self.field_info.setText(tr("This layer has no output left on this input.") if row else "")
        self.canvas.set_grids(grids, self.theme)

    def _answer(self) -> None:
        t = self.target.value()
        lines = [TEXT["rf_question"].format(n=t)]
        for label, pattern in STRATEGIES:
            layers, r = layers_to_reach(t, pattern)
            got = (tr("<b>{n}</b> layers (field {r})", n=layers, r=r) if layers is not None
                   else tr("more than 400 layers (field {r})", r=r))
            lines.append(tr("• {way}: {answer}", way=tr(label), answer=got))
        lines.append(tr("Stacked stride-1 3×3 convolutions grow as r = 1 + 2L, so 100 px needs 50 "
                        "(<i>« environ 50 »</i>); stride, pooling and dilation multiply the jump instead."))
        self.answer.setText("<br>".join(lines))

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.canvas.apply_theme(theme)
        self.redraw()
