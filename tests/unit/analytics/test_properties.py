"""Invariants of every measure on random networks (hypothesis): ranges, JSON round trip, no crash."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st
from netbuild import CASE, EGO, ON

from netmap.graph.analytics import CaseMetrics, case_metrics
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

PEOPLE = [f"p{i}" for i in range(12)]
end_dates = st.none() | st.integers(min_value=-400, max_value=4000).map(lambda d: ON + timedelta(days=d))


@st.composite
def networks(draw: st.DrawFn) -> Network:
    n = draw(st.integers(min_value=0, max_value=len(PEOPLE)))
    members = PEOPLE[:n]
    people = [
        Person(id=EGO, name="Young Person", birth_date=draw(st.none() | st.dates(date(1995, 1, 1), ON)))
    ]
    memberships = []
    for pid in members:
        people.append(
            Person(
                id=pid,
                name=f"Person {pid}",
                deceased=draw(st.booleans()),
            )
        )
        memberships.append(
            Membership.make(
                CASE,
                pid,
                sector=draw(st.sampled_from(Sector)),
                status=draw(st.none() | st.sampled_from(DiscoveryStatus)),
                role_label=draw(st.sampled_from(["", "Personal adviser", "Aunt"])),
                support_ends=draw(end_dates),
            )
        )
    everyone = [EGO, *members]
    ties = []
    for k in range(draw(st.integers(min_value=0, max_value=30)) if n else 0):
        a, b = draw(st.lists(st.sampled_from(everyone), min_size=2, max_size=2, unique=True))
        ties.append(
            Tie(
                id=f"t-{k}",
                case_id=CASE,
                from_id=a,
                to_id=b,
                valence=draw(st.sampled_from(Valence)),
                strength=draw(st.integers(1, 3)),
                frequency=draw(st.none() | st.sampled_from(ContactFrequency)),
                direction=draw(st.sampled_from(SupportDirection)),
                domains=draw(st.lists(st.sampled_from(SupportDomain), max_size=4)),
                perspective=draw(st.sampled_from(Perspective)),
                until=draw(end_dates),
            )
        )
    return Network(
        case=Case(id=CASE, title="Random", ego_id=EGO), people=people, memberships=memberships, ties=ties
    )


@settings(max_examples=80, deadline=None)
@given(networks())
def test_every_measure_stays_in_range_and_round_trips(net: Network) -> None:
    m = case_metrics(net, as_of=ON)
    assert all(0 <= t.strength <= 1 for t in m.strength.ties)
    assert 0 <= m.summary.strength_sum <= m.strength.positive_count
    i = m.isolation
    assert 0 <= i.lsns_total <= i.lsns_high <= 30
    assert i.coverage is None or 0 <= i.coverage <= 1
    assert (i.lsns_total == i.lsns_high) or i.coverage is not None and i.coverage < 1
    # Unknowns are never scored as none: "at risk" only when even counting every one of them it is.
    assert i.at_risk == (i.lsns_high < 12)
    assert i.estimate.value == (
        "at_risk" if i.lsns_high < 12 else "not_at_risk" if i.lsns_total >= 12 else "not_enough_recorded"
    )
    assert m.summary.size == sum(m.composition.by_sector.values())
    assert m.summary.density is None or 0 <= m.summary.density <= 1
    if m.summary.effective_size is not None:
        assert 1 <= m.summary.effective_size <= m.composition.ego_ties
    assert m.cliff_edge.on is None or m.cliff_edge.on > ON
    # Nothing starts later here (no since dates), so by the cliff edge people can only have left.
    assert m.cliff_edge.after.size <= m.cliff_edge.before.size
    assert CaseMetrics.model_validate_json(m.model_dump_json()) == m
