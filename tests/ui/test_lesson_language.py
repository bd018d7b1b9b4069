"""Lesson mode follows the app's language: the panel, its buttons and the deck's title in French,
the caption of the scene on show switching with View > Language, and "Both languages" adding the
other language's caption under it."""
from english import english_left
from playground.ui.i18n import install_language


def _window(qtbot, language):
    from playground.ui.main_window import MainWindow

    win = MainWindow(lab_id="perceptron", restore=False, language=language)
    qtbot.addWidget(win)
    win.show()
    win.messages = []
    win._message = lambda *a, **k: win.messages.append(a)
    return win


def _deck():
    from playground.core.scenes import Deck, scene_from_json

    return Deck("deux scènes", [
        scene_from_json({"lab": "perceptron", "params": {"dataset": "and"}, "caption": {"en": "AND", "fr": "ET"}}),
        scene_from_json({"lab": "perceptron", "params": {"dataset": "xor"}, "caption": {"en": "XOR only"}}),
    ])


def test_the_lesson_panel_and_caption_follow_the_language(qtbot):
    win = _window(qtbot, "fr")
    try:
        lesson = win.lesson
        assert lesson.deck_title() == "Introduction à l'apprentissage profond"  # the lecture, one language
        assert "Introduction to deep learning" not in lesson.title.text()
        lesson.set_deck(_deck())
        lesson.set_active(True)
        assert lesson.caption.text() == "ET" and not lesson.caption_other.isVisible()
        left = english_left(lesson.panel) + english_left(lesson.bar)
        assert not left, "\n".join(left)
        assert lesson.toggle_action.text() == "Mode leçon"
        win.set_language("en")
        assert lesson.caption.text() == "AND"  # the scene on show, now in English
        assert lesson.toggle_action.text() == "Lesson mode" and lesson.panel.windowTitle() == "Lesson"
        assert lesson.both_button.text() == "Both languages"
        lesson.toggle_language()  # both languages: the French one under the English
        assert lesson.both_button.isChecked()
        assert lesson.caption.text() == "AND" and lesson.caption_other.text() == "ET"
        lesson.next()
        assert lesson.caption.text() == "XOR only" and lesson.caption_other.text() == ""  # no French: nothing under
        win.set_language("fr")
        assert lesson.caption.text() == "XOR only"  # no French caption: the English one stays
        lesson.previous()
        assert lesson.caption.text() == "ET" and lesson.caption_other.text() == "AND"
        assert win.settings.value("lesson/both_languages") == "true"
        lesson.toggle_language()
        assert not lesson.caption_other.isVisible()
    finally:
        win.close()
        install_language("en")


def test_a_scene_saved_in_french_keeps_its_caption_in_french(qtbot):
    win = _window(qtbot, "fr")
    try:
        win.lesson.set_deck(_deck())
        win.lesson.add_current("Le perceptron sur ET")
        scene = win.lesson.deck.scenes[win.lesson.index]
        assert scene.caption == {"fr": "Le perceptron sur ET"}
        assert win.lesson.list.item(win.lesson.index).text().endswith("Le perceptron sur ET")
    finally:
        win.close()
        install_language("en")
