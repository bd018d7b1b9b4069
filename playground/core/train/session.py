"""The synchronous training session every trainable lab implements, and that the runner drives.

A session owns one lab's models and data. It never sleeps, never threads and never touches Qt: the
runner (in the worker process, in a test, or in the headless CLI) calls `step()` as fast as it is
allowed and asks for a `snapshot()` only when a frame is due. Snapshots are plain numbers and numpy
copies, so they can be pickled to the window and never alias live tensors.
"""
from __future__ import annotations

import math
from typing import Any, ClassVar, Sequence

from playground.core.train.timeline import Timeline
from playground.core.train.params import Param, ParamError, by_name, validate_all
from playground.core.i18n import tr

__all__ = ["TrainingSession", "SessionError"]


class SessionError(RuntimeError):
    """A problem a user can fix (bad data, impossible setting); shown as a message, not a traceback."""


class TrainingSession:
    """Base class: subclasses set PARAMS and implement _build, _train_epoch, _snapshot, state, load_state."""

    PARAMS: ClassVar[Sequence[Param]] = ()
    lab_id: ClassVar[str] = ""

    def __init__(self, params: dict | None = None, device: str = "cpu"):
        self.device = device
        self.params = validate_all(self.PARAMS, params or {})
        self.epoch = 0
        self.loss: float | None = None  # the loss the runner watches for divergence
        self.finished: str | None = None  # set by a stop condition: the runner pauses and says why
        self.reset()

    # --- the runner's interface --------------------------------------------------------------------
    def reset(self, seed: int | None = None) -> None:
        """Rebuild data and models from the parameters; a seed given here replaces the seed parameter."""
        if seed is not None and "seed" in by_name(self.PARAMS):
            self.params["seed"] = int(seed)
        self.epoch = 0
        self.loss = None
        self.finished = None
        self._build()
        self.timeline = Timeline()
        self._keep_in_timeline()

    def step(self, n: int = 1) -> None:
        """Train n epochs (fewer if a stop condition is met)."""
        if self._future_curves is not None:  # training on after a rewind: a new branch
            self.timeline.truncate_after(self.epoch)
            self._future_curves = None
        for _ in range(int(n)):
            if self.finished:
                return
            self._train_epoch()
            self.epoch += 1
            if self.timeline is not None and self.timeline.keeps(self.epoch):
                self._keep_in_timeline()

    # --- the timeline: scrub back to a kept epoch and play on from there -------------------------------
    timeline: "Timeline | None" = None
    _future_curves: dict | None = None  # after a rewind: the whole run's curves, until training goes on

    def _keep_in_timeline(self, force: bool = False) -> None:
        try:
            self.timeline.record(self.epoch, self.state(), force=force)
        except NotImplementedError:
            self.timeline = None  # a lab with no weights to keep

    def restart_timeline(self) -> None:
        """Weights were loaded (an opened experiment): the timeline starts at their epoch."""
        self.timeline = Timeline()
        self._keep_in_timeline(force=True)

    def rewind(self, epoch: int) -> int:
        """Go back to the latest kept epoch at or before `epoch`: its weights, its curves up to there.
        What came after stays reachable until training goes on from here (a new branch). Returns the
        epoch reached."""
        if self.timeline is None:
            raise SessionError(tr("this lab keeps no timeline"))
        target = self.timeline.nearest(int(epoch))
        if target is None:
            raise SessionError(tr("no kept epoch at or before {epoch}", epoch=epoch))
        # Scrubbing back and forth keeps the whole run until Play or Step makes a new branch.
        curves = self._future_curves if self._future_curves is not None else self.curves()
        self.load_state(self.timeline.get(target), target)
        self.epoch = target
        self.finished = None
        self.loss = None
        cut = {k: (v[:target] if isinstance(v, list) else v) for k, v in curves.items()}
        cut = {k: v for k, v in cut.items() if not (isinstance(v, int) and not isinstance(v, bool) and v > target)}
        self.restore_curves(cut)
        self._future_curves = curves
        return target

    # Set by the runner for frames a user asked for (pause, step, open): those also carry the full
    # curves, for saving; frames sent while training stay small.
    full_snapshot = False

    def snapshot(self) -> dict[str, Any]:
        snap = self._snapshot()
        if self.full_snapshot:
            snap.setdefault("curves", self.curves())
        snap.setdefault("epoch", self.epoch)
        snap.setdefault("loss", self.loss)
        snap.setdefault("params", dict(self.params))
        snap.setdefault("engine", self.engine)
        if self.timeline is not None and len(self.timeline):
            snap.setdefault("timeline_end", self.timeline.last)
        return snap

    def apply(self, values: dict) -> bool:
        """Apply new parameter values. Live ones (learning rate) keep training where it is; any other
        change rebuilds the model. Returns True when the session was reset.

        All or nothing: if validation, the rebuild or the live update raises, the session is put back
        exactly as it was (parameters, model, data, epoch) and the error propagates, so a refused
        change leaves a session that still trains and draws, never a half-updated one."""
        spec = by_name(self.PARAMS)
        clean = validate_all(self.PARAMS, {**self.params, **values})
        changed = {k: v for k, v in clean.items() if self.params.get(k) != v}
        if not changed:
            return False
        structural = any(not spec[k].live for k in changed)
        old_params = dict(self.params)
        saved = self._save_attributes()
        try:
            self.params = clean
            if structural:
                self.reset()
            else:
                self._apply_live(changed)
        except BaseException:
            self._restore_attributes(saved)
            if not structural:
                # A live update may have reached objects the old state shares (the engine's
                # optimiser settings): set them back from the restored parameters.
                try:
                    self._apply_live({k: old_params[k] for k in changed})
                except Exception:  # noqa: BLE001 - the first error is the one to report
                    pass
            raise
        return structural

    def _save_attributes(self) -> dict:
        """A shallow copy of the session's attributes, with its own copies of top-level dicts and
        lists (a rebuild replaces models and arrays rather than editing them in place)."""
        return {k: (v.copy() if isinstance(v, (dict, list)) else v) for k, v in self.__dict__.items()}

    def _restore_attributes(self, saved: dict) -> None:
        self.__dict__.clear()
        self.__dict__.update(saved)

    @property
    def engine(self) -> str:
        return f"numpy · {self.device}"

    @property
    def diverged(self) -> bool:
        return self.loss is not None and not math.isfinite(self.loss)

    # --- for subclasses ----------------------------------------------------------------------------
    def _build(self) -> None:
        raise NotImplementedError

    def _train_epoch(self) -> None:
        raise NotImplementedError

    def _snapshot(self) -> dict[str, Any]:
        raise NotImplementedError

    def _apply_live(self, changed: dict) -> None:
        """Called with the live parameters that changed; the default reads them from self.params."""

    def state(self) -> dict[str, Any]:
        """The trained weights, as numpy arrays or nested lists (saved in experiment files)."""
        raise NotImplementedError

    def load_state(self, state: dict[str, Any], epoch: int = 0) -> None:
        """Restore weights saved by state(); raise SessionError naming what does not fit."""
        raise NotImplementedError

    def history(self) -> list[dict]:
        """One record per trained epoch (the headless JSON's `history`)."""
        return []

    def curves(self) -> dict:
        """The per-epoch series a view draws (losses, errors), as plain lists: saved with an
        experiment so that reopening it shows the same curves, not empty ones. Default: none."""
        return {}

    def restore_curves(self, curves: dict) -> None:
        """Take back what curves() gave. The curves are cosmetic, so a damaged or foreign entry is
        skipped rather than refused: the weights, already checked, are what matters."""


def train_headless(session: "TrainingSession", epochs: int) -> tuple[float, int | None]:
    """Train up to `epochs` epochs with no window, stopping early at divergence or a stop condition.
    Returns (wall seconds, the epoch at which the loss stopped being finite, or None)."""
    import time

    import numpy as np

    from playground.core.train.recording import notify

    t0 = time.perf_counter()
    notify(session)  # an animation of the run starts from the untrained network
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging run is reported, not warned about
        for _ in range(int(epochs)):
            session.step(1)
            notify(session)
            if session.diverged:
                return time.perf_counter() - t0, session.epoch
            if session.finished:
                break
    return time.perf_counter() - t0, None


def check_shape(name: str, array, shape) -> None:
    """Raise SessionError if a saved array does not have the model's shape (a hand-edited file)."""
    import numpy as np

    a = np.asarray(array)
    if a.shape != tuple(shape):
        raise SessionError(tr("weights '{name}' have shape {shape}, the model needs {needed}", name=name, shape=a.shape, needed=tuple(shape)))
    if a.dtype.kind not in "fiu" or not np.all(np.isfinite(a)):
        raise SessionError(tr("weights '{name}' must be finite numbers", name=name))


__all__ += ["check_shape", "train_headless", "ParamError"]
