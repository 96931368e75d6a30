"""The cliff edge: the network once every planned end has passed, and what is lost."""

from __future__ import annotations

from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.ends import EndReason, member_end, tie_end
from netmap.graph.analytics.graph import View, build_graph
from netmap.graph.analytics.summary import Measures, Summary, difference, measure, summarize
from netmap.models import Network, SupportDomain

__all__ = ["CliffEdge", "Lapse", "cliff_edge", "lapses"]


class Lapse(BaseModel):
    """One planned end: a member leaving (``tie_id`` None) or one tie ending, after ``on``."""

    model_config = ConfigDict(frozen=True)
    person_id: str
    tie_id: str | None
    on: date
    reason: EndReason


class CliffEdge(BaseModel):
    """Measures now and on ``on`` (the day after the last planned end), and the difference."""

    model_config = ConfigDict(frozen=True)
    as_of: date
    on: date | None
    lapses: list[Lapse]
    before: Summary
    after: Summary
    change: dict[str, int | float | None]
    domains_lost: list[SupportDomain]
    domains_left_to_professionals: list[SupportDomain]


def lapses(network: Network, *, as_of: date, view: View = "default") -> list[Lapse]:
    """Every planned end on or after ``as_of`` of a current member or tie, earliest first.

    A tie is listed only when it ends before both its people leave.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> [(x.person_id, x.on.isoformat(), x.reason.value) for x in lapses(tiny_network(), as_of=date(2026, 1, 15))]
    [('p-pa', '2026-06-01', 'leaving_care_21')]
    """
    G = build_graph(network, view=view, on=as_of)
    ego = G.graph["ego"]
    found: list[Lapse] = []
    for node, data in G.nodes(data=True):
        end = member_end(network, data["person"], as_of) if node != ego else None
        if end is not None and end.on >= as_of:
            found.append(Lapse(person_id=node, tie_id=None, on=end.on, reason=end.reason))
    leaving = {x.person_id: x.on for x in found}
    for a, b, data in G.edges(data=True):
        end = tie_end(data["tie"])
        # A tie ending on or after its member's own end adds nothing the member's end does not say.
        if end is not None and not any(leaving.get(p, date.max) <= end.on for p in (a, b)):
            other = b if a == ego else a
            found.append(Lapse(person_id=other, tie_id=data["tie"].id, on=end.on, reason=end.reason))
    return sorted(found, key=lambda x: (x.on, x.person_id, x.tie_id or ""))


def _covered(m: Measures) -> tuple[set[SupportDomain], set[SupportDomain]]:
    return (
        {c.domain for c in m.coverage.domains if not c.uncovered},
        {c.domain for c in m.coverage.domains if c.people and not c.professional_only},
    )


def cliff_edge(
    network: Network, *, as_of: date | None = None, on: date | None = None, view: View = "default"
) -> CliffEdge:
    """The same measures recomputed for the day after the last planned end, and the difference.

    Planned ends are ``Tie.until``, ``Membership.support_ends`` and, for leaving-care
    professionals without one, the young person's 21st or 25th birthday (see ``ends.member_end``).
    Pass ``on`` to look at a chosen date instead. With nothing planned to end, ``on`` is None and
    nothing changes.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> c = cliff_edge(tiny_network(), as_of=date(2026, 1, 15))
    >>> c.on, c.change["professionals"], [d.value for d in c.domains_lost]
    (datetime.date(2026, 6, 2), -1, ['money', 'advice'])
    """
    as_of = as_of or date.today()
    planned = lapses(network, as_of=as_of, view=view)
    if on is None and planned:
        on = max(x.on for x in planned) + timedelta(days=1)
    now = measure(build_graph(network, view=view, on=as_of))
    then = measure(build_graph(network, view=view, on=on, as_of=as_of)) if on else now
    covered_now, family_now = _covered(now)
    covered_then, family_then = _covered(then)
    before, after = summarize(now), summarize(then)
    return CliffEdge(
        as_of=as_of,
        on=on,
        lapses=planned,
        before=before,
        after=after,
        change=difference(before, after),
        domains_lost=[d for d in SupportDomain if d in covered_now - covered_then],
        domains_left_to_professionals=[
            d for d in SupportDomain if d in family_now - family_then and d in covered_then
        ],
    )
