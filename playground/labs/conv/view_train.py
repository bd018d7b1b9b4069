"""The trained CNN, live: its filters, the feature maps of one test example, train and test curves
beside the MLP's, the confusion matrix, and a canvas to draw an input that both networks classify."""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtWidgets import (QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTabWidget,
                               QVBoxLayout, QWidget)

from playground.labs.conv.text import TEXT, thousands
from playground.ui.i18n import QT_TR_NOOP, add_tab, tr
from playground.ui.theme import Theme
from playground.ui.widgets.confusion_view import ConfusionView
from playground.ui.widgets.plots import CurveChart, ThemedPlot, diverging_lut

__all__ = ["TrainPanel", "mosaic"]

CNN_COLOR, MLP_COLOR = "#0072B2", "#D55E00"
# (name, colour, dashed): the chart keys each series by tr(name), which its legend shows
CURVES = ((QT_TR_NOOP("CNN train"), CNN_COLOR, False), (QT_TR_NOOP("CNN test"), CNN_COLOR, True),
          (QT_TR_NOOP("MLP train"), MLP_COLOR, False), (QT_TR_NOOP("MLP test"), MLP_COLOR, True))


def mosaic(maps: np.ndarray, columns: int | None = None) -> np.ndarray:
    """(N, h, w) -> one image of N tiles, one cell of NaN between them (drawn as background);
    each tile scaled to its own largest magnitude, so a quiet filter is still readable."""
    maps = np.asarray(maps, float)
    n, h, w = maps.shape
    cols = columns or int(np.ceil(np.sqrt(n)))
    rows = int(np.ceil(n / cols))
    out = np.full((rows * (h + 1) - 1, cols * (w + 1) - 1), np.nan)
    for i in range(n):
        r, c = divmod(i, cols)
        m = maps[i]
        scale = np.max(np.abs(m))
        out[r * (h + 1):r * (h + 1) + h, c * (w + 1):c * (w + 1) + w] = m / scale if scale > 0 else m
    return out


def _title(plot: ThemedPlot, text: str, theme: Theme) -> None:
    """Set a title only when it changes: re-rendering a title's text is a good part of a frame."""
    key = (text, theme)
    if getattr(plot, "_np_title_key", None) != key:
        plot._np_title_key = key
        plot.set_title(text, theme)


class _ImagePlot(ThemedPlot):
    def __init__(self, title: str):
        super().__init__(title)
        for ax in ("left", "bottom"):
            self.item.hideAxis(ax)
        vb = self.item.getViewBox()
        vb.invertY(True)
        vb.setMouseEnabled(False, False)
        self.item.setAspectLocked(True)
        self.image = pg.ImageItem()
        self.item.addItem(self.image)
        self._shape = None

    def show_values(self, values: np.ndarray, theme: Theme, lut=None, levels=(-1, 1)) -> None:
        v = np.asarray(values, float)
        bg = np.isnan(v)
        lut = diverging_lut(theme) if lut is None else lut
        idx = np.clip(((np.nan_to_num(v) - levels[0]) / (levels[1] - levels[0]) * 255).astype(int), 0, 255)
        rgba = lut[idx]
        rgba[bg] = np.array(pg.mkColor(theme.background).getRgb(), np.ubyte)
        self.image.setImage(rgba, autoLevels=False, levels=(0, 255))
        self.image.setRect(QRectF(0, 0, v.shape[1], v.shape[0]))
        if v.shape != self._shape:
            self._shape = v.shape
            self.item.setRange(xRange=(0, v.shape[1]), yRange=(0, v.shape[0]), padding=0.02)


class DrawCanvas(_ImagePlot):
    """Draw with the left button, erase with the right; emits the image after each stroke."""

    drawn = Signal(object)

    def __init__(self):
        super().__init__(tr("Draw here (right button erases)"))
        self.pixels = np.zeros((8, 8))
        self._button = None
        self.item.getViewBox().setBorder(pg.mkPen("#808080", width=1))
        self.scene().sigMouseMoved.connect(self._on_move)
        self.theme: Theme | None = None

    def set_size(self, n: int) -> None:
        if self.pixels.shape != (n, n):
            self.pixels = np.zeros((n, n))
            self.redraw()

    def paint_at(self, r: float, c: float, value: float) -> None:
        n = self.pixels.shape[0]
        rad = max(0.6, n / 14)  # about a pen stroke of the digits' thickness
        yy, xx = np.mgrid[0:n, 0:n]
        d = np.hypot(yy + 0.5 - r, xx + 0.5 - c)
        if value > 0:
            self.pixels = np.maximum(self.pixels, np.clip(1.2 - d / rad * 0.7, 0, 1) * (d <= rad + 0.5))
        else:
            self.pixels[d <= rad + 0.5] = 0
        self.redraw()

    def redraw(self) -> None:
        if self.theme is not None:
            grey = np.column_stack([np.linspace(255, 0, 256)] * 3 + [np.full(256, 255)]).astype(np.ubyte)
            self.show_values(self.pixels, self.theme, lut=grey, levels=(0, 1))

    def mousePressEvent(self, ev) -> None:
        self._button = ev.button()
        self._paint_event(ev.position())
        ev.accept()

    def mouseReleaseEvent(self, ev) -> None:
        if self._button is not None:
            self._button = None
            self.drawn.emit(self.pixels.copy())
        ev.accept()

    def _on_move(self, scene_pos) -> None:
        if self._button is not None:
            pt = self.item.getViewBox().mapSceneToView(scene_pos)
            self.paint_at(pt.y(), pt.x(), 1.0 if self._button == Qt.LeftButton else 0.0)

    def _paint_event(self, pos) -> None:
        pt = self.item.getViewBox().mapSceneToView(self.mapToScene(pos.toPoint()))
        self.paint_at(pt.y(), pt.x(), 1.0 if self._button == Qt.LeftButton else 0.0)


class TrainPanel(QWidget):
    example_selected = Signal(int)
    drawing_changed = Signal(object)

    def __init__(self, theme: Theme, parent=None):
        super().__init__(parent)
        self.theme = theme
        self.snap: dict | None = None
        self._confusion_at = -1.0
        self.loss_plot = ThemedPlot(tr("Loss"), tr("epoch"), tr("cross-entropy"))
        self.acc_plot = ThemedPlot(tr("Accuracy"), tr("epoch"), tr("accuracy"))
        self.loss_chart = CurveChart(self.loss_plot.item)
        self.acc_chart = CurveChart(self.acc_plot.item)
        self.acc_chart.fixed_y = (0.0, 1.0)
        for chart in (self.loss_chart, self.acc_chart):
            for name, color, dashed in CURVES:
                chart.add(tr(name), color, dashed=dashed)
        self.confusion = ConfusionView(theme)
        self.filters = _ImagePlot(tr("Filters, layer {n}", n=1))
        self.maps = _ImagePlot(tr("Feature maps"))
        self.example = _ImagePlot(tr("Test example"))
        self.draw = DrawCanvas()
        self.draw.theme = theme
        self.probs = ThemedPlot(tr("Class probabilities (drawing)"), tr("class"), "p")
        self.probs.item.getViewBox().setMouseEnabled(False, False)
        self.probs.item.setYRange(0, 1, padding=0.02)
        self.cnn_bars = pg.BarGraphItem(x=[], height=[], width=0.38)
        self.mlp_bars = pg.BarGraphItem(x=[], height=[], width=0.38)
        self.probs.item.addItem(self.cnn_bars)
        self.probs.item.addItem(self.mlp_bars)
        self.layer = QComboBox()
        self.layer.setObjectName("cnn_layer")
        self.layer.setFocusPolicy(Qt.ClickFocus)
        self.example_box = QSpinBox()
        self.example_box.setObjectName("cnn_example")
        self.example_box.setKeyboardTracking(False)
        self.example_box.setFocusPolicy(Qt.ClickFocus)
        self.clear = QPushButton(tr("Clear drawing"))
        self.clear.setObjectName("cnn_clear")
        self.clear.setFocusPolicy(Qt.NoFocus)
        self.summary = QLabel(tr("Press Play (Space) to train the CNN and the MLP."))
        self.summary.setObjectName("cnn_summary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        row = QHBoxLayout()
        for label, w in ((tr("Layer"), self.layer), (tr("Test example"), self.example_box)):
            row.addWidget(QLabel(label))
            row.addWidget(w)
        row.addWidget(self.clear)
        row.addStretch(1)
        self.draw.setToolTip(TEXT["draw_hint"])
        # Three pages rather than nine small plots: each stays readable on a 1280×720 projector.
        self.pages = QTabWidget()
        self.pages.setObjectName("cnn_pages")
        self.pages.setDocumentMode(True)
        curves = QWidget()
        g = QGridLayout(curves)
        g.setContentsMargins(0, 0, 0, 0)
        g.addWidget(self.loss_plot, 0, 0)
        g.addWidget(self.acc_plot, 0, 1)
        g.addWidget(self.confusion, 0, 2)
        inside = QWidget()
        g = QGridLayout(inside)
        g.setContentsMargins(0, 0, 0, 0)
        g.addWidget(self.filters, 0, 0)
        g.addWidget(self.maps, 0, 1)
        g.addWidget(self.example, 0, 2)
        drawing = QWidget()
        g = QGridLayout(drawing)
        g.setContentsMargins(0, 0, 0, 0)
        g.addWidget(self.draw, 0, 0)
        g.addWidget(self.probs, 0, 1)
        g.setColumnStretch(1, 2)
        g.setColumnStretch(0, 1)
        add_tab(self.pages, curves, QT_TR_NOOP("Loss, accuracy, confusion"))
        add_tab(self.pages, inside, QT_TR_NOOP("Filters and feature maps"))
        add_tab(self.pages, drawing, QT_TR_NOOP("Draw an input"))
        self.pages.setFocusPolicy(Qt.NoFocus)
        # Readable or scrolled, never squeezed: the lab's content scrolls on a small projector.
        for fig in self.figures().values():
            fig.setMinimumSize(200, 220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.pages, 1)
        self.layer.currentIndexChanged.connect(lambda _i: self._draw_layers())
        self.example_box.valueChanged.connect(self.example_selected.emit)
        self.draw.drawn.connect(self.drawing_changed.emit)
        self.clear.clicked.connect(self._clear)

    def figures(self) -> dict:
        # English keys (file names); the export dialog shows tr(key)
        return {QT_TR_NOOP("loss"): self.loss_plot, QT_TR_NOOP("accuracy"): self.acc_plot,
                QT_TR_NOOP("confusion"): self.confusion, QT_TR_NOOP("filters"): self.filters,
                QT_TR_NOOP("feature maps"): self.maps, QT_TR_NOOP("test example"): self.example,
                QT_TR_NOOP("drawing"): self.draw, QT_TR_NOOP("probabilities"): self.probs}

    def _clear(self) -> None:
        self.draw.pixels[:] = 0
        self.draw.redraw()
        self.drawing_changed.emit(self.draw.pixels.copy())

    def clear_curves(self) -> None:
        self.loss_chart.clear()
        self.acc_chart.clear()

    def show_snapshot(self, s: dict) -> None:
        self.snap = s
        c = s["curves_now"]
        for chart, q in ((self.loss_chart, "loss"), (self.acc_chart, "accuracy")):
            chart.set(tr("CNN train"), c[f"cnn_train_{q}"])
            chart.set(tr("CNN test"), c[f"cnn_test_{q}"])
            chart.set(tr("MLP train"), c[f"mlp_train_{q}"])
            chart.set(tr("MLP test"), c[f"mlp_test_{q}"])
        # The confusion matrix re-lays out 100 labels when it changes (every epoch): about 3 times a
        # second is plenty while training; a paused frame always shows it.
        now = time.perf_counter()
        if not s.get("playing") or now - self._confusion_at > 0.35:
            self._confusion_at = now
            self.confusion.set_matrix(s["confusion"])
        n_layers = len(s["filters"])
        if self.layer.count() != n_layers:
            self.layer.blockSignals(True)
            self.layer.clear()
            for i in range(n_layers):
                self.layer.addItem(tr("conv {n}", n=i + 1))
            self.layer.blockSignals(False)
        self.example_box.blockSignals(True)
        self.example_box.setRange(0, s["example_count"] - 1)
        self.example_box.setValue(s["example"])
        self.example_box.blockSignals(False)
        self.draw.set_size(s["input_size"])
        if self.draw.image.image is None:
            self.draw.redraw()
        self._draw_layers()
        ex = np.asarray(s["example_image"], float)
        grey = np.column_stack([np.linspace(255, 0, 256)] * 3 + [np.full(256, 255)]).astype(np.ubyte)
        self.example.show_values(ex, self.theme, lut=grey, levels=(0, 1))
        probs = np.asarray(s["example_probs"])
        classes = [tr(c) for c in s["classes"]]
        _title(self.example, tr("Example {i}: {label} → CNN {guess} ({p})", i=s["example"],
                                label=classes[s["example_label"]], guess=classes[int(probs.argmax())],
                                p=f"{probs.max():.0%}"), self.theme)
        self._draw_probs(s)
        self.summary.setText(self.summary_text(s))

    @staticmethod
    def summary_text(s: dict) -> str:
        last = s["last"]
        return tr("<b>Epoch {epoch}</b> · <b>CNN</b> {cnn_params} parameters: test accuracy {cnn_test} (train "
                  "{cnn_train}) · <b>MLP</b> {mlp_params} parameters: test {mlp_test} (train {mlp_train})",
                  epoch=s["epoch"], cnn_params=thousands(s["cnn_params"]), mlp_params=thousands(s["mlp_params"]),
                  cnn_test=f"{last['cnn_test_accuracy']:.1%}", cnn_train=f"{last['cnn_train_accuracy']:.1%}",
                  mlp_test=f"{last['mlp_test_accuracy']:.1%}", mlp_train=f"{last['mlp_train_accuracy']:.1%}")

    def _draw_layers(self) -> None:
        s = self.snap
        if s is None:
            return
        i = max(0, min(self.layer.currentIndex(), len(s["filters"]) - 1))
        w = np.asarray(s["filters"][i])  # (out, in, k, k)
        if w.shape[1] > 1:
            # Deeper layers: each filter's weights on every input channel, one row per filter, at most 8 inputs.
            tiles = w[:, :8].reshape(-1, w.shape[2], w.shape[3])
            img = mosaic(tiles, columns=min(w.shape[1], 8))
        else:
            img = mosaic(w[:, 0])
        self.filters.show_values(img, self.theme)
        _title(self.filters, tr("Filters, layer {n}", n=i + 1), self.theme)
        self.filters.setToolTip(tr("{filters} filters × {channels} input channels, each {k}×{k2}; blue negative, "
                                   "orange positive, each tile scaled to its largest weight", filters=w.shape[0],
                                   channels=w.shape[1], k=w.shape[2], k2=w.shape[3]))
        fm = np.asarray(s["feature_maps"][i])
        self.maps.show_values(mosaic(fm), self.theme)
        _title(self.maps, tr("Feature maps, layer {n}", n=i + 1), self.theme)
        self.maps.setToolTip(tr("{n} maps of {h}×{w} for the selected test example (after the activation and "
                                "pooling)", n=fm.shape[0], h=fm.shape[1], w=fm.shape[2]))

    def _draw_probs(self, s: dict) -> None:
        k = len(s["classes"])
        x = np.arange(k)
        dp = s.get("drawn_probs")
        cnn = np.asarray(dp["cnn"]) if dp else np.zeros(k)
        mlp = np.asarray(dp["mlp"]) if dp else np.zeros(k)
        self.cnn_bars.setOpts(x=x - 0.2, height=cnn, width=0.38, brush=pg.mkBrush(CNN_COLOR))
        self.mlp_bars.setOpts(x=x + 0.2, height=mlp, width=0.38, brush=pg.mkBrush(MLP_COLOR))
        if getattr(self, "_prob_classes", None) != s["classes"]:  # axes re-render only when they change
            self._prob_classes = list(s["classes"])
            self.probs.item.getAxis("bottom").setTicks([[(i, tr(str(c))) for i, c in enumerate(s["classes"])]])
            self.probs.item.setXRange(-0.6, k - 0.4, padding=0)
        if dp:
            title = tr("CNN (blue): {cnn_class} {cnn_p} · MLP (orange): {mlp_class} {mlp_p}",
                       cnn_class=tr(s["classes"][int(cnn.argmax())]), cnn_p=f"{cnn.max():.0%}",
                       mlp_class=tr(s["classes"][int(mlp.argmax())]), mlp_p=f"{mlp.max():.0%}")
        else:
            title = tr("Class probabilities of a drawing")
        _title(self.probs, title, self.theme)

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.draw.theme = theme
        for fig in self.figures().values():
            fig.apply_theme(theme)
        self.loss_chart.apply_theme(theme)
        self.acc_chart.apply_theme(theme)
        self.draw.redraw()
        if self.snap is not None:
            self.show_snapshot(self.snap)
