"""Keep Python's full garbage collections out of the window's frames.

A full collection walks every object the process holds: with every lab open that is some 250,000
(torch, numpy, Qt wrappers, the labs' own), and each walk held the GUI thread about 300 ms, now and
then, in the middle of training: a visible stutter. What lives for the whole session (the imported
modules, a lab's view once built) is moved out of the collector's sight with `gc.freeze()`, so a full
collection walks only what came after (frames, arrays): under a millisecond. Freezing costs nothing
itself; a cycle of garbage frozen with them is never freed, so it is done at the moments when what
exists is what will stay: the app's start, the labs' modules loaded, a lab's first view built.
"""
from __future__ import annotations

import gc

__all__ = ["keep_long_lived_out_of_collections"]


def keep_long_lived_out_of_collections() -> None:
    gc.freeze()
