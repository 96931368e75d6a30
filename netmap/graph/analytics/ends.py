"""When each member's part in a network and each tie is planned to end (the cliff-edge dates).

The rules for members live in ``netmap.planning.support_ends`` (18, 21, 25, release, licence and
sentence end); this module applies them to a whole ``Network`` and adds ties' own ends.
"""

from __future__ import annotations

from datetime import date

from netmap.models import Membership, Person, Tie
from netmap.planning.support_ends import (
    LEAVING_CARE_PATTERN,
    EndReason,
    PlannedEnd,
    SupportBasis,
    birthday,
    born_on,
    is_professional,
    member_end,
    support_basis,
)

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
    "years_old",
]


def age_on(person: Person, on: date) -> int | None:
    """Age in whole years on ``on``; with only a birth year, as if born on 1 January.

    >>> age_on(Person(id="p-1", name="Kai", birth_date=date(2005, 6, 1)), date(2026, 5, 31))
    20
    """
    born = born_on(person)
    return None if born is None else years_old(born, on)


def years_old(born: date, on: date) -> int:
    """Whole years from ``born`` to ``on``.

    >>> years_old(date(2005, 6, 1), date(2026, 6, 1))
    21
    """
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def is_leaving_care(person: Person, membership: Membership | None) -> bool:
    """A professional whose role label or agency names leaving care (e.g. "Personal adviser").

    >>> from netmap.models import Sector
    >>> m = Membership.make("c-1", "p-2", sector=Sector.PROFESSIONALS, role_label="Personal Adviser")
    >>> is_leaving_care(Person(id="p-2", name="Dee"), m)
    True
    """
    return support_basis(person, membership) in (SupportBasis.PERSONAL_ADVISER, SupportBasis.LEAVING_CARE)


def tie_end(tie: Tie) -> PlannedEnd | None:
    """A tie's own planned end (``Tie.until``), if any."""
    return PlannedEnd(on=tie.until, reason=EndReason.TIE_UNTIL) if tie.until else None
