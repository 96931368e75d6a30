"""Network measures through the services: the case and cohort reports, with access rules applied."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from netmap.errors import AccessDenied
from netmap.graph import analytics
from netmap.graph.analytics import CaseMetrics, CohortReport
from netmap.graph.analytics.measured import Measured
from netmap.graph.store import CohortRows, GraphStore, KeptRow
from netmap.models import Network, Snapshot
from netmap.services.access import Action, Actor, as_seen, require, require_case
from netmap.services.base import Clock, Service, utc_now
from netmap.services.cases import CaseService
from netmap.services.cohort_rows import FULL, Entry, compute_entry, read_entry, view_of, write_entry
from netmap.services.collection_pace import collecting_slowly
from netmap.services.kept_batches import Keeper

__all__ = ["MetricsService", "RowsAlongside"]


class MetricsService(Service):
    def __init__(self, store: GraphStore, clock: Clock = utc_now, *, cases: CaseService) -> None:
        super().__init__(store, clock)
        self.cases = cases
        # How many cases' rows this service has computed (not read from the store) so far.
        self.rows_computed = 0

    def _today(self) -> date:
        return self.clock().date()

    def case_metrics(self, actor: Actor, case_id: str, *, as_of: date | None = None) -> CaseMetrics:
        """Every measure of one case, computed from the network and snapshots ``actor`` may see.

        The network comes from ``CaseService`` (access-checked, sharing applied), so a young
        person gets their own case only and a practitioner never sees hidden people in the numbers.
        """
        require(actor, Action.METRICS_READ)
        network, snapshots = self.cases.network_and_snapshots(actor, case_id)
        return analytics.case_metrics(network, as_of=as_of or self._today(), snapshots=snapshots)

    @collecting_slowly
    def cohort_report(
        self, actor: Actor, *, as_of: date | None = None, case_ids: Collection[str] | None = None
    ) -> CohortReport:
        """The service-wide report over every case ``actor`` may list (of ``case_ids`` only, when given).

        Each case's row is read from the store when one was kept for this view, the case has not
        changed since (``GraphStore.cohort_rows``) and it holds on the day; otherwise it is computed
        from the network and snapshots the actor may see, and kept for the next report.
        """
        require(actor, Action.COHORT_READ)
        on = as_of or self._today()
        view = view_of(actor)
        kept = self.store.cohort_rows(view)
        # An administrator lists every case: no need to read them all to find out which.
        listed = sorted(kept.gens) if actor.is_admin else [c.id for c in self.cases.list_cases(actor)]
        if case_ids is not None:
            chosen = set(case_ids)
            listed = [case_id for case_id in listed if case_id in chosen]
        entries: list[Entry] = []
        keeper = Keeper(self.store)
        for case_id in listed:
            text = kept.rows.get(case_id)
            entry = None if text is None else read_entry(case_id, text, on)
            if entry is None:
                # The generation was read before the case: a write since makes this row stale.
                entry = compute_entry(*self.cases.network_and_snapshots(actor, case_id), on)
                keeper.add(KeptRow(case_id, view, kept.gens.get(case_id, 0), write_entry(entry)))
            entries.append(entry)
        keeper.flush()
        self.rows_computed += keeper.kept
        return analytics.cohort_report([e.row for e in entries], [e.referral for e in entries])


@dataclass
class RowsAlongside:
    """Rows of ``actor``'s view computed from cases another pass has read anyway.

    The first report after an import computes every case afresh twice: its evidence for the
    figures, then its row for the per-case report, each reading the case and its snapshots (the
    snapshots are whole networks). The figures' pass offers each case it reads; a row missing or
    stale for the view is computed from that read, exactly as ``cohort_report`` would, and kept, so
    ``cohort_report`` then reads it. Only the figures' read is shared, never held: memory stays
    one case.
    """

    metrics: MetricsService
    actor: Actor
    on: date
    _kept: CohortRows | None = None

    def __post_init__(self) -> None:
        require(self.actor, Action.COHORT_READ)
        self._view = view_of(self.actor)
        self._keeper = Keeper(self.metrics.store)

    def offer(
        self,
        case_id: str,
        gen: int,
        network: Network,
        snapshots: list[Snapshot],
        measured: Measured | None = None,
    ) -> None:
        """``network`` and ``snapshots``: the case as stored, read after its generation ``gen``;
        ``measured``: what the figures' pass measured of them."""
        if self._kept is None:
            self._kept = self.metrics.store.cohort_rows(self._view)
        text = self._kept.rows.get(case_id)
        if text is not None and read_entry(case_id, text, self.on) is not None:
            return
        try:
            require_case(self.actor, Action.CASE_READ, network.case)
        except AccessDenied:
            return  # not a case this actor's per-case report lists
        if self._view == FULL:
            # Seen whole, the case is the stored one but for who is hidden from whom and the young
            # person's unshared words, which no measure reads (tests/unit/test_cohort_entries.py),
            # so the figures' measures of this very read serve the row too.
            entry = compute_entry(network, snapshots, self.on, measured)
        else:
            entry = compute_entry(*as_seen(self.actor, network, snapshots), self.on)
        self._keeper.add(KeptRow(case_id, self._view, gen, write_entry(entry)))

    def done(self) -> None:
        self._keeper.flush()
        self.metrics.rows_computed += self._keeper.kept
