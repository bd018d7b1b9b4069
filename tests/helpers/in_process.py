"""A stand-in for the window's TrainingController that drives a real Runner in this process.

View tests use it to exercise a lab's real session without a worker process: every command answers
at once and frames go straight to the view, so the tests are fast and deterministic. `play()` counts
and, with `ticks`, also runs that many runner ticks (a short burst of training) before pausing.
"""
from __future__ import annotations

from playground.core.train.runner import Runner


class InProcessController:
    def __init__(self, ticks: int = 0):
        self.runner = Runner()
        self.view = None
        self.errors: list[str] = []
        self.playing = False
        self.played = 0
        self.ticks = ticks

    @property
    def session(self):
        return self.runner.session

    def _emit(self, events):
        for ev in events:
            if ev["ev"] == "snapshot":
                self.runner.handle({"op": "ack"})
                self.view.receive_snapshot(ev["data"])
            elif ev["ev"] == "error":
                self.errors.append(ev["message"])

    def open_session(self, factory, params, device="cpu", state=None, epoch=0, curves=None, **more):
        self._emit(self.runner.handle({"op": "open", "factory": factory, "params": params, "device": device,
                                       "state": state, "epoch": epoch, "curves": curves, **more}))

    def apply(self, params, structural):
        self._emit(self.runner.handle({"op": "apply", "params": params}))

    def custom(self, name, **kwargs):
        self._emit(self.runner.handle({"op": "custom", "name": name, "kwargs": kwargs}))

    def step(self, n=1):
        self._emit(self.runner.handle({"op": "step", "n": n}))

    def reset(self, seed=None):
        self._emit(self.runner.handle({"op": "reset", **({"seed": seed} if seed is not None else {})}))

    def play(self, max_ticks: int | None = None):
        self.played += 1
        self.playing = True
        ticks = self.ticks if max_ticks is None else max_ticks
        if ticks:
            self._emit(self.runner.handle({"op": "play"}))
            for _ in range(ticks):
                if not self.runner.playing:
                    break
                self._emit(self.runner.tick())
            self.pause()

    def pause(self):
        self.playing = False
        self._emit(self.runner.handle({"op": "pause"}))

    def toggle(self):
        self.pause() if self.playing else self.play()
