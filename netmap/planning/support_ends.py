"""When each professional's part in a young adult's support ends, derived from the case.

A professional's support rests on one of a few bases, read from the words of their role and
agency (and, for a directory service, its categories):

- children's services and children's mental health (CAMHS) end at 18: the young person's 18th
  birthday, or that of the member the role names as theirs ("Ruby's social worker", for a young
  parent's child);
- the personal adviser at 21, or at 25 when the young person asked to keep them
  (``Case.keep_adviser_to_25``) or is past 21 with the adviser still there;
- leaving-care services at 25;
- the prison at release (``Case.release_date``);
- probation at the end of the licence (``Case.licence_end``), else of the sentence.

An end recorded on the membership (``Membership.support_ends``) always wins.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from netmap.models import Case, Membership, Network, Person, PersonKind, Sector, ServiceCategory

__all__ = [
    "EndReason",
    "LEAVING_CARE_PATTERN",
    "PlannedEnd",
    "SupportBasis",
    "birthday",
    "born_on",
    "is_professional",
    "member_end",
    "support_basis",
    "support_end",
    "whose_worker",
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
    CHILDREN_18 = "children_18"
    LEAVING_CARE_21 = "leaving_care_21"
    LEAVING_CARE_25 = "leaving_care_25"
    RELEASE = "release"
    LICENCE_END = "licence_end"
    SENTENCE_END = "sentence_end"


class SupportBasis(StrEnum):
    """What a professional's part rests on, and so when it ends."""

    PERSONAL_ADVISER = "personal_adviser"
    LEAVING_CARE = "leaving_care"
    PRISON = "prison"
    PROBATION = "probation"
    CHILD_MENTAL_HEALTH = "child_mental_health"
    CHILDREN = "children"


# Checked in this order: a "leaving care social worker" is leaving care, not children's services.
_BASIS_WORDS: tuple[tuple[SupportBasis, re.Pattern[str]], ...] = (
    (SupportBasis.PERSONAL_ADVISER, re.compile(r"personal\s+advis[eo]r", re.I)),
    (SupportBasis.LEAVING_CARE, LEAVING_CARE_PATTERN),
    (
        SupportBasis.PRISON,
        re.compile(r"\bprisons?\b|\bHMP\b|\bHMYOI\b|\bYOI\b|young offender institution", re.I),
    ),
    (SupportBasis.PROBATION, re.compile(r"\bprobation\b|community offender manager", re.I)),
    (
        SupportBasis.CHILD_MENTAL_HEALTH,
        re.compile(r"\bCAMHS\b|child(?:ren)?(?:'s|s'| and adolescent)?\s+mental\s+health", re.I),
    ),
    (
        SupportBasis.CHILDREN,
        re.compile(
            r"child(?:ren)?(?:'s|s')?\s+(?:services|social\s+(?:care|work)|home)|looked[\s-]+after\s+child",
            re.I,
        ),
    ),
)
_BASIS_CATEGORIES = {
    ServiceCategory.LEAVING_CARE: SupportBasis.LEAVING_CARE,
    ServiceCategory.PRISON: SupportBasis.PRISON,
    ServiceCategory.PROBATION: SupportBasis.PROBATION,
}


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
    """The birth date; with only a birth year, 1 January: the earliest possible birthday, so a cliff
    edge is never reported later than it can happen."""
    if person.birth_date:
        return person.birth_date
    if person.birth_year:
        return date(person.birth_year, 1, 1)
    return None


def is_professional(person: Person, membership: Membership | None) -> bool:
    """Paid support: sector professionals or services, or a service (prison, school, provider)."""
    return person.kind is PersonKind.SERVICE or (
        membership is not None and membership.sector in PROFESSIONAL_SECTORS
    )


def support_basis(person: Person, membership: Membership | None) -> SupportBasis | None:
    """What a professional's support rests on, from their role, agency and directory categories.

    >>> pom = Person(id="p-1", name="Sarah", agency="HMP Ashbourne Fields")
    >>> support_basis(pom, Membership.make("c-1", "p-1", sector="professionals", role_label="Offender manager"))
    <SupportBasis.PRISON: 'prison'>
    >>> support_basis(pom, Membership.make("c-1", "p-1", sector="family", role_label="Aunt"))
    """
    if not is_professional(person, membership):
        return None
    name = person.name if person.kind is PersonKind.SERVICE else ""
    text = " ".join((membership.role_label if membership else "", person.agency, name))
    for basis, pattern in _BASIS_WORDS:
        if pattern.search(text):
            return basis
    categories = person.service_info.categories if person.service_info else []
    return next((_BASIS_CATEGORIES[c] for c in categories if c in _BASIS_CATEGORIES), None)


# "Ruby's social worker", "James' key worker": the words before the possessive name whose worker it is.
_POSSESSOR = re.compile(r"^\s*(\w[\w .-]*?)\s*['\u2019]s?\s+\w", re.UNICODE)


def whose_worker(network: Network, person: Person, membership: Membership | None) -> Person | None:
    """The member of ``network`` a professional's role names as the one they work with, when that is
    not the young person: "Ruby's social worker" in a young mother's map is her daughter's.

    The name before the possessive is matched, ignoring case, against each other member's first
    name, full name, name they are known by and role in the map ("Mum's support worker"). Only one
    member may match; otherwise (nobody, several, or the young person) the role is read as the young
    person's own, as before.

    >>> from netmap.models import Case, Sector
    >>> net = Network(
    ...     case=Case(id="c-1", ego_id="p-jade", title="Jade"),
    ...     people=[Person(id="p-jade", name="Jade Whitaker"), Person(id="p-ruby", name="Ruby Whitaker"),
    ...             Person(id="p-tom", name="Tom Ashworth")],
    ...     memberships=[Membership.make("c-1", "p-jade", sector=Sector.FAMILY),
    ...                  Membership.make("c-1", "p-ruby", sector=Sector.FAMILY, role_label="Daughter"),
    ...                  Membership.make("c-1", "p-tom", sector=Sector.PROFESSIONALS,
    ...                                  role_label="Ruby's social worker")])
    >>> whose_worker(net, net.person("p-tom"), net.membership("p-tom")).name
    'Ruby Whitaker'
    """
    found = _POSSESSOR.match(membership.role_label) if membership is not None else None
    if found is None:
        return None
    named = found.group(1).casefold()
    roles = {m.person_id: m.role_label.casefold() for m in network.memberships}
    matches = [
        other
        for other in network.people
        if other.id != person.id
        and named
        in {
            other.name.casefold(),
            other.name.split()[0].casefold(),  # a name is never blank
            other.known_as.casefold(),
            roles.get(other.id, ""),
        }
    ]
    if len(matches) != 1 or matches[0].id == network.case.ego_id:
        return None
    return matches[0]


def member_end(network: Network, person: Person, as_of: date) -> PlannedEnd | None:
    """When this member's support is planned to end, judged on ``as_of`` (``support_end``), with the
    member a professional works with read from their role (``whose_worker``)."""
    ego = next((p for p in network.people if p.id == network.case.ego_id), None)
    membership = network.membership(person.id)
    worked_with = whose_worker(network, person, membership)
    return support_end(network.case, ego, person, membership, as_of, worked_with=worked_with)


def support_end(
    case: Case,
    ego: Person | None,
    person: Person,
    membership: Membership | None,
    as_of: date,
    *,
    worked_with: Person | None = None,
) -> PlannedEnd | None:
    """When this member's support is planned to end, judged on ``as_of`` (None: no end derived).

    An end already past on ``as_of`` is still the end: a prison's part ended at release, and its
    staff leave the network the day after. Only the personal adviser has a later end to move on
    to: past 21 with the adviser still there, support runs to 25. Children's services end at the
    18th birthday of ``worked_with`` when the professional works with another member (a young
    parent's child), else of the young person.
    """
    if membership is not None and membership.support_ends is not None:
        return PlannedEnd(on=membership.support_ends, reason=EndReason.SUPPORT_ENDS)
    basis = support_basis(person, membership)
    if basis is SupportBasis.PRISON:
        return _end_judged_on(as_of, (case.release_date, EndReason.RELEASE))
    if basis is SupportBasis.PROBATION:
        if case.licence_end is not None:
            return _end_judged_on(as_of, (case.licence_end, EndReason.LICENCE_END))
        return _end_judged_on(as_of, (case.sentence_end, EndReason.SENTENCE_END))
    if basis in (SupportBasis.CHILDREN, SupportBasis.CHILD_MENTAL_HEALTH):
        child = worked_with or ego
        born_child = born_on(child) if child is not None else None
        return (
            None
            if born_child is None
            else _end_judged_on(as_of, (birthday(born_child, 18), EndReason.CHILDREN_18))
        )
    born = born_on(ego) if ego is not None else None
    if basis is None or born is None:
        return None
    at_25 = (birthday(born, 25), EndReason.LEAVING_CARE_25)
    if basis is SupportBasis.PERSONAL_ADVISER and not case.keep_adviser_to_25:
        return _end_judged_on(as_of, (birthday(born, 21), EndReason.LEAVING_CARE_21), at_25)
    return _end_judged_on(as_of, at_25)


def _end_judged_on(as_of: date, *candidates: tuple[date | None, EndReason]) -> PlannedEnd | None:
    """The first candidate end on or after ``as_of``; when every one has passed, the last of them.

    >>> _end_judged_on(date(2026, 6, 1), (date(2026, 5, 1), EndReason.RELEASE))
    PlannedEnd(on=datetime.date(2026, 5, 1), reason=<EndReason.RELEASE: 'release'>)
    """
    known = [PlannedEnd(on=on, reason=reason) for on, reason in candidates if on is not None]
    return next((end for end in known if end.on >= as_of), known[-1] if known else None)
