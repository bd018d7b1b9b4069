"""The one MLP engine every lab uses: `make_engine(spec, params, device)`.

A `NetSpec` (mlp_spec.py) describes the network; `init_params` gives its starting weights. On the CPU
the engine is the compiled numba path (mlp_numba.py: a whole epoch is one call into machine code), on
CUDA or MPS the torch path (mlp_torch.py, autograd); both expose the same methods (configure,
set_data, train_epoch, train_step, gradients, predict, evaluate, params, load, set_value, trace) and
are tested to agree step by step in float64, so a lab never needs to know which one it got.
`device="torch"` asks for the torch path on the CPU (the reference the tests and benches compare to).
"""
from __future__ import annotations

import numpy as np

from playground.core.nets.mlp_spec import NetSpec

__all__ = ["make_engine", "engine_label"]


def make_engine(spec: NetSpec, params: dict[str, np.ndarray], device: str = "cpu", seed: int = 0):
    """An engine for `spec` starting from `params`; torch is imported only for a torch device."""
    if device == "cpu":
        from playground.core.nets.mlp_numba import NumbaMLP

        return NumbaMLP(spec, params, seed=seed)
    from playground.core.nets.mlp_torch import TorchMLP

    return TorchMLP(spec, params, device="cpu" if device == "torch" else device, seed=seed)


def engine_label(device: str) -> str:
    """What the window's status line says about the engine a device gets."""
    if device == "cpu":
        return "numba · cpu"
    return f"torch · {'cpu' if device == 'torch' else device}"
