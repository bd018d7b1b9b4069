"""The liver segmentation lab's window: train a U-Net live, run the domain-shift experiment, open your
own slice, and look at the synthetic data.

Thin: the worker's snapshots carry the shown slice (HU, truth, probability), the scores over training
and the worst-first strip, already downsampled; this view draws them. Choosing the Train or Domain
shift tab selects that experiment. Box prompts and "segment my slice" are custom actions answered in
the next frame. The synthetic-data grid is drawn here with the numpy generator (no torch).
"""
from __future__ import annotations

import math
from collections.abc import Generator

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSpinBox,
                               QTabWidget, QVBoxLayout, QWidget)

from playground.labs.segment.core import display_u8
from playground.labs.segment.phantom import DOMAIN_LABELS, DOMAINS, make_batch
from playground.labs.segment.strings import text
from playground.labs.segment.view_images import PRED, PROMPT, TRUTH, ProbabilityMap, SliceCanvas, SliceStrip
from playground.labs.segment.view_own import OwnSlicePanel
from playground.ui.i18n import QT_TR_NOOP, add_tab, tr
from playground.ui.lab_view import LabView
from playground.ui.theme import Theme
from playground.ui.widgets.plots import CurveChart, ThemedPlot

__all__ = ["SegmentLab"]

TAB_TRAIN, TAB_SHIFT, TAB_OWN, TAB_DATA = range(4)
EXPERIMENT_OF_TAB = {TAB_TRAIN: "train", TAB_SHIFT: "domain-shift"}
SCANNER = {"narrow": "A", "shifted": "B", "randomised": QT_TR_NOOP("randomised")}
# The training curves: the snapshot's series name and its legend entry (the CurveChart's key).
TRAIN_CURVES = (("dice_train", QT_TR_NOOP("Dice train")), ("dice_test", QT_TR_NOOP("Dice test")),
                ("iou_train", QT_TR_NOOP("IoU train")), ("iou_test", QT_TR_NOOP("IoU test")),
                ("box_dice_test", QT_TR_NOOP("Dice test, box prompt")))
# The domain-shift curves: (regime, test scanner) and their legend entry.
SHIFT_CURVES = ((("narrow", "home"), QT_TR_NOOP("narrow · training scanner")),
                (("narrow", "away"), QT_TR_NOOP("narrow · other scanner")),
                (("randomised", "home"), QT_TR_NOOP("randomised · training scanner")),
                (("randomised", "away"), QT_TR_NOOP("randomised · other scanner")))
# The model being trained in the domain-shift experiment (the snapshot's "phase")
PHASE = {"narrow": QT_TR_NOOP("narrow"), "randomised": QT_TR_NOOP("randomised-synthesis")}
COLORS = {"dice_train": "#0072B2", "dice_test": "#D55E00", "iou_train": "#56B4E9", "iou_test": "#E69F00",
          "box_dice_test": "#009E73"}


def _fmt(v) -> str:
    return f"{v:.3f}" if isinstance(v, (int, float)) and math.isfinite(v) else "–"


class SegmentLab(LabView):
    lesson_html = text("lesson", "en")

    def lesson_text(self) -> str:
        return text("lesson")  # strings.py holds the lesson in both languages

    def build_content(self) -> Generator[None, None, QWidget]:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("segment_tabs")
        # Tabs are keyed by their English name (what scenes store) and titled in the window's language.
        for build, key in ((self._build_train, "tab_train"), (self._build_shift, "tab_shift"),
                           (lambda: OwnSlicePanel(self), "tab_own"), (self._build_data, "tab_data")):
            i = add_tab(self.tabs, build(), text(key, "en"))
            self.tabs.setTabText(i, text(key))
            yield  # a tab per turn of the event loop (see LabView.build_content)
        self.own = self.tabs.widget(TAB_OWN)
        self._syncing = False
        self.tabs.setCurrentIndex(TAB_SHIFT if self._params["experiment"] == "domain-shift" else TAB_TRAIN)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._drawn: dict = {}  # what each part last drew, so that an unchanged part is not redrawn
        self._data_seed = 0
        self._data_drawn = False
        self.apply_theme(self.theme)
        return self.tabs

    # --- train tab -----------------------------------------------------------------------------------
    def _build_train(self) -> QWidget:
        w = QWidget()
        grid = QGridLayout(w)
        grid.setContentsMargins(4, 4, 4, 4)
        self.slice_view = SliceCanvas(text("slice_title").format(index=0, dice=""))
        self.slice_view.setObjectName("slice_view")
        self.slice_view.box_drawn.connect(self._on_box_drawn)
        self.prob_view = ProbabilityMap(text("prob_title"))
        self.curves_plot = ThemedPlot(text("curves_title"), tr("epoch"), tr("score"))
        self.curves = CurveChart(self.curves_plot.item)
        self.curves.fixed_y = (0.0, 1.0)
        # bottom right: once trained the curves run along the top, where a legend would hide them
        self.curves_plot.item.legend.anchor((1, 1), (1, 1), offset=(-10, -10))
        for key, label in TRAIN_CURVES:
            self.curves.add(tr(label), COLORS[key], dashed=key.startswith("iou"))
        self.strip = SliceStrip(text("strip_title"))
        self.strip.tile_clicked.connect(self._show_test_slice)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("Test slice")))
        self.slice_index = QSpinBox()
        self.slice_index.setObjectName("slice_index")
        self.slice_index.setRange(0, self._params["test_slices"] - 1)
        self.slice_index.setKeyboardTracking(False)
        self.slice_index.valueChanged.connect(self._show_test_slice)
        row.addWidget(self.slice_index)
        self.box_label = QLabel(text("box_off"))
        self.box_label.setObjectName("box_label")
        self.box_label.setWordWrap(True)
        self.box_label.setTextFormat(Qt.RichText)
        row.addWidget(self.box_label, 1)
        grid.addLayout(row, 0, 0, 1, 3)
        grid.addWidget(self.slice_view, 1, 0)
        grid.addWidget(self.prob_view, 1, 1)
        grid.addWidget(self.curves_plot, 1, 2)
        grid.addWidget(self.strip, 2, 0, 1, 3)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(2, 1)
        for c in range(3):
            grid.setColumnStretch(c, 1)
        return w

    def _show_test_slice(self, index: int) -> None:
        index = int(index)
        if self.slice_index.value() != index:
            self.slice_index.blockSignals(True)
            self.slice_index.setValue(index)
            self.slice_index.blockSignals(False)
        self.slice_view.show_box(None)
        if self.controller is not None and self._params["experiment"] == "train":
            self.controller.custom("show_slice", index=index)

    def _on_box_drawn(self, x0: float, y0: float, x1: float, y1: float) -> None:
        if self.controller is not None:
            self.controller.custom("box", box=[x0, y0, x1, y1], target="test")

    def _show_train(self, s: dict) -> None:
        # Each part is redrawn only when it changed: the worker recomputes the slice at most ten
        # times a second and the scores once an epoch, while frames come thirty times a second.
        sl = s["slice"]
        box = s.get("box_result")
        box = box if box is not None and box.get("target") == "test" and box.get("index") == sl["index"] else None
        key = (sl.get("stamp"), None if box is None else box["stamp"], bool(s.get("box_trained")), self.theme)
        if key != self._drawn.get("slice"):
            self._drawn["slice"] = key
            layers = [(sl["truth"].astype(np.float32), TRUTH), (sl["prob"].astype(np.float32) / 255, PRED)]
            if box is not None:
                layers.append((box["prob"].astype(np.float32) / 255, PROMPT))
                self.slice_view.show_box(box["box"])
                self.box_label.setText(text("box_result").format(with_=box["dice_with"], without=box["dice_without"]))
            else:
                self.box_label.setText(text("box_hint") if s.get("box_trained") else text("box_off"))
            self.slice_view.set_box_enabled(bool(s.get("box_trained")))
            self.slice_view.set_slice(sl["hu"], layers)
            dice = sl.get("dice")
            self.slice_view.set_title(text("slice_title").format(
                index=sl["index"], dice=f" · Dice {dice:.3f}" if dice is not None else ""), self.theme)
            self.prob_view.set_prob(sl["prob"])
        series = s["series"]
        key = (len(series["step"]), series["step"][-1] if len(series["step"]) else None, self.theme)
        if key != self._drawn.get("series"):
            self._drawn["series"] = key
            self._show_box_legend(bool(s.get("box_trained")))
            x = np.asarray(series["step"], float) / max(1, s["steps_per_epoch"])
            for name, label in TRAIN_CURVES:
                self.curves.set(tr(label), np.asarray(series[name], float), x)
        st = s["strip"]
        if (st.get("stamp"), self.theme) != self._drawn.get("strip"):
            self._drawn["strip"] = (st.get("stamp"), self.theme)
            caps = [f"#{i}\n{d:.2f}" for i, d in zip(st["index"], st["dice"])]  # two short lines fit any font
            self.strip.set_tiles(st["image"], st["truth"], st["prob"], caps, list(st["index"]))
        if self.slice_index.maximum() != s["params"]["test_slices"] - 1:
            self.slice_index.setMaximum(s["params"]["test_slices"] - 1)
        latest = s["latest"]
        loss = s.get("loss")
        box_text = (tr("<br>Dice test with box prompts <b>{dice}</b>", dice=_fmt(latest.get("box_dice_test")))
                    if s.get("box_trained") else "")
        self.readout.setText(text("readout").format(
            step=s.get("epoch", 0), epoch=s.get("epochs_done", 0.0),
            loss=f"{loss:.4f}" if isinstance(loss, float) and math.isfinite(loss) else "–",
            dtr=_fmt(latest["dice_train"]), dte=_fmt(latest["dice_test"]), itr=_fmt(latest["iou_train"]),
            ite=_fmt(latest["iou_test"]), box=box_text,
            domain=tr(DOMAIN_LABELS[DOMAINS.index(s.get("test_domain", "narrow"))]),
            engine=s.get("engine", "")))
        self.own.show_result(s)

    def _show_box_legend(self, on: bool) -> None:
        """The box model's curve is in the legend only when there is one."""
        legend = self.curves_plot.item.legend
        name = tr(TRAIN_CURVES[-1][1])
        curve = self.curves.curves[name]
        listed = any(sample.item is curve for sample, _label in legend.items)
        if on and not listed:
            legend.addItem(curve, name)
        elif not on and listed:
            legend.removeItem(curve)

    # --- domain shift tab ------------------------------------------------------------------------------
    def _build_shift(self) -> QWidget:
        w = QWidget()
        box = QVBoxLayout(w)
        box.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        self.shift_button = QPushButton(text("shift_run"))
        self.shift_button.setObjectName("shift_run")
        self.shift_button.clicked.connect(self._on_shift_run)
        self.shift_progress = QProgressBar()
        self.shift_progress.setObjectName("shift_progress")
        self.shift_progress.setRange(0, 1000)
        row.addWidget(self.shift_button)
        row.addWidget(self.shift_progress, 1)
        box.addLayout(row)
        self.shift_note = QLabel("")
        self.shift_note.setObjectName("shift_note")
        self.shift_note.setWordWrap(True)
        self.shift_note.setTextFormat(Qt.RichText)
        box.addWidget(self.shift_note)
        plots = QHBoxLayout()
        self.shift_plot = ThemedPlot(text("shift_title"), "", tr("Dice on test slices"))
        self.shift_plot.item.addLegend(offset=(-10, 10))
        self.shift_plot.item.setYRange(0, 1.05, padding=0)
        self.shift_plot.item.setXRange(-0.6, 1.6, padding=0)
        self.shift_plot.item.setMouseEnabled(False, False)
        self.shift_plot.item.getAxis("bottom").setTicks([[(0, tr("narrow domain")), (1, tr("randomised synthesis"))]])
        self.bars_home = pg.BarGraphItem(x=[-0.18, 0.82], height=[0, 0], width=0.34, brush="#0072B2",
                                         name=tr("test: training scanner"))
        self.bars_away = pg.BarGraphItem(x=[0.18, 1.18], height=[0, 0], width=0.34, brush="#D55E00",
                                         name=tr("test: the other scanner"))
        self.shift_plot.item.addItem(self.bars_home)
        self.shift_plot.item.addItem(self.bars_away)
        self.shift_values: list[pg.TextItem] = []
        for x in (-0.18, 0.18, 0.82, 1.18):
            t = pg.TextItem("", anchor=(0.5, 1))
            t.setPos(x, 0)
            self.shift_plot.item.addItem(t)
            self.shift_values.append(t)
        self.shift_curves_plot = ThemedPlot(text("shift_curves_title"), tr("step"), "Dice")
        self.shift_chart = CurveChart(self.shift_curves_plot.item)
        self.shift_chart.fixed_y = (0.0, 1.0)
        for (regime, scanner), label in SHIFT_CURVES:
            self.shift_chart.add(tr(label), "#0072B2" if scanner == "home" else "#D55E00", regime == "randomised")
        plots.addWidget(self.shift_plot, 3)
        plots.addWidget(self.shift_curves_plot, 2)
        box.addLayout(plots, 1)
        return w

    def _on_shift_run(self) -> None:
        if self.controller is None:
            return
        if self._params["experiment"] != "domain-shift":
            self.panel.set_values({"experiment": "domain-shift"})
            self._on_params_changed({"experiment": "domain-shift"})
        snap = self.last_snapshot or {}
        if snap.get("shift", {}).get("done"):
            self.controller.reset()
        self.controller.play()

    def _show_shift(self, s: dict) -> None:
        sh = s["shift"]
        home, away = tr(SCANNER[sh["home"]]), tr(SCANNER[sh["away"]])
        self.shift_progress.setValue(int(round(sh["progress"] * 1000)))
        self.shift_progress.setFormat(tr("{percent}%", percent=f"{sh['progress'] * 100:.0f}"))
        if sh["done"]:
            r = sh["results"]
            n, z = r["narrow"], r["randomised"]
            summary = tr("Narrow model: Dice <b>{n_home}</b> on scanner {home}, <b>{n_away}</b> on scanner {away} "
                         "(drop {n_drop}). Randomised synthesis: <b>{z_home}</b> and <b>{z_away}</b> "
                         "(drop {z_drop}).", n_home=f"{n['home']:.3f}", n_away=f"{n['away']:.3f}",
                         n_drop=f"{n['home'] - n['away']:+.3f}", z_home=f"{z['home']:.3f}",
                         z_away=f"{z['away']:.3f}", z_drop=f"{z['home'] - z['away']:+.3f}", home=home, away=away)
            self.shift_note.setText(text("shift_done").format(summary=summary))
        elif s.get("playing"):
            self.shift_note.setText(text("shift_running").format(phase=tr(PHASE.get(sh["phase"], sh["phase"])),
                                                                 percent=sh["progress"] * 100))
        else:
            self.shift_note.setText(text("shift_idle").format(steps=s["params"]["shift_steps"], home=home, away=away))
        hv = [sh["results"].get(r, {}).get("home", 0.0) for r in ("narrow", "randomised")]
        av = [sh["results"].get(r, {}).get("away", 0.0) for r in ("narrow", "randomised")]
        self.bars_home.setOpts(height=hv)
        self.bars_away.setOpts(height=av)
        for t, v, x in zip(self.shift_values, (hv[0], av[0], hv[1], av[1]), (-0.18, 0.18, 0.82, 1.18)):
            t.setText(f"{v:.3f}" if v > 0 else "", color=self.theme.foreground)
            t.setPos(x, v + 0.06)
        self.shift_plot.set_title(tr("{title} (trained on scanner {home})", title=text("shift_title"), home=home),
                                  self.theme)
        for (regime, scanner), label in SHIFT_CURVES:
            c = sh["curves"][regime]
            self.shift_chart.set(tr(label), c[scanner], c["step"])
        self.shift_button.setEnabled(not s.get("playing"))
        self.readout.setText(tr("<p><b>Domain shift</b>: step {step} of {total}</p><p>{engine}</p>",
                                step=s.get("epoch", 0), total=2 * s["params"]["shift_steps"],
                                engine=s.get("engine", "")))

    # --- synthetic data tab ----------------------------------------------------------------------------
    def _build_data(self) -> QWidget:
        w = QWidget()
        box = QVBoxLayout(w)
        box.setContentsMargins(4, 4, 4, 4)
        row = QHBoxLayout()
        b = QPushButton(text("data_new"))
        b.setObjectName("data_new")
        b.clicked.connect(self._new_samples)
        row.addWidget(b)
        self.data_note = QLabel(tr("Rows: scanner A (narrow domain), scanner B (shifted), randomised synthesis; "
                                   "blue: the liver mask."))
        self.data_note.setWordWrap(True)
        row.addWidget(self.data_note, 1)
        box.addLayout(row)
        self.data_view = SliceCanvas(text("data_title").format(rows=tr("A · B · randomised")))
        self.data_view.setObjectName("data_view")
        box.addWidget(self.data_view, 1)
        return w

    def _new_samples(self) -> None:
        self._data_seed += 1
        self._draw_samples()

    def _draw_samples(self) -> None:
        size = int(self._params["size"])
        size = min(size, 128)  # the grid shows the anatomy, not the pixels: 128 is plenty
        cols = 6
        tiles, masks = [], []
        for d in DOMAINS:
            b = make_batch(cols, size, d, self._data_seed, self._params["lesion_rate"], part=3)
            tiles.append(np.concatenate(list(b["hu"]), axis=1))
            masks.append(np.concatenate(list(b["mask"]), axis=1))
        hu = np.concatenate(tiles, axis=0)
        mask = np.concatenate(masks, axis=0).astype(np.float32)
        self.data_view.set_window(400, 40)
        self.data_view.set_slice(hu, [(mask, TRUTH)])
        self._data_drawn = True

    # --- tabs and parameters -----------------------------------------------------------------------------
    def _on_tab_changed(self, index: int) -> None:
        if index == TAB_DATA and not self._data_drawn:
            self._draw_samples()
        if self._syncing or index not in EXPERIMENT_OF_TAB:
            return
        experiment = EXPERIMENT_OF_TAB[index]
        if self._params.get("experiment") != experiment:
            self.panel.set_values({"experiment": experiment})
            self._on_params_changed({"experiment": experiment})

    def _sync_tab(self, experiment: str) -> None:
        tab = TAB_SHIFT if experiment == "domain-shift" else TAB_TRAIN
        if self.tabs.currentIndex() in EXPERIMENT_OF_TAB and self.tabs.currentIndex() != tab:
            self._syncing = True
            self.tabs.setCurrentIndex(tab)
            self._syncing = False

    def _on_params_changed(self, values: dict) -> None:
        super()._on_params_changed(values)
        if "experiment" in values:
            self._sync_tab(values["experiment"])
        if self._data_drawn and ({"size", "lesion_rate"} & set(values)):
            self._draw_samples()

    def set_params(self, values: dict) -> None:
        super().set_params(values)
        if "experiment" in values:
            self._sync_tab(values["experiment"])

    # --- the LabView contract ------------------------------------------------------------------------------
    def show_snapshot(self, s: dict) -> None:
        if "state" not in s and not s.get("playing") and self.controller is not None:
            self.controller.custom("send_state")  # Save writes the weights of the step shown
        saved = s.get("saved_data")
        if isinstance(saved, dict) and self.own.volume is None and not self.own.restored:
            self.own.restore_file_state(saved)  # an experiment reopened with its own slice
        if s.get("experiment") == "domain-shift" and "shift" in s:
            self._show_shift(s)
        elif "slice" in s:
            self._show_train(s)

    def figures(self) -> dict:
        train = {"slice": self.slice_view, "probability": self.prob_view, "scores": self.curves_plot,
                 "worst_slices": self.strip}
        shift = {"domain_shift": self.shift_plot, "domain_shift_curves": self.shift_curves_plot}
        rest = {"your_slice": self.own.canvas, "synthetic_data": self.data_view}
        snap = self.last_snapshot or {}
        if snap.get("user_result") is not None and self.own.volume is None:
            # a headless run with --input: its main figure is that slice with its mask
            return {"your_slice": self.own.canvas, **train, **shift, "synthetic_data": self.data_view}
        experiment = snap.get("experiment", self._params.get("experiment"))
        first, second = (shift, train) if experiment == "domain-shift" else (train, shift)
        return {**first, **second, **rest}

    def on_reset(self) -> None:
        self._drawn = {}
        self.curves.clear()
        self.shift_chart.clear()
        self.strip.blank()
        self.slice_view.show_box(None)

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        if not hasattr(self, "tabs"):
            return
        for p in (self.curves_plot, self.shift_plot, self.shift_curves_plot):
            for side in ("left", "bottom"):
                p.item.getAxis(side).enableAutoSIPrefix(False)
            p.apply_theme(theme)
        for p in (self.slice_view, self.prob_view, self.strip, self.data_view):
            p.apply_theme(theme)
        self.own.apply_theme(theme)
        self.curves.apply_theme(theme)
        self.shift_chart.apply_theme(theme)
        self.bars_home.setOpts(pen=pg.mkPen(theme.foreground, width=1))
        self.bars_away.setOpts(pen=pg.mkPen(theme.foreground, width=1))
        font = pg.QtGui.QFont()
        font.setPointSizeF(theme.font_pt * 0.9)
        for t in self.shift_values:
            t.setFont(font)
        if self.last_snapshot is not None:
            self._drawn = {}
            self.show_snapshot(self.last_snapshot)

    def start_session(self, *args, **kwargs) -> None:
        super().start_session(*args, **kwargs)
        own = getattr(self, "own", None)  # (not yet there while a staged build runs: nothing opened)
        if own is not None and own.volume is not None and kwargs.get("data") is None:
            own._remember()  # a new session (another device, a reopened file) keeps the open slice

    # --- experiment files: the opened slice and its window travel with the experiment ----------------------
    def file_state(self) -> dict:
        """The opened slice's path, slice index and window: the experiment's `data` section, kept by
        the session (custom "remember_file") so that Save writes it and reopening brings it back."""
        self.finish_building()  # the panel that holds the slice
        return self.own.file_state()

    def restore_file_state(self, data: dict) -> None:
        self.finish_building()
        self.own.restore_file_state(data)
