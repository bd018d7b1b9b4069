"""The headless command line, run as a user (or a teacher's script) would: a real subprocess."""
import json
import os
import subprocess
import sys

import pytest

ENV = dict(os.environ, QT_QPA_PLATFORM="offscreen")


def playground(*args, timeout=120):
    return subprocess.run([sys.executable, "-m", "playground", *args], capture_output=True, text=True,
                          timeout=timeout, env=ENV)


def test_version():
    from playground import __version__

    r = playground("--version")
    assert r.returncode == 0 and __version__ in r.stdout


def test_perceptron_on_xor_does_not_converge(tmp_path):
    out, fig = tmp_path / "out.json", tmp_path / "fig.png"
    r = playground("run", "perceptron", "--dataset", "xor", "--model", "perceptron", "--epochs", "100",
                   "--lr", "1", "--seed", "0", "--json", str(out), "--export", str(fig))
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert data["lab"] == "perceptron" and data["model"] == "perceptron" and data["dataset"] == "xor"
    assert data["epochs"] == 100 and data["converged"] is False
    assert 0 <= data["final_accuracy"] <= 0.75
    assert len(data["history"]) == 100
    assert fig.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and fig.stat().st_size > 5000


def test_mlp_on_xor_converges_and_reports_its_loss(tmp_path):
    out = tmp_path / "out.json"
    r = playground("run", "perceptron", "--dataset", "xor", "--model", "mlp", "--hidden", "4", "--activation",
                   "tanh", "--epochs", "2000", "--lr", "0.1", "--seed", "0", "--json", str(out))
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert data["final_accuracy"] == 1.0 and data["converged"] is True
    assert data["final_loss"] < 0.2 and len(data["history"]) == 2000


def test_noisy_and_with_svg_export(tmp_path):
    out, fig = tmp_path / "out.json", tmp_path / "fig.svg"
    r = playground("run", "perceptron", "--dataset", "and", "--noise", "5", "--points", "20", "--epochs", "50",
                   "--json", str(out), "--export", str(fig))
    assert r.returncode == 0, r.stderr
    data = json.loads(out.read_text())
    assert data["converged"] is True and data["final_accuracy"] == 1.0
    assert "<svg" in fig.read_text()


@pytest.mark.parametrize("args, names", [
    (["run", "perceptron", "--dataset", "xnor"], "--dataset"),
    (["run", "perceptron", "--lr", "fast"], "--lr"),
    (["run", "perceptron", "--hidden", "99"], "--hidden"),
    (["run", "perceptron", "--bogus"], "--bogus"),
    (["run", "nolab"], "nolab"),
    (["run", "perceptron", "--epochs", "-3"], "--epochs"),
    (["run", "perceptron", "--json", "/no/such/folder/out.json"], "does not exist"),
    (["run", "perceptron", "--export", "fig.bmp"], ".png or .svg"),
    (["--lab", "nolab"], "--lab"),
])
def test_a_bad_option_exits_non_zero_with_one_line_naming_it(args, names):
    r = playground(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and names in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_screenshot_opens_the_window_trains_and_saves_a_png(tmp_path):
    shot = tmp_path / "shot.png"
    r = playground("--lab", "perceptron", "--screenshot", str(shot), "--train-seconds", "0.3", timeout=180)
    assert r.returncode == 0, r.stderr
    from PySide6.QtGui import QImage

    img = QImage(str(shot))
    assert img.width() >= 1000 and img.height() >= 600


def test_a_diverging_run_stops_early_and_says_lower_the_learning_rate(tmp_path):
    out = tmp_path / "out.json"
    r = playground("run", "perceptron", "--model", "mlp", "--activation", "linear", "--hidden", "8",
                   "--lr", "10", "--epochs", "500", "--json", str(out))
    assert r.returncode == 0
    assert "lower the learning rate" in r.stderr and "Traceback" not in r.stderr
    assert "RuntimeWarning" not in r.stderr
    data = json.loads(out.read_text())
    assert data["diverged"] is True and data["epochs"] < 500


def test_screenshot_size_is_checked():
    r = playground("--lab", "perceptron", "--screenshot", "x.png", "--size", "big")
    assert r.returncode == 2 and "--size" in r.stderr and len(r.stderr.strip().splitlines()) == 1
