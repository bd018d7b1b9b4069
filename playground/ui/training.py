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
import time

from PySide6.QtCore import QObject, QTimer, Signal

from playground.core.train.worker import worker_main

__all__ = ["TrainingController", "resume_point"]


def resume_point(snap: dict | None) -> dict:
    """What reopening a session needs to continue from a frame: its weights, epoch and curves
    (open_session's keyword arguments); empty when the frame carries no weights."""
    if not snap or snap.get("state") is None:
        return {}
    return {"state": snap["state"], "epoch": snap.get("epoch", 0), "curves": snap.get("curves")}


class TrainingController(QObject):
    snapshot_ready = Signal(dict)
    error_raised = Signal(str, str)  # message, details (a traceback, or "")
    diverged = Signal(str)
    finished = Signal(str)
    worker_ready = Signal(dict)  # torch version, devices, why the others are unavailable
    worker_restarted = Signal(str)
    playing_changed = Signal(bool)

    POLL_MS = 8

    def __init__(self, parent=None, start: bool = True):
        super().__init__(parent)
        self._ctx = mp.get_context("spawn")
        self._proc = None
        self._conn = None
        self.run_id = 0
        self.playing = False
        self.info: dict = {}
        self.last_snapshot: dict | None = None
        self._open_cmd: dict | None = None
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
        here, there = self._ctx.Pipe(duplex=True)
        self._proc = self._ctx.Process(target=worker_main, args=(there,), daemon=True,
                                       name="playground-worker")
        self._proc.start()
        there.close()  # the child has its copy; closing ours lets us see EOF if it dies
        self._conn = here
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
            self._conn.send({"op": "quit"})
        except (OSError, ValueError):
            pass
        self._proc.join(timeout)
        if self._proc.is_alive():
            self._proc.terminate()
            self._proc.join(0.5)
        if self._proc.is_alive():
            self._proc.kill()
            self._proc.join(0.5)
        try:
            self._conn.close()
        except OSError:
            pass
        self._proc = None

    def _restart(self, why: str) -> None:
        old = self._proc
        if old is not None and old.is_alive():
            old.kill()
        try:
            self._conn.close()
        except OSError:
            pass
        self.start()
        if self._speed is not None:
            self._send({"op": "speed", "epochs_per_s": self._speed})
        if self._open_cmd is not None:
            # Reopen where the user was: the last weights the window saw, same parameters.
            cmd = {**self._open_cmd, **resume_point(self.last_snapshot)}
            self.run_id += 1
            cmd["run"] = self.run_id
            self._send(cmd)
        self._set_playing(False)
        self.worker_restarted.emit(why)

    def _check_alive(self) -> None:
        if not self._closing and self._proc is not None and not self._proc.is_alive():
            code = self._proc.exitcode
            self._restart(f"The training worker stopped unexpectedly (exit code {code}); it was "
                          "restarted with the last weights shown. Press Play to continue.")

    # --- commands -------------------------------------------------------------------------------------
    def _send(self, cmd: dict) -> None:
        if self._conn is None or self._closing:
            return
        try:
            self._conn.send(cmd)
        except (OSError, ValueError, BrokenPipeError):
            self._restart("The training worker could not be reached; it was restarted.")

    def _new_run(self) -> int:
        self.run_id += 1
        return self.run_id

    def open_session(self, factory: str, params: dict, device: str = "cpu", state=None,
                     epoch: int = 0, curves: dict | None = None) -> None:
        self._set_playing(False)
        self.last_snapshot = None
        cmd = {"op": "open", "factory": factory, "params": dict(params), "device": device,
               "run": self._new_run()}
        self._open_cmd = dict(cmd)
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

    def _set_playing(self, on: bool) -> None:
        if on != self.playing:
            self.playing = on
            self.playing_changed.emit(on)

    # --- events ---------------------------------------------------------------------------------------
    def _poll(self) -> None:
        if self._conn is None:
            return
        newest = None
        try:
            # Bounded: never spend more than a few ms here even if the worker floods us.
            deadline = time.perf_counter() + 0.005
            while self._conn.poll(0):
                ev = self._conn.recv()
                kind = ev.get("ev")
                current = ev.get("run") == self.run_id
                if kind == "ready":
                    self.info = ev["info"]
                    self.worker_ready.emit(self.info)
                elif not current:
                    if kind == "snapshot":
                        # The worker still waits for an acknowledgement of this frame.
                        self._send({"op": "ack"})
                elif kind == "snapshot":
                    if newest is not None:
                        self._send({"op": "ack"})
                    newest = ev["data"]
                elif kind == "error":
                    self._set_playing(False)
                    self.error_raised.emit(ev.get("message", "error"), ev.get("detail", ""))
                elif kind == "diverged":
                    self._set_playing(False)
                    self.diverged.emit(ev["message"])
                elif kind == "finished":
                    self._set_playing(False)
                    self.finished.emit(ev["message"])
                if time.perf_counter() > deadline:
                    break
        except (EOFError, OSError):
            if not self._closing:
                self._check_alive()
            return
        if newest is not None:
            self.last_snapshot = newest
            self.snapshot_ready.emit(newest)
            self._send({"op": "ack"})
