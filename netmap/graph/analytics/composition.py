"""Composition of a case network: size, members by sector, professionals and ties by valence."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.graph import as_graph, ego_of
from netmap.models import Network, Sector, Valence

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Composition", "composition", "ego_ties"]

UNSET = "unset"


class Composition(BaseModel):
    """Who is in the network and how the young person's ties are valued."""

    model_config = ConfigDict(frozen=True)
    size: int
    by_sector: dict[str, int]
    professionals: int
    ego_ties: int
    ego_ties_by_valence: dict[str, int]
    all_ties_by_valence: dict[str, int]
    positive_professional_share: float | None


def ego_ties(G: nx.Graph) -> list[tuple[str, dict]]:
    """``(other person, edge data)`` for every tie of the young person, sorted by person id."""
    ego = ego_of(G)
    if ego is None:
        return []
    return sorted(((other, data) for other, data in G[ego].items()), key=lambda item: item[0])


def _by_valence(ties: list[dict]) -> dict[str, int]:
    counts = Counter(data["tie"].valence.value for data in ties)
    return {v.value: counts.get(v.value, 0) for v in Valence}


def composition(network: Network | nx.Graph, *, on: date | None = None) -> Composition:
    """Size, members by sector, and ties by valence.

    ``size`` counts current members other than the young person. ``positive_professional_share``
    is the share of the young person's positive ties that are with professionals or services
    (None when there are no positive ties).

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> c = composition(tiny_network(), on=date(2026, 1, 15))
    >>> c.size, c.by_sector["family"], c.ego_ties_by_valence["harmful"], c.positive_professional_share
    (5, 2, 1, 0.3333333333333333)
    """
    G = as_graph(network, on=on)
    members = [data for _, data in G.nodes(data=True) if not data["ego"]]
    sectors = Counter(data["sector"].value if data["sector"] else UNSET for data in members)
    own = ego_ties(G)
    positive = [other for other, data in own if data["tie"].valence is Valence.POSITIVE]
    paid = sum(1 for other in positive if G.nodes[other]["professional"])
    return Composition(
        size=len(members),
        by_sector={**{s.value: sectors.get(s.value, 0) for s in Sector}, UNSET: sectors.get(UNSET, 0)},
        professionals=sum(1 for data in members if data["professional"]),
        ego_ties=len(own),
        ego_ties_by_valence=_by_valence([data for _, data in own]),
        all_ties_by_valence=_by_valence([data for _, _, data in G.edges(data=True)]),
        positive_professional_share=paid / len(positive) if positive else None,
    )
