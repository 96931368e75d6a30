"""Network measures through the services: the case and cohort reports, with access rules applied."""

from __future__ import annotations

from datetime import date

from netmap.bootstrap import Services
from netmap.graph import analytics
from netmap.graph.analytics import CaseMetrics, CohortReport
from netmap.services.access import Action, Actor, require
from netmap.services.cohort_rows import view_of
from netmap.services.cohort_workers import case_rows

__all__ = ["case_metrics", "cohort_report"]


def _today(services: Services) -> date:
    return services.cases.clock().date()


def case_metrics(services: Services, actor: Actor, case_id: str, *, as_of: date | None = None) -> CaseMetrics:
    """Every measure of one case, computed from the network and snapshots ``actor`` may see.

    The network comes from ``Services.cases.get_network`` (access-checked, sharing applied), so a
    young person gets their own case only and a practitioner never sees hidden people in the numbers.
    """
    require(actor, Action.METRICS_READ)
    network = services.cases.get_network(actor, case_id)
    snapshots = services.cases.list_snapshots(actor, case_id)
    return analytics.case_metrics(network, as_of=as_of or _today(services), snapshots=snapshots)


def cohort_report(
    services: Services, actor: Actor, *, as_of: date | None = None, workers: int = 1
) -> CohortReport:
    """The service-wide report over every case ``actor`` may list.

    A case's row is computed once and reused while the case is unchanged (its store stamp) on the
    same day, so a repeated report recomputes only the cases edited since. With ``workers`` > 1
    many rows to compute are shared among that many processes (``cohort_workers``; the caller's
    main module must be guarded, as the ``netmap`` command and Streamlit's are).
    """
    require(actor, Action.COHORT_READ)
    as_of = as_of or _today(services)
    cases = services.cases.list_cases(actor)
    stamps = services.store.case_stamps()
    kept, view = services.cohort_rows, view_of(actor)
    kept.forget(set(stamps))
    rows = {}
    for case in cases:
        row = kept.get(case.id, view, stamps.get(case.id, ""), as_of)
        if row is not None:
            rows[case.id] = row
    missing = [case.id for case in cases if case.id not in rows]
    for case_id, row in case_rows(services, actor, missing, as_of, workers=workers).items():
        kept.put(case_id, view, stamps.get(case_id, ""), as_of, row)
        rows[case_id] = row
    return analytics.cohort_report(rows.values(), cases)
