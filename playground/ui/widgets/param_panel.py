"""The control panel a lab gets for free from its parameter list (playground.core.train.params).

Each Param becomes the widget that suits it: a combo for a choice, a spin box for an integer, an
editable combo of presets or a spin box for a float, a check box, a text field for a list. Every edit
is validated with the same `validate()` the CLI and the experiment files use, so the constraints a
parameter declares once (range, allowed values, how many list items) hold here too. A refused value
is marked at the control (red frame, the reason under it and in its tooltip), is never sent to the
worker, and the last valid value keeps running. An editable combo's list keeps its presets plus only
the last few valid values typed: refused text is never added to it.
"""
from __future__ import annotations

import math
from typing import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit,
                               QSpinBox, QWidget)

from playground.core.train.params import LIST_KINDS, Param, ParamError, defaults, describe, validate
from playground.ui.i18n import tr

__all__ = ["ParamPanel", "RECENT_VALUES"]

RECENT_VALUES = 3  # typed values an editable combo remembers besides its presets
ERROR_COLOR = "#D55E00"  # Okabe-Ito vermilion: reads as "wrong" for every colour vision, both themes
_INVALID_STYLE = f"border: 2px solid {ERROR_COLOR}; border-radius: 3px;"


def _same_number(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-15)


class ParamPanel(QWidget):
    values_changed = Signal(dict)  # only the values that changed, already validated

    def __init__(self, params: Sequence[Param], parent=None):
        super().__init__(parent)
        self.params = [p for p in params if p.gui]
        self._spec = {p.name: p for p in self.params}
        self._values = defaults(self.params)
        self.widgets: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._tips: dict[str, str] = {}
        self._recent: dict[str, list[float]] = {}  # editable combos: valid typed values, oldest first
        self._updating = False
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.WrapLongRows)
        for p in self.params:
            w = self._make(p)
            w.setObjectName(f"param_{p.name}")
            # A combo or a check box shows its choices itself; the raw values are for the command line.
            allowed = describe(p) if p.kind not in ("choice", "bool") else ""
            tip = "\n".join(t for t in (tr(p.help), tr("Allowed: {allowed}", allowed=allowed) if allowed else "",
                                        tr("(applies live)") if p.live else tr("(changing it resets the model)"))
                            if t)
            self._tips[p.name] = tip
            w.setToolTip(tip)
            label = QLabel(tr(p.label) + (f" ({tr(p.unit)})" if p.unit else ""))
            label.setToolTip(tip)
            label.setBuddy(w)
            form.addRow(label, w)
            err = QLabel("")
            err.setObjectName(f"param_error_{p.name}")
            # A palette, not a style sheet: each style sheet set while a lab opens cost ~20 ms
            red = err.palette()
            red.setColor(QPalette.WindowText, QColor(ERROR_COLOR))
            err.setPalette(red)
            err.setWordWrap(True)
            err.hide()
            form.addRow(err)
            self._errors[p.name] = err
            self.widgets[p.name] = w

    # --- widgets ---------------------------------------------------------------------------------------
    def _make(self, p: Param) -> QWidget:
        if p.kind == "choice":
            w = QComboBox()
            for c in p.choices:
                w.addItem(tr(p.label_of(c)), c)
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
            # QSpinBox holds a C int: clamp an unbounded side to what it can show.
            w.setRange(int(max(p.minimum, -2**31) if p.minimum is not None else -10**9),
                       int(min(p.maximum, 2**31 - 1) if p.maximum is not None else 10**9))
            w.setValue(int(p.default))
            w.setKeyboardTracking(False)  # typing "12" must not apply "1" first
            w.valueChanged.connect(lambda v, p=p: self._edited(p, v))
            return w
        if p.kind == "float" and p.steps:
            w = QComboBox()
            w.setEditable(True)  # the steps are suggestions; any valid number may be typed
            # Qt would add whatever is typed (refused text included) to the list: we keep the list.
            w.setInsertPolicy(QComboBox.NoInsert)
            self._recent[p.name] = []
            self._fill_steps(p, w)
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
        if p.kind in LIST_KINDS:
            # a text field of comma-separated values
            w = QLineEdit(self._list_text(p.default))
            w.setPlaceholderText(tr("none") if not p.min_items else "")
            w.editingFinished.connect(lambda p=p, w=w: self._edited(p, w.text()))
            return w
        raise ValueError(f"{p.name}: the panel has no control for kind {p.kind!r}")

    @staticmethod
    def _list_text(value) -> str:
        return ", ".join(map(str, value))

    def _fill_steps(self, p: Param, w: QComboBox) -> None:
        """The combo's list: the presets and the remembered typed values, in numeric order."""
        text = w.currentText()
        values = list(p.steps) + [v for v in self._recent[p.name]
                                  if not any(_same_number(v, s) for s in p.steps)]
        was = w.blockSignals(True)
        try:
            w.clear()
            for v in sorted(values):
                w.addItem(f"{v:g}", v)
            w.setCurrentText(text)
        finally:
            w.blockSignals(was)

    def _remember(self, p: Param, value: float) -> None:
        """A valid value typed into an editable combo joins its list; only the last few stay."""
        w = self.widgets.get(p.name)
        if p.name not in self._recent or not isinstance(w, QComboBox):
            return
        if any(_same_number(value, s) for s in p.steps):
            return
        recent = [v for v in self._recent[p.name] if not _same_number(v, value)] + [value]
        self._recent[p.name] = recent[-RECENT_VALUES:]
        self._fill_steps(p, w)

    # --- validation and marking ------------------------------------------------------------------------
    def _edited(self, p: Param, raw) -> None:
        if self._updating:
            return
        try:
            value = validate(p, raw)
        except ParamError as exc:
            self._mark(p.name, str(exc))
            return
        self._mark(p.name, "")
        if isinstance(value, float) and p.name in self._recent:
            self._remember(p, value)
        if value != self._values.get(p.name):
            self._values[p.name] = value
            self.values_changed.emit({p.name: value})

    def _mark(self, name: str, reason: str) -> None:
        """Show (reason) or clear ("") the refusal of a value at its control."""
        err, w = self._errors[name], self.widgets[name]
        # an editable combo keeps its own arrow: only its text field is framed
        framed = w.lineEdit() if isinstance(w, QComboBox) and w.isEditable() else w
        if reason:
            err.setText(tr("{reason}. Still using {value}.", reason=reason, value=self._shown(name, self._values.get(name))))
            err.show()
            framed.setStyleSheet(_INVALID_STYLE)
            w.setToolTip(f"{reason}\n\n{self._tips[name]}")
            w.setProperty("invalid", True)
        elif w.property("invalid"):
            err.hide()
            err.setText("")
            framed.setStyleSheet("")
            w.setToolTip(self._tips[name])
            w.setProperty("invalid", False)

    def _shown(self, name: str, value) -> str:
        p = self._spec[name]
        if p.kind in LIST_KINDS:
            return self._list_text(value) or tr("none")
        if p.kind == "choice":
            return tr(p.label_of(value))
        if isinstance(value, float):
            return f"{value:g}"
        return str(value)

    # --- values in and out -----------------------------------------------------------------------------
    def values(self) -> dict:
        return dict(self._values)

    def error_text(self, name: str) -> str:
        err = self._errors[name]
        return err.text() if not err.isHidden() else ""

    def is_invalid(self, name: str) -> bool:
        return bool(self.widgets[name].property("invalid"))

    def set_values(self, values: dict) -> None:
        """Show new values without emitting values_changed (used when a file is opened)."""
        self._updating = True
        try:
            for p in self.params:
                if p.name not in values:
                    continue
                v = values[p.name]
                self._values[p.name] = v
                self._show(p, v)
                self._mark(p.name, "")
        finally:
            self._updating = False

    def _show(self, p: Param, v) -> None:
        """Put a (valid) value into its widget; the caller holds _updating so nothing is emitted."""
        w = self.widgets[p.name]
        if isinstance(w, QComboBox) and not w.isEditable():
            w.setCurrentIndex(max(0, w.findData(v)))
        elif isinstance(w, QComboBox):
            w.setCurrentText(f"{v:g}")
            if isinstance(v, float):
                self._remember(p, v)
        elif isinstance(w, QCheckBox):
            w.setChecked(bool(v))
        elif isinstance(w, (QSpinBox, QDoubleSpinBox)):
            w.setValue(v)
        elif isinstance(w, QLineEdit):
            w.setText(self._list_text(v))

    def refuse(self, values: dict, reason: str) -> None:
        """The session refused these values (shown as accepted until now): show the ones it runs
        with instead, each marked with the session's reason."""
        shown = {k: v for k, v in values.items() if k in self._spec}
        self.set_values(shown)
        for name in shown:
            self._mark(name, tr("refused: {reason}", reason=reason))

    def set_value_interactively(self, name: str, raw) -> None:
        """As if the user had entered `raw` (used by tests, the random-action test and shortcuts).

        Text fields and editable combos show what was typed, marked if refused; a combo, check box
        or spin box cannot show a refused value, so it keeps the valid one and shows the reason."""
        p = self._spec[name]
        w = self.widgets[name]
        if isinstance(w, QComboBox) and not w.isEditable():
            index = w.findData(raw)
            if index >= 0:
                w.setCurrentIndex(index)
                self._edited(p, raw)  # picking the shown item again clears a refusal
            else:
                self._edited(p, raw)
            return
        if isinstance(w, QComboBox):
            w.setCurrentText(str(raw) if not isinstance(raw, float) else f"{raw:g}")
            self._edited(p, w.currentText())
            return
        if isinstance(w, QLineEdit):
            w.setText(raw if isinstance(raw, str) else self._list_text(raw) if isinstance(raw, (list, tuple))
                      else str(raw))
            self._edited(p, w.text())
            return
        self._edited(p, raw)
        self._updating = True
        try:
            self._show(p, self._values[name])
        finally:
            self._updating = False
