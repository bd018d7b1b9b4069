"""The recurrent networks lab view: Unroll, Training, Text, Memory race and CNN vs RNN, one tab each.

The Unroll tab is a stepper the app's transport drives without the worker (local_transport): Step,
Back, Play and Reset walk through time, computed here in numpy from the session's latest weights (or
the seeded ones before the first frame, which are the same numbers). On every other tab the
transport trains in the worker as in any lab.
"""
from __future__ import annotations

import math
import time
from collections.abc import Generator

import numpy as np
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from playground.labs.rnn import core
from playground.labs.rnn.cells import CELL_LABELS, CELLS
from playground.labs.rnn.lesson import text
from playground.labs.rnn.tasks import TASK_LABELS, TASKS, input_label
from playground.labs.rnn.texts import SAMPLE_TEXT, decode
from playground.labs.rnn.view_race import RacePanel
from playground.labs.rnn.view_text import TextPanel
from playground.labs.rnn.view_training import TrainingPanel
from playground.labs.rnn.view_unroll import UnrollPanel
from playground.ui.i18n import QT_TR_NOOP, add_tab, current_language, tr
from playground.ui.lab_view import LabView
from playground.ui.theme import Theme

__all__ = ["RnnLab"]

TAB_UNROLL, TAB_TRAINING, TAB_TEXT, TAB_RACE, TAB_LESSON = range(5)
PLAY_INTERVAL_MS = 400
STEPPER_FOLLOW_S = 0.25
_MODEL_KEYS = {"task", "cell", "hidden", "seed", "rollout_k"}


class RnnLab(LabView):
    local_steps = True
    lesson_html = text("side", "en")

    def lesson_text(self) -> str:
        return text("side", current_language())

    text_in_use = SAMPLE_TEXT  # the text the character task trains on (set before the plots exist)

    def build_content(self) -> Generator[None, None, QWidget]:
        self.tabs = QTabWidget()
        self.tabs.setObjectName("rnn_tabs")
        self.unroll = UnrollPanel(self.theme)
        yield  # (a piece per turn of the event loop: see LabView.build_content)
        self.training = TrainingPanel(self.theme)
        yield
        self.text_panel = TextPanel()
        self.race = RacePanel(self.theme)
        yield
        # tabs are named in English for scenes and saved views (add_tab), shown in the window's language
        add_tab(self.tabs, self.unroll, QT_TR_NOOP("Unroll"))
        add_tab(self.tabs, self.training, QT_TR_NOOP("Training"))
        add_tab(self.tabs, self.text_panel, QT_TR_NOOP("Text"))
        add_tab(self.tabs, self.race, QT_TR_NOOP("Memory race"))
        add_tab(self.tabs, self._build_lesson(), QT_TR_NOOP("CNN vs RNN"))
        self.play_timer = QTimer(self)
        self.play_timer.setInterval(PLAY_INTERVAL_MS)
        self.play_timer.timeout.connect(self._on_play_tick)
        self.unroll.step_clicked.connect(self.go_to_step)
        self.unroll.weights_edited.connect(self._on_weights_edited)
        self.unroll.seeded_requested.connect(self._on_seeded_requested)
        self.text_panel.text_chosen.connect(self._on_text_chosen)
        self.text_panel.set_temperature(self._params["temperature"])
        self.text_panel.set_task_active(self._params["task"] == "chars")
        self.text_panel.temperature_changed.connect(lambda v: self._set_param("temperature", v))
        self.race.start_requested.connect(self.start_race)
        self.race.cancel_requested.connect(self.cancel_race)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self._stepper_dirty = False
        self._weights_taken_at = -math.inf
        yield
        self._weights = core.stepper_weights(self._params)
        self._refresh_stepper(keep_step=True)
        if self._params["experiment"] == "race":
            self.tabs.setCurrentIndex(TAB_RACE)
        return self.tabs

    def _build_lesson(self) -> QWidget:
        w = QWidget()
        box = QVBoxLayout(w)
        label = QLabel(text("cnn_vs_rnn"))
        label.setObjectName("cnn_vs_rnn")
        label.setWordWrap(True)
        label.setTextFormat(Qt.RichText)
        label.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.depth_button = QPushButton(text("depth_link"))
        self.depth_button.setObjectName("depth_link")
        self.depth_button.clicked.connect(self._on_depth_clicked)
        box.addWidget(label)
        box.addWidget(self.depth_button, 0, Qt.AlignLeft)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(w)
        scroll.setWidgetResizable(True)
        return scroll

    # --- the stepper -------------------------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.unroll.t

    def _refresh_stepper(self, keep_step: bool = True) -> None:
        """Recompute the unroll from the current parameters, weights and text."""
        if self.tabs.currentIndex() != TAB_UNROLL:
            self._stepper_dirty = True
            return
        x, _y = core.stepper_inputs(self._params, self.text_in_use)
        labels = [input_label(self._params["task"], xt) for xt in x]
        self.unroll.set_model(self._params["cell"], self._weights, x, self._params["rollout_k"], labels)
        self.unroll.set_step(self._params.get("unroll_step", 0) if keep_step else 0)
        self._params["unroll_step"] = self.unroll.t
        self._stepper_dirty = False

    def go_to_step(self, t: int) -> None:
        self.unroll.set_step(t)
        if self._params.get("unroll_step") != self.unroll.t:
            # a live parameter of the session, so a saved experiment reopens at this step
            self._params["unroll_step"] = self.unroll.t
            if self.controller is not None:
                self.controller.apply({"unroll_step": self.unroll.t}, structural=False)

    def is_playing_locally(self) -> bool:
        return self.play_timer.isActive()

    def local_transport(self, action: str) -> bool:
        if self.tabs.currentIndex() != TAB_UNROLL:
            return False
        if action == "step":
            self._stop_play()
            self.go_to_step(self.step + 1)
        elif action == "back":
            self._stop_play()
            self.go_to_step(self.step - 1)
        elif action == "reset":
            self._stop_play()
            self.go_to_step(0)
        elif action == "play":
            if self.play_timer.isActive():
                self._stop_play()
            else:
                if self.step >= self.unroll.length:
                    self.go_to_step(0)
                self.play_timer.start()
                self._show_playing(True)
        return True

    def _on_play_tick(self) -> None:
        if self.step >= self.unroll.length:
            self._stop_play()
            return
        self.go_to_step(self.step + 1)
        if self.step >= self.unroll.length:
            self._stop_play()

    def _stop_play(self) -> None:
        if self.play_timer.isActive():
            self.play_timer.stop()
            self._show_playing(False)

    @property
    def playing_locally(self) -> bool:
        return self.play_timer.isActive()

    def _show_playing(self, on: bool) -> None:
        # the window's Play button says Pause while the unroll plays (it shows the worker's state otherwise)
        action = getattr(self.window(), "play_action", None)
        if action is not None:
            action.setText(tr("Pause") if on else tr("Play"))
        self.status_changed.emit(tr("Playing the unroll: one step every 0.4 s") if on else tr("Unroll paused"))

    def _on_tab_changed(self, index: int) -> None:
        if index != TAB_UNROLL:
            self._stop_play()
        elif self._stepper_dirty:
            self._refresh_stepper(keep_step=True)
        if self.last_snapshot is not None and index in (TAB_TRAINING, TAB_RACE, TAB_TEXT):
            self.show_snapshot(self.last_snapshot)

    def _on_weights_edited(self, weights: dict) -> None:
        self._weights = {k: np.asarray(v, float) for k, v in weights.items()}
        if self.controller is not None:
            self.controller.custom("set_weights", weights=weights)

    def _on_seeded_requested(self) -> None:
        self._weights = core.stepper_weights(self._params)
        self._refresh_stepper(keep_step=True)
        if self.controller is not None:
            self.controller.custom("set_weights", weights={k: v.tolist() for k, v in self._weights.items()})

    # --- text, race, depth link ----------------------------------------------------------------------------
    def _on_text_chosen(self, chosen: str) -> None:
        self.text_in_use = chosen
        if self.controller is not None:
            self.controller.custom("set_text", text=chosen)
        if self._params["task"] == "chars":
            self._refresh_stepper(keep_step=True)

    def start_race(self) -> None:
        again = self._params.get("experiment") == "race"
        self._set_param("experiment", "race")
        if self.controller is not None:
            if again:  # a race already run (or running) starts over
                self.on_reset()
                self.controller.reset()
            self.controller.play()

    def cancel_race(self) -> None:
        if self.controller is not None:
            self.controller.pause()
        self._set_param("experiment", "train")
        self.race.progress.setFormat(tr("cancelled"))
        self.race.progress.setValue(0)

    def _set_param(self, name: str, value) -> None:
        if self._params.get(name) != value:
            self.panel.set_values({name: value})
            self._on_params_changed({name: value})

    def _on_depth_clicked(self) -> None:
        from playground.registry import lab_ids

        window = self.window()
        if "depth" in lab_ids() and hasattr(window, "open_lab"):
            window.open_lab("depth")
        else:
            self.status_changed.emit(text("depth_missing"))
            self.depth_button.setToolTip(text("depth_missing"))

    # --- parameters ----------------------------------------------------------------------------------------
    def _on_params_changed(self, values: dict) -> None:
        changed = {k for k, v in values.items() if self._params.get(k) != v}
        super()._on_params_changed(values)
        self._after_params(changed)

    def set_params(self, values: dict) -> None:
        changed = {k for k, v in values.items() if self._params.get(k) != v}
        super().set_params(values)
        self._after_params(changed | ({"unroll_step"} if "unroll_step" in values else set()))

    def _after_params(self, changed: set) -> None:
        if changed & _MODEL_KEYS:
            self._weights = core.stepper_weights(self._params)  # trained ones follow with the next frame
        if changed & (_MODEL_KEYS | {"length", "unroll_step"}):
            self._refresh_stepper(keep_step=True)
        if "task" in changed:
            self.text_panel.set_task_active(self._params["task"] == "chars")
        if "temperature" in changed:
            self.text_panel.set_temperature(self._params["temperature"])
        self.text_panel.set_task_active(self._params["task"] == "chars")
        if "experiment" in changed:
            if self._params["experiment"] == "race":
                self.tabs.setCurrentIndex(TAB_RACE)
            elif self.tabs.currentIndex() == TAB_RACE:
                self.tabs.setCurrentIndex(TAB_TRAINING)

    def start_session(self, device: str = "cpu", state=None, epoch: int = 0, curves: dict | None = None,
                      **more) -> None:
        super().start_session(device, state, epoch, curves, **more)
        if self.controller is not None and state is None and self.text_in_use != SAMPLE_TEXT:
            self.controller.custom("set_text", text=self.text_in_use)  # a new session starts from the sample

    # --- the LabView contract ------------------------------------------------------------------------------
    def show_snapshot(self, s: dict) -> None:
        if self.controller is None and isinstance(s.get("params"), dict) and s["params"] != self._params:
            # no worker (an export from the command line): show the settings the frame was made with
            self.set_params({k: v for k, v in s["params"].items() if k in self._params})
        # only the tab on show is drawn; the others draw the newest frame when they are opened
        tab = self.tabs.currentIndex()
        if tab == TAB_RACE and s.get("experiment") == "race":
            self.race.draw(s)
        elif tab == TAB_TRAINING and s.get("experiment") != "race":
            self.training.draw(s)
        elif tab == TAB_TEXT:
            self.text_panel.show_sample(s)
        if s.get("text_note"):
            self.text_panel.message.setText(s["text_note"])
        state = s.get("state")
        now = time.perf_counter()
        # while training, the unroll follows the weights a few times a second: enough to watch
        if state is not None and (not s.get("playing") or now - self._weights_taken_at >= STEPPER_FOLLOW_S):
            self._weights_taken_at = now
            self._take_weights(state)
        loss = s.get("loss")
        acc = (s.get("accuracies") if s.get("accuracies") is not None else [])
        figures = [tr("<b>Epoch {epoch}</b>", epoch=s.get("epoch", 0))]
        if isinstance(loss, float) and math.isfinite(loss):
            figures.append(tr("loss {loss}", loss=f"{loss:.4g}"))
        if len(acc):
            figures.append(tr("accuracy {accuracy}", accuracy=f"{float(acc[-1]):.0%}"))
        what = (tr("{cell} on {task}", cell=tr(CELL_LABELS[CELLS.index(s["cell"])]),
                   task=tr(TASK_LABELS[TASKS.index(s["task"])]).lower())
                if s.get("cell") in CELLS and s.get("task") in TASKS else "")
        if s.get("experiment") == "race":
            figures = figures[:1]
            what = tr("Memory race, {progress}: {current}", progress=f"{s.get('race_progress', 0):.0%}",
                      current=s.get("race_current", ""))
        self.readout.setText(f"<p>{', '.join(figures)}</p><p>{what}</p><p>{s.get('engine', '')}</p>")

    def _take_weights(self, state: dict) -> None:
        """The session's weights drive the stepper, if they fit the parameters shown."""
        if "text" in state:
            codes = np.asarray(state["text"], float)
            session_text = decode(codes[codes >= 0].astype(int))
            if session_text and session_text != self.text_in_use:
                self.text_in_use = session_text
                self.text_panel.show_text(session_text)
        shapes = core.expected_state(self._params)
        weights = {k: np.asarray(v, float) for k, v in state.items() if k != "text"}
        if any(k not in weights or weights[k].shape != tuple(shapes[k]) for k in shapes if k != "text"):
            return  # a frame of the previous model, before a structural change arrived
        if all(np.array_equal(weights[k], self._weights.get(k)) for k in weights):
            return
        self._weights = weights
        self._refresh_stepper(keep_step=True)

    def figures(self) -> dict:
        unroll = {"unroll": self.unroll.diagram, "hidden_state": self.unroll.heat}
        training = self.training.figures()
        race = {"memory_race": self.race.plot}
        snap = self.last_snapshot or {}
        if snap.get("experiment") == "race":
            order = (race, training, unroll)
        elif self.tabs.currentIndex() == TAB_UNROLL and not snap.get("epoch"):
            order = (unroll, training, race)
        else:
            order = (training, unroll, race)
        out: dict = {}
        for part in order:
            out.update(part)
        return out

    def on_reset(self) -> None:
        self.training.clear()
        self._stop_play()

    def apply_theme(self, theme: Theme) -> None:
        super().apply_theme(theme)
        if not hasattr(self, "tabs"):
            return
        self.unroll.apply_theme(theme)
        self.training.apply_theme(theme)
        self.race.apply_theme(theme)
        if self.last_snapshot is not None:
            self.show_snapshot(self.last_snapshot)
