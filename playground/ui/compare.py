"""Side by side: two to four configurations of one lab in one window, one transport driving all.

Each configuration ("pane") is the lab's own view with its own controls; its changes go to its pane
of the `CompareSession` in the worker (core/train/compare.py), which trains every pane in lockstep.
Above the panes, a row of read-outs says what differs from the first configuration and how each is
doing. Corresponding plots have their axes linked, so the same zoom shows the same region
everywhere. The perceptron against the MLP on XOR, ReLU against tanh, 1x12 against 4x3: any lab
that trains can be compared (Training > Compare configurations).
"""
from __future__ import annotations

import importlib
import math
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from playground.core.train.compare import FACTORY, MAX_PANES
from playground.core.train.params import by_name, classify_change
from playground.ui.i18n import group_digits, tr
from playground.ui.training import resume_point

__all__ = ["CompareView", "PANE_NAMES"]

PANE_NAMES = ("A", "B", "C", "D")


class _PaneLink:
    """What a pane's view takes for its controller: its changes and actions go to its own pane."""

    def __init__(self, view: "CompareView", index: int):
        self._view, self._index = view, index

    def apply(self, values: dict, structural: bool) -> None:
        self._view.pane_changed(self._index, values, structural)

    def custom(self, name: str, **kwargs) -> None:
        if self._view.controller is not None:
            self._view.controller.custom(name, pane=self._index, **kwargs)

    def open_session(self, *args, **kwargs) -> None:
        """One session holds every pane: the comparison opens it, not the pane."""

    def __getattr__(self, name):  # play, pause, reset, playing...: the one transport
        return getattr(self._view.controller, name)


class _AllControls:
    """Ctrl+K folds every pane's controls at once (the main window calls side_scroll.setVisible)."""

    def __init__(self, panes):
        self._panes = panes

    def setVisible(self, on: bool) -> None:  # noqa: N802 - the Qt name the window calls
        for pane in self._panes:
            pane.side_scroll.setVisible(on)

    def setMinimumWidth(self, _w: int) -> None:  # noqa: N802
        pass


class CompareView(QWidget):
    """Looks like a lab view to the main window; holds one lab view per configuration."""

    status_changed = Signal(str)
    trains: ClassVar[bool] = True
    local_steps: ClassVar[bool] = False
    compare = True

    def __init__(self, info, controller, theme, panes: list[dict], parent=None):
        super().__init__(parent)
        if not 2 <= len(panes) <= MAX_PANES:
            raise ValueError(f"a comparison has 2 to {MAX_PANES} configurations")
        self.info = info
        self.controller = controller
        self.theme = theme
        self.device = "cpu"
        self.last_snapshot: dict | None = None
        self.core = importlib.import_module(info.core)
        module, _, cls = info.view.partition(":")
        view_cls = getattr(importlib.import_module(module), cls)
        self.panes = []
        for i, params in enumerate(panes):
            view = view_cls(info, _PaneLink(self, i), theme)
            view.set_params(params)
            view.splitter.setSizes([230, 900])  # the plots get the room; the controls scroll
            self.panes.append(view)
        self.side_scroll = _AllControls(self.panes)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.readouts = []
        for i in range(len(self.panes)):
            label = QLabel("")
            label.setObjectName("compare_readout")
            label.setTextFormat(Qt.RichText)
            label.setWordWrap(True)
            label.setFrameShape(QFrame.StyledPanel)
            row.addWidget(label, 1)
            self.readouts.append(label)
        layout.addLayout(row)
        grid = QGridLayout()
        grid.setSpacing(6)
        cols = 2
        for i, view in enumerate(self.panes):
            holder = QWidget()
            box = QVBoxLayout(holder)
            box.setContentsMargins(0, 0, 0, 0)
            title = QLabel(f"<b>{PANE_NAMES[i]}</b>")
            title.setObjectName("compare_pane_title")
            box.addWidget(title)
            box.addWidget(view, 1)
            grid.addWidget(holder, i // cols, i % cols)
        layout.addLayout(grid, 1)
        self._link_axes()
        self._show_readouts()

    # --- what the main window asks of a lab view -------------------------------------------------------
    def pane_params(self) -> list[dict]:
        return [v.params() for v in self.panes]

    def session_params(self) -> dict:
        return {"lab": self.info.id, "panes": self.pane_params()}

    def params(self) -> dict:
        return self.panes[0].params()

    def set_params(self, values: dict) -> None:
        for v in self.panes:
            v.set_params(values)

    def start_session(self, device: str = "cpu", state=None, epoch: int = 0, curves: dict | None = None) -> None:
        self.device = device
        self.on_reset()
        if self.controller is not None:
            self.controller.open_session(FACTORY, self.session_params(), device, state, epoch, curves)

    def resume_session(self, device: str) -> None:
        self.start_session(device, **resume_point(self.last_snapshot))

    def on_reset(self) -> None:
        for v in self.panes:
            v.on_reset()

    def receive_snapshot(self, snap: dict) -> None:
        self.last_snapshot = snap
        for view, pane in zip(self.panes, snap.get("panes", [])):
            view.receive_snapshot(pane)
        self._show_readouts(snap)

    def figures(self) -> dict:
        out = {}
        for i, view in enumerate(self.panes):
            for name, fig in view.figures().items():
                out[f"{name} ({PANE_NAMES[i]})"] = fig
        return out

    def apply_theme(self, theme) -> None:
        self.theme = theme
        for v in self.panes:
            v.apply_theme(theme)

    def local_transport(self, action: str) -> bool:
        return False

    def view_state(self) -> str:
        return self.panes[0].view_state()

    def show_view(self, name: str) -> None:
        for v in self.panes:
            v.show_view(name)

    # --- a pane's controls changed -----------------------------------------------------------------------
    def pane_changed(self, index: int, values: dict, structural: bool) -> None:
        """Live changes stay in their pane; a structural one restarts every pane (epochs aligned)."""
        if self.controller is None:
            return
        if structural:
            self.on_reset()
        self.controller.apply({"pane": index, "params": values}, structural=structural)
        # A restarted worker reopens the comparison with every pane as it is now.
        remember = getattr(self.controller, "remember_params", None)
        if remember is not None:
            remember(self.session_params())
        self._show_readouts(self.last_snapshot)

    # --- read-outs and linked axes -----------------------------------------------------------------------
    def _differences(self, i: int) -> str:
        if i == 0:
            return tr("reference")
        spec = by_name(self.core.PARAMS)
        base, mine = self.panes[0].params(), self.panes[i].params()
        diff = classify_change(self.core.PARAMS, base, mine)
        changed = {**diff.live, **diff.structural}
        if not changed:
            return tr("same as A")
        parts = []
        for k, v in list(changed.items())[:4]:
            shown = ",".join(map(str, v)) if isinstance(v, list) else tr(spec[k].label_of(v))
            parts.append(f"{tr(spec[k].label)} {shown}")
        return "; ".join(parts) + (" …" if len(changed) > 4 else "")

    def _show_readouts(self, snap: dict | None = None) -> None:
        panes = (snap or {}).get("panes", [])
        for i, label in enumerate(self.readouts):
            pane = panes[i] if i < len(panes) else {}
            loss = pane.get("loss")
            status = pane.get("stopped")
            text = f"<b>{PANE_NAMES[i]}</b> · {self._differences(i)}"
            if pane:
                text += "<br>" + tr("epoch {epoch}", epoch=group_digits(pane.get("epoch", 0)))
                if isinstance(loss, (int, float)) and math.isfinite(loss):
                    text += " · " + tr("loss {loss}", loss=f"{loss:.4g}")
                if status:
                    text += f" · <b>{tr(status)}</b>"
            label.setText(text)
            if i < len(self.panes):
                label.setToolTip(self.panes[i].readout.text())

    def _link_axes(self) -> None:
        first = self.panes[0].figures()
        for view in self.panes[1:]:
            for name, fig in view.figures().items():
                ref = first.get(name)
                a, b = _plot_item(ref), _plot_item(fig)
                if a is None or b is None:
                    continue
                b.setXLink(a)
                b.setYLink(a)


def _plot_item(fig):
    if fig is None:
        return None
    item = fig.getPlotItem() if hasattr(fig, "getPlotItem") else fig
    return item if hasattr(item, "setXLink") else None
