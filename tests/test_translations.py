"""The French is complete and in step with the code: every tr() string of the window has a
translation in its .ts source, the shipped .qm files are what lrelease makes of those sources today,
and every Qt-free string (parameters, messages, the command line) is in a core catalogue."""
import importlib.util
import json
import os
import shutil

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_spec = importlib.util.spec_from_file_location("translations", os.path.join(ROOT, "packaging", "translations.py"))
translations = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(translations)

PARTS = list(translations.parts())


@pytest.mark.parametrize("part", PARTS)
def test_every_window_string_is_translated_and_the_qm_is_current(tmp_path, part):
    ts = translations.ts_path(part, str(tmp_path))
    shutil.copy(translations.ts_path(part), ts)
    translations.lupdate(part, ts)  # what the code asks for today, with the translations kept
    now = translations.messages(ts)
    shipped = translations.messages(translations.ts_path(part))
    assert set(now) == set(shipped), (
        f"assets/i18n/{part}_fr.ts lags the code: run python packaging/translations.py update; "
        f"new: {sorted(set(now) - set(shipped))[:10]}, gone: {sorted(set(shipped) - set(now))[:10]}")
    untranslated = sorted(k for k, v in shipped.items() if v is None)
    assert not untranslated, f"{len(untranslated)} untranslated in {part}: {untranslated[:20]}"
    qm = translations.qm_path(part, str(tmp_path))
    translations.lrelease(translations.ts_path(part), qm)
    with open(qm, "rb") as a, open(translations.qm_path(part), "rb") as b:
        assert a.read() == b.read(), f"playground/i18n/{part}_fr.qm is not compiled from its .ts: run update"


def test_every_qt_free_string_has_its_french():
    missing = translations.core_missing()
    text = json.dumps({os.path.relpath(p, ROOT): v[:15] for p, v in missing.items()}, ensure_ascii=False,
                      indent=1)
    assert not missing, f"no French for: {text}\n(python packaging/translations.py core-todo)"


def test_no_catalogue_keeps_strings_the_code_no_longer_has():
    stale = translations.core_stale()
    assert not stale, {os.path.relpath(p, ROOT): v[:15] for p, v in stale.items()}


def test_no_translated_string_is_an_f_string():
    _need, bad = translations.core_sources()
    for part, files in translations.parts().items():
        for path in files:
            bad += translations.literal_calls(path)[1]
    assert not bad, "\n".join(bad)


def test_every_translation_keeps_the_fields_of_its_source():
    """A '{epoch}' in English must be in the French too, or .format() fails at run time."""
    import re

    from playground.core.i18n import catalogue_files

    field = re.compile(r"\{(\w*)[^{}]*\}")
    wrong = []
    for path in catalogue_files("fr"):
        with open(path, encoding="utf-8") as f:
            for en, fr in json.load(f).items():
                if fr and sorted(field.findall(en)) != sorted(field.findall(fr)):
                    wrong.append(f"{os.path.relpath(path, ROOT)}: {en!r} -> {fr!r}")
    for part in PARTS:
        for key, fr in translations.messages(translations.ts_path(part)).items():
            en = key.split(translations.SEP)[0]
            if fr and sorted(field.findall(en)) != sorted(field.findall(fr)):
                wrong.append(f"{part}: {en!r} -> {fr!r}")
    assert not wrong, "\n".join(wrong[:30])


def test_one_english_string_has_one_french_everywhere():
    """The window's catalogues share one context and the core's are merged: a string translated two
    ways would show whichever file loads last. Two senses need a disambiguation, tr("Step", "transport")."""
    from playground.core.i18n import catalogue_files

    seen: dict[str, dict[str, str]] = {}
    for part in PARTS:
        for key, fr in translations.messages(translations.ts_path(part)).items():
            if fr:
                seen.setdefault(key, {})[part] = fr
    for path in catalogue_files("fr"):
        with open(path, encoding="utf-8") as f:
            for en, fr in json.load(f).items():
                if fr:
                    seen.setdefault(en, {})[os.path.relpath(path, ROOT)] = fr
    clashes = {k: v for k, v in seen.items() if len(set(v.values())) > 1}
    assert not clashes, json.dumps(clashes, ensure_ascii=False, indent=1)[:3000]
