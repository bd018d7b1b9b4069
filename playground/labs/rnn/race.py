"""The memory race: on the memory task, the longest sequence each cell type learns within a budget of
epochs, measured on this machine.

For each cell, lengths are tried in increasing order; a cell "learns" a length when its accuracy on
256 fresh sequences reaches 90% within the budget (chance is 25%), and its first failure ends its
climb. The race advances one piece (a few epochs of the current run) per call, so the session can
report progress after every piece and the user can pause or cancel between any two. torch is
imported by the model module, which the session loads in the worker.
"""
from __future__ import annotations

import time

import numpy as np

from playground.core.i18n import tr
from playground.labs.rnn.cells import CELL_LABELS, CELLS, init_weights
from playground.labs.rnn.tasks import make_batch, task_info
from playground.labs.rnn.texts import list_separator

__all__ = ["RACE_LENGTHS", "SUCCESS_ACCURACY", "MemoryRace"]

RACE_LENGTHS = (5, 10, 20, 30, 40, 50)
SUCCESS_ACCURACY = 0.9
CHECK_EVERY = 25  # epochs between checks of the accuracy (a run stops as soon as it succeeds)
PIECE_EPOCHS = 5  # epochs per step() of the session: small enough to stay responsive
PIECE_SECONDS = 0.25


class MemoryRace:
    def __init__(self, cells: list[str], hidden: int, budget: int, lr: float, optimizer: str, seed: int,
                 batch_size: int, rollout: int, device: str = "cpu", clip: float | None = 1.0):
        self.cells, self.hidden, self.budget = list(cells), int(hidden), int(budget)
        self.lr, self.optimizer, self.seed, self.batch = float(lr), optimizer, int(seed), int(batch_size)
        self.rollout, self.device, self.clip = int(rollout), device, clip
        self.info = task_info("memory")
        self.results: dict[str, dict[int, dict]] = {c: {} for c in self.cells}
        self.longest: dict[str, int] = {c: 0 for c in self.cells}
        self.queue = [(c, t) for c in self.cells for t in RACE_LENGTHS]
        self.total = len(self.queue)
        self.done_runs = 0
        self.run = None  # the run in progress: cell, length, model, optimiser, epochs, rng
        self.finished = False

    # --- progress ------------------------------------------------------------------------------------
    @property
    def progress(self) -> float:
        part = 0.0 if self.run is None else self.run["epoch"] / self.budget
        return 1.0 if self.finished else min(1.0, (self.done_runs + part) / max(self.total, 1))

    def current(self) -> str:
        if self.finished:
            return tr("done")
        if self.run is None:
            return tr("starting")
        return tr("{cell}, T = {length}, epoch {epoch}/{budget}", cell=_label(self.run["cell"]),
                  length=self.run["length"], epoch=self.run["epoch"], budget=self.budget)

    # --- the work ------------------------------------------------------------------------------------
    def advance(self, epochs: int = PIECE_EPOCHS, max_seconds: float = PIECE_SECONDS) -> None:
        """Train the current run a few epochs (starting or ending runs as needed), stopping early
        after max_seconds so the worker answers the window between pieces whatever the sizes."""
        if self.finished:
            return
        if self.run is None and not self._start_next():
            return
        import torch

        from playground.labs.rnn.model import train_step

        r = self.run
        t0 = time.perf_counter()
        for _ in range(int(epochs)):
            if time.perf_counter() - t0 > max_seconds:
                return
            x, y = make_batch("memory", self.batch, r["length"], r["rng"])
            train_step(r["model"], r["opt"], torch.from_numpy(x).to(self.device),
                       torch.from_numpy(y).to(self.device), self.info["kind"], 0, self.clip)
            r["epoch"] += 1
            if r["epoch"] % CHECK_EVERY == 0 or r["epoch"] >= self.budget:
                acc = self._evaluate(r)
                r["accuracy"] = acc
                if acc >= SUCCESS_ACCURACY or r["epoch"] >= self.budget:
                    self._end_run(acc >= SUCCESS_ACCURACY)
                    return

    def _start_next(self) -> bool:
        import torch

        from playground.labs.rnn.model import RecurrentNet, make_optimizer

        while self.queue:
            cell, length = self.queue.pop(0)
            if any(t < length and not res["learned"] for t, res in self.results[cell].items()):
                self.done_runs += 1  # the cell failed a shorter length: skip the longer ones
                continue
            info = self.info
            model = RecurrentNet(cell, info["n_in"], self.hidden, info["n_out"], self.rollout).to(self.device)
            model.load_numpy(init_weights(cell, info["n_in"], self.hidden, info["n_out"], self.seed))
            torch.manual_seed(self.seed)
            self.run = {"cell": cell, "length": length, "model": model, "epoch": 0, "accuracy": None,
                        "opt": make_optimizer(self.optimizer, model.parameters(), self.lr),
                        "rng": np.random.default_rng(self.seed + 1000 * length)}
            return True
        self.run = None
        self.finished = True
        return False

    def _evaluate(self, r) -> float:
        import torch

        x, y = make_batch("memory", 256, r["length"], np.random.default_rng(10_000 + r["length"]))
        with torch.no_grad():
            out, _ = r["model"](torch.from_numpy(x).to(self.device))
        return float((out[:, -1].argmax(1).cpu().numpy() == y).mean())

    def _end_run(self, learned: bool) -> None:
        r = self.run
        self.results[r["cell"]][r["length"]] = {"learned": learned, "accuracy": r["accuracy"],
                                                "epochs": r["epoch"]}
        if learned:
            self.longest[r["cell"]] = max(self.longest[r["cell"]], r["length"])
        self.done_runs += 1
        self.run = None
        if not self.queue:
            self.finished = True

    # --- what the window and the JSON show -----------------------------------------------------------
    def summary(self) -> str:
        if not self.finished:
            return tr("Racing: {current} ({progress}).", current=self.current(), progress=f"{self.progress:.0%}")
        parts = [tr("{cell}: {longest}", cell=_label(c), longest=self.longest[c] or tr("none")) for c in self.cells]
        return tr("Longest memory learned in {budget} epochs (90% recall, hidden {hidden}): {results}.",
                  budget=self.budget, hidden=self.hidden, results=list_separator().join(parts))

    def snapshot(self) -> dict:
        return {"race_cells": list(self.cells), "race_lengths": list(RACE_LENGTHS),
                "race_longest": dict(self.longest), "race_progress": self.progress,
                "race_current": self.current(), "race_finished": self.finished,
                "race_budget": self.budget, "race_summary": self.summary(),
                "race_results": {c: {int(t): dict(v) for t, v in res.items()} for c, res in self.results.items()}}


def _label(cell: str) -> str:
    return tr(CELL_LABELS[CELLS.index(cell)])
