"""Guards against a PySide6 release that aborts after a few hundred cross-thread signal emits
(6.12.0 with Python 3.11 does: "Fatal Python error: bool_dealloc"). Run in a subprocess, so such an
abort fails this test instead of killing the whole test session."""
import subprocess
import sys

SCRIPT = r"""
import os, threading
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtCore import QObject, Signal, QCoreApplication, Qt
import pyqtgraph as pg
import numpy as np
from PySide6.QtWidgets import QApplication

class Emitter(QObject):
    fired = Signal(object, bool)

app = QApplication([])
received = []
e = Emitter()
e.fired.connect(lambda v, b: received.append(b), Qt.QueuedConnection)
def spam():
    for i in range(5000):
        e.fired.emit({"i": i}, bool(i % 2))
t = threading.Thread(target=spam); t.start(); t.join()
for _ in range(50):
    app.processEvents()
img = pg.ImageItem()
for i in range(2000):  # setImage emits internally
    img.setImage(np.random.rand(8, 8))
print("received", len(received))
"""


def test_thousands_of_signal_emits_do_not_abort_the_interpreter():
    proc = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "received 5000" in proc.stdout
