"""Isolation: the LSNS-6 as the young person answered it (Lubben et al. 2006), an estimate from the network
that says how much of it was recorded, and plain warning flags."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.composition import ego_ties
from netmap.graph.analytics.coverage import supports_ego
from netmap.graph.analytics.graph import as_graph, ego_of
from netmap.models import (
    LSNS_AT_RISK_BELOW,
    ContactFrequency,
    DiscoveryStatus,
    Lsns6,
    Membership,
    Network,
    OutcomeReading,
    Perspective,
    Sector,
    SupportDomain,
    Tie,
    Valence,
)

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "AT_RISK_BELOW",
    "Estimate",
    "Isolation",
    "LsnsPart",
    "Questionnaire",
    "isolation",
    "lsns_item_score",
    "questionnaire",
]

AT_RISK_BELOW = LSNS_AT_RISK_BELOW
MONTHLY_OR_MORE = frozenset({ContactFrequency.DAILY, ContactFrequency.WEEKLY, ContactFrequency.MONTHLY})
HELP_DOMAINS = frozenset(SupportDomain) - {SupportDomain.EMOTIONAL, SupportDomain.LEISURE}
"""Support someone could be called on for: practical, housing, money, education/work, health, advice."""
RELATIVES = frozenset({Sector.FAMILY})
FRIENDS = frozenset({Sector.FRIENDS, Sector.PEERS_COMMUNITY})
NOT_YET_CONNECTED = frozenset(
    {
        DiscoveryStatus.IDENTIFIED,
        DiscoveryStatus.LOCATED,
        DiscoveryStatus.CONTACTED,
        DiscoveryStatus.WILLING,
        DiscoveryStatus.SAFETY_CHECKED,
        DiscoveryStatus.INVITED,
        DiscoveryStatus.DECLINED,
        DiscoveryStatus.NOT_SAFE,
    }
)
"""Leads the work has not joined to the young person yet: known not to be in touch, whatever is recorded."""


class Estimate(StrEnum):
    """What the network estimate can say: at risk, not at risk, or that the unrecorded answers decide it."""

    AT_RISK = "at_risk"
    NOT_AT_RISK = "not_at_risk"
    NOT_ENOUGH_RECORDED = "not_enough_recorded"


class LsnsPart(BaseModel):
    """The three LSNS-6 items for relatives or for friends, estimated from the network.

    ``contact``, ``confide`` and ``help`` list the people recorded as counting for each item; the
    ``*_unknown`` lists the people for whom it is not recorded. Scores (0-5 per item) count only the
    recorded people; ``score_high`` is what the three items would score if every unknown counted.
    """

    model_config = ConfigDict(frozen=True)
    contact: list[str]
    confide: list[str]
    help: list[str]
    contact_unknown: list[str]
    confide_unknown: list[str]
    help_unknown: list[str]
    contact_score: int
    confide_score: int
    help_score: int
    score: int
    score_high: int


class Questionnaire(BaseModel):
    """The LSNS-6 as answered, scored exactly as Lubben et al. (2006): 0-30, at risk below 12."""

    model_config = ConfigDict(frozen=True)
    on: date
    perspective: Perspective
    answers: Lsns6
    relatives: int
    friends: int
    total: int
    at_risk: bool


class Isolation(BaseModel):
    model_config = ConfigDict(frozen=True)
    relatives: LsnsPart
    friends: LsnsPart
    lsns_total: int
    lsns_high: int
    coverage: float | None
    estimate: Estimate
    questionnaire: Questionnaire | None
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


def questionnaire(readings: Iterable[OutcomeReading], *, on: date | None = None) -> Questionnaire | None:
    """The latest LSNS-6 answered on or before ``on`` (any day when None), scored; None if never answered.

    >>> answers = Lsns6(relatives_seen=4, relatives_private=3, relatives_help=3,
    ...                 friends_seen=2, friends_private=1, friends_help=1)
    >>> q = questionnaire([OutcomeReading(on=date(2026, 5, 1), lsns6=answers)])
    >>> q.total, q.at_risk
    (14, False)
    """
    answered = [r for r in readings if r.lsns6 is not None and (on is None or r.on <= on)]
    if not answered:
        return None
    latest = max(answered, key=lambda r: (r.on, r.id))
    assert latest.lsns6 is not None
    a = latest.lsns6
    return Questionnaire(
        on=latest.on,
        perspective=latest.perspective,
        answers=a,
        relatives=a.relatives,
        friends=a.friends,
        total=a.total,
        at_risk=a.at_risk,
    )


# One person's three inputs: True counts, False does not, None is not recorded.
_Inputs = tuple[bool | None, bool | None, bool | None]


def _tie_inputs(tie: Tie) -> _Inputs:
    if not supports_ego(tie):
        return (False, False, False)
    contact = None if tie.frequency is None else tie.frequency in MONTHLY_OR_MORE
    if not tie.domains:
        return (contact, None, None)
    confide = SupportDomain.EMOTIONAL in tie.domains
    helps = tie.strength >= 2 and bool(HELP_DOMAINS.intersection(tie.domains))
    return (contact, confide, helps)


def _untied_inputs(membership: Membership | None, ego: str) -> _Inputs:
    """Someone on the map with no relationship recorded: unknown, unless the work has not joined them
    to the young person yet or a restriction keeps them apart."""
    if membership is not None and (
        membership.status in NOT_YET_CONNECTED
        or any(r.other_person_id in (None, ego) for r in membership.restrictions)
    ):
        return (False, False, False)
    return (None, None, None)


def _inputs(G: nx.Graph, sectors: frozenset[Sector]) -> dict[str, _Inputs]:
    ego = ego_of(G)
    tied = dict(ego_ties(G))
    found: dict[str, _Inputs] = {}
    for person, node in sorted(G.nodes(data=True)):
        if person == ego or node["professional"] or node["sector"] not in sectors:
            continue
        found[person] = (
            _tie_inputs(tied[person]["tie"])
            if person in tied
            else _untied_inputs(node["membership"], str(ego))
        )
    return found


def _part(inputs: dict[str, _Inputs]) -> LsnsPart:
    yes = [[p for p, i in inputs.items() if i[k] is True] for k in range(3)]
    unknown = [[p for p, i in inputs.items() if i[k] is None] for k in range(3)]
    scores = [lsns_item_score(len(x)) for x in yes]
    return LsnsPart(
        contact=yes[0],
        confide=yes[1],
        help=yes[2],
        contact_unknown=unknown[0],
        confide_unknown=unknown[1],
        help_unknown=unknown[2],
        contact_score=scores[0],
        confide_score=scores[1],
        help_score=scores[2],
        score=sum(scores),
        score_high=sum(lsns_item_score(len(y) + len(u)) for y, u in zip(yes, unknown, strict=True)),
    )


def _estimate(low: int, high: int) -> Estimate:
    if high < AT_RISK_BELOW:
        return Estimate.AT_RISK
    return Estimate.NOT_AT_RISK if low >= AT_RISK_BELOW else Estimate.NOT_ENOUGH_RECORDED


def isolation(network: Network | nx.Graph, *, on: date | None = None) -> Isolation:
    """The LSNS-6 answered (if it was) beside an estimate from the young person's ties, with plain flags.

    The estimate asks the six questions of the network. Relatives are members in the family sector;
    friends are friends and peers/community; professionals never count. For each person, from
    their tie with the young person: seen or heard from at least monthly (contact frequency daily,
    weekly or monthly); can talk about private matters (emotional support); could call on for help
    (practical, housing, money, education/work, health or advice support, at strength 2 or more).
    Stressful and harmful ties, and support flowing only from the young person, count for nothing.
    What is not recorded (no contact frequency, no kinds of support, a member with no tie who is
    not a lead still being worked on) is never scored as "none": ``lsns_total`` counts what is
    recorded, ``lsns_high`` what it would be if every unknown counted. The estimate is at risk when
    even ``lsns_high`` is below 12, not at risk when ``lsns_total`` reaches 12, and otherwise "not
    enough recorded". ``at_risk`` follows the questionnaire when it was answered, else the estimate.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> i = isolation(tiny_network(), on=date(2026, 1, 15))
    >>> i.relatives.score, i.friends.score, i.lsns_total, i.lsns_high, i.estimate.value, i.at_risk
    (3, 2, 5, 5, 'at_risk', True)
    """
    G = as_graph(network, on=on)
    relative_inputs, friend_inputs = _inputs(G, RELATIVES), _inputs(G, FRIENDS)
    relatives, friends = _part(relative_inputs), _part(friend_inputs)
    low, high = relatives.score + friends.score, relatives.score_high + friends.score_high
    every = [*relative_inputs.values(), *friend_inputs.values()]
    asked = 3 * len(every)
    known = sum(x is not None for inputs in every for x in inputs)
    answered = questionnaire(G.graph.get("readings", ()), on=G.graph.get("on"))
    estimate = _estimate(low, high)
    own = [(other, data["tie"]) for other, data in ego_ties(G)]
    support = [other for other, tie in own if supports_ego(tie) and tie.domains]
    return Isolation(
        relatives=relatives,
        friends=friends,
        lsns_total=low,
        lsns_high=high,
        coverage=known / asked if asked else None,
        estimate=estimate,
        questionnaire=answered,
        at_risk=answered.at_risk if answered is not None else estimate is Estimate.AT_RISK,
        no_positive_nonprofessional_adult=not any(
            tie.valence is Valence.POSITIVE and not G.nodes[o]["professional"] and G.nodes[o]["adult"]
            for o, tie in own
        ),
        all_support_from_professionals=bool(support) and all(G.nodes[o]["professional"] for o in support),
        no_support_recorded=not support,
    )
