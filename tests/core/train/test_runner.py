"""The runner's policy with a fake clock: frame cap, one-frame credit, stop, runs, errors, divergence."""
import sys
import os

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "helpers"))

from playground.core.train.runner import Runner  # noqa: E402

FACTORY = "fake_sessions:CountingSession"


class FakeClock:
    def __init__(self):
        self.t = 0.0

    def __call__(self):
        return self.t


def opened(params=None, **kw):
    clock = FakeClock()
    r = Runner(clock=clock, **kw)
    events = r.handle({"op": "open", "factory": FACTORY, "params": params or {}, "run": 1})
    return r, clock, events


def kinds(events):
    return [e["ev"] for e in events]


def test_open_sends_a_first_frame_of_the_new_run():
    r, _, events = opened()
    assert kinds(events) == ["snapshot"] and events[0]["run"] == 1
    assert events[0]["data"]["epoch"] == 0


def test_frames_are_capped_at_30_per_second_however_fast_training_runs():
    r, clock, _ = opened()
    r.handle({"op": "ack"})
    r.handle({"op": "play"})
    frames = 0
    for i in range(3000):  # 3000 epochs in one simulated second
        clock.t = i / 3000
        ev = r.tick()
        frames += kinds(ev).count("snapshot")
        r.handle({"op": "ack"})
    assert r.session.epoch == 3000
    assert 25 <= frames <= 31


def test_acks_a_few_ms_late_still_give_30_frames_a_second():
    """Epochs of 4 ms: each frame goes out up to 4 ms after it is due. Paced from the last frame,
    that made 27/s; paced against a schedule it stays at 30/s."""
    r, clock, _ = opened()
    r.handle({"op": "ack"})
    r.handle({"op": "play"})
    frames = 0
    for i in range(250):  # 250 epochs of 4 ms: one simulated second
        clock.t = i * 0.004
        frames += kinds(r.tick()).count("snapshot")
        r.handle({"op": "ack"})
    assert frames >= 29


def test_no_new_frame_until_the_window_acknowledges_the_last():
    r, clock, _ = opened()
    r.handle({"op": "play"})  # the opening frame is still unacknowledged
    frames = 0
    for i in range(1000):
        clock.t = i / 100
        frames += kinds(r.tick()).count("snapshot")
    assert frames == 0
    r.handle({"op": "ack"})
    clock.t += 1
    assert kinds(r.tick()) == ["snapshot"]


def test_pause_stops_training_at_once_and_step_trains_exactly_one_epoch():
    r, clock, _ = opened()
    r.handle({"op": "play"})
    for _ in range(10):
        r.tick()
    r.handle({"op": "pause"})
    epoch = r.session.epoch
    for _ in range(10):
        r.tick()
    assert r.session.epoch == epoch
    ev = r.handle({"op": "step", "n": 1})
    assert r.session.epoch == epoch + 1 and kinds(ev) == ["snapshot"]


def test_speed_limit_paces_epochs():
    r, clock, _ = opened()
    r.handle({"op": "speed", "epochs_per_s": 10})
    r.handle({"op": "play"})
    for i in range(1000):
        clock.t = i / 500  # two simulated seconds
        r.tick()
    assert 19 <= r.session.epoch <= 21


def test_reset_starts_a_new_run_id_and_epoch_zero():
    r, clock, _ = opened()
    r.handle({"op": "step", "n": 5})
    ev = r.handle({"op": "reset", "run": 2})
    assert ev[-1]["run"] == 2 and ev[-1]["data"]["epoch"] == 0


def test_an_exception_in_a_step_becomes_an_error_event_and_pauses():
    r, clock, _ = opened({"fail_at": 3})
    r.handle({"op": "play"})
    events = []
    for _ in range(10):
        events += r.tick()
    errors = [e for e in events if e["ev"] == "error"]
    assert len(errors) == 1 and "ZeroDivisionError" in errors[0]["message"]
    assert "Traceback" in errors[0]["detail"]
    assert r.playing is False


def test_a_diverging_loss_stops_training_with_the_message():
    r, clock, _ = opened({"lr": 1e5})
    r.handle({"op": "play"})
    events = []
    for _ in range(100):
        events += r.tick()
        r.handle({"op": "ack"})
    div = [e for e in events if e["ev"] == "diverged"]
    assert len(div) == 1 and "lower the learning rate" in div[0]["message"]
    assert r.playing is False


def test_live_parameters_apply_without_reset_and_structural_ones_reset():
    r, clock, _ = opened()
    r.handle({"op": "step", "n": 4})
    r.handle({"op": "apply", "params": {"lr": 0.5}})
    assert r.session.epoch == 4 and r.session.params["lr"] == 0.5
    r.handle({"op": "apply", "params": {"width": 3}, "run": 2})
    assert r.session.epoch == 0 and r.run == 2 and len(r.session.w) == 3


def test_a_bad_parameter_or_action_is_an_error_event_not_a_crash():
    r, clock, _ = opened()
    ev = r.handle({"op": "apply", "params": {"width": 99}})
    assert kinds(ev) == ["error"] and "width" in ev[0]["message"]
    ev = r.handle({"op": "custom", "name": "nope"})
    assert kinds(ev) == ["error"]
    ev = r.handle({"op": "custom", "name": "set_w", "kwargs": {"index": 0, "value": 7}})
    assert ev[-1]["data"]["w"][0] == 7


def test_quit_ends_the_loop():
    r, clock, _ = opened()
    r.handle({"op": "quit"})
    assert r.quit and r.wait_time() == 0


def test_after_a_refused_open_commands_say_why_and_a_new_setting_opens_again():
    """An open the lab refuses (a restart with a value it does not take, say) leaves no session: the
    commands that follow are not ignored in silence. A save's request hears that no frame will come,
    Play says why, and a change of the setting opens with it."""
    r = Runner(clock=FakeClock())
    refused = r.handle({"op": "open", "factory": FACTORY, "params": {"width": 99}, "run": 1, "seq": 1})
    assert kinds(refused) == ["error"] and r.session is None
    answer = r.handle({"op": "snapshot", "seq": 2})
    assert kinds(answer) == ["no_model"] and answer[0]["seq"] == 2 and "width" in answer[0]["message"]
    play = r.handle({"op": "play", "seq": 3})
    assert kinds(play) == ["error"] and play[0]["message"].startswith("Nothing can train: ")
    still = r.handle({"op": "apply", "params": {"width": 50}, "seq": 4})
    assert kinds(still) == ["error"] and r.session is None
    reopened = r.handle({"op": "apply", "params": {"width": 3}, "seq": 5})
    assert kinds(reopened) == ["snapshot"] and reopened[0]["data"]["params"]["width"] == 3
    assert r.session is not None and r.session.epoch == 0


def test_before_any_open_a_command_is_ignored():
    assert Runner(clock=FakeClock()).handle({"op": "snapshot"}) == []


def test_a_refused_open_with_fallback_values_opens_with_them_after_the_refusal():
    """A restarted worker reopens with the values the window wanted; if the lab refuses them, with the
    ones its last frame showed (fresh weights), and the refusal goes first, for the panel."""
    r = Runner(clock=FakeClock())
    events = r.handle({"op": "open", "factory": FACTORY, "params": {"width": 99}, "run": 2, "seq": 7,
                       "state": {"w": [1.0] * 99}, "fallback_params": {"width": 3, "lr": 0.2}})
    assert kinds(events) == ["error", "snapshot"] and "width" in events[0]["message"]
    assert events[1]["data"]["params"]["width"] == 3 and events[1]["data"]["epoch"] == 0
    assert events[1]["run"] == 2 and events[1]["seq"] == 7


def test_the_worker_writes_an_experiment_of_its_session_as_it_is_after_every_command(tmp_path):
    """A save request after a change writes the changed session (parameters and weights of one run),
    not the last frame drawn; a save with nothing open says why; a bad folder is a message."""
    import json

    r, _, _ = opened({"width": 2})
    r.handle({"op": "apply", "params": {"width": 5}})
    r.handle({"op": "step", "n": 3})
    path = tmp_path / "e.npexp.json"
    ev = r.handle({"op": "save_experiment", "path": str(path), "lab": "fake", "token": 4})
    assert kinds(ev) == ["saved"] and ev[0]["token"] == 4 and ev[0]["path"] == str(path)
    doc = json.loads(path.read_text())  # (load_experiment checks the lab against the registry)
    assert doc["params"]["width"] == 5 and doc["epoch"] == 3 and doc["state"]["w"]["shape"] == [5]
    bad = r.handle({"op": "save_experiment", "path": str(tmp_path / "no" / "x.json"), "lab": "fake", "token": 5})
    assert "error" in bad[0] and bad[0]["token"] == 5
    none = Runner(clock=FakeClock()).handle({"op": "save_experiment", "path": str(path), "token": 6})
    assert none[0]["error"].startswith("there is no model to save")
