"""How much each activation costs to evaluate, measured on this machine.

The lecture says the exponential makes sigmoid expensive; this measures it. For each activation we
time torch's forward pass, and forward plus backward, over a million float32 values on the chosen
device (the best of a few repeats, after a warm-up, with CUDA synchronised), and the numpy forward the
window's plots use. Results are milliseconds per million evaluations. Runs in the worker process or
the command line: it takes about a second and must never run on the window's thread.
"""
from __future__ import annotations

import time

import numpy as np

from playground.core.nets import activations

__all__ = ["measure_cost"]


def _best_of(fn, repeats: int, sync) -> float:
    fn()  # warm-up: first calls allocate and pick kernels
    sync()
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        sync()
        best = min(best, time.perf_counter() - t0)
    return best


def measure_cost(device: str = "cpu", names: list[str] | None = None, n: int = 1_000_000,
                 repeats: int = 5, include_numpy: bool = True) -> dict:
    """{"device", "n", "rows": [{"name", "label", "forward_ms", "backward_ms", "numpy_ms", "relative"}]}.

    backward_ms is forward plus backward; relative is forward time over ReLU's (1.0 = as cheap as ReLU).
    """
    import torch

    names = list(names) if names else activations.names()
    dev = torch.device(device)
    sync = (lambda: torch.cuda.synchronize(dev)) if dev.type == "cuda" else (lambda: None)
    gen = torch.Generator().manual_seed(0)
    x = (torch.randn(n, generator=gen) * 4.0).to(dev)  # (n,) spread over both tails and the kinks
    x_np = x.cpu().numpy().astype(np.float64)
    ones = torch.ones_like(x)
    rows = []
    for name in names:
        a = activations.get(name)
        if a.kind == "maxout":
            # k pieces per unit: the cost of a max over k candidates per output (k = default 2)
            k = activations.units_per_output(name)
            xin = x[: (n // k) * k]
        else:
            xin = x
        module = a.torch_module().to(dev)
        with torch.no_grad():
            fwd = _best_of(lambda: module(xin), repeats, sync)
        if a.differentiable:
            xg = xin.detach().clone().requires_grad_(True)

            def fwd_bwd():
                y = module(xg)
                y.backward(ones[: y.shape[0]])
                xg.grad = None

            both = _best_of(fwd_bwd, repeats, sync)
        else:
            both = None
        np_time = _best_of(lambda: a.forward(x_np), max(1, repeats // 2), lambda: None) if include_numpy else None
        scale = 1e3 * 1_000_000 / n  # seconds for n values -> ms per million
        rows.append({"name": name, "label": a.label, "forward_ms": fwd * scale,
                     "backward_ms": None if both is None else both * scale,
                     "numpy_ms": None if np_time is None else np_time * scale})
    relu = next((r["forward_ms"] for r in rows if r["name"] == "relu"), None)
    for r in rows:
        r["relative"] = r["forward_ms"] / relu if relu else None
    return {"device": str(dev), "n": n, "repeats": repeats, "threads": torch.get_num_threads(), "rows": rows}
