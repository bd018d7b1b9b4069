"""Scoring a race between activations: when each loss curve first reaches the target, and how many
times faster the winner got there.

The lecture says ReLU converges about 5 to 10 times faster than sigmoid or tanh (Krizhevsky et al.
measured 6x on CIFAR-10 with a convolutional network). A race here reports what *this* setting gives,
whatever it is, including "did not reach the target", which is a result too.
"""
from __future__ import annotations

import math
from typing import Sequence

__all__ = ["epochs_to_target", "race_result"]


def epochs_to_target(losses: Sequence[float], target: float) -> int | None:
    """The first epoch (1-based: losses[0] is after epoch 1) whose loss is at or below target."""
    for i, loss in enumerate(losses):
        if loss <= target:
            return i + 1
    return None


def race_result(histories: dict[str, Sequence[float]], target: float) -> dict:
    """epochs_to_target per racer, the speed-up of the fastest over the slowest, and a sentence.

    speedup is the slowest racer's epochs over the fastest's when every racer reached the target;
    when some did not, it is null and `speedup_at_least` gives the lower bound (epochs run / fastest).
    """
    reached = {name: epochs_to_target(h, target) for name, h in histories.items()}
    done = {n: e for n, e in reached.items() if e is not None}
    epochs_run = max((len(h) for h in histories.values()), default=0)
    out = {"epochs_to_target": reached, "target_loss": float(target), "speedup": None,
           "speedup_at_least": None, "faster": None, "slower": None, "summary": ""}
    if not done:
        out["summary"] = (f"No activation reached the loss {target:g} in {epochs_run} epochs."
                          if epochs_run else "Not started.")
        return out
    fastest = min(done, key=lambda n: (done[n], list(histories).index(n)))
    out["faster"] = fastest
    if len(done) == len(reached):
        slowest = max(done, key=lambda n: (done[n], -list(histories).index(n)))
        out["slower"] = slowest
        out["speedup"] = done[slowest] / done[fastest]
        if len(reached) == 2:
            out["summary"] = (f"{fastest} reached {target:g} at epoch {done[fastest]}, {slowest} at epoch "
                              f"{done[slowest]}: {fastest} was {out['speedup']:.1f}x faster.")
        else:
            out["summary"] = (f"{fastest} reached {target:g} first (epoch {done[fastest]}), {slowest} last "
                              f"(epoch {done[slowest]}): {out['speedup']:.1f}x.")
    else:
        laggards = [n for n, e in reached.items() if e is None]
        out["slower"] = laggards[0]
        out["speedup_at_least"] = epochs_run / done[fastest] if epochs_run > done[fastest] else None
        bound = (f": at least {out['speedup_at_least']:.1f}x faster so far"
                 if out["speedup_at_least"] and not math.isclose(out["speedup_at_least"], 1.0) else "")
        out["summary"] = (f"{fastest} reached {target:g} at epoch {done[fastest]}; "
                          f"{', '.join(laggards)} not yet after {epochs_run} epochs{bound}.")
    return out
