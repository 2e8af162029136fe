"""`parallel.Background`: a task done in a forked process while the build goes on, with its
result, its error or its end handed back as the task's own would be."""

from __future__ import annotations

import os
import time

import pytest

from kamervragen import parallel

ITEMS = parallel.MIN_ITEMS  # enough for a process of its own


def test_result_comes_from_another_process():
    job = parallel.Background(os.getpid, ITEMS, workers=2)
    assert job.result() != os.getpid()
    assert job.result() == job.result()  # asked again: the same answer, no second wait


@pytest.mark.parametrize("items, workers", [(ITEMS - 1, 2), (ITEMS, 1)], ids=["few-items", "one-worker"])
def test_small_or_single_process_work_is_done_here_at_once(items, workers):
    assert parallel.Background(os.getpid, items, workers).result() == os.getpid()


def test_result_may_be_none():
    assert parallel.Background(lambda: None, ITEMS, workers=2).result() is None


def test_the_tasks_error_is_raised_by_result():
    def fails() -> None:
        raise ValueError("kapot in het werkproces")

    job = parallel.Background(fails, ITEMS, workers=2)
    with pytest.raises(ValueError, match="kapot in het werkproces"):
        job.result()


def test_an_error_that_cannot_be_pickled_still_arrives_as_its_message():
    class Local(Exception):  # a local class cannot be pickled
        pass

    def fails() -> None:
        raise Local("alleen hier bekend")

    with pytest.raises(RuntimeError, match="alleen hier bekend"):
        parallel.Background(fails, ITEMS, workers=2).result()


def test_a_process_that_dies_gives_a_clear_error():
    with pytest.raises(RuntimeError, match=r"achtergrondproces stopte onverwacht \(code 3\)"):
        parallel.Background(lambda: os._exit(3), ITEMS, workers=2).result()


def test_stop_ends_a_task_still_running():
    job = parallel.Background(lambda: time.sleep(600), ITEMS, workers=2)
    process = job.process
    assert process.is_alive()
    job.stop()
    assert not process.is_alive() and process.exitcode is not None
    job.stop()  # twice does no harm
