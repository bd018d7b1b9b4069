"""Shared fixtures for the window tests: one real worker process per test that needs it."""
import pytest

from playground.ui.training import TrainingController


@pytest.fixture
def controller(qtbot):
    c = TrainingController()
    with qtbot.waitSignal(c.worker_ready, timeout=60000):
        pass
    yield c
    c.shutdown()


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
