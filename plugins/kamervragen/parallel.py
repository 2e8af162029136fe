"""Work spread over the machine's cores, in forked processes that already hold the archive.

A forked worker starts with a copy of the parent's memory, so a task only receives an index
(or nothing) and sends back its result: nothing the task reads is pickled. Small batches stay
in this process, where starting workers would cost more than they save.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Any, Callable, Generic, Iterator, TypeVar

from kamervragen import memory

T = TypeVar("T")
MIN_ITEMS = 64  # fewer items than this are done in this process
CHUNKS = 32  # batches per worker; a worker is replaced after RENEW of them
RENEW = 1  # at 10,000 sets a worker grew by 150-250 MB over four batches, by 40 MB over one
_task: Callable[[int], object] | None = None  # the task of the running pool, inherited by its workers


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def processes(items: int, workers: int | None) -> int:
    """How many processes `run` uses for `items` with `workers` (None: one per core); 1 means
    this one, when workers would cost more than they save or cannot be forked."""
    workers = workers or cores()
    if workers <= 1 or items < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return workers


def run(task: Callable[[int], T], items: list[int], workers: int | None) -> Iterator[T]:
    """`task(i)` for each of `items`, in order, as they come (the caller works on the first
    results while the workers make the rest); in `processes(...)` processes."""
    workers = processes(len(items), workers)
    if workers == 1:
        yield from map(task, items)
        return
    global _task
    _task = task
    # The objects made so far are left out of the workers' garbage collections: a collection
    # writes to every object it scans, and each write copies a page the worker shares with
    # this process (at 10,000 sets the workers otherwise grow to the size of the build).
    gc.freeze()
    memory.release()  # freed pages need not be shared with (and counted in) each worker
    try:
        # A worker keeps this process's garbage collector as it is: paused during a build
        # (memory.py), as a worker ends after one batch and what it leaves in cycles goes with
        # it. One that collected would go through its results again and again: having never
        # seen this process's objects, it takes every 10th collection for a full one (reading
        # 10,000 notes in workers took 24 s so, 13 s with the collector on everywhere, 11 s off).
        # A worker's memory grows as it writes to what it shares with this process (each
        # write copies a page) and as its allocator keeps freed memory; a fresh fork shares
        # everything again.
        with multiprocessing.get_context("fork").Pool(workers, maxtasksperchild=RENEW) as pool:
            yield from pool.imap(_call, items, chunksize=-(-len(items) // (workers * CHUNKS)))
    finally:
        gc.unfreeze()
        _task = None


def _call(i: int) -> object:
    assert _task is not None
    return _task(i)


class Background(Generic[T]):
    """`task()` in a forked process while this one goes on; `result` waits for it. Where `run`
    would use one process for `items` items, the task is done at once, here.

    The result comes back pickled, so this suits a task with a small result from much input
    (similar sets: 6 s at 10,000 sets, while this process weighs the search index)."""

    def __init__(self, task: Callable[[], T], items: int, workers: int | None) -> None:
        self.process: Any = None
        self.reader: Any = None
        if processes(items, workers) == 1:
            self.outcome: tuple[bool, Any] | None = _outcome(task)
            return
        self.outcome = None
        memory.release()  # as in `run`
        context = multiprocessing.get_context("fork")
        self.reader, writer = context.Pipe(duplex=False)
        self.process = context.Process(target=_send, args=(task, writer), name="kamervragen-achtergrond", daemon=True)
        self.process.start()
        writer.close()

    def result(self) -> T:
        """The task's result, or what it raised, raised here."""
        if self.outcome is None:
            try:
                outcome = self.reader.recv()
            except EOFError:  # it ended without a word: killed, or out of memory
                outcome = None
            self.process.join()
            self.reader.close()
            self.outcome = outcome or (False, RuntimeError(
                f"kamervragen: het achtergrondproces stopte onverwacht (code {self.process.exitcode})"))
            self.process = None
        done, value = self.outcome
        if not done:
            raise value
        return value

    def stop(self) -> None:
        """Stop the task if it is still running (the build failed); its result is not needed."""
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.reader.close()
            self.process = None


def _outcome(task: Callable[[], T]) -> tuple[bool, Any]:
    try:
        return True, task()
    except Exception as err:
        return False, err


def _send(task: Callable[[], Any], writer: Any) -> None:
    """The forked process's work: the task's outcome, sent whole (an error that cannot be
    pickled is sent as its message)."""
    outcome = _outcome(task)
    try:
        writer.send(outcome)
    except Exception as err:
        writer.send((False, RuntimeError(f"{outcome[1]!r} (niet door te geven: {err})")))
    writer.close()
