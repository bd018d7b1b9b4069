"""The characters task's text: an editor holding the text the model trains on (the one that ships with
the app, one the user types, or a file they open), and the latest sample the model wrote at the
chosen temperature. A text that is empty, huge or binary gets one clear sentence, and the text in
use stays as it was.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (QFileDialog, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QSlider,
                               QVBoxLayout, QWidget)

from playground.labs.rnn.lesson import text
from playground.labs.rnn.texts import SAMPLE_TEXT, TextError, clean_text, count, read_text_file
from playground.ui.i18n import tr

__all__ = ["TextPanel"]


class TextPanel(QWidget):
    text_chosen = Signal(str)  # a checked text the model should train on
    temperature_changed = Signal(float)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.current = SAMPLE_TEXT
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 4, 4)
        self.editor = QPlainTextEdit(SAMPLE_TEXT)
        self.editor.setObjectName("rnn_text")
        mono = QFontDatabase.systemFont(QFontDatabase.FixedFont)
        self.editor.setFont(mono)
        self.editor.setMinimumHeight(120)
        row = QHBoxLayout()
        self.use_button = QPushButton(text("text_use"))
        self.use_button.setObjectName("use_text")
        self.open_button = QPushButton(text("text_open"))
        self.sample_button = QPushButton(text("text_sample"))
        self.use_button.clicked.connect(self._on_use_clicked)
        self.open_button.clicked.connect(self._on_open_clicked)
        self.sample_button.clicked.connect(lambda: self.load_text(SAMPLE_TEXT))
        for b in (self.use_button, self.open_button, self.sample_button):
            row.addWidget(b)
        row.addStretch(1)
        # the sampling temperature, also in the controls: dividing the logits by it before the softmax
        temp_row = QHBoxLayout()
        self.temperature = QSlider(Qt.Horizontal)
        self.temperature.setObjectName("temperature_slider")
        self.temperature.setRange(5, 300)  # 0.05 to 3.00
        self.temperature_label = QLabel("")
        self.temperature_label.setMinimumWidth(150)
        self.temperature.valueChanged.connect(self._on_temperature_moved)
        self.temperature.sliderReleased.connect(lambda: self.temperature_changed.emit(self.temperature.value() / 100))
        temp_row.addWidget(QLabel(tr("Temperature")))
        temp_row.addWidget(self.temperature, 1)
        temp_row.addWidget(self.temperature_label)
        self.message = QLabel(tr("Set the task to “{task}” and press Play to train on this text.",
                                 task=tr("Characters: next character of a text")))
        self.message.setObjectName("text_message")
        self.message.setWordWrap(True)
        self.sample = QLabel("")
        self.sample.setObjectName("text_sample")
        self.sample.setFont(mono)
        self.sample.setWordWrap(True)
        self.sample.setTextFormat(Qt.PlainText)
        self.sample.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.sample.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.sample_title = QLabel(f"<b>{text('text_sample_title')}</b>")
        box.addWidget(self.editor, 3)
        box.addLayout(row)
        box.addLayout(temp_row)
        box.addWidget(self.message)
        box.addWidget(self.sample_title)
        box.addWidget(self.sample, 2)

    def set_task_active(self, active: bool) -> None:
        """Say whether the character model is the task being trained, and how to make it so."""
        if active:
            self.message.setText(tr("Training text: {n} characters. Press Play to train; the sample below is "
                                    "rewritten every second.", n=count(len(self.current))))
        else:
            self.message.setText(tr("Set the task to “{task}” and press Play to train on this text.",
                                    task=tr("Characters: next character of a text")))

    def set_temperature(self, value: float) -> None:
        self.temperature.blockSignals(True)
        self.temperature.setValue(int(round(value * 100)))
        self.temperature.blockSignals(False)
        self._show_temperature(value)

    def _show_temperature(self, value: float) -> None:
        mood = tr("cautious, repetitive") if value < 0.5 else (tr("adventurous") if value > 1.2 else tr("balanced"))
        self.temperature_label.setText(f"{value:.2f} ({mood})")

    def _on_temperature_moved(self, v: int) -> None:
        self._show_temperature(v / 100)
        if not self.temperature.isSliderDown():  # keyboard and wheel: at once; a drag: on release
            self.temperature_changed.emit(v / 100)

    def load_text(self, raw: str, name: str | None = None) -> bool:
        """Check a text and, if usable, make it the one the model trains on; say why not otherwise."""
        try:
            clean, note = clean_text(raw, name)
        except TextError as exc:
            self.message.setText(tr("<b>Not used:</b> {reason}. The model keeps its current text.", reason=exc))
            return False
        self.current = clean
        if self.editor.toPlainText() != clean:
            self.editor.setPlainText(clean)
        self.message.setText(tr("Training text: {n} characters. {note}", n=count(len(clean)), note=note).strip())
        self.text_chosen.emit(clean)
        return True

    def open_file(self, path: str) -> bool:
        try:
            clean, note = read_text_file(path)
        except TextError as exc:
            self.message.setText(tr("<b>Not opened:</b> {reason}. The model keeps its current text.", reason=exc))
            return False
        ok = self.load_text(clean)
        if ok and note:
            self.message.setText(tr("Training text: {n} characters. {note}", n=count(len(clean)), note=note))
        return ok

    def show_text(self, current: str) -> None:
        """The session's text (after reopening an experiment), without sending it back."""
        self.current = current
        if self.editor.toPlainText() != current:
            self.editor.setPlainText(current)

    def show_sample(self, s: dict) -> None:
        sample = s.get("text_sample")
        if sample is None:
            return
        self.sample_title.setText(tr("<b>{title}</b> at epoch {epoch}, temperature {temperature}, after “{prime}”:",
                                     title=text("text_sample_title"), epoch=s.get("text_epoch", 0),
                                     temperature=f"{s.get('text_temperature', 0):g}", prime=s.get("text_prime", "")))
        self.sample.setText(sample)

    def _on_use_clicked(self) -> None:
        self.load_text(self.editor.toPlainText(), tr("the typed text"))

    def _on_open_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open a text"), "", tr("Text (*.txt *.md);;All files (*)"))
        if path:
            self.open_file(path)
