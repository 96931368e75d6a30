"""How long a case's cohort row holds: the days on which the same records give other numbers.

``build_graph(network, on=day)`` depends on the day in five ways only: a member whose support end
has passed leaves the graph the day after it, whether recorded (``Membership.support_ends``) or
derived from the rules (``planning.support_ends``: 18, 21 or 25, release, licence or sentence end;
a personal adviser past 21 moves on to 25, so both birthdays count); a tie is in the graph from its
``since`` to its ``until``; a person is an adult from their 18th birthday; and the LSNS-6 counted is
the latest the young person answered on or before the day (a reading dated after a report's day
counts from its own date). The baseline snapshot is measured on its own date. So the row computed
on one day holds, apart from the change's ``after_on`` (the day itself), until the day before the
next of those dates.

A case's evidence for the service's figures (``evidence.case_evidence``) depends on the day in
three more ways: the young person's age (every birthday), the outcome readings counted (each from
its own date), and a plan item becoming overdue the day after its date.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, timedelta

from netmap.graph.analytics.ends import age_on, birthday, born_on
from netmap.models import Conference, Network, PlanItemStatus
from netmap.planning.support_ends import member_end

__all__ = ["ADULT_AGE", "evidence_holds_until", "row_holds_until"]

ADULT_AGE = 18


def _day_after(day: date) -> date | None:
    return None if day == date.max else day + timedelta(days=1)


def _turning_points(network: Network) -> Iterator[date | None]:
    for person in network.people:
        born = born_on(person)
        if born is not None and born.year + ADULT_AGE <= date.max.year:
            yield birthday(born, ADULT_AGE)
    people = {person.id: person for person in network.people}
    for membership in network.memberships:
        member = people.get(membership.person_id)
        if member is None:
            continue
        # the first end a rule can give and the last (they differ only for a personal adviser)
        for judged_on in (date.min, date.max):
            end = member_end(network, member, judged_on)
            if end is not None:
                yield _day_after(end.on)
    for tie in network.ties:
        yield tie.since
        if tie.until is not None:
            yield _day_after(tie.until)
    for reading in network.case.outcomes:
        if reading.lsns6 is not None:
            yield reading.on


def _until(points: Iterable[date | None], as_of: date) -> date:
    ahead = [day for day in points if day is not None and day > as_of]
    return min(ahead) - timedelta(days=1) if ahead else date.max


def row_holds_until(network: Network, as_of: date) -> date:
    """The last day on which the case's cohort row computed on ``as_of`` is still the same
    (its change's ``after_on`` aside); ``date.max`` when no day ahead changes it.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> row_holds_until(tiny_network(), date(2026, 1, 15)) > date(2026, 1, 15)
    True
    """
    return _until(_turning_points(network), as_of)


def _evidence_points(
    network: Network, conferences: Iterable[Conference], as_of: date
) -> Iterator[date | None]:
    yield from _turning_points(network)
    born, age = born_on(network.ego), age_on(network.ego, as_of)
    if born is not None and age is not None and born.year + age + 1 <= date.max.year:
        yield birthday(born, age + 1)
    for reading in network.case.outcomes:
        yield reading.on
    for conference in conferences:
        for item in conference.plan:
            if item.by_when is not None and item.status in (
                PlanItemStatus.AGREED,
                PlanItemStatus.IN_PROGRESS,
            ):
                yield _day_after(item.by_when)


def evidence_holds_until(network: Network, conferences: Iterable[Conference], as_of: date) -> date:
    """The last day on which the case's evidence computed on ``as_of`` is still the same.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> net = tiny_network()
    >>> evidence_holds_until(net, [], date(2026, 1, 15)) <= row_holds_until(net, date(2026, 1, 15))
    True
    """
    return _until(_evidence_points(network, list(conferences), as_of), as_of)
