"""Scoring a race between activations: when each loss curve first reaches the target, and how many
times faster the winner got there.

The lecture says ReLU converges about 5 to 10 times faster than sigmoid or tanh (Krizhevsky et al.
measured 6x on CIFAR-10 with a convolutional network). A race here reports what *this* setting gives,
whatever it is, including "did not reach the target", which is a result too.
"""
from __future__ import annotations

import math
from typing import Sequence

from playground.core.i18n import tr

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
        out["summary"] = (tr("No activation reached the loss {target} in {epochs} epochs.", target=f"{target:g}",
                             epochs=epochs_run) if epochs_run else tr("Not started."))
        return out
    fastest = min(done, key=lambda n: (done[n], list(histories).index(n)))
    out["faster"] = fastest
    if len(done) == len(reached):
        slowest = max(done, key=lambda n: (done[n], -list(histories).index(n)))
        out["slower"] = slowest
        out["speedup"] = done[slowest] / done[fastest]
        if len(reached) == 2:
            out["summary"] = tr("{fastest} reached {target} at epoch {fast_epoch}, {slowest} at epoch "
                                "{slow_epoch}: {fastest} was {speedup}x faster.", fastest=fastest,
                                target=f"{target:g}", fast_epoch=done[fastest], slowest=slowest,
                                slow_epoch=done[slowest], speedup=f"{out['speedup']:.1f}")
        else:
            out["summary"] = tr("{fastest} reached {target} first (epoch {fast_epoch}), {slowest} last "
                                "(epoch {slow_epoch}): {speedup}x.", fastest=fastest, target=f"{target:g}",
                                fast_epoch=done[fastest], slowest=slowest, slow_epoch=done[slowest],
                                speedup=f"{out['speedup']:.1f}")
    else:
        laggards = [n for n, e in reached.items() if e is None]
        out["slower"] = laggards[0]
        out["speedup_at_least"] = epochs_run / done[fastest] if epochs_run > done[fastest] else None
        fields = {"fastest": fastest, "target": f"{target:g}", "fast_epoch": done[fastest],
                  "laggards": ", ".join(laggards), "epochs": epochs_run}
        if out["speedup_at_least"] and not math.isclose(out["speedup_at_least"], 1.0):
            out["summary"] = tr("{fastest} reached {target} at epoch {fast_epoch}; {laggards} not yet after "
                                "{epochs} epochs: at least {speedup}x faster so far.",
                                speedup=f"{out['speedup_at_least']:.1f}", **fields)
        else:
            out["summary"] = tr("{fastest} reached {target} at epoch {fast_epoch}; {laggards} not yet after "
                                "{epochs} epochs.", **fields)
    return out
