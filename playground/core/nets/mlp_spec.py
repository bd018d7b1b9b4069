"""The shape of a small fully connected network, shared by both paths of the one MLP engine.

A `NetSpec` says how many inputs, which hidden layers with which activation each, and which output
unit and loss the problem needs. From it come the names and shapes of every parameter array (what an
experiment file stores, computed without torch) and the initial weights: TensorFlow Playground's
uniform(-0.5, 0.5) with biases 0.1, or Xavier/Glorot, or He. Both paths (compiled CPU, torch) start from the same numpy
arrays, which is what lets a test demand that they agree.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from playground.core.nets import activations

__all__ = ["NetSpec", "param_shapes", "init_params", "OUTPUTS", "LOSSES", "INITS"]

OUTPUTS = ("tanh", "sigmoid", "softmax", "linear")
LOSSES = ("squared", "cross_entropy")
INITS = ("uniform", "xavier", "he")


@dataclass
class NetSpec:
    n_in: int
    hidden: list[int]
    activations: list[str]  # one registry name per hidden layer
    n_out: int = 1
    output: str = "tanh"  # the output unit: tanh (TF Playground), sigmoid, softmax or linear
    loss: str = "squared"
    act_params: list[dict] = field(default_factory=list)  # per hidden layer, e.g. {"pieces": 2}

    def __post_init__(self):
        if len(self.activations) != len(self.hidden):
            raise ValueError("one activation per hidden layer")
        if not self.act_params:
            self.act_params = [activations.get(a).defaults() for a in self.activations]
        if self.output not in OUTPUTS or self.loss not in LOSSES:
            raise ValueError(f"unknown output {self.output!r} or loss {self.loss!r}")

    def pieces(self, h: int) -> int:
        """Affine pieces per unit of hidden layer h: k for maxout, else 1."""
        if activations.get(self.activations[h]).kind == "maxout":
            return int(self.act_params[h].get("pieces", 2))
        return 1

    @property
    def n_layers(self) -> int:  # weight layers, the output one included
        return len(self.hidden) + 1

    def units(self) -> list[int]:
        """Units per level, input first and output last: [n_in, *hidden, n_out]."""
        return [self.n_in, *self.hidden, self.n_out]

    def pre_width(self, layer: int) -> int:
        """Columns of layer `layer`'s weight matrix (k x units for maxout)."""
        if layer < len(self.hidden):
            return self.hidden[layer] * self.pieces(layer)
        return self.n_out


def param_shapes(spec: NetSpec) -> list[tuple[str, tuple, str]]:
    """(name, shape, kind) of every parameter, in the engines' order; kind is weight, bias or slope.

    Weights are stored (fan_in, fan_out) so a layer is x @ W + b; a maxout layer's columns come in
    groups of k per unit, the grouping torch's registry module expects."""
    out = []
    units = spec.units()
    for layer in range(spec.n_layers):
        width = spec.pre_width(layer)
        out.append((f"layer{layer}.weight", (units[layer], width), "weight"))
        out.append((f"layer{layer}.bias", (width,), "bias"))
        if layer < len(spec.hidden) and spec.activations[layer] == "prelu":
            out.append((f"layer{layer}.slope", (1,), "slope"))
    return out


def init_params(spec: NetSpec, scheme: str, rng: np.random.Generator) -> dict[str, np.ndarray]:
    """Fresh weights. `uniform` is TensorFlow Playground's: weights in (-0.5, 0.5), biases 0.1."""
    if scheme not in INITS:
        raise ValueError(f"unknown initialisation {scheme!r}")
    params: dict[str, np.ndarray] = {}
    units = spec.units()
    for name, shape, kind in param_shapes(spec):
        layer = int(name[5:name.index(".")])
        if kind == "weight":
            fan_in, fan_out = units[layer], units[layer + 1]
            if scheme == "uniform":
                params[name] = rng.uniform(-0.5, 0.5, shape)
            elif scheme == "xavier":
                limit = math.sqrt(6.0 / (fan_in + fan_out))
                params[name] = rng.uniform(-limit, limit, shape)
            else:
                params[name] = rng.normal(0.0, math.sqrt(2.0 / fan_in), shape)
        elif kind == "bias":
            params[name] = np.full(shape, 0.1 if scheme == "uniform" else 0.0)
        else:
            params[name] = np.full(shape, float(spec.act_params[layer].get("slope", 0.25)))
    return params
