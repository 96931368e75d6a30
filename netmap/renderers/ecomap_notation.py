"""Hartman's notation as data: how each kind of tie is drawn, what marks a person carries, and their hover text.

One table says how a tie looks (``TIE_STYLES``), so the picture, the interactive page, the legend and
the editor all draw a stressful tie the same unmistakable way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from netmap.models import (
    DiscoveryStatus,
    Membership,
    Network,
    Person,
    RestrictionKind,
    SupportDirection,
    Tie,
    Valence,
)
from netmap.planning.safety import active_restrictions
from netmap.renderers.palette import VALENCE_COLOURS
from netmap.renderers.words import STRENGTH_WORDS, phrase, uk_date, words

__all__ = [
    "LEAD_STATUSES",
    "RESTRICTION_HIDDEN",
    "TENUOUS_DASHES",
    "TIE_STYLES",
    "TieStyle",
    "arrows",
    "node_title",
    "restriction_lines",
    "tie_style",
    "tie_title",
]

TENUOUS_DASHES = (8, 6)
MIXED_DASHES = (14, 5, 3, 5)
STRENGTH_WIDTHS = {1: 1.5, 2: 3.0, 3: 6.0}
# A person on the map who is still a lead: found in the records but not yet reached.
LEAD_STATUSES = frozenset({DiscoveryStatus.IDENTIFIED, DiscoveryStatus.LOCATED})
RESTRICTION_HIDDEN = "A restriction applies. Ask the coordinator before any contact."


@dataclass(frozen=True)
class TieStyle:
    """How one kind of tie is drawn; ``width`` None means "by strength"."""

    name: str
    pattern: str
    colour: str
    width: float | None
    dashes: tuple[int, ...] | None


TIE_STYLES = {
    "strong": TieStyle("Strong", "solid", VALENCE_COLOURS[Valence.POSITIVE], 6.0, None),
    "moderate": TieStyle("Moderate", "solid", VALENCE_COLOURS[Valence.POSITIVE], 3.0, None),
    "tenuous": TieStyle("Tenuous", "dashed", VALENCE_COLOURS[Valence.POSITIVE], 1.5, TENUOUS_DASHES),
    "mixed": TieStyle("Mixed", "dash-dot", VALENCE_COLOURS[Valence.MIXED], None, MIXED_DASHES),
    "stressful": TieStyle("Stressful", "hatched", VALENCE_COLOURS[Valence.STRESSFUL], None, None),
    "harmful": TieStyle("Harmful", "jagged", VALENCE_COLOURS[Valence.HARMFUL], 4.0, None),
}


def tie_style(tie: Tie) -> tuple[TieStyle, float]:
    """The style of ``tie`` and the width it is drawn at.

    >>> tie_style(Tie(id="t", case_id="c", from_id="a", to_id="b", valence="stressful", strength=3))[0].pattern
    'hatched'
    """
    if tie.valence is Valence.POSITIVE:
        style = TIE_STYLES[STRENGTH_WORDS[tie.strength]]
    else:
        style = TIE_STYLES[tie.valence.value]
    return style, style.width if style.width is not None else STRENGTH_WIDTHS[tie.strength]


def arrows(tie: Tie, ego_id: str) -> tuple[bool, bool]:
    """(arrow at from_id, arrow at to_id). Between two members, "to ego" reads "towards to_id"."""
    towards_to = tie.direction in (SupportDirection.TO_EGO, SupportDirection.BOTH)
    towards_from = tie.direction in (SupportDirection.FROM_EGO, SupportDirection.BOTH)
    if tie.from_id == ego_id and tie.direction in (SupportDirection.TO_EGO, SupportDirection.FROM_EGO):
        towards_to, towards_from = towards_from, towards_to
    return towards_from, towards_to


def restriction_lines(
    network: Network, membership: Membership | None, *, details: bool, today: date
) -> list[str]:
    """What the map says about a person's restrictions: their kinds, the order or condition and whom
    they concern when ``details`` is allowed, otherwise only that one applies. Free-text details are
    never shown.
    """
    if membership is None or not active_restrictions(membership.restrictions, today=today):
        return []
    if not details:
        return [RESTRICTION_HIDDEN]
    names = {p.id: p.display_name for p in network.people}
    lines = []
    for restriction in active_restrictions(membership.restrictions, today=today):
        line = f"Restriction: {phrase(restriction.kind)}"
        if restriction.source:
            line += f" ({restriction.source})"
        if restriction.other_person_id in names:
            word = "with" if restriction.kind is RestrictionKind.NON_ASSOCIATION else "concerning"
            line += f" {word} {names[restriction.other_person_id]}"
        if restriction.until:
            line += f", until {uk_date(restriction.until)}"
        lines.append(line)
    return lines


def node_title(
    person: Person, membership: Membership | None, ring: int, restriction: list[str], unknown: bool
) -> str:
    """The hover text: the whole name first, then the person's place on the map in plain words.

    A person under a restriction is shown with their name and the restriction only: where they
    fit in the young person's life can say too much about them.
    """
    lines = [person.display_name]
    if person.known_as and person.known_as != person.name:
        lines.append(f"({person.name})")
    if unknown:
        lines.append("Name not known yet")
    if person.deceased:
        lines.append(f"Died in {person.death_year}" if person.death_year else "Has died")
    if restriction:
        return "\n".join([*lines, *restriction])
    if membership and membership.role_label:
        lines.append(membership.role_label)
    if person.agency:
        lines.append(person.agency)
    if membership:
        lines.append(f"{words(membership.sector)}, ring {ring}")
    if membership and membership.status:
        lines.append(f"Finding family: {phrase(membership.status)}")
    return "\n".join(lines)


def tie_title(tie: Tie, names: dict[str, str]) -> str:
    """The hover text of a tie, in plain words and UK dates."""
    lines = [
        f"{names[tie.from_id]} – {names[tie.to_id]}",
        f"{words(tie.valence)}, {STRENGTH_WORDS[tie.strength]}",
        words(tie.perspective),
    ]
    if tie.direction is not SupportDirection.NONE:
        lines.append(f"Support: {phrase(tie.direction)}")
    if tie.domains:
        lines.append("Kinds of support: " + ", ".join(phrase(d) for d in tie.domains))
    if tie.frequency:
        lines.append(f"Contact: {phrase(tie.frequency)}")
    if tie.since and tie.until:
        lines.append(f"From {uk_date(tie.since)} to {uk_date(tie.until)}")
    elif tie.since:
        lines.append(f"Since {uk_date(tie.since)}")
    elif tie.until:
        lines.append(f"Until {uk_date(tie.until)}")
    if tie.notes:
        lines.append(tie.notes[:300])
    return "\n".join(lines)
