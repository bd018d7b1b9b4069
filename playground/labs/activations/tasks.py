"""Small seeded 2D binary-classification tasks for the activations lab to train on.

The gradient-flow view and the race need a task that is quick to train yet hard enough that the
activation matters: two interleaved spirals (the default) need several bends of the decision
boundary; circles and XOR are easier. Plain numpy arrays, reproducible per seed, centred and of unit
scale so that the initialisation schemes see the inputs they were designed for.
"""
from __future__ import annotations

import math

import numpy as np

__all__ = ["TASKS", "TASK_LABELS", "make_task"]

TASKS = ("spiral", "circles", "xor")
TASK_LABELS = ("Two spirals", "Circles", "XOR quadrants")


def make_task(kind: str, n: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Return x (n, 2) float32 and y (n,) float32 in {0, 1}, half of each class."""
    rng = np.random.default_rng(seed)
    half = n // 2
    if kind == "spiral":
        # sqrt spreads the points evenly along the arm instead of crowding the centre
        t = np.sqrt(rng.uniform(0.0, 1.0, (2, half))) * 3.0 * math.pi
        r = 2.0 * t / (3.0 * math.pi)
        arms = [np.stack([s * r[i] * np.cos(t[i]), s * r[i] * np.sin(t[i])], axis=1)
                for i, s in enumerate((1.0, -1.0))]
        x = np.concatenate(arms) + rng.normal(0.0, 0.05, (2 * half, 2))
    elif kind == "circles":
        radius = np.concatenate([rng.uniform(0.0, 0.8, half), rng.uniform(1.2, 2.0, half)])
        angle = rng.uniform(0.0, 2.0 * math.pi, 2 * half)
        x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    elif kind == "xor":
        # class 0 in the quadrants where the coordinates share a sign, class 1 where they differ
        mag = rng.uniform(0.05, 2.0, (2 * half, 2))
        sx = rng.choice((-1.0, 1.0), 2 * half)
        sy = np.where(np.arange(2 * half) < half, sx, -sx)
        x = mag * np.stack([sx, sy], axis=1)
    else:
        raise ValueError(f"unknown task {kind!r}; choose one of {', '.join(TASKS)}")
    y = (np.arange(2 * half) >= half).astype(np.float32)
    return x.astype(np.float32), y
