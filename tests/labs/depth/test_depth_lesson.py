"""The lesson text: English and French say the same things, quote the lecture's theorems, and every
string the view asks for exists in both languages."""
from __future__ import annotations

import pathlib
import re

from playground.labs.depth.lesson import TEXT


def test_english_and_french_have_the_same_strings_with_the_same_placeholders():
    assert TEXT["en"].keys() == TEXT["fr"].keys()
    for key in TEXT["en"]:
        fields = lambda s: sorted(set(re.findall(r"{(\w+)", s)))  # noqa: E731
        assert fields(TEXT["en"][key]) == fields(TEXT["fr"][key]), key


def test_every_string_the_view_uses_is_defined():
    view = (pathlib.Path(__file__).parents[3] / "playground" / "labs" / "depth" / "view.py").read_text()
    used = set(re.findall(r'\bT\["(\w+)"\]', view))
    used |= {f"{n}_short" for n in ("exact", "recurrent", "deep", "shallow")}
    assert used and used <= TEXT["en"].keys(), used - TEXT["en"].keys()


def test_the_lesson_quotes_the_lectures_theorems_and_gives_steps_to_try():
    for lang, try_word in (("en", "Try:"), ("fr", "Essayez :")):
        html = TEXT[lang]["lesson_html"]
        assert try_word in html and html.count("<li>") >= 5
        assert "ℛ(f) = 1/6" in html and "𝔑(σ<sub>R</sub>, 2, 2k)" in html  # Telgarsky, as the slides say
        assert "ℜ(σ, m, l, k) ⊆ 𝔑(σ, m, lk)" in html  # the recurrent corollary
        assert "(n − 4(tm)<sup>l</sup>)/(3n)" in html and "2-sawtooth" in html
    assert "dite t-sawtooth quand elle est linéaire par morceaux avec t morceaux" in TEXT["fr"]["lesson_html"]
