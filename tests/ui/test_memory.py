"""The app's window keeps what lives all session out of Python's full garbage collections (each walk
over every object held the GUI thread about 300 ms with every lab open); a test's window does not."""
import gc
import os
import subprocess
import sys

import pytest

from playground.ui.main_window import MainWindow


def test_the_apps_window_moves_its_long_lived_objects_out_of_the_collectors_walks(qtbot):
    gc.unfreeze()
    win = MainWindow(lab_id="perceptron", restore=False, freeze_long_lived=True)
    qtbot.addWidget(win)
    try:
        after_first_lab = gc.get_freeze_count()
        assert after_first_lab > 10_000  # the modules and the first lab's view
        win.open_lab("classify")
        assert gc.get_freeze_count() > after_first_lab  # a lab's view, once built, joins them
    finally:
        win.close()
        gc.unfreeze()


def test_a_window_built_by_a_test_freezes_nothing(qtbot):
    gc.unfreeze()
    win = MainWindow(lab_id="perceptron", restore=False)
    qtbot.addWidget(win)
    win.open_lab("classify")
    assert gc.get_freeze_count() == 0
    win.close()


_FREED_BLOCKS = r"""
import sys
import numpy as np
if sys.argv[1] == "set":
    from playground.ui.memory import give_freed_blocks_back
    assert give_freed_blocks_back()
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
first = [np.ones(1 << 17) for _ in range(2)]  # 1 MiB each; glibc's default raises its threshold here
del first
start, keep = rss(), []
for i in range(200):  # frames, some kept a while, and small blocks that stay, as a session makes them
    keep.append(np.ones(1 << 17))
    keep.append(np.ones(64))
    if i % 2:
        del keep[-4]  # the frame before this one
keep = [block for block in keep if block.size == 64]  # every frame freed
print(rss() - start)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator")
def test_freed_frame_sized_blocks_go_back_to_the_system():
    def growth(mode: str) -> float:
        out = subprocess.run([sys.executable, "-c", _FREED_BLOCKS, mode], capture_output=True, text=True,
                             check=True, cwd=os.path.dirname(os.path.dirname(os.path.dirname(__file__))))
        return float(out.stdout.strip())

    default = growth("default")
    if default < 50:
        pytest.skip(f"this allocator gives the blocks back by itself (+{default:.0f} MiB)")
    assert growth("set") < 10  # 200 MiB made and freed, none of it kept


def test_garbage_is_collected_by_the_event_loop_not_in_the_middle_of_a_qt_call(qtbot):
    """An automatic collection inside QObject::disconnect freed a QMenu that waited for the lock
    the disconnect held: a hang for good. Collections are off and the event loop runs them."""
    import gc
    import weakref

    from PySide6.QtWidgets import QApplication

    from playground.ui.app import make_app

    assert make_app() is QApplication.instance()
    assert not gc.isenabled()

    class Cycle:
        pass

    probe = Cycle()
    probe.me = probe
    gone = weakref.ref(probe)
    del probe
    assert gone() is not None  # nothing collects it outside the event loop

    def collected() -> bool:
        for _ in range(1000):  # the app makes garbage all the time: over the collector's threshold
            junk = Cycle()
            junk.me = junk
        return gone() is None

    qtbot.waitUntil(collected, timeout=5000)
