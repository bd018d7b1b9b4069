"""The base every lab view builds on: the parameter panel, the lesson text, the link to the worker.

A lab view is thin. It declares nothing about its parameters (the core module's PARAMS does), builds
its plots, draws snapshots in `show_snapshot`, and lists its exportable figures in `figures()`. The
base turns panel edits into live or structural changes for the worker, opens the session when the
lab is shown, and restyles on theme changes.

Contract for a subclass:
    lesson_html: str                     shown under the controls: what to try, what it teaches
    build_content(self) -> QWidget       the plots (called once, after the panel exists); it may be a
                                         generator that yields between pieces and returns the widget:
                                         a lab opened from the list is then built a piece per turn of
                                         the event loop (staged_build.py), and any call into the view
                                         before the end finishes the build first
    show_snapshot(self, snap: dict)      draw the newest snapshot (keep it under ~10 ms)
    figures(self) -> dict[str, object]   name -> pg.PlotItem / PlotWidget, the main figure first
    apply_theme(self, theme)             call super().apply_theme(theme) then restyle plots
    on_reset(self)                       forget anything cached from the previous run (optional)
    local_transport(self, action) -> bool   a stepper that needs no worker (the convolution slide, the
                                         RNN unroll) takes "play", "step", "back" or "reset" itself
                                         and returns True; False lets the worker train (optional)
"""
from __future__ import annotations

import functools
import importlib
import inspect
from typing import ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QSplitter,
                               QVBoxLayout, QWidget)

from playground.core.train.params import by_name, classify_change, defaults
from playground.registry import LabInfo
from playground.ui.i18n import tab_key, tr
from playground.ui.staged_build import StagedBuild, reveal_gradually
from playground.ui.theme import Theme
from playground.ui.training import resume_point
from playground.ui.widgets.param_panel import ParamPanel

__all__ = ["LabView"]

# What needs a view's content: called while a staged build is still running, these finish it first.
_NEEDS_CONTENT = ("show_snapshot", "figures", "apply_theme", "set_params", "show_view", "view_state",
                  "local_transport", "_on_params_changed")


def _guarded(while_building):
    """A view's method that, while a staged build runs, is replaced by `while_building(view, call)`
    (`call()` runs the method itself)."""
    def guard(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            def call():
                return method(self, *args, **kwargs)

            return while_building(self, call) if self.building else call()

        wrapper._np_guarded = True
        return wrapper

    return guard


def _finish_first(view, call):
    view.finish_building()
    return call()


def _reset_when_built(view, _call):
    """A reset while the plots are being built has nothing to forget yet: it waits for them."""
    view._reset_pending = True


def _nothing_plays(_view, _call):
    """Nothing plays in a view whose steppers do not exist yet."""
    return False


_GUARDS = {**{name: _guarded(_finish_first) for name in _NEEDS_CONTENT},
           "on_reset": _guarded(_reset_when_built), "is_playing_locally": _guarded(_nothing_plays)}


def _guard(cls) -> None:
    for name, guard in _GUARDS.items():
        method = cls.__dict__.get(name)
        if method is not None and not getattr(method, "_np_guarded", False):
            setattr(cls, name, guard(method))


class LabView(QWidget):
    status_changed = Signal(str)  # a one-line read-out for the status bar
    built = Signal()  # the content exists (at once, or at the end of a staged build)
    trains: ClassVar[bool] = True
    local_steps: ClassVar[bool] = False  # True: the transport can also drive a stepper in the view
    lesson_html: ClassVar[str] = ""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        _guard(cls)  # a lab's own versions of these are guarded as the base's are

    def __init__(self, info: LabInfo, controller, theme: Theme, parent=None, staged: bool = False):
        super().__init__(parent)
        self._staged: StagedBuild | None = None
        self._reset_pending = False
        self.info = info
        self.core = importlib.import_module(info.core)
        self.controller = controller
        self.theme = theme
        self.device = "cpu"
        self._params = defaults(self.core.PARAMS)
        self.last_snapshot: dict | None = None

        self.panel = ParamPanel(self.core.PARAMS)
        self.panel.values_changed.connect(self._on_params_changed)
        # A value every control accepts may still be refused by the session as a combination (a net
        # too big for its lab): the values sent, and the refusal, put the panel back in step.
        self._sent: dict = {}
        self._refusal: str | None = None
        if controller is not None and hasattr(controller, "error_raised"):
            controller.error_raised.connect(self._on_session_error)
        self.lesson = QLabel(self.lesson_text())
        self.lesson.setObjectName("lesson")
        self.lesson.setWordWrap(True)
        self.lesson.setTextFormat(Qt.RichText)
        self.lesson.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.lesson.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Minimum)
        self.readout = QLabel("")
        self.readout.setObjectName("readout")
        self.readout.setWordWrap(True)
        self.readout.setTextFormat(Qt.RichText)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(6, 6, 6, 6)
        title = QLabel(f"<b>{tr(info.title)}</b>")
        title.setObjectName("lab_title")
        side_layout.addWidget(title)
        # The read-out (epoch, losses, accuracy) first: it must stay in sight however many controls
        # a lab has; the lesson text, read once, goes last.
        side_layout.addWidget(self.readout)
        for widget in (self.panel, self.lesson):
            line = QFrame()
            line.setFrameShape(QFrame.HLine)
            side_layout.addWidget(line)
            side_layout.addWidget(widget)
        side_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(250)
        self.side_scroll = scroll

        # The plots scroll rather than push the window wider than the screen: a 1280-px projector in
        # presentation mode must still show the whole lab, with scroll bars at worst.
        content_scroll = QScrollArea()
        content_scroll.setWidgetResizable(True)
        content_scroll.setFrameShape(QFrame.NoFrame)
        self.content_scroll = content_scroll
        self.splitter = QSplitter(Qt.Horizontal)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(content_scroll)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        # The controls get the width their longest label and field need (the depth lab's "Shallow net:
        # hidden layers" cut its fields off at 300 px); the plots keep the rest.
        needed = (side.minimumSizeHint().width() + scroll.verticalScrollBar().sizeHint().width()
                  + 2 * scroll.frameWidth())
        self.splitter.setSizes([max(300, needed), 1000])
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        content = self.build_content()
        if not inspect.isgenerator(content):
            self._set_content(content)
            return
        self._staged = StagedBuild(content, self)
        self._staged.finished.connect(lambda widget: self._set_content(widget, gradually=staged))
        if staged:
            # the controls now, the plots over the next few turns of the event loop
            self.content = QLabel(tr("Opening {lab}…", lab=tr(info.title)))
            self.content.setAlignment(Qt.AlignCenter)
            content_scroll.setWidget(self.content)
            self._staged.start()
        else:
            self._staged.finish()

    def _set_content(self, widget: QWidget, gradually: bool = False) -> None:
        self.content = widget
        self.content_scroll.setWidget(widget)
        if gradually:
            reveal_gradually(widget)
        self.built.emit()
        if self._reset_pending:
            self._reset_pending = False
            self.on_reset()
        if self.last_snapshot is not None:
            self.show_snapshot(self.last_snapshot)  # the frame that came while the plots were built

    @property
    def building(self) -> bool:
        """True while a staged build runs (outside its own steps)."""
        staged = self._staged
        return staged is not None and not staged.done and not staged.in_step

    def finish_building(self) -> None:
        """Build the rest of the content now: something needs it (a frame, an export, a click)."""
        if self.building:
            self._staged.finish()

    # --- for subclasses ----------------------------------------------------------------------------------
    def build_content(self) -> QWidget:
        raise NotImplementedError

    def show_snapshot(self, snap: dict) -> None:
        raise NotImplementedError

    def figures(self) -> dict:
        raise NotImplementedError

    def on_reset(self) -> None:
        pass

    def lesson_text(self) -> str:
        """The lesson under the controls, in the window's language: `lesson_html` (marked
        QT_TR_NOOP where it is written) through tr(); a lab with its own texts overrides this."""
        return tr(self.lesson_html)

    def _tabs(self):
        from PySide6.QtWidgets import QTabWidget

        if isinstance(self.content, QTabWidget):
            return self.content
        return self.content.findChild(QTabWidget)

    def view_state(self) -> str:
        """The tab on show (what a scene remembers); "" for a lab with one view."""
        tabs = self._tabs()
        return tab_key(tabs, tabs.currentIndex()) if tabs is not None else ""

    def show_view(self, name: str) -> None:
        """Show the tab called `name` (a scene's view); unknown names leave the view as it is."""
        tabs = self._tabs()
        if tabs is None or not name:
            return
        for i in range(tabs.count()):
            if name in (tab_key(tabs, i), tabs.tabText(i)):
                tabs.setCurrentIndex(i)
                return

    def is_playing_locally(self) -> bool:
        """Whether a stepper of this view is playing on its own (the Play button then says Pause)."""
        return False

    def local_transport(self, action: str) -> bool:
        """Play/Step/Back/Reset for a stepper shown now; True when handled here, not by the worker."""
        return False

    def apply_theme(self, theme: Theme) -> None:
        self.theme = theme
        # The controls grow less than the fonts: in presentation mode the plots need the room more.
        self.side_scroll.setMinimumWidth(int(250 * min(theme.scale, 1.3)))

    # --- parameters --------------------------------------------------------------------------------------
    def params(self) -> dict:
        return dict(self._params)

    def set_params(self, values: dict) -> None:
        """Show values without sending them (the caller reopens the session)."""
        self._params.update(values)
        self.panel.set_values(values)

    def _on_params_changed(self, values: dict) -> None:
        change = classify_change(self.core.PARAMS, self._params, values)
        self._params.update(values)
        if self.controller is None:
            return
        self._sent.update(values)
        self._refusal = None
        if change.needs_reset:
            self.on_reset()
        self.controller.apply(values, structural=change.needs_reset)

    # --- the session ---------------------------------------------------------------------------------------
    @property
    def session_factory(self) -> str:
        return self.core.SESSION

    def start_session(self, device: str = "cpu", state=None, epoch: int = 0, curves: dict | None = None,
                      data: dict | None = None) -> None:
        self.device = device
        self.on_reset()  # while a staged build runs: when it ends, and the worker opens meanwhile
        if self.controller is not None:
            # `data`: a user's own points saved with the experiment (only labs that keep any)
            more = {"data": data} if data is not None else {}
            self.controller.open_session(self.session_factory, self._params, device, state, epoch, curves,
                                         **more)

    def resume_session(self, device: str) -> None:
        """Reopen this lab's session where its last frame left it (on another device, say)."""
        self.start_session(device, **resume_point(self.last_snapshot))

    def receive_snapshot(self, snap: dict) -> None:
        self.last_snapshot = snap
        if self._sent and self._refusal is None:
            is_current = getattr(self.controller, "is_current", None)
            if is_current is not None and is_current(snap):
                self._sent = {}  # a frame after every change: they were all taken
        if not self.building:  # else drawn when the plots exist (_set_content): the newest only
            self.show_snapshot(snap)

    def _on_session_error(self, message: str, _detail: str = "") -> None:
        request = getattr(self.controller, "request_current", None)
        if not self._sent or request is None or not self.isVisible():
            return
        self._refusal = message
        request(self._sync_refused)  # a frame taken after the refusal: what really runs

    def _sync_refused(self, snap: dict | None) -> None:
        """The session refused a change: the values it runs with go back in the panel, marked with
        its reason, so the panel never shows a value that is not in force."""
        reason, self._refusal = self._refusal, None
        params = snap.get("params") if isinstance(snap, dict) else None
        if reason is None or not isinstance(params, dict):
            return
        refused = {k: params[k] for k, v in self._sent.items() if k in params and params[k] != v}
        self._sent = {}
        if refused:
            self._params.update(refused)
            self.panel.refuse(refused, reason)

    def is_live(self, name: str) -> bool:
        return by_name(self.core.PARAMS)[name].live


_guard(LabView)
