"""The loop a worker runs: train as fast as allowed, draw at the display's pace.

`Runner` is the whole policy, with no process, pipe or Qt in it, so tests drive it with a fake clock:
it takes commands (`handle`), trains one epoch per `tick` while playing, checks for divergence and
stop conditions after every epoch, and produces a snapshot only when a frame is due (about 30 per
second) *and* the window has acknowledged the previous one. That credit of one frame is what makes a
slow redraw skip frames instead of piling them up ("latest wins").

Commands are dicts with an "op"; events are dicts with an "ev". Every command that starts a new run
(open, reset, a structural apply) carries a run id, and every event carries the run id it belongs to,
so the window can drop what an older run still had in flight.
"""
from __future__ import annotations

import importlib
import math
import time
import traceback
from collections import deque
from typing import Any, Callable

from playground.core.i18n import N_, set_language, tr
from playground.core.train.session import SessionError, TrainingSession
from playground.core.train.params import ParamError

__all__ = ["Runner", "load_factory", "DIVERGED_MESSAGE"]

DIVERGED_MESSAGE = N_("Training diverged (the loss became {loss}): lower the learning rate and press Reset.")


def load_factory(path: str) -> Callable[..., TrainingSession]:
    """'package.module:Class' -> the class (how a lab names its session without importing it)."""
    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


def _fresh(open_cmd: dict) -> dict:
    """An open command without the weights it restores (nor a fallback): for opening again with
    other values, whose model those weights no longer fit."""
    return {k: v for k, v in open_cmd.items() if k not in ("state", "epoch", "curves", "fallback_params")}


class Runner:
    def __init__(self, clock: Callable[[], float] = time.perf_counter, frame_interval: float = 1 / 30,
                 rate_window: float = 0.5):
        self.clock = clock
        self.frame_interval = frame_interval
        self.rate_window = rate_window
        self.session: TrainingSession | None = None
        self.factory_path = ""
        self.run = 0
        self.playing = False
        self.max_rate: float | None = None  # epochs per second; None = as fast as possible
        self.awaiting_ack = False
        self.dirty = True  # something changed since the last frame
        self.last_frame = -math.inf
        self.next_step_at = -math.inf
        self._epoch_times: deque[float] = deque()
        self.quit = False
        self.device = "cpu"
        self.seq = 0  # the number of the last command handled, echoed in frames (see is_current)
        self._last_error: str | None = None  # an error is reported once, not once per frame
        # The last "open" that failed (a combination the lab refuses) and why: with no session, the
        # commands that follow are answered with that reason instead of being ignored.
        self._failed_open: tuple[dict, str] | None = None

    # --- commands ----------------------------------------------------------------------------------
    def handle(self, cmd: dict) -> list[dict]:
        op = cmd.get("op")
        if "run" in cmd:
            self.run = int(cmd["run"])
        if "seq" in cmd:
            self.seq = int(cmd["seq"])
        if op not in ("ack", "speed", "snapshot"):
            self._last_error = None  # the user did something: a new failure is news again
        try:
            if "language" in cmd:
                set_language(cmd["language"])
            if op == "open":
                return self._open_or_explain(cmd)
            if op == "quit":
                self.quit = True
                self.playing = False
                return []
            if op == "ack":
                self.awaiting_ack = False
                return []
            if op == "speed":
                rate = cmd.get("epochs_per_s")
                self.max_rate = float(rate) if rate else None
                self.next_step_at = -math.inf
                return []
            if op == "load_experiment":
                return self._load_experiment(cmd)
            if op == "save_experiment":
                return self._save_experiment(cmd)
            if self.session is None:
                return self._without_session(op, cmd)
            if op == "play":
                self.playing = not self.session.finished
                self._epoch_times.clear()
                self.dirty = True
                return []
            if op == "pause":
                self.playing = False
                self.dirty = True
                return self._frame(force=True)
            if op == "step":
                self.playing = False
                return self._train(int(cmd.get("n", 1))) + self._frame(force=True)
            if op == "reset":
                self.playing = False
                self.session.reset(cmd.get("seed"))
                self.dirty = True
                return self._frame(force=True)
            if op == "apply":
                self.session.apply(cmd.get("params", {}))
                self.dirty = True
                return self._frame(force=True)
            if op == "snapshot":
                return self._frame(force=True)
            if op == "rewind":
                # Scrubbing the timeline: back to a kept epoch, paused; Play goes on from there.
                self.playing = False
                self.session.rewind(int(cmd.get("epoch", 0)))
                self.dirty = True
                return self._frame(force=True)
            if op == "custom":
                # Lab-specific actions (edit a weight, add a point, measure a cost): the session
                # validates its own arguments and raises SessionError for bad ones.
                custom = getattr(self.session, "custom", None)
                if custom is None:
                    raise SessionError(tr("this lab has no action {name!r}", name=cmd.get('name')))
                custom(cmd["name"], **cmd.get("kwargs", {}))
                self.dirty = True
                return self._frame(force=True)
        except (SessionError, ParamError) as exc:
            self.playing = False
            return self._error(str(exc))
        except Exception as exc:  # noqa: BLE001 - anything a lab raises reaches the user as a message
            self.playing = False
            return self._error_event(exc)
        return self._error(tr("unknown command {op!r}", op=op))

    def _load_experiment(self, cmd: dict) -> list[dict]:
        """Read and check a large experiment file here, not in the window: json parsing holds the
        GIL, so in the window it would freeze every widget for seconds. Training pauses meanwhile."""
        from playground.core.train.experiment import ExperimentError, load_experiment

        token = cmd.get("token")
        try:
            exp = load_experiment(cmd["path"])
        except ExperimentError as exc:
            return [{"ev": "loaded", "run": self.run, "token": token, "error": str(exc)}]
        return [{"ev": "loaded", "run": self.run, "token": token, "experiment": exp}]

    def _save_experiment(self, cmd: dict) -> list[dict]:
        """Write the open session to an experiment file, here: its parameters, weights and curves are
        the session's own after every command sent before this one (consistent by construction), and
        encoding a large net's JSON (seconds for the activations lab's deep races) holds this
        process, not the window."""
        from playground.core.train.experiment import ExperimentError, save_experiment

        token = cmd.get("token")

        def answer(**what) -> list[dict]:
            return [{"ev": "saved", "run": self.run, "token": token, **what}]

        s = self.session
        if s is None:
            reason = self._failed_open[1] if self._failed_open else tr("no lab is open")
            return answer(error=tr("there is no model to save ({reason})", reason=reason.rstrip(". ")))
        try:
            s.full_snapshot = True
            snap = s.snapshot()
        finally:
            s.full_snapshot = False
        state = snap.get("state")
        if state is None:
            state = s.state()
        try:
            save_experiment(cmd["path"], str(cmd.get("lab", "")), dict(s.params), state, int(s.epoch),
                            view={"device": self.device, "curves": snap.get("curves") or {}},
                            data=snap.get("saved_data"))
        except ExperimentError as exc:
            return answer(error=str(exc))
        return answer(path=str(cmd["path"]))

    def _open_or_explain(self, cmd: dict) -> list[dict]:
        """Open; if the lab refuses and the command names values known to work ("fallback_params":
        a restarted worker's last frame), open with those instead, fresh, after the refusal."""
        try:
            events = self._open(cmd)
        except Exception as exc:  # noqa: BLE001 - reported as the lab's own refusal below
            self.session = None
            message = str(exc) if isinstance(exc, (SessionError, ParamError)) else f"{type(exc).__name__}: {exc}"
            self._failed_open = (cmd, message)
            fallback = cmd.get("fallback_params")
            if not isinstance(fallback, dict):
                raise
            try:
                events = self._open({**_fresh(cmd), "params": fallback})
            except Exception:  # noqa: BLE001 - the first refusal is the one to read
                self.session = None
                raise exc from None
            self._failed_open = None
            return self._error(message) + events
        self._failed_open = None
        return events

    def _without_session(self, op: str, cmd: dict) -> list[dict]:
        """A command that needs a session when the last open failed. A new setting opens again with
        it (a fresh model: the weights were for the refused one); a request for a frame says there is
        none, and why; play, step and the rest repeat why nothing can train. Before any open: nothing."""
        if self._failed_open is None:
            return []
        failed, reason = self._failed_open
        if op == "apply":
            params = {**failed.get("params", {}), **cmd.get("params", {})}
            return self._open_or_explain({**_fresh(failed), "params": params})
        if op == "snapshot":
            return [{"ev": "no_model", "run": self.run, "seq": self.seq, "message": reason}]
        return self._error(tr("Nothing can train: {reason}. Change that setting to go on.", reason=reason.rstrip(". ")))

    def _open(self, cmd: dict) -> list[dict]:
        self.playing = False
        self.session = None
        self.factory_path = cmd["factory"]
        self.device = cmd.get("device", "cpu")
        factory = load_factory(self.factory_path)
        self.session = factory(cmd.get("params", {}), device=self.device)
        if cmd.get("data") is not None:
            # A user's own points (saved with the experiment): before the weights, which may need
            # their number of classes.
            restore = getattr(self.session, "restore_data", None)
            if restore is None:
                raise SessionError(tr("this lab does not take saved data points"))
            restore(cmd["data"])
        if cmd.get("state") is not None:
            self.session.load_state(cmd["state"], int(cmd.get("epoch", 0)))
            if isinstance(cmd.get("curves"), dict):
                self.session.restore_curves(cmd["curves"])
            self.session.restart_timeline()
        self._epoch_times.clear()
        self.dirty = True
        return self._frame(force=True)

    # --- the loop ----------------------------------------------------------------------------------
    def tick(self) -> list[dict]:
        """One pass of the worker loop: maybe train one epoch, maybe emit a frame."""
        events: list[dict] = []
        if self.playing and self.session is not None:
            now = self.clock()
            if self.max_rate is None or now >= self.next_step_at:
                if self.max_rate is not None:
                    # Pace against a schedule, not the last step, so the average rate is the asked one.
                    base = now if self.next_step_at == -math.inf or now - self.next_step_at > 0.25 else self.next_step_at
                    self.next_step_at = base + 1.0 / self.max_rate
                events += self._train(1)
        events += self._frame()
        return events

    def wait_time(self) -> float:
        """How long the worker may block waiting for a command before the next tick is needed."""
        if self.quit:
            return 0.0
        if self.session is None:
            return 0.5  # nothing to train or draw: sleep until a command comes (no busy loop)
        if self.playing:
            if self.max_rate is None:
                return 0.0
            return max(0.0, min(self.next_step_at, self.last_frame + self.frame_interval) - self.clock())
        if self.dirty and not self.awaiting_ack:
            return max(0.0, self.last_frame + self.frame_interval - self.clock())
        return 0.5

    def _train(self, n: int) -> list[dict]:
        s = self.session
        try:
            s.step(n)
        except (SessionError, ParamError) as exc:
            self.playing = False
            return self._error(str(exc))
        except Exception as exc:  # noqa: BLE001
            self.playing = False
            return self._error_event(exc)
        now = self.clock()
        self._epoch_times.append(now)
        while self._epoch_times and now - self._epoch_times[0] > self.rate_window:
            self._epoch_times.popleft()
        self.dirty = True
        if s.diverged:
            self.playing = False
            return [{"ev": "diverged", "run": self.run,
                     "message": tr(DIVERGED_MESSAGE, loss=s.loss)}] + self._frame(force=True)
        if s.finished:
            was_playing, self.playing = self.playing, False
            if was_playing or n > 0:
                return [{"ev": "finished", "run": self.run, "message": s.finished}] + self._frame(force=True)
        return []

    def epochs_per_second(self) -> float:
        t = self._epoch_times
        if len(t) < 2 or t[-1] - t[0] <= 0:
            return 0.0
        return (len(t) - 1) / (t[-1] - t[0])

    def _frame(self, force: bool = False) -> list[dict]:
        if self.session is None:
            return []
        now = self.clock()
        if not force:
            if not self.dirty or self.awaiting_ack or now - self.last_frame < self.frame_interval:
                return []
        try:
            self.session.full_snapshot = force
            data = self.session.snapshot()
        except Exception as exc:  # noqa: BLE001
            self.playing = False
            # Reported once: a session that cannot draw is not retried every frame (that was a loop
            # of thousands of identical tracebacks); the next command marks it dirty again.
            self.dirty = False
            return self._error_event(exc)
        finally:
            self.session.full_snapshot = False
        data["playing"] = self.playing
        data["epochs_per_s"] = self.epochs_per_second() if self.playing else 0.0
        # Frames keep a schedule, not "interval after the last one": a frame sent a few ms late (the
        # ack came in mid-epoch) must not push every later frame back, or 30/s becomes 27/s.
        due = self.last_frame + self.frame_interval
        self.last_frame = due if not force and 0.0 <= now - due < self.frame_interval else now
        self.awaiting_ack = True
        self.dirty = False
        self._last_error = None
        return [{"ev": "snapshot", "run": self.run, "seq": self.seq, "data": data}]

    def _error(self, message: str, detail: str = "") -> list[dict[str, Any]]:
        """One error event, unless it repeats the last one with nothing done in between."""
        if message == self._last_error:
            return []
        self._last_error = message
        return [{"ev": "error", "run": self.run, "seq": self.seq, "message": message, "detail": detail}]

    def _error_event(self, exc: BaseException) -> list[dict[str, Any]]:
        return self._error(f"{type(exc).__name__}: {exc}", traceback.format_exc())
