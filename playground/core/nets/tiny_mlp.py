"""A one-hidden-layer network for two inputs, trained by full-batch gradient descent.

    h = f(x W1 + b1)         x: (n, 2), W1: (2, H), h: (n, H)
    p = sigmoid(h w2 + b2)   w2: (H,), p: (n,)
    loss = mean binary cross-entropy(p, y)

It is the perceptron lab's answer to XOR: with H = 2 the hidden layer moves the four corners to
where one line separates them. Two engines compute the same thing: numpy (fastest for a network
this small on the CPU) and torch (for CUDA/MPS); tests/core/test_tiny_mlp.py checks they agree.
"""
from __future__ import annotations

import numpy as np

from playground.core.nets import activations

__all__ = ["TinyMLP", "init_weights"]


def init_weights(hidden: int, seed: int) -> dict[str, np.ndarray]:
    """Seeded uniform init (Glorot's bounds), shared by both engines so they start identically."""
    rng = np.random.default_rng(seed)
    b1 = np.sqrt(6.0 / (2 + hidden))
    b2 = np.sqrt(6.0 / (hidden + 1))
    return {
        "w1": rng.uniform(-b1, b1, size=(2, hidden)),
        "b1": np.zeros(hidden),
        "w2": rng.uniform(-b2, b2, size=(hidden,)),
        "b2": np.zeros(1),
    }


def _bce_logits(z: np.ndarray, y: np.ndarray) -> float:
    """Mean binary cross-entropy of sigmoid(z) against y, computed from the logits: exact where
    log(p) would round to -inf, and it grows without bound when the weights blow up, so the runner
    sees a diverging run as one."""
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.mean(np.logaddexp(0.0, z) - y * z))


class TinyMLP:
    def __init__(self, hidden: int, activation: str, lr: float, seed: int, device: str = "cpu",
                 engine: str | None = None):
        self.hidden = int(hidden)
        self.act = activations.get(activation)
        self.lr = float(lr)
        self.device = device
        self.engine = engine or ("numpy" if device == "cpu" else "torch")
        self._set(init_weights(self.hidden, seed))

    # --- weights in and out (always numpy at the boundary) ------------------------------------------
    def _set(self, w: dict[str, np.ndarray]) -> None:
        w = {k: np.array(v, dtype=float) for k, v in w.items()}
        if self.engine == "numpy":
            self.w = w
            return
        import torch

        self._act_module = self.act.torch_module()
        self.t = {k: torch.tensor(v, dtype=torch.float64, device=self.device, requires_grad=True)
                  for k, v in w.items()}

    def weights(self) -> dict[str, np.ndarray]:
        if self.engine == "numpy":
            return {k: v.copy() for k, v in self.w.items()}
        return {k: v.detach().cpu().numpy().copy() for k, v in self.t.items()}

    def load(self, w: dict[str, np.ndarray]) -> None:
        self._set(w)

    # --- evaluation ----------------------------------------------------------------------------------
    def hidden_of(self, x: np.ndarray) -> np.ndarray:
        w = self.weights() if self.engine != "numpy" else self.w
        with np.errstate(over="ignore", invalid="ignore"):
            return self.act.forward(x @ w["w1"] + w["b1"])

    def logits(self, x: np.ndarray) -> np.ndarray:
        w = self.weights() if self.engine != "numpy" else self.w
        with np.errstate(over="ignore", invalid="ignore"):  # diverged weights: NaN, reported elsewhere
            return self.act.forward(x @ w["w1"] + w["b1"]) @ w["w2"] + w["b2"][0]

    def predict_proba(self, x: np.ndarray) -> np.ndarray:
        return activations.get("sigmoid").forward(self.logits(x))

    def loss(self, x: np.ndarray, y: np.ndarray) -> float:
        return _bce_logits(self.logits(x), y)

    # --- one gradient-descent step on the full batch, returns the loss before the step -------------
    def train_step(self, x: np.ndarray, y: np.ndarray) -> float:
        if self.engine == "numpy":
            return self._step_numpy(x, y)
        return self._step_torch(x, y)

    def _step_numpy(self, x, y):
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is the runner's to report
            return self._step_numpy_raw(x, y)

    def _step_numpy_raw(self, x, y):
        w = self.w
        a1 = x @ w["w1"] + w["b1"]  # (n, H)
        h = self.act.forward(a1)
        z = h @ w["w2"] + w["b2"][0]  # (n,)
        p = activations.get("sigmoid").forward(z)
        n = len(y)
        dz = (p - y) / n  # d mean-BCE / dz for a sigmoid output
        dh = np.outer(dz, w["w2"]) * self.act.derivative(a1)  # (n, H)
        w["w2"] -= self.lr * (h.T @ dz)
        w["b2"] -= self.lr * dz.sum()
        w["w1"] -= self.lr * (x.T @ dh)
        w["b1"] -= self.lr * dh.sum(axis=0)
        return _bce_logits(z, y)

    def _step_torch(self, x, y):
        import torch

        t = self.t
        xt = torch.as_tensor(x, dtype=torch.float64, device=self.device)
        yt = torch.as_tensor(y, dtype=torch.float64, device=self.device)
        z = self._act_module(xt @ t["w1"] + t["b1"]) @ t["w2"] + t["b2"][0]
        loss = torch.nn.functional.binary_cross_entropy_with_logits(z, yt)
        for v in t.values():
            v.grad = None
        loss.backward()
        with torch.no_grad():
            for v in t.values():
                v -= self.lr * v.grad
        return float(loss.detach())
