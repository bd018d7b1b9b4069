"""Starting the app: the QApplication, the main window, and the scripted screenshot mode.

`playground --lab perceptron --screenshot shot.png` opens the real window (offscreen works), waits
for the worker's first frame, trains briefly at full speed, pauses, saves a PNG of the whole window
and exits 0; teachers use it to make figures and the tests use it to see what a user would see.
"""
from __future__ import annotations

import os
import sys
import time

__all__ = ["run_app", "ensure_platform"]


def ensure_platform() -> None:
    """With no display at all Qt aborts; fall back to offscreen rendering instead."""
    if sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM") \
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


def _quiet_offscreen_chatter() -> None:
    """The offscreen platform warns that it 'does not support propagateSizeHints()' for every
    window: noise in a headless figure run. Drop that one message; pass every other one on."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_mode, _context, message):
        if "propagateSizeHints" not in message:
            sys.stderr.write(message + "\n")

    qInstallMessageHandler(handler)


def make_app():
    ensure_platform()
    from PySide6.QtWidgets import QApplication

    _quiet_offscreen_chatter()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("Neural Playground")
    app.setOrganizationName("NeuralPlayground")
    app.setDesktopFileName("neural-playground")
    return app


def install_excepthook(win) -> None:
    """An unexpected exception in a slot becomes a message in the window (details on request),
    still printed on stderr for bug reports, instead of passing unnoticed or killing the app."""
    import traceback

    def hook(exc_type, exc, tb):
        detail = "".join(traceback.format_exception(exc_type, exc, tb))
        sys.stderr.write(detail)
        try:
            win._on_error_raised(f"Unexpected error: {exc_type.__name__}: {exc}", detail)
        except Exception:  # noqa: BLE001 - the window itself may be gone
            pass

    sys.excepthook = hook


def run_app(lab: str | None = None, screenshot: str | None = None, train_seconds: float = 1.5,
            presentation: bool = False, dark: bool = False, size: tuple[int, int] = (1440, 900)) -> int:
    t_start = time.perf_counter()
    app = make_app()
    from PySide6.QtCore import QTimer

    from playground.ui.main_window import MainWindow

    if screenshot:
        # A scripted run must neither read nor change the user's remembered window and lab.
        import tempfile

        os.environ.setdefault("PLAYGROUND_SETTINGS_DIR", tempfile.mkdtemp(prefix="playground-"))
    win = MainWindow(lab_id=lab, restore=not screenshot)
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
