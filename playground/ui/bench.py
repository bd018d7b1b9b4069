"""`playground bench [LAB]`: the speed figures we promise, measured the way a user meets them.

1. Launch: a fresh `python -m playground` process, from its start to the window being visible.
2. Training with the window open and drawing: the worker's epochs per second at full speed.
3. Smoothness while training: the interval between ticks of a 60 Hz timer on the GUI thread (the
   chance to repaint; a stall shows up as a long interval) and between frames actually drawn.
4. For reference, the same session stepped in this process with no window (the engine's ceiling),
   and, where the lab's core defines `bench_reference(params, seconds) -> steps/s`, a plain torch loop
   on the same model, batch and data, so the ratio holds on a noisy machine.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

__all__ = ["run_bench"]


def measure_launch(lab: str, timeout: float = 60.0) -> float | None:
    folder = tempfile.mkdtemp(prefix="playground-bench-")
    env = dict(os.environ, PLAYGROUND_REPORT_LAUNCH="1", PLAYGROUND_SETTINGS_DIR=folder)
    cmd = [sys.executable, "-m", "playground", "--lab", lab, "--screenshot",
           os.path.join(folder, "launch.png"), "--train-seconds", "0.2"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    visible = None
    try:
        for line in proc.stdout:
            if line.startswith("window visible") and visible is None:
                visible = time.perf_counter() - t0
        proc.wait(timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
    return visible


def headless_rate(lab: str, seconds: float = 2.0, params: dict | None = None) -> float:
    import importlib

    from playground.core.train.runner import load_factory
    from playground.registry import get_lab

    core = importlib.import_module(get_lab(lab).core)
    session = load_factory(core.SESSION)(params or {}, device="cpu")
    session.step(5)
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        session.step(1)
        n += 1
        if session.finished:
            session.reset()
    return n / (time.perf_counter() - t0)


def plain_reference(lab: str, params: dict | None, seconds: float) -> float | None:
    """The lab's own plain torch loop on the same model and batch, if it declares one."""
    import importlib

    from playground.registry import get_lab

    core = importlib.import_module(get_lab(lab).core)
    fn = getattr(core, "bench_reference", None)
    return float(fn(params or {}, seconds)) if fn is not None else None


def _stats(intervals: list[float]) -> tuple[float, float]:
    if not intervals:
        return float("nan"), float("nan")
    return statistics.median(intervals) * 1000, max(intervals) * 1000


def run_bench(lab: str, seconds: float = 5.0, params: dict | None = None, out=print, compare: int = 0) -> dict:
    from playground.core import i18n as core_i18n
    from playground.ui.app import make_app
    from playground.ui.i18n import install_language, tr

    app = make_app()
    language = install_language(core_i18n.language())  # `playground --language fr bench`: French lines
    if language == "fr":  # 6,837 -> 6 837: French groups digits with a (narrow) space
        import re

        out = (lambda write: lambda line: write(re.sub(r"(?<=\d),(?=\d{3})", "\u202f", line)))(out)
    out(tr("Neural Playground bench: lab '{lab}', {seconds:g} s at full speed, {cores} CPU cores", lab=lab, seconds=seconds, cores=os.cpu_count())
        + (tr(", {compare} configurations side by side", compare=compare) if compare else ""))
    launch = measure_launch(lab)
    out(tr("  launch to visible window:   {launch:.2f} s", launch=launch) if launch else tr("  launch: the window did not report"))

    os.environ.setdefault("PLAYGROUND_SETTINGS_DIR", tempfile.mkdtemp(prefix="playground-bench-"))
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer

    from playground.ui.main_window import MainWindow

    win = MainWindow(lab_id=lab, restore=False, language=language)
    win.resize(1440, 900)
    win.show()
    c = win.controller
    if compare:
        win.open_compare(lab, [dict(params or {}) for _ in range(compare)])
    elif params:
        win.current.set_params(params)
        win.current.start_session("cpu")
    draws: list[float] = []  # what drawing one frame costs the GUI thread
    view = win.current
    receive = view.receive_snapshot

    def timed_receive(snap):
        t0 = time.perf_counter()
        receive(snap)
        draws.append(time.perf_counter() - t0)

    view.receive_snapshot = timed_receive

    loop = QEventLoop()
    first = {"t": None}
    clock = QElapsedTimer()
    clock.start()

    def on_first(_s):
        if first["t"] is None:
            first["t"] = clock.elapsed() / 1000
            loop.quit()

    c.snapshot_ready.connect(on_first)
    QTimer.singleShot(60000, loop.quit)
    loop.exec()
    c.snapshot_ready.disconnect(on_first)
    if first["t"] is None:
        out(tr("  the worker sent no frame within 60 s"))
        win.close()
        return {"lab": lab, "error": "no frame"}
    out(tr("  first frame from the worker: {t:.2f} s after the window (torch loads there)", t=first['t']))

    ticks: list[float] = []
    frames: list[float] = []
    rates: list[float] = []
    tick = QTimer()
    tick.setInterval(16)
    tick.timeout.connect(lambda: ticks.append(time.perf_counter()))

    def on_frame(s):
        frames.append(time.perf_counter())
        if s.get("epochs_per_s"):
            rates.append(s["epochs_per_s"])

    c.snapshot_ready.connect(on_frame)
    win.speed.setCurrentIndex(win.speed.count() - 1)
    c.play()
    tick.start()
    QTimer.singleShot(int(seconds * 1000), loop.quit)
    loop.exec()
    tick.stop()
    c.pause()
    epoch = (c.last_snapshot or {}).get("epoch", 0)
    engine = (c.last_snapshot or {}).get("engine", "?")
    win.close()
    app.processEvents()

    tick_med, tick_worst = _stats([b - a for a, b in zip(ticks, ticks[1:])])
    frame_med, frame_worst = _stats([b - a for a, b in zip(frames[1:], frames[2:])])
    rate = statistics.median(rates) if rates else 0.0
    ceiling = headless_rate(lab, 2.0, params)
    out(tr("  training in the worker:     {rate:,.0f} epochs/s ({engine}; {epoch:,} epochs in {seconds:g} s)", rate=rate, engine=engine, epoch=epoch, seconds=seconds))
    out(tr("  GUI timer tick (60 Hz):     median {tick_med:.1f} ms, worst {tick_worst:.1f} ms", tick_med=tick_med, tick_worst=tick_worst))
    out(tr("  frames drawn:               {rate:.1f}/s, interval median {frame_med:.1f} ms, worst {frame_worst:.1f} ms", rate=len(frames) / seconds, frame_med=frame_med, frame_worst=frame_worst))
    draw_med, draw_worst = _stats(draws[2:])
    out(tr("  drawing one frame:          median {draw_med:.1f} ms, worst {draw_worst:.1f} ms", draw_med=draw_med, draw_worst=draw_worst))
    out(tr("  same session, no window:    {ceiling:,.0f} epochs/s (in this process)", ceiling=ceiling))
    reference = plain_reference(lab, params, 2.0)
    if reference:
        out(tr("  plain torch loop, same work: {reference:,.0f} epochs/s; the lab in the worker is {ratio:.2f}x that", reference=reference, ratio=rate / reference))
    return {"reference_epochs_per_second": reference,
            "ratio_to_reference": (rate / reference) if reference else None,
            "lab": lab, "launch_seconds": launch, "first_frame_seconds": first["t"],
            "epochs_per_second": rate, "engine": engine, "tick_median_ms": tick_med, "tick_worst_ms": tick_worst,
            "frames_per_second": len(frames) / seconds, "frame_median_ms": frame_med,
            "frame_worst_ms": frame_worst, "headless_epochs_per_second": ceiling,
            "draw_median_ms": draw_med, "draw_worst_ms": draw_worst, "compare": compare}
