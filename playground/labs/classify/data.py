"""Two-dimensional data sets for the classification playground, and CSV import/export.

TensorFlow Playground's four classification sets (circle, xor, gauss, spiral) and two regression sets
(plane, multi-gaussian) are generated the way it describes them: 500 points (1200 for regression) in
about [-6, 6], noise 0 to 50 (a percentage of the set's scale). Beyond them: moons, checkerboard,
a three-arm spiral, 3+ gaussian blobs, and random labels, the lecture's first slide: data with no
structure, where nothing can be learned; and an empty plane to draw on. Every generator is a pure function of a numpy Generator, so
a seed reproduces the data exactly. Labels are class indices 0..K-1 (for two classes, 1 is
TensorFlow Playground's +1) or real values for regression.
"""
from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

import numpy as np

from playground.core.files import FileProblem, read_limited
from playground.core.i18n import language, tr

__all__ = ["Dataset", "DATASETS", "REGRESSION", "MULTICLASS", "generate", "split", "FEATURES",
           "feature_matrix", "read_csv", "parse_csv", "write_csv", "default_points", "EXTENT"]

EXTENT = 6.0  # the plane drawn and sampled: [-6, 6] x [-6, 6]

CLASSIFICATION = ("circle", "xor", "gauss", "spiral", "moons", "checkerboard", "spiral3", "blobs", "random",
                  "empty")
REGRESSION = ("plane", "multi-gaussian")
MULTICLASS = ("spiral3", "blobs")
DATASETS = CLASSIFICATION + REGRESSION

# Input features as TensorFlow Playground names them, computed from the raw coordinates (no scaling).
FEATURES = {
    "x1": ("X₁", lambda x: x[:, 0]),
    "x2": ("X₂", lambda x: x[:, 1]),
    "x1sq": ("X₁²", lambda x: x[:, 0] ** 2),
    "x2sq": ("X₂²", lambda x: x[:, 1] ** 2),
    "x1x2": ("X₁X₂", lambda x: x[:, 0] * x[:, 1]),
    "sinx1": ("sin(X₁)", lambda x: np.sin(x[:, 0])),
    "sinx2": ("sin(X₂)", lambda x: np.sin(x[:, 1])),
}


@dataclass
class Dataset:
    """Points and labels; `classes` is 0 for regression."""

    x: np.ndarray  # (n, 2) float
    y: np.ndarray  # (n,) int class index, or float target for regression
    classes: int
    name: str = ""

    @property
    def regression(self) -> bool:
        return self.classes == 0

    def __len__(self) -> int:
        return len(self.x)


def default_points(name: str) -> int:
    if name == "empty":
        return 0
    return 1200 if name in REGRESSION else 500


def feature_matrix(x: np.ndarray, names: list[str]) -> np.ndarray:
    """(n, 2) points -> (n, len(names)) network inputs."""
    x = np.asarray(x, dtype=float).reshape(-1, 2)
    return np.stack([FEATURES[n][1](x) for n in names], axis=1) if names else np.zeros((len(x), 0))


# --- generators: (rng, n, noise fraction 0..0.5, classes) -> (x, y) ------------------------------------

def _halves(n: int) -> tuple[int, int]:
    return n // 2, n - n // 2


def _circle(rng, n, noise, _k):
    radius = 5.0
    n_in, n_out = _halves(n)
    r = np.concatenate([rng.uniform(0, radius * 0.5, n_in), rng.uniform(radius * 0.7, radius, n_out)])
    angle = rng.uniform(0, 2 * math.pi, n)
    x = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)
    # The label is decided on the jittered point, so noise flips points near the boundary.
    jitter = rng.uniform(-radius, radius, (n, 2)) * noise
    y = (np.hypot(*(x + jitter).T) < radius * 0.5).astype(int)
    return x, y


def _xor(rng, n, noise, _k):
    x = rng.uniform(-5, 5, (n, 2))
    x += np.where(x > 0, 0.3, -0.3)  # a margin away from the axes
    jitter = rng.uniform(-5, 5, (n, 2)) * noise
    p = x + jitter
    return x, (p[:, 0] * p[:, 1] >= 0).astype(int)


def _gauss(rng, n, noise, _k):
    variance = 0.5 + (4.0 - 0.5) * (noise / 0.5)
    n_pos, n_neg = _halves(n)
    pos = rng.normal((2.0, 2.0), math.sqrt(variance), (n_pos, 2))
    neg = rng.normal((-2.0, -2.0), math.sqrt(variance), (n_neg, 2))
    return np.concatenate([pos, neg]), np.concatenate([np.ones(n_pos, int), np.zeros(n_neg, int)])


def _arms(rng, n, noise, k):
    """k interleaved spiral arms (k=2 is TensorFlow Playground's spiral)."""
    xs, ys = [], []
    counts = [n // k + (1 if i < n % k else 0) for i in range(k)]
    for arm, m in enumerate(counts):
        i = np.arange(m)
        r = i / m * 5.0
        t = 1.75 * i / m * 2 * math.pi + arm * 2 * math.pi / k
        pts = np.stack([r * np.sin(t), r * np.cos(t)], axis=1) + rng.uniform(-1, 1, (m, 2)) * noise
        xs.append(pts)
        ys.append(np.full(m, arm))
    x, y = np.concatenate(xs), np.concatenate(ys)
    if k == 2:  # TF Playground's first arm (angle offset 0) is the positive class
        y = 1 - y
    return x, y


def _spiral(rng, n, noise, _k):
    return _arms(rng, n, noise, 2)


def _spiral3(rng, n, noise, _k):
    return _arms(rng, n, noise, 3)


def _moons(rng, n, noise, _k):
    n_a, n_b = _halves(n)
    ta, tb = rng.uniform(0, math.pi, n_a), rng.uniform(0, math.pi, n_b)
    a = np.stack([np.cos(ta), np.sin(ta)], axis=1)
    b = np.stack([1 - np.cos(tb), 0.5 - np.sin(tb)], axis=1)
    x = (np.concatenate([a, b]) - (0.5, 0.25)) * 3.5 + rng.normal(0, 1, (n, 2)) * noise * 3
    return x, np.concatenate([np.ones(n_a, int), np.zeros(n_b, int)])


def _checkerboard(rng, n, noise, _k):
    x = rng.uniform(-6, 6, (n, 2))
    p = x + rng.uniform(-6, 6, (n, 2)) * noise
    cells = np.floor(p / 3.0).astype(int)  # 4 x 4 squares of side 3
    return x, ((cells[:, 0] + cells[:, 1]) % 2 == 0).astype(int)


def _blobs(rng, n, noise, k):
    std = 0.8 + 3.0 * noise
    centres = [(3.5 * math.cos(2 * math.pi * c / k + 0.5), 3.5 * math.sin(2 * math.pi * c / k + 0.5))
               for c in range(k)]
    y = np.arange(n) % k
    x = np.asarray(centres)[y] + rng.normal(0, std, (n, 2))
    return x, y


def _random(rng, n, _noise, _k):
    # No structure at all: labels are coin flips, independent of the points.
    return rng.uniform(-5, 5, (n, 2)), rng.integers(0, 2, n)


def _empty(_rng, _n, _noise, _k):
    # An empty plane to draw on: every point comes from the user's clicks.
    return np.zeros((0, 2)), np.zeros(0, dtype=int)


def _plane(rng, n, noise, _k):
    x = rng.uniform(-EXTENT, EXTENT, (n, 2))
    p = x + rng.uniform(-EXTENT, EXTENT, (n, 2)) * noise
    return x, np.clip((p[:, 0] + p[:, 1]) / 10.0, -1, 1)


_GAUSSIANS = ((-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1))


def _multi_gaussian(rng, n, noise, _k):
    x = rng.uniform(-EXTENT, EXTENT, (n, 2))
    p = x + rng.uniform(-EXTENT, EXTENT, (n, 2)) * noise
    # Each point takes the value of its strongest bump: +1 or -1 at a centre, 0 two units away.
    values = np.stack([sign * np.clip(1 - np.hypot(p[:, 0] - cx, p[:, 1] - cy) / 2.0, 0, 1)
                       for cx, cy, sign in _GAUSSIANS], axis=1)
    return x, values[np.arange(n), np.abs(values).argmax(axis=1)]


_GENERATORS = {
    "circle": _circle, "xor": _xor, "gauss": _gauss, "spiral": _spiral, "moons": _moons,
    "checkerboard": _checkerboard, "spiral3": _spiral3, "blobs": _blobs, "random": _random,
    "plane": _plane, "multi-gaussian": _multi_gaussian, "empty": _empty,
}


def generate(name: str, rng: np.random.Generator, n: int | None = None, noise: float = 0.0,
             classes: int = 3) -> Dataset:
    """A data set of n points; noise is TensorFlow Playground's 0 to 50."""
    if name not in _GENERATORS:
        raise ValueError(tr("unknown data set {name}; choose one of {choices}", name=repr(name),
                            choices=", ".join(DATASETS)))
    n = default_points(name) if not n or name == "empty" else int(n)
    x, y = _GENERATORS[name](rng, n, float(noise) / 100.0, int(classes))
    if name in REGRESSION:
        return Dataset(x.astype(float), y.astype(float), 0, name)
    k = int(classes) if name == "blobs" else (3 if name == "spiral3" else 2)
    return Dataset(x.astype(float), y.astype(int), k, name)


def split(data: Dataset, ratio: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Shuffled (train indices, test indices); the first `ratio` of a shuffle is the training set."""
    order = rng.permutation(len(data))
    cut = int(math.floor(len(data) * ratio))
    return np.sort(order[:cut]), np.sort(order[cut:])


# --- CSV ------------------------------------------------------------------------------------------

def grouped(n: int) -> str:
    """Thousands grouped as the language writes them: 100,000 or 100 000 (French decimals take the comma)."""
    text = f"{int(n):,}"
    return text.replace(",", "\u202f") if language() == "fr" else text


class DataError(ValueError):
    """A data file that cannot be used; the message names the row."""


MAX_CSV_BYTES = 32 * 2**20  # about a million rows: far more points than the plane can show
MAX_ROWS = 100_000


def read_csv(path) -> Dataset:
    """Read an `x1,x2,label` file; see parse_csv. A FIFO, a device or a file over MAX_CSV_BYTES is
    refused (core/files.read_limited), never waited on."""
    try:
        raw = read_limited(path, MAX_CSV_BYTES, "a CSV file of points")
    except FileProblem as exc:
        raise DataError(str(exc)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError(tr("{path}: byte {byte} is not UTF-8 text, so this is not a CSV file", path=path,
                           byte=exc.start)) from None
    return parse_csv(text, str(path))


def parse_csv(text: str, name: str = "data") -> Dataset:
    """Parse `x1,x2,label` rows (a header line is allowed). Whole-number labels mean classification:
    -1/1 or 0/1 for two classes, 0..K-1 for more; any fractional label means regression."""
    rows: list[tuple[int, float, float, float]] = []
    # Old Mac files end lines with CR alone, which the csv module reads as one endless line.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    reader = csv.reader(io.StringIO(text))
    line_no = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:  # a field over the csv module's 131,072 characters, a stray quote
            raise DataError(tr("{file} row {row}: not a CSV row of numbers ({error})", file=name,
                               row=reader.line_num, error=exc)) from None
        line_no = reader.line_num
        if len(rows) >= MAX_ROWS:
            raise DataError(tr("{file}: more than {most} points, more than the plane can show", file=name,
                               most=grouped(MAX_ROWS)))
        if not row or all(not cell.strip() for cell in row) or row[0].lstrip().startswith("#"):
            continue
        if len(row) != 3:
            raise DataError(tr("{file} row {row}: expected 3 values (x1, x2, label), got {n}", file=name,
                               row=line_no, n=len(row)))
        try:
            values = [float(cell) for cell in row]
        except ValueError:
            if not rows and not any(_is_number(c) for c in row):
                continue  # a header line such as x1,x2,label
            bad = next(c for c in row if not _is_number(c))
            raise DataError(tr("{file} row {row}: {value} is not a number", file=name, row=line_no,
                               value=repr(bad.strip()))) from None
        if not all(math.isfinite(v) for v in values):
            raise DataError(tr("{file} row {row}: values must be finite numbers", file=name, row=line_no))
        if max(abs(values[0]), abs(values[1])) > 1e6:
            raise DataError(tr("{file} row {row}: coordinates must be within ±1e6", file=name, row=line_no))
        rows.append((line_no, *values))
    if len(rows) < 2:
        raise DataError(tr("{file}: needs at least 2 data rows (x1, x2, label), found {n}", file=name,
                           n=len(rows)))
    arr = np.array([r[1:] for r in rows])
    x, labels = arr[:, :2], arr[:, 2]
    whole = labels == np.round(labels)
    if not np.all(whole):
        # Regression only when real values are the rule: a single 2.5 among 0/1 labels is a typo,
        # which would otherwise silently turn a classification file into a regression one.
        classes_like = np.all((labels[whole] >= -1) & (labels[whole] <= 9))
        if whole.mean() >= 0.9 and classes_like:
            line_no, *_, label = rows[int(np.argmin(whole))]
            found = ", ".join(f"{v:g}" for v in sorted(set(labels[whole].tolist()))[:6])
            raise DataError(tr("{file} row {row}: label {label} is not a class number, but the other "
                               "labels are classes ({found}); for regression, every label is a real value",
                               file=name, row=line_no, label=f"{label:g}", found=found))
        return Dataset(x, labels, 0, "custom")
    values = set(labels.astype(int).tolist())
    if len(values) < 2:
        raise DataError(tr("{file}: every point has label {label}, so there is only one class; "
                           "classification needs points of at least two classes", file=name, label=values.pop()))
    if values <= {-1, 1}:
        return Dataset(x, (labels > 0).astype(int), 2, "custom")
    for (line_no, _, _, label) in rows:
        if label < 0 or label > 9:
            raise DataError(tr("{file} row {row}: class label {label} must be 0 to 9 (or -1/1)", file=name,
                               row=line_no, label=f"{label:g}"))
    return Dataset(x, labels.astype(int), max(2, int(labels.max()) + 1), "custom")


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def write_csv(data: Dataset, path=None) -> str:
    """`x1,x2,label` text (and the file, if a path is given); read_csv reads it back exactly."""
    out = io.StringIO()
    out.write("x1,x2,label\n")
    for (a, b), label in zip(data.x, data.y):
        value = repr(float(label)) if data.regression else str(int(label))
        out.write(f"{float(a)!r},{float(b)!r},{value}\n")
    text = out.getvalue()
    if path is not None:
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    return text


__all__ += ["DataError", "CLASSIFICATION", "grouped"]
