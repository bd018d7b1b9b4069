"""The memory race's view: a progress bar while the worker races, then the longest T each cell type
learned within the budget as bars, with every (cell, T) run in a table: what this machine measured.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QLabel, QProgressBar, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from playground.labs.rnn.cells import CELL_LABELS, CELLS
from playground.labs.rnn.lesson import text
from playground.ui.i18n import tr
from playground.ui.theme import CLASS_COLORS, Theme
from playground.ui.widgets.plots import ThemedPlot

__all__ = ["RacePanel"]


def _label(cell: str) -> str:
    return tr(CELL_LABELS[CELLS.index(cell)])


class RacePanel(QWidget):
    start_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.start_button = QPushButton(text("race_start"))
        self.start_button.setObjectName("race_start")
        self.cancel_button = QPushButton(text("race_cancel"))
        self.cancel_button.setObjectName("race_cancel")
        self.start_button.clicked.connect(self.start_requested.emit)
        self.cancel_button.clicked.connect(self.cancel_requested.emit)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setFormat(tr("not started"))
        self.progress.setTextVisible(True)
        row.addWidget(self.start_button)
        row.addWidget(self.cancel_button)
        row.addWidget(self.progress, 1)
        self.plot = ThemedPlot(text("race_title"), "", tr("longest T learned"))
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.6)
        self.plot.item.addItem(self.bars)
        self.plot.item.getViewBox().setMouseEnabled(False, False)
        self.table = QTableWidget(0, 0)
        self.table.setObjectName("race_table")
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.summary = QLabel(tr("Press “{start}”: each cell trains on the memory task for T = 5, 10, 20, 30, 40, "
                                 "50 until it fails to reach 90% recall within the budget.", start=text("race_start")))
        self.summary.setObjectName("race_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        box.addLayout(row)
        box.addWidget(self.plot, 3)
        box.addWidget(self.table, 2)
        box.addWidget(self.summary)
        self.apply_theme(theme)

    def draw(self, s: dict) -> None:
        if "race_cells" not in s:
            return
        cells, lengths = list(s["race_cells"]), list(s["race_lengths"])
        longest = s["race_longest"]
        heights = np.array([longest.get(c, 0) for c in cells], float)
        xs = np.arange(len(cells), dtype=float)
        self.bars.setOpts(x=xs, height=heights, width=0.6,
                          brushes=[pg.mkBrush(CLASS_COLORS[i % len(CLASS_COLORS)]) for i in range(len(cells))])
        self.plot.item.getAxis("bottom").setTicks([[(float(i), _label(c)) for i, c in enumerate(cells)]])
        self.plot.item.setRange(xRange=(-0.6, len(cells) - 0.4), yRange=(0, max(lengths) * 1.05), padding=0)
        budget = s.get("race_budget", "?")
        self.plot.set_title(tr("{title} ({budget} epochs per run, this machine)", title=text("race_title"),
                               budget=budget), self.theme)
        self.progress.setValue(int(1000 * s.get("race_progress", 0.0)))
        self.progress.setFormat(f"{s.get('race_progress', 0.0):.0%} · {s.get('race_current', '')}")
        results = s.get("race_results", {})
        self.table.setColumnCount(len(lengths))
        self.table.setRowCount(len(cells))
        self.table.setHorizontalHeaderLabels([f"T = {t}" for t in lengths])
        self.table.setVerticalHeaderLabels([_label(c) for c in cells])
        for i, c in enumerate(cells):
            for j, t in enumerate(lengths):
                r = results.get(c, {}).get(t) or results.get(c, {}).get(str(t))
                cell_text = "–" if r is None else (tr("✓ {epochs} ep", epochs=r["epochs"]) if r["learned"]
                                                    else f"✗ {100 * (r['accuracy'] or 0):.0f}%")
                item = QTableWidgetItem(cell_text)
                item.setTextAlignment(Qt.AlignCenter)
                self.table.setItem(i, j, item)
        self.summary.setText(s.get("race_summary", ""))

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.plot.apply_theme(theme)
        self.bars.setOpts(pen=pg.mkPen(theme.foreground, width=1))
