"""The lesson and captions exist in English and French with the same keys and the lecture's points."""
import re

from playground.labs.segment.strings import TEXT, WINDOWS


def test_english_and_french_have_the_same_strings_and_placeholders():
    en, fr = TEXT["en"], TEXT["fr"]
    assert set(en) == set(fr)
    for key, value in en.items():
        if isinstance(value, str):
            assert set(re.findall(r"{(\w+)", value)) == set(re.findall(r"{(\w+)", fr[key])), key
        else:
            assert set(value) == set(fr[key]), key
    assert set(en["presets"]) == set(WINDOWS)


def test_the_lesson_carries_the_lectures_points_in_both_languages():
    for lang, words in (("en", ("liver", "Couinaud", "contrast", "MedSAM", "Touchstone", "Randomised synthesis",
                                "domain shift", "Dice")),
                        ("fr", ("foie", "Couinaud", "contraste", "MedSAM", "Touchstone", "Synthèse aléatoire",
                                "changement de domaine", "Dice"))):
        lesson = TEXT[lang]["lesson"]
        for w in words:
            assert w.lower() in lesson.lower(), (lang, w)


def test_the_window_presets_are_the_lectures_abdomen_and_liver_windows():
    assert WINDOWS["abdomen"] == (400.0, 40.0) and WINDOWS["liver"] == (150.0, 30.0)
