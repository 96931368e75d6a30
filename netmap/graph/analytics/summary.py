"""All single-graph measures at once, and the headline numbers used to compare two graphs."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.composition import Composition, composition
from netmap.graph.analytics.coverage import Coverage, coverage
from netmap.graph.analytics.graph import as_graph
from netmap.graph.analytics.isolation import Estimate, Isolation, isolation
from netmap.graph.analytics.structure import Structure, structure
from netmap.graph.analytics.ties import TieStrength, tie_strengths
from netmap.models import Network

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["Measures", "Summary", "difference", "measure", "summarize"]


class Summary(BaseModel):
    """Headline numbers of one graph; every field is defined in docs/measures.md."""

    model_config = ConfigDict(frozen=True)
    size: int
    professionals: int
    positive_ties: int
    harmful_ties: int
    stressful_ties: int
    positive_professional_share: float | None
    strength_sum: float
    strength_mean: float | None
    negative_sum: float
    lsns_total: int
    lsns_high: int
    lsns_coverage: float | None
    lsns_answered: int | None
    at_risk: bool
    not_enough_recorded: bool
    no_positive_nonprofessional_adult: bool
    all_support_from_professionals: bool
    domains_uncovered: int
    domains_professional_only: int
    single_points_of_failure: int
    density: float | None
    clusters: int
    effective_size: float | None
    constraint: float | None


class Measures(BaseModel):
    """Every measure of one graph (one view, one date)."""

    model_config = ConfigDict(frozen=True)
    composition: Composition
    strength: TieStrength
    isolation: Isolation
    coverage: Coverage
    structure: Structure


def measure(network: Network | nx.Graph, *, on: date | None = None) -> Measures:
    """Composition, positive-tie strength, isolation, coverage and structure of one graph.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> measure(tiny_network(), on=date(2026, 1, 15)).composition.size
    5
    """
    G = as_graph(network, on=on)
    return Measures(
        composition=composition(G),
        strength=tie_strengths(G),
        isolation=isolation(G),
        coverage=coverage(G),
        structure=structure(G),
    )


def summarize(m: Measures) -> Summary:
    """The headline numbers of ``m``."""
    valence = m.composition.ego_ties_by_valence
    return Summary(
        size=m.composition.size,
        professionals=m.composition.professionals,
        positive_ties=valence["positive"],
        harmful_ties=valence["harmful"],
        stressful_ties=valence["stressful"],
        positive_professional_share=m.composition.positive_professional_share,
        strength_sum=m.strength.positive_sum,
        strength_mean=m.strength.positive_mean,
        negative_sum=m.strength.negative_sum,
        lsns_total=m.isolation.lsns_total,
        lsns_high=m.isolation.lsns_high,
        lsns_coverage=m.isolation.coverage,
        lsns_answered=None if m.isolation.questionnaire is None else m.isolation.questionnaire.total,
        at_risk=m.isolation.at_risk,
        not_enough_recorded=m.isolation.questionnaire is None
        and m.isolation.estimate is Estimate.NOT_ENOUGH_RECORDED,
        no_positive_nonprofessional_adult=m.isolation.no_positive_nonprofessional_adult,
        all_support_from_professionals=m.isolation.all_support_from_professionals,
        domains_uncovered=len(m.coverage.uncovered),
        domains_professional_only=len(m.coverage.professional_only),
        single_points_of_failure=len(m.coverage.single_points_of_failure),
        density=m.structure.density,
        clusters=len(m.structure.clusters),
        effective_size=m.structure.effective_size,
        constraint=m.structure.constraint,
    )


def difference(before: Summary, after: Summary) -> dict[str, int | float | None]:
    """``after - before`` for every numeric headline (None when either side is undefined).

    Yes/no flags are left out: compare ``before`` and ``after`` directly.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> s = summarize(measure(tiny_network(), on=date(2026, 1, 15)))
    >>> difference(s, s)["size"]
    0
    """
    out: dict[str, int | float | None] = {}
    for name in Summary.model_fields:
        a, b = getattr(before, name), getattr(after, name)
        if isinstance(a, bool) or isinstance(b, bool):
            continue
        out[name] = None if a is None or b is None else b - a
    return out
