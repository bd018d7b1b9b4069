"""Start-up check: when Qt would use X11 and the xcb plugin's libraries are missing, the app names the
packages to install instead of letting Qt abort with its misleading xcb-cursor0 message."""
from __future__ import annotations

import pytest

from playground.ui import app


def test_a_missing_library_is_reported_by_its_package_and_a_present_one_is_not():
    libs = {"libc.so.6": "libc6", "libnot-a-real-lib-np.so.9": "libnot-a-real-lib9"}
    assert app.missing_xcb_packages(libs) == ["libnot-a-real-lib9"]


def test_no_check_when_qt_will_not_use_xcb(monkeypatch):
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    assert app.missing_xcb_packages() == []
    monkeypatch.delenv("QT_QPA_PLATFORM")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert app.missing_xcb_packages() == []  # no display: ensure_platform falls back to offscreen


def test_the_message_names_the_packages_and_the_apt_command(monkeypatch, capsys):
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(app, "XCB_LIBRARIES", {"libnot-a-real-lib-np.so.9": "libxcb-icccm4"})
    with pytest.raises(SystemExit) as exc:
        app.check_xcb_or_exit()
    assert exc.value.code == 1
    err = capsys.readouterr().err
    assert "libxcb-icccm4" in err and "sudo apt-get install libxcb-icccm4" in err
