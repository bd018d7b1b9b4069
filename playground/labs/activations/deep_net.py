"""A deep fully connected network with a selectable activation and initialisation, and its trainer,
on the app's one MLP engine (compiled on the CPU, torch on a GPU).

The activations lab needs networks of 2 to 30 hidden layers whose only difference is the activation
(the race) or whose gradients we can read layer by layer (gradient flow). The initialisation is part
of the lesson: the classic small uniform one, Xavier/Glorot (keeps the variance through tanh-like
units) and He (keeps it through ReLU, which zeroes half its inputs). The output is one logit read
through a sigmoid, the loss binary cross-entropy.

Experiment files keep the names and shapes they always had: `<activation>.W<i>` as (out, in), the
layout of torch's nn.Linear, `.b<i>`, and `.a<i>` for a PReLU layer's learned slope.
"""
from __future__ import annotations

import math

import numpy as np

from playground.core.nets.mlp import make_engine
from playground.core.nets.mlp_spec import NetSpec
from playground.core.i18n import tr
from playground.core.train.session import SessionError, check_shape

__all__ = ["INITS", "OPTIMIZERS", "DeepTrainer", "deep_spec", "init_weights"]

INITS = ("uniform", "xavier", "he")
OPTIMIZERS = ("sgd", "momentum", "adam")


def deep_spec(activation: str, depth: int, width: int, act_params: dict) -> NetSpec:
    return NetSpec(n_in=2, hidden=[int(width)] * int(depth), activations=[activation] * int(depth), n_out=1,
                   output="sigmoid", loss="cross_entropy", act_params=[dict(act_params) for _ in range(depth)])


def init_weights(spec: NetSpec, scheme: str, seed: int) -> dict[str, np.ndarray]:
    """Weights from the scheme, biases zero (so the init alone decides how signals scale); the same
    seed gives racers of equal shape equal weights."""
    if scheme not in INITS:
        raise SessionError(tr("init: {scheme} is not one of {choices}", scheme=repr(scheme), choices=", ".join(INITS)))
    act = spec.activations[0] if spec.activations else "linear"
    slope = float(spec.act_params[0].get("slope", 0.0)) if act in ("leaky_relu", "prelu") else 0.0
    rng = np.random.default_rng(int(seed))
    units = spec.units()
    params: dict[str, np.ndarray] = {}
    for layer in range(spec.n_layers):
        fan_in, fan_out = units[layer], spec.pre_width(layer)
        if scheme == "uniform":
            bound = 1.0 / math.sqrt(fan_in)
            w = rng.uniform(-bound, bound, (fan_in, fan_out))
        elif scheme == "xavier":
            bound = math.sqrt(6.0 / (fan_in + fan_out))
            w = rng.uniform(-bound, bound, (fan_in, fan_out))
        else:  # He: variance 2 / fan_in, less for a leaky unit that lets part of x<0 through
            w = rng.normal(0.0, math.sqrt(2.0 / ((1.0 + slope * slope) * fan_in)), (fan_in, fan_out))
        params[f"layer{layer}.weight"] = w
        params[f"layer{layer}.bias"] = np.zeros(fan_out)
        if layer < len(spec.hidden) and spec.activations[layer] == "prelu":
            params[f"layer{layer}.slope"] = np.array([float(spec.act_params[layer].get("slope", 0.25))])
    return params


class DeepTrainer:
    """One network, its optimiser and its data; `epoch()` is one shuffled pass of minibatches."""

    def __init__(self, activation: str, depth: int, width: int, act_params: dict, init: str,
                 x: np.ndarray, y: np.ndarray, optimizer: str, lr: float, batch_size: int, seed: int,
                 device: str = "cpu"):
        self.activation = activation
        self.act_params = dict(act_params)
        self.spec = deep_spec(activation, depth, width, act_params)
        self.net = make_engine(self.spec, init_weights(self.spec, init, seed), device=device, seed=seed)
        self.engine = self.net.label  # the compiled path, or torch for wide layers (see mlp.py)
        self.x = np.ascontiguousarray(x, dtype=float)
        self.t = np.asarray(y, dtype=float).reshape(-1, 1)
        self.y = self.t[:, 0]
        self.net.set_data(self.x, self.t)
        self.batch_size = max(1, min(int(batch_size), len(self.y)))
        # Each trainer shuffles with its own generator: racers with one seed see the same batches.
        self.shuffle = np.random.default_rng([int(seed), 2])
        self.optimizer = optimizer
        self.set_lr(lr)

    def set_lr(self, lr: float) -> None:
        self.lr = float(lr)
        self.net.configure(lr=self.lr, optimizer=self.optimizer)

    def epoch(self) -> None:
        self.net.train_epoch(self.shuffle.permutation(len(self.y)), self.batch_size)

    def evaluate(self) -> tuple[float, float]:
        """Full-data loss and accuracy."""
        loss, p = self.net.evaluate(self.x, self.t)
        return loss, float(np.mean((p[:, 0] > 0.5) == (self.y > 0.5)))

    def prelu_slopes(self) -> list[float]:
        if self.activation != "prelu":
            return []
        p = self.net.params()
        return [float(p[f"layer{h}.slope"][0]) for h in range(len(self.spec.hidden))]

    # --- weights in and out (numpy, for experiment files) ------------------------------------------
    def state(self, prefix: str) -> dict[str, np.ndarray]:
        p = self.net.params()
        out = {}
        for i in range(self.spec.n_layers):
            out[f"{prefix}.W{i}"] = p[f"layer{i}.weight"].T.copy()
            out[f"{prefix}.b{i}"] = p[f"layer{i}.bias"]
            if f"layer{i}.slope" in p:
                out[f"{prefix}.a{i}"] = p[f"layer{i}.slope"]
        return out

    def load(self, prefix: str, state: dict, shapes: dict[str, tuple]) -> None:
        """Copy saved weights in; `shapes` (the lab's expected_state) is checked first, whole."""
        for name, shape in shapes.items():
            if name.startswith(prefix + "."):
                if name not in state:
                    raise SessionError(tr("the saved weights lack '{name}'", name=name))
                check_shape(name, state[name], shape)
        params = {}
        for i in range(self.spec.n_layers):
            params[f"layer{i}.weight"] = np.asarray(state[f"{prefix}.W{i}"], dtype=float).T
            params[f"layer{i}.bias"] = np.asarray(state[f"{prefix}.b{i}"], dtype=float)
            if i < len(self.spec.hidden) and self.activation == "prelu":
                params[f"layer{i}.slope"] = np.asarray(state[f"{prefix}.a{i}"], dtype=float).reshape(1)
        self.net.load(params)
