"""Waiting for the worker's frames in window tests."""


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
