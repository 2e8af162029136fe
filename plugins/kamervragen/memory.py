"""How the build treats its process's memory: the cyclic garbage collector paused while it
runs, and freed memory handed back to the system, where the C library allows it.

Nearly everything a build makes (notes, analysis, views, pages) lives until its end and
holds no reference cycles, yet Python's collector goes through all of it again each time
enough new objects have been made (`perf`: gc_collect_main, visit_decref, visit_reachable).
A rebuild at 10,000 sets took 44 s with the collector off, 60 s with it on, and its peak
memory was the same. Reference counting frees whatever the build drops, as before; only
garbage in cycles waits until the collector runs again.

CPython frees objects into its allocator, and glibc keeps freed heap memory for later use
rather than return it. At the end of the core's pipeline for 10,000 sets that held 73 MB of
a process of 841 MB; a worker forked from such a process shares those pages, and the
build's measured size includes them. `malloc_trim` returns whole free pages, wherever in the
heap they lie.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from contextlib import contextmanager
from functools import cache
from typing import Any, Iterator


@cache
def _malloc_trim() -> Any:
    """glibc's malloc_trim, or None on a system without it (macOS, musl)."""
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), "malloc_trim", None) if name else None
    except OSError:
        return None


def release() -> bool:
    """Return freed heap memory to the system; False where the C library cannot."""
    trim = _malloc_trim()
    if trim is None:
        return False
    trim(0)
    return True


class PausedCollector:
    """The cyclic garbage collector off from now until `resume`, which sets it as it was."""

    def __init__(self) -> None:
        self.was_enabled = gc.isenabled()
        gc.disable()

    def resume(self, freeze: bool = False) -> None:
        """Collect automatically again, if it did before. With `freeze`, what exists now is left
        out of every later collection: the first one would otherwise go through all of it."""
        if freeze:
            gc.freeze()
        if self.was_enabled:
            gc.enable()
            self.was_enabled = False


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off for the block (see the module's docstring)."""
    paused = PausedCollector()
    try:
        yield
    finally:
        paused.resume()
