"""French and English in the window, through Qt's own translation machinery.

Every string the window shows is written `tr("English text")` (or `tr("Step", "transport")` where
one English word needs two translations). `pyside6-lupdate` collects those calls into the `.ts`
sources under `assets/i18n/` (one per part: the shared window, then one per lab), a translator fills
them in (Qt Linguist, or `python packaging/translations.py fill`), and `pyside6-lrelease` compiles
them to the `.qm` files shipped in `playground/i18n/` (`python packaging/translations.py update`
does both; a test fails when the shipped files lag the sources).

A text that is not in the Qt catalogues (a parameter's label, a message from the worker: they come
from the Qt-free core) is looked up in the core catalogue (`playground.core.i18n`), so a view can pass
anything it shows through `tr`.

Switching languages live: `install_language()` swaps the translators (ours and Qt's own, for the
standard buttons and dialogs) and the main window rebuilds what it shows (see MainWindow.set_language).
"""
from __future__ import annotations

import glob
import os

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from playground.core import i18n as core_i18n

__all__ = ["QM_DIR", "QT_TR_NOOP", "add_tab", "current_language", "group_digits", "install_language", "qm_files", "startup_language",
           "tab_key", "tr"]

QM_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "i18n")
_installed: list[QTranslator] = []
_TAB_KEY_ROLE = "playground_tab_key"


def tr(text: str, disambiguation: str | None = None, **fields) -> str:
    """`text` in the window's language, `{name}` fields filled from `fields`."""
    if core_i18n.language() != "en" and text:
        translated = QCoreApplication.translate("", text, disambiguation)
        if translated == text:
            translated = core_i18n.tr(text)
        text = translated
    return text.format(**fields) if fields else text


def QT_TR_NOOP(text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Marks a string in a table for translation (lupdate collects it); tr() translates it where shown."""
    return text


def current_language() -> str:
    return core_i18n.language()


def group_digits(n: int) -> str:
    """A count as the language writes it: 12,345 in English, 12 345 (narrow space) in French."""
    text = f"{int(n):,}"
    return text.replace(",", "\u202f") if core_i18n.language() == "fr" else text


def qm_files(lang: str) -> list[str]:
    return sorted(glob.glob(os.path.join(QM_DIR, f"*_{lang}.qm")))


def startup_language(saved: str | None) -> str:
    """PLAYGROUND_LANGUAGE if set, else the language remembered from last time, else the system's
    (the first start)."""
    forced = os.environ.get("PLAYGROUND_LANGUAGE")
    if forced:
        return core_i18n.normalise(forced)
    if saved in core_i18n.LANGUAGES:
        return saved
    name = QLocale.system().name()  # "fr_FR"
    if name and name != "C":
        return core_i18n.normalise(name)
    return core_i18n.system_language()


def install_language(lang: str) -> str:
    """Make `lang` the language of the app: Qt's own strings (OK, Cancel, file dialogs), ours, and
    the core catalogue. Returns the language in force."""
    lang = core_i18n.set_language(lang)
    app = QCoreApplication.instance()
    if app is None:
        return lang
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    if lang != "en":
        qt_dir = QLibraryInfo.path(QLibraryInfo.TranslationsPath)
        candidates = [(f"qtbase_{lang}", qt_dir)] + [
            (os.path.splitext(os.path.basename(p))[0], QM_DIR) for p in qm_files(lang)]
        for name, folder in candidates:
            t = QTranslator(app)
            if t.load(name, folder):
                app.installTranslator(t)
                _installed.append(t)
    QLocale.setDefault(QLocale(QLocale.French if lang == "fr" else QLocale.English))
    return lang


def add_tab(tabs, widget, source: str, disambiguation: str | None = None) -> int:
    """Add a tab titled tr(source), remembering `source` so that scenes, which name tabs in English,
    find it in any language (see tab_key)."""
    i = tabs.addTab(widget, tr(source, disambiguation))
    widget.setProperty(_TAB_KEY_ROLE, source)
    return i


def tab_key(tabs, index: int) -> str:
    """The English name of a tab (what scenes store), whatever the language shown."""
    widget = tabs.widget(index)
    key = widget.property(_TAB_KEY_ROLE) if widget is not None else None
    return key if isinstance(key, str) and key else tabs.tabText(index)
