"""Build the NetworkX graph of one case on one date, from one perspective."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from netmap.graph.analytics.ends import age_on, is_professional, member_end, tie_end
from netmap.models import DiscoveryStatus, Network, Perspective, Tie

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["GONE_STATUSES", "View", "as_graph", "build_graph", "ego_of", "pick_ties"]

View = Literal["default", "practitioner", "young_person"]
"""Whose ties a graph shows: ``default`` prefers the practitioner's record of a pair."""

GONE_STATUSES = frozenset({DiscoveryStatus.DECEASED, DiscoveryStatus.NOT_FOUND})
"""Members with these statuses are on the map but not part of anyone's network."""

_PREFERRED: dict[str, Perspective] = {
    "default": Perspective.PRACTITIONER,
    "practitioner": Perspective.PRACTITIONER,
    "young_person": Perspective.YOUNG_PERSON,
}


def _newest(tie: Tie) -> tuple[date, date, str]:
    return (tie.recorded_on or date.min, tie.since or date.min, tie.id)


def pick_ties(ties: list[Tie], view: View = "default") -> dict[frozenset[str], Tie]:
    """One tie per pair of people: the view's own record of the pair, else the other perspective's.

    Within one perspective the most recently recorded tie of a pair wins.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> net = tiny_network()
    >>> picked = pick_ties(net.ties, "young_person")
    >>> picked[frozenset({"p-kai", "p-gran"})].perspective.value
    'young_person'
    """
    preferred = _PREFERRED[view]
    chosen: dict[frozenset[str], Tie] = {}
    for tie in sorted(ties, key=_newest):
        pair = frozenset((tie.from_id, tie.to_id))
        held = chosen.get(pair)
        if held is None or tie.perspective is preferred or held.perspective is not preferred:
            chosen[pair] = tie
    return chosen


def build_graph(
    network: Network, *, view: View = "default", on: date | None = None, as_of: date | None = None
) -> nx.Graph:
    """The case as an undirected graph of the people current on ``on`` and their ties.

    Parameters
    ----------
    network : Network
        One case.
    view : {"default", "practitioner", "young_person"}
        Whose record of each pair to use (see :func:`pick_ties`).
    on : date, optional
        The date the graph shows; today when omitted. Ties whose ``until`` has passed or whose
        ``since`` is still ahead, and members whose support has ended, are left out.
    as_of : date, optional
        The date planned ends are judged from (leaving-care ends depend on it); ``on`` when omitted.

    Returns
    -------
    networkx.Graph
        ``G.graph`` holds ``ego``, ``case_id``, ``on``, ``view`` and ``readings`` (the case's
        outcome readings, for the LSNS-6 the young person answered). Each node has ``person``,
        ``membership``, ``sector`` (a Sector or None), ``professional``, ``adult`` and ``ego``;
        each edge has ``tie`` (the chosen Tie).

    Examples
    --------
    >>> from netmap.graph.analytics.samples import tiny_network
    >>> G = build_graph(tiny_network(), on=date(2026, 1, 15))
    >>> sorted(G.neighbors("p-kai"))
    ['p-gran', 'p-jo', 'p-pa', 'p-sam']
    """
    # Imported here: a report read from kept rows never builds a graph, and starts without NetworkX.
    import networkx as nx

    on = on or date.today()
    as_of = as_of or on
    ego = network.case.ego_id
    G = nx.Graph(ego=ego, case_id=network.case.id, on=on, view=view, readings=network.case.outcomes)
    memberships = {m.person_id: m for m in network.memberships}
    for person in network.people:
        membership = memberships.get(person.id)
        is_ego = person.id == ego
        if not is_ego:
            if person.deceased or (membership is not None and membership.status in GONE_STATUSES):
                continue
            end = member_end(network, person, as_of)
            if end is not None and end.on < on:
                continue
        age = age_on(person, on)
        G.add_node(
            person.id,
            person=person,
            membership=membership,
            sector=membership.sector if membership else None,
            professional=not is_ego and is_professional(person, membership),
            adult=age is None or age >= 18,
            ego=is_ego,
        )
    current = [
        t
        for t in network.ties
        if (t.since is None or t.since <= on)
        and ((end := tie_end(t)) is None or end.on >= on)
        and t.from_id in G
        and t.to_id in G
    ]
    for tie in pick_ties(current, view).values():
        G.add_edge(tie.from_id, tie.to_id, tie=tie)
    return G


def as_graph(obj: Network | nx.Graph, *, on: date | None = None) -> nx.Graph:
    """``obj`` itself if it is a graph, else its default-view graph on ``on``."""
    return build_graph(obj, on=on) if isinstance(obj, Network) else obj


def ego_of(G: nx.Graph) -> str | None:
    """The young person's node, or None when the graph does not contain them."""
    ego = G.graph.get("ego")
    return ego if ego in G else None
