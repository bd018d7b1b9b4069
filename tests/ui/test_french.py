"""The window in French: every lab opened, every tab shown, every text a user can read or hover
walked, and no English word left; and the switch from View > Language, live, while training."""
import pytest
from PySide6.QtWidgets import QTabWidget

from english import english_left, english_words
from frames import wait_for_frame
from playground.core import i18n as core_i18n
from playground.registry import LABS
from playground.ui.i18n import install_language
from playground.ui.main_window import MainWindow


@pytest.fixture
def french(qtbot):
    w = MainWindow(lab_id="perceptron", restore=False, language="fr")
    qtbot.addWidget(w)
    w.show()
    wait_for_frame(qtbot, w.controller, timeout=60000)
    yield w
    w.close()
    install_language("en")  # one language per process: the next test reads English


def test_the_detector_tells_english_from_french():
    assert english_words("Learning rate") == ["Learning", "rate"]
    assert english_words("Taux d'apprentissage") == []
    assert english_words("<b>Époque</b> 12 · perte 0,31 · ReLU, Adam, Dice") == []
    assert english_words("ET, OU, XOR") == []


def _show_every_tab(qtbot, view):
    for tabs in view.findChildren(QTabWidget):
        for i in range(tabs.count()):
            tabs.setCurrentIndex(i)
            qtbot.wait(30)


@pytest.mark.parametrize("lab_id", [lab.id for lab in LABS])
def test_every_lab_shows_no_english_in_french(qtbot, french, lab_id):
    french.open_lab(lab_id)
    if french.current.trains:
        wait_for_frame(qtbot, french.controller, lambda s: True, timeout=60000)
        # The worker, not the transport: on a stepper's tab (conv, rnn) Step slides the stepper instead.
        french.controller.step(1)
        wait_for_frame(qtbot, french.controller, lambda s: s.get("epoch", 0) >= 1, timeout=60000)
    _show_every_tab(qtbot, french.current)
    qtbot.wait(100)
    left = english_left(french)
    assert not left, f"{len(left)} English texts in the French {lab_id} lab:\n" + "\n".join(left[:60])


def test_the_language_switches_live_and_training_goes_on(qtbot):
    w = MainWindow(lab_id="classify", restore=False, language="en")
    qtbot.addWidget(w)
    w.show()
    try:
        wait_for_frame(qtbot, w.controller, timeout=60000)
        w.current.panel.set_value_interactively("lr", "0.1")
        w.controller.play()
        first = wait_for_frame(qtbot, w.controller, lambda s: s.get("epoch", 0) > 5, timeout=60000)
        w.set_language("fr")
        assert core_i18n.language() == "fr" and w.language_actions["fr"].isChecked()
        assert w.play_action.text() == "Pause"  # same word in French: still playing
        assert w.current.params()["lr"] == 0.1  # the rebuilt lab kept its settings
        later = wait_for_frame(qtbot, w.controller, lambda s: s.get("epoch", 0) > first["epoch"] + 5,
                               timeout=60000)
        assert later["epoch"] > first["epoch"]  # went on from where it was, not from epoch 0
        assert "époque" in w.status_epoch.text()
        w.set_language("en")
        assert "epoch" in w.status_epoch.text()
        assert w.settings.value("ui/language") == "en"
    finally:
        w.close()
        install_language("en")
