"""One BLAS thread for our tiny matrices, through threadpoolctl (the maintained way to do it).

Our matrices are tiny: extra BLAS threads cannot help them, but on two cores they spin waiting for
work and fight the window for the CPU. Measured with the window open, a 6x8 spiral network on the
earlier numpy engine trained at about 90 epochs/s with OpenBLAS's default threads and at about 400
with one. The compiled engine calls no BLAS while training, but snapshots, data generation and torch
on the CPU still do. An explicit OPENBLAS_NUM_THREADS (or OMP_NUM_THREADS) in the environment is
respected.
"""
from __future__ import annotations

import os

__all__ = ["limit_blas_threads"]

_LIMITER = []  # keeps the threadpool_limits object alive: the limit holds for the whole process


def limit_blas_threads(n: int = 1) -> bool:
    """Ask every loaded BLAS (OpenBLAS, MKL, BLIS) for `n` threads; returns whether one was found.
    Done once per process; later calls return the first answer."""
    if _LIMITER:
        return bool(_LIMITER[0][1])
    if os.environ.get("OPENBLAS_NUM_THREADS") or os.environ.get("OMP_NUM_THREADS"):
        _LIMITER.append((None, False))
        return False
    try:
        from threadpoolctl import threadpool_info, threadpool_limits
    except ImportError:  # a broken install: training still works, only slower on two cores
        _LIMITER.append((None, False))
        return False
    limiter = threadpool_limits(limits=int(n), user_api="blas")
    found = any(info.get("user_api") == "blas" for info in threadpool_info())
    _LIMITER.append((limiter, found))
    return found
