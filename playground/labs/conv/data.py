"""The CNN's data, offline: real handwritten digits and a generated set of shapes.

`digits`: the 1797 8×8 digits of scikit-learn's load_digits (UCI, see DATA_LICENSE.txt), read from
digits.npz beside this file, so the app needs no scikit-learn. `shapes`: 28×28 pictures of four
classes (bar, cross, ring, triangle) drawn at random places, sizes and thicknesses with a little
noise: the class does not depend on where the shape is, which is what convolutions plus pooling
are good at. Both are split 80/20 into train and test with a seeded shuffle; pixels are scaled to 0..1.
"""
from __future__ import annotations

import os

import numpy as np

from playground.core.i18n import N_, tr

__all__ = ["DATASETS", "DATASET_LABELS", "CLASS_NAMES", "load_dataset", "load_digits", "make_shapes"]

DATASETS = ("digits", "shapes")
DATASET_LABELS = ("Handwritten digits 8×8 (UCI)", "Shapes 28×28 (generated)")
# Class names travel in English (snapshots, results); the view shows tr(name).
CLASS_NAMES = {"digits": tuple(str(i) for i in range(10)),
               "shapes": (N_("bar"), N_("cross"), N_("ring"), N_("triangle"))}
_HERE = os.path.dirname(os.path.abspath(__file__))


def load_digits() -> tuple[np.ndarray, np.ndarray]:
    """(1797, 8, 8) float32 in 0..1, (1797,) int64 labels."""
    path = os.path.join(_HERE, "digits.npz")
    try:
        with np.load(path) as f:
            images, labels = f["images"], f["labels"]
    except (OSError, KeyError, ValueError) as exc:
        raise OSError(tr("the digits file {path} is missing or damaged: {error}", path=path, error=exc)) from None
    return (images.astype(np.float32) / 16.0), labels.astype(np.int64)


def _shape(kind: int, rng: np.random.Generator, n: int = 28) -> np.ndarray:
    yy, xx = np.mgrid[0:n, 0:n].astype(np.float32)
    size = rng.uniform(6, 11)  # half-extent in pixels
    cy, cx = rng.uniform(size + 1, n - size - 2, size=2)
    t = rng.uniform(1.2, 2.2)  # stroke half-width
    if kind == 0:  # bar: horizontal or vertical
        if rng.random() < 0.5:
            img = (np.abs(yy - cy) <= t) & (np.abs(xx - cx) <= size)
        else:
            img = (np.abs(xx - cx) <= t) & (np.abs(yy - cy) <= size)
    elif kind == 1:  # cross
        img = (((np.abs(yy - cy) <= t) & (np.abs(xx - cx) <= size))
               | ((np.abs(xx - cx) <= t) & (np.abs(yy - cy) <= size)))
    elif kind == 2:  # ring
        r = np.hypot(yy - cy, xx - cx)
        img = np.abs(r - size * 0.85) <= t
    else:  # triangle outline, apex up
        top, bottom = cy - size, cy + size * 0.8
        half = (yy - top) / (bottom - top) * size
        inside = (yy >= top) & (yy <= bottom) & (np.abs(xx - cx) <= half)
        inner_top, inner_bottom = top + 2.5 * t, bottom - t * 1.2
        inner_half = (yy - inner_top) / max(inner_bottom - inner_top, 1e-3) * (size - 2.2 * t)
        hole = (yy >= inner_top) & (yy <= inner_bottom) & (np.abs(xx - cx) <= inner_half)
        img = inside & ~hole
    out = img.astype(np.float32)
    out += rng.normal(0, 0.08, size=out.shape).astype(np.float32)
    return np.clip(out, 0, 1)


def make_shapes(count: int = 1200, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    labels = np.arange(count) % 4
    images = np.stack([_shape(int(k), rng) for k in labels])
    return images, labels.astype(np.int64)


def load_dataset(name: str, seed: int = 0) -> dict:
    """Train and test splits: x (N, 1, H, W) float32, y (N,) int64, and the class names."""
    if name == "digits":
        x, y = load_digits()
    elif name == "shapes":
        x, y = make_shapes(1200, seed=1000 + seed)
    else:
        raise ValueError(f"unknown data set {name!r}; choose one of {', '.join(DATASETS)}")
    order = np.random.default_rng(seed).permutation(len(y))
    x, y = x[order][:, None], y[order]
    cut = int(round(0.8 * len(y)))
    return {"x_train": x[:cut], "y_train": y[:cut], "x_test": x[cut:], "y_test": y[cut:],
            "classes": CLASS_NAMES[name], "size": x.shape[-1]}
