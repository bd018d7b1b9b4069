"""Watching a headless run epoch by epoch, without the labs knowing: how `--export run.gif` films one.

`train_headless` (session.py) calls `notify(session)` once before the first epoch and after every
epoch; a caller that wants to see them (the animation recorder) wraps the run in
`with observe_epochs(fn):`. A context variable rather than an argument, so every lab's run_headless
gets it without a change to its signature, and nothing happens when nobody watches.
"""
from __future__ import annotations

import contextlib
import contextvars
from typing import Callable, Iterator

__all__ = ["observe_epochs", "notify"]

_observer: contextvars.ContextVar[Callable | None] = contextvars.ContextVar("epoch_observer", default=None)


@contextlib.contextmanager
def observe_epochs(fn: Callable) -> Iterator[None]:
    token = _observer.set(fn)
    try:
        yield
    finally:
        _observer.reset(token)


def notify(session) -> None:
    fn = _observer.get()
    if fn is not None:
        fn(session)
