"""The window-worker channel cannot deadlock: large messages travel both ways at once, for many
rounds, through a real spawned worker, and every one arrives. Before the channel had its reader and
writer threads, the window and the worker both blocked writing to each other on the first round
(a 0.5 MB command against a 0.4 MB frame: more than a pipe holds)."""
import os
import queue
import subprocess
import sys
import threading

import pytest

from playground.core.train.worker import Channel, ChannelClosed

HERE = os.path.dirname(__file__)
HELPERS = os.path.join(os.path.dirname(HERE), "helpers")


def test_large_messages_both_ways_at_once_never_deadlock():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen",
           "PYTHONPATH": os.pathsep.join([HELPERS, os.environ.get("PYTHONPATH", "")])}
    try:
        out = subprocess.run([sys.executable, os.path.join(HELPERS, "channel_stress.py"), "200"],
                             capture_output=True, text=True, timeout=120, env=env)
    except subprocess.TimeoutExpired as exc:
        pytest.fail(f"the window and the worker deadlocked (no end after 120 s): {exc.stdout}")
    assert out.returncode == 0, out.stdout + out.stderr


def _pair():
    import multiprocessing as mp

    a_r, b_w = mp.Pipe(duplex=False)
    b_r, a_w = mp.Pipe(duplex=False)
    return Channel(a_r, a_w, name="a"), Channel(b_r, b_w, name="b")


def test_two_channels_writing_megabytes_to_each_other_both_get_everything():
    a, b = _pair()
    blob = b"x" * 2_000_000  # far more than a pipe holds, written from both ends at the same time
    got = {"a": 0, "b": 0}

    def drain(ch, key):
        while got[key] < 20:
            try:
                assert ch.recv(5.0) == blob
            except queue.Empty:
                return
            got[key] += 1

    readers = [threading.Thread(target=drain, args=(a, "a")), threading.Thread(target=drain, args=(b, "b"))]
    for _ in range(20):
        a.send(blob)
        b.send(blob)
    for t in readers:
        t.start()
    for t in readers:
        t.join(30)
    assert got == {"a": 20, "b": 20}
    a.close()
    b.close()


def test_a_full_outbox_refuses_instead_of_blocking_the_caller():
    a, b = _pair()
    # b never reads: its reader thread fills its bounded inbox, then the pipe, then a's outbox
    with pytest.raises(queue.Full):
        for _ in range(10_000):
            a.send(b"y" * 100_000, block=False)
    b.close(join_timeout=0.1, reader_timeout=0.1)
    a.close(join_timeout=0.1, reader_timeout=0.1)


def test_the_other_end_going_away_is_reported_not_waited_for():
    a, b = _pair()
    b.close()
    with pytest.raises(ChannelClosed):
        a.recv(5.0)
    a.close()
