"""Transitions ahead for one young adult: birthdays at 18, 21 and 25, release, licence and sentence end,
each with whose support ends that day and who remains after it, warned 90, 30 and 7 days before.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from netmap.models import DiscoveryStatus, Membership, Network, Person
from netmap.planning.support_ends import EndReason, birthday, born_on, member_end

__all__ = [
    "WARNING_DAYS",
    "Transition",
    "TransitionKind",
    "Who",
    "transitions_ahead",
]

WARNING_DAYS = (90, 30, 7, 0)
"""Days before a transition when it is warned about; 0 is the day itself."""

# Not, or no longer, part of the young person's network: a lead not yet reached, or an outcome.
_NOT_IN_NETWORK = frozenset(
    {
        DiscoveryStatus.IDENTIFIED,
        DiscoveryStatus.LOCATED,
        DiscoveryStatus.CONTACTED,
        DiscoveryStatus.DECLINED,
        DiscoveryStatus.NOT_SAFE,
        DiscoveryStatus.DECEASED,
        DiscoveryStatus.NOT_FOUND,
    }
)


class TransitionKind(StrEnum):
    TURNS_18 = "turns_18"
    TURNS_21 = "turns_21"
    TURNS_25 = "turns_25"
    RELEASE = "release"
    LICENCE_END = "licence_end"
    SENTENCE_END = "sentence_end"
    SUPPORT_ENDS = "support_ends"


class Who(BaseModel):
    """Someone in the network, named as the reader may see them, with their part."""

    model_config = ConfigDict(frozen=True)
    person_id: str
    name: str
    role: str
    reason: EndReason | None = None


class Transition(BaseModel):
    """One day ahead on which things change for the young person."""

    model_config = ConfigDict(frozen=True)
    case_id: str
    on: date
    kinds: list[TransitionKind]
    what: str
    ends: list[Who]
    remains: list[Who]
    days_left: int
    warning: int | None
    """The warning in force today (90, 30, 7 or 0 days before), or None while the first lies ahead."""


def _events(network: Network, born: date | None) -> dict[date, list[TransitionKind]]:
    case, found = network.case, defaultdict(list)
    if born is not None:
        for years, kind in (
            (18, TransitionKind.TURNS_18),
            (21, TransitionKind.TURNS_21),
            (25, TransitionKind.TURNS_25),
        ):
            found[birthday(born, years)].append(kind)
    for on, kind in (
        (case.release_date, TransitionKind.RELEASE),
        (case.licence_end, TransitionKind.LICENCE_END),
        (case.sentence_end, TransitionKind.SENTENCE_END),
    ):
        if on is not None:
            found[on].append(kind)
    return found


def _role(membership: Membership, person: Person) -> str:
    label = membership.role_label or ""
    if person.agency and person.agency.casefold() not in label.casefold():
        return f"{label}, {person.agency}" if label else person.agency
    return label


def _sentence(kind: TransitionKind, network: Network) -> str:
    case = network.case
    name = network.ego.display_name
    return {
        TransitionKind.TURNS_18: f"{name} turns 18: children's services and children's mental health services end.",
        TransitionKind.TURNS_21: (
            f"{name} turns 21 and asked to keep their personal adviser until 25."
            if case.keep_adviser_to_25
            else f"{name} turns 21: the personal adviser's support ends unless {name} asks to keep them until 25."
        ),
        TransitionKind.TURNS_25: f"{name} turns 25: leaving-care support ends.",
        TransitionKind.RELEASE: f"{name} is released from {case.prison or 'prison'}: the prison's part ends and "
        "probation supervision on licence begins.",
        TransitionKind.LICENCE_END: f"{name}'s licence ends: probation supervision ends.",
        TransitionKind.SENTENCE_END: f"{name}'s sentence ends.",
        TransitionKind.SUPPORT_ENDS: "Support recorded as ending on this day ends.",
    }[kind]


def _warning(days_left: int) -> int | None:
    return min((w for w in WARNING_DAYS if days_left <= w), default=None)


def transitions_ahead(network: Network, *, today: date, days: int = 0) -> list[Transition]:
    """Transitions from ``today`` on whose first warning (90 days before) falls within ``days`` of
    ``today`` or has passed, soonest first.

    ``network`` must already be the one the reader may see: only people in it are named.

    >>> from netmap.models import Case
    >>> net = Network(case=Case(id="c-1", title="Jo", ego_id="p-1", release_date=date(2027, 1, 10),
    ...                         prison="HMP Kelby"), people=[Person(id="p-1", name="Jo")])
    >>> [(t.on.isoformat(), t.days_left, t.warning) for t in transitions_ahead(net, today=date(2026, 12, 1))]
    [('2027-01-10', 40, 90)]
    """
    if not network.people:
        return []
    ego = network.ego
    events = _events(network, born_on(ego))
    ends: dict[date, list[Who]] = defaultdict(list)
    members: list[tuple[Who, date | None]] = []
    for membership in network.memberships:
        person = next((p for p in network.people if p.id == membership.person_id), None)
        if person is None or person.id == ego.id or person.deceased or membership.status in _NOT_IN_NETWORK:
            continue
        end = member_end(network, person, today)
        who = Who(person_id=person.id, name=person.display_name, role=_role(membership, person))
        members.append((who, end.on if end else None))
        if end is not None:
            ends[end.on].append(who.model_copy(update={"reason": end.reason}))
    last_listed = today + timedelta(days=days + WARNING_DAYS[0])
    found = []
    for on in sorted(set(events) | set(ends)):
        if not today <= on <= last_listed:
            continue
        kinds = events.get(on) or [TransitionKind.SUPPORT_ENDS]
        found.append(
            Transition(
                case_id=network.case.id,
                on=on,
                kinds=kinds,
                what=" ".join(_sentence(kind, network) for kind in kinds),
                ends=sorted(ends.get(on, []), key=lambda w: w.name.casefold()),
                remains=sorted(
                    (who for who, end in members if end is None or end > on), key=lambda w: w.name.casefold()
                ),
                days_left=(on - today).days,
                warning=_warning((on - today).days),
            )
        )
    return found
