"""The service's figures on Lifelong Links, outcomes over time and the partnership, every one suppressed."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.evidence import LATEST, POINTS, Evidence
from netmap.graph.analytics.suppression import THRESHOLD, Spread, count, mean, partition, share, spread
from netmap.models import Pathway, PlanItemStatus, ServiceCategory

__all__ = [
    "AgencyDelivery",
    "LifelongLinksFigures",
    "NeedRow",
    "OutcomeFigures",
    "PartnershipFigures",
    "PathwayCover",
    "PointCounts",
    "RELATIVES_TARGET",
    "WellbeingRow",
    "lifelong_links",
    "outcome_figures",
    "partnership_figures",
    "people_count",
    "people_share",
]

RELATIVES_TARGET = 80
"""Family-finding practice guidance: find at least 80 relatives."""
NOT_RECORDED = "not_recorded"
OTHER_AGENCIES = "Other agencies"
_ACCOMMODATION = ("settled", "temporary", "homeless", "custody")
_ACTIVITY = ("in_eet", "not_in_eet", "unable")


def people_count(people: int, cases: int) -> int | None:
    """A count of people (or events) gathered from ``cases`` cases: shown only when both are five or more."""
    return people if cases >= THRESHOLD and people >= THRESHOLD else None


def people_share(part: int, whole: int, cases: int) -> float | None:
    """``part / whole`` of people from ``cases`` cases, under the same rules as :func:`share`."""
    return share(part, whole) if cases >= THRESHOLD else None


class LifelongLinksFigures(BaseModel):
    """The Lifelong Links evaluation's figures for this service, over the cases whose plan has happened."""

    model_config = ConfigDict(frozen=True)
    cases_after_plan: int | None
    cases_measured: int | None
    size_at_referral: float | None
    size_after_plan: float | None
    named: int | None
    became_connections: int | None
    connection_share: float | None
    relatives_found: Spread
    relatives_target: int
    reaching_target: dict[str, int | None]
    reaching_target_share: float | None


def lifelong_links(rows: Sequence[Evidence]) -> LifelongLinksFigures:
    """Size at referral against after the plan (the evaluation's 7 to 26), the share of the people the
    young person named who became connections (its 96%), and relatives found against the target of 80.

    >>> lifelong_links([]).connection_share is None
    True
    """
    after = [r for r in rows if r["after_plan"]]
    measured = [r for r in after if r["size_at_referral"] is not None and r["size_after_plan"] is not None]
    named = sum(r["named"] for r in after)
    connected = sum(r["connections"] for r in after)
    reached = sum(r["relatives_found"] >= RELATIVES_TARGET for r in after)
    return LifelongLinksFigures(
        cases_after_plan=count(len(after)),
        cases_measured=count(len(measured)),
        size_at_referral=mean(r["size_at_referral"] for r in measured),
        size_after_plan=mean(r["size_after_plan"] for r in measured),
        named=people_count(named, len(after)),
        became_connections=people_count(connected, len(after)),
        connection_share=people_share(connected, named, len(after)),
        relatives_found=spread([r["relatives_found"] for r in after]),
        relatives_target=RELATIVES_TARGET,
        reaching_target=partition({"reached": reached, "not_reached": len(after) - reached}),
        reaching_target_share=share(reached, len(after)),
    )


class PointCounts(BaseModel):
    """Cases in each group at one review point (``not_recorded`` where nothing was recorded then)."""

    model_config = ConfigDict(frozen=True)
    point: str
    counts: dict[str, int | None]


class WellbeingRow(BaseModel):
    """Mean ONS-4 answers at one review point, over the cases that answered then."""

    model_config = ConfigDict(frozen=True)
    point: str
    cases: int | None
    life_satisfaction: float | None
    worthwhile: float | None
    happy: float | None
    anxious: float | None


class OutcomeFigures(BaseModel):
    model_config = ConfigDict(frozen=True)
    accommodation: list[PointCounts]
    activity: list[PointCounts]
    release_night: dict[str, int | None]
    family_contact: dict[str, int | None]
    wellbeing: list[WellbeingRow]
    network_rating: Spread
    call_at_2am: dict[str, int | None]
    recalled: dict[str, int | None]
    recalls: int | None
    reoffended: dict[str, int | None]
    reoffences: int | None


def _groups(values: Iterable[str | None], groups: Sequence[str]) -> dict[str, int | None]:
    found = Counter(value or NOT_RECORDED for value in values)
    return partition({g: found.get(g, 0) for g in (*groups, NOT_RECORDED)})


def _yes_no(rows: Sequence[Evidence], test: Callable[[Evidence], bool], yes: str, no: str) -> dict:
    n = sum(map(test, rows))
    return partition({yes: n, no: len(rows) - n})


def outcome_figures(rows: Sequence[Evidence]) -> OutcomeFigures:
    """Accommodation and education/training/work at each review point, the night of release, contact with
    family, wellbeing (ONS-4), the young person's own rating, recalls and reoffending.

    >>> outcome_figures([]).recalls is None
    True
    """
    wellbeing = []
    for point in POINTS:
        values = [v for r in rows if (v := r["points"][point]).get("life_satisfaction") is not None]
        wellbeing.append(
            WellbeingRow(
                point=point,
                cases=count(len(values)),
                **{
                    k: mean(v[k] for v in values)
                    for k in ("life_satisfaction", "worthwhile", "happy", "anxious")
                },
            )
        )
    called = [r["call_at_2am"] for r in rows]
    return OutcomeFigures(
        accommodation=[
            PointCounts(
                point=p, counts=_groups((r["points"][p].get("accommodation") for r in rows), _ACCOMMODATION)
            )
            for p in POINTS
        ],
        activity=[
            PointCounts(point=p, counts=_groups((r["points"][p].get("activity") for r in rows), _ACTIVITY))
            for p in POINTS
        ],
        release_night=_groups((r["release_night"] for r in rows), _ACCOMMODATION),
        family_contact=_groups((r["family_contact"] for r in rows), ("monthly_or_more", "less_often")),
        wellbeing=wellbeing,
        network_rating=spread([r["points"][LATEST].get("network_rating") for r in rows]),
        call_at_2am=partition(
            {
                "someone": sum(c is not None and c > 0 for c in called),
                "nobody": sum(c == 0 for c in called),
                NOT_RECORDED: sum(c is None for c in called),
            }
        ),
        recalled=_yes_no(rows, lambda r: r["recalls"] > 0, "recalled", "not_recalled"),
        recalls=people_count(sum(r["recalls"] for r in rows), sum(r["recalls"] > 0 for r in rows)),
        reoffended=_yes_no(rows, lambda r: r["reoffences"] > 0, "reoffended", "not_reoffended"),
        reoffences=people_count(sum(r["reoffences"] for r in rows), sum(r["reoffences"] > 0 for r in rows)),
    )


class AgencyDelivery(BaseModel):
    """Plan items an agency took on across the cases, by how far each got."""

    model_config = ConfigDict(frozen=True)
    agency: str
    cases: int | None
    promised: int | None
    delivered: int | None
    in_progress: int | None
    agreed: int | None
    not_done: int | None
    overdue: int | None


class PathwayCover(BaseModel):
    """Who covers one resettlement pathway: the agencies working on it in five or more cases each
    (an agency in fewer is not named)."""

    model_config = ConfigDict(frozen=True)
    pathway: Pathway
    covered: int | None
    not_covered: int | None
    agencies: dict[str, int]


class NeedRow(BaseModel):
    """Young people in one area with one need, and whether a directory service there offers it."""

    model_config = ConfigDict(frozen=True)
    area: str
    need: ServiceCategory
    cases: int | None
    met_locally: bool


class PartnershipFigures(BaseModel):
    model_config = ConfigDict(frozen=True)
    plan: list[AgencyDelivery]
    pathways: list[PathwayCover]
    needs: list[NeedRow]
    needs_source: dict[str, int | None]


def _delivery(agency: str, facts: list[tuple[str, str, bool]]) -> AgencyDelivery:
    cases = len({case for case, _, _ in facts})
    statuses = Counter(status for _, status, _ in facts)
    shown = (
        partition({s.value: statuses.get(s.value, 0) for s in PlanItemStatus}) if cases >= THRESHOLD else {}
    )
    return AgencyDelivery(
        agency=agency,
        cases=count(cases),
        promised=people_count(len(facts), cases),
        delivered=shown.get(PlanItemStatus.DONE.value),
        in_progress=shown.get(PlanItemStatus.IN_PROGRESS.value),
        agreed=shown.get(PlanItemStatus.AGREED.value),
        not_done=shown.get(PlanItemStatus.NOT_DONE.value),
        overdue=people_count(sum(overdue for _, _, overdue in facts), cases),
    )


def partnership_figures(
    rows: Sequence[Evidence], local_services: Callable[[str, ServiceCategory], int]
) -> PartnershipFigures:
    """Plan items promised against delivered by agency, pathways covered by whom, and needs by area
    against the local services that offer them (``local_services(area, need)`` counts them).

    An agency with plan items in fewer than five cases is counted under "Other agencies".
    """
    by_agency: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for r in rows:
        for fact in r["plan"]:
            by_agency[fact["agency"]].append((r["case_id"], fact["status"], fact["overdue"]))
    plan, others = [], []
    for agency, facts in sorted(by_agency.items(), key=lambda x: x[0].casefold()):
        if len({case for case, _, _ in facts}) >= THRESHOLD:
            plan.append(_delivery(agency, facts))
        else:
            others += facts
    if others:
        plan.append(_delivery(OTHER_AGENCIES, others))
    # One pass over the cases: which agencies cover each pathway, and in which cases.
    by_pathway: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for r in rows:
        for p, agency in r["pathways"]:
            by_pathway[p][agency].add(r["case_id"])
    pathways = []
    for pathway in Pathway:
        cases_by_agency = by_pathway.get(pathway.value, {})
        covered = len(set().union(*cases_by_agency.values()))
        cells = partition({"covered": covered, "not_covered": len(rows) - covered})
        pathways.append(
            PathwayCover(
                pathway=pathway,
                covered=cells["covered"],
                not_covered=cells["not_covered"],
                agencies={a: len(c) for a, c in sorted(cases_by_agency.items()) if len(c) >= THRESHOLD},
            )
        )
    needs: Counter[tuple[str, ServiceCategory]] = Counter(
        (r["area"] or "Area not recorded", ServiceCategory(need)) for r in rows for need in r["needs"]
    )
    return PartnershipFigures(
        plan=plan,
        pathways=pathways,
        needs=[
            NeedRow(area=area, need=need, cases=count(n), met_locally=local_services(area, need) > 0)
            for (area, need), n in sorted(needs.items(), key=lambda x: (x[0][0], x[0][1].value))
        ],
        needs_source=partition(
            {
                "recorded": sum(r["needs_source"] == "recorded" for r in rows),
                "words": sum(r["needs_source"] == "words" for r in rows),
                "none": sum(not r["needs_source"] for r in rows),
            }
        ),
    )
