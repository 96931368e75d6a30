"""The service's figures: suppressed aggregates over the cases a filter selects, for managers and for
commissioners who may see no case at all. Every report and export is audited."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Literal

from netmap.graph.analytics.cohort_filter import CohortFilter, names_match
from netmap.graph.analytics.evidence import CaseEvidence, case_evidence
from netmap.graph.analytics.figures import FiguresReport, figures_report
from netmap.graph.store import GraphStore
from netmap.models import (
    AuditEvent,
    Case,
    Conference,
    Person,
    PersonKind,
    Role,
    ServiceCategory,
    Snapshot,
    User,
)
from netmap.renderers.figure_tables import SUPPRESSED, about_rows, figure_tables
from netmap.services.access import Action, Actor, allowed, require
from netmap.services.base import Clock, Service, utc_now
from netmap.services.directory import same_area
from netmap.services.metrics import MetricsService

__all__ = ["FiguresService", "Format"]

Format = Literal["csv", "xlsx"]


class FiguresService(Service):
    def __init__(self, store: GraphStore, clock: Clock = utc_now, *, metrics: MetricsService) -> None:
        super().__init__(store, clock)
        self.metrics = metrics

    def _scope(self, actor: Actor) -> tuple[list[Case], str]:
        """The cases the actor's figures cover, and how to say so.

        A commissioner covers the cases of the local authority their account names (every case when
        it names none); everyone else covers the cases they hold (an admin, every case).
        """
        cases = self.store.list(Case)
        if actor.is_admin:
            return cases, "every case"
        if actor.role is Role.COMMISSIONER:
            user = self.store.get(User, actor.username)
            authority = user.local_authority if user is not None else ""
            if not authority:
                return cases, "every case in the partnership"
            return [
                c for c in cases if names_match(authority, c.local_authority)
            ], f"the cases of {authority}"
        return [c for c in cases if c.id in actor.case_ids], "the cases you hold"

    def _evidence(self, case: Case, as_of: date) -> CaseEvidence:
        # The whole stored case, restricted equality fields included: what leaves is only suppressed figures.
        return case_evidence(
            self.store.get_network(case.id),
            as_of=as_of,
            snapshots=self.store.list(Snapshot, case_id=case.id),
            conferences=self.store.list(Conference, case_id=case.id),
        )

    def _local_services(self) -> Callable[[str, ServiceCategory], int]:
        """How many directory services offer a need in an area (a service with no area serves everywhere)."""
        directory = [p for p in self.store.list(Person) if p.kind is PersonKind.SERVICE and p.service_info]

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
        self.store.append_audit(
            [
                AuditEvent(
                    at=self.clock(),
                    actor=actor.username,
                    action=action,
                    entity="figures",
                    entity_id="figures",
                    after={
                        "scope": report.scope,
                        "filters": report.filters.model_dump(mode="json"),
                        "cases": report.cases,
                    },
                )
            ]
        )

    def _figures(
        self, actor: Actor, filters: CohortFilter, as_of: date | None
    ) -> tuple[FiguresReport, list[str]]:
        require(actor, Action.COHORT_FIGURES)
        as_of = as_of or self.clock().date()
        cases, scope = self._scope(actor)
        chosen = [c for c in cases if filters.matches(c, self.store.get(Person, c.ego_id), on=as_of)]
        report = figures_report(
            [self._evidence(c, as_of) for c in chosen],
            as_of=as_of,
            scope=scope,
            filters=filters,
            local_services=self._local_services(),
        )
        return report, [c.id for c in chosen]

    def report(
        self,
        actor: Actor,
        filters: CohortFilter | None = None,
        *,
        as_of: date | None = None,
    ) -> FiguresReport:
        """The suppressed figures over the cases ``filters`` selects in the actor's scope; for those who
        may read the per-case report, that report over the same cases as ``per_case``."""
        report, case_ids = self._figures(actor, filters or CohortFilter(), as_of)
        if allowed(actor, Action.COHORT_READ):
            per_case = self.metrics.cohort_report(actor, as_of=report.as_of, case_ids=case_ids)
            report = report.model_copy(update={"per_case": per_case})
        self._audit(actor, "figures.report", report)
        return report

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
