"""The activations lab in French: the registry's labels and worded formulas have their French, the
explorer follows the window's language, and the race's verdict is written in French."""
import pytest

from english import english_words
from playground.core import i18n as core_i18n
from playground.core.nets import activations as acts
from playground.labs.activations.race import race_result
from playground.ui.i18n import install_language


@pytest.fixture
def french():
    install_language("fr")
    yield
    install_language("en")  # one language per process: the next test reads English


@pytest.mark.parametrize("name", acts.names())
def test_every_activation_reads_in_french(name):
    a = acts.get(name)
    for what in ("label", "formula", "formula_html", "derivative_formula", "derivative_html"):
        assert not english_words(a.shown(what, "fr")), (name, what, a.shown(what, "fr"))
        assert a.shown(what, "en") == getattr(a, what)  # English as it was
    for text in a.pros["fr"] + a.cons["fr"]:
        assert not english_words(text), (name, text)


def test_shown_follows_the_process_language(french):
    assert acts.get("step").shown("label") == "Échelon (Heaviside)"
    assert " si " in acts.get("elu").shown("formula")
    core_i18n.set_language("en")
    assert acts.get("step").shown("label") == "Step (Heaviside)"


def test_the_explorer_opens_in_french_in_a_french_window(qtbot, french):
    from playground.labs.activations.view_explorer import ActivationExplorer
    from playground.ui.theme import LIGHT

    ex = ActivationExplorer(LIGHT)
    qtbot.addWidget(ex)
    ex.set_checked(["elu", "linear"], current="elu")
    text = ex.formula.text()
    assert ex.lang.currentData() == "fr"
    assert "Avantages" in text and "si" in text and "Dérivée" in text
    assert not english_words(text)
    labels = [ex.list.item(i).text() for i in range(ex.list.count())]
    assert "Linéaire  (hors du cours)" in labels and "Sigmoïde" in labels


def test_the_race_verdict_is_french(french):
    r = race_result({"relu": [0.5, 0.05], "tanh": [0.6, 0.4, 0.09]}, 0.1)
    assert r["summary"] == ("relu a atteint 0.1 à l'époque 2, tanh à l'époque 3 : relu a été 1.5x plus rapide.")
