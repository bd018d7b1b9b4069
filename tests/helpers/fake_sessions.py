"""Sessions that misbehave on purpose, for the runner and worker tests (importable by the worker)."""
import time

import numpy as np

from playground.core.train.params import Param
from playground.core.train.session import TrainingSession

PARAMS = [Param("lr", "lr", "float", 0.1, minimum=0, maximum=1e6, live=True),
          Param("width", "width", "int", 2, minimum=1, maximum=10),
          Param("seed", "seed", "int", 0, minimum=0, maximum=100),
          Param("fail_at", "fail at", "int", -1, minimum=-1, maximum=10**6),
          Param("sleep", "sleep per epoch", "float", 0.0, minimum=0, maximum=1),
          Param("build_sleep", "sleep while building", "float", 0.0, minimum=0, maximum=5)]


def expected_state(params):
    return {"w": (int(params.get("width", 2)),)}


class CountingSession(TrainingSession):
    """Loss = 1 / (epoch + 1) * lr-scaled growth: with lr > 1 it grows until it overflows."""

    PARAMS = PARAMS

    def _build(self):
        if self.params["build_sleep"]:
            time.sleep(self.params["build_sleep"])  # a data set that takes seconds to make
        self.w = np.full(self.params["width"], float(self.params["seed"]))
        self.value = 1.0

    def _train_epoch(self):
        if self.params["sleep"]:
            time.sleep(self.params["sleep"])
        if self.epoch == self.params["fail_at"]:
            raise ZeroDivisionError("the lab's arithmetic failed on purpose")
        with np.errstate(over="ignore"):
            self.value = self.value * (1.0 + self.params["lr"]) ** 4 if self.params["lr"] > 1 else self.value * 0.9
        self.w = self.w + 1
        self.loss = float(self.value)

    def _snapshot(self):
        # what numpy does on overflow in this process (the worker's, when run there)
        return {"w": self.w.copy(), "state": self.state(), "numpy_on_overflow": np.geterr()["over"]}

    def state(self):
        return {"w": self.w.copy()}

    def load_state(self, state, epoch=0):
        self.w = np.asarray(state["w"], float).copy()
        self.epoch = epoch

    def custom(self, name, **kwargs):
        if name == "set_w":
            self.w[int(kwargs["index"])] = float(kwargs["value"])
        else:
            raise ValueError(f"no action {name}")


class CrashingSession(CountingSession):
    """Kills its own process on the first epoch, as a segfault in a native library would."""

    def _train_epoch(self):
        import os

        os._exit(3)


class BigFrameSession(CountingSession):
    """Frames of `width` floats (0.4 MB at 50,000) and a custom action that takes a large payload:
    the shape of a deep network's weights going one way while a frame comes the other."""

    PARAMS = PARAMS[:1] + [Param("width", "width", "int", 50_000, minimum=1, maximum=10**7)] + PARAMS[2:]

    def _build(self):
        super()._build()
        self.received = 0
        self.checksum = 0.0

    def _snapshot(self):
        return {"w": self.w.copy(), "state": self.state(), "received": self.received,
                "checksum": self.checksum}

    def custom(self, name, **kwargs):
        if name == "load":
            payload = np.asarray(kwargs["payload"])
            self.received += 1
            self.checksum += float(payload[0])
        else:
            super().custom(name, **kwargs)


class BrokenSnapshotSession(CountingSession):
    """Trains fine but cannot draw itself after epoch 2: the window must hear it once, not per frame."""

    def _snapshot(self):
        if self.epoch >= 2:
            raise KeyError("the lab's snapshot failed on purpose")
        return super()._snapshot()
