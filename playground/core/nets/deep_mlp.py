"""A deep fully connected network with a selectable activation and initialisation, and its trainer.

The activations lab needs networks of 2 to 30 hidden layers whose only difference is the activation
(the race) or whose gradients we can read layer by layer (gradient flow). The initialisation is part
of the lesson: the classic small uniform one, Xavier/Glorot (keeps the variance through tanh-like
units) and He (keeps it through ReLU, which zeroes half its inputs). torch does the autograd; this
module is imported only by the worker process and the command line, never by the window.
"""
from __future__ import annotations

import math

import numpy as np
import torch
from torch import nn

from playground.core.nets import activations
from playground.core.train.session import SessionError, check_shape

__all__ = ["INITS", "INIT_LABELS", "OPTIMIZERS", "DeepMLP", "Trainer"]

INITS = ("uniform", "xavier", "he")
INIT_LABELS = ("Uniform ±1/√fan-in", "Xavier (Glorot)", "He (Kaiming)")
OPTIMIZERS = ("sgd", "momentum", "adam")


class DeepMLP(nn.Module):
    """depth x (Linear -> activation) -> Linear, the last layer giving one logit."""

    def __init__(self, activation: str, depth: int, width: int, act_params: dict, n_in: int = 2,
                 n_out: int = 1):
        super().__init__()
        self.activation = activation
        self.act_params = dict(act_params)
        k = activations.units_per_output(activation, **act_params)
        act = activations.get(activation)
        sizes = [n_in] + [width] * depth
        self.hidden = nn.ModuleList(nn.Linear(sizes[i], width * k) for i in range(depth))
        self.acts = nn.ModuleList(act.torch_module(**act_params) for _ in range(depth))
        self.out = nn.Linear(sizes[-1], n_out)

    def forward(self, x, keep: list | None = None):
        """x (batch, n_in) -> logits (batch,). `keep` collects each hidden pre-activation z."""
        h = x
        for linear, act in zip(self.hidden, self.acts):
            z = linear(h)  # (batch, width * k)
            if keep is not None:
                keep.append(z)
            h = act(z)  # (batch, width)
        return self.out(h).squeeze(-1)

    def linears(self) -> list[nn.Linear]:
        return [*self.hidden, self.out]

    def init_weights(self, scheme: str) -> None:
        """Weights from the scheme, biases zero (so the init alone decides how signals scale)."""
        if scheme not in INITS:
            raise SessionError(f"init: {scheme!r} is not one of {', '.join(INITS)}")
        slope = float(self.act_params.get("slope", 0.0)) if self.activation in ("leaky_relu", "prelu") else 0.0
        for layer in self.linears():
            fan_in, fan_out = layer.in_features, layer.out_features
            with torch.no_grad():
                if scheme == "uniform":
                    bound = 1.0 / math.sqrt(fan_in)
                    layer.weight.uniform_(-bound, bound)
                elif scheme == "xavier":
                    bound = math.sqrt(6.0 / (fan_in + fan_out))
                    layer.weight.uniform_(-bound, bound)
                else:  # He: variance 2 / fan_in, less for a leaky unit that lets part of x<0 through
                    std = math.sqrt(2.0 / ((1.0 + slope * slope) * fan_in))
                    layer.weight.normal_(0.0, std)
                layer.bias.zero_()

    def prelu_slopes(self) -> list[float]:
        if self.activation != "prelu":
            return []
        return [float(m.weight.detach().reshape(-1)[0]) for m in self.acts]

    # --- weights in and out (numpy, for experiment files) ----------------------------------------------
    def state(self, prefix: str) -> dict[str, np.ndarray]:
        out = {}
        for i, layer in enumerate(self.linears()):
            out[f"{prefix}.W{i}"] = layer.weight.detach().cpu().numpy().copy()
            out[f"{prefix}.b{i}"] = layer.bias.detach().cpu().numpy().copy()
        if self.activation == "prelu":
            for i, m in enumerate(self.acts):
                out[f"{prefix}.a{i}"] = m.weight.detach().cpu().numpy().copy()
        return out

    def load(self, prefix: str, state: dict, shapes: dict[str, tuple]) -> None:
        """Copy saved weights in; `shapes` (the lab's expected_state) is checked first, whole."""
        for name, shape in shapes.items():
            if name.startswith(prefix + "."):
                if name not in state:
                    raise SessionError(f"the saved weights lack '{name}'")
                check_shape(name, state[name], shape)
        with torch.no_grad():
            for i, layer in enumerate(self.linears()):
                layer.weight.copy_(torch.as_tensor(np.asarray(state[f"{prefix}.W{i}"]), dtype=layer.weight.dtype))
                layer.bias.copy_(torch.as_tensor(np.asarray(state[f"{prefix}.b{i}"]), dtype=layer.bias.dtype))
            if self.activation == "prelu":
                for i, m in enumerate(self.acts):
                    m.weight.copy_(torch.as_tensor(np.asarray(state[f"{prefix}.a{i}"]), dtype=m.weight.dtype))


class Trainer:
    """One network, its optimiser and its data; `epoch()` is one shuffled pass of minibatches."""

    def __init__(self, net: DeepMLP, x: np.ndarray, y: np.ndarray, optimizer: str, lr: float,
                 batch_size: int, seed: int, device: str = "cpu"):
        self.device = torch.device(device)
        self.net = net.to(self.device)
        self.x = torch.as_tensor(x, device=self.device)  # (n, 2)
        self.y = torch.as_tensor(y, device=self.device)  # (n,)
        self.batch_size = max(1, min(int(batch_size), len(y)))
        # Each trainer shuffles with its own generator: two racers with one seed see the same batches.
        self.shuffle = torch.Generator().manual_seed(int(seed))
        self.loss_fn = nn.BCEWithLogitsLoss()
        params = list(net.parameters())
        if optimizer == "adam":
            self.opt = torch.optim.Adam(params, lr=lr)
        else:
            self.opt = torch.optim.SGD(params, lr=lr, momentum=0.9 if optimizer == "momentum" else 0.0)

    def set_lr(self, lr: float) -> None:
        for group in self.opt.param_groups:
            group["lr"] = float(lr)

    def epoch(self) -> None:
        n = len(self.y)
        order = torch.randperm(n, generator=self.shuffle).to(self.device)
        self.net.train()
        for start in range(0, n, self.batch_size):
            idx = order[start:start + self.batch_size]
            self.opt.zero_grad(set_to_none=True)
            loss = self.loss_fn(self.net(self.x[idx]), self.y[idx])
            loss.backward()
            self.opt.step()

    def evaluate(self) -> tuple[float, float]:
        """Full-data loss and accuracy."""
        with torch.no_grad():
            logits = self.net(self.x)
            loss = float(self.loss_fn(logits, self.y))
            acc = float(((logits > 0).float() == self.y).float().mean())
        return loss, acc
