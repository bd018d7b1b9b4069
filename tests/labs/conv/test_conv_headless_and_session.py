"""`playground run conv`: the stepper's JSON, transposed, pooling, the receptive-field table, training,
and bad values exiting 2 with one line; the CNN session's state and curves round-trip."""
import json
import os
import subprocess
import sys

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from playground.core.train.session import SessionError
from playground.labs.conv.core import ConvSession, run_headless, stepper_input


def _cli(*args, cwd=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "playground", "run", "conv", *args], capture_output=True,
                          text=True, env=env, timeout=120, cwd=cwd)


def test_the_issue_command_line_writes_the_stepper_json(tmp_path):
    out = tmp_path / "out.json"
    r = _cli("--input", "5", "--kernel", "3", "--padding", "1", "--padding-mode", "reflect", "--stride", "2",
             "--dilation", "1", "--seed", "0", "--json", str(out))
    assert r.returncode == 0, r.stderr
    d = json.loads(out.read_text())
    assert set(d) >= {"input", "kernel", "output", "output_size", "formula"}
    x = torch.tensor(d["input"], dtype=torch.float64)[None, None]
    w = torch.tensor(d["kernel"], dtype=torch.float64)[None, None]
    want = F.conv2d(F.pad(x, [1] * 4, mode="reflect"), w, stride=2)[0, 0].tolist()
    assert d["output"] == want and d["output_size"] == 3 and d["formula"].endswith("= 3")
    assert d["input"] == stepper_input(5, 0).tolist()


def test_transposed_pooling_and_the_receptive_field_table():
    r, _ = run_headless({"input": 3, "stride": 2, "padding": 1, "output_padding": 1}, 0, {"transposed": True})
    assert r["output_size"] == 6 and r["transposed"]
    r, _ = run_headless({"input": 6, "pool": "max", "pool_kernel": 2}, 0, {"rf": "3x3,3x3,pool2,3x3s2,3x3d2"})
    want = F.max_pool2d(torch.tensor(r["input"])[None], 2)[0].tolist()
    assert r["pooled"] == want and r["pooled_size"] == 3
    assert [row["rf"] for row in r["rf"]] == [3, 5, 6, 10, 26]
    assert set(r["rf"][0]) >= {"output_size", "rf", "jump", "start"}
    assert 0 <= r["shift"]["pool_change"] and 0 <= r["shift"]["conv_change"]


@pytest.mark.parametrize("args,words", [
    (["--stride", "0"], "--stride"),
    (["--kernel", "9", "--input", "4"], "--kernel"),
    (["--kernel", "5", "--input", "4"], "larger than the padded input"),
    (["--rf", "3x3s0"], "stride"),
    (["--padding-mode", "mirror"], "padding-mode"),
])
def test_bad_values_exit_2_with_one_line_naming_the_problem(args, words):
    r = _cli(*args)
    assert r.returncode == 2
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and words in lines[0] and "Traceback" not in r.stderr


def test_training_digits_for_a_few_epochs_learns():
    r, snap = run_headless({"channels": [4, 8], "batch_size": 32}, 3, {"train": "digits"})
    assert r["test_accuracy"] > 0.6 and r["train_accuracy"] > 0.6
    assert len(r["history"]) == 3 and r["params"] == snap["cnn_params"] < r["mlp"]["params"]
    assert {"train_accuracy", "test_accuracy", "params", "history"} <= set(r)


def test_state_and_curves_round_trip_exactly_and_bad_shapes_are_refused():
    s = ConvSession({"channels": [4], "mlp_hidden": 16, "batch_size": 512})
    s.step(1)
    t = ConvSession({"channels": [4], "mlp_hidden": 16, "batch_size": 512})
    t.load_state(s.state(), epoch=1)
    t.restore_curves(s.curves())
    assert t.curves() == s.curves()
    for k, v in s.state().items():
        np.testing.assert_array_equal(t.state()[k], v)
    bad = dict(s.state())
    bad["cnn.convs.0.weight"] = np.zeros((5, 1, 3, 3))
    with pytest.raises(SessionError, match="convs.0.weight"):
        t.load_state(bad)


def test_custom_actions_select_and_classify_a_drawing():
    s = ConvSession({"channels": [4], "mlp_hidden": 16, "batch_size": 512})
    s.custom("select", index=3)
    s.custom("classify", image=np.zeros((8, 8)).tolist())
    snap = s.snapshot()
    assert snap["example"] == 3 and abs(snap["drawn_probs"]["cnn"].sum() - 1) < 1e-5
    with pytest.raises(SessionError, match="8 × 8"):
        s.custom("classify", image=np.zeros((5, 5)).tolist())
    with pytest.raises(SessionError, match="index"):
        s.custom("select", index=10**6)


def test_expected_state_names_every_saved_array_without_torch():
    from playground.labs.conv.core import expected_state

    for params in ({}, {"dataset": "shapes", "channels": [3, 5, 7], "conv_kernel": 4, "pooling": "avg"},
                   {"pooling": "none", "conv_kernel": 5, "input": 9, "kernel": 5, "stepper_channels": 3}):
        s = ConvSession({**params, "batch_size": 512})
        state = s.state()
        assert {k: tuple(np.shape(v)) for k, v in state.items()} == expected_state(params)


def test_stepper_values_ride_in_the_state_and_come_back():
    s = ConvSession({"channels": [4], "mlp_hidden": 16, "input": 5, "stepper_channels": 3})
    x, w = np.random.default_rng(0).normal(size=(3, 5, 5)), np.ones((3, 3, 3))
    s.custom("stepper", input=x.tolist(), kernel=w.tolist())
    s.custom("stepper", input=np.ones((1, 9, 9)).tolist(), kernel=np.ones((1, 5, 5)).tolist(),
             settings={"input": 9, "kernel": 5, "stepper_channels": 1, "padding": 2})
    snap = s.snapshot()
    from playground.labs.conv.core import expected_state

    assert snap["params"]["input"] == 9 and snap["params"]["padding"] == 2  # params and state agree:
    assert {k: tuple(np.shape(v)) for k, v in snap["state"].items()} == expected_state(snap["params"])
    with pytest.raises(SessionError, match="do not match"):
        s.custom("stepper", input=np.ones((1, 9, 9)).tolist(), kernel=np.ones((1, 5, 5)).tolist(),
                 settings={"input": 8})
    with pytest.raises(SessionError, match="stepper parameters only"):
        s.custom("stepper", input=np.ones((1, 9, 9)).tolist(), kernel=np.ones((1, 5, 5)).tolist(),
                 settings={"lr": 1.0})
    s.custom("stepper", input=x.tolist(), kernel=w.tolist(), settings={"input": 5, "kernel": 3, "stepper_channels": 3})
    t = ConvSession({"channels": [4], "mlp_hidden": 16, "input": 5, "stepper_channels": 3})
    t.load_state(s.state())
    snap = t.snapshot()
    np.testing.assert_array_equal(snap["stepper_values"]["input"], x)
    assert snap["stepper_values"]["version"] == 1
    with pytest.raises(SessionError, match="kernel"):
        s.custom("stepper", input=x.tolist(), kernel=np.ones((3, 9, 9)).tolist())


def test_a_stack_that_shrinks_the_image_to_nothing_is_refused_with_a_reason():
    with pytest.raises(SessionError, match="shrink the 8×8 image to nothing"):
        ConvSession({"channels": [2, 2, 2], "conv_kernel": 2, "pooling": "max"})
    s = ConvSession({"channels": [2, 2, 2], "conv_kernel": 3, "batch_size": 512})
    before = s.state()["cnn.convs.0.weight"].copy()
    with pytest.raises(SessionError, match="nothing"):
        s.apply({"conv_kernel": 2})
    assert s.params["conv_kernel"] == 3
    np.testing.assert_array_equal(s.state()["cnn.convs.0.weight"], before)


def test_the_lectures_100_pixel_question_needs_50_stacked_3x3_convolutions(tmp_path):
    """--rf-input takes the receptive-field table past the stepper's 32 px: r = 1 + 2L reaches 100 at L = 50."""
    import json
    import subprocess
    import sys

    out = tmp_path / "rf.json"
    res = subprocess.run([sys.executable, "-m", "playground", "run", "conv", "--rf-input", "100",
                          "--rf", ",".join(["3x3"] * 50), "--json", str(out)], capture_output=True, text=True,
                         timeout=120)
    assert res.returncode == 0, res.stderr
    rf = json.loads(out.read_text())["rf"]
    assert [r["rf"] for r in rf][:3] == [3, 5, 7] and rf[48]["rf"] == 99 and rf[49]["rf"] == 101
    bad = subprocess.run([sys.executable, "-m", "playground", "run", "conv", "--rf-input", "0", "--rf", "3x3"],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 2 and "--rf-input" in bad.stderr and "Traceback" not in bad.stderr
