"""The lab without a window: `playground run rnn` trains and unrolls with the documented JSON keys (an
unroll anyone can recompute with torch from the weights it writes), every task builds and trains, the
session's state round-trips exactly (the typed text included), texts that cannot be used are refused
with a sentence, and the memory race advances in pieces with its progress."""
import json

import numpy as np
import pytest
import torch

from playground.labs.rnn import core
from playground.labs.rnn.core import RnnSession, expected_state, run_headless
from playground.labs.rnn.tasks import TASKS, make_batch, task_info
from playground.labs.rnn.texts import MAX_TEXT_CHARS, SAMPLE_TEXT, TextError, clean_text, read_text_file


class _Result:
    def __init__(self, returncode, stderr):
        self.returncode, self.stderr = returncode, stderr


@pytest.fixture
def _cli(capsys):
    """`playground run rnn ARGS` in this process (a new process would reload torch every time)."""
    from playground.cli import main

    def run(*args):
        code = main(["run", "rnn", *args])
        return _Result(code, capsys.readouterr().err)

    return run


def test_cli_trains_and_writes_the_documented_keys(tmp_path, _cli):
    out = tmp_path / "out.json"
    r = _cli("--task", "memory", "--cell", "lstm", "--length", "20", "--epochs", "15", "--seed", "0",
             "--json", str(out))
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text())
    for key in ("loss", "accuracy", "history", "grad_norm_by_step", "cell", "length"):
        assert key in doc, key
    assert doc["cell"] == "lstm" and doc["length"] == 20 and len(doc["grad_norm_by_step"]) == 20
    assert len(doc["history"]) == 15 and doc["history"][-1]["loss"] == pytest.approx(doc["loss"])
    # first step first: the memory task scores the last step, so its gradient is the largest
    assert doc["grad_norm_by_step"][-1] > doc["grad_norm_by_step"][0]


@pytest.mark.parametrize("cell", ["vanilla", "lstm", "gru"])
def test_unroll_json_recomputes_with_torch(tmp_path, cell, _cli):
    out = tmp_path / "unroll.json"
    r = _cli("--unroll", "5", "--cell", cell, "--hidden", "2", "--seed", "0", "--json", str(out))
    assert r.returncode == 0, r.stderr
    doc = json.loads(out.read_text())
    assert len(doc["inputs"]) == 5 and len(doc["h"]) == 5 and len(doc["h"][0]) == 2
    ref = {"vanilla": torch.nn.RNN, "lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[cell](1, 2, batch_first=True).double()
    with torch.no_grad():
        for name, p in ref.named_parameters():
            p.copy_(torch.tensor(doc["weights"][name], dtype=torch.float64))
        h = ref(torch.tensor(doc["inputs"], dtype=torch.float64)[None])[0][0].numpy()
    assert np.max(np.abs(h - np.array(doc["h"]))) < 1e-6


def test_unroll_out_of_range_is_one_line_error(_cli):
    r = _cli("--unroll", "60")
    assert r.returncode == 2 and "1 to 50" in r.stderr and "Traceback" not in r.stderr


def test_export_writes_the_main_figure(tmp_path, _cli, qapp):
    fig = tmp_path / "grad.png"
    r = _cli("--task", "sine", "--epochs", "5", "--export", str(fig))
    assert r.returncode == 0, r.stderr
    assert fig.read_bytes()[:4] == b"\x89PNG" and fig.stat().st_size > 5000


def test_an_unroll_export_shows_the_whole_unroll_of_the_settings_asked(tmp_path, _cli, qapp):
    from playground.labs.rnn.view import RnnLab
    from playground.registry import get_lab
    from playground.ui.theme import LIGHT

    fig = tmp_path / "unroll.png"
    assert _cli("--unroll", "8", "--cell", "gru", "--task", "memory", "--export", str(fig)).returncode == 0
    assert fig.stat().st_size > 5000
    _result, snap = run_headless({"cell": "gru", "task": "memory"}, 0, {"unroll": 8})
    view = RnnLab(get_lab("rnn"), None, LIGHT)
    view.receive_snapshot(snap)
    assert view.params()["cell"] == "gru" and view.step == 8 and view.unroll.length == 8
    view.close()


@pytest.mark.parametrize("task", TASKS)
def test_every_task_builds_a_batch_and_trains_a_step(task):
    info = task_info(task)
    x, y = make_batch(task, 3, 7, np.random.default_rng(0), np.array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
    assert x.shape == (3, 7, info["n_in"]) and np.all(np.isfinite(x))
    result, snap = run_headless({"task": task, "length": 7, "hidden": 4}, 2)
    assert len(result["history"]) == 2 and np.isfinite(result["loss"])
    assert snap["connectivity"].shape == (7,)


def test_series_tasks_predict_the_next_value():
    for task in ("sine", "sines", "linear", "alternating", "exponential", "fibonacci"):
        x, y = make_batch(task, 2, 10, np.random.default_rng(1))
        assert np.allclose(x[:, 1:, 0], y[:, :-1]), task
    x, _ = make_batch("fibonacci", 1, 10, np.random.default_rng(2))
    assert np.allclose(x[0, 2:, 0], x[0, 1:-1, 0] + x[0, :-2, 0], atol=1e-6)


def test_state_round_trips_exactly_with_the_text():
    s = RnnSession({"task": "chars", "cell": "gru", "hidden": 6, "length": 10})
    s.custom("set_text", text="abracadabra " * 20)
    s.step(3)
    state = s.state()
    assert set(state) == set(expected_state(s.params))
    t = RnnSession({"task": "chars", "cell": "gru", "hidden": 6, "length": 10})
    t.load_state(state, epoch=3)
    assert t.text == "abracadabra " * 20 and t.epoch == 3
    for k, v in state.items():
        assert np.array_equal(t.state()[k], v), k
    snap = t.snapshot()
    assert isinstance(snap["text_sample"], str) and len(snap["text_sample"]) == core.TEXT_SAMPLE_CHARS


def test_a_wrong_shape_is_refused_by_name():
    s = RnnSession({"hidden": 4})
    bad = s.state()
    bad["weight_hh_l0"] = np.zeros((3, 3))
    with pytest.raises(core.SessionError, match="weight_hh_l0"):
        s.load_state(bad)


@pytest.mark.parametrize("raw,match", [("", "empty"), ("   \n ", "empty"), ("ab\x00cd", "binary"),
                                       ("\x01\x02\x03\x04 abc", "binary")])
def test_unusable_texts_are_refused_with_a_reason(raw, match):
    with pytest.raises(TextError, match=match):
        clean_text(raw)
    s = RnnSession({"task": "chars"})
    with pytest.raises(core.SessionError, match=match):
        s.custom("set_text", text=raw)
    assert s.text == SAMPLE_TEXT  # nothing lost


def test_huge_text_is_cut_with_a_note_and_odd_characters_are_counted(tmp_path):
    text, note = clean_text("x" * (MAX_TEXT_CHARS + 5) + "€")
    assert len(text) == MAX_TEXT_CHARS and "first 10,000" in note
    _text, note = clean_text("prix: 5 €")
    assert "1 character" in note
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (6 * 1024 * 1024))
    with pytest.raises(TextError, match="too large"):
        read_text_file(str(big))
    png = tmp_path / "image.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    with pytest.raises(TextError, match="binary"):
        read_text_file(str(png))
    with pytest.raises(TextError, match="does not exist"):
        read_text_file(str(tmp_path / "nothing.txt"))


def test_cli_text_file_trains_the_character_model(tmp_path):
    f = tmp_path / "t.txt"
    f.write_text("le chat dort. " * 30, encoding="utf-8")
    result, _snap = run_headless({"task": "chars", "hidden": 8, "length": 12}, 3, {"text_file": str(f)})
    assert result["text_prime"] == "le chat dort. le cha"
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    with pytest.raises(core.SessionError, match="empty"):
        run_headless({"task": "chars"}, 1, {"text_file": str(empty)})


def test_memory_race_advances_in_pieces_and_reports_progress():
    s = RnnSession({"experiment": "race", "race_cells": ["vanilla"], "race_budget": 25, "hidden": 4})
    seen = []
    for _ in range(200):
        s.step(1)
        seen.append(s.snapshot()["race_progress"])
        if s.finished:
            break
    assert s.finished and "Longest memory" in s.finished
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) > 3
    results = s.snapshot()["race_results"]["vanilla"]
    assert results and all(set(r) == {"learned", "accuracy", "epochs"} for r in results.values())


def test_live_changes_keep_the_weights():
    s = RnnSession({"hidden": 3})
    s.step(2)
    before = s.state()
    assert s.apply({"length": 30, "lr": 0.001, "optimizer": "sgd", "truncation": 4, "clip": False}) is False
    assert all(np.array_equal(before[k], v) for k, v in s.state().items())
    s.step(1)
    assert s.grad_norms.shape == (30,) and s.snapshot()["grad_history"].shape == (1, 30)
