"""Restriction checks that gate FGC invitations; findings are plain results, never exceptions."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict

from netmap.models import (
    Conference,
    DiscoveryStatus,
    InvitationStatus,
    Membership,
    Network,
    Restriction,
    RestrictionKind,
)

__all__ = [
    "SafetyFinding",
    "active_restrictions",
    "attending_ids",
    "check_conference",
    "check_invitation",
    "location_withheld",
    "safeguarding_parties",
    "safeguarding_reasons",
]

K = RestrictionKind
_PAIR_KINDS = {K.COURT_ORDER, K.NON_ASSOCIATION}
_JUDGEMENT_KINDS = {K.LICENCE_CONDITION, K.VICTIM_CONTACT_LIMIT}
_KIND_LABELS = {
    K.DO_NOT_CONTACT: "a do-not-contact restriction",
    K.DO_NOT_DISCLOSE_LOCATION: "a do-not-disclose-location restriction",
    K.COURT_ORDER: "a court order",
    K.LICENCE_CONDITION: "a licence condition",
    K.NON_ASSOCIATION: "a non-association condition",
    K.VICTIM_CONTACT_LIMIT: "a victim contact limit",
}
_NOT_ATTENDING = {InvitationStatus.DECLINED, InvitationStatus.BLOCKED}
_PRE_SAFETY = {
    DiscoveryStatus.IDENTIFIED,
    DiscoveryStatus.LOCATED,
    DiscoveryStatus.CONTACTED,
    DiscoveryStatus.WILLING,
}


class SafetyFinding(BaseModel):
    """One reason to stop (``block``) or to think first (``warn``) about inviting someone."""

    model_config = ConfigDict(frozen=True)
    level: Literal["block", "warn"]
    person_id: str
    reason: str
    restriction_id: str | None = None
    other_person_id: str | None = None


def active_restrictions(restrictions: list[Restriction], *, today: date) -> list[Restriction]:
    """The restrictions still in force on ``today`` (``until`` is the last day they apply).

    >>> r = Restriction(kind="do_not_contact", until=date(2020, 1, 1))
    >>> active_restrictions([r], today=date(2024, 1, 1))
    []
    """
    return [r for r in restrictions if r.until is None or r.until >= today]


# Restrictions that involve the young person and someone else and protect others: their parties
# are never hidden from the practitioners who keep the young person and others safe.
SAFEGUARDING_KINDS = frozenset(
    {K.COURT_ORDER, K.LICENCE_CONDITION, K.NON_ASSOCIATION, K.VICTIM_CONTACT_LIMIT}
)


def safeguarding_parties(
    memberships: Iterable[Membership], *, ego_id: str, today: date | None = None
) -> set[str]:
    """Who is party to a restriction in force that involves the young person ``ego_id`` (see
    ``safeguarding_reasons``)."""
    return set(safeguarding_reasons(memberships, ego_id=ego_id, today=today))


def safeguarding_reasons(
    memberships: Iterable[Membership], *, ego_id: str, today: date | None = None
) -> dict[str, str]:
    """Who is party to a restriction in force that involves the young person ``ego_id``.

    A restriction of a safeguarding kind on a member's entry binds that member and the young person
    (or the other person it names); one on the young person's own entry names the other party.

    >>> from netmap.models import Membership
    >>> kyle = Membership.make("c-1", "p-kyle", sector="family",
    ...                        restrictions=[Restriction(kind="licence_condition", details="no contact")])
    >>> safeguarding_reasons([kyle], ego_id="p-jo")
    {'p-kyle': 'a licence condition'}
    """
    today = today or date.today()
    reasons: dict[str, list[str]] = {}
    for membership in memberships:
        for r in active_restrictions(membership.restrictions, today=today):
            if r.kind not in SAFEGUARDING_KINDS:
                continue
            for party in (membership.person_id, r.other_person_id):
                if party and party != ego_id:
                    found = reasons.setdefault(party, [])
                    if _KIND_LABELS[r.kind] not in found:
                        found.append(_KIND_LABELS[r.kind])
    return {party: " and ".join(kinds) for party, kinds in reasons.items()}


def location_withheld(network: Network, person_id: str) -> bool:
    """Whether this person's address, area or contact details must never be printed.

    Expired location restrictions still count: a printed address cannot be taken back.
    """
    membership = network.membership(person_id)
    return membership is not None and any(
        r.kind is K.DO_NOT_DISCLOSE_LOCATION for r in membership.restrictions
    )


def attending_ids(network: Network, conference: Conference) -> set[str]:
    """Everyone expected in the room: the young person plus invitees not declined or blocked."""
    present = {i.person_id for i in conference.invitees if i.status not in _NOT_ATTENDING}
    present.add(network.case.ego_id)
    return present


def check_invitation(
    network: Network, conference: Conference, person_id: str, *, today: date | None = None
) -> list[SafetyFinding]:
    """Findings for inviting ``person_id`` to ``conference`` alongside those already attending.

    Blocks: a do-not-contact restriction; a court order or non-association that names someone
    attending (in either direction); a licence condition or victim contact limit that names
    someone attending; a person found not safe, deceased, or not in this case. Warnings: the
    same judgement kinds naming nobody attending, court orders naming nobody, a location that
    must stay undisclosed, an unvetted restriction, and someone not yet safety checked.
    """
    today = today or date.today()
    membership = network.membership(person_id)
    if membership is None:
        return [
            SafetyFinding(
                level="block", person_id=person_id, reason="This person is not in the case's network."
            )
        ]
    name = _name(network, person_id)
    others = attending_ids(network, conference) - {person_id}
    findings: list[SafetyFinding] = []
    if membership.status in {DiscoveryStatus.NOT_SAFE, DiscoveryStatus.DECEASED}:
        label = "found not safe" if membership.status is DiscoveryStatus.NOT_SAFE else "recorded as deceased"
        findings.append(SafetyFinding(level="block", person_id=person_id, reason=f"{name} is {label}."))
    elif membership.status in _PRE_SAFETY and person_id != network.case.ego_id:
        findings.append(
            SafetyFinding(
                level="warn", person_id=person_id, reason=f"{name} has not been safety checked yet."
            )
        )
    elif membership.status is DiscoveryStatus.DECLINED:
        findings.append(
            SafetyFinding(level="warn", person_id=person_id, reason=f"{name} has declined to be involved.")
        )
    for r in active_restrictions(membership.restrictions, today=today):
        findings.extend(_own_restriction(network, person_id, name, r, others))
    for other_id in sorted(others):
        other = network.membership(other_id)
        if other is None:
            continue
        for r in active_restrictions(other.restrictions, today=today):
            if r.other_person_id == person_id and r.kind in _PAIR_KINDS | _JUDGEMENT_KINDS:
                findings.append(_pair_block(network, person_id, other_id, r, subject=other_id))
    return findings


def check_conference(
    network: Network, conference: Conference, *, today: date | None = None
) -> list[SafetyFinding]:
    """Findings for every invitee not declined or blocked, without duplicates."""
    seen: set[tuple[str, frozenset[str]]] = set()
    findings: list[SafetyFinding] = []
    for invitee in conference.invitees:
        if invitee.status in _NOT_ATTENDING:
            continue
        for f in check_invitation(network, conference, invitee.person_id, today=today):
            key = (f.restriction_id or f.reason, frozenset({f.person_id, f.other_person_id or f.person_id}))
            if key not in seen:
                seen.add(key)
                findings.append(f)
    return findings


def _own_restriction(
    network: Network, person_id: str, name: str, r: Restriction, others: set[str]
) -> list[SafetyFinding]:
    recorded = _provenance(r)
    findings: list[SafetyFinding] = []
    if r.kind is K.DO_NOT_CONTACT:
        findings.append(
            SafetyFinding(
                level="block",
                person_id=person_id,
                restriction_id=r.id,
                reason=f"{name} has {_KIND_LABELS[r.kind]}{recorded}, so cannot be invited.",
            )
        )
    elif r.kind is K.DO_NOT_DISCLOSE_LOCATION:
        findings.append(
            SafetyFinding(
                level="warn",
                person_id=person_id,
                restriction_id=r.id,
                reason=f"{name}'s location must not be disclosed{recorded}: keep their address and area "
                "out of invitations and papers.",
            )
        )
    elif r.other_person_id and r.other_person_id in others:
        findings.append(_pair_block(network, person_id, r.other_person_id, r, subject=person_id))
    elif r.kind in _JUDGEMENT_KINDS or (r.kind in _PAIR_KINDS and not r.other_person_id):
        findings.append(
            SafetyFinding(
                level="warn",
                person_id=person_id,
                restriction_id=r.id,
                other_person_id=r.other_person_id,
                reason=f"{name} has {_KIND_LABELS[r.kind]}{recorded}: check its terms before inviting.",
            )
        )
    if not r.vetted_by and r.kind is not K.DO_NOT_CONTACT:
        findings.append(
            SafetyFinding(
                level="warn",
                person_id=person_id,
                restriction_id=r.id,
                reason=f"{_KIND_LABELS[r.kind].capitalize()} on {name} has not been vetted yet.",
            )
        )
    return findings


def _pair_block(
    network: Network, person_id: str, other_id: str, r: Restriction, *, subject: str
) -> SafetyFinding:
    a, b = _name(network, person_id), _name(network, other_id)
    return SafetyFinding(
        level="block",
        person_id=person_id,
        other_person_id=other_id,
        restriction_id=r.id,
        reason=f"{a} and {b} must not be in the same conference: {_name(network, subject)} has "
        f"{_KIND_LABELS[r.kind]}{_provenance(r)} naming "
        f"{b if subject == person_id else a}.",
    )


def _provenance(r: Restriction) -> str:
    parts = []
    if r.recorded_by:
        parts.append(f"recorded by {r.recorded_by}")
    if r.vetted_by:
        parts.append(f"vetted by {r.vetted_by}" + (f" on {r.vetted_on.isoformat()}" if r.vetted_on else ""))
    return f" ({', '.join(parts)})" if parts else ""


def _name(network: Network, person_id: str) -> str:
    person = next((p for p in network.people if p.id == person_id), None)
    return person.display_name if person else "someone not shown to you"
