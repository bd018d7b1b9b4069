"""Lesson mode: a deck of scenes stepped with a presentation clicker, its caption large above the lab.

Page Down and Page Up (what clickers send) go to the next and previous scene, and so do the arrow
keys in presentation mode. Going to a scene opens its lab with its parameters and seed, shows its
tab, and, if the scene says so, trains to its epoch in the worker and pauses there. The deck panel
(a dock on the right) lists the scenes: add the current state as a scene, remove, reorder, open and
save decks (`*.npdeck.json`, checked like experiment files), or load the whole lecture.

Captions follow the app's language (View > Language): a scene's caption in that language, else its
English one. "Captions in both languages" adds the other language's caption under it, smaller, for
a room that reads both.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QDockWidget, QFileDialog, QHBoxLayout, QInputDialog, QLabel, QListWidget,
                               QListWidgetItem, QMessageBox, QPushButton, QSizePolicy, QToolBar,
                               QVBoxLayout, QWidget)

from playground.core.scenes import (LECTURE_TITLE, Deck, DeckError, Scene, lecture_deck, load_deck, save_deck,
                                    scene_from_json)
from playground.ui.i18n import QT_TR_NOOP, current_language, tr

__all__ = ["LessonMode", "DECK_FILTER"]

DECK_FILTER = QT_TR_NOOP("Neural Playground decks (*.npdeck.json *.json)")
# Decks saved before the title was one English key carried both languages in it.
_OLD_LECTURE_TITLE = "Introduction à l'apprentissage profond / Introduction to deep learning"


def _other(language: str) -> str:
    return "en" if language == "fr" else "fr"


class LessonMode(QObject):
    """Owns the deck, the current scene, the caption bar and the deck panel of one main window."""

    scene_shown = Signal(int)  # index of the scene now on screen

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.deck: Deck = lecture_deck()
        self.index = -1
        # Besides the app's language, show each caption in the other one too (a bilingual room).
        # remembered, unless the window was asked not to read what was remembered (tests, screenshots)
        self.both_languages = getattr(window, "restore", True) and \
            str(window.settings.value("lesson/both_languages", "false")).lower() == "true"

        self.caption = QLabel("")
        self.caption.setObjectName("lesson_caption")
        self.caption.setWordWrap(True)
        self.caption.setAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        self.caption.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.caption_other = QLabel("")  # the other language's caption, when both are shown
        self.caption_other.setObjectName("lesson_caption_other")
        self.caption_other.setWordWrap(True)
        self.caption_other.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)
        self.caption_other.hide()
        self.counter = QLabel("")
        self.counter.setObjectName("lesson_counter")
        bar = QToolBar(tr("Lesson caption"))
        bar.setObjectName("lesson_bar")
        bar.setMovable(False)
        holder = QWidget()
        row = QHBoxLayout(holder)
        row.setContentsMargins(10, 4, 10, 4)
        captions = QVBoxLayout()
        captions.setContentsMargins(0, 0, 0, 0)
        captions.setSpacing(2)
        captions.addWidget(self.caption)
        captions.addWidget(self.caption_other)
        row.addLayout(captions, 1)
        row.addWidget(self.counter)
        bar.addWidget(holder)
        window.addToolBarBreak(Qt.TopToolBarArea)
        window.addToolBar(Qt.TopToolBarArea, bar)
        bar.hide()
        self.bar = bar

        self.panel = self._build_panel()
        window.addDockWidget(Qt.RightDockWidgetArea, self.panel)
        self.panel.hide()

        self.toggle_action = QAction(window, checkable=True)
        self.toggle_action.setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.toggle_action.toggled.connect(self.set_active)
        self.panel_action = self.panel.toggleViewAction()
        self.next_action = QAction(window)
        self.next_action.setShortcuts([QKeySequence(Qt.Key_PageDown)])
        self.next_action.triggered.connect(self.next)
        self.prev_action = QAction(window)
        self.prev_action.setShortcuts([QKeySequence(Qt.Key_PageUp)])
        self.prev_action.triggered.connect(self.previous)
        for a in (self.toggle_action, self.next_action, self.prev_action):
            a.setShortcutContext(Qt.ApplicationShortcut)
            window.addAction(a)
        self._name_actions()
        self._refresh_list()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        """While a lesson runs, Page Down / Page Up always change scene: a focused spin box or list
        would otherwise take the clicker's keys for itself."""
        from PySide6.QtCore import QEvent

        if (event.type() == QEvent.KeyPress and self.active and self.window.isActiveWindow()
                and event.key() in (Qt.Key_PageDown, Qt.Key_PageUp) and not event.isAutoRepeat()):
            self.next() if event.key() == Qt.Key_PageDown else self.previous()
            return True
        return False

    # --- texts in the app's language ---------------------------------------------------------------------
    def _name_actions(self) -> None:
        self.toggle_action.setText(tr("Lesson mode"))
        self.toggle_action.setToolTip(tr("Step through a deck of scenes with Page Down / Page Up (Ctrl+Shift+L)"))
        self.panel_action.setText(tr("Lesson panel"))
        self.next_action.setText(tr("Next scene"))
        self.prev_action.setText(tr("Previous scene"))

    def retranslate(self) -> None:
        """View > Language: the caption bar, the deck panel and the current caption in the new language."""
        self._name_actions()
        self.bar.setWindowTitle(tr("Lesson caption"))
        self.panel.setWindowTitle(tr("Lesson"))
        for button, text, tip in self._buttons:
            button.setText(tr(text))
            button.setToolTip(tr(tip))
        self._refresh_list()
        self._show_caption()

    # --- the panel -------------------------------------------------------------------------------------
    def _build_panel(self) -> QDockWidget:
        dock = QDockWidget(tr("Lesson"), self.window)
        dock.setObjectName("lesson_panel")
        dock.setAllowedAreas(Qt.LeftDockWidgetArea | Qt.RightDockWidgetArea)
        body = QWidget()
        layout = QVBoxLayout(body)
        self.title = QLabel("")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.list = QListWidget()
        self.list.setWordWrap(True)
        self.list.itemActivated.connect(lambda item: self.go(self.list.row(item)))
        self.list.itemDoubleClicked.connect(lambda item: self.go(self.list.row(item)))
        layout.addWidget(self.list, 1)
        buttons = [(QT_TR_NOOP("Add current state"), self.add_current,
                    QT_TR_NOOP("Save what is on screen as a scene after the current one")),
                   (QT_TR_NOOP("Remove"), self.remove_selected, QT_TR_NOOP("Remove the selected scene")),
                   (QT_TR_NOOP("Move up"), lambda: self.move_selected(-1), QT_TR_NOOP("Move the selected scene earlier")),
                   (QT_TR_NOOP("Move down"), lambda: self.move_selected(1), QT_TR_NOOP("Move the selected scene later")),
                   (QT_TR_NOOP("Open deck…"), self.open_dialog, QT_TR_NOOP("Open a deck file")),
                   (QT_TR_NOOP("Save deck…"), self.save_dialog, QT_TR_NOOP("Save this deck to a file")),
                   (QT_TR_NOOP("Whole lecture"), self.load_lecture, QT_TR_NOOP("Every lab's scenes in the lecture's order")),
                   (QT_TR_NOOP("Both languages"), self.toggle_language,
                    QT_TR_NOOP("Show each caption in French and in English (the app's language first)"))]
        from PySide6.QtWidgets import QGridLayout

        grid = QGridLayout()
        grid.setSpacing(4)
        self._buttons = []
        for i, (text, slot, tip) in enumerate(buttons):
            b = QPushButton(tr(text))
            b.setToolTip(tr(tip))
            b.clicked.connect(slot)
            grid.addWidget(b, i // 2, i % 2)
            self._buttons.append((b, text, tip))
        self.both_button = self._buttons[-1][0]
        self.both_button.setCheckable(True)
        self.both_button.setChecked(self.both_languages)
        layout.addLayout(grid)
        dock.setWidget(body)
        return dock

    def deck_title(self) -> str:
        """The deck's title in the app's language (the lecture's is one English key)."""
        title = LECTURE_TITLE if self.deck.title == _OLD_LECTURE_TITLE else self.deck.title
        return tr(title)

    def _refresh_list(self) -> None:
        from playground.registry import get_lab

        language = current_language()
        self.title.setText(f"<b>{self.deck_title()}</b>")
        self.list.clear()
        for i, scene in enumerate(self.deck.scenes):
            lab = tr(get_lab(scene.lab).title)
            item = QListWidgetItem(f"{i + 1}. {scene.caption_in(language) or lab}")
            item.setToolTip(tr("{lab}, train to epoch {epoch} and pause", lab=lab, epoch=scene.train_to)
                            if scene.train_to else lab)
            self.list.addItem(item)
        if 0 <= self.index < self.list.count():
            self.list.setCurrentRow(self.index)

    # --- mode --------------------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self.toggle_action.isChecked()

    def set_active(self, on: bool) -> None:
        if self.toggle_action.isChecked() != on:
            self.toggle_action.setChecked(on)  # re-enters through toggled
            return
        self.bar.setVisible(on)
        # The clicker's keys are caught app-wide only while a lesson runs: a filter on the application
        # sees every event of every widget (paints, timers), about 10 % of the GUI thread's time.
        from PySide6.QtWidgets import QApplication

        if on:
            QApplication.instance().installEventFilter(self)
        else:
            QApplication.instance().removeEventFilter(self)
        # On a projector the room sees the lab and the caption; the deck panel is for preparing
        # (View > Lesson panel brings it back).
        self.panel.setVisible(on and not self.window.present_action.isChecked())
        self.window.sync_back_action()
        if on and self.index < 0 and self.deck.scenes:
            self.go(0)

    def apply_theme(self, theme) -> None:
        if self.active:
            self.panel.setVisible(not theme.presentation)
        size = int(round(15 * theme.scale * 1.3))
        self.caption.setStyleSheet(f"font-size: {size}px; font-weight: 600; color: {theme.foreground};")
        self.counter.setStyleSheet(f"font-size: {int(size * 0.7)}px; color: {theme.foreground};")
        self.caption_other.setStyleSheet(f"font-size: {int(size * 0.75)}px; font-style: italic; "
                                         f"color: {theme.foreground};")

    # --- moving through the deck -------------------------------------------------------------------------
    def next(self) -> None:
        if not self.active:
            self.set_active(True)
            return
        if self.index + 1 < len(self.deck.scenes):
            self.go(self.index + 1)

    def previous(self) -> None:
        if self.active and self.index > 0:
            self.go(self.index - 1)

    def go(self, index: int) -> None:
        """Put scene `index` on screen: its lab, parameters, tab, and its epoch if it has one."""
        if not 0 <= index < len(self.deck.scenes):
            return
        scene = self.deck.scenes[index]
        win = self.window
        self.index = index
        if scene.compare:
            win.open_compare(scene.lab, scene.compare)  # starts its own session
            view = win.current
        else:
            if win.current is None or win.current.info.id != scene.lab or getattr(win.current, "compare", False):
                win.open_lab(scene.lab)
            view = win.current
            view.set_params(scene.params)
            view.start_session(win.device)
        view.show_view(scene.view)
        if scene.train_to:
            win.controller.step(scene.train_to)  # trains in the worker, then shows that epoch, paused
        self._show_caption()
        self.list.setCurrentRow(index)
        self.scene_shown.emit(index)

    def _show_caption(self) -> None:
        if not 0 <= self.index < len(self.deck.scenes):
            self.caption.setText("")
            self.counter.setText("")
            return
        scene = self.deck.scenes[self.index]
        language = current_language()
        shown = scene.caption_in(language)
        self.caption.setText(shown)
        other = scene.caption.get(_other(language), "") if self.both_languages else ""
        self.caption_other.setText(other if other and other != shown else "")
        self.caption_other.setVisible(bool(self.caption_other.text()))
        self.counter.setText(f"{self.index + 1} / {len(self.deck.scenes)}")

    def toggle_language(self) -> None:
        """Captions in both languages, or in the app's language only (remembered)."""
        self.both_languages = not self.both_languages
        self.window.settings.setValue("lesson/both_languages", "true" if self.both_languages else "false")
        if self.both_button.isChecked() != self.both_languages:
            self.both_button.setChecked(self.both_languages)
        self._show_caption()

    # --- editing ----------------------------------------------------------------------------------------
    def current_scene(self, caption: str = "") -> Scene:
        """What is on screen now, as a scene (the epoch shown becomes its train_to)."""
        view = self.window.current
        snap = view.last_snapshot or {}
        epoch = int(snap.get("epoch", 0) or 0) if view.trains else 0
        raw = {"lab": view.info.id, "params": view.params(), "view": view.view_state(),
               "caption": {current_language(): caption} if caption else {}, "train_to": epoch}
        if getattr(view, "compare", False):
            raw["compare"] = view.pane_params()
        return scene_from_json(raw, tr("the current state"))

    def add_current(self, caption: str | None = None) -> None:
        if self.window.current is None:
            return
        if caption is None:
            caption, ok = QInputDialog.getText(self.window, tr("Add scene"), tr("Caption for this scene:"))
            if not ok:
                return
        try:
            scene = self.current_scene(caption.strip())
        except DeckError as exc:
            self.window._message(QMessageBox.Warning, tr("Add scene"), str(exc))
            return
        at = self.index + 1 if self.index >= 0 else len(self.deck.scenes)
        self.deck.scenes.insert(at, scene)
        self.index = at
        self._refresh_list()
        self._show_caption()

    def _selected(self) -> int:
        row = self.list.currentRow()
        return row if 0 <= row < len(self.deck.scenes) else -1

    def remove_selected(self) -> None:
        row = self._selected()
        if row < 0 or len(self.deck.scenes) == 1:
            return  # a deck keeps at least one scene (an empty one cannot be saved or reopened)
        del self.deck.scenes[row]
        self.index = min(self.index, len(self.deck.scenes) - 1) if self.index != row else -1
        self._refresh_list()
        self._show_caption()

    def move_selected(self, delta: int) -> None:
        row = self._selected()
        to = row + delta
        if row < 0 or not 0 <= to < len(self.deck.scenes):
            return
        scenes = self.deck.scenes
        scenes[row], scenes[to] = scenes[to], scenes[row]
        if self.index in (row, to):
            self.index = to if self.index == row else row
        self._refresh_list()
        self.list.setCurrentRow(to)
        self._show_caption()

    # --- files -----------------------------------------------------------------------------------------------
    def set_deck(self, deck: Deck) -> None:
        self.deck = deck
        self.index = -1
        self._refresh_list()
        self._show_caption()
        if self.active and deck.scenes:
            self.go(0)

    def load_lecture(self) -> None:
        self.set_deck(lecture_deck())

    def open_path(self, path: str) -> bool:
        try:
            deck = load_deck(path)
        except DeckError as exc:
            self.window._message(QMessageBox.Warning, tr("Could not open the deck"),
                                 f"{exc}\n\n" + tr("The current deck is unchanged."))
            return False
        self.window.settings.setValue("paths/decks", os.path.dirname(path))
        self.set_deck(deck)
        return True

    def save_path(self, path: str) -> bool:
        try:
            save_deck(path, self.deck)
        except DeckError as exc:
            self.window._message(QMessageBox.Warning, tr("Could not save the deck"), str(exc))
            return False
        self.window.settings.setValue("paths/decks", os.path.dirname(path))
        self.window.statusBar().showMessage(tr("Saved deck {path}", path=path), 5000)
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open deck"),
                                              self.window.settings.value("paths/decks", os.getcwd()),
                                              tr(DECK_FILTER) + ";;" + tr("All files (*)"))
        if path:
            self.open_path(path)

    def save_dialog(self) -> None:
        start = os.path.join(self.window.settings.value("paths/decks", os.getcwd()), "lesson.npdeck.json")
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Save deck"), start, tr(DECK_FILTER))
        if path:
            self.save_path(path)
