"""Positive-tie strength from Granovetter's four dimensions, as far as the data carries them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.composition import ego_ties
from netmap.graph.analytics.graph import as_graph
from netmap.models import ContactFrequency, Network, SupportDirection, SupportDomain, Tie, Valence

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["FREQUENCY_SCORE", "TieScore", "TieStrength", "tie_strength", "tie_strengths"]

FREQUENCY_SCORE: dict[ContactFrequency, float] = {
    ContactFrequency.DAILY: 6 / 6,
    ContactFrequency.WEEKLY: 5 / 6,
    ContactFrequency.MONTHLY: 4 / 6,
    ContactFrequency.FEW_TIMES_A_YEAR: 3 / 6,
    ContactFrequency.YEARLY: 2 / 6,
    ContactFrequency.RARELY: 1 / 6,
    ContactFrequency.NONE: 0.0,
}
"""Time: each step down the contact-frequency scale takes one sixth off."""

DIRECTION_SCORE: dict[SupportDirection, float] = {
    SupportDirection.BOTH: 1.0,
    SupportDirection.TO_EGO: 0.5,
    SupportDirection.FROM_EGO: 0.5,
    SupportDirection.NONE: 0.0,
}
BREADTH_CAP = 4


class TieScore(BaseModel):
    """One positive tie's strength and the dimension scores it is the mean of."""

    model_config = ConfigDict(frozen=True)
    person_id: str
    tie_id: str
    professional: bool
    time: float | None
    intensity: float
    intimacy: float
    services: float
    strength: float


class TieStrength(BaseModel):
    """Per-tie strengths, sum and mean over positive ties with non-professionals, and the weight of
    stressful and harmful ties kept apart from them."""

    model_config = ConfigDict(frozen=True)
    ties: list[TieScore]
    positive_sum: float
    positive_mean: float | None
    positive_count: int
    mixed: list[str]
    stressful: list[str]
    harmful: list[str]
    negative_count: int
    negative_sum: float


def tie_strength(tie: Tie, *, person_id: str = "", professional: bool = False) -> TieScore:
    """Granovetter's time, emotional intensity, intimacy and reciprocal services, each in [0, 1].

    time = contact frequency (daily 1, weekly 5/6, monthly 4/6 ... none 0; unknown leaves it out);
    intensity = strength / 3; intimacy = 1 if the tie carries emotional support else 0;
    services = mean of direction (both 1, one way 0.5, none 0) and breadth (support domains / 4,
    at most 1). The strength is the mean of the dimensions known.

    >>> t = Tie(id="t-1", case_id="c-1", from_id="p-1", to_id="p-2", strength=3, frequency="weekly",
    ...         direction="both", domains=["emotional", "practical"])
    >>> round(tie_strength(t).strength, 4)
    0.8958
    """
    time = FREQUENCY_SCORE[tie.frequency] if tie.frequency is not None else None
    intensity = tie.strength / 3
    intimacy = 1.0 if SupportDomain.EMOTIONAL in tie.domains else 0.0
    services = (DIRECTION_SCORE[tie.direction] + min(len(tie.domains), BREADTH_CAP) / BREADTH_CAP) / 2
    known = [x for x in (time, intensity, intimacy, services) if x is not None]
    return TieScore(
        person_id=person_id,
        tie_id=tie.id,
        professional=professional,
        time=time,
        intensity=intensity,
        intimacy=intimacy,
        services=services,
        strength=sum(known) / len(known),
    )


def tie_strengths(network: Network | nx.Graph, *, on: date | None = None) -> TieStrength:
    """Strength of each positive tie of the young person; sum and mean over non-professionals.

    Mixed, stressful and harmful ties are listed by person id and never add to the strength.
    Granovetter's strength assumes a positive tie, so stressful and harmful ties are scored apart:
    ``negative_sum`` adds up their intensity (strength / 3) over everyone, professionals included.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> s = tie_strengths(tiny_network(), on=date(2026, 1, 15))
    >>> s.positive_count, round(s.positive_sum, 3), s.harmful, s.negative_count, round(s.negative_sum, 3)
    (2, 1.635, ['p-sam'], 1, 0.667)
    """
    G = as_graph(network, on=on)
    scores: list[TieScore] = []
    by_valence: dict[Valence, list[str]] = {v: [] for v in Valence}
    for other, data in ego_ties(G):
        tie: Tie = data["tie"]
        by_valence[tie.valence].append(other)
        if tie.valence is Valence.POSITIVE:
            scores.append(tie_strength(tie, person_id=other, professional=G.nodes[other]["professional"]))
    counted = [s.strength for s in scores if not s.professional]
    negative = [
        data["tie"].strength / 3
        for _, data in ego_ties(G)
        if data["tie"].valence in (Valence.STRESSFUL, Valence.HARMFUL)
    ]
    return TieStrength(
        ties=scores,
        positive_sum=sum(counted),
        positive_mean=sum(counted) / len(counted) if counted else None,
        positive_count=len(counted),
        mixed=by_valence[Valence.MIXED],
        stressful=by_valence[Valence.STRESSFUL],
        harmful=by_valence[Valence.HARMFUL],
        negative_count=len(negative),
        negative_sum=sum(negative),
    )
