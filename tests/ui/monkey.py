"""A seeded random-action test of the real window: every lab, every control, the transport, themes,
export, experiment files (valid and broken) and worker kills, as an impatient user would mix them.

The window is playground.ui.main_window.MainWindow with its real worker process. Actions come from a
`random.Random(seed)`, so a failure replays with the same seed. Every lab of the registry takes part
(a lab added later joins by itself), and every control of a lab comes from its PARAMS, with valid
values and with garbage (out of range, malformed, empty and overlong lists).

What counts as a failure:
  * an exception that reaches sys.excepthook (the app installs one that turns it into a message);
  * a worker that stops answering (a probe reopens the session and waits for a frame or an error);
  * the GUI thread stalling over a second (a 10 ms QTimer measures the gaps between its ticks);
  * a file the app saved that does not reopen, or a broken file that opens, or an open that raises;
  * a message with a traceback (a session or a view raised where it should have refused a value);
  * memory (VmRSS of this process) growing beyond a bound after the warm-up.
Modal message boxes would block a scripted run: the window's `_message` is replaced by a recorder.

    python -m tests.ui.monkey --actions 10000 --seed 3      (or: python tests/ui/monkey.py ...)

prints the actions, the freezes over 250 ms and over 1 s, the worst gap, memory at start and end,
and every finding with its seed, action number and action. tests/ui/test_monkey.py runs a short one.
"""
from __future__ import annotations

import argparse
import faulthandler
import gc
import json
import math
import os
import random
import signal
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, field

FREEZE_NOTE_S = 0.25  # gaps worth listing
FREEZE_FAIL_S = 1.0  # a GUI thread blocked this long is a failure...
SETTLE_S = 3.0  # idle time after the warm-up's lab openings, before memory is measured
# ...when it was busy itself for at least this share of the bound. On a machine with more runnable
# processes than cores (shared CI, several engineers' tests) a 1.2 s gap may hold 0.2 s of our own
# work: that is the machine, said in the report but not failed. On a machine that is not busy every
# gap over the bound fails, CPU or not (a blocking pipe write, a lock); a GUI thread stuck for good is
# the watchdog's (DEADLOCK_S) and a silent worker the probe's, whatever the load.
FREEZE_CPU_SHARE = 0.5
PROBE_TIMEOUT_S = 45.0  # a reopened session must answer within this (a restart imports torch)
DEADLOCK_S = 60.0  # no tick at all for this long: the GUI thread is stuck for good
LIST_GARBAGE = ["", ",,,", " , ,", "zzz", "1,,x", "-1", "a b c", "nan", "1e308"]
NUMBER_GARBAGE = ["abc", "0.5.5", "1e308", "-1e308", "nan", "inf", "", "12abc", "0x10"]


def rss_mb() -> float:
    """This process's resident memory, from /proc/self/status (Linux), in MiB."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return float("nan")


def _worker_stack(pid: int | None) -> str:
    """Where a silent worker is, if py-spy is installed (a diagnosis aid, not a dependency)."""
    import shutil
    import subprocess

    if pid is None or shutil.which("py-spy") is None:
        return ""
    try:
        out = subprocess.run(["py-spy", "dump", "--pid", str(pid)], capture_output=True, text=True,
                             timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
    frames = [line.strip() for line in out.splitlines() if line.strip().startswith(("Thread", "  ", ""))]
    return " / ".join(f for f in frames if f)[:1500]


def _process_cpu(pid: int | None) -> float:
    """CPU seconds (user + system) a process has used, from /proc/PID/stat; 0 if unknown."""
    if pid is None:
        return 0.0
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _machine_busy() -> bool:
    """More runnable processes than cores over the last minute."""
    try:
        return os.getloadavg()[0] > (os.cpu_count() or 1)
    except OSError:
        return False


@dataclass
class Finding:
    seed: int
    action_no: int
    action: str
    symptom: str

    def __str__(self) -> str:
        return f"seed {self.seed}, action {self.action_no} ({self.action}): {self.symptom}"


@dataclass
class Report:
    seed: int
    actions: int = 0
    freezes_note: list = field(default_factory=list)  # (gap s, GUI-thread CPU s in it, action no, action)
    freezes_fail: list = field(default_factory=list)
    freezes_exempt: list = field(default_factory=list)  # over 1 s, in an action exempted by the caller
    freezes_starved: list = field(default_factory=list)  # over 1 s of wall time, little of it ours
    seconds_by_action: dict = field(default_factory=dict)
    warnings: dict = field(default_factory=dict)  # warning text -> count (printed, not failures)
    worst_gap: float = 0.0
    worst_gap_action: str = ""
    rss_start: float = float("nan")
    rss_warm: float = float("nan")
    rss_end: float = float("nan")
    findings: list = field(default_factory=list)
    messages: list = field(default_factory=list)  # (title, text) of every message the window showed
    saved_files: int = 0
    reopened_files: int = 0
    broken_files_refused: int = 0
    kills: int = 0
    probes: int = 0
    elapsed: float = 0.0
    counts: dict = field(default_factory=dict)
    gc_pauses: list = field(default_factory=list)  # (seconds, generation, action) of collections > 50 ms

    def ok(self, rss_growth_mb: float) -> bool:
        return not self.findings and not self.freezes_fail and self.rss_growth() <= rss_growth_mb

    def rss_growth(self) -> float:
        return self.rss_end - self.rss_warm if math.isfinite(self.rss_warm) else 0.0

    def summary(self) -> str:
        lines = [f"seed {self.seed}: {self.actions} actions in {self.elapsed:.1f} s",
                 f"freezes > {FREEZE_NOTE_S * 1000:.0f} ms: {len(self.freezes_note)}, "
                 f"> {FREEZE_FAIL_S:.0f} s: {len(self.freezes_fail)} (+ {len(self.freezes_starved)} with the "
                 f"GUI thread mostly waiting for a CPU); worst gap {self.worst_gap * 1000:.0f} ms "
                 f"({self.worst_gap_action})",
                 f"memory: {self.rss_start:.0f} MiB at start, {self.rss_warm:.0f} MiB after warm-up, "
                 f"{self.rss_end:.0f} MiB at end (growth {self.rss_growth():+.0f} MiB)",
                 f"files: {self.saved_files} saved, {self.reopened_files} reopened, "
                 f"{self.broken_files_refused} broken ones refused; worker kills {self.kills}; probes {self.probes}",
                 "actions: " + ", ".join(f"{k} {v}" for k, v in sorted(self.counts.items())),
                 "seconds by action (with the pause after it): "
                 + ", ".join(f"{k} {v:.1f}" for k, v in sorted(self.seconds_by_action.items(), key=lambda kv: -kv[1]))]
        if self.gc_pauses:
            worst = max(self.gc_pauses)
            lines.append(f"garbage collections over 50 ms: {len(self.gc_pauses)}, worst {worst[0] * 1000:.0f} ms "
                         f"(generation {worst[1]}, {worst[2]})")
        for text, n in sorted(self.warnings.items(), key=lambda kv: -kv[1])[:10]:
            lines.append(f"warning x{n}: {text}")
        for gap, cpu, no, action in self.freezes_exempt:
            lines.append(f"freeze (exempt here) {gap * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU) at action {no} ({action})")
        for gap, cpu, no, action in self.freezes_starved:
            lines.append(f"slow (machine busy) {gap * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU) at action {no} ({action})")
        for gap, cpu, no, action in self.freezes_fail:
            lines.append(f"FREEZE {gap * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU) at action {no} ({action})")
        for f in self.findings:
            lines.append(f"FINDING {f}")
        return "\n".join(lines)


class Monkey:
    """Drives one MainWindow with seeded random actions; `run(n)` returns a Report."""

    def __init__(self, seed: int, folder: str, window=None, kills: bool = True, broken_files: bool = True,
                 max_kills: int | None = None, pauses: tuple = (0.0, 0.01, 0.03, 0.08, 0.15),
                 freeze_exempt: tuple = ()):
        from PySide6.QtCore import Qt, QTimer

        from playground.registry import LABS
        from playground.ui.app import install_excepthook, make_app

        self.app = make_app()
        self.rng = random.Random(seed)
        self.seed = seed
        self.folder = folder
        self.kills = kills
        self.max_kills = max_kills
        self.pauses = pauses
        # Actions whose freezes are listed but not failures here (a known, reported freeze that a
        # dedicated test tracks): their names' first words.
        self.freeze_exempt = tuple(freeze_exempt)
        self.broken_files = broken_files
        self.labs = [lab.id for lab in LABS]
        self.report = Report(seed=seed, rss_start=rss_mb())
        self.action_no = 0
        self._recent: list[str] = []  # the last actions, named in a finding
        self.action = "start"
        self._answers = 0  # frames, errors and restarts seen: the worker is alive
        self._saved: list[str] = []
        self._file_no = 0
        if window is None:
            from playground.ui.main_window import MainWindow

            gc.collect()  # what earlier work (other tests) left is freed here, not frozen with the window

            # as the app builds it: what lives all session is kept out of the collector's walks
            window = MainWindow(lab_id=self.labs[0], restore=False, freeze_long_lived=True)
        self.win = window
        self.win.resize(1280, 800)
        self.win.show()

        # Message boxes are recorded, never shown: a modal box would stop a scripted run.
        def record(icon, title, text, detail=""):
            self.report.messages.append((title, text))
            self.win.last_message = text
            if "Traceback" in (detail or "") or text.startswith("Unexpected error"):
                self._find(f"message '{title}': {text.splitlines()[0][:300]}"
                           + (f" | {detail.strip().splitlines()[-1][:200]}" if detail else ""))
            return None

        self.win._message = record
        # The app's own excepthook (it shows a message) wrapped so that reaching it is a failure.
        install_excepthook(self.win)
        app_hook = sys.excepthook

        def hook(exc_type, exc, tb):
            self._find("exception reached the excepthook: "
                       + "".join(traceback.format_exception_only(exc_type, exc)).strip()
                       + " | " + "".join(traceback.format_tb(tb)[-2:]).strip().replace("\n", " / ")[:400])
            try:
                app_hook(exc_type, exc, tb)
            except Exception:  # noqa: BLE001
                pass

        self._old_hook = sys.excepthook
        sys.excepthook = hook

        c = self.win.controller
        for sig in (c.snapshot_ready, c.error_raised, c.worker_restarted, c.diverged, c.finished):
            sig.connect(self._answered)

        # The GUI thread's pulse: a 10 ms tick; a long gap between ticks is a freeze.
        self._last_tick = time.perf_counter()
        self._last_cpu = time.thread_time()  # the GUI thread's own CPU time
        self._tick = QTimer()
        self._tick.setTimerType(Qt.PreciseTimer)
        self._tick.setInterval(10)
        self._tick.timeout.connect(self._on_tick)
        self._tick.start()
        self._stop = threading.Event()
        self._watchdog = threading.Thread(target=self._watch, name="monkey-watchdog", daemon=True)
        self._watchdog.start()

    # --- bookkeeping ---------------------------------------------------------------------------------
    def _find(self, symptom: str) -> None:
        finding = Finding(self.seed, self.action_no, self.action, symptom)
        self.report.findings.append(finding)
        if self.progress_every:
            print(f"FINDING {finding}"[:3000], flush=True)

    def _answered(self, *_args) -> None:
        self._answers += 1

    def _on_tick(self) -> None:
        now = time.perf_counter()
        self._gap_until(now)

    def _gap_until(self, now: float) -> None:
        cpu = time.thread_time()
        gap, cpu_gap = now - self._last_tick, cpu - self._last_cpu
        self._last_tick, self._last_cpu = now, cpu
        r = self.report
        if gap > r.worst_gap:
            r.worst_gap, r.worst_gap_action = gap, f"#{self.action_no} {self.action}"
        entry = (gap, cpu_gap, self.action_no, self.action)
        if gap > FREEZE_NOTE_S:
            r.freezes_note.append(entry)
        if gap > FREEZE_FAIL_S and not self._excused:
            if self.action.split(" ")[0] in self.freeze_exempt:
                r.freezes_exempt.append(entry)
            elif cpu_gap < FREEZE_CPU_SHARE * FREEZE_FAIL_S and _machine_busy():
                r.freezes_starved.append(entry)
            else:
                r.freezes_fail.append(entry)

    progress_every = 0  # print a progress line every so many actions (the command line sets it)
    _excused = False  # the first opening of a lab imports its modules: slow once, not a freeze

    def _watch(self) -> None:
        """A GUI thread stuck for good never returns to the test: say where it is, then end."""
        while not self._stop.wait(1.0):
            if time.perf_counter() - self._last_tick > DEADLOCK_S:
                sys.stderr.write(f"\nDEADLOCK: no GUI tick for {DEADLOCK_S:.0f} s at seed {self.seed}, action "
                                 f"{self.action_no} ({self.action}); every thread's stack:\n")
                faulthandler.dump_traceback(all_threads=True)
                sys.stderr.flush()
                os._exit(70)

    def pump(self, seconds: float) -> None:
        """Let the event loop run (frames arrive, timers fire) for `seconds`."""
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(max(0, int(seconds * 1000)), loop.quit)
        loop.exec()

    def close(self) -> None:
        self._stop.set()
        self._tick.stop()
        sys.excepthook = self._old_hook
        try:
            self.win.close()
        except Exception:  # noqa: BLE001
            pass
        gc.unfreeze()  # this process goes on (other tests): its objects are collected as usual again

    # --- the run -------------------------------------------------------------------------------------
    def run(self, actions: int, probe_every: int = 40) -> Report:
        import warnings

        def count(message, category, filename, lineno, file=None, line=None):
            # counted, not kept: a long run must not grow its memory with warning records
            text = f"{os.path.basename(filename)}:{lineno}: {category.__name__}: {message}"
            self.report.warnings[text] = self.report.warnings.get(text, 0) + 1

        started = [0.0]

        def timed(phase, info):
            # A full collection holds the GUI thread: its pauses are reported beside the freezes.
            if phase == "start":
                started[0] = time.perf_counter()
            elif time.perf_counter() - started[0] > 0.05:
                self.report.gc_pauses.append((time.perf_counter() - started[0], info["generation"], self.action))

        gc.callbacks.append(timed)
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("always")
                warnings.showwarning = count
                return self._run(actions, probe_every)
        finally:
            gc.callbacks.remove(timed)

    def _run(self, actions: int, probe_every: int) -> Report:
        t0 = time.perf_counter()
        self._excused = True  # the window's first show and first frame: start-up, not a freeze
        self.pump(0.2)
        self.probe("first frame")
        # Warm-up: every lab once (imports, first views), then memory is measured from there.
        for lab_id in self.labs:
            self._do("open lab " + lab_id, lambda lab_id=lab_id: self.open_lab(lab_id))
        # ... and the last one's first frames drawn: measured right after its open, the next two
        # seconds of any action (waiting included) added some 55 MiB that never grew again after,
        # which a growth bound then counted as the run's.
        self.pump(SETTLE_S)
        self.report.rss_warm = rss_mb()
        actions_table = self._actions()
        names = [a[0] for a in actions_table]
        weights = [a[1] for a in actions_table]
        fns = {a[0]: a[2] for a in actions_table}
        for i in range(actions):
            name = self.rng.choices(names, weights)[0]
            if name == "kill" and self.max_kills is not None and self.report.kills >= self.max_kills:
                name = "step"
            t = time.perf_counter()
            self._do(name, fns[name])
            self.pump(self.rng.choice(self.pauses))
            spent = self.report.seconds_by_action
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - t
            if probe_every and (i + 1) % probe_every == 0:
                self.probe("periodic")
            if self.progress_every and (i + 1) % self.progress_every == 0:
                r = self.report
                print(f"[{i + 1} actions, {time.perf_counter() - t0:.0f} s] freezes > 250 ms {len(r.freezes_note)}, "
                      f"> 1 s {len(r.freezes_fail)} (+{len(r.freezes_starved)} machine busy), worst "
                      f"{r.worst_gap * 1000:.0f} ms, RSS {rss_mb():.0f} MiB, findings {len(r.findings)}", flush=True)
        self.probe("final")
        for path in self._saved:
            self._check_reopens(path, final=True)
        self.report.rss_end = rss_mb()
        self.report.elapsed = time.perf_counter() - t0
        return self.report

    def _do(self, name: str, fn) -> None:
        # the gaps so far belong to the previous action (and its first frame, if it opened a lab)
        self._gap_until(time.perf_counter())
        self._excused = False
        self.action_no += 1
        self._recent = (self._recent + [f"#{self.action_no} {name}"])[-8:]
        self.report.actions = self.action_no
        self.report.counts[name.split(" ")[0]] = self.report.counts.get(name.split(" ")[0], 0) + 1
        self.action = name
        try:
            detail = fn()
        except Exception as exc:  # noqa: BLE001 - what a user's click would have raised
            self._find(f"the action raised {type(exc).__name__}: {exc} | "
                       + traceback.format_exc().strip().splitlines()[-3].strip()[:300])
            detail = None
        if detail:
            self.action = f"{name} {detail}"
            self._recent[-1] = f"#{self.action_no} {self.action}"[:160]
        # the time the action itself held the GUI thread counts as a gap too
        self._gap_until(time.perf_counter())

    def _actions(self):
        table = [
            ("lab", 3, self.switch_lab),
            ("param", 40, self.change_param),
            ("play", 8, lambda: self.win.play_action.trigger()),
            ("step", 6, lambda: self.win.step_action.trigger()),
            ("back", 3, lambda: self.win.back_action.trigger()),
            ("reset", 4, lambda: self.win.reset_action.trigger()),
            ("speed", 3, self.change_speed),
            ("presentation", 2, self.toggle_presentation),
            ("dark", 2, lambda: self.win.dark_action.trigger()),
            ("controls", 1, lambda: self.win.controls_action.trigger()),
            ("export", 4, self.export),
            ("save", 4, self.save),
            ("wait", 5, lambda: self.pump(self.rng.uniform(0.1, 0.6))),
        ]
        if self.broken_files:
            table.append(("open-broken", 4, self.open_broken))
        if self.kills:
            table.append(("kill", 1, self.kill_worker))
        return table

    # --- actions -------------------------------------------------------------------------------------
    def open_lab(self, lab_id: str) -> str:
        self._excused = lab_id not in self.win.views  # first build of a lab: its imports
        self.win.open_lab(lab_id, staged=True)  # as a click in the lab list does
        return ""

    def switch_lab(self) -> str:
        lab_id = self.rng.choice(self.labs)
        self.open_lab(lab_id)
        return lab_id

    def change_param(self) -> str:
        view = self.win.current
        panel = view.panel
        if not panel.params:
            return "(no controls)"
        p = self.rng.choice(panel.params)
        raw = self.value_for(p)
        panel.set_value_interactively(p.name, raw)
        return f"{view.info.id}.{p.name}={raw!r}"[:200]

    def value_for(self, p):
        """A value for a control: mostly valid, often garbage (from the declared constraints)."""
        rng = self.rng
        garbage = rng.random() < 0.3
        if p.kind == "choice":
            return "not-a-choice" if garbage else rng.choice(p.choices)
        if p.kind == "bool":
            return rng.choice(("maybe", 2)) if garbage else rng.random() < 0.5
        if p.kind in ("int", "float"):
            lo = p.minimum if p.minimum is not None else -1000
            hi = p.maximum if p.maximum is not None else 1000
            if garbage:
                return rng.choice(NUMBER_GARBAGE + [lo - 1, hi + 1, hi * 10 + 1])
            if p.kind == "float" and p.steps and rng.random() < 0.6:
                return rng.choice(p.steps)
            if hi - lo > 1000 and rng.random() < 0.8:
                # wide ranges (a seed, a stop epoch): mostly modest values, as people type them
                x = lo + (min(hi, lo + 200) - lo) * rng.random()
            else:
                x = lo + (hi - lo) * rng.random()
            return int(round(x)) if p.kind == "int" else round(x, 4)
        if p.kind == "int_list":
            if garbage:
                return rng.choice(LIST_GARBAGE + [",".join(["2"] * ((p.max_items or 8) + 1)),
                                                  f"{(p.item_maximum or 10) + 1}", "0"])
            n = rng.randint(p.min_items or 0, p.max_items or 4)
            a, b = p.item_minimum or 1, min(p.item_maximum or 16, 16)
            return ",".join(str(rng.randint(a, b)) for _ in range(n))
        if p.kind in ("multi_choice", "choice_list"):
            if garbage:
                return rng.choice(LIST_GARBAGE + [",".join(p.choices) + ",extra", ",".join(p.choices * 3)])
            hi = min(p.max_items or len(p.choices), len(p.choices) if p.kind == "multi_choice" else 8)
            n = rng.randint(p.min_items or 0, max(p.min_items or 0, hi))
            if p.kind == "multi_choice":
                return ",".join(rng.sample(list(p.choices), min(n, len(p.choices))))
            return ",".join(rng.choice(p.choices) for _ in range(n))
        return "?"

    def change_speed(self) -> str:
        i = self.rng.randrange(self.win.speed.count())
        self.win.speed.setCurrentIndex(i)
        return self.win.speed.itemText(i)

    def toggle_presentation(self) -> str:
        on = not self.win.themes.presentation
        self.win.set_presentation(on, full_screen=False)  # full screen means nothing offscreen
        return "on" if on else "off"

    def _path(self, suffix: str) -> str:
        self._file_no += 1
        return os.path.join(self.folder, f"f{self._file_no:05d}{suffix}")

    def export(self) -> str:
        """What the export dialog's Save does, without the dialog: a figure or the whole panel."""
        from playground.ui.export import ExportError, export_figure, export_widget_png

        view = self.win.current
        figures = view.figures()
        try:
            if not figures or self.rng.random() < 0.2:
                path = self._path(".png")
                export_widget_png(view, path)
                what = "whole panel"
            else:
                name = self.rng.choice(list(figures))
                path = self._path(self.rng.choice((".png", ".svg")))
                export_figure(figures[name], path, self.rng.choice((320, 1280, 1920)))
                what = name
        except ExportError as exc:  # the dialog shows these; they are not failures
            return f"refused: {exc}"
        if not os.path.exists(path) or os.path.getsize(path) == 0:
            self._find(f"export of {what} reported success but {path} is missing or empty")
        else:
            os.remove(path)  # a long run must not fill the disk
        return f"{view.info.id}: {what} -> {os.path.basename(path)}"

    def save(self) -> str:
        view = self.win.current
        if not view.trains:
            return "(lab does not train)"
        path = self._path(".npexp.json")
        before = len(self.report.messages)
        saved = self.win.save_path(path)
        if saved is None:
            # the save waits for the worker's frame of the current settings, then writes
            deadline = time.perf_counter() + PROBE_TIMEOUT_S
            while (not os.path.exists(path) and len(self.report.messages) == before
                   and time.perf_counter() < deadline):
                self.pump(0.02)
            saved = os.path.exists(path)
            if not saved and len(self.report.messages) == before:
                self._find(f"a save neither wrote {os.path.basename(path)} nor said why within "
                           f"{PROBE_TIMEOUT_S:.0f} s")
        if saved:
            self.report.saved_files += 1
            self._check_reopens(path)
            self._saved.append(path)
            if len(self._saved) > 6:
                old = self._saved.pop(0)
                if os.path.exists(old):
                    os.remove(old)
            return f"{view.info.id} -> {os.path.basename(path)}"
        said = self.report.messages[before:]
        return f"refused ({said[-1][1][:120]!r})" if said else "refused"

    def _check_reopens(self, path: str, final: bool = False) -> None:
        """Every file the app saved must load back (checked without touching the window) and, now
        and then, reopen in the window."""
        from playground.core.train.experiment import ExperimentError, load_experiment

        self._gap_until(time.perf_counter())  # the app's part so far counts as usual
        try:
            load_experiment(path)
        except ExperimentError as exc:
            self._find(f"a file the app saved does not reopen: {exc}")
            return
        finally:
            # Parsing the file here is this test's own check (1.1 s for a deep race's weights on
            # the GUI thread, which the app itself never does: its opens of large files are read
            # by the worker): the app's time starts again after it.
            self._last_tick, self._last_cpu = time.perf_counter(), time.thread_time()
        if final or self.rng.random() < 0.5:
            before = len(self.report.messages)
            # a file over the window's limit is read by the worker and answers later: _open waits
            if not self._open(path):
                self._find(f"the window refused a file it saved: {self.report.messages[before:]}")
                return
        self.report.reopened_files += 1

    def _open(self, path: str) -> bool:
        """Open as File > Open does. A large file is read by the worker behind a progress dialog
        (open_path answers None): wait for its answer; refused means the window said so."""
        before = len(self.report.messages)
        t0 = time.perf_counter()
        result = self.win.open_path(path)
        self._open_gui_s = time.perf_counter() - t0  # how long the GUI thread itself was held
        if result is not None:
            return bool(result)
        deadline = time.perf_counter() + PROBE_TIMEOUT_S

        def refused() -> bool:
            return any(title.startswith("Could not open") for title, _ in self.report.messages[before:])

        # Until the answer: another message meanwhile (a worker error of the lab) is not one; taking it
        # for the end of the wait counted a file still being read, and refused later, as opened.
        while (getattr(self.win, "open_progress", None) is not None and not refused()
               and time.perf_counter() < deadline):
            self.pump(0.02)
        if getattr(self.win, "open_progress", None) is not None and not refused():
            self._find(f"opening {os.path.basename(path)} in the worker neither finished nor failed "
                       f"within {PROBE_TIMEOUT_S:.0f} s")
            return False
        return not refused()

    _open_gui_s = 0.0

    def open_broken(self) -> str:
        """A damaged or wrong file must be refused with a message, and change nothing."""
        kind = self.rng.choice(("truncated", "wrong lab", "nan weights", "fifo", "not json", "empty",
                                "unknown lab", "wrong shape"))
        path = self._path(".npexp.json")
        source = self._saved[-1] if self._saved else None
        doc = None
        if source and os.path.exists(source):
            with open(source, encoding="utf-8") as f:
                text = f.read()
            doc = json.loads(text)
        else:
            text = ""
        if kind == "fifo":
            os.mkfifo(path)
        elif kind == "truncated" and text:
            with open(path, "w") as f:
                f.write(text[: self.rng.randrange(1, max(2, len(text) - 1))])
        elif kind == "wrong lab" and doc:
            doc["lab"] = self.rng.choice([lab for lab in self.labs if lab != doc["lab"]] or self.labs)
            with open(path, "w") as f:
                json.dump(doc, f)
        elif kind == "nan weights" and doc and doc.get("state"):
            name = next(iter(doc["state"]))
            entry = doc["state"][name]
            if isinstance(entry.get("data"), list) and entry["data"]:
                entry["data"][0] = "NaN"
            text = json.dumps(doc).replace('"NaN"', "NaN")
            with open(path, "w") as f:
                f.write(text)
        elif kind == "wrong shape" and doc and doc.get("state"):
            name = next(iter(doc["state"]))
            doc["state"][name]["shape"] = [1, 1, 1]
            with open(path, "w") as f:
                json.dump(doc, f)
        elif kind == "unknown lab" and doc:
            doc["lab"] = "no-such-lab"
            with open(path, "w") as f:
                json.dump(doc, f)
        elif kind == "empty":
            open(path, "w").close()
        else:
            kind = "not json"
            with open(path, "w") as f:
                f.write("this is not an experiment {")
        # Reading and rewriting a saved file into a broken copy is this test's own work (seconds for a
        # large one, 4.4 s in a 10,000-action run): the app's time starts at the open.
        self._last_tick, self._last_cpu = time.perf_counter(), time.thread_time()
        title_before = self.win.windowTitle()
        t0 = time.perf_counter()
        opened = self._open(path)
        took = self._open_gui_s
        if opened and kind != "wrong lab":
            self._find(f"a broken file ({kind}) was opened")
        elif opened:
            # a file saved in one lab relabelled as another may happen to fit it (same parameter
            # names and shapes); it must then genuinely load there
            pass
        else:
            self.report.broken_files_refused += 1
            if self.win.windowTitle() != title_before:
                self._find(f"a refused file ({kind}) changed the window title")
        if took > FREEZE_FAIL_S:
            self._find(f"opening a broken file ({kind}) held the window {took:.1f} s")
        try:
            os.remove(path)
        except OSError:
            pass
        return kind

    def kill_worker(self) -> str:
        pid = self.win.controller.pid
        if pid is None:
            return "(no worker)"
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            return f"(pid {pid} already gone)"
        self.report.kills += 1
        return f"pid {pid}"

    def probe(self, why: str) -> None:
        """The worker must still answer: reopen the open lab's session and wait for a frame, an
        error or a restart notice."""
        view = self.win.current
        if view is None or not view.trains:
            return
        self.report.probes += 1
        before = self._answers
        pid = self.win.controller.pid
        cpu0, t0 = _process_cpu(pid), time.perf_counter()
        view.resume_session(self.win.device)
        deadline = time.perf_counter() + PROBE_TIMEOUT_S
        while self._answers == before and time.perf_counter() < deadline:
            self.pump(0.05)
        if self._answers == before:
            share = (_process_cpu(pid) - cpu0) / max(1e-9, time.perf_counter() - t0)
            # Busy (it computes: an epoch or a frame of this lab takes that long) or hung (it waits
            # on something with no CPU at all: a deadlock), told apart by the worker's CPU time.
            state = (f"busy computing, {share:.0%} of a CPU" if share > 0.05 else
                     f"HUNG: idle ({share:.0%} of a CPU) yet silent")
            stack = _worker_stack(pid)
            self._find(f"the worker did not answer within {PROBE_TIMEOUT_S:.0f} s ({why} probe, "
                       f"alive={self.win.controller.is_alive()}, {state}) in lab {view.info.id}; the last "
                       "actions: " + " | ".join(self._recent) + (f"; worker stack: {stack}" if stack else ""))
            # a fresh worker, so that the rest of the run still tests something
            self.kill_worker()
            self.pump(0.2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.ui.monkey", description=__doc__.split("\n\n")[0])
    parser.add_argument("--actions", type=int, default=1000, help="random actions to run (default 1000)")
    parser.add_argument("--seed", type=int, default=0, help="the random seed (default 0)")
    parser.add_argument("--no-kills", action="store_true", help="never kill the worker")
    parser.add_argument("--progress", type=int, default=500, metavar="N",
                        help="print a progress line every N actions (default 500, 0: none)")
    parser.add_argument("--rss-growth-mb", type=float, default=400.0,
                        help="memory growth after warm-up that counts as a failure (default 400)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("PLAYGROUND_SETTINGS_DIR", tempfile.mkdtemp(prefix="playground-monkey-"))
    with tempfile.TemporaryDirectory(prefix="playground-monkey-files-") as folder:
        monkey = Monkey(args.seed, folder, kills=not args.no_kills)
        monkey.progress_every = args.progress
        try:
            report = monkey.run(args.actions)
        finally:
            monkey.close()
    print(report.summary())
    for gap, cpu, no, action in report.freezes_note[:50]:
        print(f"  gap {gap * 1000:.0f} ms ({cpu * 1000:.0f} ms CPU) at action {no} ({action})")
    return 0 if report.ok(args.rss_growth_mb) else 1


if __name__ == "__main__":
    # `python tests/ui/monkey.py` from the repository root: make `playground` importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    sys.exit(main())
