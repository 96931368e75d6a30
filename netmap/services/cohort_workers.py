"""Cohort rows for many cases at once, shared among worker processes so every core of the server helps.

Workers are started with ``spawn``: each imports netmap afresh and opens the same store with the
same keys, so nothing of the caller's threads, locks or connections is inherited. ``spawn``
imports the caller's main module again, which is why only callers whose main module is guarded
(the ``netmap`` command, ``streamlit``, pytest) ask for more than one worker.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import date
from typing import TYPE_CHECKING

from netmap.graph import analytics
from netmap.graph.analytics import CaseRow
from netmap.services.access import Actor

if TYPE_CHECKING:
    from netmap.bootstrap import Services
    from netmap.crypto import Keyring

__all__ = ["MIN_CASES_PER_WORKER", "case_row", "case_rows", "rows_in_workers", "usable_cores"]

# Each worker spends about a second importing netmap: below this many rows each, it costs more
# than it saves.
MIN_CASES_PER_WORKER = 250
_CHUNK = 50

_worker_services: Services | None = None


def usable_cores() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def case_row(services: Services, actor: Actor, case_id: str, as_of: date) -> CaseRow:
    """One case's cohort row from the network and snapshots ``actor`` may see (access checked)."""
    return analytics.cohort_row(
        services.cases.get_network(actor, case_id),
        as_of=as_of,
        snapshots=services.cases.list_snapshots(actor, case_id),
    )


def case_rows(
    services: Services, actor: Actor, case_ids: Sequence[str], as_of: date, *, workers: int = 1
) -> dict[str, CaseRow]:
    """The rows of ``case_ids``, computed by up to ``workers`` processes when there are enough of them.

    Each worker checks access again for ``actor``. A store held in memory cannot be shared, so its
    rows are computed here; so are they when the workers cannot start.
    """
    workers = min(workers, len(case_ids) // MIN_CASES_PER_WORKER)
    keys: Keyring | None = getattr(services.store, "keys", None)
    url = services.store.url
    if workers >= 2 and keys is not None and not url.endswith(":memory:"):
        try:
            return rows_in_workers(url, keys, actor, case_ids, as_of, workers)
        except BrokenProcessPool:
            pass  # a worker could not start (no guarded main module): do the work here
    return {case_id: case_row(services, actor, case_id, as_of) for case_id in case_ids}


def rows_in_workers(
    url: str, keys: Keyring, actor: Actor, case_ids: Sequence[str], as_of: date, workers: int
) -> dict[str, CaseRow]:
    """The rows of ``case_ids`` computed by ``workers`` new processes on the store at ``url``."""
    chunks = [list(case_ids[i : i + _CHUNK]) for i in range(0, len(case_ids), _CHUNK)]
    rows: dict[str, CaseRow] = {}
    with ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(url, keys),
    ) as pool:
        for part in pool.map(_rows_in_worker, [(actor, chunk, as_of) for chunk in chunks]):
            rows.update(part)
    return rows


def _start_worker(url: str, keys: Keyring) -> None:
    from netmap.bootstrap import bootstrap
    from netmap.graph.store import open_store

    global _worker_services
    _worker_services = bootstrap(url, store=open_store(url, keys=keys))


def _rows_in_worker(job: tuple[Actor, list[str], date]) -> dict[str, CaseRow]:
    actor, case_ids, as_of = job
    assert _worker_services is not None
    return {case_id: case_row(_worker_services, actor, case_id, as_of) for case_id in case_ids}
