"""What the window saves is one run's parameters and weights, whatever the timing: a save right after
a change of structure waits for the new run's frame, reopening a lab or restarting a dead worker
never pairs new parameters with old weights, a large file is read by the worker, and closed export
dialogs are freed. Each of these failed before (issue 8: "weights 'w1' have shape (2, 2), the model
needs (2, 5)")."""
import json
import os
import signal

import pytest

from frames import save_and_wait, wait_for_frame
from playground.core.train.experiment import load_experiment
from playground.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot):
    w = MainWindow(lab_id="perceptron", restore=False)
    qtbot.addWidget(w)
    w.show()
    wait_for_frame(qtbot, w.controller, timeout=60000)
    errors = []
    w.controller.error_raised.connect(lambda m, d: errors.append(m))
    w.errors = errors
    yield w
    w.close()


def test_a_save_right_after_a_structural_change_waits_for_the_new_runs_weights(qtbot, window, tmp_path):
    window.current.panel.set_value_interactively("hidden", 5)
    path = tmp_path / "now.npexp.json"
    assert window.save_path(str(path)) is None  # the worker writes it, after the change
    qtbot.waitUntil(path.exists, timeout=15000)
    doc = json.loads(path.read_text())
    assert doc["params"]["hidden"] == 5
    exp = load_experiment(path)  # the app reopens its own file
    assert exp.params["hidden"] == 5
    assert window.open_path(str(path)) is True
    wait_for_frame(qtbot, window.controller, lambda s: s["params"]["hidden"] == 5)
    assert not window.errors


def test_reopening_a_lab_before_its_new_runs_first_frame_starts_afresh(qtbot, window):
    window.current.panel.set_value_interactively("hidden", 6)
    window.open_lab("perceptron")  # the lab's last frame still has hidden=2 weights
    wait_for_frame(qtbot, window.controller, lambda s: s["params"]["hidden"] == 6)
    qtbot.wait(200)
    assert not window.errors


def test_a_worker_that_dies_before_the_new_runs_frame_restarts_without_the_old_weights(qtbot, window):
    c = window.controller
    window.current.panel.set_value_interactively("hidden", 7)
    with qtbot.waitSignal(c.worker_restarted, timeout=10000):
        os.kill(c.pid, signal.SIGKILL)
    wait_for_frame(qtbot, c, lambda s: s["params"]["hidden"] == 7, timeout=60000)
    qtbot.wait(200)
    assert not window.errors


def test_a_large_file_is_read_by_the_worker_and_a_bad_one_still_explained(qtbot, window, tmp_path):
    c = window.controller
    c.step(9)
    saved = wait_for_frame(qtbot, c, lambda s: s["epoch"] == 9)
    path = tmp_path / "big.npexp.json"
    assert save_and_wait(qtbot, window, path)
    window.current.panel.set_value_interactively("hidden", 4)
    wait_for_frame(qtbot, c, lambda s: s["params"]["hidden"] == 4)
    window.OPEN_ON_GUI_BYTES = 0  # every file counts as large
    assert window.open_path(str(path)) is None
    back = wait_for_frame(qtbot, c, lambda s: s["epoch"] == 9 and s["params"]["hidden"] == saved["params"]["hidden"])
    assert window.current.params()["hidden"] == saved["params"]["hidden"]
    assert back["state"].keys() == saved["state"].keys()
    bad = tmp_path / "bad.npexp.json"
    bad.write_text('{"format": "neural-playground-experiment", "version": 99}')
    window.open_path(str(bad))
    qtbot.waitUntil(lambda: "bad.npexp.json was not opened" in getattr(window, "last_message", ""), timeout=15000)


def test_closed_export_dialogs_are_freed(qtbot, window, monkeypatch):
    from playground.ui.export import ExportDialog

    monkeypatch.setattr(ExportDialog, "exec", lambda self: 0)  # the user presses Cancel
    for _ in range(20):
        window.export_dialog()
    qtbot.wait(50)  # deleteLater runs in the event loop
    assert window.findChildren(ExportDialog) == []


@pytest.mark.parametrize("fmt, magic", [("png", b"\x89PNG\r\n\x1a\n"), ("svg", b"<?xml ve")])
def test_the_export_dialog_writes_on_a_thread_and_closes_when_done(qtbot, window, tmp_path, fmt, magic):
    from PySide6.QtWidgets import QDialogButtonBox

    from playground.ui.export import ExportDialog

    dialog = ExportDialog(window.current.figures(), window.current, str(tmp_path), window)
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData(fmt))
    dialog.width.setValue(2400)
    path = tmp_path / f"fig.{fmt}"
    dialog.path.setText(str(path))
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        dialog.buttons.button(QDialogButtonBox.Save).click()
        assert dialog.status.text() == "Writing…" or path.exists()  # the click returned before the file
    assert path.read_bytes()[:8] == magic
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".export-")]


def test_messages_the_user_has_not_closed_are_replaced_not_stacked(qtbot, window):
    from PySide6.QtWidgets import QMessageBox

    for i in range(30):
        window._on_worker_restarted(f"restart {i}")
    qtbot.wait(50)
    boxes = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    assert len(boxes) == 1 and boxes[0].text() == "restart 29"
