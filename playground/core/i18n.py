"""French and English for the Qt-free side: parameter labels and help, session messages, lesson texts,
the command line's help.

The window translates its own strings with Qt's machinery (`playground.ui.i18n`, `.ts` sources under
`assets/i18n/`); everything that must also work without Qt (the worker, `playground run`, the core of
each lab) goes through this one catalogue. The English text is the key, so code stays readable and a
missing translation shows English rather than a blank. The French lives beside the code it belongs
to: `playground/core/fr.json` for the shared machinery, `playground/labs/<id>/fr.json` for each lab.

    tr("Learning rate")                    -> "Taux d'apprentissage" in French
    tr("diverged at epoch {epoch}", epoch=12)
    N_("Noise")                            marks a string in a table, translated later with tr(value)

The language is one per process: the window sets it when the user switches, and tells the worker.
"""
from __future__ import annotations

import glob
import json
import os

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "N_", "catalogue", "catalogue_files", "grouped", "language", "normalise",
           "set_language", "system_language", "tr"]

LANGUAGES = ("en", "fr")
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_language = "en"
_catalogues: dict[str, dict[str, str]] = {}


def normalise(lang: str | None) -> str:
    """'fr_FR.UTF-8', 'fr-CA', 'FR' -> 'fr'; anything we do not have -> 'en'."""
    code = (lang or "").strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in LANGUAGES else "en"


def system_language() -> str:
    """The language of the user's environment (LC_ALL, LC_MESSAGES, LANG, LANGUAGE), as one we have."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var, "")
        if value and value not in ("C", "POSIX") and not value.startswith("C."):
            return normalise(value.split(":")[0])
    return "en"


def catalogue_files(lang: str) -> list[str]:
    """Every catalogue file of `lang`: the shared one, then one per lab."""
    return sorted(glob.glob(os.path.join(_PACKAGE, "core", f"{lang}.json"))) + \
        sorted(glob.glob(os.path.join(_PACKAGE, "labs", "*", f"{lang}.json")))


def catalogue(lang: str) -> dict[str, str]:
    """English text -> `lang` text, from every catalogue file (read once per process)."""
    if lang == "en":
        return {}
    if lang not in _catalogues:
        merged: dict[str, str] = {}
        for path in catalogue_files(lang):
            with open(path, encoding="utf-8") as f:
                # an entry not translated yet ("") never hides another file's translation
                merged.update({k: v for k, v in json.load(f).items() if v})
        _catalogues[lang] = merged
    return _catalogues[lang]


def set_language(lang: str | None) -> str:
    """Make `lang` the language of this process's texts; returns the one in force."""
    global _language
    _language = normalise(lang)
    return _language


def language() -> str:
    return _language


def grouped(n: float) -> str:
    """A whole number with thousands grouped as the language writes them: 4,096 or 4 096 (a comma is
    the decimal mark in French)."""
    text = f"{n:,.0f}"
    return text.replace(",", "\u202f") if _language == "fr" else text


def tr(text: str, **fields) -> str:
    """`text` in the current language, with `{name}` fields filled from `fields`."""
    if _language != "en" and text:
        text = catalogue(_language).get(text) or text  # an entry not yet translated ("") shows English
    return text.format(**fields) if fields else text


def N_(text: str) -> str:
    """Marks a string for translation where it is defined (a table, a default); tr() translates it
    where it is shown."""
    return text
