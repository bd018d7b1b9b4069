"""Experiment files: save a lab's parameters and trained weights as versioned JSON, and load them back
only after checking every part, so that a corrupt, truncated, too-new or hand-edited file is refused
with one sentence naming the problem instead of half-restoring a model. Saving is atomic: the new file
is written beside the old one, flushed to disk and renamed over it, so a crash never leaves a
half-written experiment. The module is Qt-free and does not import torch.

File format (UTF-8 JSON, conventionally named ``*.npexp.json``; ``FORMAT_NAME`` / ``FORMAT_VERSION``
below)::

    {
      "format": "neural-playground-experiment",   # required, exactly this string
      "version": 1,                               # required int: the format version (not the app's)
      "app_version": "0.1.0",                     # optional str: the app that wrote the file (info only)
      "saved_at": "2026-11-25T01:30:00+00:00",    # optional str: ISO 8601 UTC time (info only)
      "lab": "perceptron",                        # required str: a lab id of playground.registry
      "params": {"dataset": "xor", "lr": 0.1, "seed": 0, ...},
                                                  # required object: the lab's parameters by name
      "epoch": 250,                               # required int >= 0: epochs trained so far
      "state": {                                  # required object: the trained weights by name
        "w1": {"dtype": "float64", "shape": [2, 4], "data": [0.12, -0.5, ...]},
        ...
      },
      "data": {...} or null,                      # version 2, optional: the lab's own points (below)
      "view": {...}                               # optional object: UI state (zoom, selected tab...)
    }

``params`` holds every parameter of the lab, the seed included, with the names and value types of the
lab's ``PARAMS`` list (playground.core.train.params): numbers, strings for choices, true/false, lists. Each
value is checked with ``validate_all``; an unknown name is an error, a missing one takes its default
(so files written before a parameter existed still open).

Each ``state`` entry is one array: ``dtype`` is ``"float64"`` or ``"float32"`` (optional when hand
writing a file; float64 when absent); ``shape`` is a list of
non-negative ints (``[]`` for a scalar); ``data`` is a flat list of ``prod(shape)`` finite JSON numbers
in row-major (C) order. Floats are written with Python's shortest round-trip repr, so a save/load
round trip is exact. The set of names and every shape must equal what the lab's
``expected_state(params)`` returns for the stored parameters; NaN and infinities are refused both when
saving and when loading. Arrays of other numeric dtypes are saved as float64.

``view`` is free-form JSON owned by the lab's view; it is stored and returned as is (``{}`` when
absent) and the view must tolerate missing or unknown keys in it. Numbers in ``params`` and ``view``
that are not finite (a test loss with no test points is NaN) are written as ``null``.

``data`` (version 2) holds points a user brought (a CSV file, points drawn by hand) so that the file
reopens on them, not on freshly generated ones: an object of arrays encoded like ``state`` entries (any
shape) and plain JSON values, e.g. ``{"classes": 3, "x_train": {...}, "y_train": {...}, "x_test": ...}``.
It is ``null`` or absent when the lab's data comes from its parameters. The lab's core checks it with
``check_data(data) -> data`` (raising ValueError with a sentence), and ``expected_state(params, data)``
may depend on it (a 3-class CSV needs 3 outputs). A lab without ``check_data`` refuses a ``data``.

Every whole number is range-checked: ``epoch`` is at most ``MAX_EPOCH`` (the command line's limit).

Versioning: ``version`` changes only when an older reader would misread a file (a key renamed, its
meaning or encoding changed). Adding an optional top-level key does not bump it, and readers ignore
top-level keys they do not know. A file with a version newer than ``FORMAT_VERSION`` is refused with a
message saying which version this app reads; an older one is upgraded in memory by ``migrate()``, one
step per version (``_MIGRATIONS[n]`` turns version n into n + 1), before validation. Files are never
rewritten on load. Version 2 added ``data``; ``migrate`` turns version 1 into 2 by adding ``"data": null``.

A lab's core module (``get_lab(id).core``) provides ``PARAMS`` and ``expected_state(params) -> {name:
shape}``; ``load_experiment`` takes a ``lab_lookup`` callable so tests can supply a small fake lab.
"""
from __future__ import annotations

import importlib
import inspect
import json
import math
import os
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np

from playground import __version__
from playground.core.i18n import N_, tr
from playground.core.files import FileProblem, read_limited
from playground.core.train.params import ParamError, validate_all

__all__ = ["Experiment", "ExperimentError", "save_experiment", "load_experiment", "migrate",
           "FORMAT_NAME", "FORMAT_VERSION", "FILE_SUFFIX"]

FORMAT_NAME = "neural-playground-experiment"
FORMAT_VERSION = 3  # 3: classify's per-layer activations as one list, perceptron noise in %
MAX_EPOCH = 10_000_000  # the command line's --epochs limit: anything larger is a damaged file
FILE_SUFFIX = ".npexp.json"  # the Save dialog's suggestion; any file name loads
# A guard against opening something enormous by mistake (a video, a disk image): real experiments,
# even a small U-Net's weights as JSON text, stay far below this.
MAX_FILE_BYTES = 512 * 1024 * 1024

_DTYPES = ("float64", "float32")


class ExperimentError(ValueError):
    """An experiment file that cannot be saved or used; the message is one sentence for a dialog."""


@dataclass
class Experiment:
    """A loaded, fully validated experiment: clean parameters and finite float arrays of the right shapes."""

    lab: str
    params: dict
    state: dict[str, np.ndarray]
    epoch: int
    view: dict = field(default_factory=dict)
    data: dict | None = None  # the lab's own points (CSV, drawn), checked by its check_data
    version: int = FORMAT_VERSION  # the version the file was written in (before migration)
    app_version: str | None = None
    saved_at: str | None = None


# --- saving ----------------------------------------------------------------------------------------

def save_experiment(path: str | os.PathLike, lab_id: str, params: Mapping[str, Any],
                    state: Mapping[str, Any], epoch: int, view: Mapping[str, Any] | None = None,
                    data: Mapping[str, Any] | None = None) -> Path:
    """Write an experiment file atomically and return its path.

    ``state`` maps names to numpy arrays or nested lists of numbers; ``data`` (optional) maps names to
    arrays (encoded like weights) or plain JSON values. Raises ExperimentError (and leaves any
    existing file untouched) when a value cannot be stored or the file cannot be written.
    """
    if not isinstance(lab_id, str) or not lab_id:
        raise ExperimentError(tr("cannot save: the lab id must be a non-empty string"))
    if isinstance(epoch, bool) or not isinstance(epoch, (int, np.integer)) or not 0 <= epoch <= MAX_EPOCH:
        raise ExperimentError(tr("cannot save: the epoch must be a whole number from 0 to {max_epoch:,}, not {epoch!r}", max_epoch=MAX_EPOCH, epoch=epoch))
    arrays = {name: _encode_array(name, value) for name, value in state.items()}
    data_doc = None
    if data is not None:
        data_doc = {}
        for key, value in data.items():
            if isinstance(value, np.ndarray):
                data_doc[str(key)] = _encode_array(f"data.{key}", value)
            else:
                data_doc[str(key)] = _finite_or_null(value)
    doc = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "app_version": __version__,
        "saved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "lab": lab_id,
        "params": _finite_or_null(dict(params)),
        "epoch": int(epoch),
        "state": {},
        "data": data_doc,
        "view": _finite_or_null(dict(view)) if view else {},
    }
    text = _dumps(doc, arrays)
    return _write_atomically(Path(path), text)


def _finite_or_null(value: Any) -> Any:
    """The value with every NaN or infinity (a metric with nothing to measure) as None -> null."""
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.ndarray):
        return _finite_or_null(value.tolist())
    if isinstance(value, dict):
        return {k: _finite_or_null(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite_or_null(v) for v in value]
    return value


def _encode_array(name: Any, value: Any) -> dict:
    if not isinstance(name, str) or not name:
        raise ExperimentError(tr("cannot save: the weight name {name!r} is not a non-empty string", name=name))
    try:
        a = np.asarray(value)
    except (ValueError, TypeError):
        a = None
    if a is None or a.dtype.kind not in "biuf":
        raise ExperimentError(tr("cannot save: weights '{name}' are not a rectangular array of real numbers", name=name))
    dtype = "float32" if a.dtype == np.float32 else "float64"
    a = a.astype(dtype)
    if not np.all(np.isfinite(a)):
        # a file we write must be one we can read back; a diverged model is not worth keeping
        raise ExperimentError(tr("cannot save: weights '{name}' contain NaN or infinite values", name=name))
    # tolist() of float32 gives the exact float64 value, so reading it back and casting is lossless
    return {"dtype": dtype, "shape": list(a.shape), "data": a.ravel(order="C").tolist()}


def _dumps(doc: dict, arrays: dict[str, dict]) -> str:
    """Indented JSON for the small parts, with each array on one line so a file stays readable."""
    try:
        # one random placeholder per array, which cannot collide with user text, then one pass that
        # swaps each for its compact JSON (repeated str.replace would rescan megabytes of weights)
        prefix = f"@@array-{secrets.token_hex(8)}-"
        names = list(arrays)
        doc = {**doc, "state": {n: f"{prefix}{i}@@" for i, n in enumerate(names)}}
        text = json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False, default=_plain)
        pattern = re.compile(re.escape(json.dumps(prefix)[:-1]) + r"(\d+)@@\"")
        text = pattern.sub(lambda m: json.dumps(arrays[names[int(m.group(1))]], allow_nan=False), text)
    except (TypeError, ValueError) as err:
        raise ExperimentError(tr("cannot save: a parameter or view value is not storable as JSON ({err})", err=err)) from None
    return text + "\n"


def _plain(value: Any) -> Any:
    # numpy scalars and small arrays reach params and view from widgets and sessions
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, (tuple, set, frozenset)):
        return list(value)
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _write_all(fh, text: str) -> None:
    # a seam for tests: they replace it to simulate a crash or a full disk in the middle of a write
    fh.write(text)


def _write_atomically(path: Path, text: str) -> Path:
    # write the real file behind a symlink, not replace the link with a plain file
    target = Path(os.path.realpath(path))
    folder = target.parent
    if not folder.is_dir():
        raise ExperimentError(tr("cannot save {name}: the folder {folder} does not exist", name=path.name, folder=folder))
    _remove_stale_temporaries(folder, target.name)
    tmp = folder / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        # 0o666 filtered by the umask, like any new file, rather than mkstemp's private 0o600
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        try:
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
                _write_all(fh, text)
                fh.flush()
                os.fsync(fh.fileno())
            if target.exists():
                os.chmod(tmp, target.stat().st_mode & 0o7777)
            os.replace(tmp, target)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    except OSError as err:
        reason = err.strerror or str(err)
        raise ExperimentError(tr("cannot save {name}: {reason}", name=path.name, reason=reason)) from None
    _fsync_folder(folder)
    return path


STALE_TMP_SECONDS = 60.0


def _remove_stale_temporaries(folder: Path, name: str) -> None:
    """Delete what a save killed mid-write left (`.NAME.XXXXXXXX.tmp`, older than a minute, so a save
    running right now in another window keeps its file)."""
    import time

    pattern = re.compile(rf"\.{re.escape(name)}\.[0-9a-f]{{8}}\.tmp")
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        if pattern.fullmatch(entry.name):
            try:
                if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime > STALE_TMP_SECONDS:
                    os.unlink(entry.path)
            except OSError:
                pass


def _fsync_folder(folder: Path) -> None:
    # makes the rename itself durable on POSIX; Windows cannot open folders, and it is only a bonus
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- loading ---------------------------------------------------------------------------------------

def _registry_lookup(lab_id: str):
    from playground.registry import get_lab

    info = get_lab(lab_id)  # KeyError whose message lists the known labs
    return importlib.import_module(info.core)


def load_experiment(path: str | os.PathLike,
                    lab_lookup: Callable[[str], Any] | None = None) -> Experiment:
    """Read, migrate and validate an experiment file; raise ExperimentError naming the first problem.

    ``lab_lookup(lab_id)`` returns an object with ``PARAMS`` and ``expected_state(params)`` and raises
    KeyError (with a message listing the known labs) for an unknown id; it defaults to the registry.
    """
    path = Path(path)
    name = path.name or str(path)
    try:
        return _load(path, name, lab_lookup)
    except ExperimentError:
        raise
    except Exception as err:  # noqa: BLE001 - whatever a damaged file triggers, the user reads one line
        raise ExperimentError(tr("{name} could not be read as an experiment ({kind}: {err})", name=name, kind=type(err).__name__, err=err)) from None


def _load(path: Path, name: str, lab_lookup) -> Experiment:
    doc = _read_json(path, name)
    if not isinstance(doc, dict):
        raise ExperimentError(tr("{name} is not an experiment file: it holds {kind}, not a JSON object", name=name, kind=_json_type(doc)))
    if doc.get("format") != FORMAT_NAME:
        found = tr("no \"format\" key") if "format" not in doc else tr("format {format!r}", format=doc['format'])
        raise ExperimentError(tr("{name} is not a Neural Playground experiment: it has {found}, expected {expected!r}", name=name, found=found, expected=FORMAT_NAME))
    version = doc.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise ExperimentError(tr("{name} has no valid format version (found {version!r}, expected a whole number)", name=name, version=version))
    if version > FORMAT_VERSION:
        by = tr(" (by Neural Playground {app_version})", app_version=doc['app_version']) if isinstance(doc.get("app_version"), str) else ""
        raise ExperimentError(tr("{name} was saved in experiment format version {version}{by}, but this app reads versions up to {newest}: please update Neural Playground", name=name, version=version, by=by, newest=FORMAT_VERSION))
    if version < 1:
        raise ExperimentError(tr("{name} has format version {version}, which never existed (versions start at 1)", name=name, version=version))
    doc = migrate(doc)

    for key in ("app_version", "saved_at"):
        if doc.get(key) is not None and not isinstance(doc[key], str):
            raise ExperimentError(tr("{name}: \"{key}\" must be a string, not {kind}", name=name, key=key, kind=_json_type(doc[key])))

    lab_id = doc.get("lab")
    if not isinstance(lab_id, str) or not lab_id:
        raise ExperimentError(tr("{name} does not say which lab it belongs to (\"lab\" is missing or not a string)", name=name))
    lab = _find_lab(lab_id, lab_lookup or _registry_lookup, name)
    lab_params = getattr(lab, "PARAMS", None)
    if lab_params is None:
        raise ExperimentError(tr("{name}: the lab {lab_id!r} declares no PARAMS, so its files cannot be checked", name=name, lab_id=lab_id))

    if "params" not in doc:
        raise ExperimentError(tr("{name} has no \"params\" object", name=name))
    try:
        params = validate_all(lab_params, doc["params"])
    except ParamError as err:
        raise ExperimentError(tr("{name} has a bad parameter: {err}", name=name, err=err)) from None

    epoch = doc.get("epoch")
    if isinstance(epoch, bool) or not isinstance(epoch, int):
        raise ExperimentError(tr("{name}: \"epoch\" must be a whole number, not {value}", name=name, value=_short(epoch)))
    if epoch < 0:
        raise ExperimentError(tr("{name}: \"epoch\" is {epoch}, but it cannot be negative", name=name, epoch=epoch))
    if epoch > MAX_EPOCH:
        raise ExperimentError(tr("{name}: \"epoch\" is {value}, more than the {max_epoch:,} epochs a run can have", name=name, value=_short(epoch), max_epoch=MAX_EPOCH))

    data = _decode_data(doc.get("data"), lab, lab_id, name)
    expected = _expected_shapes(lab, lab_id, params, name, data)
    state = _decode_state(doc.get("state"), expected, name)

    view = doc.get("view")
    if view is None:
        view = {}
    if not isinstance(view, dict):
        raise ExperimentError(tr("{name}: \"view\" must be an object, not {kind}", name=name, kind=_json_type(view)))

    return Experiment(lab=lab_id, params=params, state=state, epoch=epoch, view=view, data=data,
                      version=version, app_version=doc.get("app_version"), saved_at=doc.get("saved_at"))


def _short(value: Any) -> str:
    """A value for a message, cut short (a 5,000-digit number must not fill a dialog)."""
    try:
        text = repr(value)
    except ValueError:  # an int too long for repr
        return tr("a number with thousands of digits")
    return text if len(text) <= 40 else text[:20] + "…" + text[-8:]


def _decode_data(raw: Any, lab, lab_id: str, name: str) -> dict | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ExperimentError(tr("{name}: \"data\" must be an object or null, not {kind}", name=name, kind=_json_type(raw)))
    check = getattr(lab, "check_data", None)
    if check is None:
        raise ExperimentError(tr("{name} holds its own data points, but the lab {lab_id!r} takes none", name=name, lab_id=lab_id))
    decoded: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict) and "data" in value and "shape" in value:
            stored = value.get("shape")
            if not isinstance(stored, list) or not all(type(n) is int and 0 <= n <= 10**7 for n in stored):
                raise ExperimentError(tr("{name}: data '{key}' has no valid shape, found {value}", name=name, key=key, value=_short(stored)))
            decoded[key] = _decode_array(key, value, tuple(stored), name, what="data")
        else:
            decoded[key] = value
    try:
        return check(decoded)
    except (ValueError, TypeError, KeyError) as err:
        raise ExperimentError(tr("{name} has unusable data points: {problem}", name=name, problem=_plain_message(err))) from None


_CLI_ADVICE = re.compile(r",? (?:e\.g\.|par ex\.) --[\w-]+[ =]\S+")


def _plain_message(err: BaseException) -> str:
    """A lab's message without its command-line advice ("e.g. --activations relu,tanh"): in a file,
    the fix is the file's value, which the message names."""
    text = err.args[0] if err.args and isinstance(err.args[0], str) else str(err)
    return _CLI_ADVICE.sub("", text)


def _read_json(path: Path, name: str) -> Any:
    try:
        # not st_size: a FIFO or /dev/zero would hang or read without end (core/files.py)
        raw = read_limited(path, MAX_FILE_BYTES, N_("an experiment file"))
    except FileProblem as err:
        raise ExperimentError(str(err)) from None
    if not raw.strip():
        raise ExperimentError(tr("{name} is empty", name=name))
    try:
        text = raw.decode("utf-8-sig")  # tolerate the BOM some Windows editors add
    except UnicodeDecodeError as err:
        raise ExperimentError(tr("{name} is not a text file (byte {start} is not UTF-8), so it is not an experiment file", name=name, start=err.start)) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        where = tr("line {lineno}, column {colno}", lineno=err.lineno, colno=err.colno)
        if _looks_truncated(text, err):
            raise ExperimentError(tr("{name} is truncated: the JSON stops unfinished at {where} (was the save interrupted?)", name=name, where=where)) from None
        raise ExperimentError(tr("{name} is not valid JSON: {problem} at {where}", name=name, problem=err.msg.lower(), where=where)) from None
    except RecursionError:
        raise ExperimentError(tr("{name} is not a usable JSON file: it is nested too deeply", name=name)) from None
    except ValueError as err:  # Python's own limit: an integer of more than 4,300 digits
        raise ExperimentError(tr("{name} holds a number with thousands of digits, which no setting or weight can be", name=name)) from None


# what may be left of a number or a true/false/null literal cut off by the end of the file
_PARTIAL_TOKEN = re.compile(r"[-+0-9.eE]*|t(r(ue?)?)?|f(a(l(se?)?)?)?|n(u(ll?)?)?")


def _looks_truncated(text: str, err: json.JSONDecodeError) -> bool:
    """True when the JSON is a valid beginning that simply stops: the end of the file, not a typo."""
    if err.msg.startswith("Unterminated string"):
        return True  # a string has no closing quote anywhere before the end
    rest = text[err.pos:].strip()
    return bool(_PARTIAL_TOKEN.fullmatch(rest)) and err.msg != "Extra data"


def _find_lab(lab_id: str, lookup: Callable[[str], Any], name: str):
    try:
        return lookup(lab_id)
    except KeyError as err:
        detail = err.args[0] if err.args and isinstance(err.args[0], str) else tr("unknown lab {lab_id!r}", lab_id=lab_id)
        raise ExperimentError(tr("{name} belongs to a lab this app does not have: {detail}", name=name, detail=detail)) from None
    except ImportError as err:
        raise ExperimentError(tr("{name} belongs to the lab {lab_id!r}, which cannot be loaded ({err})", name=name, lab_id=lab_id, err=err)) from None


def _expected_shapes(lab, lab_id: str, params: dict, name: str,
                     data: dict | None = None) -> dict[str, tuple[int, ...]]:
    expected_state = getattr(lab, "expected_state", None)
    if expected_state is None:
        raise ExperimentError(tr("{name}: the lab {lab_id!r} declares no expected_state(), so its weights cannot be checked", name=name, lab_id=lab_id))
    try:
        if data is not None and len(inspect.signature(expected_state).parameters) > 1:
            shapes = expected_state(params, data)
        else:
            shapes = expected_state(params)
    except (ValueError, TypeError, KeyError, RuntimeError) as err:
        # the lab's own check of the combination (no features at all, a race of one activation)
        raise ExperimentError(tr("{name} has parameters this lab cannot use: {problem}", name=name, problem=_plain_message(err))) from None
    return {str(k): tuple(int(n) for n in shape) for k, shape in shapes.items()}


def _decode_state(raw: Any, expected: dict[str, tuple[int, ...]], name: str) -> dict[str, np.ndarray]:
    if not isinstance(raw, dict):
        what = tr("no \"state\"") if raw is None else tr("a \"state\" that is {kind}, not an object", kind=_json_type(raw))
        raise ExperimentError(tr("{name} has {what}, so it holds no weights", name=name, what=what))
    missing = [k for k in expected if k not in raw]
    if missing:
        raise ExperimentError(tr("{name} is missing the weights {names} that this lab needs", name=name, names=_names(missing)))
    extra = [k for k in raw if k not in expected]
    if extra:
        raise ExperimentError(tr("{name} has weights {names} that this lab does not use (it expects {expected})", name=name, names=_names(extra), expected=_names(list(expected))))
    return {k: _decode_array(k, raw[k], expected[k], name) for k in expected}


def _decode_array(key: str, entry: Any, shape: tuple[int, ...], name: str, what: str = "weights") -> np.ndarray:
    label = (tr("{name}: data '{key}'", name=name, key=key) if what == "data"
             else tr("{name}: weights '{key}'", name=name, key=key))
    if not isinstance(entry, dict):
        raise ExperimentError(tr("{label} must be an object with dtype, shape and data, not {kind}", label=label, kind=_json_type(entry)))
    dtype = entry.get("dtype", "float64")
    if dtype not in _DTYPES:
        raise ExperimentError(tr("{label} have dtype {dtype!r}; only {dtypes} are stored", label=label, dtype=dtype, dtypes=', '.join(_DTYPES)))
    stored = entry.get("shape")
    if not isinstance(stored, list) or not all(isinstance(n, int) and not isinstance(n, bool) and n >= 0
                                                for n in stored):
        raise ExperimentError(tr("{label} have no valid shape (a list of whole numbers >= 0), found {stored!r}", label=label, stored=stored))
    if tuple(stored) != shape:
        raise ExperimentError(tr("{label} have shape {stored}, but this lab with these parameters needs {shape}", label=label, stored=tuple(stored), shape=shape))
    data = entry.get("data")
    if not isinstance(data, list):
        raise ExperimentError(tr("{label} have no \"data\" list of numbers", label=label))
    count = math.prod(shape)
    if len(data) != count:
        raise ExperimentError(tr("{label} hold {n} numbers, but shape {shape} needs {count}", label=label, n=len(data), shape=shape, count=count))
    # json gives int, float (NaN/Infinity included) or other types; anything else is a hand edit
    if not all(type(x) in (int, float) for x in data):
        bad = next(x for x in data if type(x) not in (int, float))
        raise ExperimentError(tr("{label} contain {bad!r}, which is not a number", label=label, bad=bad))
    try:
        array = np.array(data, dtype=np.float64)
    except OverflowError:
        raise ExperimentError(tr("{label} contain a number too large to store", label=label)) from None
    if not np.all(np.isfinite(array)):
        raise ExperimentError(tr("{label} contain NaN or infinite values", label=label))
    if array.size and np.abs(array).max() > np.finfo(dtype).max:
        raise ExperimentError(tr("{label} contain a number too large for {dtype}", label=label, dtype=dtype))
    return array.astype(dtype).reshape(shape)


def migrate(doc: dict) -> dict:
    """Upgrade a parsed document of any supported older version to FORMAT_VERSION, one step at a time.

    The caller has checked that ``doc["version"]`` is an int between 1 and FORMAT_VERSION. Each step
    returns a new dict and sets the new version, so a failure midway never half-changes the input.
    """
    version = doc["version"]
    while version < FORMAT_VERSION:
        doc = _MIGRATIONS[version](doc)
        version = doc["version"]
    return doc


def _v1_to_v2(doc: dict) -> dict:
    # Version 1 had no "data": its labs always regenerated their points from the parameters.
    return {**doc, "version": 2, "data": None}


def _v2_to_v3(doc: dict) -> dict:
    """Version 3 states one quantity one way in every lab: classify's activation_1 .. activation_8
    became one list, layer_activations (trailing 'same' dropped), and the perceptron's noise became a
    percentage (0 to 50, as in classify) instead of a fraction (0 to 0.5). Anything else, including a
    malformed value, is passed on unchanged for validation to name."""
    params = doc.get("params")
    if not isinstance(params, dict):
        return {**doc, "version": 3}
    params = dict(params)
    if doc.get("lab") == "classify":
        keys = [f"activation_{i}" for i in range(1, 9)]
        if any(k in params for k in keys):
            acts = [params.pop(k, "same") for k in keys]
            while acts and acts[-1] == "same":
                acts.pop()
            params["layer_activations"] = acts
    if doc.get("lab") == "perceptron":
        noise = params.get("noise")
        if type(noise) in (int, float):
            params["noise"] = round(noise * 100.0, 9)
    return {**doc, "version": 3, "params": params}


# _MIGRATIONS[n] turns a version-n document into a version n + 1 one.
_MIGRATIONS: dict[int, Callable[[dict], dict]] = {1: _v1_to_v2, 2: _v2_to_v3}


def _json_type(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return tr("a true/false value")
    if isinstance(value, (int, float)):
        return tr("a number")
    if isinstance(value, str):
        return tr("a string")
    if isinstance(value, list):
        return tr("a list")
    if isinstance(value, dict):
        return tr("an object")
    return type(value).__name__


def _names(names: list) -> str:
    shown = ", ".join(f"'{n}'" for n in names[:6])
    return shown + (tr(" and {n} more", n=len(names) - 6) if len(names) > 6 else "")
