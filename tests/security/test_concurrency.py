"""Two processes editing one case at once: every edit is stored or refused as a conflict, none lost."""

from __future__ import annotations

import multiprocessing as mp
from typing import Any

from netmap.bootstrap import bootstrap
from netmap.errors import ConflictError
from netmap.graph.store import Put, WriteBatch
from netmap.models import Case
from netmap.services.users import SYSTEM_ACTOR
from tests.integration.conftest import build_case, network_records
from tests.security.conftest import Figures

EDITS_PER_WRITER = 500
WRITERS = 2


def _writer(url: str, name: str, start: Any, results: Any) -> None:
    """Read the case, add one to the counter in its notes, write it back with the version read."""
    stored = conflicts = 0
    with bootstrap(url) as services:
        start.wait()
        for _ in range(EDITS_PER_WRITER):
            case = services.cases.get_case(SYSTEM_ACTOR, "c-1")
            edited = case.model_copy(update={"notes": str(int(case.notes or "0") + 1)})
            try:
                services.cases.update_case(SYSTEM_ACTOR, edited)
            except ConflictError:
                conflicts += 1
            else:
                stored += 1
    results.put((name, stored, conflicts))


def test_two_writers_lose_no_edit(store_url: str, figures: Figures):
    with bootstrap(store_url) as services:
        services.store.apply(WriteBatch(puts=[Put(r) for r in network_records(build_case("c-1"))]))
    ctx = mp.get_context("spawn")
    start, results = ctx.Barrier(WRITERS), ctx.Queue()
    workers = [ctx.Process(target=_writer, args=(store_url, f"w{i}", start, results)) for i in range(WRITERS)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=300) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    stored = sum(o[1] for o in outcomes)
    conflicts = sum(o[2] for o in outcomes)
    assert stored + conflicts == WRITERS * EDITS_PER_WRITER
    with bootstrap(store_url) as services:
        case = services.store.get(Case, "c-1")
        assert case is not None
        assert int(case.notes) == stored  # every stored edit is in the final value: none overwritten
        assert case.version == 1 + stored
        edits = [e for e in services.store.audit_log(entity_id="c-1") if e.action != "import"]
        assert sum(e.outcome == "ok" for e in edits) == stored
        assert sum(e.outcome == "conflict" for e in edits) == conflicts
    lost = WRITERS * EDITS_PER_WRITER - stored - conflicts
    figures.add("concurrent_edits", WRITERS * EDITS_PER_WRITER)
    figures.add("concurrent_conflicts_reported", conflicts)
    figures.add("concurrent_lost", lost)
