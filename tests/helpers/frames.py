"""Waiting for the worker's frames, and for the files it writes, in window tests."""


def wait_for_frame(qtbot, controller, predicate=lambda s: True, timeout=15000):
    """Wait for a snapshot satisfying predicate; returns it."""
    got = {}

    def check(snap):
        if predicate(snap):
            got["snap"] = snap
            return True
        return False

    with qtbot.waitSignal(controller.snapshot_ready, timeout=timeout, check_params_cb=check):
        pass
    return got["snap"]


def save_and_wait(qtbot, window, path, timeout=20000) -> bool:
    """Save as File > Save does (the worker writes the file); True once the file is there."""
    import os

    if window.save_path(str(path)) is None:
        qtbot.waitUntil(lambda: os.path.exists(path), timeout=timeout)
    return os.path.exists(path)
