"""Test-wide setup: no display needed, and never touch the user's saved settings."""
import os
import sys
import tempfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PLAYGROUND_SETTINGS_DIR"] = tempfile.mkdtemp(prefix="playground-tests-")
# The worker process is spawned: it must find the test helper sessions on the same path.
sys.path.insert(0, os.path.join(os.path.dirname(__file__), "helpers"))
