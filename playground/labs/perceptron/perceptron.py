"""Rosenblatt's perceptron: a weighted sum, a step, and the perceptron learning rule.

    prediction  y_hat = H(w . x + b)          (H: 1 if >= 0, else 0)
    update      w <- w + lr (y - y_hat) x,   b <- b + lr (y - y_hat)

one example at a time. On linearly separable data it stops making mistakes after finitely many
updates (Novikoff); on XOR no line separates the classes, so it never stops: the weights cycle.
"""
from __future__ import annotations

import numpy as np

__all__ = ["Perceptron"]


class Perceptron:
    def __init__(self, n_inputs: int = 2, lr: float = 1.0, init: np.ndarray | None = None):
        self.lr = float(lr)
        self.w = np.zeros(n_inputs) if init is None else np.array(init[:-1], dtype=float)
        self.b = 0.0 if init is None else float(init[-1])

    def predict(self, x: np.ndarray) -> np.ndarray:
        return (np.asarray(x) @ self.w + self.b >= 0).astype(float)

    def update(self, x: np.ndarray, y: float) -> bool:
        """Apply the rule to one example; returns True if it was misclassified (and so moved)."""
        y_hat = 1.0 if float(x @ self.w + self.b) >= 0 else 0.0
        err = float(y) - y_hat
        if err != 0.0:
            self.w = self.w + self.lr * err * x
            self.b = self.b + self.lr * err
            return True
        return False

    def epoch(self, x: np.ndarray, y: np.ndarray, order=None, trace: list | None = None) -> int:
        """One pass over the data (in `order` if given); returns the number of updates made.
        With `trace`, the weights after every example are appended to it (to show them cycle)."""
        idx = range(len(y)) if order is None else order
        updates = 0
        for i in idx:
            updates += self.update(x[i], y[i])
            if trace is not None:
                trace.append(self.params)
        return updates

    def errors(self, x: np.ndarray, y: np.ndarray) -> int:
        return int(np.sum(self.predict(x) != y))

    @property
    def params(self) -> np.ndarray:
        return np.append(self.w, self.b)
