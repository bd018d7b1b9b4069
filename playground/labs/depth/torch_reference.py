"""The depth lab's speed reference: the same networks trained by a plain torch loop.

`playground bench depth` prints the lab's epochs per second beside this loop's, on the same work:
the same layers and initial weights (float64), the same data, batch size, optimiser and learning
rate, one epoch per step for each net the session trains, and the loss on all the data after it.
Only the bench and the tests import this module, so the window never loads torch for it.
"""
from __future__ import annotations

import time

import numpy as np
import torch

__all__ = ["torch_reference", "plain_torch_rate"]


def torch_reference(session) -> list[tuple]:
    """(torch module, output unit, optimiser) for each net the session trains: the same layers, the
    same initial weights (float64), the same optimiser and learning rate, written the plain way."""
    p = session.params
    out = []
    for name in session.trained_names():
        net = session.nets[name]
        w = net.engine.params()
        layers: list = []
        for layer in range(net.spec.n_layers):
            weight = w[f"layer{layer}.weight"]  # (fan_in, fan_out): torch stores the transpose
            lin = torch.nn.Linear(*weight.shape).double()
            with torch.no_grad():
                lin.weight.copy_(torch.as_tensor(weight.T))
                lin.bias.copy_(torch.as_tensor(w[f"layer{layer}.bias"]))
            layers += [lin, torch.nn.ReLU()]
        model = torch.nn.Sequential(*layers[:-1])
        if p["optimizer"] == "adam":
            opt = torch.optim.Adam(model.parameters(), lr=p["lr"])
        else:
            opt = torch.optim.SGD(model.parameters(), lr=p["lr"], momentum=0.9 if p["optimizer"] == "momentum" else 0.0)
        out.append((model, net.spec.output, opt))
    return out


def plain_torch_rate(session, seconds: float) -> float:
    """Epochs per second of a plain torch loop doing one session step's work: each trained net one
    epoch (same data, batch, optimiser, initial weights, float64), then its loss on all the data.
    The lab also counts every net's pieces every epoch; the loop does not, which only flatters it."""
    torch.set_num_threads(1)  # as the worker: one thread for networks this small
    X = torch.as_tensor(session.X, dtype=torch.float64)
    T = torch.as_tensor(session.T, dtype=torch.float64)
    nets = torch_reference(session)
    if not nets:
        return 0.0

    def loss_of(out, t, output):
        if output == "sigmoid":
            return torch.nn.functional.binary_cross_entropy_with_logits(out, t)
        return 0.5 * ((out - t) ** 2).mean()  # the engine's squared error: half the mean square

    batch = int(session.params["batch_size"])
    order = np.random.default_rng(0)
    n, steps = len(X), 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for model, output, opt in nets:
            perm = torch.as_tensor(order.permutation(n))
            xs, ts = X[perm], T[perm]
            for start in range(0, n, batch):
                opt.zero_grad()
                loss_of(model(xs[start:start + batch]), ts[start:start + batch], output).backward()
                opt.step()
            with torch.no_grad():
                loss_of(model(X), T, output).item()
        steps += 1
    return steps / (time.perf_counter() - t0)
