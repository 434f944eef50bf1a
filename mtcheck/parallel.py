"""Executors: check articles in this process, in worker processes, or on Dask.

Every executor yields :class:`~mtcheck.model.ArticleResult` objects one at a
time **in article order**, so a parallel run is byte-identical to a serial one
and a report can be written while the run goes on.  Memory stays bounded: at
most a small window of articles (a few per worker) is in flight at once.

* ``serial``: one article after the other in this process.  Used for
  ``--jobs 1`` and for fewer than four articles (a worker needs at least two
  articles to earn its start-up), so small runs never pay for starting processes.
* ``local``: a :class:`concurrent.futures.ProcessPoolExecutor`; each worker
  loads the check registry and the language identifier once, in its
  initializer, then loads and checks whole article folders.
* ``dask``: article batches on a Dask cluster (``--scheduler ADDRESS``, or a
  ``LocalCluster`` started for the run).  Articles are read here and shipped
  to the workers, so the workers need not see the files; each worker process
  loads its models once (module-level caches).
"""

from __future__ import annotations

import os
import sys
from collections import deque
from typing import Any, Iterable, Iterator, Sequence

from .errors import MtcheckError

EXECUTORS = ("local", "dask")

# Articles in flight per worker: enough to keep every worker busy, few enough
# that memory does not grow with the corpus.
WINDOW_PER_WORKER = 4
DASK_BATCH = 8

_WORKER_CONFIG: Any = None


def default_jobs() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def warm_up(config: Any) -> None:
    """Load what every article needs once per process: check modules, language identifier."""
    from .checks.base import all_checks

    all_checks()
    try:
        from .langid import get_identifier

        get_identifier(getattr(config, "langid_engine", None) or "py3langid")
    except Exception:  # noqa: BLE001 - an engine problem surfaces where it is used
        pass


def _init_worker(config: Any) -> None:
    global _WORKER_CONFIG
    _WORKER_CONFIG = config
    warm_up(config)


def _check_task(task: tuple[Any, str]):
    from .pipeline import check_folder

    folder, article_id = task
    return check_folder(folder, article_id, _WORKER_CONFIG)


def _check_batch(articles: Sequence[Any], config: Any) -> list:
    """Dask task: check a batch of already loaded articles."""
    from .pipeline import check_article

    if _WORKER_CONFIG is None:
        warm_up(config)
    return [check_article(a, config) for a in articles]


def map_articles(
    dirs: Sequence[tuple[Any, str]],
    config: Any,
    *,
    jobs: int | None = 1,
    executor: str = "local",
    scheduler: str | None = None,
) -> Iterator[Any]:
    """Check every (folder, article id) of ``dirs``; yield results in that order."""
    if executor not in EXECUTORS:
        raise MtcheckError(f"unknown executor '{executor}' (use one of: {', '.join(EXECUTORS)})")
    if jobs is not None and jobs < 1:
        raise MtcheckError(f"--jobs must be at least 1, got {jobs}")
    if executor == "dask":
        yield from _dask_map(dirs, config, jobs, scheduler)
        return
    n = default_jobs() if jobs is None else jobs
    # a worker must have at least two articles to be worth its start-up (models load per worker)
    n = min(n, len(dirs) // 2)
    if n <= 1:
        yield from _serial_map(dirs, config)
    else:
        yield from _process_map(dirs, config, n)


def _serial_map(dirs: Iterable[tuple[Any, str]], config: Any) -> Iterator[Any]:
    from .pipeline import check_folder

    for folder, article_id in dirs:
        yield check_folder(folder, article_id, config)


def _mp_context():
    import multiprocessing

    # fork shares the already imported modules (fast start); elsewhere the default
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _process_map(dirs: Sequence[tuple[Any, str]], config: Any, workers: int) -> Iterator[Any]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    window = workers * WINDOW_PER_WORKER
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_mp_context(), initializer=_init_worker, initargs=(config,))
    pending: deque = deque()
    it = iter(dirs)
    ok = False
    try:
        for task in it:
            pending.append((task, pool.submit(_check_task, task)))
            if len(pending) >= window:
                break
        while pending:
            task, fut = pending.popleft()
            try:
                result = fut.result()
            except BrokenProcessPool:
                raise MtcheckError(
                    f"a worker process died while checking '{task[1]}' (out of memory?); try --jobs 1"
                ) from None
            nxt = next(it, None)
            if nxt is not None:
                pending.append((nxt, pool.submit(_check_task, nxt)))
            yield result
        ok = True
    finally:
        pool.shutdown(wait=ok, cancel_futures=True)


def _dask_map(dirs: Sequence[tuple[Any, str]], config: Any, jobs: int | None, scheduler: str | None) -> Iterator[Any]:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise MtcheckError("--executor dask needs Dask; install it with: pip install 'mtcheck[dask]'") from None
    from .pipeline import load_one

    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError) as e:
                raise MtcheckError(f"cannot reach the Dask scheduler at {scheduler} ({e})") from None
        else:
            n = default_jobs() if jobs is None else jobs
            cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
            client = Client(cluster)
    except MtcheckError:
        raise
    except Exception as e:  # noqa: BLE001 - dask raises many kinds; one line for the user
        raise MtcheckError(f"cannot start Dask ({type(e).__name__}: {e})") from None
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))
        window = workers * 2
        cfg = client.scatter(config, broadcast=True)
        pending: deque = deque()

        def batches():
            batch = []
            for folder, article_id in dirs:
                batch.append(load_one(folder, article_id, config))
                if len(batch) >= DASK_BATCH:
                    yield batch
                    batch = []
            if batch:
                yield batch

        it = batches()
        for b in it:
            pending.append(client.submit(_check_batch, b, cfg, pure=False))
            if len(pending) >= window:
                break
        while pending:
            fut = pending.popleft()
            results = fut.result()
            nxt = next(it, None)
            if nxt is not None:
                pending.append(client.submit(_check_batch, nxt, cfg, pure=False))
            yield from results
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
