"""Run by tests/ui/test_worker_channel.py in its own process (so a deadlock is a timeout there, not a
hung test run): large messages both ways at once, for many rounds, through the real worker."""
import sys

import numpy as np
from PySide6.QtCore import QCoreApplication, QTimer

from playground.ui.training import TrainingController


def main(rounds: int) -> int:
    app = QCoreApplication(sys.argv)
    c = TrainingController()
    state = {"sent": 0, "frames": 0, "last": None, "ready": False, "errors": []}
    payload = np.zeros(64_000)  # 0.5 MB, like a 64-unit, 30-layer network's weights

    def on_ready(_info):
        c.open_session("fake_sessions:BigFrameSession", {"width": 50_000})  # 0.4 MB frames
        c.set_speed(None)
        c.play()
        state["ready"] = True

    def on_frame(snap):
        state["frames"] += 1
        state["last"] = snap

    def pump():
        if not state["ready"]:
            return
        if state["sent"] < rounds:
            for _ in range(4):  # several large writes per GUI turn, while frames flow back
                payload[0] = state["sent"] + 1
                c.custom("load", payload=payload)
                state["sent"] += 1
            return
        last = state["last"]
        if last is not None and last["received"] == rounds:
            app.quit()

    c.worker_ready.connect(on_ready)
    c.snapshot_ready.connect(on_frame)
    c.error_raised.connect(lambda m, d: state["errors"].append(m))
    timer = QTimer()
    timer.timeout.connect(pump)
    timer.start(1)
    app.exec()
    c.shutdown()
    last = state["last"]
    expected = rounds * (rounds + 1) / 2
    print(f"frames={state['frames']} received={last['received']} checksum={last['checksum']} "
          f"expected={expected} errors={state['errors']}")
    return 0 if last["checksum"] == expected and not state["errors"] else 1


if __name__ == "__main__":
    sys.exit(main(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
