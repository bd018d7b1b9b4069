"""Scenes and decks: a lesson as a sequence of prepared lab states a teacher steps through with a clicker.

A scene is a lab, its parameters (the seed included), the tab or view to show, a caption (English
and French), and optionally "train to epoch N, then pause" so the room sees the moment that matters
(the perceptron still cycling on XOR at epoch 200, the hidden layer that solved it), and optionally
two to four configurations of the lab to show side by side (ReLU against tanh). A deck is a
titled list of scenes. Every lab may ship its own scenes in `playground/labs/<id>/scenes.py`
(`SCENES`, a list of plain dicts); `lecture_deck()` strings them together in the lecture's order.

Deck files (UTF-8 JSON, conventionally ``*.npdeck.json``)::

    {"format": "neural-playground-deck", "version": 1, "title": "...",
     "scenes": [{"lab": "perceptron", "params": {...}, "caption": {"en": "...", "fr": "..."},
                 "view": "Race", "train_to": 200, "compare": [{...}, {...}]}, ...]}

They are read like experiment files: a regular file of bounded size, every scene checked (the lab
exists, every parameter is valid for it, captions are text, train_to is a whole number in range)
before anything changes, and a bad deck is refused with a `DeckError` naming the file, the scene and
the problem. Saving is atomic. Qt-free.
"""
from __future__ import annotations

import importlib
import json
import os
import tempfile
from dataclasses import dataclass, field

from playground.core.train.params import ParamError, validate_all
from playground.core.i18n import N_, tr

__all__ = ["Scene", "Deck", "DeckError", "load_deck", "save_deck", "lecture_deck", "lab_scenes",
           "FORMAT_NAME", "FORMAT_VERSION", "MAX_DECK_BYTES", "LECTURE_TITLE"]

FORMAT_NAME = "neural-playground-deck"
FORMAT_VERSION = 1
MAX_DECK_BYTES = 4_000_000
MAX_SCENES = 500
MAX_CAPTION = 2000
MAX_TRAIN_TO = 10_000_000  # the command line's --epochs limit
LANGUAGES = ("en", "fr")
# The lecture deck's title, kept in English in files; the lesson panel shows it translated.
LECTURE_TITLE = N_("Introduction to deep learning")


class DeckError(ValueError):
    """A deck that cannot be used; the message names the file or scene and the problem."""


@dataclass
class Scene:
    lab: str
    params: dict
    caption: dict = field(default_factory=dict)  # language -> text
    view: str = ""  # the tab to show ("" = whatever the lab shows first)
    train_to: int = 0  # 0: show the fresh network; N: train to epoch N, then pause
    compare: list = field(default_factory=list)  # 2 to 4 parameter sets shown side by side, or none

    def caption_in(self, language: str = "en") -> str:
        return self.caption.get(language) or self.caption.get("en") or next(iter(self.caption.values()), "")

    def to_json(self) -> dict:
        out = {"lab": self.lab, "params": dict(self.params), "caption": dict(self.caption)}
        if self.view:
            out["view"] = self.view
        if self.train_to:
            out["train_to"] = int(self.train_to)
        if self.compare:
            out["compare"] = [dict(p) for p in self.compare]
        return out


@dataclass
class Deck:
    title: str
    scenes: list[Scene]

    def to_json(self) -> dict:
        return {"format": FORMAT_NAME, "version": FORMAT_VERSION, "title": self.title,
                "scenes": [s.to_json() for s in self.scenes]}


def _lab_core(lab_id: str):
    from playground.registry import get_lab

    return importlib.import_module(get_lab(lab_id).core)


def scene_from_json(raw, where: str = N_("scene")) -> Scene:
    """Check one scene (a dict from a file or a lab's SCENES) and return it; DeckError if it is bad."""
    from playground.registry import lab_ids

    where = tr(where)
    if not isinstance(raw, dict):
        raise DeckError(tr("{where}: must be an object", where=where))
    unknown = sorted(set(raw) - {"lab", "params", "caption", "view", "train_to", "compare"})
    if unknown:
        raise DeckError(tr("{where}: unknown key {unknown!r}", where=where, unknown=unknown[0]))
    lab = raw.get("lab")
    if not isinstance(lab, str) or lab not in lab_ids():
        raise DeckError(tr("{where}: {lab!r} is not a lab of this app ({labs})", where=where, lab=lab, labs=', '.join(lab_ids())))
    params = raw.get("params", {})
    try:
        params = validate_all(_lab_core(lab).PARAMS, params)
    except ParamError as exc:
        raise DeckError(tr("{where}: {exc}", where=where, exc=exc)) from None
    caption = raw.get("caption", {})
    if isinstance(caption, str):
        caption = {"en": caption}
    if not isinstance(caption, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in caption.items()):
        raise DeckError(tr("{where}: caption must be text, or an object of texts by language", where=where))
    long = [k for k, v in caption.items() if len(v) > MAX_CAPTION]
    if long:
        raise DeckError(tr("{where}: the {language} caption is longer than {most} characters", where=where, language=long[0], most=MAX_CAPTION))
    view = raw.get("view", "")
    if not isinstance(view, str) or len(view) > 100:
        raise DeckError(tr("{where}: view must be a tab name", where=where))
    train_to = raw.get("train_to", 0)
    if isinstance(train_to, bool) or not isinstance(train_to, int) or not 0 <= train_to <= MAX_TRAIN_TO:
        raise DeckError(tr("{where}: train_to must be a whole number from 0 to {most:,}", where=where, most=MAX_TRAIN_TO))
    compare = raw.get("compare", [])
    if not isinstance(compare, list) or (compare and not 2 <= len(compare) <= 4):
        raise DeckError(tr("{where}: compare must list 2 to 4 parameter sets", where=where))
    try:
        compare = [validate_all(_lab_core(lab).PARAMS, p) for p in compare]
    except ParamError as exc:
        raise DeckError(tr("{where}: a configuration to compare: {exc}", where=where, exc=exc)) from None
    return Scene(lab, params, dict(caption), view, int(train_to), compare)


def deck_from_json(data, where: str = N_("deck")) -> Deck:
    where = tr(where)
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise DeckError(tr("{where}: not a Neural Playground deck (no \"format\": \"{expected}\")", where=where, expected=FORMAT_NAME))
    version = data.get("version")
    if isinstance(version, bool) or not isinstance(version, int):
        raise DeckError(tr("{where}: the version must be a whole number", where=where))
    if version > FORMAT_VERSION:
        raise DeckError(tr("{where}: deck format version {version} is newer than this app reads ({newest}); update Neural Playground", where=where, version=version, newest=FORMAT_VERSION))
    if version < 1:
        raise DeckError(tr("{where}: deck format version {version} does not exist", where=where, version=version))
    title = data.get("title", "")
    if not isinstance(title, str) or len(title) > 200:
        raise DeckError(tr("{where}: the title must be text of at most 200 characters", where=where))
    scenes = data.get("scenes")
    if not isinstance(scenes, list) or not scenes:
        raise DeckError(tr("{where}: a deck needs a list of at least one scene", where=where))
    if len(scenes) > MAX_SCENES:
        raise DeckError(tr("{where}: {n} scenes is more than {most}", where=where, n=len(scenes), most=MAX_SCENES))
    return Deck(title, [scene_from_json(s, tr("{where}, scene {n}", where=where, n=i + 1)) for i, s in enumerate(scenes)])


def _read_bounded(path: str) -> bytes:
    """The file's bytes, refusing anything but a regular file of at most MAX_DECK_BYTES."""
    name = os.path.basename(path) or path
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise DeckError(tr("{name}: cannot be opened ({reason})", name=name, reason=exc.strerror or exc)) from None
    try:
        import stat

        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise DeckError(tr("{name}: not a regular file", name=name))
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(MAX_DECK_BYTES + 1)
    finally:
        os.close(fd)
    if len(data) > MAX_DECK_BYTES:
        raise DeckError(tr("{name}: larger than {most} MB; not a deck", name=name, most=MAX_DECK_BYTES // 1000000))
    return data


def load_deck(path: str) -> Deck:
    """Read and check a deck file; DeckError naming the file and the problem if anything is wrong."""
    name = os.path.basename(path) or path
    data = _read_bounded(path)
    try:
        obj = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise DeckError(tr("{name}: not UTF-8 text", name=name)) from None
    except (json.JSONDecodeError, RecursionError, ValueError) as exc:
        raise DeckError(tr("{name}: not valid JSON ({problem})", name=name, problem=str(exc)[:120])) from None
    return deck_from_json(obj, name)


def save_deck(path: str, deck: Deck) -> None:
    """Write atomically: a temporary file beside the target, flushed, then renamed over it."""
    text = json.dumps(deck.to_json(), indent=1, ensure_ascii=False, allow_nan=False)
    folder = os.path.dirname(os.path.abspath(path)) or "."
    if not os.path.isdir(folder):
        raise DeckError(tr("the folder {folder} does not exist", folder=folder))
    fd, tmp = tempfile.mkstemp(prefix=".deck-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        raise DeckError(tr("{path} was not saved: {reason}", path=path, reason=exc.strerror or exc)) from None
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


def lab_scenes(lab_id: str) -> list[Scene]:
    """The scenes a lab ships (its `scenes.py`), checked; [] for a lab that has none."""
    from playground.registry import get_lab

    module = get_lab(lab_id).core.rsplit(".", 1)[0] + ".scenes"
    try:
        raw = importlib.import_module(module).SCENES
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return []
        raise
    return [scene_from_json(s, tr("{lab} scene {n}", lab=lab_id, n=i + 1)) for i, s in enumerate(raw)]


def lecture_deck() -> Deck:
    """Every lab's scenes in the lecture's order: the whole course on a clicker."""
    from playground.registry import lab_ids

    scenes = [s for lab in lab_ids() for s in lab_scenes(lab)]
    return Deck(LECTURE_TITLE, scenes)
