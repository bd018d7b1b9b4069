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

The first start on a machine compiles the CPU kernels (about 16 s of CPU here; numba then caches them
on disk and later starts load them in about a second). The window must not wait for that: the worker
calls `start_warm_up(fallback=True)`, which compiles the kernels in a separate process (on the other
core: a compiling thread would fight the training loop for Python's GIL and take minutes), then
loads them from the disk cache in a background thread; until they are ready a network built in the worker gets the torch path on the CPU, which gives
the same numbers (the two paths are tested to agree step by step). The next network built after
that (a Reset, a new lab, a structural change) gets the compiled path. The command line and the
tests do not ask for the fallback: they simply compile on first use.
"""
from __future__ import annotations

import threading

import numpy as np

from playground.core.nets.mlp_spec import NetSpec

__all__ = ["make_engine", "engine_label", "COMPILED_MAX_LAYER", "start_warm_up", "compiled_ready"]

COMPILED_MAX_LAYER = 2048  # multiply-adds per example of the widest layer up to which the CPU compiles
WARM_WAIT_S = 6.0  # how long a new network waits for the kernels (a warm cache loads in about 0.7 s)
COMPILING_NOTE = " (compiling the fast engine: Reset uses it once ready)"

_ready = threading.Event()
_decided = threading.Event()  # set once the warm-up knows whether the disk cache holds the kernels
_warm_thread: threading.Thread | None = None
_fallback = False
_warm_error: str | None = None


def _warm() -> None:
    global _warm_error
    try:
        from playground.core.nets.mlp_numba import NumbaMLP
        from playground.core.nets.mlp_spec import init_params

        spec = NetSpec(n_in=2, hidden=[3], activations=["tanh"], n_out=1)
        net = NumbaMLP(spec, init_params(spec, "uniform", np.random.default_rng(0)))
        x, t = np.zeros((4, 2)), np.zeros((4, 1))
        net.set_data(x, t)
        net.train_epoch(np.arange(4), 2)  # one entry point compiles every pass at once
        net.evaluate(x, t)
    except Exception as exc:  # noqa: BLE001 - the torch path keeps working; the reason is kept
        _warm_error = f"{type(exc).__name__}: {exc}"
        return
    _ready.set()


def _cache_on_disk() -> bool:
    """Whether numba's disk cache already holds the kernel (then loading it takes under a second)."""
    import os

    try:
        from playground.core.nets import mlp_kernels

        return os.path.exists(mlp_kernels.kernel._cache._cache_file._index_path)
    except Exception:  # noqa: BLE001 - numba's internals moved: compile elsewhere to be safe
        return False


_warm_from_cache = False


def _compile_elsewhere_then_load() -> None:
    """Load the cache if there is one; else compile in a child process (it writes numba's disk
    cache), then load the cache here."""
    import subprocess
    import sys

    global _warm_from_cache
    _warm_from_cache = _cache_on_disk()
    _decided.set()
    if _warm_from_cache:
        _warm()
        return
    try:
        code = "from playground.core.nets.mlp import _warm; _warm()"
        subprocess.run([sys.executable, "-c", code], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=900, check=False)
    except (OSError, subprocess.SubprocessError):
        pass  # a frozen app cannot run "-c": compiling here below still works, only slower
    _warm()


def start_warm_up(fallback: bool = True) -> None:
    """Compile or load the CPU kernels in the background (once per process). With `fallback`,
    networks built before they are ready use the torch path instead of waiting."""
    global _warm_thread, _fallback
    _fallback = fallback
    if _warm_thread is None:
        _warm_thread = threading.Thread(target=_compile_elsewhere_then_load, name="playground-numba-warm-up",
                                        daemon=True)
        _warm_thread.start()


def compiled_ready(wait: float = 0.0) -> bool:
    return _ready.wait(wait) if wait > 0 else _ready.is_set()


def make_engine(spec: NetSpec, params: dict[str, np.ndarray], device: str = "cpu", seed: int = 0):
    """An engine for `spec` starting from `params`; torch is imported only for a torch device (or, in
    the worker, for the CPU while the compiled kernels are still being built)."""
    if device == "cpu" and _widest_layer(spec) <= COMPILED_MAX_LAYER:
        # With a warm cache the kernels are moments away: wait for them; a cold one takes minutes.
        if not _fallback or _ready.is_set() or (_decided.wait(WARM_WAIT_S) and _warm_from_cache
                                                and compiled_ready(WARM_WAIT_S)):
            from playground.core.nets.mlp_numba import NumbaMLP

            return NumbaMLP(spec, params, seed=seed)
        from playground.core.nets.mlp_torch import TorchMLP

        engine = TorchMLP(spec, params, device="cpu", seed=seed)
        engine.label += COMPILING_NOTE
        return engine
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
