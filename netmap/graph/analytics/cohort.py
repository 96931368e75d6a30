"""Cohort report across many cases: distributions, share at risk, paired change, the Lifelong Links funnel."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.change import Change
from netmap.graph.analytics.summary import Summary
from netmap.models import DiscoveryStatus, Network, SnapshotEvent

__all__ = [
    "EXIT_STATUSES",
    "PIPELINE",
    "CaseRow",
    "CohortReport",
    "Distribution",
    "IdentifiedCounts",
    "PairedChange",
    "Referral",
    "cohort_report",
    "distribution",
    "identified_counts",
    "status_counts",
]

NOT_IN_PRISON = "Not in prison"
UNKNOWN_AUTHORITY = "Authority not recorded"

UNSET = "unset"
PIPELINE = (
    DiscoveryStatus.IDENTIFIED,
    DiscoveryStatus.LOCATED,
    DiscoveryStatus.CONTACTED,
    DiscoveryStatus.WILLING,
    DiscoveryStatus.SAFETY_CHECKED,
    DiscoveryStatus.INVITED,
    DiscoveryStatus.ATTENDED,
    DiscoveryStatus.IN_PLAN,
    DiscoveryStatus.SUSTAINED_3M,
    DiscoveryStatus.SUSTAINED_6M,
    DiscoveryStatus.SUSTAINED_12M,
)
EXIT_STATUSES = (
    DiscoveryStatus.DECLINED,
    DiscoveryStatus.NOT_SAFE,
    DiscoveryStatus.DECEASED,
    DiscoveryStatus.NOT_FOUND,
)
FLAGS = (
    "at_risk",
    "not_enough_recorded",
    "no_positive_nonprofessional_adult",
    "all_support_from_professionals",
)


class Distribution(BaseModel):
    """Spread of one measure over the cases where it is defined (quartiles by the inclusive method)."""

    model_config = ConfigDict(frozen=True)
    n: int
    min: float | None
    q1: float | None
    median: float | None
    q3: float | None
    max: float | None
    mean: float | None


class PairedChange(BaseModel):
    """One case's baseline snapshot against its current network."""

    model_config = ConfigDict(frozen=True)
    case_id: str
    baseline_on: date
    baseline_event: SnapshotEvent
    latest_on: date
    size_before: int
    size_after: int
    lsns_before: int
    lsns_after: int
    strength_sum_before: float
    strength_sum_after: float


class CaseRow(BaseModel):
    """What the cohort report needs from one case (built by ``case_metrics`` as ``cohort_row``)."""

    model_config = ConfigDict(frozen=True)
    case_id: str
    summary: Summary
    status_counts: dict[str, int]
    baseline_event: SnapshotEvent | None = None
    change: Change | None = None


class IdentifiedCounts(BaseModel):
    """Young adults identified through referral intake, by prison, by home authority and by both."""

    model_config = ConfigDict(frozen=True)
    total: int
    by_prison: dict[str, int]
    by_authority: dict[str, int]
    by_prison_and_authority: list[tuple[str, str, int]]


class Referral(Protocol):
    """What the identified counts read of a case (a ``Case`` is one)."""

    @property
    def referred_by(self) -> str: ...

    @property
    def prison(self) -> str: ...

    @property
    def local_authority(self) -> str: ...


def identified_counts(cases: Iterable[Referral]) -> IdentifiedCounts:
    """Count the cases that came through referral intake (``referred_by`` set).

    >>> from netmap.models import Case
    >>> c = Case(id="c-1", title="A", ego_id="p-1", referred_by="officer", prison="HMP Example")
    >>> identified_counts([c]).by_prison
    {'HMP Example': 1}
    """
    referred = [c for c in cases if c.referred_by]
    pairs = Counter((c.prison or NOT_IN_PRISON, c.local_authority or UNKNOWN_AUTHORITY) for c in referred)
    by_prison: Counter[str] = Counter()
    by_authority: Counter[str] = Counter()
    for (prison, authority), n in pairs.items():
        by_prison[prison] += n
        by_authority[authority] += n
    return IdentifiedCounts(
        total=len(referred),
        by_prison=dict(sorted(by_prison.items())),
        by_authority=dict(sorted(by_authority.items())),
        by_prison_and_authority=[(p, a, n) for (p, a), n in sorted(pairs.items())],
    )


class CohortReport(BaseModel):
    model_config = ConfigDict(frozen=True)
    cases: int
    at_risk_share: float | None
    flags: dict[str, int]
    distributions: dict[str, Distribution]
    paired: list[PairedChange]
    paired_size_change: Distribution
    funnel: dict[str, int]
    funnel_reached: dict[str, int]
    identified: IdentifiedCounts


def status_counts(network: Network) -> dict[str, int]:
    """Members (not the young person) by discovery status, every status listed, plus ``unset``.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> counts = status_counts(tiny_network())
    >>> counts["in_plan"], counts["identified"], counts["unset"]
    (1, 1, 3)
    """
    counts = Counter(
        m.status.value if m.status else UNSET
        for m in network.memberships
        if m.person_id != network.case.ego_id
    )
    return {**{s.value: counts.get(s.value, 0) for s in DiscoveryStatus}, UNSET: counts.get(UNSET, 0)}


def distribution(values: Sequence[float | None]) -> Distribution:
    """min, quartiles, max and mean of the values that are not None.

    >>> distribution([1, 2, 3, 4, None]).median
    2.5
    """
    xs = sorted(float(v) for v in values if v is not None)
    if not xs:
        return Distribution(n=0, min=None, q1=None, median=None, q3=None, max=None, mean=None)
    q1, median, q3 = statistics.quantiles(xs, n=4, method="inclusive") if len(xs) > 1 else (xs[0],) * 3
    return Distribution(
        n=len(xs), min=xs[0], q1=q1, median=median, q3=q3, max=xs[-1], mean=statistics.fmean(xs)
    )


def _paired(row: CaseRow) -> PairedChange | None:
    if row.change is None or row.baseline_event is None:
        return None
    c = row.change
    return PairedChange(
        case_id=row.case_id,
        baseline_on=c.before_on,
        baseline_event=row.baseline_event,
        latest_on=c.after_on,
        size_before=c.size_before,
        size_after=c.size_after,
        lsns_before=c.before.lsns_total,
        lsns_after=c.after.lsns_total,
        strength_sum_before=c.before.strength_sum,
        strength_sum_after=c.after.strength_sum,
    )


def cohort_report(rows: Iterable[CaseRow], cases: Iterable[Referral] = ()) -> CohortReport:
    """Distribution of each headline measure, share at risk, paired change, and the funnel.

    ``funnel`` counts members by their current status; ``funnel_reached`` counts, for each
    pipeline stage, the members whose status is that stage or a later one. ``identified`` counts
    the ``cases`` that came through referral intake.

    >>> cohort_report([]).cases
    0
    """
    rows = sorted(rows, key=lambda r: r.case_id)
    numeric = [
        name
        for name, info in Summary.model_fields.items()
        if info.annotation not in (bool, "bool") and name not in FLAGS
    ]
    funnel: Counter[str] = Counter()
    for row in rows:
        funnel.update(row.status_counts)
    paired = [p for p in map(_paired, rows) if p is not None]
    return CohortReport(
        cases=len(rows),
        at_risk_share=sum(r.summary.at_risk for r in rows) / len(rows) if rows else None,
        flags={flag: sum(bool(getattr(r.summary, flag)) for r in rows) for flag in FLAGS},
        distributions={name: distribution([getattr(r.summary, name) for r in rows]) for name in numeric},
        paired=paired,
        paired_size_change=distribution([p.size_after - p.size_before for p in paired]),
        funnel={**{s.value: funnel.get(s.value, 0) for s in DiscoveryStatus}, UNSET: funnel.get(UNSET, 0)},
        funnel_reached={
            stage.value: sum(funnel.get(s.value, 0) for s in PIPELINE[i:]) for i, stage in enumerate(PIPELINE)
        },
        identified=identified_counts(cases),
    )
