"""The seeded random-action test, short enough for CI: about 300 actions on the real window and
worker over every lab of the registry (tests/ui/monkey.py has the actions and the checks; run
`python -m tests.ui.monkey --actions 10000 --seed N` for a long one)."""
import os
import re
import sys

import pytest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from monkey import FREEZE_FAIL_S, Monkey  # noqa: E402

RSS_GROWTH_MB = 250  # after the warm-up (every lab opened once); a 300-action run grows ~30-60 MiB

# Findings the monkey made that are reported to the lead and owned by a lab, not fixed yet: the run
# still fails on anything else. Each entry: (pattern on the finding, why it is known).
KNOWN = [
    (re.compile(r"did not answer.*busy computing"),
     "a lab's epoch or frame at the top of its declared ranges takes tens of seconds and the worker "
     "cannot answer meanwhile (seen: depth measures/predict on wide deep nets, activations race with "
     "units 135+, rnn, segment backward); reported to the lead, owners: those labs"),
]


def _known(finding) -> str | None:
    return next((why for rx, why in KNOWN if rx.search(str(finding))), None)


@pytest.fixture
def monkey(qtbot, tmp_path):
    m = Monkey(seed=20261201, folder=str(tmp_path), max_kills=2, pauses=(0.0, 0.0, 0.01, 0.03))
    qtbot.addWidget(m.win)
    yield m
    m.close()


def test_random_actions_over_every_lab_raise_nothing_freeze_nothing_and_lose_no_file(monkey):
    report = monkey.run(300, probe_every=100)
    print(report.summary())
    unexplained = [f for f in report.findings if _known(f) is None]
    assert not unexplained, "\n".join(map(str, unexplained))
    assert not report.freezes_fail, "\n".join(
        f"GUI froze {gap:.2f} s (> {FREEZE_FAIL_S:.0f} s, {cpu:.2f} s of it busy) at action {no}: {action}"
        for gap, cpu, no, action in report.freezes_fail)
    assert report.rss_growth() <= RSS_GROWTH_MB, report.summary()
    assert report.actions >= 300 and report.probes >= 3
    assert report.counts.get("param", 0) > 80  # the controls were really exercised
    if report.findings:  # all of them known and reported: say so, do not pass silently
        pytest.xfail("; ".join(sorted({_known(f) for f in report.findings})))


def test_theme_switch_with_every_lab_open_stays_responsive(monkey):
    """All the registry's labs open, then dark and presentation mode twice: no gap over the bound
    (it was 1 to 3 s when every open lab was restyled at once, fixed in 78a2c88)."""
    for lab_id in monkey.labs:
        monkey._do("open lab " + lab_id, lambda lab_id=lab_id: monkey.open_lab(lab_id))
    monkey.pump(0.5)
    monkey.freeze_exempt = ()
    for _ in range(2):
        monkey._do("dark", lambda: monkey.win.dark_action.trigger())
        monkey.pump(0.3)
        monkey._do("presentation", monkey.toggle_presentation)
        monkey.pump(0.3)
    monkey._do("wait", lambda: monkey.pump(0.1))
    assert not monkey.report.freezes_fail, monkey.report.freezes_fail
