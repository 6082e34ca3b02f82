"""Build many clinics in worker processes; every result reaches the transaction, whatever stops the build.

Workers get the build's shared state (theme, config, parsed content) once: by inheritance when the
process can fork safely (no other threads), else pickled (spawn or forkserver). Each job is a frozen
``render.clinic.Job`` and each answer an ``output.Written`` or the error that stopped that clinic.
Workers ignore Ctrl+C: the parent stops handing out jobs, lets the running ones finish and gives their
results to the transaction, so it knows every file to remove.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import threading
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from . import output
from .errors import ClinicSitesError
from .render.clinic import Job, Shared, build_site

#: Below this many clinics, starting worker processes costs more than it saves.
PARALLEL_FROM = 8

_shared: Shared | None = None  # this worker's build state, set once by _start


def run(shared: Shared, jobs: list[Job], workers: int, tx: output.Transaction, step=None) -> None:
    """Build every job, giving each result to ``tx``; raise the first error once every clinic has answered."""
    errors: list[BaseException] = []
    if workers < 2 or len(jobs) < PARALLEL_FROM:
        for job in jobs:
            _take(tx, _build(shared, job), errors, step)
    else:
        _run_pool(shared, jobs, workers, tx, errors, step)
    if errors:
        raise _first(errors)


def _first(errors: list[BaseException]) -> BaseException:
    """The error to report: every clinic's problems together when they are all problems with the input or theme."""
    if all(isinstance(e, ClinicSitesError) for e in errors):
        kind = type(errors[0])
        return kind([p for e in errors for p in e.problems])
    return next(e for e in errors if not isinstance(e, ClinicSitesError))


def _run_pool(shared, jobs, workers, tx, errors, step) -> None:
    global _shared
    output.stop_io_pool()  # a fork copies no threads, only the locks they might hold
    method = _start_method()
    if method == "fork":
        shared.theme.compile_all()  # once here rather than once in every worker
        # The first clinic here: the kinds of page it teaches the theme's parts (render/parts.py) are then
        # learnt once, not once in every worker.
        _take(tx, _build(shared, jobs[0]), errors, step)
        output.stop_io_pool()  # its disk threads are done: fork without them
        jobs = jobs[1:]
        _shared = shared  # what a forked worker inherits
        gc.freeze()  # leave the inherited objects alone, so their memory stays shared with the parent
    chunk = max(1, len(jobs) // (workers * 8))
    batches = [jobs[i : i + chunk] for i in range(0, len(jobs), chunk)]
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context(method),
        initializer=_start,
        initargs=(None if method == "fork" else shared,),
    )
    futures = {}
    try:
        futures = {pool.submit(_build_batch, batch): batch for batch in batches}
        for future, batch in futures.items():
            _collect(tx, future, batch, errors, step)
    except BaseException:
        # Ctrl+C or SIGTERM here: no new clinics start; the running ones finish and their files are known.
        pool.shutdown(wait=True, cancel_futures=True)
        _stop_strays()
        for future, batch in futures.items():
            if future.done() and not future.cancelled():
                _collect(tx, future, batch, [], None)
        raise
    finally:
        pool.shutdown(wait=True)
        _shared = None
        if method == "fork":
            gc.unfreeze()


def _collect(tx, future, batch, errors, step) -> None:
    try:
        results = future.result()
    except BrokenProcessPool as exc:  # a worker died (killed, out of memory): what it wrote is unknown
        tx.lost.update(job.name for job in batch)
        errors.append(exc)
        return
    for result in results:
        _take(tx, result, errors, step)


def _take(tx, result, errors, step) -> None:
    if isinstance(result, BaseException):
        errors.append(result)
    else:
        tx.add(result)
    if step:
        step()


def _start_method() -> str:
    """Fork when this process has no other thread (a preview server, say), as forking one is unsafe."""
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        return "fork"
    return "forkserver" if "forkserver" in methods else "spawn"


def _stop_strays() -> None:
    """Stop any worker the pool left running. A signal landing inside the pool's own code (while it starts its
    workers, say) can leave it without the thread that stops them, and a worker left waiting for work would keep
    this process from exiting: Python waits for its child processes."""
    children = [child for child in multiprocessing.active_children() if _ours(child.pid)]
    for child in children:
        child.terminate()
    for child in children:
        child.join(5)
        if child.is_alive():  # forked while another thread held a lock it now waits for
            child.kill()
            child.join()


def _ours(pid: int) -> bool:
    """Whether ``pid`` is still a child of this process. multiprocessing's list can name a pid that something else
    reaped, which may by now be another process's (once pids wrap round): that one must not be signalled."""
    if not os.path.exists("/proc/self/stat"):
        return True  # no way to tell here: trust the list
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as file:
            stat = file.read()
    except OSError:
        return False  # gone
    return int(stat[stat.rindex(")") + 2 :].split()[1]) == os.getpid()


def _start(shared: Shared | None) -> None:
    global _shared
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides what an interrupt stops
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handler: a worker stopped just stops
    if shared is not None:
        _shared = shared


def _build_batch(batch: list[Job]) -> list:
    return [_build(_shared, job) for job in batch]


def _build(shared: Shared, job: Job):
    """One clinic's result, or the error that stopped it (its own half-written changes already removed)."""
    try:
        return build_site(shared, job)
    except ClinicSitesError as exc:
        return exc
    except OSError as exc:
        return exc
