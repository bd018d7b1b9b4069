"""The functions the fit lab's networks learn: the presets, typed formulas, drawn curves and CSV points.

A target is a function on an interval, known exactly for the presets and formulas and by its points
for a drawn or imported target (then the clean function is the straight-line interpolation between
them). The samples a network trains on are the target at evenly spaced x, plus Gaussian noise if
asked. The step and the sawtooth's jumps are discontinuous on purpose: the approximation theorems
speak of continuous functions, and the sup-norm error shows what happens outside them.
"""
from __future__ import annotations

import math

import numpy as np

from playground.core.files import FileProblem, read_limited
from playground.core.i18n import tr
from playground.labs.fit.formula import FormulaError, parse

__all__ = ["PRESETS", "PRESET_LABELS", "PRESET_FORMULAS", "TargetError", "preset", "sample_x", "interpolate",
           "read_points_csv", "MAX_CSV_BYTES", "MAX_POINTS"]

MAX_POINTS = 5000
MAX_CSV_BYTES = 2 * 1024 * 1024  # a CSV of x, y points is small; anything bigger is a mistake


class TargetError(ValueError):
    """A target that cannot be used (a bad file, a bad formula); the message says what and where."""


def _sawtooth(x):  # a triangle wave with 4 teeth on [0, 1]: continuous, piecewise linear
    return 1.0 - np.abs(2.0 * (4.0 * x - np.floor(4.0 * x)) - 1.0)


PRESET_FUNCTIONS = {
    "sin": lambda x: np.sin(2 * np.pi * x),
    "abs": lambda x: np.abs(x - 0.5),
    "step": lambda x: (x >= 0.5).astype(float),
    "xsin": lambda x: x * np.sin(15 * x),
    "nielsen": lambda x: 0.2 + 0.4 * x ** 2 + 0.3 * x * np.sin(15 * x) + 0.05 * np.cos(50 * x),
    "sawtooth": _sawtooth,
}
PRESETS = tuple(PRESET_FUNCTIONS)
PRESET_LABELS = ("sin(2πx)", "|x − ½|", "Step at ½ (discontinuous)", "x·sin(15x)",
                 "Nielsen: 0.2+0.4x²+0.3x·sin(15x)+0.05·cos(50x)", "Sawtooth (triangle wave)")
# The same functions as formulas, so a user can start from one and edit it.
PRESET_FORMULAS = {
    "sin": "sin(2*pi*x)", "abs": "abs(x - 1/2)", "step": "step(x - 1/2)", "xsin": "x*sin(15*x)",
    "nielsen": "0.2 + 0.4*x^2 + 0.3*x*sin(15*x) + 0.05*cos(50*x)",
    "sawtooth": "1 - abs(2*frac(4*x) - 1)",
}


def preset(name: str):
    return PRESET_FUNCTIONS[name]


def sample_x(n: int, lo: float, hi: float) -> np.ndarray:
    return np.linspace(lo, hi, int(n))


def interpolate(px: np.ndarray, py: np.ndarray, x: np.ndarray) -> np.ndarray:
    """The clean function of a drawn or imported target: straight lines between its points."""
    order = np.argsort(px, kind="stable")
    return np.interp(x, px[order], py[order])


def formula_function(text: str):
    """A typed formula as a function of x; FormulaError (a one-line message) if it cannot be parsed."""
    f = parse(text, ("x",))
    return lambda x: f(x)


def check_finite(values: np.ndarray, x: np.ndarray, what: str) -> None:
    bad = ~np.isfinite(values)
    if bad.any():
        raise TargetError(tr("{what} is not a finite number at x = {x} (choose a range where it is defined)",
                             what=what, x=f"{float(x[bad.argmax()]):.4g}"))


def read_points_csv(path: str) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) points from a CSV file of `x,y` rows (a header line allowed, # comments skipped).

    Only a regular file of at most MAX_CSV_BYTES is read (core.files.read_limited); a bad row is
    refused with its row number, so nothing half-loads."""
    try:
        raw = read_limited(path, MAX_CSV_BYTES, tr("a CSV file of x, y points"))
    except FileProblem as exc:
        raise TargetError(str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise TargetError(tr("{path} is not a text file (it is not UTF-8)", path=path)) from None
    xs, ys = [], []
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.replace(";", ",").replace("\t", ",").split(",")]
        try:
            x, y = (float(c) for c in cells)
        except ValueError:
            if not xs and not header_seen and any(not _is_number(c) for c in cells):
                header_seen = True  # one header line, before the first point
                continue
            if len(cells) != 2:
                raise TargetError(tr("row {row}: expected 2 values (x, y), found {found}", row=number,
                                     found=len(cells))) from None
            raise TargetError(tr("row {row}: {cells} is not two numbers", row=number, cells=repr(line[:40]))) from None
        if not (math.isfinite(x) and math.isfinite(y)):
            raise TargetError(tr("row {row}: the values must be finite numbers", row=number))
        xs.append(x)
        ys.append(y)
        if len(xs) > MAX_POINTS:
            raise TargetError(tr("more than {limit} points; use at most {limit}", limit=MAX_POINTS))
    if len(xs) < 2:
        raise TargetError(tr("{path} holds 1 point; at least 2 are needed", path=path) if len(xs) == 1 else
                          tr("{path} holds {count} points; at least 2 are needed", path=path, count=len(xs)))
    x, y = np.array(xs), np.array(ys)
    if np.ptp(x) == 0:
        raise TargetError(tr("all points have the same x; the target needs a range of x values"))
    return x, y


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


__all__ += ["formula_function", "check_finite", "FormulaError", "PRESET_FUNCTIONS"]
