"""Property test: the partnership entries a store keeps always equal a fresh computation, and so does the
partnership made from them, whatever was written.

The writes are those of the cohort rows' property test (ties, members, people, kin, sharing
choices, snapshots, conferences, deletes with their cascades, erasure, cases deleted and restored,
old versions written back) and what the partnership reads besides: a person's agency, the kinds of
support a tie carries, a case's needs, area and the young person's own words, and the directory's
services; and the practitioner's grants removed and given again. Between them the partnership is
made for an administrator and for a practitioner (whom the young person's sharing choices apply
to), as their account is when they sign in then, on several days. After every step, each entry
the store holds as valid for a view and holding on the day equals the entry computed afresh from
the case as that view sees it on that day, the partnership equals the one made from entries all
computed afresh, and no entry of the practitioner's is held for a case they no longer hold. On
SQLite, FalkorDB and Neo4j.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from netmap.bootstrap import bootstrap
from netmap.errors import NetmapError
from netmap.graph.factory import open_store
from netmap.models import Case, Person, PersonKind, ServiceCategory, ServiceInfo, SupportDomain, Tie, new_id
from netmap.services.access import Actor, visible_network
from netmap.services.partnership import gather
from netmap.services.partnership_rows import compute_links, partnership_view, read_links
from tests.integration.test_cohort_rows_properties import (
    ACTORS,
    CASES,
    DAYS,
    ON,
    Op,
    World,
    _changed,
    _graph,
    _ops,
    _pick,
)
from tests.neo4j_server import wipe_neo4j

AGENCIES = ("", "Northshire Probation", "Northshire Youth Hub")
AREAS = ("", "Northshire County Council", "Southvale")
WORDS = ("", "somewhere to live", "a job, and seeing my sister")


def _partnership_ops() -> st.SearchStrategy[Op]:
    index = st.integers(0, 40)
    case = st.sampled_from(CASES)
    return st.one_of(
        # the cohort report and the figures: the partnership instead, for that actor on that day
        _ops().map(lambda op: ("partnership", *op[1:]) if op[0] in ("report", "figures") else op),
        st.tuples(st.just("agency"), index, st.sampled_from(AGENCIES)),
        st.tuples(
            st.just("domains"), case, index, st.lists(st.sampled_from(list(SupportDomain)), max_size=2)
        ),
        st.tuples(
            st.just("needs"),
            case,
            st.lists(st.sampled_from(list(ServiceCategory)), max_size=2),
            st.sampled_from(WORDS),
            st.sampled_from(AREAS),
        ),
        st.tuples(
            st.just("service"),
            st.sampled_from(list(ServiceCategory)),
            st.sampled_from(("", "Northshire", "Southvale")),
            st.sampled_from((None, 18, 30)),
        ),
    )


class PartnershipWorld(World):
    """The cohort rows' world, with the partnership's own writes, made on the day the clock says."""

    today = ON

    def apply(self, op: Op) -> None:
        name, *args = op
        store = self.store
        if name == "partnership":
            actor, days = args
            self.today = ON + timedelta(days=days)
            self.services.directory.partnership(self.signed_in(actor))
        elif name == "agency":
            person = _pick(store.list(Person), args[0])
            if person is not None:
                self.write([_changed(person, {"agency": args[1]})])
        elif name == "domains":
            tie = _pick(store.list(Tie, case_id=args[0]), args[1])
            if tie is not None:
                self.write([_changed(tie, {"domains": args[2]})])
        elif name == "needs":
            case = store.get(Case, args[0])
            if case is not None:
                update = {"needs": args[1], "wants_help_with": args[2], "local_authority": args[3]}
                self.write([_changed(case, update)])
        elif name == "service":
            # the directory is not part of any case: read every time, never kept
            category, area, youngest = args
            info = ServiceInfo(categories=[category], age_min=youngest)
            self.write(
                [
                    Person(
                        id=new_id("p"),
                        name="A service",
                        kind=PersonKind.SERVICE,
                        area=area,
                        service_info=info,
                    )
                ]
            )
        else:
            super().apply(op)

    def check_partnership(self) -> None:
        store, directory = self.store, self.services.directory
        self.check_forgotten()
        for actor in map(self.signed_in, ACTORS):
            kept = store.cohort_rows(partnership_view(actor))
            assert set(kept.rows) <= set(kept.gens), "an entry is kept for a case that is gone"
            for case_id, text in kept.rows.items():
                entry = read_links(case_id, text, self.today)
                if entry is not None:  # an entry holds for the days it names, and is made again after
                    fresh = compute_links(visible_network(actor, store.get_network(case_id)), self.today)
                    self.compared += 1
                    assert entry == fresh, (case_id, actor.username)
            held = [c for c in kept.gens if actor.is_admin or c in actor.case_ids]
            entries = [compute_links(visible_network(actor, store.get_network(c)), self.today) for c in held]
            made = directory.partnership(actor)
            assert made == gather(entries, store.list_services(), self.today), actor.username


def _run(url: str, steps: list[tuple[Op, Actor, int]]) -> None:
    """Each step: a write, then the partnership for one actor on one day; what is kept is checked after each."""
    world: PartnershipWorld | None = None

    def clock() -> datetime:
        assert world is not None
        return datetime.combine(world.today, time(12), tzinfo=UTC)

    with bootstrap(url, store=open_store(url), clock=clock) as services:
        world = PartnershipWorld(services)
        for op, actor, days in steps:
            for action in (op, ("partnership", actor, days)):
                try:
                    world.apply(action)
                except (NetmapError, ValidationError):
                    pass  # a refused write (a young person deleted, a conflict, a bad date) changes nothing
                world.check_partnership()
        event(f"entries compared: {min(world.compared, 60) // 20 * 20}+")


STEPS = st.lists(
    st.tuples(_partnership_ops(), st.sampled_from(ACTORS), st.sampled_from(DAYS)), min_size=1, max_size=12
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_kept_partnership_entries_equal_a_fresh_computation_on_sqlite(
    steps: list[tuple[Op, Actor, int]],
) -> None:
    with tempfile.TemporaryDirectory(prefix="netmap-partnership-") as folder:
        _run(f"sqlite:///{Path(folder) / 'p.db'}", steps)


@pytest.mark.falkordb
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_kept_partnership_entries_equal_a_fresh_computation_on_falkordb(
    falkordb_server: Any, steps: list[tuple[Op, Actor, int]]
) -> None:
    with _graph(falkordb_server) as url:
        _run(url, steps)


@pytest.mark.neo4j
@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(steps=STEPS)
def test_kept_partnership_entries_equal_a_fresh_computation_on_neo4j(
    neo4j_server_url: str, steps: list[tuple[Op, Actor, int]]
) -> None:
    # Neo4j Community holds one database: each example starts from it wiped.
    wipe_neo4j(neo4j_server_url)
    _run(neo4j_server_url, steps)
