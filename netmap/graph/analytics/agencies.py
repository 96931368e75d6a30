"""Who works with a young person, for the partnership evidence: the practitioners and services in a
network and the support each gives, agencies, the pathways they cover, and what the plan promised
and delivered."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.coverage import supports_ego
from netmap.graph.analytics.ends import is_professional
from netmap.models import (
    Conference,
    Membership,
    Network,
    Pathway,
    Person,
    PersonKind,
    PlanItemStatus,
    Sector,
    ServiceCategory,
    ServiceInfo,
    SupportDomain,
)

__all__ = [
    "AGENCY_NOT_RECORDED",
    "CATEGORY_PATHWAY",
    "DOMAIN_PATHWAY",
    "FAMILY_AND_FRIENDS",
    "PlanFact",
    "agency_of",
    "pathways_covered",
    "plan_facts",
    "practitioners_and_services",
    "support_given",
]

_AT_WORK = frozenset({Sector.PROFESSIONALS, Sector.SERVICES})
FAMILY_AND_FRIENDS = "Family and friends"
AGENCY_NOT_RECORDED = "Agency not recorded"
DOMAIN_PATHWAY = {
    SupportDomain.HOUSING: Pathway.ACCOMMODATION,
    SupportDomain.EDUCATION_WORK: Pathway.EDUCATION_WORK,
    SupportDomain.HEALTH: Pathway.HEALTH,
    SupportDomain.MONEY: Pathway.FINANCE,
}
"""The support a tie carries, as the resettlement pathway it serves."""
CATEGORY_PATHWAY = {
    ServiceCategory.HOUSING: Pathway.ACCOMMODATION,
    ServiceCategory.EDUCATION_WORK: Pathway.EDUCATION_WORK,
    ServiceCategory.HEALTH: Pathway.HEALTH,
    ServiceCategory.MENTAL_HEALTH: Pathway.HEALTH,
    ServiceCategory.SUBSTANCE_MISUSE: Pathway.DRUGS_ALCOHOL,
    ServiceCategory.FAMILY_SUPPORT: Pathway.CHILDREN_FAMILIES,
    ServiceCategory.PROBATION: Pathway.ATTITUDES,
}
"""A directory service's kinds of help, as the resettlement pathways they serve."""


class PlanFact(BaseModel):
    """One plan item: the agency that promised it, whether it was delivered, and whether it is overdue."""

    model_config = ConfigDict(frozen=True)
    agency: str
    status: PlanItemStatus
    overdue: bool


def agency_of(person: Person) -> str:
    """The agency a professional works for; a service is its own agency (its name)."""
    return person.name if person.kind is PersonKind.SERVICE else person.agency


def practitioners_and_services(network: Network) -> list[tuple[Person, Membership]]:
    """Everyone in the network who works with the young person: the professionals and services
    sectors, and anyone recorded as working for an agency (or who is a service)."""
    return [
        (network.person(m.person_id), m)
        for m in network.memberships
        if m.person_id != network.case.ego_id
        and (m.sector in _AT_WORK or agency_of(network.person(m.person_id)))
    ]


def support_given(network: Network, person_id: str) -> list[SupportDomain]:
    """The kinds of support the ties between ``person_id`` and the young person carry to the young
    person, at any time and in either's record of the pair: those the report counts as support
    (``coverage.supports_ego``: positive or mixed, not only from the young person)."""
    ego = network.case.ego_id
    found: set[SupportDomain] = set()
    for tie in network.ties:
        if supports_ego(tie) and {tie.from_id, tie.to_id} == {ego, person_id}:
            found.update(tie.domains)
    return sorted(found, key=list(SupportDomain).index)


def _agency(network: Network, person_id: str) -> str:
    person = next((p for p in network.people if p.id == person_id), None)
    if person is None:
        return AGENCY_NOT_RECORDED
    if not is_professional(person, network.membership(person_id)):
        return FAMILY_AND_FRIENDS
    return agency_of(person) or AGENCY_NOT_RECORDED


def plan_facts(network: Network, conferences: Iterable[Conference], *, as_of: date) -> list[PlanFact]:
    """Every plan item of the case's conferences, by the agency of who owns it (family and friends as one).

    An item is overdue when its date has passed and it is neither done nor recorded as not done.
    """
    return [
        PlanFact(
            agency=_agency(network, item.owner_id),
            status=item.status,
            overdue=item.by_when is not None
            and item.by_when < as_of
            and item.status in (PlanItemStatus.AGREED, PlanItemStatus.IN_PROGRESS),
        )
        for conference in conferences
        for item in conference.plan
    ]


def pathways_covered(network: Network, conferences: Iterable[Conference] = ()) -> list[tuple[Pathway, str]]:
    """(pathway, agency) for every resettlement pathway a professional or service covers for the young
    person: through the support their tie carries, for a service the kinds of help it offers, or an item
    of the integrated plan on that pathway that they own (unless it was recorded as not done)."""
    ego = network.case.ego_id
    found: set[tuple[Pathway, str]] = set()
    for conference in conferences:
        for item in conference.plan:
            agency = _agency(network, item.owner_id)
            if item.pathway and item.status is not PlanItemStatus.NOT_DONE and agency != FAMILY_AND_FRIENDS:
                found.add((item.pathway, agency))
    for tie in network.ties:
        if ego not in (tie.from_id, tie.to_id) or not supports_ego(tie):
            continue
        other = tie.to_id if tie.from_id == ego else tie.from_id
        person = next((p for p in network.people if p.id == other), None)
        if person is None or not is_professional(person, network.membership(other)):
            continue
        agency = agency_of(person) or AGENCY_NOT_RECORDED
        found |= {(DOMAIN_PATHWAY[d], agency) for d in tie.domains if d in DOMAIN_PATHWAY}
    for person in network.people:
        if person.kind is PersonKind.SERVICE and person.id != ego:
            info = person.service_info or ServiceInfo()
            found |= {(CATEGORY_PATHWAY[c], person.name) for c in info.categories if c in CATEGORY_PATHWAY}
    return sorted(found, key=lambda x: (list(Pathway).index(x[0]), x[1].casefold()))
