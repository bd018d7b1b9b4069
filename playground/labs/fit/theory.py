"""The lecture's constructions, computed exactly (numpy only, no training): Lipschitz bins, the curse of
dimensionality, Nielsen's bumps and Cybenko's sum of units.

Lipschitz bins (the lecture's exercise): if |f(x) − f(y)| < L|x − y|, a constant equal to f at the
centre of a bin of width 2ε/L is within ε of f on the whole bin, so ⌈L/(2ε)⌉ bins cover [0, 1]; in n
dimensions the same bins along every axis make (⌈L/(2ε)⌉)ⁿ cubes, which grows exponentially with n.

Nielsen's bumps: two steep sigmoids σ(k(x − a)) − σ(k(x − b)) make a bump of height 1 on [a, b], so
N bins need 2N hidden units; the heights are the output weights. With ReLU, four units make a
trapezoid; we use the pair relu(k(x−a)+1) − relu(k(x−a)) (a ramp to 1), once up at a and once down at b.
"""
from __future__ import annotations

import math

import numpy as np

from playground.core.i18n import tr

__all__ = ["lipschitz_bins", "lipschitz_bins_nd", "piecewise_constant", "curse_table",
           "bump_basis", "bump_curve", "fit_heights", "cybenko_terms"]


def lipschitz_bins(L: float, eps: float) -> int:
    """Bins of width 2ε/L needed to cover [0, 1]: ⌈L / (2ε)⌉ (at least 1)."""
    if L <= 0 or eps <= 0:
        raise ValueError(tr("L and ε must be positive"))
    ratio = L / (2.0 * eps)
    # 10/(2·0.05) is 100.00000000000001 in floating point: do not let rounding add a bin
    return max(1, math.ceil(round(ratio, 9)))


def lipschitz_bins_nd(L: float, eps: float, n: int) -> int:
    """(⌈L / (2ε)⌉)ⁿ cubes for [0, 1]ⁿ (an exact Python integer, however large)."""
    return lipschitz_bins(L, eps) ** int(n)


def curse_table(L: float, eps: float, dims: int = 10) -> list[tuple[int, int]]:
    return [(n, lipschitz_bins_nd(L, eps, n)) for n in range(1, int(dims) + 1)]


def piecewise_constant(f, L: float, eps: float, x: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The lecture's approximation of f on [0, 1]: (bin edges, bin values f(centre), its values at x)."""
    n = lipschitz_bins(L, eps)
    width = 2.0 * eps / L
    edges = np.minimum(np.arange(n + 1) * width, 1.0)
    centres = np.minimum((np.arange(n) + 0.5) * width, 1.0)
    values = np.asarray(f(centres), dtype=float)
    idx = np.clip((x / width).astype(int), 0, n - 1)
    return edges, values, values[idx]


def _sigmoid(z):
    return 0.5 * (1.0 + np.tanh(0.5 * z))


def bump_basis(x: np.ndarray, lo: float, hi: float, bins: int, unit: str = "sigmoid",
               steepness: float = 200.0) -> np.ndarray:
    """(len(x), bins): bump i is ≈ 1 on bin i and ≈ 0 elsewhere, made of two units of the network.

    Steepness is in units of 1/(bin width): k = steepness · bins / (hi − lo), so the edges stay as
    sharp relative to a bin whatever N. The first bump starts below lo and the last ends above hi, so
    the ends of the interval are covered fully."""
    x = np.asarray(x, dtype=float)[:, None]
    width = (hi - lo) / bins
    edges = lo + width * np.arange(bins + 1)
    a = edges[:-1].copy()
    b = edges[1:].copy()
    a[0] -= width  # past the ends: no half-height bump at x = lo or x = hi
    b[-1] += width
    k = float(steepness) / width
    if unit == "sigmoid":
        return _sigmoid(k * (x - a)) - _sigmoid(k * (x - b))
    ramp_up = np.clip(k * (x - a) + 0.5, 0.0, 1.0)  # relu(z + 1) − relu(z): two ReLU units per edge
    ramp_down = np.clip(k * (x - b) + 0.5, 0.0, 1.0)
    return ramp_up - ramp_down


def bump_curve(x, lo, hi, heights, unit="sigmoid", steepness=200.0) -> np.ndarray:
    heights = np.asarray(heights, dtype=float)
    return bump_basis(x, lo, hi, len(heights), unit, steepness) @ heights


def fit_heights(x, y, lo, hi, bins, unit="sigmoid", steepness=200.0) -> np.ndarray:
    """The heights that make the bumps closest to the points (y) in least squares."""
    basis = bump_basis(x, lo, hi, bins, unit, steepness)
    heights, *_ = np.linalg.lstsq(basis, np.asarray(y, dtype=float), rcond=None)
    return heights


def cybenko_terms(hidden: np.ndarray, w_out: np.ndarray) -> np.ndarray:
    """αᵢ·σ(wᵢx + bᵢ) for every unit i: (units, points); their sum plus the output bias is the network."""
    return (np.asarray(hidden) * np.asarray(w_out).reshape(1, -1)).T
