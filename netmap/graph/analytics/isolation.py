"""Isolation: an LSNS-6 score derived from the network (Lubben et al. 2006) and plain warning flags."""

from __future__ import annotations

from datetime import date

import networkx as nx
from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.composition import ego_ties
from netmap.graph.analytics.coverage import supports_ego
from netmap.graph.analytics.graph import as_graph
from netmap.models import ContactFrequency, Network, Sector, SupportDomain, Tie, Valence

__all__ = ["AT_RISK_BELOW", "Isolation", "LsnsPart", "isolation", "lsns_item_score"]

AT_RISK_BELOW = 12
MONTHLY_OR_MORE = frozenset({ContactFrequency.DAILY, ContactFrequency.WEEKLY, ContactFrequency.MONTHLY})
HELP_DOMAINS = frozenset(SupportDomain) - {SupportDomain.EMOTIONAL, SupportDomain.LEISURE}
"""Support someone could be called on for: practical, housing, money, education/work, health, advice."""
RELATIVES = frozenset({Sector.FAMILY})
FRIENDS = frozenset({Sector.FRIENDS, Sector.PEERS_COMMUNITY})


class LsnsPart(BaseModel):
    """The three LSNS-6 items for relatives or for friends: people counted and item scores (0-5)."""

    model_config = ConfigDict(frozen=True)
    contact: list[str]
    confide: list[str]
    help: list[str]
    contact_score: int
    confide_score: int
    help_score: int
    score: int


class Isolation(BaseModel):
    model_config = ConfigDict(frozen=True)
    relatives: LsnsPart
    friends: LsnsPart
    lsns_total: int
    at_risk: bool
    no_positive_nonprofessional_adult: bool
    all_support_from_professionals: bool
    no_support_recorded: bool


def lsns_item_score(count: int) -> int:
    """LSNS-6 item score: 0 none, 1 one, 2 two, 3 three or four, 4 five to eight, 5 nine or more.

    >>> [lsns_item_score(n) for n in (0, 1, 2, 3, 4, 5, 8, 9, 40)]
    [0, 1, 2, 3, 3, 4, 4, 5, 5]
    """
    if count <= 2:
        return count
    if count <= 4:
        return 3
    return 4 if count <= 8 else 5


def _part(G: nx.Graph, sectors: frozenset[Sector]) -> LsnsPart:
    contact: list[str] = []
    confide: list[str] = []
    helpers: list[str] = []
    for other, data in ego_ties(G):
        node = G.nodes[other]
        tie: Tie = data["tie"]
        if node["professional"] or node["sector"] not in sectors or not supports_ego(tie):
            continue
        if tie.frequency in MONTHLY_OR_MORE:
            contact.append(other)
        if SupportDomain.EMOTIONAL in tie.domains:
            confide.append(other)
        if tie.strength >= 2 and HELP_DOMAINS.intersection(tie.domains):
            helpers.append(other)
    scores = [lsns_item_score(len(x)) for x in (contact, confide, helpers)]
    return LsnsPart(
        contact=contact,
        confide=confide,
        help=helpers,
        contact_score=scores[0],
        confide_score=scores[1],
        help_score=scores[2],
        score=sum(scores),
    )


def isolation(network: Network | nx.Graph, *, on: date | None = None) -> Isolation:
    """LSNS-6 from the young person's positive and mixed ties, with plain flags.

    Relatives are members in the family sector; friends are friends and peers/community.
    For each: seen or heard from at least monthly (contact frequency daily, weekly or monthly);
    can talk about private matters (emotional support); could call on for help (any of practical,
    housing, money, education/work, health or advice support, at strength 2 or more). Stressful
    and harmful ties, support flowing only from the young person, and professionals never count.
    A total below 12 is "at risk of isolation".

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> i = isolation(tiny_network(), on=date(2026, 1, 15))
    >>> i.relatives.score, i.friends.score, i.lsns_total, i.at_risk
    (3, 2, 5, True)
    """
    G = as_graph(network, on=on)
    relatives, friends = _part(G, RELATIVES), _part(G, FRIENDS)
    total = relatives.score + friends.score
    own = [(other, data["tie"]) for other, data in ego_ties(G)]
    support = [other for other, tie in own if supports_ego(tie) and tie.domains]
    return Isolation(
        relatives=relatives,
        friends=friends,
        lsns_total=total,
        at_risk=total < AT_RISK_BELOW,
        no_positive_nonprofessional_adult=not any(
            tie.valence is Valence.POSITIVE and not G.nodes[o]["professional"] and G.nodes[o]["adult"]
            for o, tie in own
        ),
        all_support_from_professionals=bool(support) and all(G.nodes[o]["professional"] for o in support),
        no_support_recorded=not support,
    )
