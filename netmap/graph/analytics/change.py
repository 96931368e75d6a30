"""Change over time between two snapshots of a case: who and which ties were gained, lost, strengthened."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict

from netmap.graph.analytics.measured import Measured
from netmap.graph.analytics.summary import Summary, difference
from netmap.models import Network, Snapshot, SnapshotEvent, Tie, Valence

__all__ = ["Change", "TieChange", "baseline", "compare", "compare_snapshots"]

VALENCE_RANK = {Valence.HARMFUL: 0, Valence.STRESSFUL: 1, Valence.MIXED: 2, Valence.POSITIVE: 3}


class TieChange(BaseModel):
    model_config = ConfigDict(frozen=True)
    people: tuple[str, str]
    valence_before: Valence
    valence_after: Valence
    strength_before: int
    strength_after: int


class Change(BaseModel):
    """What changed from ``before_on`` to ``after_on`` (default view on each date)."""

    model_config = ConfigDict(frozen=True)
    before_on: date
    after_on: date
    size_before: int
    size_after: int
    members_gained: list[str]
    members_lost: list[str]
    ties_gained: list[tuple[str, str]]
    ties_lost: list[tuple[str, str]]
    strengthened: list[TieChange]
    weakened: list[TieChange]
    before: Summary
    after: Summary
    change: dict[str, int | float | None]


def _rank(tie: Tie) -> tuple[int, int]:
    # A change of valence outweighs a change of strength: harmful at 3 is not stronger than positive at 1.
    return VALENCE_RANK[tie.valence], tie.strength


def compare(
    before: Network,
    after: Network,
    *,
    before_on: date,
    after_on: date,
    measured: Measured | None = None,
) -> Change:
    """Members and ties gained and lost, ties strengthened and weakened, and every headline's change.

    ``measured`` holds the graphs and summaries the caller has worked out already, if any.

    A tie is strengthened when its valence moved towards positive (harmful, stressful, mixed,
    positive), or kept its valence and rose in strength; weakened the other way round.

    >>> from netmap.graph.analytics.samples import tiny_network
    >>> now = tiny_network()
    >>> then = now.model_copy(update={"ties": [t for t in now.ties if t.to_id != "p-jo"]})
    >>> c = compare(then, now, before_on=date(2026, 1, 15), after_on=date(2026, 1, 15))
    >>> c.ties_gained, c.size_before, c.size_after
    ([('p-jo', 'p-kai')], 5, 5)
    """
    measured = measured or Measured()
    a, b = measured.graph(before, before_on), measured.graph(after, after_on)
    ego_a, ego_b = a.graph["ego"], b.graph["ego"]
    members_a = {n for n in a if n != ego_a}
    members_b = {n for n in b if n != ego_b}
    ties_a = {tuple(sorted((u, v))): d["tie"] for u, v, d in a.edges(data=True)}
    ties_b = {tuple(sorted((u, v))): d["tie"] for u, v, d in b.edges(data=True)}
    up: list[TieChange] = []
    down: list[TieChange] = []
    for pair in sorted(ties_a.keys() & ties_b.keys()):
        old, new = ties_a[pair], ties_b[pair]
        if _rank(old) == _rank(new):
            continue
        moved = TieChange(
            people=pair,
            valence_before=old.valence,
            valence_after=new.valence,
            strength_before=old.strength,
            strength_after=new.strength,
        )
        (up if _rank(new) > _rank(old) else down).append(moved)
    s_a, s_b = measured.summary(before, before_on), measured.summary(after, after_on)
    return Change(
        before_on=before_on,
        after_on=after_on,
        size_before=s_a.size,
        size_after=s_b.size,
        members_gained=sorted(members_b - members_a),
        members_lost=sorted(members_a - members_b),
        ties_gained=sorted(ties_b.keys() - ties_a.keys()),
        ties_lost=sorted(ties_a.keys() - ties_b.keys()),
        strengthened=up,
        weakened=down,
        before=s_a,
        after=s_b,
        change=difference(s_a, s_b),
    )


def compare_snapshots(before: Snapshot, after: Snapshot) -> Change:
    """:func:`compare` of two snapshots, each read on the day it was taken."""
    return compare(before.network, after.network, before_on=before.taken_on, after_on=after.taken_on)


def baseline(snapshots: Iterable[Snapshot]) -> Snapshot | None:
    """The snapshot to measure change from: the earliest referral snapshot, else the earliest of all.

    >>> baseline([]) is None
    True
    """
    ordered = sorted(snapshots, key=lambda s: (s.taken_on, s.id))
    referral = [s for s in ordered if s.event is SnapshotEvent.REFERRAL]
    return (referral or ordered)[0] if ordered else None
