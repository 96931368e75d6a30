"""A tiny invented case used by the examples in the analytics docstrings."""

from __future__ import annotations

from datetime import date

from netmap.models import (
    Case,
    ContactFrequency,
    DiscoveryStatus,
    Membership,
    Network,
    Person,
    Perspective,
    Sector,
    SupportDirection,
    SupportDomain,
    Tie,
    Valence,
)

__all__ = ["tiny_network"]


def tiny_network() -> Network:
    """Kai (born 1 June 2005) with Gran, a friend Jo, a harmful peer Sam, a personal adviser, an uncle.

    >>> len(tiny_network().people)
    6
    """
    case = Case(id="c-1", title="Kai's map", ego_id="p-kai")
    people = [
        Person(id="p-kai", name="Kai Example", birth_date=date(2005, 6, 1)),
        Person(id="p-gran", name="Gran Example"),
        Person(id="p-jo", name="Jo Friend"),
        Person(id="p-sam", name="Sam Peer"),
        Person(id="p-pa", name="Dee Adviser", agency="Leaving care team"),
        Person(id="p-ray", name="Ray Uncle"),
    ]
    members = [
        Membership.make("c-1", "p-kai", sector=Sector.FAMILY, ring=1),
        Membership.make("c-1", "p-gran", sector=Sector.FAMILY, ring=1, status=DiscoveryStatus.IN_PLAN),
        Membership.make("c-1", "p-jo", sector=Sector.FRIENDS),
        Membership.make("c-1", "p-sam", sector=Sector.PEERS_COMMUNITY, ring=3),
        Membership.make("c-1", "p-pa", sector=Sector.PROFESSIONALS, role_label="Personal adviser"),
        Membership.make("c-1", "p-ray", sector=Sector.FAMILY, ring=4, status=DiscoveryStatus.IDENTIFIED),
    ]

    def tie(tid: str, other: str, **fields: object) -> Tie:
        return Tie(id=tid, case_id="c-1", from_id="p-kai", to_id=other, **fields)  # type: ignore[arg-type]

    E, P, H = SupportDomain.EMOTIONAL, SupportDomain.PRACTICAL, SupportDomain.HOUSING
    ties = [
        tie(
            "t-gran",
            "p-gran",
            strength=3,
            frequency=ContactFrequency.WEEKLY,
            direction=SupportDirection.BOTH,
            domains=[E, P, H],
        ),
        tie(
            "t-gran-yp",
            "p-gran",
            strength=3,
            frequency=ContactFrequency.DAILY,
            direction=SupportDirection.BOTH,
            domains=[E, P, H],
            perspective=Perspective.YOUNG_PERSON,
        ),
        tie(
            "t-jo",
            "p-jo",
            strength=2,
            frequency=ContactFrequency.MONTHLY,
            direction=SupportDirection.TO_EGO,
            domains=[E, SupportDomain.LEISURE],
        ),
        tie("t-sam", "p-sam", valence=Valence.HARMFUL, frequency=ContactFrequency.WEEKLY),
        tie(
            "t-pa",
            "p-pa",
            frequency=ContactFrequency.MONTHLY,
            direction=SupportDirection.TO_EGO,
            domains=[SupportDomain.ADVICE, SupportDomain.MONEY, H],
        ),
        Tie(id="t-gran-ray", case_id="c-1", from_id="p-gran", to_id="p-ray", strength=1),
    ]
    return Network(case=case, people=people, memberships=members, ties=ties)
