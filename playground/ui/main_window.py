"""The main window: labs by lecture chapter, the transport bar, menus, status bar, experiment files.

It owns the one TrainingController (the worker) and hands it to whichever lab is open. Labs are
created the first time they are opened and kept, so switching back continues where the user was.
Every failure a user can cause (a bad file, a diverging run, a dead worker) ends in a message here,
never in a traceback or a frozen window.
"""
from __future__ import annotations

import importlib
import os
import time

from PySide6.QtCore import QByteArray, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QActionGroup, QIcon, QKeySequence
from PySide6.QtWidgets import (QComboBox, QFileDialog, QLabel, QMainWindow, QMessageBox, QSizePolicy, QSplitter,
                               QStackedWidget, QStyle, QToolBar, QTreeWidget, QTreeWidgetItem,
                               QWidget)

from playground import __version__
from playground.registry import CHAPTERS, LABS, get_lab
from playground.core.i18n import LANGUAGE_NAMES, LANGUAGES
from playground.ui.export import ExportDialog
from playground.ui.i18n import QT_TR_NOOP, install_language, startup_language, tr
from playground.ui.memory import keep_long_lived_out_of_collections
from playground.ui.settings import app_settings
from playground.ui.staged_build import reveal_gradually
from playground.ui.theme import ThemeManager, apply_to_app
from playground.ui.training import TrainingController

__all__ = ["MainWindow", "SPEEDS", "frame_fits_params", "restored_curves"]

# Epochs per second the speed control offers; None = as fast as the machine allows.
SPEEDS = ((1, QT_TR_NOOP("1 epoch/s")), (5, QT_TR_NOOP("5 epochs/s")), (20, QT_TR_NOOP("20 epochs/s")),
          (100, QT_TR_NOOP("100 epochs/s")), (500, QT_TR_NOOP("500 epochs/s")), (None, QT_TR_NOOP("Full speed")))
DEVICES = (("cpu", QT_TR_NOOP("CPU")), ("cuda", QT_TR_NOOP("CUDA GPU")), ("mps", QT_TR_NOOP("Apple MPS")))
# The engine note the core appends while numba compiles (core/nets/mlp.py COMPILING_NOTE), in English.
_COMPILING = QT_TR_NOOP("compiling the fast engine: Reset uses it once ready")


def engine_text(label: str) -> str:
    """A frame's engine label ("torch (compiling the fast engine: ...) · cpu") in the window's language."""
    return label.replace(f"({_COMPILING})", f"({tr(_COMPILING)})") if _COMPILING in label else label
DEFAULT_SPEED_INDEX = 3
EXPERIMENT_FILTER = QT_TR_NOOP("Neural Playground experiment (*.npexp.json *.json)")


def _plain(value):
    return [_plain(v) for v in value] if isinstance(value, (list, tuple)) else value


def frame_fits_params(view) -> bool:
    """Whether a lab's last frame was made with the structural parameters its panel shows now."""
    snap = view.last_snapshot
    if not snap or not isinstance(snap.get("params"), dict):
        return True
    for name, value in view.params().items():
        try:
            live = view.is_live(name)
        except KeyError:
            continue
        if not live and name in snap["params"] and _plain(snap["params"][name]) != _plain(value):
            return False
    return True


def restored_curves(raw) -> dict | None:
    """Saved curves back for a session: NaN metrics were written as null (JSON has no NaN)."""
    if not isinstance(raw, dict):
        return None
    return {k: [float("nan") if x is None else x for x in v] if isinstance(v, list) else v
            for k, v in raw.items()}


def _icon_path() -> str | None:
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for candidate in (os.path.join(here, "assets", "icon.png"),
                      os.path.join(os.path.dirname(here), "assets", "icon.png")):
        if os.path.exists(candidate):
            return candidate
    return None


class MainWindow(QMainWindow):
    lab_opened = Signal(str)

    def __init__(self, lab_id: str | None = None, controller: TrainingController | None = None,
                 restore: bool = True, language: str | None = None, freeze_long_lived: bool = False):
        super().__init__()
        # The app's own window (not a test's): what lives all session leaves the collector's walks.
        self._freeze_wanted = freeze_long_lived
        self._closed = False
        self.setWindowTitle("Neural Playground")
        icon = _icon_path()
        if icon:
            self.setWindowIcon(QIcon(icon))
        self.settings = app_settings()
        self.restore = restore  # False: neither read nor follow what was remembered (tests, screenshots)
        # Before anything is built: every text below is made in this language.
        saved = self.settings.value("ui/language", None) if restore else None
        self.language = install_language(language or startup_language(saved))
        self._parked: dict[str, tuple] = {}  # lab views dropped by a language switch, rebuilt on opening
        dark = restore and self.settings.value("theme/dark", False, type=bool)
        self.themes = ThemeManager(dark=dark)
        apply_to_app(self.themes.theme)
        self.controller = controller or TrainingController(self)
        self.views: dict[str, QWidget] = {}
        self.current = None
        self.device = "cpu"
        self._last_error_at = 0.0
        self._frame_times: list[float] = []

        self._build_sidebar()
        self.stack = QStackedWidget()
        splitter = QSplitter(Qt.Horizontal)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 1200])
        self.setCentralWidget(splitter)
        self._build_actions()
        self._build_toolbar()
        self._build_menus()
        self._build_status()
        from playground.ui.lesson import LessonMode

        self.lesson = LessonMode(self)
        self.lesson.apply_theme(self.themes.theme)
        self._add_lesson_actions()

        c = self.controller
        c.snapshot_ready.connect(self._on_snapshot_ready)
        c.error_raised.connect(self._on_error_raised)
        c.diverged.connect(self._on_diverged)
        c.finished.connect(self._on_finished)
        c.worker_ready.connect(self._on_worker_ready)
        c.worker_restarted.connect(self._on_worker_restarted)
        c.playing_changed.connect(self._on_playing_changed)
        self.themes.theme_changed.connect(self._on_theme_changed)

        if restore:
            geometry = self.settings.value("window/geometry")
            if isinstance(geometry, QByteArray) and not geometry.isEmpty():
                self.restoreGeometry(geometry)
            else:
                self.resize(1440, 900)
            lab_id = lab_id or self.settings.value("window/lab", None)
        else:
            self.resize(1440, 900)
        ids = [lab.id for lab in LABS]
        self.open_lab(lab_id if lab_id in ids else ids[0])
        # The other labs' modules load in the background, so the first switch to a lab builds its
        # widgets without first spending a second importing it on the GUI thread.
        QTimer.singleShot(1500, self._preload_labs)

    # --- building --------------------------------------------------------------------------------------
    def _build_sidebar(self) -> None:
        tree = QTreeWidget()
        tree.setHeaderHidden(True)
        tree.setObjectName("lab_list")
        self._lab_items: dict[str, QTreeWidgetItem] = {}
        for key, (fr, en) in CHAPTERS.items():
            labs = [lab for lab in LABS if lab.chapter == key]
            if not labs:
                continue  # only chapters with a lab appear
            chapter = QTreeWidgetItem([fr if self.language == "fr" else en])
            if self.language != "fr":  # the lecture's own (French) chapter name; in French it is the name
                chapter.setToolTip(0, fr)
            chapter.setFlags(Qt.ItemIsEnabled)
            tree.addTopLevelItem(chapter)
            for lab in labs:
                item = QTreeWidgetItem([tr(lab.title)])
                item.setToolTip(0, tr(lab.summary))
                item.setData(0, Qt.UserRole, lab.id)
                chapter.addChild(item)
                self._lab_items[lab.id] = item
            chapter.setExpanded(True)
        tree.itemClicked.connect(self._on_lab_clicked)
        tree.setMinimumWidth(180)
        self.sidebar = tree

    def _action(self, text: str, slot, shortcut=None, checkable=False, tip: str = "") -> QAction:
        """An action whose English `text` and `tip` stay with it, so a language switch retranslates it."""
        a = QAction(tr(text), self)
        a.setProperty("tr_text", text)
        a.setProperty("tr_tip", tip)
        if shortcut:
            a.setShortcut(QKeySequence(shortcut))
            a.setShortcutContext(Qt.WindowShortcut)
        a.setCheckable(checkable)
        if tip:
            a.setToolTip(tr(tip))
            a.setStatusTip(tr(tip))
        a.triggered.connect(slot)
        self.addAction(a)  # shortcuts work even when the toolbar or menu is hidden (full screen)
        return a

    def _build_actions(self) -> None:
        st = self.style()
        self.play_action = self._action(QT_TR_NOOP("Play"), self.toggle_play, Qt.Key_Space, tip=QT_TR_NOOP("Play / pause training (Space)"))
        self.play_action.setIcon(st.standardIcon(QStyle.SP_MediaPlay))
        self.step_action = self._action(QT_TR_NOOP("Step"), self.step_once, Qt.Key_Right, tip=QT_TR_NOOP("Train one epoch (Right arrow)"))
        self.step_action.setIcon(st.standardIcon(QStyle.SP_MediaSeekForward))
        self.back_action = self._action(QT_TR_NOOP("Back"), self.step_back, Qt.Key_Left,
                                        tip=QT_TR_NOOP("One step back in a stepper (Left arrow)"))
        self.back_action.setIcon(st.standardIcon(QStyle.SP_MediaSeekBackward))
        self.reset_action = self._action(QT_TR_NOOP("Reset"), self.reset, Qt.Key_R, tip=QT_TR_NOOP("New initial weights from the seed (R)"))
        self.reset_action.setIcon(st.standardIcon(QStyle.SP_BrowserReload))
        self.export_action = self._action(QT_TR_NOOP("Export figure…"), self.export_dialog, "Ctrl+E")
        self.record_action = self._action(QT_TR_NOOP("Record animation…"), self.record_dialog, "Ctrl+Shift+E",
                                          tip=QT_TR_NOOP("Record a figure or the whole lab as GIF or MP4 (Ctrl+Shift+E)"))
        self.save_action = self._action(QT_TR_NOOP("Save experiment…"), self.save_dialog, "Ctrl+S")
        self.open_action = self._action(QT_TR_NOOP("Open experiment…"), self.open_dialog, "Ctrl+O")
        self.quit_action = self._action(QT_TR_NOOP("Quit"), self.close, "Ctrl+Q")
        self.present_action = self._action(QT_TR_NOOP("Presentation mode"), self.toggle_presentation, Qt.Key_F5,
                                           checkable=True, tip=QT_TR_NOOP("Big fonts, thick lines, full screen (F5)"))
        self.dark_action = self._action(QT_TR_NOOP("Dark theme"), lambda on: self.themes.set_dark(on), checkable=True)
        self.labs_action = self._action(QT_TR_NOOP("Lab list"), lambda on: self.sidebar.setVisible(on), "Ctrl+L",
                                        checkable=True, tip=QT_TR_NOOP("Show or hide the list of labs (Ctrl+L)"))
        self.labs_action.setChecked(True)
        self.controls_action = self._action(QT_TR_NOOP("Controls panel"), self._set_controls_visible, "Ctrl+K",
                                            checkable=True, tip=QT_TR_NOOP("Show or hide the lab's controls (Ctrl+K)"))
        self.controls_action.setChecked(True)
        self.dark_action.setChecked(self.themes.dark)
        self.about_action = self._action(QT_TR_NOOP("About Neural Playground"), self.about)
        self.compare_action = self._action(QT_TR_NOOP("Compare configurations…"), self.compare_dialog, "Ctrl+Shift+C",
                                           tip=QT_TR_NOOP("Two to four configurations of this lab side by side, "
                                                          "trained in lockstep (Ctrl+Shift+C)"))

    def _build_toolbar(self) -> None:
        bar = QToolBar(tr("Transport"))
        bar.setObjectName("transport")
        bar.setMovable(False)
        bar.setToolButtonStyle(Qt.ToolButtonTextBesideIcon)
        bar.addAction(self.back_action)
        bar.addAction(self.play_action)
        bar.addAction(self.step_action)
        bar.addAction(self.reset_action)
        from playground.ui.widgets.timeline_slider import TimelineSlider

        self.timeline = TimelineSlider()
        self.timeline.scrubbed.connect(self.rewind_to)
        bar.addWidget(self.timeline)
        bar.addSeparator()
        self._speed_label = QLabel(" " + tr("Speed") + " ")
        bar.addWidget(self._speed_label)
        self.speed = QComboBox()
        self.speed.setObjectName("speed")
        self.speed.setFocusPolicy(Qt.ClickFocus)  # keep Space and arrows for the transport
        for value, label in SPEEDS:
            self.speed.addItem(tr(label), value)
        self.speed.setCurrentIndex(DEFAULT_SPEED_INDEX)
        self.speed.currentIndexChanged.connect(self._on_speed_changed)
        self.controller.set_speed(self.speed.currentData())
        bar.addWidget(self.speed)
        bar.addSeparator()
        self._device_label = QLabel(" " + tr("Device") + " ")
        bar.addWidget(self._device_label)
        self.device_box = QComboBox()
        self.device_box.setObjectName("device")
        self.device_box.setFocusPolicy(Qt.ClickFocus)
        for dev, label in DEVICES:
            self.device_box.addItem(tr(label), dev)
        checking = tr("checking what torch sees…")
        self._set_device_availability({"devices": ["cpu"], "unavailable": {"cuda": checking, "mps": checking}})
        self.device_box.currentIndexChanged.connect(self._on_device_changed)
        bar.addWidget(self.device_box)
        self.addToolBar(bar)
        self.toolbar = bar

    def _build_menus(self) -> None:
        m = self.menuBar()
        m.clear()  # a language switch builds the menus again, around the same actions
        f = m.addMenu(tr("&File"))
        for a in (self.export_action, self.record_action, self.save_action, self.open_action):
            f.addAction(a)
        f.addSeparator()
        f.addAction(self.quit_action)
        v = m.addMenu(tr("&View"))
        self._view_menu = v
        v.addAction(self.present_action)
        v.addAction(self.labs_action)
        v.addAction(self.controls_action)
        scale_menu = v.addMenu(tr("Presentation scale"))
        group = QActionGroup(self)
        for s in (1.5, 1.8, 2.0, 2.5):
            a = QAction(f"{s:g}×", self, checkable=True)
            a.setChecked(abs(s - self.themes.presentation_scale) < 1e-6)
            a.triggered.connect(lambda _on, s=s: self.themes.set_presentation_scale(s))
            group.addAction(a)
            scale_menu.addAction(a)
        self.screen_menu = v.addMenu(tr("Present on"))
        self.screen_menu.setToolTipsVisible(True)
        self.screen_menu.aboutToShow.connect(self._fill_screen_menu)
        v.addAction(self.dark_action)
        language_menu = v.addMenu(tr("Language"))
        language_menu.setObjectName("language_menu")
        languages = QActionGroup(self)
        self.language_actions = {}
        for lang in LANGUAGES:
            a = QAction(LANGUAGE_NAMES[lang], self, checkable=True)  # each language in its own words
            a.setChecked(lang == self.language)
            a.triggered.connect(lambda _on, lang=lang: self.set_language(lang))
            languages.addAction(a)
            language_menu.addAction(a)
            self.language_actions[lang] = a
        t = m.addMenu(tr("&Training"))
        for a in (self.play_action, self.step_action, self.back_action, self.reset_action):
            t.addAction(a)
        t.addSeparator()
        t.addAction(self.compare_action)
        h = m.addMenu(tr("&Help"))
        h.addAction(self.about_action)

    def _add_lesson_actions(self) -> None:
        self._view_menu.insertAction(self.labs_action, self.lesson.toggle_action)
        self._view_menu.insertAction(self.labs_action, self.lesson.panel_action)

    # --- language -----------------------------------------------------------------------------------------
    def set_language(self, lang: str) -> None:
        """View > Language: everything the window shows, in `lang`, now; training goes on.

        The menus, the transport and the open lab are built again in the new language (a lab keeps
        its parameters, its last frame and the tab on show; the worker resumes from that frame);
        labs opened before are rebuilt when next opened."""
        lang = install_language(lang)
        for code, action in getattr(self, "language_actions", {}).items():
            action.setChecked(code == lang)
        if lang == self.language:
            return
        self.language = lang
        self.settings.setValue("ui/language", lang)
        self._retranslate_chrome()
        lesson = getattr(self, "lesson", None)
        if lesson is not None and hasattr(lesson, "retranslate"):
            lesson.retranslate()
        self._rebuild_views()

    def _retranslate_chrome(self) -> None:
        for a in self.actions():
            text, tip = a.property("tr_text"), a.property("tr_tip")
            if text:
                a.setText(tr(text))
            if tip:
                a.setToolTip(tr(tip))
                a.setStatusTip(tr(tip))
        self._on_playing_changed(self.controller.playing)
        self.toolbar.setWindowTitle(tr("Transport"))
        self.timeline.retranslate()
        self._speed_label.setText(" " + tr("Speed") + " ")
        self._device_label.setText(" " + tr("Device") + " ")
        for i, (_value, label) in enumerate(SPEEDS):
            self.speed.setItemText(i, tr(label))
        for i, (_dev, label) in enumerate(DEVICES):
            self.device_box.setItemText(i, tr(label))
        if self.controller.info:
            self._set_device_availability(self.controller.info)
        self._build_menus()
        if getattr(self, "lesson", None) is not None:
            self._add_lesson_actions()
        shown = self.sidebar.isVisible()
        old = self.sidebar
        self._build_sidebar()
        splitter = old.parentWidget()
        index = splitter.indexOf(old)
        sizes = splitter.sizes()
        splitter.replaceWidget(index, self.sidebar)
        splitter.setSizes(sizes)
        self.sidebar.setVisible(shown)
        old.deleteLater()
        self.status_epoch.setText(tr("epoch {epoch}", epoch=(self.controller.last_snapshot or {}).get("epoch", 0)))

    def _rebuild_views(self) -> None:
        """Every lab view goes; the open one comes back at once in the new language, the others when
        opened. What a view knows (parameters, last frame, tab on show) is parked in between."""
        current = self.current
        if current is None:
            return
        was_playing = bool(current.trains and self.controller.playing)
        comparing = getattr(current, "compare", False)
        panes = [pane.params() for pane in current.panes] if comparing else None
        for lab_id, view in list(self.views.items()):
            if lab_id != "compare":
                self._parked[lab_id] = (view.params(), view.last_snapshot, view.view_state())
            self.stack.removeWidget(view)
            view.deleteLater()
        self.views.clear()
        self.current = None
        if comparing and panes:
            self.open_compare(current.info.id, panes)
        else:
            self.open_lab(current.info.id)
        if was_playing:
            self.controller.play()

    def _build_status(self) -> None:
        sb = self.statusBar()
        self.status_rate = QLabel("")
        self.status_epoch = QLabel(tr("epoch {epoch}", epoch=0))
        self.status_device = QLabel("CPU")
        # A new run the worker takes seconds to build (a large data set) says so while it does.
        self._waiting_timer = QTimer(self)
        self._waiting_timer.setInterval(250)
        self._waiting_timer.timeout.connect(self._show_waiting)
        self._waiting_timer.start()
        for w in (self.status_epoch, self.status_rate, self.status_device):
            w.setContentsMargins(8, 0, 8, 0)
            sb.addPermanentWidget(w)
        sb.showMessage(tr("Starting the training worker (loading torch)…"), 5000)

    # --- labs -------------------------------------------------------------------------------------------
    def _freeze_long_lived(self) -> None:
        # Not once the window is closed: the preload may end later, in a process that goes on.
        if self._freeze_wanted and not self._closed:
            keep_long_lived_out_of_collections()

    def _preload_labs(self) -> None:
        if self._closed:
            return  # closed before the preload was due (a test's or a screenshot's short-lived window)
        import threading

        def load():
            for lab in LABS:
                for module in (lab.core, lab.view.partition(":")[0]):
                    try:
                        importlib.import_module(module)
                    except Exception:  # noqa: BLE001 - opening the lab will say what is wrong
                        pass

            self._freeze_long_lived()  # the labs' modules stay for the session

        threading.Thread(target=load, name="lab-preload", daemon=True).start()

    def open_lab(self, lab_id: str, staged: bool = False) -> None:
        """Show a lab, building its view the first time. `staged`: the user's click, where a first
        build runs a few pieces per turn so the window never stops (a caller that goes on to use the
        view at once, a scene or an opened file, gets it whole)."""
        info = get_lab(lab_id)
        if lab_id not in self.views:
            module, _, cls = info.view.partition(":")
            view_cls = getattr(importlib.import_module(module), cls)
            view = view_cls(info, self.controller, self.themes.theme, staged=staged)
            view.built.connect(self._freeze_long_lived)
            parked = self._parked.pop(lab_id, None)
            if parked is not None:  # rebuilt after a language switch: as the user left it
                params, view.last_snapshot, tab = parked
                view.set_params(params)
                view.show_view(tab)
            self.views[lab_id] = view
            self.stack.addWidget(view)
            view.status_changed.connect(lambda text: self.statusBar().showMessage(text, 4000))
            view.side_scroll.setVisible(self.controls_action.isChecked())
            self._freeze_long_lived()  # and so does the view, until a language switch rebuilds it
        else:
            view = self.views[lab_id]
            if id(view) in getattr(self, "_stale_theme", ()):
                self._stale_theme.discard(id(view))
                view.apply_theme(self.themes.theme)  # restyled lazily: see _on_theme_changed
        self.current = view
        self.compare_action.setText(tr("Compare configurations…"))
        if hasattr(self, "_list_before_compare"):  # leaving a comparison: the lab list as it was
            shown = self.__dict__.pop("_list_before_compare")
            self.sidebar.setVisible(shown)
            self.labs_action.setChecked(shown)
        # A hidden lab must not hold the window to its own minimum size (QStackedWidget takes the
        # largest page's): only the visible lab counts.
        for page in self.views.values():
            policy = QSizePolicy.Preferred if page is view else QSizePolicy.Ignored
            page.setSizePolicy(policy, policy)
        self.stack.setCurrentWidget(view)
        for a in (self.play_action, self.step_action, self.reset_action):
            a.setEnabled(view.trains or view.local_steps)
        self.sync_back_action()
        self.speed.setEnabled(view.trains)
        self.timeline.setVisible(view.trains)
        self.timeline.follow(0, None)  # until the lab's first frame says how far its run went
        item = self._lab_items.get(lab_id)
        if item is not None:
            self.sidebar.setCurrentItem(item)
        self._resume(view)  # a lab opened before continues where it was
        self.setWindowTitle(f"{tr(info.title)} · Neural Playground")
        self.lab_opened.emit(lab_id)

    def _resume(self, view) -> None:
        """Reopen a lab's session from its last frame, unless that frame came from before a change of
        structure (new layer sizes) whose first frame never arrived: its weights would not fit the
        parameters, and the worker would refuse them. The lab then starts afresh from its parameters."""
        if not frame_fits_params(view):
            view.last_snapshot = None
        view.resume_session(self.device)

    # --- side by side ---------------------------------------------------------------------------------------
    def compare_dialog(self) -> None:
        """Training > Compare configurations: start from copies of the current lab's settings."""
        from PySide6.QtWidgets import QInputDialog

        view = self.current
        if view is None:
            return
        if getattr(view, "compare", False):
            self.open_lab(view.info.id)  # a second press leaves the comparison
            return
        if not view.trains:
            self._message(QMessageBox.Information, tr("Compare"),
                          tr("{lab} has nothing to train.", lab=tr(view.info.title)))
            return
        n, ok = QInputDialog.getInt(self, tr("Compare configurations"),
                                    tr("How many configurations side by side? Each keeps its own controls; "
                                       "one transport drives all."), 2, 2, 4)
        if ok:
            self.open_compare(view.info.id, [view.params() for _ in range(n)])

    def open_compare(self, lab_id: str, panes: list[dict]) -> None:
        """Show `panes` (2 to 4 parameter sets of one lab) side by side, trained in lockstep."""
        from playground.ui.compare import CompareView

        old = self.views.pop("compare", None)
        if old is not None:
            self.stack.removeWidget(old)
            old.deleteLater()
        info = get_lab(lab_id)
        view = CompareView(info, self.controller, self.themes.theme, panes)
        self.views["compare"] = view
        self.stack.addWidget(view)
        view.status_changed.connect(lambda text: self.statusBar().showMessage(text, 4000))
        # Three or four labs side by side: the plots first, each pane's controls one Ctrl+K away.
        view.side_scroll.setVisible(self.controls_action.isChecked() and len(panes) <= 2)
        self.current = view
        for page in self.views.values():
            policy = QSizePolicy.Preferred if page is view else QSizePolicy.Ignored
            page.setSizePolicy(policy, policy)
        self.stack.setCurrentWidget(view)
        for a in (self.play_action, self.step_action, self.reset_action):
            a.setEnabled(True)
        self.speed.setEnabled(True)
        self.timeline.setVisible(True)
        self.timeline.follow(0, None)
        self.sync_back_action()
        self.compare_action.setText(tr("Leave comparison"))
        # Two to four labs need the room: the lab list folds away while comparing (Ctrl+L).
        if not hasattr(self, "_list_before_compare"):
            self._list_before_compare = self.sidebar.isVisible()
        self.sidebar.setVisible(False)
        self.labs_action.setChecked(False)
        view.start_session(self.device)
        self.setWindowTitle(tr("Compare · {lab} · Neural Playground", lab=tr(info.title)))

    def _on_lab_clicked(self, item: QTreeWidgetItem, _col: int) -> None:
        lab_id = item.data(0, Qt.UserRole)
        if lab_id and (self.current is None or lab_id != self.current.info.id
                       or getattr(self.current, "compare", False)):
            self.open_lab(lab_id, staged=True)

    # --- transport --------------------------------------------------------------------------------------
    # A lab's stepper (the convolution slide, the RNN unroll) takes the transport first when shown.
    def _local(self, action: str) -> bool:
        """Give the transport to the lab's stepper if it takes it; keep the Play button honest."""
        if self.current is None or not self.current.local_transport(action):
            return False
        self._sync_local_play()
        return True

    def _sync_local_play(self) -> None:
        playing = self.current is not None and self.current.is_playing_locally()
        self._on_playing_changed(playing or self.controller.playing)
        if playing:  # the stepper stops by itself at its end: look again shortly
            QTimer.singleShot(200, self._sync_local_play)

    def toggle_play(self) -> None:
        if self.current is None or self._local("play"):
            return
        if self.current.trains:
            self.controller.toggle()

    def sync_back_action(self) -> None:
        """Back steps a lab's stepper, or goes to the previous scene of a lesson in presentation mode."""
        if self.current is not None:
            self.back_action.setEnabled(self.current.local_steps or self._lesson_keys())

    def _lesson_keys(self) -> bool:
        """In presentation mode with a lesson open, the arrow keys step through its scenes."""
        lesson = getattr(self, "lesson", None)
        return lesson is not None and lesson.active and self.present_action.isChecked()

    def step_once(self) -> None:
        if self._lesson_keys():
            self.lesson.next()
            return
        if self.current is None or self._local("step"):
            return
        if self.current.trains:
            self.controller.step(1)

    def rewind_to(self, epoch: int) -> None:
        """The timeline was scrubbed: back to the latest kept epoch at or before `epoch`, paused."""
        if self.current is not None and self.current.trains:
            self.controller.rewind(epoch)

    def step_back(self) -> None:
        if self._lesson_keys():
            self.lesson.previous()
            return
        if self.current is not None:
            self._local("back")

    def reset(self) -> None:
        if self.current is None or self._local("reset"):
            return
        if self.current.trains:
            self.current.on_reset()
            self.controller.reset()

    def _on_playing_changed(self, playing: bool) -> None:
        self.play_action.setText(tr("Pause") if playing else tr("Play"))
        self.play_action.setIcon(self.style().standardIcon(QStyle.SP_MediaPause if playing else QStyle.SP_MediaPlay))

    def _on_speed_changed(self, _i: int) -> None:
        self.controller.set_speed(self.speed.currentData())

    def _set_device_availability(self, info: dict) -> None:
        model = self.device_box.model()
        for i in range(self.device_box.count()):
            dev = self.device_box.itemData(i)
            ok = dev in info.get("devices", ["cpu"])
            model.item(i).setEnabled(ok)
            why = "" if ok else tr(info.get("unavailable", {}).get(dev, "not available"))  # the worker's English
            self.device_box.setItemData(i, why or tr("{device} is available", device=self.device_box.itemText(i)),
                                        Qt.ToolTipRole)
        tips = [f"{self.device_box.itemText(i)}: {self.device_box.itemData(i, Qt.ToolTipRole)}"
                for i in range(self.device_box.count())]
        self.device_box.setToolTip("\n".join(tips))

    def _on_device_changed(self, _i: int) -> None:
        dev = self.device_box.currentData()
        if dev == self.device:
            return
        self.device = dev
        if self.current is not None:
            self._resume(self.current)

    # --- worker events ------------------------------------------------------------------------------------
    def _on_snapshot_ready(self, snap: dict) -> None:
        if self.current is None:
            return
        try:
            self.current.receive_snapshot(snap)
        except Exception as exc:  # noqa: BLE001 - a drawing bug must not take the window down
            import traceback

            self.controller.pause()
            self._on_error_raised(tr("The lab could not draw this frame ({error}); training was paused.",
                                     error=f"{type(exc).__name__}: {exc}"), traceback.format_exc())
            return
        now = time.perf_counter()
        self._frame_times = [t for t in self._frame_times if now - t < 1.0] + [now]
        rate = snap.get("epochs_per_s", 0.0)
        self.status_epoch.setText(tr("epoch {epoch}", epoch=snap.get("epoch", 0)))
        self.timeline.follow(snap.get("epoch", 0) or 0, snap.get("timeline_end"))
        self.status_rate.setText(tr("{rate} epochs/s · {fps} fps", rate=f"{rate:,.0f}", fps=len(self._frame_times))
                                 if rate else tr("paused"))
        self.status_device.setText(engine_text(snap.get("engine", self.device)))

    def _show_waiting(self) -> None:
        waiting = getattr(self.controller, "waiting_s", None)
        seconds = waiting() if waiting is not None else None
        if seconds is not None and seconds >= 0.5 and self.current is not None and self.current.trains:
            self.status_rate.setText(tr("building the new run… {seconds} s", seconds=f"{seconds:.0f}"))

    def _on_worker_ready(self, info: dict) -> None:
        self._set_device_availability(info)
        torch_v = info.get("torch") or tr("not installed")
        self.statusBar().showMessage(tr("Worker ready (torch {version}).", version=torch_v), 3000)

    def _message(self, icon, title: str, text: str, detail: str = "") -> QMessageBox:
        # One box per title at most: a message the user has not closed yet is replaced, not stacked
        # (a long session of errors must not pile up hundreds of open dialogs).
        boxes = self.__dict__.setdefault("_boxes", {})
        old = boxes.pop(title, None)
        if old is not None:
            try:
                old.close()
            except RuntimeError:  # already deleted by Qt
                pass
        box = QMessageBox(icon, title, text, QMessageBox.Ok, self)
        if detail:
            box.setDetailedText(detail)
        box.setAttribute(Qt.WA_DeleteOnClose)
        box.finished.connect(lambda _r, t=title, b=box: boxes.pop(t, None) if boxes.get(t) is b else None)
        boxes[title] = box
        box.open()  # not exec(): the window keeps running while the message is up
        self.last_message = text
        return box

    def _on_error_raised(self, message: str, detail: str) -> None:
        self.statusBar().showMessage(message, 8000)
        # A lab failing every frame must not bury the user in dialogs: at most one every 2 s.
        if time.monotonic() - self._last_error_at > 2.0:
            self._last_error_at = time.monotonic()
            self._message(QMessageBox.Warning, tr("Training stopped"), message, detail)

    def _on_diverged(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        self._message(QMessageBox.Warning, tr("Training diverged"), message)

    def _on_finished(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_worker_restarted(self, message: str) -> None:
        self.statusBar().showMessage(message, 10000)
        self._message(QMessageBox.Information, tr("Worker restarted"), message)

    # --- theme --------------------------------------------------------------------------------------------
    def toggle_presentation(self) -> None:
        self.set_presentation(not self.themes.presentation)

    def set_presentation(self, on: bool, full_screen: bool = True) -> None:
        if self.current is not None:
            # Every plot's type grows or shrinks: their repaints, one plot per turn of the event loop
            # instead of all in one frame of 150 to 250 ms (see staged_build.py).
            reveal_gradually(self.current)
        self.themes.set_presentation(on)
        self.present_action.setChecked(on)
        # On a projector every pixel goes to the lab: the lab list folds away (Ctrl+L brings it back).
        self.sidebar.setVisible(not on)
        self.labs_action.setChecked(not on)
        self.timeline.set_compact(on)
        self.sync_back_action()
        if full_screen:
            if on:
                self._move_to(self.presentation_screen())
                self.showFullScreen()
            else:
                self.showNormal()

    # --- two screens: the room sees the projector, the laptop keeps its own screen --------------------------
    def _fill_screen_menu(self) -> None:
        from PySide6.QtGui import QGuiApplication

        self.screen_menu.clear()
        chosen = self.settings.value("presentation/screen", "")
        group = QActionGroup(self.screen_menu)
        for screen in QGuiApplication.screens():
            size = screen.size()
            name = screen.name() or tr("Screen")
            a = QAction(f"{name} ({size.width()}×{size.height()})", self.screen_menu,
                        checkable=True)
            a.setChecked(screen.name() == chosen or (not chosen and screen is self.screen()))
            a.triggered.connect(lambda _on, name=screen.name(): self.set_presentation_screen(name))
            group.addAction(a)
            self.screen_menu.addAction(a)

    def presentation_screen(self):
        """The screen chosen for presentation mode (remembered), or the window's own."""
        from PySide6.QtGui import QGuiApplication

        chosen = self.settings.value("presentation/screen", "")
        for screen in QGuiApplication.screens():
            if screen.name() == chosen:
                return screen
        return self.screen()

    def set_presentation_screen(self, name: str) -> None:
        self.settings.setValue("presentation/screen", name)
        if self.present_action.isChecked() and self.isFullScreen():
            self._move_to(self.presentation_screen())
            self.showFullScreen()

    def _move_to(self, screen) -> None:
        if screen is None or screen is self.screen():
            return
        if self.isFullScreen():
            self.showNormal()
        self.setScreen(screen)
        geo = screen.availableGeometry()
        self.move(geo.topLeft())

    def _set_controls_visible(self, on: bool) -> None:
        """The controls column folds away so a projector shows only the plots (Ctrl+K)."""
        self.controls_action.setChecked(on)
        for view in self.views.values():
            view.side_scroll.setVisible(on)

    def _on_theme_changed(self, theme) -> None:
        """Restyle the lab on show now; the others when they are next shown. Restyling all eight
        labs at once froze the window for one to three seconds on a theme or presentation switch."""
        self.settings.setValue("theme/dark", theme.dark)
        if self.current is not None:
            self.current.apply_theme(theme)
        self._stale_theme = {id(v) for v in self.views.values() if v is not self.current}
        if getattr(self, "lesson", None) is not None:
            self.lesson.apply_theme(theme)

    # --- export and experiment files ------------------------------------------------------------------------
    def export_dialog(self) -> None:
        if self.current is None:
            return
        dialog = ExportDialog(self.current.figures(), self.current,
                              self.settings.value("paths/export", os.getcwd()), self)
        try:
            if dialog.exec():
                self.settings.setValue("paths/export", os.path.dirname(dialog.path.text()))
                self.statusBar().showMessage(tr("Exported {path}", path=dialog.path.text()), 5000)
        finally:
            dialog.deleteLater()  # a child of the window: without this, every export kept its dialog

    # --- animations ------------------------------------------------------------------------------------
    def record_dialog(self) -> None:
        """Ask what to record, then record it while the lab trains or steps (File > Record animation)."""
        from playground.ui.animation import RecordDialog

        if self.current is None:
            return
        if getattr(self, "recorder", None) is not None and self.recorder.active:
            self.recorder.stop()  # a second press ends the recording and keeps it
            return
        dialog = RecordDialog(self.current.figures(), self.settings.value("paths/export", os.getcwd()),
                              trains=self.current.trains, parent=self)
        dialog.setAttribute(Qt.WA_DeleteOnClose, True)
        if dialog.exec():
            self.start_recording(**dialog.choice())

    def start_recording(self, figure: str, path: str, width: int = 1920, fps: float = 15.0,
                        seconds: float = 10.0, play: bool = False) -> bool:
        from PySide6.QtWidgets import QProgressBar, QPushButton

        from playground.core.video import VideoError
        from playground.ui.animation import RecordDialog, Recorder

        figures = self.current.figures()
        target = self.current if figure == RecordDialog.WHOLE else figures.get(figure)
        if target is None:
            self._message(QMessageBox.Warning, tr("Record animation"),
                          tr("This lab has no figure {figure}.", figure=repr(figure)))
            return False
        try:
            recorder = Recorder(target, path, width, fps, seconds, parent=self)
        except VideoError as exc:
            self._message(QMessageBox.Warning, tr("Record animation"),
                          tr("{path} cannot be recorded: {error}", path=path, error=exc))
            return False
        self.recorder = recorder
        bar = QProgressBar()
        bar.setRange(0, recorder.planned)
        bar.setFormat(tr("recording %v/%m frames"))
        bar.setMaximumWidth(220)
        stop = QPushButton(tr("Stop"))
        stop.setToolTip(tr("End the recording now and keep it"))
        cancel = QPushButton(tr("Cancel"))
        cancel.setToolTip(tr("Throw the recording away"))
        sb = self.statusBar()
        for w in (bar, stop, cancel):
            sb.addWidget(w)

        def done():
            for w in (bar, stop, cancel):
                sb.removeWidget(w)
                w.deleteLater()
            self.record_action.setText(tr("Record animation…"))

        def on_finished(written: str, skipped: int):
            done()
            extra = tr(" ({skipped} frames skipped: the encoder was behind)", skipped=skipped) if skipped else ""
            sb.showMessage(tr("Saved animation {path}", path=written) + extra, 8000)
            self.settings.setValue("paths/export", os.path.dirname(written))

        def on_failed(why: str):
            done()
            self._message(QMessageBox.Warning, tr("Record animation"),
                          tr("{path} was not written: {error}", path=path, error=why))

        recorder.progressed.connect(lambda n, _m: bar.setValue(n))
        recorder.finished.connect(on_finished)
        recorder.failed.connect(on_failed)
        stop.clicked.connect(recorder.stop)
        cancel.clicked.connect(lambda: (recorder.cancel(), done(), sb.showMessage(tr("Recording cancelled"), 4000)))
        self.record_action.setText(tr("Stop recording"))
        recorder.start()
        if play and self.current.trains and not self.controller.playing:
            self.controller.play()
        return True

    # Files up to this size are read on the GUI thread (under about 50 ms); larger ones by the worker,
    # behind a progress dialog, since json parsing holds the GIL and would freeze the window. (At 2 MiB
    # a weights file just under the limit froze the window 1 s on a busy machine.)
    OPEN_ON_GUI_BYTES = 512 * 2**10

    def current_frame(self) -> dict | None:
        """The newest frame if it shows the model as it is now (taken after every command sent: its
        weights, parameters and data belong together), with its weights and full curves; else None."""
        c = self.controller
        is_current = getattr(c, "is_current", None)
        snap = getattr(c, "last_snapshot", None) if is_current is not None else self.current.last_snapshot
        if snap is None or snap.get("state") is None or snap.get("curves") is None:
            return None
        if is_current is not None and not is_current(snap):
            return None
        return snap

    def save_experiment(self, path: str, snap: dict | None = None) -> None:
        """Save the open lab from one frame: its parameters, weights, curves and the user's own points,
        all from the same run (atomic write). Raises when no such frame is at hand."""
        from playground.core.train.experiment import save_experiment

        view = self.current
        if getattr(view, "compare", False):
            raise RuntimeError(tr("a comparison is kept as a lesson scene (View > Lesson mode, "
                                  "Add current state), not as an experiment file; or save each "
                                  "configuration from its own lab"))
        snap = snap if snap is not None else self.current_frame()
        if snap is None:
            raise RuntimeError(tr("nothing to save yet: the lab has not shown a frame of its current settings"))
        # The session's own parameters: the very ones these weights were trained with.
        params = snap["params"] if isinstance(snap.get("params"), dict) else view.params()
        save_experiment(path, view.info.id, params, snap["state"], int(snap.get("epoch", 0)),
                        view={"device": self.device, "curves": snap.get("curves") or {}},
                        data=snap.get("saved_data"))

    def open_experiment(self, path: str) -> None:
        """Load and check the whole file first; only a valid file changes anything."""
        from playground.core.train.experiment import load_experiment

        self._apply_experiment(path, load_experiment(path))

    def _apply_experiment(self, path: str, exp) -> None:
        if self.current is None or self.current.info.id != exp.lab:
            self.open_lab(exp.lab)
        self.current.set_params(exp.params)
        curves = restored_curves(exp.view.get("curves"))
        self.current.start_session(self.device, exp.state, exp.epoch, curves,
                                   **({"data": exp.data} if exp.data is not None else {}))
        self.setWindowTitle(f"{os.path.basename(path)} · {tr(self.current.info.title)} · Neural Playground")

    def save_dialog(self) -> None:
        if self.current is None or not self.current.trains:
            return
        if self.controller.playing:
            # Save what is on screen; the pause frame (with the full curves) arrives while the
            # user picks a file name.
            self.controller.pause()
        start = os.path.join(self.settings.value("paths/experiments", os.getcwd()),
                             f"{self.current.info.id}.npexp.json")
        path, _ = QFileDialog.getSaveFileName(self, tr("Save experiment"), start, tr(EXPERIMENT_FILTER))
        if path:
            self.save_path(path)

    def save_path(self, path: str) -> bool | None:
        """Save, telling the user what went wrong if it did. With the training worker (the app) it
        writes the file and this returns None: the answer comes later, as "Saved" in the status bar
        or a message. Without one (a view driven in this process) it writes the last frame here:
        True when the file was written, False when it could not be."""
        if hasattr(self.controller, "save_experiment"):
            return self._save_in_worker(path)
        return self._write_experiment(path, self.current_frame())

    def _save_in_worker(self, path: str) -> bool | None:
        """The worker writes the file from its session as it is after every command sent: the weights
        and parameters of one run, whatever frame is on screen, and no JSON encoding here (seconds for
        a deep race of the activations lab, the window frozen meanwhile)."""
        view = self.current
        if getattr(view, "compare", False):
            return self._write_experiment(path, None)  # False, saying how a comparison is kept instead
        self.statusBar().showMessage(tr("Saving {file}…", file=os.path.basename(path)))

        def saved(result: dict) -> None:
            if result.get("error"):
                self._message(QMessageBox.Warning, tr("Could not save"),
                              tr("{path} was not saved: {error}", path=path, error=result["error"]))
                return
            self._saved(path)

        self.controller.save_experiment(path, view.info.id, saved)
        return None

    def _saved(self, path: str) -> None:
        self.settings.setValue("paths/experiments", os.path.dirname(path))
        self.statusBar().showMessage(tr("Saved {path}", path=path), 5000)

    def _write_experiment(self, path: str, snap: dict | None) -> bool:
        try:
            self.save_experiment(path, snap)
        except Exception as exc:  # noqa: BLE001 - whatever went wrong, the user reads why
            self._message(QMessageBox.Warning, tr("Could not save"),
                          tr("{path} was not saved: {error}", path=path, error=exc))
            return False
        self._saved(path)
        return True

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Open experiment"),
                                              self.settings.value("paths/experiments", os.getcwd()),
                                              tr(EXPERIMENT_FILTER) + ";;" + tr("All files (*)"))
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool | None:
        """Open a file, or explain why not and leave the current work exactly as it was. Returns
        True/False for a file read here; a large one is read by the worker behind a progress dialog
        (None: the answer comes later, as a message if the file is refused)."""
        try:
            large = os.stat(path).st_size > self.OPEN_ON_GUI_BYTES
        except OSError:
            large = False  # the reader says what is wrong
        if large and hasattr(self.controller, "load_experiment"):
            self._open_in_worker(path)
            return None
        try:
            self.open_experiment(path)
        except Exception as exc:  # noqa: BLE001
            self._refused(path, exc)
            return False
        self._opened(path)
        return True

    def _refused(self, path: str, exc) -> None:
        self._message(QMessageBox.Warning, tr("Could not open the experiment"),
                      tr("{file} was not opened: {error}", file=os.path.basename(path), error=exc)
                      + "\n\n" + tr("Your current work is unchanged."))

    def _opened(self, path: str) -> None:
        self.settings.setValue("paths/experiments", os.path.dirname(path))
        self.statusBar().showMessage(tr("Opened {path}", path=path), 5000)

    def _open_in_worker(self, path: str) -> None:
        from PySide6.QtWidgets import QProgressDialog

        progress = QProgressDialog(tr("Reading {file}…", file=os.path.basename(path)), tr("Cancel"), 0, 0, self)
        progress.setWindowTitle(tr("Open experiment"))
        progress.setAttribute(Qt.WA_DeleteOnClose)
        progress.setMinimumDuration(500)
        progress.setWindowModality(Qt.WindowModal)
        state = {"cancelled": False}
        progress.canceled.connect(lambda: state.update(cancelled=True))
        self.open_progress = progress

        def loaded(result: dict) -> None:
            if self.open_progress is progress:  # not a later file's dialog, opened while this one waited
                self.open_progress = None
            cancelled = state["cancelled"]
            progress.canceled.disconnect()
            progress.close()  # (closing a progress dialog counts as Cancel: read the flag first)
            if cancelled:
                return
            if result.get("error"):
                self._refused(path, result["error"])
                return
            try:
                self._apply_experiment(path, result["experiment"])
            except Exception as exc:  # noqa: BLE001
                self._refused(path, exc)
                return
            self._opened(path)

        self.controller.load_experiment(path, loaded)

    # --- about and closing ----------------------------------------------------------------------------------
    def about_text(self) -> str:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion
        import pyqtgraph

        info = self.controller.info or {}
        devices = ", ".join(info.get("devices", ["cpu"])) if info else tr("(worker starting)")
        cuda = info.get("cuda_name")
        return (f"<h3>Neural Playground {__version__}</h3>"
                "<p>" + tr("Interactive labs for the lecture <i>Introduction à l'apprentissage profond</i>.")
                + "</p>"
                f"<p>Qt {qVersion()} · PySide6 {pyside_version} · pyqtgraph {pyqtgraph.__version__}<br>"
                f"torch {info.get('torch') or tr('loading…')} · Python {info.get('python', '')}<br>"
                + tr("Devices: {devices}", devices=devices) + (f" ({cuda})" if cuda else "") + "</p>")

    def about(self) -> None:
        self._message(QMessageBox.Information, tr("About Neural Playground"), self.about_text())

    def closeEvent(self, event) -> None:
        self._closed = True
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.current is not None:
            self.settings.setValue("window/lab", self.current.info.id)
        self.settings.sync()
        if getattr(self, "recorder", None) is not None and self.recorder.active:
            self.recorder.stop()  # keep what was recorded: the encoder finishes the file
            deadline = time.perf_counter() + 3.0
            while self.recorder.active and time.perf_counter() < deadline:
                from PySide6.QtWidgets import QApplication

                QApplication.processEvents()
                time.sleep(0.02)
        self.controller.shutdown(timeout=1.5)
        super().closeEvent(event)
