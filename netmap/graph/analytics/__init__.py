"""Network measures of one case or a cohort of cases, computed with NetworkX from ``Network`` snapshots.

Every measure is defined, with its formula and source, in docs/measures.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.change import Change, baseline, compare
from netmap.graph.analytics.cliff_edge import CliffEdge, cliff_edge
from netmap.graph.analytics.cohort import (
    CaseRow,
    CohortReport,
    ReportRow,
    cohort_report,
    report_row,
    status_counts,
)
from netmap.graph.analytics.composition import Composition, composition
from netmap.graph.analytics.coverage import Coverage, coverage
from netmap.graph.analytics.graph import View, build_graph
from netmap.graph.analytics.isolation import Isolation, isolation
from netmap.graph.analytics.measured import Measured
from netmap.graph.analytics.perspectives import Perspectives, perspectives
from netmap.graph.analytics.structure import Structure, constraint, effective_size, structure
from netmap.graph.analytics.summary import Summary
from netmap.graph.analytics.ties import TieStrength, tie_strengths
from netmap.models import CaseStage, Network, Snapshot, SnapshotEvent

__all__ = [
    "cohort_row",
    "CaseMetrics",
    "CaseRow",
    "Change",
    "CliffEdge",
    "CohortReport",
    "Composition",
    "Coverage",
    "Isolation",
    "Perspectives",
    "ReportRow",
    "SnapshotPoint",
    "Structure",
    "Summary",
    "TieStrength",
    "View",
    "build_graph",
    "case_metrics",
    "cliff_edge",
    "cohort_report",
    "compare",
    "composition",
    "constraint",
    "coverage",
    "effective_size",
    "isolation",
    "perspectives",
    "report_row",
    "structure",
    "tie_strengths",
]


class SnapshotPoint(BaseModel):
    """Headline numbers of one snapshot, read on the day it was taken."""

    model_config = ConfigDict(frozen=True)
    snapshot_id: str
    event: SnapshotEvent
    taken_on: date
    summary: Summary


class CaseMetrics(BaseModel):
    """Everything a case page needs; the ``netmap metrics --json`` output (docs/measures.md)."""

    model_config = ConfigDict(frozen=True)
    case_id: str
    stage: CaseStage
    as_of: date
    names: dict[str, str]
    summary: Summary
    composition: Composition
    strength: TieStrength
    isolation: Isolation
    coverage: Coverage
    structure: Structure
    status_counts: dict[str, int]
    cliff_edge: CliffEdge
    perspectives: Perspectives
    baseline_event: SnapshotEvent | None
    change: Change | None
    timeline: list[SnapshotPoint]

    def cohort_row(self) -> CaseRow:
        """The part of these metrics the cohort report uses."""
        return CaseRow(
            case_id=self.case_id,
            summary=self.summary,
            status_counts=self.status_counts,
            baseline_event=self.baseline_event,
            change=self.change,
        )


def cohort_row(
    network: Network, *, as_of: date, snapshots: Iterable[Snapshot] = (), measured: Measured | None = None
) -> CaseRow:
    """Only what the cohort report needs of one case: faster than ``case_metrics(...).cohort_row()``.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> net = tiny_network()
    >>> cohort_row(net, as_of=date(2026, 1, 15)) == case_metrics(net, as_of=date(2026, 1, 15)).cohort_row()
    True
    """
    first = baseline(sorted(snapshots, key=lambda s: (s.taken_on, s.id)))
    measured = measured or Measured()
    return CaseRow(
        case_id=network.case.id,
        summary=measured.summary(network, as_of),
        status_counts=status_counts(network),
        baseline_event=first.event if first else None,
        change=_change_since(first, network, as_of=as_of, measured=measured),
    )


def _change_since(
    first: Snapshot | None, network: Network, *, as_of: date, measured: Measured
) -> Change | None:
    """The change from the baseline snapshot ``first`` (none without one) to ``network`` on ``as_of``."""
    if first is None:
        return None
    return compare(
        first.network,
        network,
        before_on=first.taken_on,
        after_on=as_of,
        measured=measured,
    )


def _names(networks: Iterable[Network]) -> dict[str, str]:
    names: dict[str, str] = {}
    for network in networks:
        names.update({p.id: p.display_name for p in network.people})
    return dict(sorted(names.items()))


def case_metrics(
    network: Network, *, as_of: date | None = None, snapshots: Iterable[Snapshot] = ()
) -> CaseMetrics:
    """All measures of one case on ``as_of`` (today by default), with change since its baseline snapshot.

    The default view is used throughout: the practitioner's record of each pair, else the young
    person's. ``change`` compares the baseline snapshot (the earliest referral snapshot, else the
    earliest) with the network now; ``timeline`` has every snapshot's headline numbers.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> m = case_metrics(tiny_network(), as_of=date(2026, 1, 15))
    >>> m.summary.size, m.summary.lsns_total, m.isolation.at_risk, m.change is None
    (5, 5, True, True)
    """
    as_of = as_of or date.today()
    snapshots = sorted(snapshots, key=lambda s: (s.taken_on, s.id))
    measured = Measured()
    measures, summary = measured.measures(network, as_of), measured.summary(network, as_of)
    first = baseline(snapshots)
    return CaseMetrics(
        case_id=network.case.id,
        stage=network.case.stage,
        as_of=as_of,
        names=_names([*(s.network for s in snapshots), network]),
        summary=summary,
        composition=measures.composition,
        strength=measures.strength,
        isolation=measures.isolation,
        coverage=measures.coverage,
        structure=measures.structure,
        status_counts=status_counts(network),
        cliff_edge=cliff_edge(network, as_of=as_of),
        perspectives=perspectives(network, on=as_of),
        baseline_event=first.event if first else None,
        change=_change_since(first, network, as_of=as_of, measured=measured),
        timeline=[
            SnapshotPoint(
                snapshot_id=s.id,
                event=s.event,
                taken_on=s.taken_on,
                summary=measured.summary(s.network, s.taken_on),
            )
            for s in snapshots
        ],
    )
