"""Placeholders for hidden relatives: the family stays connected and nothing says who is hidden."""

from __future__ import annotations

import json
from collections import defaultdict

from netmap.models import Network
from netmap.planning.placeholders import (
    PLACEHOLDER_NAME,
    is_placeholder,
    needed_placeholders,
    with_placeholders,
)
from tests.unit.renderers.samples import sample_network


def _connected(network: Network) -> set[frozenset[str]]:
    """The groups of people joined by family links (people in no link are left out)."""
    links: dict[str, set[str]] = defaultdict(set)
    for k in network.kin:
        links[k.from_id].add(k.to_id)
        links[k.to_id].add(k.from_id)
    groups, seen = set(), set()
    for start in sorted(links):
        if start in seen:
            continue
        group, stack = {start}, [start]
        while stack:
            for other in links[stack.pop()] - group:
                group.add(other)
                stack.append(other)
        seen |= group
        groups.add(frozenset(group))
    return groups


def test_hiding_jordans_mum_keeps_his_grandparents_joined_to_him_through_a_placeholder() -> None:
    network = sample_network("always-hope.json")
    shown = with_placeholders(network, {"p-ah-donna"})
    ids = {p.id for p in shown.people}
    assert "p-ah-donna" not in ids and "not-shown:1" in ids
    (group,) = _connected(shown)
    assert {"p-ah-jordan", "p-ah-kyle", "p-ah-maureen", "p-ah-raymond", "not-shown:1"} <= group
    placeholder = next(p for p in shown.people if is_placeholder(p.id))
    assert placeholder.name == PLACEHOLDER_NAME and placeholder.gender == "unknown"
    assert placeholder.birth_year is None and not placeholder.deceased


def test_a_hidden_person_nobody_hangs_from_leaves_no_trace() -> None:
    network = sample_network("always-hope.json")
    # Kyle is Donna's son and Jordan's half-brother: Jordan is still joined to Donna without him
    assert needed_placeholders(network, {"p-ah-kyle"}) == []
    shown = with_placeholders(network, {"p-ah-kyle", "p-ah-reece"})
    assert not any(is_placeholder(p.id) for p in shown.people)
    assert {"p-ah-kyle", "p-ah-reece"}.isdisjoint({p.id for p in shown.people})
    assert all("p-ah-kyle" not in (t.from_id, t.to_id) for t in shown.ties)


def test_only_the_people_the_shape_needs_become_placeholders() -> None:
    network = sample_network("discovery-kai.json")
    # Stacey joins Kai to her parents and her siblings; Derek is married to Pat, who joins the rest
    assert needed_placeholders(network, {"p-hol-stacey", "p-hol-derek"}) == ["p-hol-stacey"]
    before = _connected(network)
    after = _connected(with_placeholders(network, {"p-hol-stacey", "p-hol-derek"}))
    assert len(after) == len(before) == 1


def test_nothing_about_the_hidden_person_reaches_the_network() -> None:
    network = sample_network("always-hope.json")
    shown = with_placeholders(network, {"p-ah-donna"})
    text = shown.model_dump_json()
    assert "donna" not in text.lower() and "Donna" not in text
    replaced = [k for k in shown.kin if "not-shown:1" in (k.from_id, k.to_id)]
    assert replaced and all(k.id.startswith("not-shown:link-") and not k.notes for k in replaced)
    assert json.loads(text)["case"]["ego_id"] == "p-ah-jordan"


def test_the_young_person_is_never_hidden() -> None:
    network = sample_network("always-hope.json")
    assert "p-ah-jordan" in {p.id for p in with_placeholders(network, {"p-ah-jordan"}).people}
