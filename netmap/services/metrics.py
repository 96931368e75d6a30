"""Network measures through the services: the case and cohort reports, with access rules applied."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from netmap.graph import analytics
from netmap.graph.analytics import CaseMetrics, CohortReport
from netmap.graph.store import GraphStore
from netmap.services.access import Action, Actor, require
from netmap.services.base import Clock, Service, utc_now
from netmap.services.cases import CaseService
from netmap.services.cohort_rows import CohortRows, view_of
from netmap.services.cohort_workers import case_rows

__all__ = ["MetricsService"]


class MetricsService(Service):
    def __init__(
        self, store: GraphStore, clock: Clock = utc_now, *, cases: CaseService, cohort_rows: CohortRows
    ) -> None:
        super().__init__(store, clock)
        self.cases = cases
        self.cohort_rows = cohort_rows

    def _today(self) -> date:
        return self.clock().date()

    def case_metrics(self, actor: Actor, case_id: str, *, as_of: date | None = None) -> CaseMetrics:
        """Every measure of one case, computed from the network and snapshots ``actor`` may see.

        The network comes from ``CaseService.get_network`` (access-checked, sharing applied), so a
        young person gets their own case only and a practitioner never sees hidden people in the numbers.
        """
        require(actor, Action.METRICS_READ)
        network = self.cases.get_network(actor, case_id)
        snapshots = self.cases.list_snapshots(actor, case_id)
        return analytics.case_metrics(network, as_of=as_of or self._today(), snapshots=snapshots)

    def cohort_report(
        self,
        actor: Actor,
        *,
        as_of: date | None = None,
        workers: int = 1,
        case_ids: Collection[str] | None = None,
    ) -> CohortReport:
        """The service-wide report over every case ``actor`` may list (of ``case_ids`` only, when given).

        A case's row is computed once and reused while the case is unchanged (its store stamp) on the
        same day, so a repeated report recomputes only the cases edited since. With ``workers`` > 1
        many rows to compute are shared among that many processes (``cohort_workers``).
        """
        require(actor, Action.COHORT_READ)
        as_of = as_of or self._today()
        cases = self.cases.list_cases(actor)
        if case_ids is not None:
            chosen = set(case_ids)
            cases = [case for case in cases if case.id in chosen]
        stamps = self.store.case_stamps()
        kept, view = self.cohort_rows, view_of(actor)
        kept.forget(set(stamps))
        rows = {}
        for case in cases:
            row = kept.get(case.id, view, stamps.get(case.id, ""), as_of)
            if row is not None:
                rows[case.id] = row
        missing = [case.id for case in cases if case.id not in rows]
        for case_id, row in case_rows(self.cases, actor, missing, as_of, workers=workers).items():
            kept.put(case_id, view, stamps.get(case_id, ""), as_of, row)
            rows[case_id] = row
        return analytics.cohort_report(rows.values(), cases)
