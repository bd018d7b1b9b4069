"""What the app remembers between runs (window geometry, last lab, theme), through QSettings.

Tests and the headless commands point QSettings at a throw-away location (PLAYGROUND_SETTINGS_DIR),
so they never read or overwrite a user's settings.
"""
from __future__ import annotations

import os

from PySide6.QtCore import QSettings

__all__ = ["app_settings"]


def app_settings() -> QSettings:
    folder = os.environ.get("PLAYGROUND_SETTINGS_DIR")
    if folder:
        return QSettings(os.path.join(folder, "settings.ini"), QSettings.IniFormat)
    return QSettings("NeuralPlayground", "Neural Playground")
