"""A map as it stood on an earlier day: only the people and relationships recorded by then."""

from __future__ import annotations

from datetime import date

from netmap.models import Membership, Network

__all__ = ["network_as_of", "recorded_on"]


def recorded_on(membership: Membership) -> date | None:
    """When ``membership`` entered the map: the day it was recorded, else the day the lead was found
    (None: not known, so on every map)."""
    return membership.added_on or membership.lead_date


def network_as_of(network: Network, day: date) -> Network:
    """``network`` as it stood on ``day``: people recorded later, and their ties, are left out; so are
    ties recorded later. The young person is always there.

    >>> from netmap.models import Case, Person
    >>> from datetime import date
    >>> net = Network(case=Case(id="c", title="t", ego_id="p-1"),
    ...     people=[Person(id="p-1", name="Jo"), Person(id="p-2", name="Ann")],
    ...     memberships=[Membership.make("c", "p-1", sector="family"),
    ...                  Membership.make("c", "p-2", sector="family", added_on=date(2026, 7, 20))])
    >>> [p.id for p in network_as_of(net, date(2026, 7, 14)).people]
    ['p-1']
    """
    later = {
        m.person_id
        for m in network.memberships
        if m.person_id != network.case.ego_id and (when := recorded_on(m)) is not None and when > day
    }
    return Network(
        case=network.case,
        people=[p for p in network.people if p.id not in later],
        memberships=[m for m in network.memberships if m.person_id not in later],
        kin=[k for k in network.kin if k.from_id not in later and k.to_id not in later],
        ties=[
            t
            for t in network.ties
            if t.from_id not in later
            and t.to_id not in later
            and (t.recorded_on is None or t.recorded_on <= day)
        ],
    )
