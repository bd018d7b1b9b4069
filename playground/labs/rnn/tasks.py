"""The sequence tasks, generated in numpy: a fresh batch for every training step, a seeded sample for
the stepper.

Next-value prediction (every step predicts the next value): a sine, a sum of two sines, and the
Imperial College demos' presets (linear, alternating, exponential, normalised Fibonacci). Tasks that
need memory: recall the first symbol after T steps of noise (only the last step is scored), the
adding problem (the sum of the two marked values, scored at the end), running parity (the XOR of the
bits so far, at every step). Characters: the next character of a text.

Each batch is (x: (B, T, I) float32, y) with y shaped by the task's `kind`:
    regress_each  (B, T) float   every step scored, mean squared error
    regress_last  (B,) float     only the last step scored
    classify_last (B,) int       only the last step scored, cross-entropy
    classify_each (B, T) int     every step scored
"""
from __future__ import annotations

import numpy as np

from playground.core.i18n import tr
from playground.labs.rnn.texts import VOCAB, VOCAB_SIZE

__all__ = ["TASKS", "TASK_LABELS", "MEMORY_SYMBOLS", "task_info", "make_batch", "REGRESSION_TOLERANCE",
           "input_label"]

TASKS = ("sine", "sines", "linear", "alternating", "exponential", "fibonacci", "memory", "adding",
         "parity", "chars")
TASK_LABELS = ("Sine: next value", "Sum of sines: next value", "Linear (Imperial preset)",
               "Alternating (Imperial preset)", "Exponential (Imperial preset)",
               "Normalised Fibonacci (Imperial preset)", "Memory: recall the first symbol",
               "Adding problem", "Running parity", "Characters: next character of a text")
MEMORY_SYMBOLS = 4
# a regression prediction counts as right when within this of the target (the "accuracy" of a
# next-value task, so every task reports one)
REGRESSION_TOLERANCE = 0.1
_SERIES = ("sine", "sines", "linear", "alternating", "exponential", "fibonacci")


def task_info(task: str) -> dict:
    """n_in, n_out and kind of a task; n_out is the number of classes for a classification."""
    if task in _SERIES:
        return {"n_in": 1, "n_out": 1, "kind": "regress_each"}
    if task == "memory":
        return {"n_in": 2 * MEMORY_SYMBOLS + 1, "n_out": MEMORY_SYMBOLS, "kind": "classify_last"}
    if task == "adding":
        return {"n_in": 2, "n_out": 1, "kind": "regress_last"}
    if task == "parity":
        return {"n_in": 1, "n_out": 2, "kind": "classify_each"}
    if task == "chars":
        return {"n_in": VOCAB_SIZE, "n_out": VOCAB_SIZE, "kind": "classify_each"}
    raise ValueError(f"unknown task {task!r}; choose one of {', '.join(TASKS)}")


def _series(task: str, batch: int, n: int, rng: np.random.Generator) -> np.ndarray:
    """(B, n) values of a next-value series, kept within about [-1, 1]."""
    t = np.arange(n)[None, :]
    if task == "sine":
        omega = rng.uniform(0.15, 0.45, (batch, 1))
        return np.sin(omega * t + rng.uniform(0, 2 * np.pi, (batch, 1)))
    if task == "sines":
        w1, w2 = rng.uniform(0.1, 0.3, (batch, 1)), rng.uniform(0.4, 0.8, (batch, 1))
        p1, p2 = rng.uniform(0, 2 * np.pi, (batch, 1)), rng.uniform(0, 2 * np.pi, (batch, 1))
        return 0.5 * (np.sin(w1 * t + p1) + np.sin(w2 * t + p2))
    if task == "linear":
        start = rng.uniform(-1.0, 0.0, (batch, 1))
        slope = rng.uniform(0.5, 1.5, (batch, 1)) / max(n, 2)
        return start + slope * t
    if task == "alternating":
        amp = rng.uniform(0.2, 1.0, (batch, 1))
        return amp * np.where(t % 2 == 0, 1.0, -1.0)
    if task == "exponential":
        amp = rng.uniform(0.5, 1.0, (batch, 1))
        rate = rng.uniform(0.80, 0.97, (batch, 1))
        return amp * rate ** t
    if task == "fibonacci":
        a = rng.uniform(0.1, 1.0, batch)
        b = rng.uniform(0.1, 1.0, batch)
        out = np.empty((batch, n))
        for i in range(n):
            out[:, i] = a
            a, b = b, a + b
        return out / out[:, -1:]  # normalised: the last term is 1, each term the sum of the two before
    raise ValueError(task)


def make_batch(task: str, batch: int, length: int, rng: np.random.Generator,
               text_codes: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """A batch of `batch` sequences of `length` steps (see the module docstring for the shapes)."""
    T = int(length)
    if task in _SERIES:
        s = _series(task, batch, T + 1, rng)
        return s[:, :T, None].astype(np.float32), s[:, 1:].astype(np.float32)
    if task == "memory":
        k = MEMORY_SYMBOLS
        x = np.zeros((batch, T, 2 * k + 1), np.float32)
        symbol = rng.integers(0, k, batch)
        x[np.arange(batch), 0, symbol] = 1.0
        if T > 1:
            # the noise: a random distractor on channels of its own at every step after the first
            noise = rng.integers(0, k, (batch, T - 1))
            x[np.arange(batch)[:, None], np.arange(1, T)[None, :], k + noise] = 1.0
        x[:, -1, 2 * k] = 1.0  # the recall cue on the last step
        return x, symbol.astype(np.int64)
    if task == "adding":
        x = np.zeros((batch, T, 2), np.float32)
        x[:, :, 0] = rng.uniform(0, 1, (batch, T))
        half = max(1, T // 2)
        first = rng.integers(0, half, batch)
        second = rng.integers(half, T, batch) if T > 1 else first  # first < half <= second
        x[np.arange(batch), first, 1] = 1.0
        x[np.arange(batch), second, 1] = 1.0
        y = x[np.arange(batch), first, 0] + (x[np.arange(batch), second, 0] if T > 1 else 0)
        return x, y.astype(np.float32)
    if task == "parity":
        bits = rng.integers(0, 2, (batch, T))
        return bits[:, :, None].astype(np.float32), (np.cumsum(bits, axis=1) % 2).astype(np.int64)
    if task == "chars":
        codes = np.asarray(text_codes, np.int64)
        if codes.size < 2:
            raise ValueError("the text is too short for the character model")
        T = min(T, codes.size - 1)
        starts = rng.integers(0, codes.size - T, batch)
        idx = starts[:, None] + np.arange(T + 1)[None, :]
        window = codes[idx]
        x = np.zeros((batch, T, VOCAB_SIZE), np.float32)
        x[np.arange(batch)[:, None], np.arange(T)[None, :], window[:, :T]] = 1.0
        return x, window[:, 1:]
    raise ValueError(f"unknown task {task!r}")


def input_label(task: str, x: np.ndarray) -> str:
    """What one input vector x_t means, in words (for the stepper's panel); "" for a plain value."""
    x = np.asarray(x, float)
    if task == "chars":
        ch = VOCAB[int(np.argmax(x))]
        return tr("{char} (one-hot, {n} entries)", char=tr("newline") if ch == chr(10) else repr(ch), n=VOCAB_SIZE)
    if task == "memory":
        k = MEMORY_SYMBOLS
        parts = []
        if x[:k].max() > 0:
            parts.append(tr("symbol {k} to remember", k=int(np.argmax(x[:k]))))
        if x[k:2 * k].max() > 0:
            parts.append(tr("noise {k}", k=int(np.argmax(x[k:2 * k]))))
        if x[2 * k] > 0:
            parts.append(tr("recall cue"))
        return ", ".join(parts)
    if task == "adding":
        value = f"{x[0]:.3f}"
        return tr("value {value}, marked: add it", value=value) if x[1] > 0 else tr("value {value}", value=value)
    if task == "parity":
        return tr("bit {b}", b=int(x[0]))
    return ""
