"""The segmentation session: a short training reaches a high Dice, weights round-trip exactly, box
prompts and user slices are answered in the next frame, bad actions are refused with a sentence, and
the domain-shift experiment runs its phases with progress and its four numbers."""
import math

import numpy as np
import pytest

from playground.core.train.runner import Runner
from playground.core.train.session import SessionError
from playground.labs.segment import core
from playground.labs.segment.core import SegmentSession, expected_state, run_headless

SMALL = {"size": 64, "train_slices": 32, "test_slices": 8, "batch_size": 8}


def test_a_short_headless_run_segments_the_narrow_domain():
    # measured on the 2-core machine: about 2 s when idle; Dice about 0.9
    result, snap = run_headless({"size": 64, "train_slices": 128, "test_slices": 32, "test_domain": "narrow"}, 6)
    assert result["dice_test"] > 0.85 and result["dice_train"] > 0.85
    assert 0 < result["iou_test"] < result["dice_test"]
    assert set(result) >= {"dice_train", "dice_test", "iou_test", "history", "params"}
    assert len(result["history"]) == 7  # before training, then once per epoch
    assert result["history"][-1]["dice_test"] == result["dice_test"]
    assert result["steps"] == 6 * 8 and snap["slice"]["hu"].dtype == np.int16


def test_one_step_is_one_batch_and_an_epoch_is_one_pass():
    s = SegmentSession(SMALL)
    assert s.per_epoch == 4 and len(s.curves_["step"]) == 1
    s.step(3)
    assert s.epoch == 3 and len(s.curves_["step"]) == 1
    s.step(1)
    assert len(s.curves_["step"]) == 2 and s.curves_["step"][-1] == 4


def test_weights_and_curves_round_trip_exactly():
    a = SegmentSession({**SMALL, "box_prompt": True})
    a.step(5)
    state, curves = a.state(), a.curves()
    assert set(state) == set(expected_state(a.params))
    b = SegmentSession({**SMALL, "box_prompt": True, "seed": 9})  # other initial weights
    b.params["seed"] = a.params["seed"]
    b.load_state(state, a.epoch)
    b.restore_curves(curves)
    for k, v in b.state().items():
        assert np.array_equal(v, state[k]), k
    assert b.curves() == curves and b.epoch == 5
    hu = a.test["hu"][:2]
    assert np.array_equal(a.main.predict(hu), b.main.predict(hu))


def test_a_damaged_state_is_refused_with_its_name():
    s = SegmentSession(SMALL)
    state = s.state()
    key = next(iter(state))
    with pytest.raises(SessionError, match="lack"):
        s.load_state({k: v for k, v in state.items() if k != key})
    bad = dict(state)
    bad[key] = np.zeros((1, 2))
    with pytest.raises(SessionError, match=key.replace(".", r"\.")):
        s.load_state(bad)


def test_weights_ride_only_in_forced_frames_or_now_and_then():
    r = Runner()
    events = r.handle({"op": "open", "factory": core.SESSION, "params": SMALL})
    assert "state" in events[0]["data"]  # forced
    r.handle({"op": "ack"})
    r.handle({"op": "play"})
    sent = []
    for _ in range(6):
        for ev in r.tick():
            if ev["ev"] == "snapshot":
                sent.append("state" in ev["data"])
                r.handle({"op": "ack"})
    assert sent and not any(sent)


def test_box_prompts_answer_with_dice_with_and_without_the_box():
    s = SegmentSession({**SMALL, "box_prompt": True})
    s.step(8)
    s.custom("show_slice", index=3)
    m = s.test["mask"][3]
    ys, xs = np.nonzero(m)
    r = s.custom("box", box=[xs.min() - 2, ys.min() - 2, xs.max() + 3, ys.max() + 3], target="test")
    assert 0 <= r["dice_with"] <= 1 and 0 <= r["dice_without"] <= 1
    prob = r["prob"]
    inside = np.zeros_like(m, bool)
    inside[ys.min() - 2:ys.max() + 3, xs.min() - 2:xs.max() + 3] = True
    assert prob[~inside].max() == 0  # a prompted mask never leaves its box
    assert s.snapshot()["box_result"]["index"] == 3


@pytest.mark.parametrize("name, kwargs, message", [
    ("show_slice", {"index": 99}, "index must be a test slice"),
    ("show_slice", {"index": True}, "index must be a test slice"),
    ("box", {"box": [1, 2, 3, 4]}, "tick 'Box-prompted model too'"),
    ("segment_user", {"hu": np.zeros((3, 3, 3))}, "must be a 2-D image"),
    ("segment_user", {"hu": np.full((32, 32), np.nan)}, "NaN"),
    ("nonsense", {}, "no action 'nonsense'"),
])
def test_bad_actions_are_refused_with_a_sentence(name, kwargs, message):
    s = SegmentSession(SMALL)
    with pytest.raises(SessionError, match=message):
        s.custom(name, **kwargs)


def test_a_bad_box_is_refused():
    s = SegmentSession({**SMALL, "box_prompt": True})
    for box, message in (([1, 1, 1.5, 9], "at least 2 pixels"), (["a", 2, 3, 4], "x0, y0, x1, y1"),
                         ([0, 0, np.inf, 5], "finite")):
        with pytest.raises(SessionError, match=message):
            s.custom("box", box=box)
    with pytest.raises(SessionError, match="open a slice"):
        s.custom("box", box=[0, 0, 20, 20], target="user")


def test_a_users_slice_of_any_size_is_segmented_at_the_models_size():
    s = SegmentSession(SMALL)
    hu = np.kron(s.test["hu"][0], np.ones((3, 3), np.float32))  # 192 x 192
    s.custom("segment_user", hu=hu)
    snap = s.snapshot()
    assert snap["user_result"]["prob"].shape == (64, 64)


def test_a_size_the_unet_cannot_halve_is_a_message():
    with pytest.raises(SessionError, match="multiple of 8"):
        SegmentSession({**SMALL, "size": 100})


def test_the_domain_shift_experiment_runs_both_phases_with_progress():
    p = {**SMALL, "experiment": "domain-shift", "shift_steps": 6}
    s = SegmentSession(p)
    progress = []
    while not s.finished:
        s.step(1)
        progress.append(s.snapshot()["shift"]["progress"])
    assert progress == sorted(progress) and progress[-1] == 1.0 and s.epoch == 12
    assert set(s.results) == {"narrow", "randomised"}
    assert all(0 <= v <= 1 for r in s.results.values() for v in r.values())
    assert "narrow model's Dice" in s.finished
    snap = s.snapshot()
    assert snap["shift"]["done"] and snap["shift"]["curves"]["narrow"]["home"].size >= 1
    s.step(5)  # finished: nothing more happens
    assert s.epoch == 12
    # reopened from its weights, the four numbers come back
    t = SegmentSession(p)
    t.load_state(s.state(), s.epoch)
    for regime in ("narrow", "randomised"):
        assert t.results[regime] == pytest.approx(s.results[regime])
    assert t.finished


def test_headless_domain_shift_reports_the_drops():
    result, _ = run_headless({**SMALL, "experiment": "domain-shift", "shift_steps": 4}, 0)
    assert set(result["results"]) == {"narrow", "randomised"}
    assert math.isfinite(result["drop_narrow"]) and math.isfinite(result["drop_randomised"])


def test_the_bench_reference_runs_the_same_loop():
    assert core.bench_reference(SMALL, 0.2) > 0


def test_an_experiment_file_keeps_the_opened_slice_and_refuses_a_bad_one(tmp_path):
    from playground.core.train.experiment import ExperimentError, load_experiment, save_experiment

    s = SegmentSession(SMALL)
    s.custom("remember_file", path="/data/ct.dcm", slice=3, window=[150, 30])
    data = s.snapshot()["saved_data"]
    save_experiment(str(tmp_path / "e.npexp.json"), "segment", s.params, s.state(), 0, data=data)
    exp = load_experiment(str(tmp_path / "e.npexp.json"))
    assert exp.data == {"own_slice": {"path": "/data/ct.dcm", "slice": 3, "window": [150.0, 30.0]}}
    t = SegmentSession(SMALL)
    t.restore_data(exp.data)
    assert t.snapshot()["saved_data"] == exp.data
    save_experiment(str(tmp_path / "bad.npexp.json"), "segment", s.params, s.state(), 0,
                    data={"own_slice": {"window": [0, 30]}})
    with pytest.raises(ExperimentError, match="width 1 to 5000"):
        load_experiment(str(tmp_path / "bad.npexp.json"))
    with pytest.raises(SessionError, match="slice index"):
        s.custom("remember_file", path="x", slice=-1)


def test_large_settings_train_in_pieces_so_the_worker_stays_responsive():
    s = SegmentSession({"size": 96, "depth": 2, "base_channels": 32, "batch_size": 16, "train_slices": 32,
                        "test_slices": 8})
    assert s._chunk == 8 and s._split  # 16 slices of 96 px at 32 channels: two pieces a step
    s.step(1)
    assert s.epoch == 0 and s.loss is None  # half a step: gradients accumulating, nothing counted
    s.step(1)
    assert s.epoch == 1 and math.isfinite(s.loss)
    calls = 0
    while s.epoch < s.per_epoch:  # then an evaluation, in pieces too
        s.step(1)
        calls += 1
    assert len(s.curves_["step"]) == 2 and calls > 2 * (s.per_epoch - 1)


def test_a_phantom_set_too_big_to_draw_in_seconds_is_refused_with_what_fits():
    """4,096 slices of 256 px (each control at its maximum) were 270 million pixels to draw: minutes of
    a worker that could not answer, and several GB. The combination is refused, saying what fits."""
    from playground.labs.segment.core import MAX_PHANTOM_PIXELS

    with pytest.raises(SessionError, match=r"at 256 px, at most 96 training slices"):
        SegmentSession({"size": 256, "train_slices": 4096, "test_slices": 32})
    with pytest.raises(SessionError, match="fewer test slices or a smaller image"):
        SegmentSession({"size": 256, "train_slices": 16, "test_slices": 512})
    # the domain-shift experiment draws both scanners' slices: twice the pixels
    with pytest.raises(SessionError, match=r"at 128 px, at most 192 training slices"):
        SegmentSession({"size": 128, "train_slices": 512, "test_slices": 64, "experiment": "domain-shift"})
    assert (96 + 32) * 256 ** 2 == MAX_PHANTOM_PIXELS  # the largest set at 256 px still opens
