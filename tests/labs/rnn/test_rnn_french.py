"""The recurrent networks lab in French: every tab after a trained epoch, a gated cell's unroll, the
characters task's text and sample, a refused text and the memory race's table, with no English word
left in the lab's own texts (the shared window's, and the parameter panel's "Allowed:" line, belong
to tests/ui/test_french.py)."""
import re

import pytest
from PySide6.QtWidgets import QTabWidget

from english import english_words, plain, visible_texts
from in_process import InProcessController
from playground.labs.rnn.view import RnnLab
from playground.registry import get_lab
from playground.ui.i18n import install_language
from playground.ui.theme import LIGHT

# French words the English detector lists (the lecture says "gradient" in French too)
FRENCH_TOO = {"gradient"}
SHARED_LINES = ("Valeurs permises",)
SUBSCRIPT = re.compile(r"<sub>.*?</sub>")
IDENTIFIER = re.compile(r"\b\w+(?:[_.]\w+)+\b")  # the panel's range line, written by the shared core


@pytest.fixture
def lab(qtbot):
    """The lab's view alone, in French, on a real session run in this process (no worker to start)."""
    install_language("fr")
    controller = InProcessController()
    view = RnnLab(get_lab("rnn"), controller, LIGHT)
    controller.view = view
    qtbot.addWidget(view)
    view.resize(1400, 900)
    view.show()
    view.start_session()
    yield view
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


def train(view, values: dict, epochs: int = 1) -> dict:
    for name, value in values.items():
        view.panel.set_value_interactively(name, value)
    view.controller.step(epochs)
    return view.last_snapshot


def test_every_tab_of_the_trained_lab_is_french(qtbot, lab):
    snap = train(lab, {})
    assert snap["epoch"] == 1 and "Époque 1" in lab.readout.text()
    left = english_in_lab(qtbot, lab)
    assert not left, "\n".join(left)


def test_gated_cells_unroll_and_the_memory_task_are_french(qtbot, lab):
    for cell in ("lstm", "gru"):
        lab.panel.set_value_interactively("task", "memory")
        lab.panel.set_value_interactively("cell", cell)
        lab.panel.set_value_interactively("hidden", "2")
        lab.tabs.setCurrentIndex(0)
        lab.go_to_step(1)
        assert "Pas 1" in lab.unroll.detail.text() and "à retenir" in lab.unroll.detail.text()
        left = english_in_lab(qtbot, lab, every_tab=False)
        assert not left, "\n".join(left)


def test_the_characters_task_and_a_refused_text_are_french(qtbot, lab):
    snap = train(lab, {"task": "chars", "length": "10", "hidden": "8"})
    assert "text_sample" in snap
    lab.tabs.setCurrentIndex(2)  # the tab draws the newest frame when it is opened
    assert "Échantillon" in lab.text_panel.sample_title.text()
    assert not lab.text_panel.load_text("  ")
    assert "vide" in lab.text_panel.message.text()
    left = english_in_lab(qtbot, lab, every_tab=False)
    assert not left, "\n".join(left)
    assert not lab.text_panel.open_file("/nonexistent/poème.txt")
    assert "n'existe pas" in lab.text_panel.message.text()


def test_the_memory_race_is_french(qtbot, lab):
    lab.panel.set_value_interactively("race_cells", "vanilla")
    lab.panel.set_value_interactively("race_budget", "25")
    lab.panel.set_value_interactively("hidden", "4")
    lab.start_race()
    for _ in range(20):  # pieces of a few epochs each, until the first run has its verdict
        lab.controller.step(1)
        if lab.last_snapshot.get("race_results", {}).get("vanilla"):
            break
    assert lab.last_snapshot["race_results"]["vanilla"]
    assert "Course de mémoire" in lab.readout.text()
    left = english_in_lab(qtbot, lab, every_tab=False)
    assert not left, "\n".join(left)
