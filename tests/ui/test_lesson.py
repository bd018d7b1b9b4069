"""Lesson mode in the window: Page Down steps through a deck across labs, a scene trains to its epoch
and pauses there, the current state becomes a scene, and a bad deck leaves the current one alone."""
import json

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox

from frames import wait_for_frame
from playground.core.scenes import Deck, load_deck, scene_from_json


def _window(qtbot):
    from playground.ui.main_window import MainWindow

    win = MainWindow(lab_id="classify", restore=False)
    qtbot.addWidget(win)
    win.show()
    win.activateWindow()  # shortcuts reach the active window only
    qtbot.waitUntil(win.isActiveWindow)
    win.messages = []
    win._message = lambda *a, **k: win.messages.append(a)
    return win


def test_page_down_steps_through_a_lesson_across_labs(qtbot):
    win = _window(qtbot)
    deck = Deck("two labs", [
        scene_from_json({"lab": "perceptron", "params": {"dataset": "and"}, "caption": {"en": "AND", "fr": "ET"}}),
        scene_from_json({"lab": "perceptron", "params": {"dataset": "xor"}, "train_to": 37,
                         "caption": {"en": "XOR at 37"}}),
        scene_from_json({"lab": "activations", "params": {"experiment": "race"}, "view": "Race",
                         "caption": {"en": "race"}}),
    ])
    win.lesson.set_deck(deck)
    win.sidebar.setFocus()
    QTest.keyClick(win, Qt.Key_PageDown)  # the first press opens lesson mode at scene 1
    assert win.lesson.active and win.lesson.index == 0
    assert win.current.info.id == "perceptron" and win.current.params()["dataset"] == "and"
    assert win.lesson.caption.text() == "AND" and win.lesson.counter.text() == "1 / 3"
    spin = win.current.findChild(QAbstractSpinBox)
    spin.setFocus()  # a focused spin box must not eat the clicker's Page Down
    QTest.keyClick(spin, Qt.Key_PageDown)
    snap = wait_for_frame(qtbot, win.controller, lambda s: s.get("epoch") == 37, timeout=30000)
    assert snap["params"]["dataset"] == "xor" and not win.controller.playing
    QTest.keyClick(win, Qt.Key_PageDown)
    assert win.current.info.id == "activations" and win.current.view_state() == "Race"
    QTest.keyClick(win, Qt.Key_PageDown)  # past the end: stays on the last scene
    assert win.lesson.index == 2
    QTest.keyClick(win, Qt.Key_PageUp)
    assert win.lesson.index == 1 and win.current.info.id == "perceptron"
    win.lesson.toggle_language()
    assert win.lesson.caption.text() == "XOR at 37"  # no French caption: the English one stays
    win.close()


def test_in_presentation_mode_the_arrow_keys_change_scene(qtbot):
    win = _window(qtbot)
    win.set_presentation(True, full_screen=False)
    win.lesson.set_active(True)
    first = win.lesson.index
    QTest.keyClick(win, Qt.Key_Right)
    assert win.lesson.index == first + 1
    QTest.keyClick(win, Qt.Key_Left)
    assert win.lesson.index == first
    win.close()


def test_the_current_state_becomes_a_scene_and_the_deck_reopens(qtbot, tmp_path):
    win = _window(qtbot)
    win.open_lab("perceptron")
    win.current.set_params({"dataset": "or"})
    win.current.start_session("cpu")
    win.controller.step(5)
    wait_for_frame(qtbot, win.controller, lambda s: s.get("epoch") == 5 and s["params"]["dataset"] == "or")
    win.lesson.set_deck(Deck("mine", [scene_from_json({"lab": "classify"})]))
    win.lesson.index = 0
    win.lesson.add_current("OR after five epochs")
    assert len(win.lesson.deck.scenes) == 2
    scene = win.lesson.deck.scenes[1]
    assert scene.lab == "perceptron" and scene.params["dataset"] == "or" and scene.train_to == 5
    win.lesson.move_selected(-1)
    assert win.lesson.deck.scenes[0].lab == "perceptron"
    path = str(tmp_path / "mine.npdeck.json")
    assert win.lesson.save_path(path)
    assert load_deck(path).to_json() == win.lesson.deck.to_json()
    bad = tmp_path / "bad.npdeck.json"
    bad.write_text(json.dumps({"format": "neural-playground-deck", "version": 1, "scenes": [{"lab": "x"}]}))
    assert not win.lesson.open_path(str(bad))
    assert win.messages and "scene 1" in win.messages[-1][2]
    assert win.lesson.deck.title == "mine"  # unchanged
    win.close()


def test_present_on_lists_the_screens_and_remembers_the_choice(qtbot):
    from PySide6.QtGui import QGuiApplication

    win = _window(qtbot)
    win._fill_screen_menu()
    names = [a.text() for a in win.screen_menu.actions()]
    assert len(names) == len(QGuiApplication.screens()) >= 1
    assert sum(a.isChecked() for a in win.screen_menu.actions()) == 1
    first = QGuiApplication.screens()[0]
    win.screen_menu.actions()[0].trigger()
    assert win.presentation_screen() is first
    win.set_presentation(True)
    assert win.isFullScreen() and win.screen() is first
    win.set_presentation(False)
    assert not win.isFullScreen()
    win.close()


def test_scrubbing_the_timeline_shows_an_earlier_epoch_and_play_goes_on(qtbot):
    win = _window(qtbot)
    win.open_lab("perceptron")
    win.controller.step(120)
    wait_for_frame(qtbot, win.controller, lambda s: s.get("epoch") == 120, timeout=30000)
    assert win.timeline.isEnabled() and win.timeline.slider.maximum() == 120
    win.timeline.slider.setValue(40)
    win.timeline.scrubbed.emit(40)
    snap = wait_for_frame(qtbot, win.controller, lambda s: s.get("epoch") == 40)
    assert len(snap["perceptron_errors"]) == 40 and snap["timeline_end"] == 120
    assert win.timeline.slider.maximum() == 120 and win.timeline.slider.value() == 40
    win.controller.step(1)
    snap = wait_for_frame(qtbot, win.controller, lambda s: s.get("epoch") == 41)
    assert snap["timeline_end"] == 41  # a new branch
    win.close()
