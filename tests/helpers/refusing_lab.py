"""A tiny lab whose session refuses a combination that each of its controls accepts (width x depth
over 20), for the test that the panel then shows what really runs (importable by the worker)."""
import numpy as np

from playground.core.train.params import Param
from playground.core.train.session import SessionError, TrainingSession

PARAMS = [Param("width", "Width", "int", 2, minimum=1, maximum=10),
          Param("depth", "Depth", "int", 2, minimum=1, maximum=10),
          Param("lr", "Learning rate", "float", 0.1, minimum=0.0, maximum=1.0, live=True)]
SESSION = "refusing_lab:RefusingSession"


class RefusingSession(TrainingSession):
    PARAMS = PARAMS

    def _build(self):
        size = self.params["width"] * self.params["depth"]
        if size > 20:
            raise SessionError(f"width x depth is {size}, this lab takes at most 20")
        self.w = np.zeros(size)

    def _train_epoch(self):
        self.w = self.w + self.params["lr"]
        self.loss = 1.0

    def _snapshot(self):
        return {"state": self.state()}

    def state(self):
        return {"w": self.w.copy()}

    def load_state(self, state, epoch=0):
        self.w = np.asarray(state["w"], float).copy()
        self.epoch = epoch
