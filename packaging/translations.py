"""Keep the French translation in step with the code (a developer's tool; the app only reads the results).

The window's strings (Qt side) go through Qt's tools, one `.ts` source per part:
    python packaging/translations.py update          lupdate every part, then lrelease to playground/i18n/
    python packaging/translations.py todo PART        the untranslated strings of PART, as JSON to fill in
    python packaging/translations.py fill PART F.json  put F's translations into PART's .ts (then update)
PART is `ui` (playground/ui) or a lab id (its view*.py files). In the JSON, a key is the English
source; a source with a disambiguation (tr("Step", "transport")) is written "Step ##transport".

The Qt-free strings (parameter labels and help, messages, the command line) live in JSON catalogues
beside their code (playground/core/fr.json, playground/labs/<id>/fr.json):
    python packaging/translations.py core-todo [PART]  strings with no French yet, by catalogue file
    python packaging/translations.py core-fill         add those missing keys to their files, empty

tests/test_translations.py runs the same checks: every string translated, no stale entry, the
shipped .qm files compiled from the .ts sources as they are.
"""
from __future__ import annotations

import ast
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TS_DIR = os.path.join(ROOT, "assets", "i18n")
QM_DIR = os.path.join(ROOT, "playground", "i18n")
LANG = "fr"
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)  # the playground package of this checkout, installed or not
SEP = " ##"  # "source ##disambiguation" in the JSON of todo/fill


def _tool(name: str) -> str:
    here = os.path.dirname(sys.executable)
    for candidate in (os.path.join(here, name), shutil.which(name)):
        if candidate and os.path.exists(candidate):
            return candidate
    raise SystemExit(f"{name} not found: it comes with PySide6 (pip install PySide6)")


def parts() -> dict[str, list[str]]:
    """Part name -> the source files whose tr() calls it holds."""
    out = {"ui": sorted(glob.glob(os.path.join(ROOT, "playground", "ui", "**", "*.py"), recursive=True))}
    for lab_dir in sorted(glob.glob(os.path.join(ROOT, "playground", "labs", "*", ""))):
        views = sorted(glob.glob(os.path.join(lab_dir, "view*.py")))
        if views:
            out[os.path.basename(os.path.dirname(lab_dir))] = views
    return out


def ts_path(part: str, folder: str = TS_DIR) -> str:
    return os.path.join(folder, f"{part}_{LANG}.ts")


def qm_path(part: str, folder: str = QM_DIR) -> str:
    return os.path.join(folder, f"{part}_{LANG}.qm")


def lupdate(part: str, ts: str) -> None:
    """Collect PART's strings into `ts` (kept translations stay; vanished strings are dropped)."""
    files = [os.path.relpath(p, ROOT) for p in parts()[part]]
    subprocess.run([_tool("pyside6-lupdate"), *files, "-no-obsolete", "-locations", "none",
                    "-target-language", LANG, "-ts", ts], cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: str, qm: str) -> None:
    subprocess.run([_tool("pyside6-lrelease"), "-nounfinished", "-removeidentical", ts, "-qm", qm],
                   check=True, capture_output=True)


def _key(msg) -> str:
    """A .ts message's key in the JSON of todo/fill: its source, and its disambiguation if any."""
    comment = msg.findtext("comment")
    return (msg.findtext("source") or "") + (SEP + comment if comment else "")


def messages(ts: str) -> dict[str, str | None]:
    """key ("source" or "source ##disambiguation") -> translation (None when unfinished)."""
    out: dict[str, str | None] = {}
    if not os.path.exists(ts):
        return out
    for msg in ET.parse(ts).getroot().iter("message"):
        key = _key(msg)
        t = msg.find("translation")
        done = t is not None and t.get("type") not in ("unfinished", "obsolete", "vanished") and (t.text or "")
        out[key] = t.text if done else None
    return out


def fill(part: str, answers: dict[str, str]) -> int:
    """Write `answers` into PART's .ts; returns how many messages were filled."""
    ts = ts_path(part)
    tree = ET.parse(ts)
    n = 0
    for msg in tree.getroot().iter("message"):
        key = _key(msg)
        if answers.get(key):
            t = msg.find("translation")
            t.text = answers[key]
            t.attrib.pop("type", None)
            n += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    with open(ts, encoding="utf-8") as f:
        text = f.read()
    if "<!DOCTYPE TS>" not in text:  # ElementTree drops the doctype lupdate writes
        text = text.replace("?>\n", "?>\n<!DOCTYPE TS>\n", 1)
        with open(ts, "w", encoding="utf-8") as f:
            f.write(text)
    return n


def update() -> None:
    os.makedirs(TS_DIR, exist_ok=True)
    os.makedirs(QM_DIR, exist_ok=True)
    for part in parts():
        lupdate(part, ts_path(part))
        lrelease(ts_path(part), qm_path(part))


# --- the core catalogue -------------------------------------------------------------------------------------
MARKERS = ("tr", "N_")


def core_files() -> list[str]:
    """The Qt-free modules whose tr()/N_() strings belong in the JSON catalogues."""
    files = sorted(glob.glob(os.path.join(ROOT, "playground", "core", "**", "*.py"), recursive=True))
    files += [os.path.join(ROOT, "playground", name) for name in ("cli.py", "registry.py")]
    for path in sorted(glob.glob(os.path.join(ROOT, "playground", "labs", "*", "*.py"))):
        if not os.path.basename(path).startswith("view"):
            files.append(path)
    return files


def catalogue_of(path: str) -> str:
    """The catalogue file a module's strings go to: its lab's, else the shared one."""
    rel = os.path.relpath(path, os.path.join(ROOT, "playground")).split(os.sep)
    if rel[0] == "labs" and len(rel) > 2:
        return os.path.join(ROOT, "playground", "labs", rel[1], f"{LANG}.json")
    return os.path.join(ROOT, "playground", "core", f"{LANG}.json")


def literal_calls(path: str) -> tuple[list[str], list[str]]:
    """The string literals passed to tr()/N_() in a file, and the calls that cannot be translated
    (an f-string: its fields are filled before the lookup)."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    found, bad = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS \
                and node.args:
            arg = node.args[0]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                bad.append(f"{os.path.relpath(path, ROOT)}:{node.lineno}: tr(f\"...\") cannot be translated; "
                           "use tr(\"... {name} ...\", name=value)")
    return found, bad


def param_strings(lab_core) -> list[str]:
    out = []
    for p in getattr(lab_core, "PARAMS", ()):
        out += [p.label, p.help, p.cli_help, *p.choice_labels]
    return [s for s in out if s]


def core_sources() -> tuple[dict[str, set[str]], list[str]]:
    """catalogue file -> the English strings it must translate; and the untranslatable calls."""
    import importlib

    from playground.registry import LABS

    need: dict[str, set[str]] = {}
    bad: list[str] = []
    for path in core_files():
        found, wrong = literal_calls(path)
        need.setdefault(catalogue_of(path), set()).update(found)
        bad += wrong
    shared = os.path.join(ROOT, "playground", "core", f"{LANG}.json")
    for lab in LABS:
        need.setdefault(shared, set()).update({lab.title, lab.summary})
        core = importlib.import_module(lab.core)
        need.setdefault(os.path.join(ROOT, "playground", "labs", lab.id, f"{LANG}.json"), set()).update(
            param_strings(core))
    return need, bad


def core_missing(need: dict[str, set[str]] | None = None) -> dict[str, list[str]]:
    """catalogue file -> strings that no catalogue translates yet (`need`: core_sources()'s, if at hand)."""
    from playground.core.i18n import catalogue_files

    known: dict[str, str] = {}
    for path in catalogue_files(LANG):
        with open(path, encoding="utf-8") as f:
            known.update(json.load(f))
    if need is None:
        need, _bad = core_sources()
    return {path: sorted(s for s in strings if not known.get(s)) for path, strings in need.items()
            if any(not known.get(s) for s in strings)}


def core_stale(need: dict[str, set[str]] | None = None) -> dict[str, list[str]]:
    """catalogue file -> keys that no source uses any more (`need`: core_sources()'s, if at hand)."""
    if need is None:
        need, _bad = core_sources()
    used = set().union(*need.values())
    out = {}
    from playground.core.i18n import catalogue_files

    for path in catalogue_files(LANG):
        with open(path, encoding="utf-8") as f:
            keys = json.load(f)
        stale = sorted(k for k in keys if k not in used)
        if stale:
            out[path] = stale
    return out


def _only(by_file: dict, part: str | None) -> dict:
    """Keep the catalogue files of one part (`core` for the shared one, or a lab id)."""
    if not part:
        return by_file
    return {p: v for p, v in by_file.items()
            if (part == "core" and f"{os.sep}core{os.sep}" in p) or f"{os.sep}labs{os.sep}{part}{os.sep}" in p}


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0
    cmd = argv[0]
    if cmd == "update":
        update()
        for part in parts():
            todo = [k for k, v in messages(ts_path(part)).items() if v is None]
            print(f"{part:12s} {len(messages(ts_path(part))):5d} strings, {len(todo):4d} untranslated")
        return 0
    if cmd == "todo":
        part = argv[1]
        with tempfile.TemporaryDirectory() as tmp:
            ts = ts_path(part, tmp)
            if os.path.exists(ts_path(part)):
                shutil.copy(ts_path(part), ts)
            lupdate(part, ts)
            todo = {k: "" for k, v in messages(ts).items() if v is None}
        print(json.dumps(todo, ensure_ascii=False, indent=1))
        return 0
    if cmd == "fill":
        part, answers_file = argv[1], argv[2]
        lupdate(part, ts_path(part))
        with open(answers_file, encoding="utf-8") as f:
            answers = json.load(f)
        n = fill(part, answers)
        lrelease(ts_path(part), qm_path(part))
        left = [k for k, v in messages(ts_path(part)).items() if v is None]
        print(f"{part}: {n} filled, {len(left)} still untranslated")
        return 0
    if cmd == "core-todo":
        need, bad = core_sources()  # imports every lab and parses every module: once
        missing = _only(core_missing(need), argv[1] if len(argv) > 1 else None)
        print(json.dumps({os.path.relpath(p, ROOT): {s: "" for s in v} for p, v in missing.items()},
                         ensure_ascii=False, indent=1))
        for line in bad:
            print(line, file=sys.stderr)
        stale = core_stale(need)
        for path, keys in stale.items():
            print(f"stale in {os.path.relpath(path, ROOT)}: {keys}", file=sys.stderr)
        return 0
    if cmd == "core-fill":
        for path, strings in _only(core_missing(), argv[1] if len(argv) > 1 else None).items():
            data = {}
            if os.path.exists(path):
                with open(path, encoding="utf-8") as f:
                    data = json.load(f)
            for s in strings:
                data.setdefault(s, "")
            with open(path, "w", encoding="utf-8") as f:
                json.dump(dict(sorted(data.items())), f, ensure_ascii=False, indent=1)
                f.write("\n")
            print(f"{os.path.relpath(path, ROOT)}: {len(strings)} keys to translate")
        return 0
    print(f"unknown command {cmd!r}\n{__doc__}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
