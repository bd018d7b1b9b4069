"""The one MLP engine every lab uses: `make_engine(spec, params, device)`.

A `NetSpec` (mlp_spec.py) describes the network; `init_params` gives its starting weights. On the CPU
the engine is the compiled numba path (mlp_numba.py: a whole epoch is one call into machine code), on
CUDA or MPS the torch path (mlp_torch.py, autograd); both expose the same methods (configure,
set_data, train_epoch, train_step, gradients, predict, evaluate, params, load, set_value, trace) and
are tested to agree step by step in float64, so a lab never needs to know which one it got.
`device="torch"` asks for the torch path on the CPU (the reference the tests and benches compare to).

On the CPU the compiled path wins while call overhead dominates, that is for narrow layers; for wide
ones (the activations lab's 256 units) BLAS matrix products win, and the CPU gets the torch path too.
Measured on the activations lab (float64, one thread): 5 x 32 units 139 epochs/s compiled vs 96 torch,
5 x 64 50 vs 78, 20 x 256 0.7 vs 3.0. The switch is at 2,048 multiply-adds per example in the widest
layer (about 45 x 45 units); classify's widest (16 x 16) is far below it.
"""
from __future__ import annotations

import numpy as np

from playground.core.nets.mlp_spec import NetSpec

__all__ = ["make_engine", "engine_label", "COMPILED_MAX_LAYER"]

COMPILED_MAX_LAYER = 2048  # multiply-adds per example of the widest layer up to which the CPU compiles


def make_engine(spec: NetSpec, params: dict[str, np.ndarray], device: str = "cpu", seed: int = 0):
    """An engine for `spec` starting from `params`; torch is imported only for a torch device."""
    if device == "cpu" and _widest_layer(spec) <= COMPILED_MAX_LAYER:
        from playground.core.nets.mlp_numba import NumbaMLP

        return NumbaMLP(spec, params, seed=seed)
    from playground.core.nets.mlp_torch import TorchMLP

    return TorchMLP(spec, params, device="cpu" if device == "torch" else device, seed=seed)


def _widest_layer(spec: NetSpec) -> int:
    units = spec.units()
    return max(units[layer] * spec.pre_width(layer) for layer in range(spec.n_layers))


def engine_label(device: str) -> str:
    """What the window's status line says about the engine a device gets (for a small network;
    an engine's own `label` says which path it is)."""
    if device == "cpu":
        return "numba · cpu"
    return f"torch · {'cpu' if device == 'torch' else device}"
