"""The perceptron lab's one-hidden-layer network, on the app's one MLP engine.

    h = f(x W1 + b1)         x: (n, 2), W1: (2, H), h: (n, H)
    p = sigmoid(h w2 + b2)   w2: (H,), p: (n,)
    loss = mean binary cross-entropy(p, y), full-batch gradient descent

It is the lab's answer to XOR: with H = 2 the hidden layer moves the four corners to where one line
separates them. The network itself is `make_engine`'s (compiled on the CPU, torch on a GPU); this
class only speaks the lab's language: labels y in {0, 1} as a vector, probabilities, the weights
under the names experiment files have always used (w1, b1, w2, b2).
"""
from __future__ import annotations

import numpy as np

from playground.core.nets.mlp import engine_label, make_engine
from playground.core.nets.mlp_spec import NetSpec

__all__ = ["XorMLP", "init_weights"]


def init_weights(hidden: int, seed: int) -> dict[str, np.ndarray]:
    """Seeded uniform init (Glorot's bounds), biases zero: the same weights on every engine."""
    rng = np.random.default_rng(seed)
    b1 = np.sqrt(6.0 / (2 + hidden))
    b2 = np.sqrt(6.0 / (hidden + 1))
    return {
        "w1": rng.uniform(-b1, b1, size=(2, hidden)),
        "b1": np.zeros(hidden),
        "w2": rng.uniform(-b2, b2, size=(hidden,)),
        "b2": np.zeros(1),
    }


def _to_engine(w: dict) -> dict[str, np.ndarray]:
    return {"layer0.weight": np.asarray(w["w1"], float), "layer0.bias": np.asarray(w["b1"], float),
            "layer1.weight": np.asarray(w["w2"], float).reshape(-1, 1),
            "layer1.bias": np.asarray(w["b2"], float).reshape(1)}


class XorMLP:
    def __init__(self, hidden: int, activation: str, lr: float, seed: int, device: str = "cpu"):
        self.hidden = int(hidden)
        self.spec = NetSpec(n_in=2, hidden=[self.hidden], activations=[activation], n_out=1,
                            output="sigmoid", loss="cross_entropy")
        self.device = device
        self.net = make_engine(self.spec, _to_engine(init_weights(self.hidden, seed)), device=device, seed=seed)
        self.engine = getattr(self.net, "label", engine_label(device)).replace(f" · {device}", "", 1)
        self.lr = float(lr)

    @property
    def lr(self) -> float:
        return self._lr

    @lr.setter
    def lr(self, value: float) -> None:  # the lab sets it live
        self._lr = float(value)
        self.net.configure(lr=self._lr)

    # --- weights in and out (numpy, under the lab's names) ---------------------------------------------
    def weights(self) -> dict[str, np.ndarray]:
        p = self.net.params()
        return {"w1": p["layer0.weight"], "b1": p["layer0.bias"], "w2": p["layer1.weight"][:, 0].copy(),
                "b2": p["layer1.bias"]}

    def load(self, w: dict[str, np.ndarray]) -> None:
        self.net.load(_to_engine(w))

    # --- evaluation ------------------------------------------------------------------------------------
    def hidden_of(self, x: np.ndarray) -> np.ndarray:
        return self.net.predict(x, hidden=True)[1][0]

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return self.net.predict(x)[:, 0]

    def loss(self, x: np.ndarray, y: np.ndarray) -> float:
        return self.net.evaluate(x, np.asarray(y, float).reshape(-1, 1))[0]

    def train_step(self, x: np.ndarray, y: np.ndarray) -> float:
        """One full-batch gradient step; returns the loss before it (what the step was computed from)."""
        t = np.asarray(y, float).reshape(-1, 1)
        loss = self.net.evaluate(x, t)[0]
        self.net.train_step(x, t)
        return loss
