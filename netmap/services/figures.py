"""The service's figures: suppressed aggregates over the cases a filter selects, for managers and for
commissioners who may see no case at all. Every report and export is audited.

Each case's evidence is kept in the store (``evidence_rows``), so a report in a new process reads
one entry per case and computes only the cases changed since."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal

from netmap.graph.analytics.cohort_filter import CohortFilter, names_match
from netmap.graph.analytics.evidence import Evidence
from netmap.graph.analytics.figures import FiguresReport, figures_report
from netmap.graph.analytics.measured import Measured
from netmap.graph.analytics.needs import same_area
from netmap.graph.store import GraphStore, KeptRow
from netmap.models import Conference, Role, ServiceCategory, Snapshot, User
from netmap.renderers.figure_tables import SUPPRESSED, about_rows, figure_tables
from netmap.services.access import Action, Actor, allowed, require
from netmap.services.base import Clock, Service, utc_now
from netmap.services.collection_pace import collecting_slowly
from netmap.services.evidence_rows import EVIDENCE, compute_evidence, read_evidence, write_evidence
from netmap.services.kept_batches import Keeper
from netmap.services.metrics import MetricsService, RowsAlongside

__all__ = ["FiguresService", "Format"]

Format = Literal["csv", "xlsx"]


def _every(_: Evidence) -> bool:
    return True


class FiguresService(Service):
    def __init__(self, store: GraphStore, clock: Clock = utc_now, *, metrics: MetricsService) -> None:
        super().__init__(store, clock)
        self.metrics = metrics
        # How many cases' evidence this service has computed (not read from the store) so far.
        self.evidence_computed = 0

    def _scope(self, actor: Actor) -> tuple[Callable[[Evidence], bool], str]:
        """Which cases the actor's figures cover, and how to say so.

        A commissioner covers the cases of the local authority their account names (every case when
        it names none); everyone else covers the cases they hold (an admin, every case).
        """
        if actor.is_admin:
            return _every, "every case"
        if actor.role is Role.COMMISSIONER:
            user = self.store.get(User, actor.username)
            authority = user.local_authority if user is not None else ""
            if not authority:
                return _every, "every case in the partnership"
            return lambda e: names_match(authority, e["local_authority"]), f"the cases of {authority}"
        return lambda e: e["case_id"] in actor.case_ids, "the cases you hold"

    def _evidence(
        self,
        actor: Actor,
        on: date,
        rows: RowsAlongside | None = None,
        covered: Callable[[Evidence], bool] = _every,
    ) -> list[Evidence]:
        """The evidence of every case the actor might cover, read where kept, else computed and kept.

        With ``rows``, a case read to compute its evidence is offered for its per-case row too, when
        the report covers it (``covered``).
        """
        kept = self.store.cohort_rows(EVIDENCE)
        listed = sorted(kept.gens)
        if not actor.is_admin and actor.role is not Role.COMMISSIONER:
            listed = [case_id for case_id in listed if case_id in actor.case_ids]
        found: list[Evidence] = []
        keeper = Keeper(self.store)
        for case_id in listed:
            text = kept.rows.get(case_id)
            entry = None if text is None else read_evidence(text, on)
            if entry is None:
                # The whole stored case, restricted equality fields included: what leaves is only
                # suppressed figures. The generation was read before the case: a write since
                # makes this entry stale.
                network = self.store.get_network(case_id)
                snapshots = self.store.list(Snapshot, case_id=case_id)
                conferences = self.store.list(Conference, case_id=case_id)
                measured = Measured()
                entry = compute_evidence(network, snapshots, conferences, on, measured)
                keeper.add(KeptRow(case_id, EVIDENCE, kept.gens[case_id], write_evidence(entry)))
                if rows is not None and covered(entry.evidence):
                    rows.offer(case_id, kept.gens[case_id], network, snapshots, measured)
            found.append(entry.evidence)
        keeper.flush()
        self.evidence_computed += keeper.kept
        if rows is not None:
            rows.done()
        return found

    def _local_services(self) -> Callable[[str, ServiceCategory], int]:
        """How many directory services offer a need in an area (a service with no area serves everywhere)."""
        directory = [p for p in self.store.list_services() if p.service_info]

        def count(area: str, need: ServiceCategory) -> int:
            return sum(
                1
                for p in directory
                if p.service_info is not None
                and need in p.service_info.categories
                and same_area(p.area, area)
            )

        return count

    def _audit(self, actor: Actor, action: str, report: FiguresReport) -> None:
        after = {
            "scope": report.scope,
            "filters": report.filters.model_dump(mode="json"),
            "cases": report.cases,
        }
        self.store.append_audit([self._event(actor, action, "figures", "figures", after=after)])

    def _figures(
        self, actor: Actor, filters: CohortFilter, as_of: date | None, *, per_case: bool = False
    ) -> tuple[FiguresReport, list[str]]:
        """The figures, and the cases they cover; with ``per_case``, rows of the per-case report are
        kept for those cases as their evidence is computed."""
        require(actor, Action.COHORT_FIGURES)
        as_of = as_of or self.clock().date()
        in_scope, scope = self._scope(actor)

        def covered(evidence: Evidence) -> bool:
            return in_scope(evidence) and filters.admits(evidence)

        rows = RowsAlongside(self.metrics, actor, as_of) if per_case else None
        chosen = [e for e in self._evidence(actor, as_of, rows, covered) if covered(e)]
        report = figures_report(
            chosen,
            as_of=as_of,
            scope=scope,
            filters=filters,
            local_services=self._local_services(),
        )
        return report, [e["case_id"] for e in chosen]

    def last_change(self, actor: Actor) -> int:
        """A number that moves whenever anything is written to the store (every write is audited, and
        so is every report): a page may show a report again while this has not moved since."""
        require(actor, Action.COHORT_FIGURES)
        newest = self.store.audit_log(limit=1)
        return newest[-1].seq if newest else 0

    @collecting_slowly
    def report(
        self,
        actor: Actor,
        filters: CohortFilter | None = None,
        *,
        as_of: date | None = None,
    ) -> FiguresReport:
        """The suppressed figures over the cases ``filters`` selects in the actor's scope; for those who
        may read the per-case report, that report over the same cases as ``per_case``."""
        per_case = allowed(actor, Action.COHORT_READ)
        report, case_ids = self._figures(actor, filters or CohortFilter(), as_of, per_case=per_case)
        if per_case:
            rows = self.metrics.cohort_report(actor, as_of=report.as_of, case_ids=case_ids)
            report = report.model_copy(update={"per_case": rows})
        self._audit(actor, "figures.report", report)
        return report

    @collecting_slowly
    def export(
        self, actor: Actor, filters: CohortFilter | None = None, *, fmt: Format, as_of: date | None = None
    ) -> bytes:
        """The aggregate tables as one CSV (long form) or one workbook; never a row per case or person."""
        # Imported here: the spreadsheet library is loaded only by an export.
        from netmap.ingest.figure_files import tables_csv, tables_xlsx

        report, _ = self._figures(actor, filters or CohortFilter(), as_of)
        about, tables = about_rows(report), figure_tables(report)
        data = (tables_csv if fmt == "csv" else tables_xlsx)(about, tables, suppressed=SUPPRESSED)
        self._audit(actor, f"figures.export.{fmt}", report)
        return data
