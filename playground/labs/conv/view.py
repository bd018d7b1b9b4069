"""The convolution lab's view: five tabs (the convolution stepper, pooling, receptive fields,
parameter counts, the trained CNN).

The app's transport drives whichever stepper is shown (local_steps): Play, Step, Back and Reset slide
the kernel in the Convolution and Pooling tabs; on the other tabs they train the CNN in the worker.
The stepper's settings live in the lab's parameters (without reaching the worker: they never reset
the CNN), so an experiment file keeps them.
"""
from __future__ import annotations

from collections.abc import Generator

import numpy as np
from PySide6.QtWidgets import QTabWidget, QWidget

from playground.labs.conv.text import TEXT
from playground.labs.conv.view_params import ParamCountPanel
from playground.labs.conv.view_rf import ReceptiveFieldPanel
from playground.labs.conv.view_pool import PoolStepper
from playground.labs.conv.view_stepper import ConvStepper
from playground.labs.conv.view_train import TrainPanel
from playground.ui.i18n import QT_TR_NOOP, add_tab, tr
from playground.ui.lab_view import LabView
from playground.ui.theme import Theme

__all__ = ["ConvLab"]

STEPPER_KEYS = ("input", "kernel", "kernel_preset", "padding", "padding_mode", "stride", "dilation",
                "output_padding", "bias", "stepper_channels")


# The tabs' English names: scenes and saved views name a tab by them, in any language.
TABS = (QT_TR_NOOP("Convolution"), QT_TR_NOOP("Pooling"), QT_TR_NOOP("Receptive fields"), QT_TR_NOOP("Parameters"),
        QT_TR_NOOP("CNN training"))


class ConvLab(LabView):
    lesson_html = TEXT["lesson"]  # English; lesson_text() gives the window's language
    local_steps = True

    def lesson_text(self) -> str:
        return TEXT["lesson"]

    def build_content(self) -> Generator[None, None, QWidget]:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("conv_tabs")
        self.stepper = ConvStepper(self.theme)
        yield  # (a piece per turn of the event loop: see LabView.build_content)
        self.pooling = PoolStepper(self.stepper, self.theme)
        yield
        self.rf = ReceptiveFieldPanel(self.theme)
        self.counts = ParamCountPanel(self.theme)
        yield
        self.train = TrainPanel(self.theme)
        yield
        for w, name in zip((self.stepper, self.pooling, self.rf, self.counts, self.train), TABS):
            add_tab(self.tabs, w, name)
        self.stepper.seed = int(self._params.get("seed", 0))
        self.stepper.changed.connect(self._on_stepper_changed)
        self.train.example_selected.connect(self._on_example)
        self.train.drawing_changed.connect(self._on_drawing)
        self.tabs.currentChanged.connect(self._on_tab)
        self._stepper_version = 0
        self._undrawn: dict | None = None
        yield
        self.apply_theme(self.theme)
        return self.tabs

    # --- the transport ------------------------------------------------------------------------------------
    def is_playing_locally(self) -> bool:
        return any(s.timer.isActive() for s in (self.stepper, self.pooling))

    def local_transport(self, action: str) -> bool:
        current = self.tabs.currentWidget()
        if current is self.stepper or current is self.pooling:
            current.transport(action)
            if action == "play":
                self.status_changed.emit(tr("Sliding the kernel: Space pauses, ← and → step") if current.playing
                                         else tr("Paused: → steps, ← goes back"))
            return True
        return False

    def _on_tab(self, _i: int) -> None:
        for s in (self.stepper, self.pooling):
            if s is not self.tabs.currentWidget():
                s.timer.stop()
        if self.tabs.currentWidget() is self.train and self._undrawn is not None:
            snap, self._undrawn = self._undrawn, None
            self.train.show_snapshot(snap)

    # --- parameters ----------------------------------------------------------------------------------------
    def _on_stepper_changed(self) -> None:
        # Kept for saving, never applied: the stepper runs here and must not reset the CNN. The
        # values themselves (typed cells, an opened image) ride in the session's state for saving.
        self._params.update(self.stepper.settings())
        if self.controller is not None:
            # The session keeps the settings with the values, so that a frame's parameters and
            # state always describe the same stepper (a save takes both from one frame).
            self.controller.custom("stepper", input=self.stepper.x.tolist(), kernel=self.stepper.w.tolist(),
                                   settings=self.stepper.settings())

    def _on_params_changed(self, values: dict) -> None:
        super()._on_params_changed(values)
        if "seed" in values:
            self.stepper.seed = int(values["seed"])  # the next random input follows the seed

    def set_params(self, values: dict) -> None:
        super().set_params(values)
        stepper = {k: values[k] for k in STEPPER_KEYS if k in values}
        if stepper:
            self.stepper.seed = int(values.get("seed", self.stepper.seed))
            self.stepper.set_settings({**self.stepper.settings(), **stepper})

    def _on_example(self, i: int) -> None:
        if self.controller is not None:
            self.controller.custom("select", index=int(i))

    def _on_drawing(self, pixels) -> None:
        if self.controller is not None:
            self.controller.custom("classify", image=pixels.tolist())

    # --- frames -----------------------------------------------------------------------------------------
    def show_snapshot(self, snap: dict) -> None:
        if "stepper" in snap:  # a headless stepper run (playground run conv --export): draw its numbers
            r = snap["stepper"]
            self.stepper.transposed.setChecked(bool(r.get("transposed")))
            self.stepper.set_settings(r["settings"])
            self.stepper.set_values(np.array(r["input"])[None], np.array(r["kernel"])[None])
            return
        self._trained_headless = self.controller is None  # `--train ... --export`: the curves lead
        values = snap.get("stepper_values")
        if values is not None and values["version"] != self._stepper_version:
            # An experiment file brought the stepper's values back: show them once.
            self._stepper_version = values["version"]
            if values["version"] > 0:
                self.stepper.set_values(values["input"], values["kernel"])
        self.readout.setText(self.train.summary_text(snap))
        if self.tabs.currentWidget() is self.train:
            self.train.show_snapshot(snap)
        else:
            self._undrawn = snap  # drawn when its tab is shown: hidden plots cost a frame for nothing

    def on_reset(self) -> None:
        self.train.clear_curves()
        self._undrawn = None
        self._stepper_version = 0

    def figures(self) -> dict:
        if self._undrawn is not None:  # an export of a hidden tab's plot shows the newest frame
            snap, self._undrawn = self._undrawn, None
            self.train.show_snapshot(snap)
        if getattr(self, "_trained_headless", False):
            figs = dict(self.train.figures())
            figs.update({QT_TR_NOOP("stepper"): self.stepper.canvas})
            return figs
        # English keys (file names, scenes); the export dialog shows tr(key)
        figs = {QT_TR_NOOP("stepper"): self.stepper.canvas, QT_TR_NOOP("pooling"): self.pooling.canvas,
                QT_TR_NOOP("shift experiment"): self.pooling.shift_canvas,
                QT_TR_NOOP("receptive field"): self.rf.canvas, QT_TR_NOOP("parameter counts"): self.counts.plot}
        figs.update(self.train.figures())
        return figs

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        for panel in (self.stepper, self.pooling, self.rf, self.counts, self.train):
            panel.apply_theme(theme)
