"""One plan per young adult: every conference's plan items together, by resettlement pathway, with
promised against delivered per agency and per pathway, and the release checklist.

The family group conference's family plan and the Always Hope planning meeting's items are items of
the same kind (``PlanItem``) on the case's conferences; this module reads them as one plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from netmap.models import (
    Conference,
    Network,
    Pathway,
    PersonKind,
    PlanItem,
    PlanItemStatus,
    PlanResponse,
    ReleaseCheck,
    Sector,
)

__all__ = [
    "FAMILY_AND_FRIENDS",
    "YOUNG_PERSON",
    "ChecklistLine",
    "IntegratedPlan",
    "PlanEntry",
    "Tally",
    "agency_label",
    "integrated_plan",
]

FAMILY_AND_FRIENDS = "Family and friends"
YOUNG_PERSON = "The young person"
NOT_SHOWN = "Someone not shown to you"
_PAID = frozenset({Sector.PROFESSIONALS, Sector.SERVICES})
_FINISHED = frozenset({PlanItemStatus.DONE, PlanItemStatus.NOT_DONE})


class PlanEntry(BaseModel):
    """One item of the plan with the conference it was agreed at."""

    model_config = ConfigDict(frozen=True)
    conference_id: str
    conference_on: date | None
    conference_version: int
    item: PlanItem
    owner: str
    agency: str
    overdue: bool


class Tally(BaseModel):
    """Promised against delivered for one agency or one pathway."""

    model_config = ConfigDict(frozen=True)
    label: str
    pathway: Pathway | None = None
    promised: int
    delivered: int
    in_progress: int
    not_done: int
    overdue: int


class ChecklistLine(BaseModel):
    """One thing that must be in place on release day, and the plan items that see to it."""

    model_config = ConfigDict(frozen=True)
    check: ReleaseCheck
    entries: list[PlanEntry]

    @property
    def done(self) -> bool:
        return any(e.item.status is PlanItemStatus.DONE for e in self.entries)

    @property
    def owned(self) -> bool:
        return bool(self.entries)


class IntegratedPlan(BaseModel):
    model_config = ConfigDict(frozen=True)
    case_id: str
    entries: list[PlanEntry]
    by_agency: list[Tally]
    by_pathway: list[Tally]
    checklist: list[ChecklistLine]
    release_on: date | None
    days_to_release: int | None

    def pathway_groups(self) -> list[tuple[Pathway | None, list[PlanEntry]]]:
        """The entries grouped by pathway, in the pathways' order; items without one come last."""
        order: list[Pathway | None] = [*Pathway, None]
        groups = [(p, [e for e in self.entries if e.item.pathway is p]) for p in order]
        return [(p, entries) for p, entries in groups if entries]

    def views(self, *responses: PlanResponse) -> list[PlanEntry]:
        """Entries the young person answered with one of ``responses`` ("I disagree", "not sure")."""
        return [
            e
            for e in self.entries
            if e.item.young_person_view and e.item.young_person_view.response in responses
        ]


def agency_label(network: Network, person_id: str) -> str:
    """Whose agency an item belongs to: the agency someone works for (a mentoring project counts), a
    service itself, the young person, or family and friends."""
    person = next((p for p in network.people if p.id == person_id), None)
    if person is None:
        return NOT_SHOWN
    if person_id == network.case.ego_id:
        return YOUNG_PERSON
    if person.kind is PersonKind.SERVICE:
        return person.name
    if person.agency:
        return person.agency
    membership = network.membership(person_id)
    return (
        person.display_name if membership is not None and membership.sector in _PAID else FAMILY_AND_FRIENDS
    )


def _tally(label: str, entries: list[PlanEntry], pathway: Pathway | None = None) -> Tally:
    status = [e.item.status for e in entries]
    return Tally(
        label=label,
        pathway=pathway,
        promised=len(entries),
        delivered=status.count(PlanItemStatus.DONE),
        in_progress=status.count(PlanItemStatus.IN_PROGRESS),
        not_done=status.count(PlanItemStatus.NOT_DONE),
        overdue=sum(e.overdue for e in entries),
    )


def _entry(network: Network, conference: Conference, item: PlanItem, today: date) -> PlanEntry:
    person = next((p for p in network.people if p.id == item.owner_id), None)
    return PlanEntry(
        conference_id=conference.id,
        conference_on=conference.conference_on,
        conference_version=conference.version,
        item=item,
        owner=person.display_name if person else NOT_SHOWN,
        agency=agency_label(network, item.owner_id),
        overdue=item.by_when is not None and item.by_when < today and item.status not in _FINISHED,
    )


def integrated_plan(network: Network, conferences: Iterable[Conference], *, today: date) -> IntegratedPlan:
    """The case's one plan, from the items of all its conferences, as of ``today``.

    ``network`` and ``conferences`` must already be what the reader may see.
    """
    entries = [
        _entry(network, conference, item, today)
        for conference in sorted(conferences, key=lambda c: (c.conference_on or date.min, c.id))
        for item in conference.plan
    ]
    entries.sort(key=lambda e: (e.item.by_when or date.max, e.item.what.casefold(), e.item.id))
    agencies = sorted({e.agency for e in entries}, key=str.casefold)
    pathways = [p for p in Pathway if any(e.item.pathway is p for e in entries)]
    release = network.case.release_date
    return IntegratedPlan(
        case_id=network.case.id,
        entries=entries,
        by_agency=[_tally(a, [e for e in entries if e.agency == a]) for a in agencies],
        by_pathway=[_tally(p.value, [e for e in entries if e.item.pathway is p], p) for p in pathways],
        checklist=[
            ChecklistLine(check=check, entries=[e for e in entries if e.item.release_check is check])
            for check in ReleaseCheck
        ],
        release_on=release,
        days_to_release=(release - today).days if release and release >= today else None,
    )
