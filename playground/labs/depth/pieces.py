"""Counting the linear pieces of a one-input ReLU network exactly, without sampling.

A ReLU network of one input is piecewise linear. Walk it layer by layer, keeping a partition of
[lo, hi] into intervals on which every unit of the current layer is affine in x (a slope and an
intercept per unit and interval). A ReLU can only bend a unit where that unit's affine piece crosses
zero inside an interval: those roots are added to the partition, and on each refined interval the
unit is either its affine piece or 0 (decided at the interval's midpoint). The next layer's units
are affine combinations of these, so they stay affine on the same intervals. At the output, adjacent
intervals with the same slope are one piece (continuity makes their intercepts equal too); the
borders left are the network's knees.

The cost is one small matrix product per layer over the intervals found so far; a 4096-piece
sawtooth is counted in a few milliseconds.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from playground.core.nets.mlp_spec import NetSpec

__all__ = ["Pieces", "count_pieces", "telgarsky_bound", "risk_lower_bound", "n_params", "MAX_INTERVALS"]

# A guard for monsters: a deep wide network could in principle have (2m)^l pieces. The walk keeps
# one slope and one intercept per interval and unit, so it stops at this many numbers (64 MB of
# float64 each) and reports the count found so far as a floor (Pieces.truncated).
MAX_ENTRIES = 8_000_000
MAX_INTERVALS = 2_000_000


@dataclass
class Pieces:
    count: int  # maximal intervals of [lo, hi] on which the network is affine
    knees: np.ndarray  # the interior points where the slope changes, sorted
    slopes: np.ndarray  # (count,) the slope of each piece
    knots_x: np.ndarray  # lo, the knees, hi: the curve through (knots_x, knots_y) is the network
    knots_y: np.ndarray
    truncated: bool = False  # True: the walk hit its size limit and `count` is a lower bound


def n_params(spec: NetSpec) -> int:
    units = spec.units()
    return sum((units[l] + 1) * units[l + 1] for l in range(len(units) - 1))


def count_pieces(spec: NetSpec, params: dict[str, np.ndarray], lo: float = 0.0, hi: float = 1.0,
                 rtol: float = 1e-9) -> Pieces:
    """The exact linear pieces on [lo, hi] of the network's output before its output unit (the
    logit for a sigmoid output). Hidden activations must be relu (or linear)."""
    if spec.n_in != 1 or spec.n_out != 1:
        raise ValueError("piece counting needs one input and one output")
    bad = [a for a in spec.activations if a not in ("relu", "linear")]
    if bad:
        raise ValueError(f"piece counting needs ReLU layers, not {bad[0]!r}")
    edges = np.array([float(lo), float(hi)])
    A = np.ones((1, 1))  # slope of each unit on each interval: (intervals, units); the input is x
    C = np.zeros((1, 1))
    truncated = False
    limit = max(1000, min(MAX_INTERVALS, MAX_ENTRIES // max([1, *spec.hidden])))
    for layer in range(spec.n_layers):
        W = np.asarray(params[f"layer{layer}.weight"], dtype=float)  # (fan_in, fan_out)
        b = np.asarray(params[f"layer{layer}.bias"], dtype=float)
        A, C = A @ W, C @ W + b  # pre-activations, still affine on every interval
        if layer == spec.n_layers - 1 or spec.activations[layer] == "linear":
            continue
        left, right = edges[:-1, None], edges[1:, None]
        zl, zr = A * left + C, A * right + C
        cross = (zl * zr) < 0.0  # a sign change strictly inside the interval: one new border
        if np.any(cross):
            roots = -C[cross] / A[cross]
            edges = np.union1d(edges, roots)
            if len(edges) > limit + 1:
                truncated = True
                edges = edges[:limit + 1]  # [lo, edges[limit]]: the rest of the interval is not counted
            parent = np.searchsorted(left[:, 0], edges[:-1], side="right") - 1
            parent = np.clip(parent, 0, len(A) - 1)
            A, C = A[parent], C[parent]
        mid = 0.5 * (edges[:-1] + edges[1:])
        on = (A * mid[:, None] + C) > 0.0  # the unit is its affine piece here, or 0
        A, C = A * on, C * on
    slope = A[:, 0]
    value_left = A[:, 0] * edges[:-1] + C[:, 0]
    scale = max(1.0, float(np.max(np.abs(slope)))) if len(slope) else 1.0
    same = np.abs(np.diff(slope)) <= rtol * scale
    keep = np.concatenate([[True], ~same])  # the first interval of each piece
    knees = edges[1:-1][~same]
    knots_x = np.concatenate([[edges[0]], knees, [edges[-1]]])
    vals = np.concatenate([value_left[keep], [slope[-1] * edges[-1] + C[-1, 0]]])
    return Pieces(count=int(keep.sum()), knees=knees, slopes=slope[keep], knots_x=knots_x,
                  knots_y=vals, truncated=truncated)


def telgarsky_bound(width: int, layers: int, t: int = 2) -> float:
    """Telgarsky's bound: a network with `layers` layers of at most `width` units of a t-sawtooth
    activation (ReLU: t = 2) is at most (t * width)^layers-sawtooth."""
    return float(t * int(width)) ** int(layers)


def risk_lower_bound(pieces: int, n: int) -> float:
    """Telgarsky's counting lemma: a function with `pieces` pieces misclassifies at least
    (n - 4 pieces) / (3 n) of the n alternating points (0 when that is negative)."""
    return max(0.0, (n - 4.0 * pieces) / (3.0 * n))
