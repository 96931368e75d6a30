"""When each member's part in a network and each tie is planned to end (the cliff-edge dates)."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from netmap.models import Membership, Network, Person, PersonKind, Sector, Tie

__all__ = [
    "LEAVING_CARE_PATTERN",
    "EndReason",
    "PlannedEnd",
    "age_on",
    "birthday",
    "born_on",
    "is_leaving_care",
    "is_professional",
    "member_end",
    "tie_end",
]

PROFESSIONAL_SECTORS = frozenset({Sector.PROFESSIONALS, Sector.SERVICES})

LEAVING_CARE_PATTERN = re.compile(
    r"personal\s+advis[eo]r|leaving[\s-]*care|care[\s-]*leavers?|after[\s-]*care",
    re.IGNORECASE,
)
"""Words in a role label or agency that mark a leaving-care professional (a personal adviser)."""


class EndReason(StrEnum):
    TIE_UNTIL = "tie_until"
    SUPPORT_ENDS = "support_ends"
    LEAVING_CARE_21 = "leaving_care_21"
    LEAVING_CARE_25 = "leaving_care_25"


class PlannedEnd(BaseModel):
    """The last day a member or a tie is part of the network, and why."""

    model_config = ConfigDict(frozen=True)
    on: date
    reason: EndReason


def birthday(born: date, years: int) -> date:
    """The date ``born`` turns ``years`` old; someone born on 29 February has it on 1 March.

    >>> birthday(date(2004, 2, 29), 21)
    datetime.date(2025, 3, 1)
    """
    try:
        return born.replace(year=born.year + years)
    except ValueError:
        return date(born.year + years, 3, 1)


def born_on(person: Person) -> date | None:
    """The day ages are counted from.

    With only a birth year we take 1 January: the earliest possible birthday, so a cliff edge
    is never reported later than it can happen.
    """
    if person.birth_date:
        return person.birth_date
    if person.birth_year:
        return date(person.birth_year, 1, 1)
    return None


def age_on(person: Person, on: date) -> int | None:
    """Age in whole years on ``on``; with only a birth year, as if born on 1 January.

    >>> age_on(Person(id="p-1", name="Kai", birth_date=date(2005, 6, 1)), date(2026, 5, 31))
    20
    """
    born = born_on(person)
    if born is None:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def is_professional(person: Person, membership: Membership | None) -> bool:
    """Paid support: sector professionals or services, or a service (prison, school, provider)."""
    return person.kind is PersonKind.SERVICE or (
        membership is not None and membership.sector in PROFESSIONAL_SECTORS
    )


def is_leaving_care(person: Person, membership: Membership | None) -> bool:
    """A professional whose role label or agency names leaving care (e.g. "Personal adviser").

    >>> m = Membership.make("c-1", "p-2", sector=Sector.PROFESSIONALS, role_label="Personal Adviser")
    >>> is_leaving_care(Person(id="p-2", name="Dee"), m)
    True
    """
    if not is_professional(person, membership):
        return False
    text = f"{membership.role_label if membership else ''} {person.agency}"
    return bool(LEAVING_CARE_PATTERN.search(text))


def member_end(network: Network, person: Person, as_of: date) -> PlannedEnd | None:
    """When this member's support is planned to end, judged on ``as_of``.

    An explicit ``Membership.support_ends`` wins. Otherwise a leaving-care professional's support
    ends on the young person's 21st birthday, or on the 25th once they are 21 (extended support);
    after 25 no end is derived. Everyone else has no planned end.
    """
    membership = network.membership(person.id)
    if membership is not None and membership.support_ends is not None:
        return PlannedEnd(on=membership.support_ends, reason=EndReason.SUPPORT_ENDS)
    if not is_leaving_care(person, membership) or not network.people:
        return None
    born = born_on(network.ego)
    if born is None:
        return None
    for years, reason in ((21, EndReason.LEAVING_CARE_21), (25, EndReason.LEAVING_CARE_25)):
        if as_of < birthday(born, years):
            return PlannedEnd(on=birthday(born, years), reason=reason)
    return None


def tie_end(tie: Tie) -> PlannedEnd | None:
    """A tie's own planned end (``Tie.until``), if any."""
    return PlannedEnd(on=tie.until, reason=EndReason.TIE_UNTIL) if tie.until else None
