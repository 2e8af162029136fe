"""Work spread over the machine's cores, in forked processes that already hold the archive.

A forked worker starts with a copy of the parent's memory, so a task only receives an index
and sends back its result: nothing the task reads is pickled. Small batches stay in this
process, where starting workers would cost more than they save.
"""

from __future__ import annotations

import multiprocessing
import os
from typing import Callable, TypeVar

T = TypeVar("T")
MIN_ITEMS = 64  # fewer items than this are done in this process
_task: Callable[[int], object] | None = None  # the task of the running pool, inherited by its workers


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run(task: Callable[[int], T], items: list[int], workers: int) -> list[T]:
    """`task(i)` for each of `items`, in order; in `workers` processes when that pays."""
    if workers <= 1 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return [task(i) for i in items]
    global _task
    _task = task
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            return pool.map(_call, items, chunksize=max(1, len(items) // (workers * 16)))
    finally:
        _task = None


def _call(i: int) -> object:
    assert _task is not None
    return _task(i)
