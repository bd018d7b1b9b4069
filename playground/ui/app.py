"""Starting the app: the QApplication, the main window, and the scripted screenshot mode.

`playground --lab perceptron --screenshot shot.png` opens the real window (offscreen works), waits
for the worker's first frame, trains briefly at full speed, pauses, saves a PNG of the whole window
and exits 0; teachers use it to make figures and the tests use it to see what a user would see.
"""
from __future__ import annotations

import os
import sys
import time

__all__ = ["run_app", "ensure_platform", "missing_xcb_packages"]

# What Qt's xcb platform plugin loads beyond a bare X client, by soname, with the Debian/Ubuntu
# package that ships it. Missing any one, Qt aborts with "xcb-cursor0 or libxcb-cursor0 is needed",
# whichever one is missing (checked by removing them one at a time under xvfb-run).
XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
}


def ensure_platform() -> None:
    """With no display at all Qt aborts; fall back to offscreen rendering instead."""
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") \
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _platform_is_xcb() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    asked = os.environ.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(":")[0] == "xcb"
    return bool(os.environ.get("DISPLAY")) and not os.environ.get("WAYLAND_DISPLAY")


def missing_xcb_packages(libraries: dict[str, str] | None = None) -> list[str]:
    """The packages whose libraries the xcb platform plugin would fail to load, when Qt is about to
    use xcb; [] otherwise."""
    if libraries is None:
        if not _platform_is_xcb():
            return []
        libraries = XCB_LIBRARIES
    import ctypes

    missing = []
    for soname, package in libraries.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    return missing


def check_xcb_or_exit() -> None:
    """Say which packages to install, instead of Qt's misleading abort about xcb-cursor0."""
    missing = missing_xcb_packages()
    if missing:
        sys.stderr.write(
            "Neural Playground cannot open its window: Qt's X11 (xcb) platform plugin needs system "
            f"libraries that are not installed: {', '.join(missing)}.\n"
            f"On Debian or Ubuntu:  sudo apt-get install {' '.join(missing)}\n"
            "(Headless use needs none of them: playground run ... or QT_QPA_PLATFORM=offscreen.)\n")
        raise SystemExit(1)


def _quiet_offscreen_chatter() -> None:
    """The offscreen platform warns that it 'does not support propagateSizeHints()' for every
    window: noise in a headless figure run. Drop that one message; pass every other one on."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message):
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


LARGEST_CACHED_GLYPH_PX = 400


def tune_qt_painting() -> None:
    """Two settings of Qt's raster painter, read once, so set before the application exists (a
    value the user set is kept):

    - Text up to LARGEST_CACHED_GLYPH_PX pixels high is drawn from Qt's glyph cache. Above 64 px
      (Qt's default) every glyph is filled as a path each time: a 1920-px PNG of a 300-px plot
      scales its 13-px tick labels six times (16 ms for 20 labels, 0.1 ms from the cache).
    - Painting stays on the GUI thread (QT_NO_GUI_THREADPOOL). Qt splits every fill of more than
      96 spans (a long antialiased line, a grid line) into tasks for a pool of threads and waits
      for them; next to a worker process that keeps the cores busy training, those waits were most
      of a figure's export: an axis with its grid 20 to 35 ms, 2 to 3 ms without the pool (the fit
      lab's figures at 1920 px: 60 to 85 ms, 20 to 25 without)."""
    os.environ.setdefault("QT_MAX_CACHED_GLYPH_SIZE", str(LARGEST_CACHED_GLYPH_PX))
    os.environ.setdefault("QT_NO_GUI_THREADPOOL", "1")


def make_app():
    from playground.ui.memory import collect_between_events, give_freed_blocks_back

    give_freed_blocks_back()  # before the first frame's arrays: see memory.py
    ensure_platform()
    tune_qt_painting()
    if not _app_exists():
        check_xcb_or_exit()
    from PySide6.QtWidgets import QApplication

    _quiet_offscreen_chatter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Neural Playground")
    app.setOrganizationName("NeuralPlayground")
    app.setDesktopFileName("neural-playground")
    collect_between_events(app)  # never inside a Qt call: see memory.py
    # Figures made from the command line come out in its language (`--language fr`); the window
    # installs its own choice again when it opens.
    from playground.core.i18n import language
    from playground.ui.i18n import install_language

    install_language(language())
    return app


def _app_exists() -> bool:
    qt = sys.modules.get("PySide6.QtWidgets")
    return qt is not None and qt.QApplication.instance() is not None


def install_excepthook(win) -> None:
    """An unexpected exception in a slot becomes a message in the window (details on request),
    still printed on stderr for bug reports, instead of passing unnoticed or killing the app."""
    import traceback

    def hook(exc_type, exc, tb):
        detail = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(detail)
        try:
            from playground.ui.i18n import tr

            win._on_error_raised(tr("Unexpected error: {kind}: {error}", kind=exc_type.__name__, error=exc), detail)
        except Exception:  # noqa: BLE001 - the window itself may be gone
            pass

    sys.excepthook = hook


def run_app(lab: str | None = None, screenshot: str | None = None, train_seconds: float = 1.5,
            presentation: bool = False, dark: bool = False, size: tuple[int, int] = (1440, 900),
            language: str | None = None) -> int:
    t_start = time.perf_counter()
    app = make_app()
    from PySide6.QtCore import QTimer

    from playground.ui.main_window import MainWindow

    if screenshot:
        # A scripted run must neither read nor change the user's remembered window and lab.
        import tempfile

        os.environ.setdefault("PLAYGROUND_SETTINGS_DIR", tempfile.mkdtemp(prefix="playground-"))
    win = MainWindow(lab_id=lab, restore=not screenshot, language=language, freeze_long_lived=True)
    install_excepthook(win)
    if dark:
        win.dark_action.setChecked(True)
        win.themes.set_dark(True)
    if presentation:
        win.set_presentation(True, full_screen=False)
    if screenshot:
        win.resize(*size)
    win.show()
    QTimer.singleShot(0, lambda: os.environ.get("PLAYGROUND_REPORT_LAUNCH") and print(
        f"window visible after {time.perf_counter() - t_start:.3f} s", flush=True))
    if not screenshot:
        return app.exec()

    state = {"phase": "waiting", "code": 1}
    c = win.controller

    def on_frame(_snap):
        if state["phase"] == "waiting":
            state["phase"] = "training"
            win.speed.setCurrentIndex(win.speed.count() - 1)  # full speed
            c.play()
            QTimer.singleShot(int(train_seconds * 1000), stop_training)
        elif state["phase"] == "settling":
            state["phase"] = "done"
            QTimer.singleShot(100, save)

    def stop_training():
        state["phase"] = "settling"
        c.pause()

    def save():
        from playground.ui.staged_build import reveal_now

        reveal_now()  # (presentation mode's restyle spreads its repaints over a few turns)
        ok = win.grab().save(screenshot, "PNG")
        if ok:
            print(f"saved {screenshot}")
            state["code"] = 0
        else:
            print(f"playground: error: could not write {screenshot}", file=sys.stderr)
        win.close()

    def give_up():
        if state["phase"] != "done":
            print("playground: error: the training worker did not answer within 60 s", file=sys.stderr)
            win.close()

    c.snapshot_ready.connect(on_frame)
    if not win.current.trains:
        state["phase"] = "done"
        QTimer.singleShot(int(train_seconds * 1000), save)
    QTimer.singleShot(60000, give_up)
    app.exec()
    return state["code"]
