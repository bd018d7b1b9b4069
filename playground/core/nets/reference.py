"""The plain torch loop a lab's speed is compared to (`bench_reference` in a lab's core).

What a person would write by hand for the same network, data and batch size: nn.Linear layers with
the registry's activation modules, torch.optim, a shuffled minibatch loop, float32 (torch's default),
one thread as the training worker sets it (more only spin on matrices this small). It reports epochs per second, so `playground bench` can print
our speed as a ratio to it, which holds on a machine shared with other work.
"""
from __future__ import annotations

import time

import numpy as np

from playground.core.nets import activations
from playground.core.nets.mlp_spec import NetSpec

__all__ = ["torch_reference"]


def torch_reference(spec: NetSpec, X: np.ndarray, T: np.ndarray, batch: int, seconds: float,
                    lr: float = 0.03, optimizer: str = "sgd", seed: int = 0, eval_sets=()) -> float:
    """Epochs per second of a bare torch training loop on (X, T), measured for about `seconds`.
    `eval_sets`: (X, T) pairs whose loss is computed after every epoch, as a lab that draws loss
    curves does (the classify lab: the training and the test set)."""
    import torch
    from torch import nn

    torch.set_num_threads(1)
    torch.manual_seed(seed)
    layers: list[nn.Module] = []
    units = spec.units()
    for h in range(len(spec.hidden)):
        layers.append(nn.Linear(units[h], spec.pre_width(h)))
        layers.append(activations.get(spec.activations[h]).torch_module(**spec.act_params[h]))
    layers.append(nn.Linear(units[-2], spec.n_out))
    if spec.output == "tanh":
        layers.append(nn.Tanh())
    elif spec.loss == "squared" and spec.output == "sigmoid":
        layers.append(nn.Sigmoid())
    elif spec.loss == "squared" and spec.output == "softmax":
        layers.append(nn.Softmax(dim=1))
    model = nn.Sequential(*layers)
    if spec.loss == "cross_entropy" and spec.output == "sigmoid":
        loss_fn = nn.BCEWithLogitsLoss()
    elif spec.loss == "cross_entropy" and spec.output == "softmax":
        loss_fn = nn.CrossEntropyLoss()  # from the logits; it takes one-hot targets as they are
    else:
        loss_fn = nn.MSELoss()
    if optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=lr)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=0.9 if optimizer == "momentum" else 0.0)
    x = torch.as_tensor(np.asarray(X), dtype=torch.float32)
    t = torch.as_tensor(np.asarray(T), dtype=torch.float32)
    n = len(x)
    batch = max(1, min(int(batch), n))

    evals = [(torch.as_tensor(np.asarray(a), dtype=torch.float32), torch.as_tensor(np.asarray(b), dtype=torch.float32))
             for a, b in eval_sets if len(a)]

    def epoch():
        order = torch.randperm(n)
        for start in range(0, n, batch):
            idx = order[start:start + batch]
            opt.zero_grad()
            loss_fn(model(x[idx]), t[idx]).backward()
            opt.step()
        with torch.no_grad():
            for a, b in evals:
                float(loss_fn(model(a), b))

    epoch()  # warm-up: first-call allocations are not the loop's speed
    done, t0 = 0, time.perf_counter()
    while True:
        epoch()
        done += 1
        elapsed = time.perf_counter() - t0
        if elapsed >= seconds:
            return done / elapsed
