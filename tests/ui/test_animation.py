"""Animations: the encoder writes GIF and MP4 that read back with the right frame count and size, the
window's recorder films a training lab, and the command line films a headless run."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from playground.core.video import VideoEncoder, VideoError, probe_video


def _frames(n, w=64, h=48):
    for i in range(n):
        f = np.full((h, w, 3), 255, np.uint8)
        f[:, (i * 5) % w: (i * 5) % w + 4] = (0, 114, 178)
        yield f


@pytest.mark.parametrize("ext", ["gif", "mp4"])
def test_encoder_writes_an_animation_that_reads_back(tmp_path, ext):
    path = str(tmp_path / f"a.{ext}")
    enc = VideoEncoder(path, fps=10)
    for f in _frames(12, w=65, h=47):  # odd sides: MP4 pads them to even
        enc.add(f)
    assert enc.close() == path
    count, size = probe_video(path)
    assert count == 12
    assert size == ((66, 48) if ext == "mp4" else (65, 47))
    assert not [p for p in os.listdir(tmp_path) if p.startswith(".anim-")]


def test_encoder_refuses_bad_paths_rates_and_frames(tmp_path):
    with pytest.raises(VideoError, match=".gif or .mp4"):
        VideoEncoder(str(tmp_path / "a.avi"))
    with pytest.raises(VideoError, match="does not exist"):
        VideoEncoder(str(tmp_path / "no" / "a.gif"))
    with pytest.raises(VideoError, match="frame rate"):
        VideoEncoder(str(tmp_path / "a.gif"), fps=0)
    enc = VideoEncoder(str(tmp_path / "a.gif"))
    enc.add(next(_frames(1)))
    with pytest.raises(VideoError, match="the animation is 64 x 48"):
        enc.add(np.zeros((10, 10, 3), np.uint8))
    enc.cancel()
    assert os.listdir(tmp_path) == []


def test_a_cancelled_recording_leaves_no_file(tmp_path):
    enc = VideoEncoder(str(tmp_path / "a.mp4"))
    for f in _frames(3):
        enc.add(f)
    enc.cancel()
    assert os.listdir(tmp_path) == []


def test_the_window_records_a_figure_while_the_lab_trains(qtbot, tmp_path):
    from playground.ui.main_window import MainWindow

    win = MainWindow(lab_id="perceptron", restore=False)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    messages = []
    win._message = lambda *a, **k: messages.append(a)
    first = next(iter(win.current.figures()))
    path = str(tmp_path / "run.gif")
    assert win.start_recording(first, path, width=480, fps=10, seconds=1.0, play=True)
    qtbot.waitUntil(lambda: os.path.exists(path), timeout=30000)
    assert not messages
    count, size = probe_video(path)
    assert count == win.recorder.recorded and 5 <= count <= 10
    assert size[0] == 480
    win.close()


def test_the_command_line_films_a_headless_run(tmp_path):
    out, js = tmp_path / "xor.mp4", tmp_path / "xor.json"
    res = subprocess.run([sys.executable, "-m", "playground", "run", "perceptron", "--model", "mlp",
                          "--epochs", "40", "--export", str(out), "--width", "320", "--frames", "8",
                          "--json", str(js)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    count, size = probe_video(str(out))
    assert count == 8 and size[0] == 320
    assert json.loads(js.read_text())["animation"]["frames"] == 8


def test_the_command_line_refuses_a_bad_frame_rate(tmp_path):
    res = subprocess.run([sys.executable, "-m", "playground", "run", "perceptron", "--export",
                          str(tmp_path / "a.gif"), "--fps", "0"], capture_output=True, text=True, timeout=60)
    assert res.returncode == 2 and "--fps" in res.stderr and "Traceback" not in res.stderr
