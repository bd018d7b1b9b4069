"""Telgarsky's sawtooth and the ReLU networks that compute it exactly.

The tent map t(x) = 2x on [0, 1/2] and 2(1 - x) on [1/2, 1] is one ReLU layer of width 2:
t(x) = 2 relu(x) - 4 relu(x - 1/2) for x in [0, 1]. Composed k times it folds [0, 1] k times:
t^k is a sawtooth with 2^k linear pieces and 2^(k-1) teeth, equal to 0 at even multiples of 2^-k
and to 1 at odd ones. So Telgarsky's sample x_i = i / 2^k, y_i = i mod 2 (i = 0 .. 2^k - 1) is
classified without error by a network of width 2 and depth k (2k layers in Telgarsky's count, where
the ReLU and the affine recombination are separate layers), while a shallow network, which has few
pieces, must misclassify a fixed fraction of it.

Everything here is plain numpy and exact in float64: the weights (1, -1/2, 2, -4) and the inputs
i / 2^k are dyadic rationals, so no rounding ever happens on the sample.
"""
from __future__ import annotations

import numpy as np

from playground.core.nets.mlp_spec import NetSpec

__all__ = ["tent", "sawtooth", "sawtooth_knots", "telgarsky_sample", "construction_spec",
           "construction_params", "block_outputs", "RecurrentBlock", "TENT_BLOCK", "MAX_K"]

MAX_K = 12  # 4096 pieces: still drawn and counted at frame rate

# One tent block: a ReLU layer of width 2 reading a scalar s, then an affine read-out.
#   h = relu(s * w_in + b_in),  s' = h . w_out + b_out
TENT_BLOCK = {
    "w_in": np.array([1.0, 1.0]),
    "b_in": np.array([0.0, -0.5]),
    "w_out": np.array([2.0, -4.0]),
    "b_out": 0.0,
}


def tent(x: np.ndarray) -> np.ndarray:
    """Telgarsky's mirror map on [0, 1]: 2x up to 1/2, then 2(1 - x)."""
    x = np.asarray(x, dtype=float)
    return np.where(x <= 0.5, 2.0 * x, 2.0 * (1.0 - x))


def sawtooth(x: np.ndarray, k: int) -> np.ndarray:
    """t^k, the tent map composed k times (k = 0 is the identity)."""
    y = np.asarray(x, dtype=float)
    for _ in range(int(k)):
        y = tent(y)
    return y


def sawtooth_knots(k: int) -> tuple[np.ndarray, np.ndarray]:
    """The 2^k + 1 corners of t^k on [0, 1]: the curve through them *is* t^k, no sampling."""
    n = 2 ** int(k)
    x = np.arange(n + 1, dtype=float) / n
    y = (np.arange(n + 1) % 2).astype(float)
    return x, y


def telgarsky_sample(k: int) -> tuple[np.ndarray, np.ndarray]:
    """Telgarsky's 2^k points: x_i = i / 2^k, y_i = i mod 2, for i = 0 .. 2^k - 1."""
    n = 2 ** int(k)
    return np.arange(n, dtype=float) / n, (np.arange(n) % 2).astype(float)


def construction_spec(k: int) -> NetSpec:
    """k hidden ReLU layers of width 2 and a linear output: our engine's form of N(relu, 2, 2k).

    Telgarsky counts the ReLU layer and the affine map after it as two layers; our engine merges
    each affine read-out into the next layer's weights, so a tent block is one hidden layer."""
    k = int(k)
    return NetSpec(n_in=1, hidden=[2] * k, activations=["relu"] * k, n_out=1, output="linear", loss="squared")


def construction_params(k: int) -> dict[str, np.ndarray]:
    """The weights that compute t^k exactly on [0, 1], in the engine's layout (fan_in, fan_out).

    Layer 0 reads x; every later layer reads the previous block's two units through the read-out
    (2, -4) merged into its own input weights (1, 1): W = w_out^T w_in = [[2, 2], [-4, -4]],
    bias = b_out * w_in + b_in = (0, -1/2). The output layer is the last read-out (2, -4)."""
    k = int(k)
    if k < 1:
        raise ValueError("the construction needs at least one block")
    blk = TENT_BLOCK
    params = {"layer0.weight": blk["w_in"].reshape(1, 2).copy(), "layer0.bias": blk["b_in"].copy()}
    merged = np.outer(blk["w_out"], blk["w_in"])  # (2, 2)
    merged_bias = blk["b_out"] * blk["w_in"] + blk["b_in"]
    for layer in range(1, k):
        params[f"layer{layer}.weight"] = merged.copy()
        params[f"layer{layer}.bias"] = merged_bias.copy()
    params[f"layer{k}.weight"] = blk["w_out"].reshape(2, 1).copy()
    params[f"layer{k}.bias"] = np.array([blk["b_out"]])
    return params


def block_outputs(hidden: list[np.ndarray]) -> list[np.ndarray]:
    """The construction's value after each block, read from its hidden activations: block j's
    read-out (2, -4) applied to hidden layer j. This is what the network itself computes, layer by
    layer, not the formula t^j."""
    blk = TENT_BLOCK
    return [h @ blk["w_out"] + blk["b_out"] for h in hidden]


class RecurrentBlock:
    """One 2-unit ReLU block iterated k times: a recurrent network R(relu, 2, 1, k) on a scalar state.

    The lecture's consequence R(sigma, m, l, k) is a subset of N(sigma, m, lk): unrolled, the k
    iterations are a k-layer feedforward network whose layers all share the block's weights. Its
    parameter count is that of one block (7 numbers), whatever k; its pieces are 2^k."""

    def __init__(self, block: dict | None = None):
        blk = block or TENT_BLOCK
        self.w_in = np.asarray(blk["w_in"], dtype=float).copy()
        self.b_in = np.asarray(blk["b_in"], dtype=float).copy()
        self.w_out = np.asarray(blk["w_out"], dtype=float).copy()
        self.b_out = float(blk["b_out"])

    @property
    def n_params(self) -> int:
        return self.w_in.size + self.b_in.size + self.w_out.size + 1

    def run(self, x: np.ndarray, k: int) -> np.ndarray:
        """Iterate the block k times from state x (the recurrence itself, nothing unrolled)."""
        s = np.asarray(x, dtype=float).copy()
        for _ in range(int(k)):
            h = np.maximum(s[:, None] * self.w_in + self.b_in, 0.0)  # (n, 2)
            s = h @ self.w_out + self.b_out
        return s

    def unrolled(self, k: int) -> tuple[NetSpec, dict[str, np.ndarray]]:
        """The k iterations as a feedforward network with shared weights, in the engine's layout."""
        k = int(k)
        spec = construction_spec(k)
        params = {"layer0.weight": self.w_in.reshape(1, -1).copy(), "layer0.bias": self.b_in.copy()}
        for layer in range(1, k):
            params[f"layer{layer}.weight"] = np.outer(self.w_out, self.w_in)
            params[f"layer{layer}.bias"] = self.b_out * self.w_in + self.b_in
        params[f"layer{k}.weight"] = self.w_out.reshape(-1, 1).copy()
        params[f"layer{k}.bias"] = np.array([self.b_out])
        return spec, params
