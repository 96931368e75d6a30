"""The whole-store JSON export reads records as they are stored (``GraphStore.each_json``), on every
store: its bytes are those of the validated records (``export_dataset``) written as Python's ``json``
writes them, with restricted fields opened, hostile text, floats Python writes in exponent form and
rows an older netmap wrote."""

from __future__ import annotations

import functools
import json
import math
import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from netmap.bootstrap import Services, bootstrap
from netmap.graph.store import GraphStore, Put, WriteBatch
from netmap.ingest import json_format
from netmap.models import (
    CareHistory,
    Case,
    Conference,
    ConsentRecord,
    ContactEvent,
    CustodySpell,
    Grant,
    Invitee,
    Kin,
    Lsns6,
    MapPlace,
    MapPoint,
    Membership,
    Network,
    Ons4,
    OutcomeReading,
    Person,
    PlanItem,
    Record,
    Restriction,
    Sharing,
    Snapshot,
    Tie,
    User,
)
from netmap.services.users import SYSTEM_ACTOR
from tests.security.hostile import hostile_strings

# Points as people place them, as the ecomap editor computes them, and as Python writes them in
# exponent form (1e-07); and 180.0, which netmap before 2026-12-07 stored for -180.00000000000003 and
# which is read back as -180.0.
POINTS = [
    *(
        MapPoint(angle=angle, distance=distance)
        for angle, distance in [
            (1e-7, 1.0),
            (-3.5e-6, 4.5),
            (math.nextafter(-180.0, -200.0), 2.0),
            (179.99999, 0.5),
            (1e20, 1.0000000000000002),
            (5e-324, 3.25),
            (-0.0, 2.4),
        ]
    ),
    MapPoint.model_construct(angle=180.0, distance=2.0),
]


def _first(make: Callable[..., Record], *choices: dict[str, Any]) -> Record:
    """The record made from the first of ``choices`` it validates with."""
    for fields in choices[:-1]:
        try:
            return make(**fields)
        except ValidationError:
            continue
    return make(**choices[-1])


def _records() -> list[Record]:
    """A case of hostile people (restricted details, sealed by the store), with a snapshot of it."""
    texts = hostile_strings()[:200]
    people = [
        _first(
            Person,
            {
                "id": f"p-{n:03d}",
                "name": t,
                "known_as": t,
                "address": t,
                "phone": t[:200],
                "safeguarding_notes": t,
            },
            {"id": f"p-{n:03d}", "name": f"Person {n}", "address": t, "safeguarding_notes": t},
            {"id": f"p-{n:03d}", "name": f"Person {n}", "email": "someone@example.org"},
        )
        for n, t in enumerate(texts)
    ]
    ego = people[0]
    case = Case(
        id="c-1",
        title="Jordan's support network",
        ego_id=ego.id,
        questions=[t for t in texts[:5] if "\n" not in t and len(t) < 200 and t.isprintable()],
        custody=[CustodySpell(prison="HMP Eastmoor", from_on=date(2024, 1, 2))],
        care_history=CareHistory(from_year=2010, to_year=2019, notes=texts[3]),
        consent=ConsentRecord(given=True, given_by="Jordan", on=date(2025, 1, 10)),
        sharing=Sharing(hidden_people=[people[2].id], hidden_from={"viewer.kim": [people[3].id]}),
        outcomes=[
            OutcomeReading(
                id="o-1",
                on=date(2025, 2, 1),
                wellbeing=Ons4(life_satisfaction=6, worthwhile=7, happy=5, anxious=3),
                lsns6=Lsns6(
                    relatives_seen=3,
                    relatives_private=2,
                    relatives_help=1,
                    friends_seen=4,
                    friends_private=0,
                    friends_help=2,
                ),
            )
        ],
    )
    their_place = MapPlace(sector="friends", ring=2, point=MapPoint(angle=-1e-9, distance=1.0))
    memberships = [
        _first(
            functools.partial(Membership.make, "c-1", person.id),
            {
                "sector": "family",
                "notes": texts[n],
                "map_point": POINTS[n % len(POINTS)],
                "young_person_place": their_place if n % 3 == 0 else None,
                "restrictions": [Restriction(id=f"r-{n}", kind="do_not_contact", details=texts[n])]
                * (n % 4 == 1),
            },
            {"sector": "professionals", "map_point": MapPoint(angle=1e-5, distance=1.0)},
        )
        for n, person in enumerate(people[:60])
    ]
    ties = [
        Tie(
            id=f"t-{n:03d}",
            case_id="c-1",
            from_id=ego.id,
            to_id=person.id,
            domains=["money", "emotional", "housing"][: n % 4],
            since=date(2020, 1, 1),
        )
        for n, person in enumerate(people[1:60], start=1)
    ]
    kin = [Kin(id=f"k-{n}", from_id=ego.id, to_id=people[n].id, kind="sibling") for n in range(1, 6)]
    network = Network(case=case, people=people[:60], memberships=memberships, kin=kin, ties=ties)
    return [
        *people,
        case,
        *memberships,
        *kin,
        *ties,
        ContactEvent(
            id="e-1",
            case_id="c-1",
            person_id=people[1].id,
            on=date(2025, 3, 1),
            method="call",
            notes=texts[1],
        ),
        Conference(
            id="f-1",
            case_id="c-1",
            invitees=[Invitee(person_id=people[1].id, notes=texts[4]), Invitee(person_id=people[2].id)],
            plan=[
                PlanItem(
                    id="i-1",
                    what="A bed",
                    owner_id=people[1].id,
                    release_check="id",
                    serves=["family_plan", "pathway_plan"],
                )
            ],
        ),
        Snapshot(id="s-1", case_id="c-1", event="review", taken_on=date(2025, 1, 2), network=network),
        User(id="amy", role="coordinator", failed_logins=2**70),
        Grant.make("amy", "c-1"),
    ]


@pytest.fixture
def filled(store: GraphStore) -> Iterator[Services]:
    store.apply(
        WriteBatch(
            puts=[Put(record.model_copy(update={"version": 3}), restore=True) for record in _records()]
        )
    )
    yield bootstrap(store=store)


def _python_json(services: Services) -> str:
    """The validated records (``GraphStore.list``, restricted fields opened) as Python's ``json`` writes
    netmap's canonical format."""
    value = services.data.export_dataset(SYSTEM_ACTOR).model_dump(mode="json")
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _exported(services: Services) -> str:
    return "".join(services.data.export_json(SYSTEM_ACTOR))


def test_the_export_is_the_validated_records_as_python_writes_them(filled: Services) -> None:
    exported = _exported(filled)
    assert exported == _python_json(filled)
    assert exported == json_format.dumps(filled.data.export_dataset(SYSTEM_ACTOR))
    # What the test is about: sealed details opened, the turned angle, the long int, exponent floats.
    assert "enc1:" not in exported
    addresses = {r.address for r in _records() if isinstance(r, Person) and r.address}
    assert len(addresses) > 100
    assert addresses <= {person["address"] for person in json.loads(exported)["people"]}
    assert '"angle": -180.0' in exported and '"angle": 180.0' not in exported
    assert f'"failed_logins": {2**70}' in exported
    assert re.search(r'"angle": -?[0-9.]+e-0[0-9]', exported)  # as Python writes it, not orjson


def test_each_json_is_each_records_json_value(filled: Services) -> None:
    store = filled.store
    for kind in (Person, Case, Membership, Tie, Conference, Snapshot, User):
        as_json = [json.dumps(value, sort_keys=True) for value in store.each_json(kind)]
        assert as_json == [json.dumps(r.model_dump(mode="json"), sort_keys=True) for r in store.each(kind)]


def _rewrite(url: str, table: str, record_id: str, change: str) -> None:
    """Change one stored row as an older netmap would have written it (``change``: SQLite JSON calls on ``data``)."""
    with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
        conn.execute(f'UPDATE "{table}" SET data = {change} WHERE id = ?', (record_id,))


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_rows_an_older_netmap_wrote_are_exported_as_validation_reads_them(
    filled: Services, store_url: str
) -> None:
    before = _exported(filled)
    # Fields added since (validation fills their defaults in), at the top and inside a snapshot.
    _rewrite(store_url, "person", "p-001", "json_remove(data, '$.kind', '$.work_contact')")
    _rewrite(
        store_url,
        "snapshot",
        "s-1",
        "json_remove(data, '$.network.people[1].kind', '$.network.memberships[0].young_person_place')",
    )
    _rewrite(
        store_url,
        "membership",
        "c-1|p-002",
        "json_set(data, '$.map_point.distance', 2, '$.map_point.angle', 270.0)",
    )
    after = _exported(filled)
    assert after == _python_json(filled)
    assert after.count('"kind": "person"') == before.count('"kind": "person"')
    assert '"angle": -90.0' in after and '"distance": 2.0' in after
