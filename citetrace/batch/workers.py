"""Local worker processes: how they start, and how documents flow through them.

At most a few documents per worker are in flight at a time, so memory stays
bounded however long the corpus. A worker that dies in the middle of a
document (killed, out of memory, a crash inside a C extension) breaks its
pool: the documents that were in flight are then audited again one at a
time, each in a fresh worker, so the one that kills its worker is reported
as failed and the run goes on.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import suppress
from itertools import islice
from pathlib import Path
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

BATCH = 4  # documents sent to a worker at a time, at most
BATCH_BYTES = 64_000  # and no more than about this much text: a long document travels alone
AHEAD = 4  # batches in flight per worker
DIED = "the worker process auditing it died (killed, out of memory, or crashed)"


def warm_worker(run_pid: int | None = None) -> None:
    """Load the lexicon once per worker, before the first document (a worker
    forked from a preloaded server already has it), and end the worker with the
    run ``run_pid``.

    It never raises: a worker whose initializer fails dies, and every
    document would fail for that. If the lexicon cannot be loaded, each
    document fails with the reason instead, as it does without workers.
    """
    from citetrace.ocr import lexicon

    if run_pid is not None:
        end_with(run_pid)
    with suppress(Exception):
        lexicon.warm()


def end_with(run_pid: int, every: float = 0.5) -> None:
    """End this worker, and the server it was forked from, once the run
    ``run_pid`` is gone: a run killed with ``kill -9`` leaves no process behind,
    blocked on a pipe nobody reads."""
    import os
    import signal
    import threading
    import time

    server = os.getppid() if os.getppid() != run_pid else None

    def watch() -> None:
        while True:
            time.sleep(every)
            try:
                os.kill(run_pid, 0)
            except ProcessLookupError:
                if server is not None:
                    with suppress(OSError):
                        os.kill(server, signal.SIGTERM)
                os._exit(1)
            except PermissionError:
                pass  # alive, under another user

    threading.Thread(target=watch, name="citetrace-watch", daemon=True).start()


def context():
    """Worker processes start from a server process that has already imported
    the auditing code and loaded the lexicon (``forkserver``, where the
    platform has it), so each starts in milliseconds; elsewhere they are
    spawned afresh."""
    import multiprocessing
    import os

    # the interpreters that start workers must not put the current directory
    # first on their path, where a stray multiprocessing.py would be imported
    os.environ["PYTHONSAFEPATH"] = "1"
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    forkserver = multiprocessing.get_context("forkserver")
    if not _shadowed():
        forkserver.set_forkserver_preload(["citetrace.batch.preload"])
    return forkserver


def _shadowed() -> bool:
    """Whether the current directory holds another ``citetrace`` package.

    The forkserver imports its preload with the current directory first on
    its path (Python 3.11 applies this process's path only afterwards), so it
    would preload that package, and every worker would inherit it. Workers
    then start from a bare server instead, and import this citetrace.
    """
    here = Path(__file__).resolve().parent
    for candidate in (Path("citetrace", "__init__.py"), Path("citetrace.py")):
        if candidate.is_file() and candidate.resolve() != here / "__init__.py":
            return True
    return False


def start_workers() -> None:
    """Start the server that local workers fork from, now, so that it loads
    the auditing code while this process is still walking the corpus.

    Call it once a run is known to need several workers (not before: a
    server started for a single document would slow that run down); without
    a forkserver it does nothing.
    """
    from multiprocessing import forkserver

    if context().get_start_method() == "forkserver":
        forkserver.ensure_running()


def run_pooled(
    work: Callable[[Item], Result],
    items: Iterable[Item],
    jobs: int,
    ordered: bool,
    failed: Callable[[Item, str], Result],
    size: Callable[[Item], int] | None = None,
) -> Iterator[Result]:
    """``work(item)`` for each item over ``jobs`` processes, in input order
    (``ordered``) or as finished; ``failed(item, reason)`` stands for the
    result of an item whose worker died, or whose result could not come back.

    Items travel in batches of up to ``BATCH`` (and, given their ``size``,
    about ``BATCH_BYTES``): one round trip to a worker per batch of small
    documents, while long ones go one at a time, so that no worker is left
    with several long ones at the end while the others wait.
    """
    batches = _batches(iter(items), size)
    window: deque[tuple[list[Item], Future]] = deque()  # in flight, in input order
    pool = _pool(jobs)
    try:
        while True:
            for batch in islice(batches, jobs * AHEAD - len(window)):
                window.append((batch, _submit(pool, work, batch)))
            if not window:
                break
            if ordered:
                finished = [window.popleft()]
                wait([finished[0][1]])
            else:
                done, _ = wait([f for _, f in window], return_when=FIRST_COMPLETED)
                finished = [pair for pair in window if pair[1] in done]
                window = deque(pair for pair in window if pair[1] not in done)
            if any(_lost(future) for _, future in finished):
                pool.shutdown(wait=True, cancel_futures=True)  # settles every future
                stranded = [*finished, *window]
                window.clear()
                for batch, future in stranded:
                    if _lost(future):
                        yield from (_alone(work, item, failed) for item in batch)
                    else:
                        yield from _results(future, batch, failed)
                pool = _pool(jobs)
                continue
            for batch, future in finished:
                yield from _results(future, batch, failed)
    finally:
        pool.shutdown(wait=not window, cancel_futures=True)


def _batches(items: Iterator[Item], size: Callable[[Item], int] | None) -> Iterator[list[Item]]:
    batch: list[Item] = []
    held = 0
    for item in items:
        weight = size(item) if size is not None else 0
        if batch and held + weight > BATCH_BYTES:
            yield batch
            batch, held = [], 0
        batch.append(item)
        held += weight
        if len(batch) >= BATCH or held >= BATCH_BYTES:
            yield batch
            batch, held = [], 0
    if batch:
        yield batch


def _each(work: Callable[[Item], Result], batch: list[Item]) -> list[Result]:
    return [work(item) for item in batch]


def _pool(jobs: int) -> ProcessPoolExecutor:
    import os

    return ProcessPoolExecutor(
        jobs, mp_context=context(), initializer=warm_worker, initargs=(os.getpid(),)
    )


def _submit(pool: ProcessPoolExecutor, work: Callable[[Item], Result], batch: list[Item]) -> Future:
    """``work`` over ``batch`` submitted to ``pool``; a pool already broken gives a lost future."""
    try:
        return pool.submit(_each, work, batch)
    except BrokenProcessPool as error:
        lost: Future = Future()
        lost.set_exception(error)
        return lost


def _lost(future: Future) -> bool:
    """Whether a settled ``future`` never got its result: its pool broke first."""
    return future.cancelled() or isinstance(future.exception(), BrokenProcessPool)


def _results(
    future: Future, batch: list[Item], failed: Callable[[Item, str], Result]
) -> list[Result]:
    error = future.exception()
    if error is None:
        return future.result()
    return [failed(item, f"internal error: {type(error).__name__}: {error}") for item in batch]


def _alone(
    work: Callable[[Item], Result], item: Item, failed: Callable[[Item, str], Result]
) -> Result:
    """``work(item)`` in a worker of its own; a failure if that worker dies too."""
    pool = _pool(1)
    try:
        future = _submit(pool, work, [item])
        wait([future])
        return failed(item, DIED) if _lost(future) else _results(future, [item], failed)[0]
    finally:
        pool.shutdown(wait=True)
