"""The runner reports a failure once, not once per frame; frames say which command they follow; a
large experiment file is read in the worker and comes back as a checked Experiment or a sentence."""
import os

from playground.core.train.runner import Runner


class Clock:
    t = 0.0

    def __call__(self):
        return self.t


def test_a_snapshot_that_keeps_failing_is_reported_once_until_the_user_acts():
    clock = Clock()
    r = Runner(clock=clock)
    r.handle({"op": "open", "factory": "fake_sessions:BrokenSnapshotSession", "params": {}, "run": 1})
    r.handle({"op": "ack"})
    events = r.handle({"op": "step", "n": 3})
    events += r.handle({"op": "ack"})
    for _ in range(2000):  # about a minute of frames at 30 per second
        clock.t += 1 / 30
        events += r.tick()
        events += r.handle({"op": "snapshot"})
    errors = [e for e in events if e["ev"] == "error"]
    assert len(errors) == 1 and "snapshot failed" in errors[0]["message"]
    assert r.playing is False
    again = r.handle({"op": "step", "n": 1})  # the user did something: a new failure is news again
    assert [e["ev"] for e in again] == ["error"]


def test_frames_carry_the_number_of_the_last_command_handled():
    r = Runner()
    events = r.handle({"op": "open", "factory": "fake_sessions:CountingSession", "params": {}, "run": 1, "seq": 4})
    assert events[0]["seq"] == 4
    r.handle({"op": "ack", "seq": 5})
    events = r.handle({"op": "apply", "params": {"lr": 0.5}, "seq": 6})
    assert events[-1]["seq"] == 6 and events[-1]["data"]["params"]["lr"] == 0.5


def test_the_worker_reads_an_experiment_file_for_the_window(tmp_path):
    from playground.core.train.experiment import save_experiment
    from playground.labs.perceptron.core import PerceptronSession

    s = PerceptronSession({})
    s.step(3)
    path = save_experiment(tmp_path / "p.npexp.json", "perceptron", s.params, s.state(), 3)
    r = Runner()  # no session needed
    [ev] = r.handle({"op": "load_experiment", "path": str(path), "token": 9})
    assert ev["ev"] == "loaded" and ev["token"] == 9 and ev["experiment"].epoch == 3
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    [ev] = r.handle({"op": "load_experiment", "path": str(fifo), "token": 10})
    assert ev["token"] == 10 and "f.json is a named pipe" in ev["error"]
