"""Keep Python's full garbage collections out of the window's frames.

A full collection walks every object the process holds: with every lab open that is some 250,000
(torch, numpy, Qt wrappers, the labs' own), and each walk held the GUI thread about 300 ms, now and
then, in the middle of training: a visible stutter. What lives for the whole session (the imported
modules, a lab's view once built) is moved out of the collector's sight with `gc.freeze()`, so a full
collection walks only what came after (frames, arrays): under a millisecond. Freezing costs nothing
itself; a cycle of garbage frozen with them is never freed, so it is done at the moments when what
exists is what will stay: the app's start, the labs' modules loaded, a lab's first view built.

Collections run only between events (`collect_between_events`): an automatic one starts at
whatever allocation crosses the threshold, and once that was inside Qt's QObject::disconnect, which
holds a lock of Qt's while PySide asks Python for an override. The collection freed a garbage cycle
holding a QMenu, whose destructor waited for that same lock: the window hung for good (seen in a
test run opening the RNN lab). pyqtgraph's GarbageCollector turns automatic collection off and
collects from a timer on the GUI thread instead, where no Qt call is in progress.

And large freed blocks go back to the system at once (`give_freed_blocks_back`), so that the memory
of a long session follows what it holds, not what it once held.
"""
from __future__ import annotations

import gc
import sys

__all__ = ["keep_long_lived_out_of_collections", "give_freed_blocks_back", "collect_between_events"]

_COLLECT_EVERY_S = 0.5

_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # glibc's mallopt parameters (malloc.h)
_BIG_BLOCK = 128 * 1024


def keep_long_lived_out_of_collections() -> None:
    gc.freeze()


def collect_between_events(app) -> None:
    """Garbage is collected from a timer of the GUI thread's event loop, never in the middle of a
    Qt call (once per app; the collector lives as long as the app)."""
    if getattr(app, "_np_collector", None) is not None:
        return
    from pyqtgraph.util.garbage_collector import GarbageCollector

    app._np_collector = GarbageCollector(interval=_COLLECT_EVERY_S)


def give_freed_blocks_back() -> bool:
    """Make glibc hand large freed blocks back to the system (Linux only; elsewhere a no-op).

    The window's frames are arrays of a few hundred kB to a few MB, made and freed many times a
    second, half of them unpickled by the channel's reader thread. glibc's default raises its
    threshold for giving such a block its own mapping each time one is freed, so after a while they
    are carved from the heap and the thread's arena instead, and what is freed there in the middle
    stays counted as the app's memory: a 1,500-action random run grew 109 MiB that way, 71 with the
    threshold held at 128 kB. Returns whether the setting was taken."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6")
        mapped = libc.mallopt(_M_MMAP_THRESHOLD, _BIG_BLOCK)
        trimmed = libc.mallopt(_M_TRIM_THRESHOLD, _BIG_BLOCK)
        return bool(mapped) and bool(trimmed)
    except (OSError, AttributeError):  # not glibc (musl, say): its allocator has its own ways
        return False
