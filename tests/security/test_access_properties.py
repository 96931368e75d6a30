"""Property tests of the rule for people: random actors, cases, people and service calls.

For every call hypothesis makes up — any role, any set of granted cases, any case, any person in
the store (hidden ones and other cases' included) — three things must hold:

1. a refused call changes nothing;
2. an answer names no person the actor could not already see (or has just added), and carries no
   restricted detail to a role that may not read them;
3. a change touches only people the actor reaches, in cases the actor holds.

The next bypass of the kind the red team found (pulling a person from another case, editing a
hidden person's tie, planting kin) breaks one of these and is shrunk to the call that did it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel

from netmap.bootstrap import Services, bootstrap
from netmap.cli.demo_users import ensure_demo_users
from netmap.errors import NetmapError
from netmap.models import (
    DATASET_FIELDS,
    Case,
    Conference,
    ContactEvent,
    ContactMethod,
    DiscoveryStatus,
    Invitee,
    Kin,
    KinType,
    Membership,
    Person,
    Role,
    Sector,
    SnapshotEvent,
    Tie,
    restricted_fields,
)
from netmap.services.access import Action, Actor, allowed, require_case, visible_network
from netmap.services.users import SYSTEM_ACTOR
from tests.conftest import CHEAP_HASHER

CASES = ("c-always-hope", "c-discovery-kai", "c-discovery-kai-sister", "c-fgc-jade", "c-turning-25")
SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
PEOPLE = sorted({p["id"] for f in SAMPLES.glob("*.json") for p in json.loads(f.read_text())["people"]})
Probe = Callable[[Services, Actor, str, str], Any]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Services]:
    url = f"sqlite:///{tmp_path_factory.mktemp('properties') / 'p.db'}"
    with bootstrap(url, hasher=CHEAP_HASHER) as services:
        services.data.load_samples(SYSTEM_ACTOR)
        ensure_demo_users(services, SYSTEM_ACTOR)
        yield services


def _membership(s: Services, case_id: str, person_id: str) -> Membership:
    found = s.store.get(Membership, f"{case_id}|{person_id}")
    return found or Membership.make(case_id, person_id, sector=Sector.FAMILY)


def _first(links: list[Any], person_id: str) -> list[Any]:
    """The first kin link or tie that names ``person_id`` (none if there is none)."""
    return [link for link in links if person_id in (link.from_id, link.to_id)][:1]


def _conference(s: Services, case_id: str) -> str:
    found = s.store.list(Conference, case_id=case_id)
    return found[0].id if found else "f-none"


PROBES: dict[str, Probe] = {
    "cases.get_network": lambda s, a, c, p: s.cases.get_network(a, c),
    "cases.list_cases": lambda s, a, c, p: s.cases.list_cases(a),
    "cases.list_snapshots": lambda s, a, c, p: s.cases.list_snapshots(a, c),
    "cases.network_and_snapshots": lambda s, a, c, p: s.cases.network_and_snapshots(a, c),
    "cases.take_snapshot": lambda s, a, c, p: s.cases.take_snapshot(a, c, SnapshotEvent.OTHER),
    "cases.cannot_hide": lambda s, a, c, p: s.cases.cannot_hide(a, c),
    "data.export_dataset": lambda s, a, c, p: s.data.export_dataset(a, c),
    "data.export_network": lambda s, a, c, p: s.data.export_network(a, c),
    "network.link_person": lambda s, a, c, p: s.network.link_person(a, c, p, _membership(s, c, p)),
    "network.add_member": lambda s, a, c, p: s.network.add_member(
        a, c, s.store.get(Person, p) or Person(id=p, name="X"), Membership.make(c, p, sector=Sector.FRIENDS)
    ),
    "network.update_person": lambda s, a, c, p: s.network.update_person(
        a, c, (s.store.get(Person, p) or Person(id=p, name="X")).model_copy(update={"known_as": "Renamed"})
    ),
    "network.update_membership": lambda s, a, c, p: s.network.update_membership(
        a, _membership(s, c, p).model_copy(update={"ring": 1})
    ),
    "network.update_member": lambda s, a, c, p: s.network.update_member(
        a,
        c,
        (s.store.get(Person, p) or Person(id=p, name="X")).model_copy(update={"known_as": "Renamed"}),
        _membership(s, c, p).model_copy(update={"role_label": "Renamed"}),
    ),
    "network.add_kin": lambda s, a, c, p: s.network.add_kin(
        a,
        c,
        Kin(id=f"k-prop-{c}-{p}", from_id=s.store.get_network(c).case.ego_id, to_id=p, kind=KinType.SIBLING)
        if s.store.get_network(c).case.ego_id != p
        else Kin(id="k-self", from_id="p-x", to_id=p, kind=KinType.SIBLING),
    ),
    "network.remove_kin": lambda s, a, c, p: [
        s.network.remove_kin(a, c, k.id, k.version) for k in _first(s.store.list(Kin), p)
    ],
    "network.update_tie": lambda s, a, c, p: [
        s.network.update_tie(a, t.model_copy(update={"notes": "changed"}))
        for t in _first(s.store.list(Tie), p)
    ],
    "network.add_tie": lambda s, a, c, p: s.network.add_tie(
        a, Tie(id=f"t-prop-{c}-{p}", case_id=c, from_id=s.store.get_network(c).case.ego_id, to_id=p)
    ),
    "discovery.log_contact": lambda s, a, c, p: s.discovery.log_contact(
        a,
        ContactEvent(
            id=f"e-prop-{c}-{p}", case_id=c, person_id=p, on=date(2026, 11, 1), method=ContactMethod.NOTE
        ),
    ),
    "discovery.set_status": lambda s, a, c, p: s.discovery.set_status(
        a, c, p, DiscoveryStatus.LOCATED, _membership(s, c, p).version
    ),
    "discovery.list_contacts": lambda s, a, c, p: s.discovery.list_contacts(a, c),
    "conferences.invite": lambda s, a, c, p: s.conferences.invite(
        a,
        _conference(s, c),
        Invitee(person_id=p),
        s.store.get(Conference, _conference(s, c)).version
        if s.store.get(Conference, _conference(s, c))
        else 1,
    ),
    "conferences.list_conferences": lambda s, a, c, p: s.conferences.list_conferences(a, c),
    "directory.who_does_what": lambda s, a, c, p: s.directory.who_does_what(a, c),
    "directory.list_services": lambda s, a, c, p: s.directory.list_services(a),
    "metrics.case_metrics": lambda s, a, c, p: s.metrics.case_metrics(a, c),
}


# The calls that change people or link them come up three times as often as the reads.
WRITES = (
    "network.add_member", "network.link_person", "network.update_person", "network.update_membership",
    "network.update_member",
    "network.add_kin", "network.remove_kin", "network.add_tie", "network.update_tie",
    "discovery.log_contact", "discovery.set_status", "conferences.invite", "cases.take_snapshot",
)  # fmt: skip
WEIGHTED = sorted(PROBES) + [name for name in WRITES for _ in range(2)]


@st.composite
def actors(draw: st.DrawFn) -> Actor:
    role = draw(st.sampled_from(list(Role)))
    grants = frozenset(draw(st.sets(st.sampled_from(CASES), max_size=3)))
    username = draw(st.sampled_from(["practitioner", "viewer", "jordan", "someone", "facilitator"]))
    person_id = None
    if role is Role.YOUNG_PERSON and grants:
        person_id = draw(st.sampled_from(["p-ah-jordan", "p-jade-jade", "p-hol-kai", "p-leah-leah"]))
    return Actor(username=username, role=role, case_ids=grants, person_id=person_id)


def _snapshot(s: Services) -> dict[str, dict[str, str]]:
    """Every record as stored (its version and stored text), by dataset field and id: what a refused call
    must leave exactly as it was. Read straight from the SQLite file: the stored text changes with any
    write, even one that leaves every value as it was (encryption seals each write afresh)."""
    with closing(sqlite3.connect(s.store.url.removeprefix("sqlite:///"))) as raw:
        return {
            name: {
                record_id: f"{version}|{data}"
                for record_id, version, data in raw.execute(f'SELECT id, version, data FROM "{model.table}"')
            }
            for model, name in DATASET_FIELDS.items()
        }


_MODELS = {name: model for model, name in DATASET_FIELDS.items()}


def _record(s: Services, table: str, record_id: str) -> dict[str, Any]:
    found = s.store.get(_MODELS[table], record_id)
    assert found is not None, f"{table} {record_id} is stored but cannot be read"
    return found.model_dump(mode="json")


def _visible_people(s: Services, actor: Actor) -> set[str]:
    """The people ``actor`` may see: members they may see of every case they may open, and the local
    services of the directory (public information about organisations)."""
    seen = {p.id for p in s.store.list(Person) if p.kind.value == "service"}
    for case in s.store.list(Case):
        try:
            require_case(actor, Action.CASE_READ, case)
        except NetmapError:
            continue
        seen |= {p.id for p in visible_network(actor, s.store.get_network(case.id)).people}
    return seen


def _people_in(result: Any) -> set[str]:
    found: set[str] = set()

    def walk(obj: Any) -> None:
        if isinstance(obj, Person):
            found.add(obj.id)
        if isinstance(obj, BaseModel):
            for name in type(obj).model_fields:
                walk(getattr(obj, name))
        elif isinstance(obj, list | tuple | set):
            for item in obj:
                walk(item)
        elif isinstance(obj, dict):
            for item in obj.values():
                walk(item)

    walk(result)
    return found


def _secrets(s: Services) -> set[str]:
    found: set[str] = set()
    for person in s.store.list(Person):
        found |= {getattr(person, f) for f in restricted_fields(Person) if len(getattr(person, f)) > 3}
    return found


def _case_of(table: str, record: dict[str, Any]) -> str | None:
    if table == "cases":
        return str(record["id"])
    return record.get("case_id")


@settings(
    max_examples=500,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(
    actor=actors(),
    case_id=st.sampled_from(CASES),
    holds=st.sampled_from([True, True, True, False]),
    who=st.sampled_from(["member", "stranger", "stranger", "anyone"]),
    anyone=st.sampled_from(PEOPLE),
    member=st.integers(min_value=0, max_value=60),
    probe=st.sampled_from(WEIGHTED),
)
def test_the_rule_for_people_holds_for_any_actor_case_person_and_call(
    world: Services,
    actor: Actor,
    case_id: str,
    holds: bool,
    who: str,
    anyone: str,
    member: int,
    probe: str,
) -> None:
    s = world
    if holds:  # half the time the actor holds the case (for a young person: it is theirs)
        ego = s.store.get_network(case_id).case.ego_id
        person = ego if actor.role is Role.YOUNG_PERSON else actor.person_id
        actor = Actor(actor.username, actor.role, actor.case_ids | {case_id}, person)
    before, seen_before = _snapshot(s), _visible_people(s, actor)
    # the person: one of the case's members, someone the actor cannot see (the attacks), or anyone
    pools = {
        "member": sorted(m.person_id for m in s.store.list(Membership, case_id=case_id)),
        "stranger": sorted(set(PEOPLE) - seen_before),
    }
    pool = pools.get(who) or [anyone]
    person_id = pool[member % len(pool)]
    try:
        result = PROBES[probe](s, actor, case_id, person_id)
    except (NetmapError, ValueError):  # a refusal, or arguments the model itself refuses
        event("refused")
        assert _snapshot(s) == before, f"{probe} was refused but changed the store"
        return
    event(f"answered: {'changed the store' if _snapshot(s) != before else 'read only'}")
    after = _snapshot(s)
    new_people = set(after["people"]) - set(before["people"])
    known = seen_before | new_people  # whom the actor could reach before the call, or created in it
    # 2. the answer names only people the actor could see, or has just added
    leaked = _people_in(result) - known
    assert not leaked, f"{probe} handed {actor.role.value} people they cannot see: {sorted(leaked)}"
    if not allowed(actor, Action.RESTRICTED_READ):
        text = json.dumps(
            result, default=lambda o: o.model_dump(mode="json") if isinstance(o, BaseModel) else str(o)
        )
        assert not [x for x in _secrets(s) if x in text], (
            f"{probe} handed restricted details to {actor.role.value}"
        )
    # 3. every change is to someone the actor reaches now, in a case the actor holds
    for table, records in after.items():
        for record_id, data in records.items():
            if before[table].get(record_id) == data:
                continue
            record = _record(s, table, record_id)
            if table == "people":
                assert actor.is_admin or record_id in known, f"{probe} changed person {record_id}"
                continue
            if table == "memberships" and not actor.is_admin:
                linked = record["person_id"]
                assert linked in known, (
                    f"{probe} pulled {linked}, whom {actor.role.value} did not reach, into {record['case_id']}"
                )
            case = _case_of(table, record)
            if case is not None and not actor.is_admin:
                assert case in actor.case_ids, f"{probe} changed {table} {record_id} in case {case}"
                if actor.role is Role.YOUNG_PERSON:
                    assert s.store.get(Case, case).ego_id == actor.person_id  # type: ignore[union-attr]
            if table == "kin" and not actor.is_admin:
                assert {record["from_id"], record["to_id"]} <= known, f"{probe} planted kin {record_id}"


def test_the_probes_reach_every_use_case_on_people() -> None:
    """The probes cover the service calls that reach a person's record or link one into a case."""
    assert set(WRITES) <= set(PROBES)
