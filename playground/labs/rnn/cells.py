"""The recurrent cells in plain numpy, one time step at a time, with every intermediate kept.

This is the stepper's engine: the window unrolls a small cell over at most 50 steps in microseconds,
so it needs no worker and no torch. Weights use torch's names and layouts (`weight_ih_l0` is
(G*H, I), `weight_hh_l0` (G*H, H), gates stacked in torch's order: LSTM i, f, g, o; GRU r, z, n), so a
model trained in the worker, a hand-edited one, and `nn.RNN` / `nn.LSTM` / `nn.GRU` all read the same
numbers. The tests check the states against torch to 1e-6.

Cells:
    vanilla   h_t = tanh(W_h h_{t-1} + W_x x_t + b)          (b = b_ih + b_hh, as in torch)
    relu      the same with ReLU
    residual  the lecture's residual block, "sans rollout": h_t = h_{t-1} + f(h_{t-1}, x_t),
              f(h, x) = tanh(W_h h + W_x x + b): one block per time step
    rollout   the residual block "rollout": the same block iterated k times within a step,
              z_0 = h_{t-1}, z_j = z_{j-1} + f(z_{j-1}, x_t), h_t = z_k (k iterations of one block are a
              k-times deeper net: the lecture's R(sigma, m, l, k), in R(sigma, m, lk))
    lstm      c_t = f*c_{t-1} + i*g, h_t = o*tanh(c_t)
    gru       h_t = (1-z)*n + z*h_{t-1}, n = tanh(W_in x + b_in + r*(W_hn h + b_hn))
"""
from __future__ import annotations

import numpy as np

__all__ = ["CELLS", "CELL_LABELS", "GATES", "init_weights", "weight_shapes", "step", "unroll", "readout"]

CELLS = ("vanilla", "relu", "residual", "rollout", "lstm", "gru")
CELL_LABELS = ("Vanilla (tanh)", "Vanilla (ReLU)", "Residual block (sans rollout)",
               "Residual block (rollout, k iterations)", "LSTM", "GRU")
# how many stacked blocks of H rows each cell's weight_ih / weight_hh has
GATES = {"vanilla": 1, "relu": 1, "residual": 1, "rollout": 1, "lstm": 4, "gru": 3}
# Jozefowicz et al. (2015): a forget-gate bias of 1 lets an LSTM keep its cell state from the start.
LSTM_FORGET_BIAS = 1.0


def weight_shapes(cell: str, n_in: int, hidden: int, n_out: int) -> dict[str, tuple]:
    g = GATES[cell] * hidden
    return {"weight_ih_l0": (g, n_in), "weight_hh_l0": (g, hidden), "bias_ih_l0": (g,),
            "bias_hh_l0": (g,), "head.weight": (n_out, hidden), "head.bias": (n_out,)}


def init_weights(cell: str, n_in: int, hidden: int, n_out: int, seed: int) -> dict[str, np.ndarray]:
    """torch's default initialisation (uniform in ±1/sqrt(H)), drawn from a numpy generator so the
    window and the worker start from the same numbers without torch in the window."""
    rng = np.random.default_rng(int(seed))
    k = 1.0 / np.sqrt(hidden)
    w = {name: rng.uniform(-k, k, size=shape) for name, shape in weight_shapes(cell, n_in, hidden, n_out).items()}
    if cell == "lstm":
        w["bias_ih_l0"][hidden:2 * hidden] = LSTM_FORGET_BIAS
        w["bias_hh_l0"][hidden:2 * hidden] = 0.0
    return w


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def step(cell: str, w: dict, x: np.ndarray, h: np.ndarray, c: np.ndarray | None = None,
         rollout: int = 1) -> dict:
    """One time step. Returns the new `h` (and `c` for an LSTM) with every intermediate the detail
    panel shows: `wx` = W_x x_t, `wh` = W_h h_{t-1}, `b`, the pre-activation and the gates."""
    wih, whh = np.asarray(w["weight_ih_l0"], float), np.asarray(w["weight_hh_l0"], float)
    bih, bhh = np.asarray(w["bias_ih_l0"], float), np.asarray(w["bias_hh_l0"], float)
    x = np.asarray(x, float)
    h = np.asarray(h, float)
    H = h.shape[-1]
    wx = wih @ x
    wh = whh @ h
    out = {"x": x, "h_prev": h, "wx": wx, "wh": wh, "b": bih + bhh}
    if cell in ("vanilla", "relu"):
        pre = wx + wh + bih + bhh
        out["pre"] = pre
        out["h"] = np.tanh(pre) if cell == "vanilla" else np.maximum(pre, 0.0)
    elif cell in ("residual", "rollout"):
        z = h
        iterations = []
        for _ in range(max(1, int(rollout)) if cell == "rollout" else 1):
            pre = wx + whh @ z + bih + bhh
            f = np.tanh(pre)
            iterations.append({"z": z, "pre": pre, "f": f})
            z = z + f
        out["pre"] = iterations[0]["pre"]
        out["f"] = iterations[0]["f"]
        out["iterations"] = iterations
        out["h"] = z
    elif cell == "lstm":
        c = np.zeros(H) if c is None else np.asarray(c, float)
        pre = wx + wh + bih + bhh
        i, f, g, o = (pre[k * H:(k + 1) * H] for k in range(4))
        i, f, g, o = _sigmoid(i), _sigmoid(f), np.tanh(g), _sigmoid(o)
        c_new = f * c + i * g
        out.update(pre=pre, c_prev=c, i=i, f=f, g=g, o=o, c=c_new, h=o * np.tanh(c_new))
    elif cell == "gru":
        gx = wx + bih
        gh = wh + bhh
        r = _sigmoid(gx[:H] + gh[:H])
        z = _sigmoid(gx[H:2 * H] + gh[H:2 * H])
        n = np.tanh(gx[2 * H:] + r * gh[2 * H:])
        out.update(pre=gx + gh, r=r, z=z, n=n, h=(1.0 - z) * n + z * h)
    else:
        raise ValueError(f"unknown cell {cell!r}; choose one of {', '.join(CELLS)}")
    return out


def readout(w: dict, h: np.ndarray) -> np.ndarray:
    """y_t = W_y h_t + b_y: the linear head on the hidden state (a logit per class, or a value)."""
    return np.asarray(w["head.weight"], float) @ np.asarray(h, float) + np.asarray(w["head.bias"], float)


def unroll(cell: str, w: dict, xs: np.ndarray, rollout: int = 1, h0: np.ndarray | None = None) -> dict:
    """Run the cell over a whole sequence xs (T, I) from h0 (zeros by default).

    Returns `h` (T, H), `c` (T, H) for an LSTM (else None), `y` (T, O) and `steps`, the per-step
    details of `step()`."""
    xs = np.asarray(xs, float)
    H = np.asarray(w["weight_hh_l0"]).shape[1]
    h = np.zeros(H) if h0 is None else np.asarray(h0, float)
    c = np.zeros(H) if cell == "lstm" else None
    steps, hs, cs, ys = [], [], [], []
    for x in xs:
        d = step(cell, w, x, h, c, rollout)
        h, c = d["h"], d.get("c")
        d["y"] = readout(w, h)
        steps.append(d)
        hs.append(h)
        ys.append(d["y"])
        if c is not None:
            cs.append(c)
    n_out = np.asarray(w["head.bias"]).shape[0]
    return {"h": np.array(hs).reshape(len(xs), H), "c": np.array(cs) if cs else None,
            "y": np.array(ys).reshape(len(xs), n_out), "steps": steps}
