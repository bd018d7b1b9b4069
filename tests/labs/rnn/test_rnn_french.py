"""The recurrent networks lab in French: every tab after a trained epoch, a gated cell's unroll, the
characters task's text and sample, a refused text and the memory race's table, with no English word
left in the lab's own texts (the shared window's, and the parameter panel's "Allowed:" line, belong
to tests/ui/test_french.py)."""
import re

import pytest
from PySide6.QtWidgets import QTabWidget

from english import english_words, plain, visible_texts
from frames import wait_for_frame
from playground.ui.i18n import install_language
from playground.ui.main_window import MainWindow

# French words the English detector lists (the lecture says "gradient" in French too)
FRENCH_TOO = {"gradient"}
SHARED_LINES = ("Valeurs permises",)
SUBSCRIPT = re.compile(r"<sub>.*?</sub>")
IDENTIFIER = re.compile(r"\b\w+(?:[_.]\w+)+\b")  # the panel's range line, written by the shared core


@pytest.fixture
def french(qtbot):
    w = MainWindow(lab_id="rnn", restore=False, language="fr")
    qtbot.addWidget(w)
    w.show()
    wait_for_frame(qtbot, w.controller, timeout=60000)
    yield w
    w.close()
    install_language("en")  # one language per process: the next test reads English


def english_in_lab(qtbot, view, every_tab: bool = True) -> list[str]:
    if every_tab:
        for tabs in view.findChildren(QTabWidget):
            for i in range(tabs.count()):
                tabs.setCurrentIndex(i)
                qtbot.wait(30)
    bad = set()
    for where, text in visible_texts(view):
        if "lab_title" in where:
            continue  # the lab's name comes from the registry (the shared catalogue)
        text = SUBSCRIPT.sub(" ", text)  # W<sub>in</sub>: a symbol's index (torch's notation), not a word
        own = "\n".join(line for line in plain(text).splitlines() if not line.startswith(SHARED_LINES))
        own = IDENTIFIER.sub(" ", own)  # torch's weight names (weight_hh_l0, head.bias) are code, not English
        words = sorted({w for w in english_words(own) if w.lower() not in FRENCH_TOO})
        if words:
            bad.add(f"{where}: {own[:120]!r} {words}")
    return sorted(bad)


def train(qtbot, w, values: dict, epochs: int = 1) -> dict:
    for name, value in values.items():
        w.current.panel.set_value_interactively(name, value)
    w.controller.step(epochs)
    return wait_for_frame(qtbot, w.controller, lambda s: s.get("epoch", 0) >= epochs and all(
        s.get("params", {}).get(k) == w.current.params()[k] for k in values), timeout=60000)


def test_every_tab_of_the_trained_lab_is_french(qtbot, french):
    train(qtbot, french, {})
    left = english_in_lab(qtbot, french.current)
    assert not left, "\n".join(left)


def test_gated_cells_unroll_and_the_memory_task_are_french(qtbot, french):
    view = french.current
    for cell in ("lstm", "gru"):
        view.panel.set_value_interactively("task", "memory")
        view.panel.set_value_interactively("cell", cell)
        view.panel.set_value_interactively("hidden", "2")
        view.tabs.setCurrentIndex(0)
        view.go_to_step(1)
        assert "Pas 1" in view.unroll.detail.text() and "à retenir" in view.unroll.detail.text()
        left = english_in_lab(qtbot, view, every_tab=False)
        assert not left, "\n".join(left)


def test_the_characters_task_and_a_refused_text_are_french(qtbot, french):
    view = french.current
    snap = train(qtbot, french, {"task": "chars", "length": "10", "hidden": "8"})
    assert "text_sample" in snap
    view.tabs.setCurrentIndex(2)  # the tab draws the newest frame when it is opened
    qtbot.wait(50)
    assert "Échantillon" in view.text_panel.sample_title.text()
    assert not view.text_panel.load_text("  ")
    assert "vide" in view.text_panel.message.text()
    left = english_in_lab(qtbot, view, every_tab=False)
    assert not left, "\n".join(left)
    assert not view.text_panel.open_file("/nonexistent/poème.txt")
    assert "n'existe pas" in view.text_panel.message.text()


def test_the_memory_race_is_french(qtbot, french):
    view = french.current
    view.panel.set_value_interactively("race_cells", "vanilla")
    view.panel.set_value_interactively("race_budget", "25")
    view.panel.set_value_interactively("hidden", "4")
    view.start_race()
    wait_for_frame(qtbot, french.controller, lambda s: s.get("race_results", {}).get("vanilla"), timeout=60000)
    french.controller.pause()
    qtbot.wait(50)
    assert "Course de mémoire" in view.readout.text()
    left = english_in_lab(qtbot, view, every_tab=False)
    assert not left, "\n".join(left)
