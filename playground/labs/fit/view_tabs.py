"""The fit lab's other tabs: the width sweep, Nielsen's bumps, Lipschitz bins and the curse of
dimensionality, width 5 against depth, and Kolmogorov–Arnold. Each draws from the snapshot; the
bumps and the Lipschitz bins are exact constructions computed here with numpy (theory.py), so
dragging a bump updates the error at once."""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QProgressBar, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget, QHeaderView)

from playground.labs.fit import theory
from playground.labs.fit.lesson import grouped, percent, text
from playground.labs.fit.view_fit import NET_COLOR, SAMPLE_COLOR, SUP_COLOR, TARGET_COLOR
from playground.ui.i18n import current_language, tr
from playground.ui.theme import CLASS_COLORS, Theme
from playground.ui.widgets.plots import ThemedPlot

__all__ = ["SweepTab", "BumpsTab", "LipschitzTab", "BoundedTab", "KATab", "JobBar", "write_surfaces_csv"]


def _text(key: str) -> str:
    """One of the lab's long texts (lesson.py) in the window's language."""
    return text(key, current_language())


def _label(html: str) -> QLabel:
    lab = QLabel(html)
    lab.setWordWrap(True)
    lab.setTextFormat(Qt.RichText)
    return lab


class JobBar(QWidget):
    """Run / Cancel buttons and a progress bar for one kind of job."""

    run_clicked = Signal()
    cancel_clicked = Signal()

    def __init__(self, kind: str, run_text: str, parent=None):
        super().__init__(parent)
        self.kind = kind
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.run = QPushButton(run_text)
        self.run.setObjectName(f"run_{kind}")
        self.cancel = QPushButton(tr("Cancel"))
        self.cancel.setObjectName(f"cancel_{kind}")
        self.cancel.setEnabled(False)
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setTextVisible(True)
        self.idle = tr("idle")
        self.bar.setFormat(self.idle)
        self.run.clicked.connect(self.run_clicked)
        self.cancel.clicked.connect(self.cancel_clicked)
        row.addWidget(self.run)
        row.addWidget(self.cancel)
        row.addStretch(1)
        column.addLayout(row)
        column.addWidget(self.bar)  # its own row: the label says which network, which epoch

    def show_job(self, job: dict | None, playing: bool) -> None:
        mine = job is not None and job["kind"] == self.kind
        self.cancel.setEnabled(mine)
        if mine:
            self.bar.setValue(int(job["progress"] * 1000))
            done = percent(job["progress"])
            self.bar.setFormat(tr("{percent}: {progress}", percent=done, progress=job["label"]) if playing else
                               tr("{percent}: {progress} (paused)", percent=done, progress=job["label"]))
        elif self.bar.format() != self.idle:
            self.bar.setValue(0)
            self.bar.setFormat(self.idle)


def _header(layout, *widgets) -> QVBoxLayout:
    """A row at the top of a tab: a slot on the left for the tab's parameters (the view fills it),
    and the given widgets (job bar, explanations) stacked on the right."""
    row = QHBoxLayout()
    slot = QVBoxLayout()
    right = QVBoxLayout()
    for w in widgets:
        right.addWidget(w) if isinstance(w, QWidget) else right.addLayout(w)
    right.addStretch(1)
    row.addLayout(slot, 0)
    row.addLayout(right, 1)
    layout.addLayout(row)
    return slot


def _log_axes(plot: ThemedPlot) -> None:
    plot.item.setLogMode(x=True, y=True)
    plot.item.showGrid(x=True, y=True, alpha=0.25)
    plot.item.addLegend(offset=(-10, 10))


class SweepTab(QWidget):
    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.job = JobBar("sweep", tr("Run width sweep"))
        self.controls = _header(layout, self.job, _label(_text("sweep_help")))
        self.plot = ThemedPlot(_text("sweep_title"), tr("width N (log)"), tr("final error (log)"))
        _log_axes(self.plot)
        layout.addWidget(self.plot, 1)
        self.curves: dict[str, pg.PlotDataItem] = {}
        self.theme = theme
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.plot.apply_theme(theme)

    def _curve(self, key: str, color: str, dashed: bool) -> pg.PlotDataItem:
        c = self.curves.get(key)
        if c is None:
            c = self.curves[key] = self.plot.item.plot([], [], name=key, symbol="o")
        c.setPen(pg.mkPen(color, width=self.theme.line_width, style=Qt.DashLine if dashed else Qt.SolidLine))
        c.setSymbolBrush(pg.mkBrush(color))
        c.setSymbolSize(self.theme.point_size * 0.8)
        return c

    def show_snapshot(self, s: dict) -> None:
        self.job.show_job(s.get("job"), bool(s.get("playing")))
        widths = s["sweep_widths"]
        ticks = tuple(int(w) for w in widths)
        if ticks != getattr(self, "_ticks", None):  # label the widths trained, not 2·10¹, 3·10¹…
            self._ticks = ticks
            self.plot.item.getAxis("bottom").setTicks([[(np.log10(w), str(w)) for w in ticks], []])
        keys = set()
        for r, act in enumerate(s["sweep_activations"]):
            color = CLASS_COLORS[r % len(CLASS_COLORS)]
            for table, name, dashed in ((s["sweep_mse"], "MSE", False), (s["sweep_sup"], tr("sup error"), True)):
                vals = table[r]
                ok = vals > 0
                key = tr("{activation}: {error}", activation=act, error=name)  # the legend's name
                keys.add(key)
                self._curve(key, color, dashed).setData(widths[ok], vals[ok])
        for key, c in list(self.curves.items()):
            if key not in keys:
                self.plot.item.removeItem(c)
                if self.plot.item.legend is not None:
                    self.plot.item.legend.removeItem(key)
                del self.curves[key]


class _Painter(QObject):
    """Press and drag on a plot: reports the data point under the mouse (bump heights)."""

    painted = Signal(float, float)
    released = Signal()

    def __init__(self, plot: ThemedPlot):
        super().__init__(plot)
        self.plot = plot
        self.down = False
        plot.viewport().installEventFilter(self)
        plot.item.getViewBox().setMouseEnabled(x=False, y=False)

    def eventFilter(self, obj, event):  # noqa: N802
        kind = event.type()
        if kind == QEvent.MouseButtonPress and event.button() == Qt.LeftButton:
            self.down = True
        elif kind == QEvent.MouseButtonRelease and self.down:
            self.down = False
            self.released.emit()
            return True
        elif kind != QEvent.MouseMove or not self.down:
            return False
        p = self.plot.item.getViewBox().mapSceneToView(self.plot.mapToScene(event.position().toPoint()))
        self.painted.emit(p.x(), p.y())
        return True


class BumpsTab(QWidget):
    """Nielsen's construction, live: heights edited here, the error recomputed here."""

    heights_edited = Signal(object)
    fit_clicked = Signal()
    match_clicked = Signal()

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.fit = QPushButton(tr("Fit heights"))
        self.fit.setObjectName("fit_heights")
        self.fit.setToolTip(tr("Solve the heights by least squares on the samples"))
        self.match = QPushButton(tr("Train a network of this width"))
        self.match.setObjectName("match_width")
        self.match.setToolTip(tr("One hidden layer of 2N units of the same kind, trained on the same samples"))
        self.fit.clicked.connect(self.fit_clicked)
        self.match.clicked.connect(self.match_clicked)
        row.addWidget(self.fit)
        row.addWidget(self.match)
        row.addStretch(1)
        self.readout = _label("")
        self.readout.setObjectName("bumps_readout")
        self.controls = _header(layout, row, _label(_text("bumps_help")), self.readout)
        self.plot = ThemedPlot(_text("bumps_title"), "x", "y")
        item = self.plot.item
        item.addLegend(offset=(-10, 10))
        item.showGrid(x=True, y=True, alpha=0.2)
        self.target = item.plot([], [], name=tr("target"))
        self.bumps = item.plot([], [], name=tr("bumps (hand-built)"))
        self.net = item.plot([], [], name=tr("trained network"))
        self.handles = pg.ScatterPlotItem(name=tr("heights (drag)"))
        item.addItem(self.handles)
        self.single: list[pg.PlotDataItem] = []
        layout.addWidget(self.plot, 1)
        self.painter = _Painter(self.plot)
        self.painter.painted.connect(self._on_paint)
        self.painter.released.connect(lambda: self.heights_edited.emit(self.heights.copy()))
        self.heights = np.zeros(0)
        self.snap: dict | None = None
        self._key = None
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.plot.apply_theme(theme)
        lw = theme.line_width
        self.target.setPen(pg.mkPen(TARGET_COLOR, width=lw, style=Qt.DashLine))
        self.bumps.setPen(pg.mkPen(SAMPLE_COLOR, width=lw * 1.2))
        self.net.setPen(pg.mkPen(NET_COLOR, width=lw))
        self.handles.setBrush(pg.mkBrush(SAMPLE_COLOR))
        self.handles.setSize(theme.point_size * 1.2)

    def _settings(self):
        p = self.snap["params"]
        return p["x_min"], p["x_max"], int(p["bins"]), p["bump_unit"], p["steepness"]

    def _on_paint(self, x: float, y: float) -> None:
        if self.snap is None or not len(self.heights):
            return
        lo, hi, n, _unit, _k = self._settings()
        i = int(np.clip(math.floor((x - lo) / (hi - lo) * n), 0, n - 1))
        self.heights[i] = y
        self._redraw()

    def show_snapshot(self, s: dict) -> None:
        self.snap = s
        if not self.painter.down:
            key = (tuple(np.round(s["heights"], 12)), s["params"]["bins"])
            if key != self._key:
                self._key = key
                self.heights = np.array(s["heights"], dtype=float)
        self.target.setData(s["grid_x"], s["clean"])
        self.net.setData(s["grid_x"], np.nan_to_num(s["net"], nan=0.0, posinf=0.0, neginf=0.0))
        p = s["params"]
        matched = s["layers"] == [2 * int(p["bins"])] and s["activation"] == p["bump_unit"]
        self.net.setVisible(True)
        fields = dict(shape="×".join(map(str, s["layers"])), activation=s["activation"], epoch=grouped(s["epoch"]),
                      mse=f"{s['mse']:.2e}", sup=f"{s['sup_error']:.3f}", units=2 * int(p["bins"]), unit=p["bump_unit"])
        self._net_note = tr("the trained network ({shape} {activation}, epoch {epoch}): MSE {mse}, sup {sup}",
                            **fields) if matched else \
            tr("the trained network ({shape} {activation}, epoch {epoch}): MSE {mse}, sup {sup} (not 2N = {units} "
               "{unit} units: press Train a network of this width)", **fields)
        self._redraw()

    def errors(self) -> tuple[float, float]:
        s = self.snap
        lo, hi, n, unit, k = self._settings()
        with np.errstate(all="ignore"):  # heights dragged far off give inf, shown as such
            on_samples = theory.bump_curve(s["x"], lo, hi, self.heights, unit, k)
            on_grid = theory.bump_curve(s["grid_x"], lo, hi, self.heights, unit, k)
            return float(np.mean((on_samples - s["y"]) ** 2)), float(np.max(np.abs(on_grid - s["clean"])))

    def _redraw(self) -> None:
        s = self.snap
        lo, hi, n, unit, k = self._settings()
        grid = s["grid_x"]
        basis = theory.bump_basis(grid, lo, hi, n, unit, k)
        with np.errstate(all="ignore"):
            self.bumps.setData(grid, np.nan_to_num(basis @ self.heights))
        centres = lo + (np.arange(n) + 0.5) * (hi - lo) / n
        self.handles.setData(centres, self.heights)
        while len(self.single) < n:
            c = self.plot.item.plot([], [])
            col = pg.mkColor(self.theme.foreground)
            col.setAlpha(90)
            c.setPen(pg.mkPen(col, width=1))
            self.single.append(c)
        with np.errstate(all="ignore"):
            for i, c in enumerate(self.single):
                c.setData(grid, np.nan_to_num(basis[:, i] * self.heights[i])) if i < n else c.setData([], [])
        mse, sup = self.errors()
        self.readout.setText(tr("<b>Bumps</b> ({bins} bins, {units} {unit} units): MSE {mse}, sup error {sup}",
                                bins=n, units=2 * n, unit=unit, mse=f"{mse:.2e}", sup=f"{sup:.3f}")
                             + "<br>" + getattr(self, "_net_note", ""))


class LipschitzTab(QWidget):
    """The lecture's exercise: bins of width 2ε/L over an L-Lipschitz function, and the count in n dims."""

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        # In English the lecture's own French wording follows the question (the lecture is in French);
        # in French, the lecture's question alone.
        lang = current_language()
        question = _text("lipschitz_question")
        if lang != "fr":
            question += "<br>" + text("lipschitz_question", "fr")
        self.question = _label(question)
        # Hidden at first: a teacher asks the room before the screen answers.
        self.answer = _label(_text("lipschitz_answer"))
        self.answer.setObjectName("lipschitz_answer")
        self.answer.setVisible(False)
        self.show_answer = QPushButton(tr("Show the answer"))
        self.show_answer.setObjectName("show_answer")
        self.show_answer.setCheckable(True)
        self.show_answer.toggled.connect(self._on_show_answer)
        self.readout = _label("")
        self.readout.setObjectName("lipschitz_readout")
        self.plot = ThemedPlot(_text("lipschitz_title"), "x", "f(x)")
        self.plot.item.showGrid(x=True, y=True, alpha=0.2)
        self.plot.item.addLegend(offset=(-10, 10))
        self.band_hi = self.plot.item.plot([], [])
        self.band_lo = self.plot.item.plot([], [])
        self.band = pg.FillBetweenItem(self.band_lo, self.band_hi)
        self.plot.item.addItem(self.band)
        self.f = self.plot.item.plot([], [], name=tr("f, L-Lipschitz"))
        self.approx = self.plot.item.plot([], [], name=tr("constant per bin"), stepMode="center")
        self.curse = ThemedPlot(_text("curse_title"), tr("dimension n"), tr("bins"))
        self.curse.item.setLogMode(y=True)
        self.curse.item.showGrid(x=True, y=True, alpha=0.25)
        self.bars = self.curse.item.plot([], [], symbol="o")
        self.table = QTableWidget(10, 2)
        self.table.setObjectName("curse_table")
        self.table.setHorizontalHeaderLabels(["n", tr("bins (⌈L/2ε⌉)ⁿ")])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.Stretch)
        self.controls = _header(layout, self.question, self.answer, self.readout)
        self.controls.addWidget(self.show_answer)
        layout.addWidget(self.plot, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.curse, 3)
        bottom.addWidget(self.table, 2)
        layout.addLayout(bottom, 2)
        self._key = None
        self.apply_theme(theme)

    def _on_show_answer(self, on: bool) -> None:
        self.answer.setVisible(on)
        self.show_answer.setText(tr("Hide the answer") if on else tr("Show the answer"))

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        for p in (self.plot, self.curse):
            p.apply_theme(theme)
        lw = theme.line_width
        self.f.setPen(pg.mkPen(TARGET_COLOR, width=lw))
        self.approx.setPen(pg.mkPen(NET_COLOR, width=lw))
        band = pg.mkColor(TARGET_COLOR)
        band.setAlpha(50)
        self.band.setBrush(pg.mkBrush(band))
        self.bars.setPen(pg.mkPen(SUP_COLOR, width=lw))
        self.bars.setSymbolBrush(pg.mkBrush(SUP_COLOR))
        self._key = None

    def show_snapshot(self, s: dict) -> None:
        p = s["params"]
        key = (p["lipschitz"], p["epsilon"], p["dims"])
        if key == self._key:
            return
        self._key = key
        L, eps, dims = key
        f = lipschitz_example(L)
        x = np.linspace(0.0, 1.0, 2001)
        fx = f(x)
        edges, values, approx = theory.piecewise_constant(f, L, eps, x)
        self.f.setData(x, fx)
        self.band_hi.setData(x, fx + eps)
        self.band_lo.setData(x, fx - eps)
        if len(values) <= 2000:
            self.approx.setData(edges, values)
        else:  # thousands of bins: draw the values at the plot's own points
            self.approx.setData(np.append(x, x[-1]), approx)
        n1 = theory.lipschitz_bins(L, eps)
        worst = float(np.max(np.abs(approx - fx)))
        nd = theory.lipschitz_bins_nd(L, eps, dims)
        self.readout.setText(tr("L = {L}, ε = {eps}: bins of width 2ε/L = {width}, <b>⌈L/(2ε)⌉ = {bins}</b> bins on "
                                "[0, 1]; measured worst error {worst} ≤ ε. In n = {dims} dimensions: <b>{cubes}</b> "
                                "bins.", L=f"{L:g}", eps=f"{eps:g}", width=f"{2 * eps / L:.4g}", bins=grouped(n1),
                                worst=f"{worst:.4f}", dims=dims, cubes=grouped(nd)))
        table = theory.curse_table(L, eps, 10)
        self.bars.setData([n for n, _ in table], [float(c) for _, c in table])
        for r, (n, count) in enumerate(table):
            self.table.setItem(r, 0, QTableWidgetItem(str(n)))
            self.table.setItem(r, 1, QTableWidgetItem(grouped(count) if count < 10 ** 15 else f"{float(count):.3e}"))


def write_surfaces_csv(path: str, ka: dict) -> int:
    """The KA target and fit as x1,x2,target,fit rows; returns the number of rows written."""
    axis = ka["axis"]
    rows = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("x1,x2,target,fit\n")
        for i, a in enumerate(axis):
            for j, b in enumerate(axis):
                fh.write(f"{float(a)!r},{float(b)!r},{float(ka['truth'][i, j])!r},{float(ka['fit'][i, j])!r}\n")
                rows += 1
    return rows


def lipschitz_example(L: float):
    """An L-Lipschitz function on [0, 1] whose slope reaches L: sin(L·x) scaled to stay readable."""
    amp = 0.5
    return lambda x: amp * np.sin(L * np.asarray(x) / amp)


class BoundedTab(QWidget):
    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.job = JobBar("bounded", tr("Run width 5 against depth"))
        self.controls = _header(layout, self.job, _label(_text("bounded_help")))
        self.plot = ThemedPlot(_text("bounded_title"), tr("hidden units 5·d (d = depth of the narrow network)"),
                               tr("final MSE (log)"))
        self.plot.item.setLogMode(y=True)
        self.plot.item.showGrid(x=True, y=True, alpha=0.25)
        self.plot.item.addLegend(offset=(-10, 10))
        self.deep = self.plot.item.plot([], [], name=tr("width 5, depth d (ReLU)"), symbol="o")
        self.wide = self.plot.item.plot([], [], name=tr("1 hidden layer, 5·d units (ReLU)"), symbol="s")
        layout.addWidget(self.plot, 1)
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        self.plot.apply_theme(theme)
        for c, color in ((self.deep, NET_COLOR), (self.wide, SAMPLE_COLOR)):
            c.setPen(pg.mkPen(color, width=theme.line_width))
            c.setSymbolBrush(pg.mkBrush(color))

    def show_snapshot(self, s: dict) -> None:
        self.job.show_job(s.get("job"), bool(s.get("playing")))
        table = s["bounded_mse"]
        units = 5.0 * np.arange(1, table.shape[1] + 1)
        for c, row in ((self.deep, table[0]), (self.wide, table[1])):
            ok = row > 0
            c.setData(units[ok], row[ok])


class KATab(QWidget):
    export_requested = Signal()

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self.job = JobBar("ka", tr("Fit Kolmogorov–Arnold"))
        # The heatmaps' numbers: a figure's CSV export writes curves only, so the surfaces have their own.
        self.export_surfaces = QPushButton(tr("Export surfaces CSV…"))
        self.export_surfaces.setObjectName("export_surfaces")
        self.export_surfaces.setToolTip(tr("x₁, x₂, the target and the fitted value on the 40×40 grid"))
        self.export_surfaces.clicked.connect(self.export_requested)
        self.job.layout().itemAt(0).layout().addWidget(self.export_surfaces)
        self.readout = _label(_text("ka_help"))
        self.readout.setObjectName("ka_readout")
        self.truth_plot = ThemedPlot(tr("Target f(x₁, x₂)"), "x₁", "x₂")
        self.fit_plot = ThemedPlot(tr("Fitted Σ φᵢ(ψᵢ₁ + ψᵢ₂)"), "x₁", "x₂")
        self.images = []
        for p in (self.truth_plot, self.fit_plot):
            img = pg.ImageItem()
            p.item.addItem(img)
            p.item.setAspectLocked(True)
            self.images.append(img)
        self.psi_plot = ThemedPlot(tr("Inner ψᵢ₁ (solid), ψᵢ₂ (dashed)"), "t", "ψ(t)")
        self.phi_plot = ThemedPlot(tr("Outer functions φᵢ"), "z", "φ(z)")
        for p in (self.psi_plot, self.phi_plot):
            p.item.showGrid(x=True, y=True, alpha=0.2)
        self.psi = [[self.psi_plot.item.plot([], []) for _ in range(2)] for _ in range(5)]
        self.phi = [self.phi_plot.item.plot([], []) for _ in range(5)]
        self.controls = _header(layout, self.job, self.readout)
        for pair in ((self.truth_plot, self.fit_plot), (self.psi_plot, self.phi_plot)):
            row = QHBoxLayout()
            for p in pair:
                row.addWidget(p)
            layout.addLayout(row, 1)
        self.apply_theme(theme)

    def apply_theme(self, theme: Theme) -> None:
        for p in (self.truth_plot, self.fit_plot, self.psi_plot, self.phi_plot):
            p.apply_theme(theme)
        lut = pg.colormap.get("viridis").getLookupTable(nPts=256)
        for img in self.images:
            img.setLookupTable(lut)
        for i in range(5):
            color = CLASS_COLORS[i]
            self.psi[i][0].setPen(pg.mkPen(color, width=theme.line_width))
            self.psi[i][1].setPen(pg.mkPen(color, width=theme.line_width, style=Qt.DashLine))
            self.phi[i].setPen(pg.mkPen(color, width=theme.line_width))

    def show_snapshot(self, s: dict) -> None:
        self.job.show_job(s.get("job"), bool(s.get("playing")))
        k = s["ka"]
        lo, hi = float(np.min(k["truth"])), float(np.max(k["truth"]))
        if hi <= lo:
            hi = lo + 1.0
        for img, grid in zip(self.images, (k["truth"], k["fit"])):
            # image rows are x₂ and columns x₁ (row-major), so transpose the [x₁, x₂] grid
            img.setImage(np.nan_to_num(grid.T), levels=(lo, hi), autoLevels=False)
            img.setRect(0.0, 0.0, 1.0, 1.0)
        for i in range(5):
            for j in range(2):
                self.psi[i][j].setData(k["psi_t"], np.nan_to_num(k["psi"][i, j]))
            self.phi[i].setData(np.nan_to_num(k["phi_z"][i]), np.nan_to_num(k["phi"][i]))
        steps = int(s.get("ka_steps", 0))
        fields = dict(low=f"{lo:.2f}", high=f"{hi:.2f}", mse=f"{k['mse']:.2e}", steps=grouped(steps))
        self.readout.setText(_text("ka_help") + "<br>" + (
            tr("Colours: f from {low} (dark) to {high} (yellow). <b>MSE on the square: {mse}</b> after {steps} Adam "
               "steps", **fields) if steps else
            tr("Colours: f from {low} (dark) to {high} (yellow). <b>MSE on the square: {mse}</b> (untrained: press "
               "Fit)", **fields)))
