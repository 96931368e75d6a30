"""Structure: density among members, clusters joined only through the young person, bridges, Burt's measures."""

from __future__ import annotations

import math
from collections.abc import Hashable
from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.graph import as_graph, ego_of
from netmap.models import Network

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Structure", "constraint", "effective_size", "structure"]


class Structure(BaseModel):
    """How the members are tied to each other once the young person is taken out."""

    model_config = ConfigDict(frozen=True)
    members: int
    member_ties: int
    density: float | None
    clusters: list[list[str]]
    unreached: list[str]
    bridging_people: list[str]
    effective_size: float | None
    constraint: float | None


def effective_size(G: nx.Graph, ego: Hashable) -> float | None:
    """Burt's effective size of ``ego`` by Borgatti's formula ``n - 2t/n`` on its 1-hop neighbourhood.

    ``n`` is the number of ego's neighbours and ``t`` the ties among them; None without neighbours.
    Unweighted and undirected, this equals ``networkx.effective_size`` without copying the graph.

    >>> import networkx as nx
    >>> effective_size(nx.star_graph(3), 0), effective_size(nx.complete_graph(4), 0)
    (3.0, 1.0)
    """
    alters = set(G[ego]) - {ego}
    n = len(alters)
    if n == 0:
        return None
    t = sum(len(alters.intersection(G[a])) for a in alters) / 2
    return n - 2 * t / n


def constraint(G: nx.Graph, ego: Hashable) -> float | None:
    """Burt's constraint of ``ego`` computed on its 1-hop neighbourhood (ego, alters, ties among them).

    ``c = sum_j (p_ej + sum_q p_eq p_qj)^2`` over alters ``j`` and ``q != j``, where
    ``p_xy = 1 / degree(x)`` when x and y are tied (degrees counted inside the neighbourhood).
    None without neighbours.

    >>> import networkx as nx
    >>> round(constraint(nx.star_graph(4), 0), 4), round(constraint(nx.complete_graph(3), 0), 4)
    (0.25, 1.125)
    """
    alters = set(G[ego]) - {ego}
    n = len(alters)
    if n == 0:
        return None
    among = {a: alters.intersection(G[a]) - {a} for a in alters}
    inv_degree = {a: 1 / (len(among[a]) + 1) for a in alters}
    # fsum: the same total in whatever order the sets give their members (it changes with the hash seed)
    indirect = {j: math.fsum(inv_degree[q] for q in among[j]) for j in alters}
    return math.fsum((1 / n + indirect[j] / n) ** 2 for j in alters)


def structure(network: Network | nx.Graph, *, on: date | None = None) -> Structure:
    """Density, clusters, bridging people, effective size and constraint of the young person.

    All ties count here, whatever their valence: structure is about who is connected to whom.
    ``clusters`` are groups of members tied among themselves, at least one of them tied to the
    young person, but joined to the other groups only through the young person; ``unreached``
    members have no path to the young person at all. ``bridging_people`` would split a group if
    they left (articulation points once the young person is removed).

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> s = structure(tiny_network(), on=date(2026, 1, 15))
    >>> s.density, s.clusters, s.effective_size
    (0.1, [['p-gran', 'p-ray'], ['p-jo'], ['p-pa'], ['p-sam']], 4.0)
    """
    import networkx as nx  # loaded by the graph's making already; here for its algorithms

    G = as_graph(network, on=on)
    ego = ego_of(G)
    members = G.subgraph(n for n in G if n != ego)
    n, m = members.number_of_nodes(), members.number_of_edges()
    tied_to_ego = set(G[ego]) if ego is not None else set()
    groups = sorted((sorted(c) for c in nx.connected_components(members)), key=lambda c: (-len(c), c))
    return Structure(
        members=n,
        member_ties=m,
        density=2 * m / (n * (n - 1)) if n > 1 else None,
        clusters=[c for c in groups if tied_to_ego.intersection(c)],
        unreached=sorted(p for c in groups if not tied_to_ego.intersection(c) for p in c),
        bridging_people=sorted(nx.articulation_points(members)),
        effective_size=effective_size(G, ego) if ego is not None else None,
        constraint=constraint(G, ego) if ego is not None else None,
    )
