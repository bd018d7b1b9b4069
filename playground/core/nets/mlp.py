"""The one MLP engine every lab uses: `make_engine(spec, params, device)`.

A `NetSpec` (mlp_spec.py) describes the network; `init_params` gives its starting weights. On the CPU
the engine is the fast compiled path, on CUDA or MPS the torch path; both expose the same methods
(configure, set_data, train_epoch, train_step, gradients, predict, evaluate, params, load, set_value)
and are tested to agree step by step, so a lab never needs to know which one it got.
"""
from __future__ import annotations

import numpy as np

from playground.core.nets.mlp_spec import NetSpec

__all__ = ["make_engine"]


def make_engine(spec: NetSpec, params: dict[str, np.ndarray], device: str = "cpu", seed: int = 0):
    """An engine for `spec` starting from `params`; torch is imported only for a GPU device."""
    if device == "cpu":
        from playground.core.nets.mlp_numpy import NumpyMLP

        return NumpyMLP(spec, params, seed=seed)
    from playground.core.nets.mlp_torch import TorchMLP

    return TorchMLP(spec, params, device=device, seed=seed)
