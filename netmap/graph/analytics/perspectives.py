"""Two perspectives: the measures from the young person's and the practitioner's view, and where they differ."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.graph import build_graph
from netmap.graph.analytics.summary import Summary, difference, measure, summarize
from netmap.models import Network, Perspective, Tie

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["COMPARED_FIELDS", "Disagreement", "Perspectives", "disagreements", "perspectives"]

COMPARED_FIELDS = ("valence", "strength", "frequency", "direction", "domains")


class Disagreement(BaseModel):
    """One field on which the two views of a pair differ (values as plain text, "" when unset)."""

    model_config = ConfigDict(frozen=True)
    people: tuple[str, str]
    field: str
    young_person: str
    practitioner: str


class Perspectives(BaseModel):
    model_config = ConfigDict(frozen=True)
    young_person: Summary
    practitioner: Summary
    change: dict[str, int | float | None]
    disagreements: list[Disagreement]
    only_young_person: list[tuple[str, str]]
    only_practitioner: list[tuple[str, str]]


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    return str(getattr(value, "value", value))


def _pair(tie: Tie) -> tuple[str, str]:
    a, b = sorted((tie.from_id, tie.to_id))
    return a, b


def disagreements(
    network: Network, *, on: date | None = None
) -> tuple[list[Disagreement], list[tuple[str, str]], list[tuple[str, str]]]:
    """Field-by-field differences for pairs both views recorded, then pairs only one view recorded.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> found, only_yp, only_pr = disagreements(tiny_network(), on=date(2026, 1, 15))
    >>> [(d.field, d.young_person, d.practitioner) for d in found], len(only_pr)
    ([('frequency', 'daily', 'weekly')], 4)
    """
    return _compare(
        build_graph(network, view="young_person", on=on), build_graph(network, view="practitioner", on=on)
    )


def _compare(
    yp: nx.Graph, pr: nx.Graph
) -> tuple[list[Disagreement], list[tuple[str, str]], list[tuple[str, str]]]:
    own_yp = {_pair(d["tie"]): d["tie"] for *_, d in yp.edges(data=True)}
    own_pr = {_pair(d["tie"]): d["tie"] for *_, d in pr.edges(data=True)}
    both: list[Disagreement] = []
    only_yp: list[tuple[str, str]] = []
    only_pr: list[tuple[str, str]] = []
    for pair in sorted(own_yp):
        a, b = own_yp[pair], own_pr[pair]
        if a.perspective is not Perspective.YOUNG_PERSON:
            only_pr.append(pair)
        elif b.perspective is not Perspective.PRACTITIONER:
            only_yp.append(pair)
        else:
            both.extend(
                Disagreement(
                    people=pair, field=f, young_person=_text(getattr(a, f)), practitioner=_text(getattr(b, f))
                )
                for f in COMPARED_FIELDS
                if getattr(a, f) != getattr(b, f)
            )
    return both, only_yp, only_pr


def perspectives(network: Network, *, on: date | None = None) -> Perspectives:
    """Measures from each view and the differences (practitioner minus young person).

    Each view uses its own record of a pair and falls back to the other view's record where it
    has none, so the numbers differ only where the two views disagree.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> p = perspectives(tiny_network(), on=date(2026, 1, 15))
    >>> p.change["strength_sum"] < 0
    True
    """
    g_yp = build_graph(network, view="young_person", on=on)
    g_pr = build_graph(network, view="practitioner", on=on)
    yp, pr = summarize(measure(g_yp)), summarize(measure(g_pr))
    found, only_yp, only_pr = _compare(g_yp, g_pr)
    return Perspectives(
        young_person=yp,
        practitioner=pr,
        change=difference(yp, pr),
        disagreements=found,
        only_young_person=only_yp,
        only_practitioner=only_pr,
    )
