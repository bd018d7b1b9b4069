"""Side by side: two to four configurations of one lab trained in lockstep in the worker.

A `CompareSession` holds one session per configuration ("pane") of the same lab and steps them
together, so they are always at the same epoch: the comparison is fair by construction (same seed and
data unless a pane's own parameters say otherwise). The runner drives it like any session; its
snapshot carries one pane snapshot each. A pane whose loss blows up stops there and says so while the
others go on; a structural change in one pane restarts every pane, so epochs stay aligned. Its
weights are the panes' weights, so the timeline and rewinding work as for a single lab. Qt-free.
"""
from __future__ import annotations

import importlib
import math
from typing import Any

from playground.core.train.params import ParamError, validate_all
from playground.core.train.runner import load_factory
from playground.core.train.session import SessionError, TrainingSession
from playground.core.train.timeline import Timeline
from playground.core.i18n import tr

__all__ = ["CompareSession", "MAX_PANES", "FACTORY"]

MAX_PANES = 4
FACTORY = "playground.core.train.compare:CompareSession"


class CompareSession(TrainingSession):
    lab_id = "compare"

    def __init__(self, params: dict | None = None, device: str = "cpu"):
        # No PARAMS of its own: {"lab": id, "panes": [params, ...]} is checked against the lab's.
        from playground.registry import get_lab

        params = params or {}
        try:
            info = get_lab(str(params.get("lab")))
        except KeyError as exc:
            raise SessionError(str(exc).strip("'\"")) from None
        panes = params.get("panes")
        if not isinstance(panes, list) or not 2 <= len(panes) <= MAX_PANES:
            raise SessionError(tr("a comparison has 2 to {most} configurations", most=MAX_PANES))
        core = importlib.import_module(info.core)
        try:
            clean = [validate_all(core.PARAMS, p) for p in panes]
        except ParamError as exc:
            raise SessionError(tr("a configuration to compare is not valid: {exc}", exc=exc)) from None
        self.device = device
        self.info = info
        self.factory = load_factory(core.SESSION)
        self.params = {"lab": info.id, "panes": clean}
        self.epoch = 0
        self.loss = None
        self.finished = None
        self.reset()

    # --- lockstep ------------------------------------------------------------------------------------
    def reset(self, seed: int | None = None) -> None:
        panes = self.params["panes"]
        if seed is not None:
            for p in panes:
                if "seed" in p:
                    p["seed"] = int(seed)
        self.panes = [self.factory(dict(p), device=self.device) for p in panes]
        self.stopped = [None] * len(self.panes)  # why a pane stopped (diverged), or None
        self.epoch = 0
        self.loss = None
        self.finished = None
        self.timeline = Timeline()
        self._keep_in_timeline()

    def _train_epoch(self) -> None:
        for i, pane in enumerate(self.panes):
            if self.stopped[i] is not None or pane.finished:
                continue
            pane.step(1)
            if pane.diverged:
                self.stopped[i] = tr("diverged at epoch {epoch} (loss {loss}): lower its learning rate", epoch=pane.epoch, loss=pane.loss)
        live = [p.loss for i, p in enumerate(self.panes) if self.stopped[i] is None and p.loss is not None]
        if all(s is not None for s in self.stopped):
            self.loss = math.nan  # every pane diverged: the runner stops and says so
        else:
            self.loss = float(sum(live) / len(live)) if live else None
        if all(self.stopped[i] is not None or p.finished for i, p in enumerate(self.panes)):
            reasons = [p.finished for p in self.panes if p.finished]
            self.finished = reasons[0] if reasons else tr("every configuration has stopped")

    @property
    def engine(self) -> str:
        return self.panes[0].engine if self.panes else f"numpy · {self.device}"

    def _snapshot(self) -> dict[str, Any]:
        out = []
        for i, pane in enumerate(self.panes):
            pane.full_snapshot = self.full_snapshot
            try:
                snap = pane.snapshot()
            finally:
                pane.full_snapshot = False
            snap["stopped"] = self.stopped[i]
            out.append(snap)
        return {"panes": out, "lab": self.info.id}

    # --- changes from a pane's controls ------------------------------------------------------------------
    def apply(self, values: dict) -> bool:
        """{"pane": i, "params": {...}}: a live change stays in that pane; any other change restarts
        every pane so that their epochs stay aligned."""
        if not isinstance(values, dict) or "pane" not in values:
            raise SessionError(tr("a change in a comparison names its configuration"))
        i = int(values["pane"])
        if not 0 <= i < len(self.panes):
            raise SessionError(tr("there is no configuration {n}", n=i + 1))
        structural = self.panes[i].apply(values.get("params", {}))
        self.params["panes"][i] = dict(self.panes[i].params)
        if structural:
            self.reset()
        return structural

    def custom(self, name: str, **kwargs) -> None:
        """A pane's own action ("pane" names it), or an action for every pane."""
        if "pane" not in kwargs:
            raise SessionError(tr("the action {name!r} must name its configuration", name=name))
        i = int(kwargs.pop("pane"))
        fn = getattr(self.panes[i], "custom", None) if 0 <= i < len(self.panes) else None
        if fn is None:
            raise SessionError(tr("this lab has no action {name!r}", name=name))
        fn(name, **kwargs)

    # --- weights: what the timeline keeps ------------------------------------------------------------
    def state(self) -> dict:
        return {f"pane{i}": p.state() for i, p in enumerate(self.panes)}

    def load_state(self, state: dict, epoch: int = 0) -> None:
        for i, p in enumerate(self.panes):
            if f"pane{i}" not in state:
                raise SessionError(tr("the saved weights lack configuration {n}", n=i + 1))
            p.load_state(state[f"pane{i}"], epoch)
            p.epoch = int(epoch)
        self.epoch = int(epoch)
        self.stopped = [None] * len(self.panes)

    def curves(self) -> dict:
        return {f"pane{i}": p.curves() for i, p in enumerate(self.panes)}

    def restore_curves(self, curves: dict) -> None:
        for i, p in enumerate(self.panes):
            c = curves.get(f"pane{i}")
            if isinstance(c, dict):
                p.restore_curves({k: (v[:self.epoch] if isinstance(v, list) else v) for k, v in c.items()})

    def history(self) -> list[dict]:
        return []
