"""The perceptron lab in French: the read-out, the plots' titles, axes and legends, and the notes on the
plots read in French, with the lecture's words (époque, perte, précision); English is unchanged."""
import pytest

from english import english_left
from playground.labs.perceptron.core import run_headless
from playground.labs.perceptron.view import PerceptronLab
from playground.registry import get_lab
from playground.ui.i18n import install_language
from playground.ui.theme import LIGHT


@pytest.fixture
def french():
    install_language("fr")
    yield
    install_language("en")


def _view(qtbot, params, epochs):
    v = PerceptronLab(get_lab("perceptron"), None, LIGHT)  # no worker: the snapshot is fed by hand
    qtbot.addWidget(v)
    v.resize(1400, 900)
    v.show()
    _, snap = run_headless(params, epochs)
    v.receive_snapshot(snap)
    return v


def test_xor_reads_in_french(qtbot, french):
    v = _view(qtbot, {"dataset": "xor", "hidden": 3}, 30)
    text = v.readout.text()
    assert "Époque 30" in text and "Pas de convergence" in text and "perte" in text
    assert "Réglez la largeur cachée sur 2" in v.hidden_note.toPlainText()
    assert not english_left(v)


def test_a_converged_perceptron_says_so_in_french(qtbot, french):
    v = _view(qtbot, {"dataset": "and"}, 40)
    assert "a convergé à l'époque" in v.readout.text()
    assert v.err_chart.curves["erreurs"].getData()[0] is not None  # the legend's French word is the key


def test_english_is_unchanged(qtbot):
    v = _view(qtbot, {"dataset": "and"}, 40)
    assert "converged at epoch" in v.readout.text() and "<b>Epoch 40</b>" in v.readout.text()
    assert set(v.err_chart.curves) == {"errors"} and set(v.loss_chart.curves) == {"loss"}
