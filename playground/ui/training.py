"""The window's side of the training worker: one owner of the worker process, latest-wins rendering.

The worker (playground.core.train.worker) is a separate process, started once with `spawn` and kept warm:
tiny numpy steps hold the GIL and would starve the window if they ran in a thread (design.md, section
3). This controller sends commands down a pipe and polls for events on a short timer without ever
blocking. Of the snapshots waiting, only the newest of the current run is drawn, then acknowledged,
which lets the worker send the next one: a slow redraw skips frames instead of queueing them.
Snapshots of an older run (before a Reset) are dropped by run id. If the worker dies it is restarted
with the last weights it reported, and the user is told.
"""
from __future__ import annotations

import multiprocessing as mp
import os
import queue
import time
from typing import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from playground.core import i18n as core_i18n
from playground.core.train.worker import Channel, ChannelClosed, channel_pair, worker_main
from playground.ui.i18n import tr

__all__ = ["TrainingController", "resume_point"]


def resume_point(snap: dict | None) -> dict:
    """What reopening a session needs to continue from a frame: its weights, epoch, curves and the
    user's own points if any (open_session's keyword arguments); empty when the frame has no weights."""
    if not snap or snap.get("state") is None:
        return {}
    point = {"state": snap["state"], "epoch": snap.get("epoch", 0), "curves": snap.get("curves")}
    if snap.get("saved_data") is not None:  # a user's own points: they come back too
        point["data"] = snap["saved_data"]
    return point


class TrainingController(QObject):
    snapshot_ready = Signal(dict)
    error_raised = Signal(str, str)  # message, details (a traceback, or "")
    diverged = Signal(str)
    finished = Signal(str)
    worker_ready = Signal(dict)  # torch version, devices, why the others are unavailable
    worker_restarted = Signal(str)
    playing_changed = Signal(bool)

    POLL_MS = 8
    # Unwritten commands before the worker counts as hung (it reads in a thread, so only a stuck or
    # still-starting process lets them pile up; a storm of slider moves is far below this).
    MAX_PENDING = 4096

    def __init__(self, parent=None, start: bool = True):
        super().__init__(parent)
        self._ctx = mp.get_context("spawn")
        self._proc = None
        self._channel: Channel | None = None
        self._seq = 0          # every command's number, echoed by the worker in its events
        self._changed_seq = 0  # the last command that changed the model (open, apply, reset, edit)
        self.last_snapshot_seq = -1
        self.last_snapshot_run = -1
        self._awaiting: list[tuple[Callable, float]] = []  # request_current callbacks, deadlines
        self._loads: dict[int, Callable[[dict], None]] = {}  # load_experiment callbacks by token
        self._saves: dict[int, Callable[[dict], None]] = {}  # save_experiment callbacks by token
        self._file_token = 0  # one counter for both: a token names one file request
        self.run_id = 0
        self.playing = False
        self.info: dict = {}
        self.last_snapshot: dict | None = None
        self.no_model_reason: str | None = None  # why the worker has no session (its open failed)
        self._open_cmd: dict | None = None
        self._asked_at: float | None = None  # when a new run was asked for whose first frame has not come
        self._speed: float | None = None
        self._closing = False
        self._timer = QTimer(self)
        self._timer.setInterval(self.POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._health = QTimer(self)
        self._health.setInterval(500)
        self._health.timeout.connect(self._check_alive)
        if start:
            self.start()

    # --- process lifetime -----------------------------------------------------------------------------
    def start(self) -> None:
        # One BLAS/OpenMP thread in the worker: on two cores, extra threads spin against the window
        # for the CPU, and tiny matrices gain nothing from them (spiral 6x8: 90 -> 400 epochs/s).
        # The spawned child reads these when it imports numpy and torch; a user's own setting wins.
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")
        mine, theirs = channel_pair(self._ctx)
        self._proc = self._ctx.Process(target=worker_main, args=theirs, daemon=True,
                                       name="playground-worker")
        self._proc.start()
        for end in theirs:
            end.close()  # the child has its copies; closing ours lets us see EOF if it dies
        # Never blocks the GUI thread: a writer thread sends, a reader thread receives (worker.py).
        self._channel = Channel(*mine, max_in=64, max_out=self.MAX_PENDING, name="window")
        self._closing = False
        self._timer.start()
        self._health.start()

    @property
    def pid(self) -> int | None:
        return self._proc.pid if self._proc is not None else None

    def is_alive(self) -> bool:
        return self._proc is not None and self._proc.is_alive()

    def shutdown(self, timeout: float = 1.5) -> None:
        """Stop the worker: ask politely, then terminate; returns within about `timeout` + 0.5 s."""
        self._closing = True
        self._timer.stop()
        self._health.stop()
        if self._proc is None:
            return
        try:
            self._channel.send({"op": "quit"}, block=False)
        except (ChannelClosed, queue.Full):
            pass
        self._stop_process(self._proc, timeout)
        self._channel.close(join_timeout=0.2)
        self._proc = None

    @staticmethod
    def _stop_process(proc, timeout: float) -> None:
        proc.join(timeout)
        if proc.is_alive():
            proc.terminate()
            proc.join(0.5)
        if proc.is_alive():
            proc.kill()
            proc.join(0.5)

    def _restart(self, why: str) -> None:
        old = self._proc
        if old is not None:
            if old.is_alive():
                old.kill()
            old.join(1.0)
        if self._channel is not None:
            self._channel.close(join_timeout=0.2)  # its peer is gone: its threads end at once
        self.start()
        self._fail_awaiting()  # that frame will not come: the caller says so (a save is not written)
        loads, self._loads = self._loads, {}
        for callback in loads.values():
            callback({"error": tr("the training worker stopped while reading the file")})
        saves, self._saves = self._saves, {}
        for callback in saves.values():
            callback({"error": tr("the training worker stopped before writing the file")})
        if self._speed is not None:
            self._send({"op": "speed", "epochs_per_s": self._speed})
        if self._open_cmd is not None:
            # Reopen where the user was: the last weights the window saw, same parameters; unless
            # that frame came from before a structural change, whose weights no longer fit.
            cmd = dict(self._open_cmd)
            if self.last_snapshot_run == self.run_id:
                cmd.update(resume_point(self.last_snapshot))
            elif isinstance((self.last_snapshot or {}).get("params"), dict):
                # A change sent but never shown (the worker died first) may be one the lab refuses:
                # then it reopens with what it last ran, and the refusal reaches the panel.
                cmd["fallback_params"] = dict(self.last_snapshot["params"])
            cmd["run"] = self._new_run()
            self.last_snapshot = None
            self._send(cmd)
        self._set_playing(False)
        self.worker_restarted.emit(why)

    def _check_alive(self) -> None:
        if not self._closing and self._proc is not None and not self._proc.is_alive():
            code = self._proc.exitcode
            self._restart(tr("The training worker stopped unexpectedly (exit code {code}); it was "
                             "restarted with the last weights shown. Press Play to continue.", code=code))

    # --- commands -------------------------------------------------------------------------------------
    def _send(self, cmd: dict) -> None:
        if self._channel is None or self._closing:
            return
        self._seq += 1
        cmd["seq"] = self._seq
        if cmd.get("op") not in ("ack", "speed", "play", "pause", "snapshot", "quit", "save_experiment"):
            self._changed_seq = self._seq  # a frame from before this one no longer shows the model
        try:
            self._channel.send(cmd, block=False)
        except queue.Full:
            # MAX_PENDING commands unwritten: the worker has stopped reading its pipe.
            self._restart(tr("The training worker stopped answering; it was restarted with the last "
                             "weights shown."))
        except ChannelClosed:
            self._restart(tr("The training worker could not be reached; it was restarted."))

    def _new_run(self) -> int:
        self.run_id += 1
        self._asked_at = time.monotonic()
        return self.run_id

    def waiting_s(self) -> float | None:
        """Seconds since a new run (an open, a new structure, a reset) was asked for while its first
        frame has not come: the worker is building it (a 128-px segmentation set takes seconds).
        None when nothing is awaited."""
        return None if self._asked_at is None else time.monotonic() - self._asked_at

    def open_session(self, factory: str, params: dict, device: str = "cpu", state=None,
                     epoch: int = 0, curves: dict | None = None, data: dict | None = None) -> None:
        self._set_playing(False)
        self.last_snapshot = None
        # The worker writes its messages in the window's language (the core catalogue).
        cmd = {"op": "open", "factory": factory, "params": dict(params), "device": device,
               "run": self._new_run(), "language": core_i18n.language()}
        self._open_cmd = dict(cmd)
        if data is not None:
            cmd["data"] = data
        if state is not None:
            cmd["state"], cmd["epoch"] = state, epoch
            if curves:
                cmd["curves"] = curves
        self._send(cmd)

    def play(self) -> None:
        self._send({"op": "play"})
        self._set_playing(True)

    def pause(self) -> None:
        self._send({"op": "pause"})
        self._set_playing(False)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def step(self, n: int = 1) -> None:
        self._set_playing(False)
        self._send({"op": "step", "n": int(n)})

    def reset(self, seed: int | None = None) -> None:
        self._set_playing(False)
        cmd = {"op": "reset", "run": self._new_run()}
        if seed is not None:
            cmd["seed"] = int(seed)
        self._send(cmd)

    def apply(self, params: dict, structural: bool) -> None:
        """New parameter values: live ones keep training; a structural change starts a new run."""
        cmd = {"op": "apply", "params": dict(params)}
        if self._open_cmd is not None:
            self._open_cmd["params"] = {**self._open_cmd["params"], **params}
        if structural:
            cmd["run"] = self._new_run()
            self._set_playing(False)
        self._send(cmd)

    def set_speed(self, epochs_per_s: float | None) -> None:
        self._speed = epochs_per_s
        self._send({"op": "speed", "epochs_per_s": epochs_per_s})

    def custom(self, name: str, **kwargs) -> None:
        self._send({"op": "custom", "name": name, "kwargs": kwargs})

    def remember_params(self, params: dict) -> None:
        """The parameters a restarted worker reopens the session with (a comparison's panes)."""
        if self._open_cmd is not None:
            self._open_cmd["params"] = dict(params)

    def rewind(self, epoch: int) -> None:
        """Back to the latest kept epoch at or before `epoch` (a new run: older frames are dropped)."""
        self._set_playing(False)
        self._send({"op": "rewind", "epoch": int(epoch), "run": self._new_run()})

    def load_experiment(self, path: str, callback: Callable[[dict], None]) -> None:
        """Have the worker read and check an experiment file; `callback({"experiment": exp})` or
        `callback({"error": message})` follows, here on the GUI thread."""
        self._file_token += 1
        self._loads[self._file_token] = callback
        self._send({"op": "load_experiment", "path": str(path), "token": self._file_token})

    def save_experiment(self, path: str, lab_id: str, callback: Callable[[dict], None]) -> None:
        """Have the worker write the open session to an experiment file, after every command sent so
        far; `callback({"path": path})` or `callback({"error": message})` follows, on the GUI thread."""
        self._file_token += 1
        self._saves[self._file_token] = callback
        self._send({"op": "save_experiment", "path": str(path), "lab": lab_id, "token": self._file_token})

    def _set_playing(self, on: bool) -> None:
        if on != self.playing:
            self.playing = on
            self.playing_changed.emit(on)

    # --- a frame that shows the model as it is now (for saving) ----------------------------------------
    def is_current(self, snap: dict | None = None) -> bool:
        """True when `snap` (default: the last one) came after every command that changed the model:
        its weights, parameters and data belong together and to what the window shows."""
        snap = self.last_snapshot if snap is None else snap
        return (snap is not None and snap is self.last_snapshot
                and self.last_snapshot_seq >= self._changed_seq)

    def request_current(self, callback: Callable[[dict | None], None], timeout_s: float = 20.0) -> None:
        """Call `callback(snapshot)` with a full frame (curves included) taken after every command
        sent so far, or `callback(None)` if none came within `timeout_s`. Never waits here."""
        self._awaiting.append((callback, time.monotonic() + timeout_s))
        self._send({"op": "snapshot"})
        # the snapshot command is not a change, but its answer must come after it
        self._wanted_seq = self._seq

    def _fail_awaiting(self) -> None:
        awaiting, self._awaiting = self._awaiting, []
        for callback, _deadline in awaiting:
            callback(None)

    def _deliver_current(self, snap: dict | None, seq: int) -> None:
        if not self._awaiting:
            return
        now = time.monotonic()
        keep = []
        for callback, deadline in self._awaiting:
            if snap is not None and seq >= getattr(self, "_wanted_seq", 0) and seq >= self._changed_seq \
                    and snap.get("curves") is not None:
                callback(snap)
            elif now > deadline:
                callback(None)
            else:
                keep.append((callback, deadline))
        self._awaiting = keep

    # --- events ---------------------------------------------------------------------------------------
    def _poll(self) -> None:
        if self._channel is None:
            return
        newest = None
        newest_seq = -1
        # Bounded: never spend more than a few ms here even if the worker floods us; the rest waits
        # in the channel's bounded inbox (and the worker waits on it, never the window).
        deadline = time.perf_counter() + 0.005
        try:
            while time.perf_counter() < deadline:
                try:
                    ev = self._channel.recv(0)
                except queue.Empty:
                    break
                kind = ev.get("ev")
                current = ev.get("run") == self.run_id
                if kind == "ready":
                    self.info = ev["info"]
                    self.worker_ready.emit(self.info)
                elif kind == "saved":  # a file written for the window, whatever the run
                    callback = self._saves.pop(ev.get("token"), None)
                    if callback is not None:
                        callback(ev)
                elif kind == "loaded":  # a file read for the window, whatever the run
                    callback = self._loads.pop(ev.get("token"), None)
                    if callback is not None:
                        callback(ev)
                elif not current:
                    if kind == "snapshot":
                        # The worker still waits for an acknowledgement of this frame.
                        self._send({"op": "ack"})
                elif kind == "snapshot":
                    if newest is not None:
                        self._send({"op": "ack"})
                    newest, newest_seq = ev["data"], int(ev.get("seq", 0))
                elif kind == "no_model":
                    # The last open failed (its error came already): no frame will come for a save.
                    self.no_model_reason = ev.get("message", "")
                    self._asked_at = None
                    self._fail_awaiting()
                elif kind == "error":
                    self._asked_at = None  # a refused structure: the old run goes on, its frames say so
                    self._set_playing(False)
                    self.error_raised.emit(ev.get("message", "error"), ev.get("detail", ""))
                elif kind == "diverged":
                    self._set_playing(False)
                    self.diverged.emit(ev["message"])
                elif kind == "finished":
                    self._set_playing(False)
                    self.finished.emit(ev["message"])
        except ChannelClosed:
            if not self._closing:
                self._check_alive()
            return
        if newest is not None:
            self._asked_at = None
            self.last_snapshot = newest
            self.last_snapshot_seq = newest_seq
            self.last_snapshot_run = self.run_id
            self.no_model_reason = None
            if newest_seq >= self._changed_seq and self._open_cmd is not None \
                    and isinstance(newest.get("params"), dict):
                # Every change sent so far is in this frame, taken or refused: these are the values
                # the session runs with, the ones a restarted worker must reopen with (a refused
                # value there would make the reopen fail, and the lab train nothing).
                self._open_cmd["params"] = dict(newest["params"])
            self.snapshot_ready.emit(newest)
            self._send({"op": "ack"})
        self._deliver_current(newest, newest_seq)
