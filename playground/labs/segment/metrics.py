"""Overlap scores of a predicted mask against the truth, per slice, in numpy.

Dice = 2|A∩B| / (|A| + |B|) and IoU (Jaccard) = |A∩B| / |A∪B|; two empty masks agree perfectly
(1.0), as in MONAI's DiceMetric with ``ignore_empty=False``. IoU = Dice / (2 - Dice) for every slice.
"""
from __future__ import annotations

import numpy as np

__all__ = ["dice_per_slice", "iou_per_slice", "dice", "iou"]


def _flat(pred, truth) -> tuple[np.ndarray, np.ndarray]:
    p = np.asarray(pred).astype(bool)
    t = np.asarray(truth).astype(bool)
    if p.shape != t.shape:
        raise ValueError(f"prediction {p.shape} and truth {t.shape} differ in shape")
    if p.ndim == 2:
        p, t = p[None], t[None]
    return p.reshape(len(p), -1), t.reshape(len(t), -1)


def dice_per_slice(pred, truth) -> np.ndarray:
    p, t = _flat(pred, truth)
    inter = (p & t).sum(axis=1).astype(np.float64)
    total = p.sum(axis=1) + t.sum(axis=1)
    return np.where(total > 0, 2 * inter / np.maximum(total, 1), 1.0)


def iou_per_slice(pred, truth) -> np.ndarray:
    p, t = _flat(pred, truth)
    inter = (p & t).sum(axis=1).astype(np.float64)
    union = (p | t).sum(axis=1)
    return np.where(union > 0, inter / np.maximum(union, 1), 1.0)


def dice(pred, truth) -> float:
    """The mean Dice over slices (a 2-D array is one slice)."""
    return float(dice_per_slice(pred, truth).mean())


def iou(pred, truth) -> float:
    return float(iou_per_slice(pred, truth).mean())
