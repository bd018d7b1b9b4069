"""The perceptron lab's data: the four corners of the unit square labelled by AND, OR, NAND or XOR,
noisy versions (points scattered around each corner), and two linearly separable blobs.

XOR is the lecture's first counter-example: no straight line puts (0,1) and (1,0) on one side and
(0,0) and (1,1) on the other. Every generator is seeded and returns plain float arrays.
"""
from __future__ import annotations

import numpy as np

__all__ = ["DATASETS", "make_logic_data", "CORNERS", "TRUTH_TABLES", "is_linearly_separable_gate"]

CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
TRUTH_TABLES = {
    "and": np.array([0, 0, 0, 1]),
    "or": np.array([0, 1, 1, 1]),
    "nand": np.array([1, 1, 1, 0]),
    "xor": np.array([0, 1, 1, 0]),
}
DATASETS = ("and", "or", "nand", "xor", "blobs")


def is_linearly_separable_gate(name: str) -> bool:
    return name != "xor"


def make_logic_data(name: str, points: int = 1, noise: float = 0.0, seed: int = 0):
    """Return (x, y): x of shape (n, 2), y of shape (n,) with labels 0/1.

    `points` is the number of points per corner (1 gives the four exact corners), `noise` the standard
    deviation of the scatter around each corner. Blobs: `points` per class (at least 20), centred on
    (0.2, 0.2) and (0.8, 0.8) with a spread of 0.1 + noise.
    """
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(DATASETS)}")
    rng = np.random.default_rng(seed)
    points = max(1, int(points))
    if name == "blobs":
        n = max(points, 20)
        spread = 0.1 + float(noise)
        x0 = rng.normal([0.2, 0.2], spread, size=(n, 2))
        x1 = rng.normal([0.8, 0.8], spread, size=(n, 2))
        x = np.vstack([x0, x1])
        y = np.concatenate([np.zeros(n), np.ones(n)])
    else:
        x = np.repeat(CORNERS, points, axis=0)
        y = np.repeat(TRUTH_TABLES[name], points).astype(float)
        if noise > 0 or points > 1:
            # With several points per corner but no noise they would sit on top of each other.
            x = x + rng.normal(0.0, max(float(noise), 1e-9), size=x.shape)
    # A fixed shuffle per seed, so the perceptron's one-at-a-time order is not "all zeros first".
    order = rng.permutation(len(y)) if len(y) > 4 else np.arange(len(y))
    return x[order].astype(float), y[order].astype(float)
