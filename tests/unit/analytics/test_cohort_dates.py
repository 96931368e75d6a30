"""A cohort row holds, apart from the day it is read on, until ``row_holds_until``: property tests."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from netmap.graph import analytics
from netmap.graph.analytics.cohort_dates import row_holds_until
from netmap.graph.analytics.ends import birthday
from netmap.graph.analytics.samples import tiny_network
from netmap.models import (
    Lsns6,
    Membership,
    Network,
    OutcomeReading,
    Person,
    Sector,
    Snapshot,
    SnapshotEvent,
    Tie,
)
from netmap.planning.support_ends import support_end

LSNS6_ITEMS = tuple(Lsns6.model_fields)
AS_OF = date(2026, 2, 1)  # before today, so every date below may be recorded
near = st.one_of(st.none(), st.integers(-20, 60).map(lambda d: AS_OF + timedelta(days=d)))
birth = st.one_of(st.none(), st.integers(-30, 60).map(lambda d: AS_OF - timedelta(days=18 * 365 + 4 - d)))


@st.composite
def networks(draw: st.DrawFn) -> Network:
    """The tiny example case with birthdays near 18, and tie, support and release dates, around
    ``AS_OF``; a prison offender manager, whose part ends at release, joins it."""
    network = _with_prison(tiny_network())
    people = [
        p.model_copy(update={"birth_date": b} if (b := draw(birth)) and b <= AS_OF else {})
        for p in network.people
    ]
    members = [m.model_copy(update={"support_ends": draw(near)}) for m in network.memberships]
    ties = []
    for tie in network.ties:
        since, until = draw(near), draw(near)
        since = since if since is None or since <= AS_OF else None
        if since is not None and until is not None and until < since:
            until = None
        ties.append(tie.model_copy(update={"since": since, "until": until}))
    answered = draw(st.lists(st.tuples(near, st.integers(0, 5)), max_size=3))
    readings = [
        OutcomeReading(on=on, lsns6=Lsns6(**dict.fromkeys(LSNS6_ITEMS, score)))
        for on, score in answered
        if on is not None
    ]
    case = network.case.model_copy(update={"outcomes": readings, "release_date": draw(near)})
    return network.model_copy(update={"case": case, "people": people, "memberships": members, "ties": ties})


def _with_prison(network: Network) -> Network:
    pom = Person(id="p-pom", name="Pat Offender-Manager", agency="HMP Example")
    membership = Membership.make(
        "c-1", pom.id, sector=Sector.PROFESSIONALS, role_label="Prison offender manager"
    )
    tie = Tie(id="t-pom", case_id="c-1", from_id="p-kai", to_id=pom.id, strength=2)
    return network.model_copy(
        update={
            "people": [*network.people, pom],
            "memberships": [*network.memberships, membership],
            "ties": [*network.ties, tie],
        }
    )


def _row(network: Network, on: date) -> analytics.ReportRow:
    baseline = Snapshot(
        id="s-1",
        case_id="c-1",
        event=SnapshotEvent.REFERRAL,
        taken_on=date(2025, 1, 1),
        network=tiny_network(),
    )
    return analytics.report_row(analytics.cohort_row(network, as_of=on, snapshots=[baseline]))


@settings(max_examples=150, deadline=None)
@given(network=networks(), later=st.integers(0, 70))
def test_the_row_of_a_day_is_the_row_of_every_day_it_holds(network: Network, later: int) -> None:
    until = row_holds_until(network, AS_OF)
    assert until >= AS_OF
    day = min(AS_OF + timedelta(days=later), until)
    first, then = _row(network, AS_OF), _row(network, day)
    assert first.change is not None and then.change is not None
    assert first._replace(change=first.change._replace(after_on=day.isoformat())) == then


@settings(max_examples=60, deadline=None)
@given(network=networks())
def test_the_day_after_a_row_stops_holding_something_can_differ(network: Network) -> None:
    # not a promise that it differs (a tie may start between two people not in the graph), only that
    # the last day is a day a recorded date turns over
    until = row_holds_until(network, AS_OF)
    if until == date.max:
        return
    turning = until + timedelta(days=1)
    dates = {t.since for t in network.ties} | {t.until + timedelta(days=1) for t in network.ties if t.until}
    dates |= {m.support_ends + timedelta(days=1) for m in network.memberships if m.support_ends}
    for m in network.memberships:  # ends derived from the rules: release, 18, 21, 25 ...
        for judged_on in (date.min, date.max):
            end = support_end(network.case, network.ego, network.person(m.person_id), m, judged_on)
            dates |= {end.on + timedelta(days=1)} if end else set()
    dates |= {birthday(p.birth_date, 18) for p in network.people if p.birth_date}
    dates |= {r.on for r in network.case.outcomes if r.lsns6 is not None}
    assert turning in dates


def test_a_release_ahead_is_the_last_day_the_row_holds() -> None:
    """The prison's part ends at release without any end typed in: the row changes the day after."""
    network = _with_prison(tiny_network())
    release = AS_OF + timedelta(days=10)
    network = network.model_copy(update={"case": network.case.model_copy(update={"release_date": release})})
    assert row_holds_until(network, AS_OF) == release
    before, after = _row(network, release), _row(network, release + timedelta(days=1))
    professionals = analytics.cohort.SUMMARY_FIELDS.index("professionals")
    assert before.summary[professionals] == after.summary[professionals] + 1
