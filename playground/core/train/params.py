"""Declarative lab parameters: one list per lab drives its control panel, its CLI options and the
validation of experiment files, so the three can never disagree.

A `Param` says its kind, default, range or choices, and whether a change applies live (the learning
rate) or rebuilds the model (an architecture change). It declares *all* its constraints here, once:
the range of a number, the allowed values of a choice, and for a list the bounds on each element and
on its length (`min_items`, `max_items`; `min_items=1` means "not empty"). `validate()` turns any raw
value (from a JSON file, a command line, a widget) into a clean one or raises `ParamError` naming the
parameter and why, so nothing the panel, the CLI or a file passes on can fail later in a session.
`describe()` says the same constraints in words, for help texts and tooltips.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Sequence

from playground.core.i18n import N_, tr

__all__ = ["Param", "ParamError", "validate", "validate_all", "defaults", "by_name", "describe",
           "format_number", "LIST_KINDS"]

# Kinds whose value is a list (typed as comma-separated text on the command line and in the panel).
LIST_KINDS = ("int_list", "multi_choice", "choice_list")


class ParamError(ValueError):
    """A parameter value that cannot be used; the message names the parameter and the problem."""


@dataclass(frozen=True)
class Param:
    name: str  # snake_case key: the experiment-file key; the CLI option is --name-with-dashes
    label: str
    # "float", "int", "choice", "bool", "int_list", "multi_choice" (a set of choices, kept in declared
    # order, no repeats) or "choice_list" (a sequence of choices, order and repeats kept)
    kind: str
    default: Any
    minimum: float | None = None
    maximum: float | None = None
    choices: tuple = ()  # for choice / multi_choice / choice_list: the allowed values (strings)
    choice_labels: tuple = ()  # shown in the UI; defaults to the values
    steps: tuple = ()  # for float: the values a slider or combo steps through (TF Playground's lr steps)
    live: bool = False  # True: applies to a running model; False: a change rebuilds and resets it
    log: bool = False  # a float best shown on a log scale
    help: str = ""
    unit: str = ""  # shown after numbers in help and the panel ("%"): one unit per quantity in every lab
    cli_help: str = ""  # the command line's wording where `help` speaks of the window (a tab, a drag)
    cli_option: str = ""  # the command-line option where --name would clash with a built-in (--width)
    gui: bool = True  # False: a command-line-only option
    cli: bool = True  # False: a GUI-only control
    item_minimum: int | None = None  # int_list: bounds on each element
    item_maximum: int | None = None
    min_items: int | None = None  # any list kind: bounds on the length (1: must not be empty)
    max_items: int | None = None

    def __post_init__(self):
        # A default that breaks its own constraints would make every new session fail: refuse the
        # declaration itself, at import, rather than at the first user.
        validate(self, self.default)

    @property
    def option(self) -> str:
        return self.cli_option or "--" + self.name.replace("_", "-")

    def label_of(self, value) -> str:
        if self.choice_labels and value in self.choices:
            return self.choice_labels[self.choices.index(value)]
        return str(value)


def format_number(p: Param, v) -> str:
    """A bound or value as a person reads it: 2147483647 for an int, 0.001 or 1e-05 for a float."""
    if p.kind in ("int", "int_list") and float(v).is_integer():
        return str(int(v))
    return f"{float(v):g}"


def _bounds(p: Param, v: float, raw: Any) -> None:
    # The value as the user typed it ("2147483648", not 2.14748e+09), so they recognise it.
    shown = raw.strip() if isinstance(raw, str) else format_number(p, v)
    if p.minimum is not None and v < p.minimum:
        raise ParamError(tr("{name}: {value} is below the minimum {minimum}", name=p.name, value=shown,
                             minimum=format_number(p, p.minimum)))
    if p.maximum is not None and v > p.maximum:
        raise ParamError(tr("{name}: {value} is above the maximum {maximum}", name=p.name, value=shown,
                             maximum=format_number(p, p.maximum)))


def _count(p: Param, n: int) -> None:
    if p.min_items is not None and n < p.min_items:
        if p.min_items == 1:
            raise ParamError(tr("{name}: must not be empty; choose at least one", name=p.name))
        raise ParamError(tr("{name}: needs at least {count} different values, got {n}", name=p.name,
                             count=p.min_items, n=n))
    if p.max_items is not None and n > p.max_items:
        raise ParamError(tr("{name}: at most {count} values, got {n}", name=p.name, count=p.max_items, n=n))


def validate(p: Param, raw: Any) -> Any:
    """Return `raw` converted to the parameter's type, or raise ParamError saying what is wrong."""
    k = p.kind
    try:
        if k == "float":
            if isinstance(raw, bool):
                raise ValueError
            v = float(raw)
            if not math.isfinite(v):
                raise ParamError(tr("{name}: {value} is not a finite number", name=p.name, value=repr(raw)))
            _bounds(p, v, raw)
            return v
        if k == "int":
            if isinstance(raw, bool):
                raise ValueError
            if isinstance(raw, float) and not raw.is_integer():
                raise ValueError
            if isinstance(raw, float) and not math.isfinite(raw):
                raise ValueError
            v = int(raw.strip()) if isinstance(raw, str) else int(raw)
            _bounds(p, v, raw)
            return v
        if k == "bool":
            if isinstance(raw, bool):
                return raw
            if isinstance(raw, str) and raw.lower() in ("1", "true", "yes", "on"):
                return True
            if isinstance(raw, str) and raw.lower() in ("0", "false", "no", "off"):
                return False
            if isinstance(raw, int) and raw in (0, 1):
                return bool(raw)
            raise ValueError
        if k == "choice":
            v = str(raw).strip().lower() if isinstance(raw, str) else raw
            if v not in p.choices:
                raise ParamError(tr("{name}: {value} is not one of {choices}", name=p.name, value=repr(raw),
                                     choices=", ".join(map(str, p.choices))))
            return v
        if k == "int_list":
            items = _split(raw)
            out = []
            for item in items:
                if isinstance(item, bool) or (isinstance(item, float) and not item.is_integer()):
                    raise ValueError
                n = int(item)
                if p.item_minimum is not None and n < p.item_minimum:
                    raise ParamError(tr("{name}: {value} is below the minimum {minimum}", name=p.name, value=n,
                                         minimum=p.item_minimum))
                if p.item_maximum is not None and n > p.item_maximum:
                    raise ParamError(tr("{name}: {value} is above the maximum {maximum}", name=p.name, value=n,
                                         maximum=p.item_maximum))
                out.append(n)
            _count(p, len(out))
            return out
        if k in ("multi_choice", "choice_list"):
            items = [str(s).strip().lower() for s in _split(raw)]
            bad = [s for s in items if s not in p.choices]
            if bad:
                raise ParamError(tr("{name}: {value} is not one of {choices}", name=p.name, value=repr(bad[0]),
                                     choices=", ".join(p.choices)))
            if k == "multi_choice":
                # keep the declared order and drop repeats, so equal sets compare equal
                items = [c for c in p.choices if c in items]
            _count(p, len(items))
            return items
    except ParamError:
        raise
    except (TypeError, ValueError, OverflowError):
        pass
    raise ParamError(tr("{name}: {value} is not a valid {kind}", name=p.name, value=repr(raw), kind=_kind_word(k)))


def _split(raw: Any) -> list:
    if isinstance(raw, str):
        return [s for s in (part.strip() for part in raw.split(",")) if s != ""]
    if isinstance(raw, (list, tuple)):
        return list(raw)
    raise ValueError


def describe(p: Param) -> str:
    """The parameter's constraints in words ("0 to 50", "1 to 8 values, each 1 to 16", "2 to 4 of:
    relu, tanh, ..."), so help texts and tooltips say exactly what validate() accepts (in the
    current language)."""
    if p.kind in ("float", "int"):
        unit = f" {tr(p.unit)}" if p.unit else ""
        if p.minimum is not None and p.maximum is not None:
            return tr("{low} to {high}", low=format_number(p, p.minimum), high=format_number(p, p.maximum)) + unit
        if p.minimum is not None:
            return tr("at least {low}", low=format_number(p, p.minimum)) + unit
        if p.maximum is not None:
            return tr("at most {high}", high=format_number(p, p.maximum)) + unit
        return ""
    if p.kind == "bool":
        return tr("true or false")
    if p.kind == "choice":
        return tr("one of: {choices}", choices=", ".join(map(str, p.choices)))
    lo, hi = p.min_items, p.max_items
    if lo and hi and lo == hi:
        count = tr("exactly {n}", n=lo)
    elif lo and hi:
        count = tr("{low} to {high}", low=lo, high=hi)
    elif hi:
        count = tr("up to {high}", high=hi)
    elif lo:
        count = tr("at least {low}", low=lo)
    else:
        count = tr("any number")
    if p.kind == "int_list":
        if p.item_minimum is not None and p.item_maximum is not None:
            return tr("{count} comma-separated whole numbers, each {low} to {high}", count=count,
                      low=p.item_minimum, high=p.item_maximum)
        return tr("{count} comma-separated whole numbers", count=count)
    names = ", ".join(map(str, p.choices))
    if p.kind == "multi_choice":
        return tr("{count} of {names} (several, comma-separated)", count=count, names=names)
    return tr("{count} comma-separated values, each one of {names}", count=count, names=names)


_KIND_WORDS = {"float": N_("number"), "int": N_("whole number"), "bool": N_("true/false value"),
               "choice": N_("choice"), "int_list": N_("comma-separated list of whole numbers"),
               "multi_choice": N_("comma-separated list"), "choice_list": N_("comma-separated list")}


def _kind_word(kind: str) -> str:
    return tr(_KIND_WORDS[kind]) if kind in _KIND_WORDS else kind


def defaults(params: Sequence[Param]) -> dict:
    """Each parameter's default in its canonical form (a multi-choice in declared order), so that
    comparing a default with a validated value never sees a change that is not one."""
    return {p.name: validate(p, p.default) for p in params}


def by_name(params: Sequence[Param]) -> dict[str, Param]:
    return {p.name: p for p in params}


def validate_all(params: Sequence[Param], values: dict, *, fill_defaults: bool = True,
                 allow_unknown: bool = False) -> dict:
    """Validate a whole parameter dict; unknown keys are an error unless allowed."""
    if not isinstance(values, dict):
        raise ParamError(tr("parameters must be a JSON object"))
    spec = by_name(params)
    unknown = [k for k in values if k not in spec]
    if unknown and not allow_unknown:
        raise ParamError(tr("unknown parameter {name}", name=repr(unknown[0])))
    out = defaults(params) if fill_defaults else {}
    for k, v in values.items():
        if k in spec:
            out[k] = validate(spec[k], v)
    return out


@dataclass
class ParamChange:
    """What a set of new values means for a running model."""

    live: dict = field(default_factory=dict)  # apply now
    structural: dict = field(default_factory=dict)  # rebuild and reset

    @property
    def needs_reset(self) -> bool:
        return bool(self.structural)


def classify_change(params: Sequence[Param], old: dict, new: dict) -> ParamChange:
    spec = by_name(params)
    change = ParamChange()
    for k, v in new.items():
        if old.get(k) == v:
            continue
        (change.live if spec[k].live else change.structural)[k] = v
    return change
