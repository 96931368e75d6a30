"""What the service's figures need from one case: who the young person is, their network and outcomes at
each review point, the Lifelong Links work and the plan. Never shown as it is: only in suppressed figures.

``CaseEvidence`` is its shape; the figures read it as plain JSON values (``Evidence``), the form kept in
the store, so that a report over thousands of cases builds no model per case."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeAlias

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.agencies import PlanFact, pathways_covered, plan_facts
from netmap.graph.analytics.change import baseline
from netmap.graph.analytics.ends import age_on
from netmap.graph.analytics.measured import Measured
from netmap.graph.analytics.needs import case_needs
from netmap.graph.analytics.summary import Summary
from netmap.models import (
    Accommodation,
    Activity,
    Conference,
    ConferenceStage,
    ContactFrequency,
    DiscoveryStatus,
    Ethnicity,
    JusticeEvent,
    LeadSource,
    Network,
    OutcomeReading,
    Pathway,
    ReviewPoint,
    Sector,
    ServiceCategory,
    Snapshot,
    SnapshotEvent,
)

__all__ = [
    "ACCOMMODATION_GROUPS",
    "ACTIVITY_GROUPS",
    "CONNECTED",
    "FOUND",
    "LATEST",
    "POINTS",
    "CaseEvidence",
    "Evidence",
    "PointValues",
    "case_evidence",
    "review_month",
    "suggest_point",
]

LATEST = "latest"
POINTS = (*(p.value for p in ReviewPoint), LATEST)
"""The review points in order, then the latest reading of everything."""

ACCOMMODATION_GROUPS: dict[Accommodation, str] = {
    Accommodation.OWN_TENANCY: "settled",
    Accommodation.FAMILY_OR_FRIENDS: "settled",
    Accommodation.STAYING_PUT: "settled",
    Accommodation.CARE_PLACEMENT: "settled",
    Accommodation.SUPPORTED: "settled",
    Accommodation.APPROVED_PREMISES: "temporary",
    Accommodation.TEMPORARY: "temporary",
    Accommodation.SOFA_SURFING: "homeless",
    Accommodation.ROUGH_SLEEPING: "homeless",
    Accommodation.CUSTODY: "custody",
}
ACTIVITY_GROUPS: dict[Activity, str] = {
    Activity.EDUCATION: "in_eet",
    Activity.TRAINING: "in_eet",
    Activity.EMPLOYED: "in_eet",
    Activity.VOLUNTEERING: "not_in_eet",
    Activity.NOT_IN_EET: "not_in_eet",
    Activity.UNABLE: "unable",
}
CONNECTED = frozenset(
    {
        DiscoveryStatus.IN_PLAN,
        DiscoveryStatus.SUSTAINED_3M,
        DiscoveryStatus.SUSTAINED_6M,
        DiscoveryStatus.SUSTAINED_12M,
    }
)
"""A person identified has become a connection once they are in the plan or kept up after it."""
FOUND = frozenset(DiscoveryStatus) - {
    DiscoveryStatus.IDENTIFIED,
    DiscoveryStatus.DECEASED,
    DiscoveryStatus.NOT_FOUND,
}
"""A relative has been found once located, whatever happened next (declined and not safe included)."""
_PLANNED = frozenset({ConferenceStage.PLAN_AGREED, ConferenceStage.REVIEW})
_MONTHS = {
    ReviewPoint.MONTHS_3: (60, 135),
    ReviewPoint.MONTHS_6: (136, 270),
    ReviewPoint.MONTHS_12: (271, 455),
}
_MONTHLY_OR_MORE = frozenset({ContactFrequency.DAILY, ContactFrequency.WEEKLY, ContactFrequency.MONTHLY})


class PointValues(BaseModel):
    """One case at one review point; None where nothing was measured or recorded then."""

    model_config = ConfigDict(frozen=True)
    size: int | None = None
    positive_ties: int | None = None
    lsns_total: int | None = None
    lsns_answered: int | None = None
    life_satisfaction: int | None = None
    worthwhile: int | None = None
    happy: int | None = None
    anxious: int | None = None
    network_rating: int | None = None
    accommodation: str | None = None
    activity: str | None = None


class CaseEvidence(BaseModel):
    """One case as the service's figures see it (equality fields as recorded, empty when not)."""

    model_config = ConfigDict(frozen=True)
    case_id: str
    local_authority: str
    prison: str
    referred_on: date | None
    area: str
    age: int | None
    gender: str
    ethnicity: str
    disabled: str
    neurodivergent: str
    care_status: str
    parent_or_carer: str
    now: Summary
    points: dict[str, PointValues]
    release_night: str | None
    family_contact: str | None
    call_at_2am: int | None
    recalls: int
    reoffences: int
    after_plan: bool
    size_at_referral: int | None
    size_after_plan: int | None
    named: int
    connections: int
    relatives_found: int
    plan: list[PlanFact]
    pathways: list[tuple[Pathway, str]]
    needs: list[ServiceCategory]
    needs_source: str


Evidence: TypeAlias = dict[str, Any]
"""A ``CaseEvidence`` as JSON values (dates as ISO text, enumerations as their values), without the
review-point values never recorded: ``points[p].get("size")`` is None for those."""


def review_month(taken_on: date, plan_on: date | None) -> ReviewPoint | None:
    """The 3, 6 or 12-month review a snapshot taken on ``taken_on`` stands for, counted from the plan:
    60-135 days after it is 3 months, 136-270 is 6 months, 271-455 is 12 months.

    >>> review_month(date(2026, 4, 1), date(2026, 1, 1)), review_month(date(2026, 1, 20), date(2026, 1, 1))
    (<ReviewPoint.MONTHS_3: 'months_3'>, None)
    """
    if plan_on is None:
        return None
    days = (taken_on - plan_on).days
    return next((point for point, (lo, hi) in _MONTHS.items() if lo <= days <= hi), None)


def suggest_point(on: date, referred: date | None, plan_on: date | None) -> ReviewPoint | None:
    """The review point a reading on ``on`` most likely stands for: at referral up to 60 days after the
    referral and before any plan, after the plan up to 42 days after it, then the 3, 6 or 12-month window.

    >>> suggest_point(date(2026, 3, 20), date(2026, 3, 2), None), suggest_point(date(2026, 6, 20), None, date(2026, 6, 15))
    (<ReviewPoint.REFERRAL: 'referral'>, <ReviewPoint.AFTER_PLAN: 'after_plan'>)
    """
    if plan_on is not None and on >= plan_on:
        return ReviewPoint.AFTER_PLAN if (on - plan_on).days <= 42 else review_month(on, plan_on)
    if referred is not None and 0 <= (on - referred).days <= 60:
        return ReviewPoint.REFERRAL
    return None


def _snapshot_points(snapshots: list[Snapshot], plan_on: date | None) -> dict[ReviewPoint, Snapshot]:
    """The snapshot standing for each review point: the first referral snapshot (else the baseline),
    the first FGC snapshot, and the first snapshot in each review window after the plan."""
    found: dict[ReviewPoint, Snapshot] = {}
    first = baseline(snapshots)
    if first is not None and first.event is SnapshotEvent.REFERRAL:
        found[ReviewPoint.REFERRAL] = first
    for snapshot in snapshots:
        if snapshot.event is SnapshotEvent.FGC:
            found.setdefault(ReviewPoint.AFTER_PLAN, snapshot)
        elif snapshot.event is not SnapshotEvent.REFERRAL and (
            month := review_month(snapshot.taken_on, plan_on)
        ):
            found.setdefault(month, snapshot)
    return found


def _readings(readings: list[OutcomeReading]) -> PointValues:
    """The latest recorded value of each outcome among ``readings``."""
    latest: dict[str, object] = {}
    for r in sorted(readings, key=lambda r: (r.on, r.id)):
        if r.accommodation is not None and not r.release_night:
            latest["accommodation"] = ACCOMMODATION_GROUPS[r.accommodation]
        if r.activity is not None:
            latest["activity"] = ACTIVITY_GROUPS[r.activity]
        if r.wellbeing is not None:
            latest.update(r.wellbeing.model_dump())
        if r.lsns6 is not None:
            latest["lsns_answered"] = r.lsns6.total
        if r.network_rating is not None:
            latest["network_rating"] = r.network_rating
    return PointValues.model_validate(latest)


def _network_values(summary: Summary | None, readings: PointValues) -> PointValues:
    if summary is None:
        return readings
    return readings.model_copy(
        update={
            "size": summary.size,
            "positive_ties": summary.positive_ties,
            "lsns_total": summary.lsns_total,
        }
    )


def _latest(readings: list[OutcomeReading], field: str) -> OutcomeReading | None:
    having = [r for r in readings if getattr(r, field) is not None]
    return max(having, key=lambda r: (r.on, r.id)) if having else None


def _contact_group(reading: OutcomeReading | None) -> str | None:
    if reading is None:
        return None
    return "monthly_or_more" if reading.family_contact in _MONTHLY_OR_MORE else "less_often"


def case_evidence(
    network: Network,
    *,
    as_of: date,
    snapshots: Iterable[Snapshot] = (),
    conferences: Iterable[Conference] = (),
    measured: Measured | None = None,
) -> Evidence:
    """Everything the figures need from one case on ``as_of``: the network at each review point (from
    its snapshots), outcomes at each point (readings marked with it), Lifelong Links counts from the
    members' discovery statuses (``named``: people the young person named as leads; ``connections``:
    those of them now in the plan or kept up after it; ``relatives_found``: family members located or
    further on), the plan's items and the pathways covered.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> e = case_evidence(tiny_network(), as_of=date(2026, 1, 15))
    >>> e["named"], e["connections"], e["relatives_found"], e["points"]["latest"]["size"]
    (0, 0, 1, 5)
    """
    case, ego = network.case, network.ego
    snapshots = sorted(snapshots, key=lambda s: (s.taken_on, s.id))
    conferences = list(conferences)
    planned = [c.conference_on for c in conferences if c.stage in _PLANNED and c.conference_on]
    by_point = _snapshot_points(snapshots, min(planned) if planned else None)
    if ReviewPoint.AFTER_PLAN in by_point and not planned:
        by_point = _snapshot_points(snapshots, by_point[ReviewPoint.AFTER_PLAN].taken_on)
    readings = [r for r in case.outcomes if r.on <= as_of]
    measured = measured or Measured()
    now = measured.summary(network, as_of)
    summaries = {point: measured.summary(s.network, s.taken_on) for point, s in by_point.items()}
    points = {
        point.value: _network_values(
            summaries.get(point), _readings([r for r in readings if r.point is point])
        )
        for point in ReviewPoint
    }
    points[LATEST] = _network_values(now, _readings(readings))
    leads = [m for m in network.memberships if m.person_id != case.ego_id and m.status is not None]
    named = [m.status for m in leads if m.lead_source is LeadSource.YOUNG_PERSON]
    night = max((r for r in readings if r.release_night), key=lambda r: (r.on, r.id), default=None)
    contact, call = _latest(readings, "family_contact"), _latest(readings, "call_at_2am")
    needs, source = case_needs(case)
    equality = {f: getattr(ego, f) for f in ("disabled", "neurodivergent", "care_status", "parent_or_carer")}
    return CaseEvidence(
        case_id=case.id,
        local_authority=case.local_authority,
        prison=case.prison,
        referred_on=case.referral_date,
        area=case.local_authority or ego.area,
        age=age_on(ego, as_of),
        gender=ego.gender.value,
        ethnicity=Ethnicity(ego.ethnicity).group if ego.ethnicity else "",
        **equality,
        now=now,
        points=points,
        release_night=ACCOMMODATION_GROUPS[night.accommodation] if night and night.accommodation else None,
        family_contact=_contact_group(contact),
        call_at_2am=None if call is None else call.call_at_2am,
        recalls=sum(r.event is JusticeEvent.RECALL for r in readings),
        reoffences=sum(r.event is JusticeEvent.REOFFENCE for r in readings),
        after_plan=bool(planned) or ReviewPoint.AFTER_PLAN in by_point,
        size_at_referral=points[ReviewPoint.REFERRAL.value].size,
        size_after_plan=points[ReviewPoint.AFTER_PLAN.value].size,
        named=len(named),
        connections=sum(status in CONNECTED for status in named),
        relatives_found=sum(m.sector is Sector.FAMILY and m.status in FOUND for m in leads),
        plan=plan_facts(network, conferences, as_of=as_of),
        pathways=pathways_covered(network, conferences),
        needs=needs,
        needs_source=source,
    ).model_dump(mode="json", exclude_defaults=True)
