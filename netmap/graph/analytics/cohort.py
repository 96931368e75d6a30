"""Cohort report across many cases: distributions, share at risk, paired change, the Lifelong Links funnel."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, NamedTuple, Protocol

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
    "ReportChange",
    "ReportRow",
    "SUMMARY_FIELDS",
    "cohort_report",
    "distribution",
    "identified_counts",
    "report_row",
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


SUMMARY_FIELDS = tuple(Summary.model_fields)
"""The order a ``ReportRow`` holds a summary's values in."""
_AT = {name: i for i, name in enumerate(SUMMARY_FIELDS)}


class ReportChange(NamedTuple):
    """What the report reads of a case's change since its baseline snapshot: the days (ISO), the sizes,
    and the baseline's summary values (``SUMMARY_FIELDS`` order; the current ones are the row's)."""

    before_on: str
    after_on: str
    size_before: int
    size_after: int
    before: list[Any]


class ReportRow(NamedTuple):
    """A ``CaseRow`` as the cohort report reads it: plain values, so that thousands of rows kept in the
    store are read without a model each (``report_row`` makes one from a ``CaseRow``)."""

    case_id: str
    summary: list[Any]
    status_counts: dict[str, int]
    baseline_event: str | None
    change: ReportChange | None


def report_row(row: CaseRow) -> ReportRow:
    """What the report reads of ``row``.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> from netmap.graph.analytics import cohort_row
    >>> report_row(cohort_row(tiny_network(), as_of=date(2026, 1, 15))).summary[:2]
    [5, 1]
    """
    c = row.change
    return ReportRow(
        row.case_id,
        [getattr(row.summary, name) for name in SUMMARY_FIELDS],
        row.status_counts,
        row.baseline_event.value if row.baseline_event else None,
        None
        if c is None
        else ReportChange(
            c.before_on.isoformat(),
            c.after_on.isoformat(),
            c.size_before,
            c.size_after,
            [getattr(c.before, name) for name in SUMMARY_FIELDS],
        ),
    )


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


def _paired(row: ReportRow) -> PairedChange | None:
    if row.change is None or row.baseline_event is None:
        return None
    c, lsns, strength = row.change, _AT["lsns_total"], _AT["strength_sum"]
    return PairedChange(
        case_id=row.case_id,
        baseline_on=date.fromisoformat(c.before_on),
        baseline_event=SnapshotEvent(row.baseline_event),
        latest_on=date.fromisoformat(c.after_on),
        size_before=c.size_before,
        size_after=c.size_after,
        lsns_before=c.before[lsns],
        lsns_after=row.summary[lsns],
        strength_sum_before=c.before[strength],
        strength_sum_after=row.summary[strength],
    )


_FUNNEL = (*(s.value for s in DiscoveryStatus), UNSET)


def cohort_report(rows: Iterable[ReportRow], cases: Iterable[Referral] = ()) -> CohortReport:
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
    funnel = {status: sum(r.status_counts.get(status, 0) for r in rows) for status in _FUNNEL}
    paired = [p for p in map(_paired, rows) if p is not None]
    at_risk = _AT["at_risk"]
    return CohortReport(
        cases=len(rows),
        at_risk_share=sum(r.summary[at_risk] for r in rows) / len(rows) if rows else None,
        flags={flag: sum(bool(r.summary[_AT[flag]]) for r in rows) for flag in FLAGS},
        distributions={name: distribution([r.summary[_AT[name]] for r in rows]) for name in numeric},
        paired=paired,
        paired_size_change=distribution([p.size_after - p.size_before for p in paired]),
        funnel=funnel,
        funnel_reached={
            stage.value: sum(funnel[s.value] for s in PIPELINE[i:]) for i, stage in enumerate(PIPELINE)
        },
        identified=identified_counts(cases),
    )
