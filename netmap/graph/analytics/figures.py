"""The service's figures: isolation, networks, paired change at each review point, Lifelong Links,
outcomes, equality breakdowns and the partnership, over the cases a filter selects, every one suppressed
below five (docs/measures.md, "The service's figures")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.cohort import CohortReport
from netmap.graph.analytics.cohort_filter import CohortFilter
from netmap.graph.analytics.evidence import LATEST, POINTS, Evidence
from netmap.graph.analytics.figures_parts import (
    LifelongLinksFigures,
    OutcomeFigures,
    PartnershipFigures,
    lifelong_links,
    outcome_figures,
    partnership_figures,
)
from netmap.graph.analytics.summary import Summary
from netmap.graph.analytics.suppression import THRESHOLD, Spread, count, mean, partition, share, spread
from netmap.models import LSNS_AT_RISK_BELOW, ReviewPoint, ServiceCategory

__all__ = [
    "BREAKDOWNS",
    "PAIRED_MEASURES",
    "FiguresReport",
    "GroupRow",
    "IsolationFigures",
    "PairedRow",
    "figures_report",
]

NETWORK_MEASURES = tuple(
    name
    for name, info in Summary.model_fields.items()
    if info.annotation is not bool and name != "lsns_answered"
)
PAIRED_MEASURES = (
    "size",
    "positive_ties",
    "lsns_total",
    "lsns_answered",
    "life_satisfaction",
    "worthwhile",
    "happy",
    "anxious",
    "network_rating",
)
"""Measured at referral and again later, case by case."""
BREAKDOWNS = ("gender", "ethnicity", "age", "disabled", "neurodivergent", "care_status", "parent_or_carer")
NOT_RECORDED = "not_recorded"


class IsolationFigures(BaseModel):
    """Cases by the LSNS-6 answered, by the network estimate, and by the flag the two give together."""

    model_config = ConfigDict(frozen=True)
    questionnaire: dict[str, int | None]
    estimate: dict[str, int | None]
    flag: dict[str, int | None]
    at_risk_share: float | None
    lsns_answered: Spread
    lsns_total: Spread
    lsns_coverage: Spread


class PairedRow(BaseModel):
    """One measure at referral and at a later point, over the cases measured at both."""

    model_config = ConfigDict(frozen=True)
    measure: str
    point: str
    cases: int | None
    at_referral: float | None
    at_point: float | None
    change: float | None


class GroupRow(BaseModel):
    """One group of an equality breakdown."""

    model_config = ConfigDict(frozen=True)
    group: str
    cases: int | None
    at_risk: int | None
    settled: int | None
    in_eet: int | None
    size_mean: float | None


class FiguresReport(BaseModel):
    """The ``netmap cohort --json`` output: suppressed figures, and the per-case report for those who hold
    the cases (``per_case``, never for a commissioner)."""

    model_config = ConfigDict(frozen=True)
    as_of: date
    scope: str
    filters: CohortFilter
    threshold: int
    cases: int | None
    isolation: IsolationFigures
    network: dict[str, Spread]
    paired: list[PairedRow]
    lifelong_links: LifelongLinksFigures
    outcomes: OutcomeFigures
    breakdowns: dict[str, list[GroupRow]]
    partnership: PartnershipFigures
    per_case: CohortReport | None = None


def _estimate(s: dict[str, Any]) -> str:
    if s["lsns_high"] < LSNS_AT_RISK_BELOW:
        return "at_risk"
    return "not_at_risk" if s["lsns_total"] >= LSNS_AT_RISK_BELOW else "not_enough_recorded"


def _isolation(rows: Sequence[Evidence]) -> IsolationFigures:
    now = [r["now"] for r in rows]
    answered = [s for s in now if s["lsns_answered"] is not None]
    at_risk = sum(s["at_risk"] for s in now)
    estimates = Counter(map(_estimate, now))
    return IsolationFigures(
        questionnaire=partition(
            {
                "at_risk": sum(s["at_risk"] for s in answered),
                "not_at_risk": sum(not s["at_risk"] for s in answered),
                "not_answered": len(now) - len(answered),
            }
        ),
        estimate=partition({k: estimates[k] for k in ("at_risk", "not_at_risk", "not_enough_recorded")}),
        flag=partition(
            {
                "at_risk": at_risk,
                "not_at_risk": sum(not s["at_risk"] and not s["not_enough_recorded"] for s in now),
                "not_enough_recorded": sum(s["not_enough_recorded"] for s in now),
            }
        ),
        at_risk_share=share(at_risk, len(now)),
        lsns_answered=spread([s["lsns_answered"] for s in now]),
        lsns_total=spread([s["lsns_total"] for s in now]),
        lsns_coverage=spread([s["lsns_coverage"] for s in now]),
    )


def _paired(rows: Sequence[Evidence]) -> list[PairedRow]:
    out = []
    points = [(r["points"][ReviewPoint.REFERRAL.value], r["points"]) for r in rows]
    for measure in PAIRED_MEASURES:
        # Only the cases measured at referral can pair: found once per measure, not once per point.
        referred = [(before, later) for first, later in points if (before := first.get(measure)) is not None]
        for point in POINTS[1:]:
            pairs = [
                (before, after)
                for before, later in referred
                if (after := later[point].get(measure)) is not None
            ]
            enough = len(pairs) >= THRESHOLD
            out.append(
                PairedRow(
                    measure=measure,
                    point=point,
                    cases=count(len(pairs)),
                    at_referral=mean(b for b, _ in pairs) if enough else None,
                    at_point=mean(a for _, a in pairs) if enough else None,
                    change=mean(a - b for b, a in pairs) if enough else None,
                )
            )
    return out


def _age_band(age: int | None) -> str:
    if age is None:
        return NOT_RECORDED
    if age < 18:
        return "under_18"
    return "18_20" if age <= 20 else "21_25" if age <= 25 else "over_25"


def _group_of(row: Evidence, breakdown: str) -> str:
    if breakdown == "age":
        return _age_band(row["age"])
    value = str(row[breakdown])
    return NOT_RECORDED if value in ("", "unknown") else value


def _breakdown(rows: Sequence[Evidence], breakdown: str) -> list[GroupRow]:
    groups: dict[str, list[Evidence]] = {}
    for row in rows:
        groups.setdefault(_group_of(row, breakdown), []).append(row)
    names = sorted(groups, key=lambda g: (g == NOT_RECORDED, g))

    def column(test: Callable[[Evidence], bool]) -> dict[str, int | None]:
        cells = partition({g: sum(map(test, groups[g])) for g in names})
        # A group too small to show hides every figure of its own.
        return {g: None if len(groups[g]) < THRESHOLD else cells[g] for g in names}

    cases = partition({g: len(groups[g]) for g in names})
    at_risk = column(lambda r: r["now"]["at_risk"])
    settled = column(lambda r: r["points"][LATEST].get("accommodation") == "settled")
    in_eet = column(lambda r: r["points"][LATEST].get("activity") == "in_eet")
    return [
        GroupRow(
            group=g,
            cases=cases[g],
            at_risk=at_risk[g],
            settled=settled[g],
            in_eet=in_eet[g],
            size_mean=mean(r["now"]["size"] for r in groups[g]) if cases[g] is not None else None,
        )
        for g in names
    ]


def figures_report(
    rows: Sequence[Evidence],
    *,
    as_of: date,
    scope: str,
    filters: CohortFilter,
    local_services: Callable[[str, ServiceCategory], int] = lambda area, need: 0,
) -> FiguresReport:
    """Every figure over ``rows`` (one per case the filter selected, as kept: ``evidence.Evidence``),
    suppressed below five.

    >>> r = figures_report([], as_of=date(2026, 11, 24), scope="every case", filters=CohortFilter())
    >>> r.cases, r.lifelong_links.size_at_referral, r.threshold
    (None, None, 5)
    """
    rows = sorted(rows, key=lambda r: r["case_id"])
    return FiguresReport(
        as_of=as_of,
        scope=scope,
        filters=filters,
        threshold=THRESHOLD,
        cases=count(len(rows)),
        isolation=_isolation(rows),
        network={name: spread([r["now"][name] for r in rows]) for name in NETWORK_MEASURES},
        paired=_paired(rows),
        lifelong_links=lifelong_links(rows),
        outcomes=outcome_figures(rows),
        breakdowns={b: _breakdown(rows, b) for b in BREAKDOWNS},
        partnership=partnership_figures(rows, local_services),
    )
