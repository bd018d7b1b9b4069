"""The control panel a lab gets for free from its parameter list (playground.core.train.params).

Each Param becomes the widget that suits it: a combo for a choice, a spin box for an integer, a
combo of steps or a spin box for a float, a check box, a list field. Every edit is validated with
the same `validate()` the CLI and the experiment files use; a bad value is shown in red with the
reason and never reaches the model.
"""
from __future__ import annotations

from typing import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit,
                               QSpinBox, QWidget)

from playground.core.train.params import Param, ParamError, defaults, validate

__all__ = ["ParamPanel"]


class ParamPanel(QWidget):
    values_changed = Signal(dict)  # only the values that changed, already validated

    def __init__(self, params: Sequence[Param], parent=None):
        super().__init__(parent)
        self.params = [p for p in params if p.gui]
        self._values = defaults(self.params)
        self.widgets: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._updating = False
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        for p in self.params:
            w = self._make(p)
            w.setObjectName(f"param_{p.name}")
            if p.help:
                w.setToolTip(p.help)
            label = QLabel(p.label + ("" if p.live else ""))
            label.setToolTip(p.help + ("\n(applies live)" if p.live else "\n(changing it resets the model)"))
            form.addRow(label, w)
            err = QLabel("")
            err.setStyleSheet("color: #D55E00")
            err.setWordWrap(True)
            err.hide()
            form.addRow(err)
            self._errors[p.name] = err
            self.widgets[p.name] = w

    # --- widgets ---------------------------------------------------------------------------------------
    def _make(self, p: Param) -> QWidget:
        if p.kind == "choice":
            w = QComboBox()
            for i, c in enumerate(p.choices):
                w.addItem(p.label_of(c), c)
            w.setCurrentIndex(p.choices.index(p.default))
            w.currentIndexChanged.connect(lambda _i, p=p, w=w: self._edited(p, w.currentData()))
            return w
        if p.kind == "bool":
            w = QCheckBox()
            w.setChecked(bool(p.default))
            w.toggled.connect(lambda on, p=p: self._edited(p, on))
            return w
        if p.kind == "int":
            w = QSpinBox()
            w.setRange(int(p.minimum if p.minimum is not None else -10**9),
                       int(p.maximum if p.maximum is not None else 10**9))
            w.setValue(int(p.default))
            w.setKeyboardTracking(False)  # typing "12" must not apply "1" first
            w.valueChanged.connect(lambda v, p=p: self._edited(p, v))
            return w
        if p.kind == "float" and p.steps:
            w = QComboBox()
            w.setEditable(True)  # the steps are suggestions; any valid number may be typed
            for s in p.steps:
                w.addItem(f"{s:g}", s)
            w.setCurrentText(f"{p.default:g}")
            w.lineEdit().editingFinished.connect(lambda p=p, w=w: self._edited(p, w.currentText()))
            w.activated.connect(lambda _i, p=p, w=w: self._edited(p, w.currentText()))
            return w
        if p.kind == "float":
            w = QDoubleSpinBox()
            w.setDecimals(4)
            w.setRange(p.minimum if p.minimum is not None else -1e9, p.maximum if p.maximum is not None else 1e9)
            w.setSingleStep(((p.maximum or 1) - (p.minimum or 0)) / 20 or 0.1)
            w.setValue(float(p.default))
            w.setKeyboardTracking(False)
            w.valueChanged.connect(lambda v, p=p: self._edited(p, v))
            return w
        # int_list / multi_choice: a text field of comma-separated values
        w = QLineEdit(", ".join(map(str, p.default)))
        w.editingFinished.connect(lambda p=p, w=w: self._edited(p, w.text()))
        return w

    def _edited(self, p: Param, raw) -> None:
        if self._updating:
            return
        try:
            value = validate(p, raw)
        except ParamError as exc:
            self._errors[p.name].setText(str(exc))
            self._errors[p.name].show()
            return
        self._errors[p.name].hide()
        if value != self._values.get(p.name):
            self._values[p.name] = value
            self.values_changed.emit({p.name: value})

    # --- values in and out -----------------------------------------------------------------------------
    def values(self) -> dict:
        return dict(self._values)

    def error_text(self, name: str) -> str:
        err = self._errors[name]
        return err.text() if not err.isHidden() else ""

    def set_values(self, values: dict) -> None:
        """Show new values without emitting values_changed (used when a file is opened)."""
        self._updating = True
        try:
            for p in self.params:
                if p.name not in values:
                    continue
                v = values[p.name]
                self._values[p.name] = v
                w = self.widgets[p.name]
                if isinstance(w, QComboBox) and not w.isEditable():
                    w.setCurrentIndex(max(0, w.findData(v)))
                elif isinstance(w, QComboBox):
                    w.setCurrentText(f"{v:g}")
                elif isinstance(w, QCheckBox):
                    w.setChecked(bool(v))
                elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                    w.setValue(v)
                elif isinstance(w, QLineEdit):
                    w.setText(", ".join(map(str, v)))
                self._errors[p.name].hide()
        finally:
            self._updating = False

    def set_value_interactively(self, name: str, raw) -> None:
        """As if the user had entered `raw` (used by tests and keyboard shortcuts)."""
        p = next(p for p in self.params if p.name == name)
        w = self.widgets[name]
        if isinstance(w, QComboBox) and not w.isEditable():
            w.setCurrentIndex(w.findData(raw))
        else:
            self._edited(p, raw)
            if p.name in self._values:
                self._updating = True
                try:
                    if isinstance(w, QComboBox):
                        w.setCurrentText(f"{self._values[name]:g}")
                    elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
                        w.setValue(self._values[name])
                finally:
                    self._updating = False
