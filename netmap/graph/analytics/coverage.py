"""Support coverage: who covers each support domain, and where it rests on one person or on paid staff."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.composition import ego_ties
from netmap.graph.analytics.graph import as_graph
from netmap.models import Network, SupportDirection, SupportDomain, Tie, Valence

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Coverage", "DomainCover", "coverage", "supporters", "supports_ego"]

SUPPORTIVE_VALENCES = frozenset({Valence.POSITIVE, Valence.MIXED})


class DomainCover(BaseModel):
    """Who supports the young person in one domain."""

    model_config = ConfigDict(frozen=True)
    domain: SupportDomain
    people: list[str]
    professionals: list[str]
    uncovered: bool
    professional_only: bool
    single_point_of_failure: bool


class Coverage(BaseModel):
    model_config = ConfigDict(frozen=True)
    domains: list[DomainCover]
    uncovered: list[SupportDomain]
    professional_only: list[SupportDomain]
    single_points_of_failure: list[SupportDomain]


def supports_ego(tie: Tie) -> bool:
    """A positive or mixed tie whose support is not recorded as flowing only from the young person.

    >>> supports_ego(Tie(id="t-1", case_id="c", from_id="a", to_id="b", valence="harmful"))
    False
    """
    return tie.valence in SUPPORTIVE_VALENCES and tie.direction is not SupportDirection.FROM_EGO


def supporters(G: nx.Graph) -> dict[SupportDomain, list[str]]:
    """For each domain, the people whose tie with the young person supports them in it, sorted by id."""
    found: dict[SupportDomain, list[str]] = {d: [] for d in SupportDomain}
    for other, data in ego_ties(G):
        if supports_ego(data["tie"]):
            for domain in data["tie"].domains:
                found[domain].append(other)
    return found


def coverage(network: Network | nx.Graph, *, on: date | None = None) -> Coverage:
    """For each support domain: who covers it, whether only professionals do, and whether one person does.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> c = coverage(tiny_network(), on=date(2026, 1, 15))
    >>> [d.value for d in c.professional_only], [d.value for d in c.uncovered]
    (['money', 'advice'], ['education_work', 'health'])
    """
    G = as_graph(network, on=on)
    covers = []
    for domain, people in supporters(G).items():
        paid = [p for p in people if G.nodes[p]["professional"]]
        covers.append(
            DomainCover(
                domain=domain,
                people=people,
                professionals=paid,
                uncovered=not people,
                professional_only=bool(people) and len(paid) == len(people),
                single_point_of_failure=len(people) == 1,
            )
        )
    return Coverage(
        domains=covers,
        uncovered=[c.domain for c in covers if c.uncovered],
        professional_only=[c.domain for c in covers if c.professional_only],
        single_points_of_failure=[c.domain for c in covers if c.single_point_of_failure],
    )
