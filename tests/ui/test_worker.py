"""The worker process seen from the window: it stops fast, drops stale frames, reports errors and
divergence, survives its own death, and exits cleanly."""
import time

from frames import wait_for_frame

FACTORY = "fake_sessions:CountingSession"


def test_worker_reports_devices_without_blocking_the_window(controller):
    assert "cpu" in controller.info["devices"]
    assert controller.info["torch"]


def test_pause_stops_training_within_a_second(qtbot, controller):
    controller.open_session(FACTORY, {"sleep": 0.002})
    controller.play()
    wait_for_frame(qtbot, controller, lambda s: s["epoch"] > 20)
    controller.pause()
    t0 = time.perf_counter()
    snap = wait_for_frame(qtbot, controller, lambda s: not s["playing"], timeout=2000)
    assert time.perf_counter() - t0 < 1.0
    frozen = snap["epoch"]
    controller.step(1)
    assert wait_for_frame(qtbot, controller)["epoch"] == frozen + 1


def test_snapshots_from_before_a_reset_are_dropped(qtbot, controller):
    controller.open_session(FACTORY, {})
    controller.set_speed(None)
    controller.play()
    wait_for_frame(qtbot, controller, lambda s: s["epoch"] > 500)
    seen = []
    controller.snapshot_ready.connect(lambda s: seen.append(s["epoch"]))
    controller.reset()
    qtbot.wait(300)
    assert seen and seen[0] == 0  # nothing from the old run reached the window after Reset
    assert all(e == 0 for e in seen)


def test_an_exception_in_a_step_reaches_the_window(qtbot, controller):
    controller.open_session(FACTORY, {"fail_at": 3})
    with qtbot.waitSignal(controller.error_raised, timeout=5000) as blocker:
        controller.play()
    message, detail = blocker.args
    assert "ZeroDivisionError" in message and "Traceback" in detail
    assert controller.playing is False


def test_a_diverging_run_stops_with_the_lower_the_learning_rate_message(qtbot, controller):
    controller.open_session(FACTORY, {"lr": 1e6})
    with qtbot.waitSignal(controller.diverged, timeout=5000) as blocker:
        controller.play()
    assert "lower the learning rate" in blocker.args[0]
    assert controller.playing is False


def test_numpy_overflow_in_the_worker_is_silent_the_window_reports_divergence(qtbot, controller):
    """The worker printed numpy's 'overflow encountered' lines (dozens per diverged run) to the
    terminal the app was started from; a lab checks for non-finite values and the window says so."""
    controller.open_session(FACTORY, {"seed": 1})
    snap = wait_for_frame(qtbot, controller)
    assert snap["numpy_on_overflow"] == "ignore"


def test_a_worker_that_dies_is_restarted_and_the_user_told(qtbot, controller):
    controller.open_session("fake_sessions:CrashingSession", {})
    wait_for_frame(qtbot, controller)
    old_pid = controller.pid
    with qtbot.waitSignal(controller.worker_restarted, timeout=5000) as blocker:
        controller.play()
    assert "restarted" in blocker.args[0]
    assert controller.is_alive() and controller.pid != old_pid
    # The new worker reopened the lab: it answers commands.
    controller.open_session(FACTORY, {})
    wait_for_frame(qtbot, controller)


def test_a_worker_killed_after_a_refused_value_reopens_with_the_values_in_force(qtbot, controller):
    """A value the session refused stays out of the reopen: the restarted worker trains with what
    ran before, and a save's request gets its frame (it used to reopen with the refused value, fail,
    and answer nothing: every save then waited 20 s and failed)."""
    import os
    import signal

    controller.open_session(FACTORY, {"width": 3})
    wait_for_frame(qtbot, controller)
    with qtbot.waitSignal(controller.error_raised, timeout=5000):
        controller.apply({"width": 99}, structural=True)
    controller.request_current(lambda snap: None)  # the frame after the refusal, as the view asks
    wait_for_frame(qtbot, controller, lambda s: s["params"]["width"] == 3)
    os.kill(controller.pid, signal.SIGKILL)
    with qtbot.waitSignal(controller.worker_restarted, timeout=5000):
        pass
    got = []
    controller.request_current(got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=20000)
    assert got[0] is not None and got[0]["params"]["width"] == 3


def test_a_worker_killed_right_after_a_refused_value_reopens_with_the_last_values_shown(qtbot, controller):
    """The worker dies before it answers a structural change the lab refuses: the restart tries the
    wanted value, hears the refusal, and opens with the values of the last frame instead."""
    import os
    import signal

    controller.open_session(FACTORY, {"width": 3})
    wait_for_frame(qtbot, controller)
    controller.apply({"width": 99}, structural=True)
    os.kill(controller.pid, signal.SIGKILL)
    with qtbot.waitSignal(controller.error_raised, timeout=20000) as refusal:
        pass
    assert "width" in refusal.args[0]
    qtbot.waitUntil(lambda: controller.last_snapshot is not None, timeout=5000)  # the same poll, or the next
    assert controller.last_snapshot["params"]["width"] == 3


def test_a_save_after_a_refused_open_hears_at_once_that_there_is_no_model(qtbot, controller):
    controller.open_session(FACTORY, {"width": 99})
    with qtbot.waitSignal(controller.error_raised, timeout=5000):
        pass
    got = []
    t0 = time.perf_counter()
    controller.request_current(got.append)
    qtbot.waitUntil(lambda: bool(got), timeout=5000)
    assert got == [None] and "width" in controller.no_model_reason
    assert time.perf_counter() - t0 < 5  # not the 20 s timeout
    controller.apply({"width": 4}, structural=True)
    assert wait_for_frame(qtbot, controller)["params"]["width"] == 4


def test_shutdown_while_training_returns_within_two_seconds(qtbot, controller):
    controller.open_session(FACTORY, {"sleep": 0.01})
    controller.play()
    wait_for_frame(qtbot, controller, lambda s: s["epoch"] > 3)
    t0 = time.perf_counter()
    controller.shutdown()
    assert time.perf_counter() - t0 < 2.0
    assert not controller.is_alive()


def test_worker_exits_when_the_window_process_pipe_closes(qtbot, controller):
    proc = controller._proc
    controller._timer.stop()
    controller._health.stop()
    for end in (controller._channel._writer, controller._channel._reader):
        end.close()  # as if the window had crashed
    proc.join(3)
    assert not proc.is_alive()
    controller._proc = None


def test_a_run_that_takes_long_to_build_is_known_to_be_awaited_until_its_first_frame(qtbot, controller):
    controller.open_session(FACTORY, {"build_sleep": 1.0})
    assert controller.waiting_s() is not None
    qtbot.wait(700)
    assert controller.waiting_s() >= 0.5  # what the status bar shows as "building the new run…"
    wait_for_frame(qtbot, controller, timeout=5000)
    assert controller.waiting_s() is None
    controller.apply({"width": 3}, structural=False)  # a live change awaits no new run
    assert controller.waiting_s() is None
