"""The timeline of a run: the weights kept at a bounded number of epochs, so a user can scrub back to
"the moment it found the solution" and play on from there (a new branch).

Epochs are kept densely early and more sparsely later, on a fixed schedule: every epoch up to 2·base (base is at most
64), then every 2nd up to 4·base, every 4th up to 8·base, and so on, so each doubling of the run adds
`base` entries and the count grows with the logarithm of the epoch. `base` is chosen from the memory
budget and the size of one set of weights, so that a run as long as the command line allows (10
million epochs) still fits: memory is bounded whatever the network and the run length. Which epochs
are kept depends only on the epoch number, so nothing ever has to be thinned out. Qt-free.
"""
from __future__ import annotations

import math
import pickle
from typing import Any

import numpy as np

__all__ = ["Timeline", "DEFAULT_BUDGET"]

DEFAULT_BUDGET = 48_000_000  # bytes of weights kept per run
MAX_EPOCH = 10_000_000
MAX_BASE = 64  # every epoch up to 64 is kept, then about 64 per doubling (about 1,100 in 10 million)


def _copy(state: Any) -> Any:
    if isinstance(state, np.ndarray):
        return state.copy()
    if isinstance(state, dict):
        return {k: _copy(v) for k, v in state.items()}
    if isinstance(state, (list, tuple)):
        return type(state)(_copy(v) for v in state)
    return state


def _nbytes(state: Any) -> int:
    if isinstance(state, np.ndarray):
        return state.nbytes
    if isinstance(state, dict):
        return sum(_nbytes(v) for v in state.values()) + 64
    if isinstance(state, (list, tuple)):
        return sum(_nbytes(v) for v in state) + 64
    return len(pickle.dumps(state))


class Timeline:
    def __init__(self, budget_bytes: int = DEFAULT_BUDGET, max_epoch: int = MAX_EPOCH):
        self.budget = int(budget_bytes)
        self.max_epoch = int(max_epoch)
        self.base: int | None = None  # set from the first state's size
        self.entry_bytes = 0
        self._states: dict[int, Any] = {}

    def _set_base(self, state_bytes: int) -> None:
        self.entry_bytes = max(1, state_bytes)
        entries = max(2, self.budget // self.entry_bytes)
        # Octaves from base to max_epoch each hold `base` entries: base * (1 + log2(max/base)) <= entries.
        base = entries
        while base > 1 and base * (2 + math.log2(max(2.0, self.max_epoch / base))) > entries:
            base -= max(1, base // 8)
        # Never more than MAX_BASE: copying the weights every epoch early on would slow training down.
        self.base = max(1, min(base, MAX_BASE))

    def keeps(self, epoch: int) -> bool:
        """Whether the schedule keeps this epoch (before the first record: only epoch 0)."""
        if self.base is None:
            return epoch == 0
        if epoch < self.base:
            return True
        # In [base * 2^j, base * 2^(j+1)) every 2^j-th epoch: `base` entries per doubling.
        level = int(math.floor(math.log2(epoch / self.base)))
        return epoch % (1 << level) == 0

    def record(self, epoch: int, state: Any, force: bool = False) -> bool:
        """Keep `state` (copied) for `epoch` if the schedule says so (or `force`: the epoch a saved
        experiment was opened at) and it fits; True if kept."""
        epoch = int(epoch)
        if self.base is None:
            self._set_base(_nbytes(state))
        if not (force or self.keeps(epoch)) or epoch > self.max_epoch:
            return False
        if epoch not in self._states and (len(self._states) + 1) * self.entry_bytes > self.budget:
            return False  # the hard bound, should a state grow (it does not for a fixed network)
        self._states[epoch] = _copy(state)
        return True

    def epochs(self) -> list[int]:
        return sorted(self._states)

    def nearest(self, epoch: int) -> int | None:
        """The latest kept epoch at or before `epoch`."""
        kept = [e for e in self._states if e <= epoch]
        return max(kept) if kept else None

    def get(self, epoch: int) -> Any:
        return _copy(self._states[epoch])

    def truncate_after(self, epoch: int) -> None:
        """Forget what came after `epoch`: playing on from there starts a new branch."""
        for e in [e for e in self._states if e > epoch]:
            del self._states[e]

    @property
    def last(self) -> int:
        """The latest kept epoch."""
        return max(self._states)

    @property
    def nbytes(self) -> int:
        return len(self._states) * self.entry_bytes

    def __len__(self) -> int:
        return len(self._states)
