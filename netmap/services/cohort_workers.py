"""Cohort rows for many cases at once, shared among worker processes so every core of the server helps.

Each worker is a new ``python -m netmap.cli.cohort_worker`` process: it opens the same store
with the same keys (sent over its stdin, never on its command line), computes the rows of its share
of the cases and sends them back pickled on its stdout. Nothing of the caller is inherited or
imported again (``multiprocessing`` would re-run the caller's main module, which under Streamlit
or a notebook is the caller's own script). Keys travel as text, never as key objects, which
cryptography 51 cannot pickle. A worker that fails for any reason but a netmap error (a refused
case, a store gone) is logged and its work done in the caller instead.
"""

from __future__ import annotations

import logging
import os
import pickle
import subprocess
import sys
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from netmap.crypto import Keyring
from netmap.errors import NetmapError
from netmap.graph import analytics
from netmap.graph.analytics import CaseRow
from netmap.services.access import Actor

if TYPE_CHECKING:
    from netmap.services.cases import CaseService

__all__ = [
    "MIN_CASES_PER_WORKER",
    "WorkersFailed",
    "case_row",
    "case_rows",
    "rows_in_workers",
    "usable_cores",
    "WORKER_MODULE",
]

# Each worker spends about a second importing netmap: below this many rows each, it costs more
# than it saves.
MIN_CASES_PER_WORKER = 250
# The worker process's entrypoint (it opens the store through the bootstrap, as entrypoints do).
WORKER_MODULE = "netmap.cli.cohort_worker"

log = logging.getLogger(__name__)


class WorkersFailed(RuntimeError):
    """A worker process could not start or ended without its rows."""


def usable_cores() -> int:
    """The cores this process may run on (a container's limit, not the host's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def case_row(cases: CaseService, actor: Actor, case_id: str, as_of: date) -> CaseRow:
    """One case's cohort row from the network and snapshots ``actor`` may see (access checked)."""
    return analytics.cohort_row(
        cases.get_network(actor, case_id),
        as_of=as_of,
        snapshots=cases.list_snapshots(actor, case_id),
    )


def case_rows(
    cases: CaseService, actor: Actor, case_ids: Sequence[str], as_of: date, *, workers: int = 1
) -> dict[str, CaseRow]:
    """The rows of ``case_ids``, computed by up to ``workers`` processes when there are enough of them.

    Each worker checks access again for ``actor``. A store held in memory cannot be shared, so its
    rows are computed here; so are they when the workers fail.
    """
    workers = min(workers, len(case_ids) // MIN_CASES_PER_WORKER)
    keys: Keyring | None = getattr(cases.store, "keys", None)
    url = cases.store.url
    if workers >= 2 and keys is not None and not url.endswith(":memory:"):
        try:
            return rows_in_workers(url, keys, actor, case_ids, as_of, workers)
        except WorkersFailed as exc:
            log.warning("Cohort workers failed (%s); computing %d rows in this process.", exc, len(case_ids))
    return {case_id: case_row(cases, actor, case_id, as_of) for case_id in case_ids}


def rows_in_workers(
    url: str, keys: Keyring, actor: Actor, case_ids: Sequence[str], as_of: date, workers: int
) -> dict[str, CaseRow]:
    """The rows of ``case_ids`` computed by ``workers`` new processes on the store at ``url``.

    An error a worker meets (a refused case, a store gone) is raised here as it was raised there.
    """
    shares = [list(case_ids[i::workers]) for i in range(workers)]
    running: list[subprocess.Popen[bytes]] = []
    rows: dict[str, CaseRow] = {}
    try:
        for share in shares:
            process = subprocess.Popen(
                [sys.executable, "-m", WORKER_MODULE], stdin=subprocess.PIPE, stdout=subprocess.PIPE
            )
            running.append(process)
            assert process.stdin is not None
            # Every worker gets its job before any answer is read, so all of them compute at once.
            pickle.dump((url, keys.material(), actor, share, as_of), process.stdin)
            process.stdin.close()
        for process in running:
            rows.update(_answer(process))
    except (OSError, pickle.PicklingError, TypeError, AttributeError) as exc:
        raise WorkersFailed(f"a cohort worker could not be started or answered: {exc}") from exc
    finally:
        for process in running:
            if process.poll() is None:
                process.kill()
            process.wait()
    return rows


def _answer(process: subprocess.Popen[bytes]) -> dict[str, CaseRow]:
    """One worker's rows; its netmap error raised here as it was raised there."""
    assert process.stdout is not None
    answer = process.stdout.read()
    if process.wait() != 0 or not answer:
        raise WorkersFailed(f"a cohort worker ended with status {process.returncode}")
    try:
        outcome, value = pickle.loads(answer)
    except Exception as exc:  # noqa: BLE001 - any unreadable answer means the worker failed
        raise WorkersFailed(f"a cohort worker's answer could not be read: {exc}") from exc
    if outcome == "error":
        if isinstance(value, NetmapError):
            raise value
        raise WorkersFailed(f"a cohort worker failed: {value}")
    return dict(value)
