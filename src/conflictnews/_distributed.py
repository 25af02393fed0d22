"""Run batches of work on the workers of a Dask ``distributed.Client``, results in input order.

Knows nothing of spaCy or of extraction: `pipeline.extract_many` hands over the function each
worker runs on a batch, so this module imports none of the package but `errors`, and
``distributed`` only when a caller brings a client (``pip install "conflictnews[dask]"``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import Any, TypeVar

from .errors import PipelineError

T = TypeVar("T")
R = TypeVar("R")

INSTALL_HINT = 'distributed extraction needs Dask: pip install "conflictnews[dask]"'


def require_distributed() -> Any:
    """The ``distributed`` module, or a `PipelineError` that says how to install it."""
    try:
        import distributed
    except ImportError as exc:
        raise PipelineError(INSTALL_HINT) from exc
    return distributed


def _worker_addresses(client: Any) -> list[str]:
    workers = client.scheduler_info().get("workers", {})
    if not workers:
        # A cluster that is still starting: wait for one worker rather than queue blindly.
        client.wait_for_workers(1)
        workers = client.scheduler_info().get("workers", {})
    return sorted(workers)


def warm_workers(client: Any, func: Callable[..., Any], *args: Any) -> int:
    """Run ``func(*args)`` once on every worker now connected; return how many.

    Each call is a task pinned to one worker, so it runs in the worker's thread pool (a
    pipeline load does not stall the worker's event loop) and its error reaches the caller.
    """
    addresses = _worker_addresses(client)
    futures = [
        client.submit(func, *args, workers=[address], allow_other_workers=False, pure=False)
        for address in addresses
    ]
    client.gather(futures)
    return len(addresses)


def run_ordered(
    client: Any,
    func: Callable[..., R],
    batches: Iterable[T],
    *args: Any,
    in_flight: int | None = None,
) -> Iterator[R]:
    """Yield ``func(batch, *args)`` for each batch, computed on the cluster, in input order.

    At most ``in_flight`` batches wait on the cluster at once (default: two per worker
    thread), so a long input never sits whole in the scheduler's memory, and every worker
    has a batch ready when it finishes one.
    """
    if in_flight is None:
        in_flight = 2 * max(1, sum(client.nthreads().values()))
    pending: deque[Any] = deque()
    iterator = iter(batches)
    try:
        for batch in iterator:
            pending.append(client.submit(func, batch, *args, pure=False))
            if len(pending) >= in_flight:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        # A consumer that stops early (or an error) leaves no work running for nobody.
        if pending:
            client.cancel(list(pending))


def extraction_worker_config() -> Any:
    """Dask config under which new local workers extract at the speed of a plain process.

    Two defaults of Dask's workers suit array tasks but slow spaCy down: worker processes
    start with ``MALLOC_TRIM_THRESHOLD_=65536``, and spaCy allocates and frees many small
    arrays per document, so trimming after each costs about a quarter of the throughput
    (31 -> 23 docs/s measured on one process); and a profiler samples every worker's stack
    every 10 ms, taking the interpreter lock from the pure-Python components.
    """
    import dask

    return dask.config.set(
        {
            "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
            "distributed.worker.profile.enabled": False,
        }
    )


@contextmanager
def open_client(scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A client on an existing scheduler, or on a local cluster started for the block.

    Args:
        scheduler: Address of a running scheduler (``tcp://host:8786``).
        workers: Start a ``LocalCluster`` of this many worker processes (one thread each:
            a spaCy pipeline is not shared between threads), closed when the block ends.

    Yields:
        The ``distributed.Client``, or None when neither is given.

    Raises:
        PipelineError: Dask is not installed, both or a bad value are given, or the
            scheduler cannot be reached.
    """
    if scheduler is None and workers is None:
        yield None
        return
    if scheduler is not None and workers is not None:
        raise PipelineError("give a scheduler address or a number of workers, not both")
    distributed = require_distributed()
    with ExitStack() as stack:
        try:
            if scheduler is not None:
                client = stack.enter_context(distributed.Client(scheduler))
            else:
                if workers is None or workers < 1:
                    raise PipelineError("the number of workers must be at least 1")
                stack.enter_context(extraction_worker_config())
                cluster = stack.enter_context(
                    distributed.LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        # Any free port: a fixed one (8787) clashes with any other cluster.
                        dashboard_address=":0",
                    )
                )
                client = stack.enter_context(distributed.Client(cluster))
        except (OSError, TimeoutError) as exc:
            raise PipelineError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
        yield client
