"""Test-wide setup: no display needed, and never touch the user's saved settings."""
import os
import sys
import tempfile

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PLAYGROUND_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="playground-tests-")
# English unless a test asks for French: the tests read the window's texts.
os.environ["PLAYGROUND_LANGUAGE"] = "en"
# The worker process is spawned: it must find the test helper sessions on the same path.
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "helpers"))
# Qt's painter tuned as in the app (app.py, tune_qt_painting), before pytest-qt makes the application.
from playground.ui.app import tune_qt_painting  # noqa: E402

tune_qt_painting()


@pytest.fixture(autouse=True, scope="session")
def _collect_between_events(qapp):
    """As in the app: garbage is collected between events, not inside a Qt call (memory.py)."""
    from playground.ui.memory import collect_between_events

    collect_between_events(qapp)


@pytest.fixture
def controller(qtbot):
    """One real worker process per test that needs it."""
    from playground.ui.training import TrainingController

    c = TrainingController()
    with qtbot.waitSignal(c.worker_ready, timeout=60000):
        pass
    yield c
    c.shutdown()
