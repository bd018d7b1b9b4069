"""Per-epoch series made small enough to send 30 times a second.

A run at 13,000 epochs/s has a million points per curve within two minutes; pickling those to the
window every frame would cost more than training. `thin()` keeps at most about `max_points` points
per series, two per bucket (its minimum and its maximum), so spikes and oscillations stay visible.
"""
from __future__ import annotations

import numpy as np

__all__ = ["thin", "checked_series"]


def thin(series: dict[str, list], max_points: int = 2000,
         x=None) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Return (x, {name: values}) for equally long series; x defaults to epochs 1, 2, 3..."""
    n = min((len(v) for v in series.values()), default=0)
    x = np.arange(1, n + 1, dtype=float) if x is None else np.asarray(x, dtype=float)[:n]
    if n <= max_points:
        return x, {k: np.asarray(v[:n], dtype=float) for k, v in series.items()}
    buckets = max_points // 2
    edges = np.linspace(0, n, buckets + 1).astype(int)
    starts = edges[:-1]
    x = np.repeat(x[starts], 2)
    out = {}
    for k, v in series.items():
        a = np.asarray(v[:n], dtype=float)
        lo = np.minimum.reduceat(a, starts)
        hi = np.maximum.reduceat(a, starts)
        out[k] = np.column_stack([lo, hi]).ravel()
    return x, out


def checked_series(raw, max_len: int) -> list[float] | None:
    """A saved per-epoch series back as floats, or None if it is not a flat list of at most
    `max_len` finite numbers (curves are cosmetic: a bad one is dropped, never half-used)."""
    if not isinstance(raw, list) or len(raw) > max_len:
        return None
    try:
        a = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        return None
    if a.ndim != 1 or not np.all(np.isfinite(a)):
        return None
    return a.tolist()
