"""A stored record read as its JSON value without being validated (the whole-store export's read,
``stored_json``) is exactly what validating it and dumping it again gives: for any record netmap
writes, and for rows that are not what today's models write (older rows, numbers orjson reads
differently), which are validated instead."""

from __future__ import annotations

import json
import math
from datetime import date
from typing import Any, get_args

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic.functional_validators import AfterValidator, BeforeValidator, PlainValidator, WrapValidator

from netmap.graph.adapters.stored_json import has_shape, stored_json
from netmap.models import (
    RECORD_TYPES,
    STORED,
    Case,
    Conference,
    ContactEvent,
    Grant,
    Invitee,
    Kin,
    MapPlace,
    MapPoint,
    Membership,
    Network,
    Person,
    PlanItem,
    Record,
    Restriction,
    Snapshot,
    Tie,
    User,
)
from tests.security.hostile import hostile_strings

HOSTILE = hostile_strings()


def _canonical(value: Any) -> str:
    # Text, not ==: 1 == 1.0 and -0.0 == 0.0 in Python, but the export writes them differently.
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def _validated(kind: type[Record], text: str) -> str:
    return _canonical(kind.model_validate_json(text, context=STORED).model_dump(mode="json"))


def _refuse(text: str) -> Record:
    raise AssertionError(f"validated, not read as stored: {text[:80]}")


def _network(point: MapPoint | None = None, person: Person | None = None) -> Network:
    case = Case(id="c-1", title="Jo's map", ego_id="p-1")
    people = [Person(id="p-1", name="Jo", address="Flat 2"), person or Person(id="p-2", name="Sam")]
    memberships = [
        Membership.make("c-1", "p-1", sector="family"),
        Membership.make("c-1", people[1].id, sector="friends", map_point=point),
    ]
    ties = [Tie(id="t-1", case_id="c-1", from_id="p-1", to_id=people[1].id, domains=["money", "emotional"])]
    return Network(case=case, people=people, memberships=memberships, ties=ties)


def _snapshot(network: Network) -> Snapshot:
    return Snapshot(id="s-1", case_id="c-1", event="review", taken_on=date(2025, 1, 2), network=network)


SAMPLES: list[Record] = [
    Person(
        id="p-1", name="Zoë \u00e9 \u4e2d \U0001f600", phone="enc1:not-a-token", birth_date=date(2001, 5, 6)
    ),
    Case(id="c-1", title="Jo's map", ego_id="p-1", questions=["Who visits?"], needs=["housing"]),
    Membership.make(
        "c-1",
        "p-2",
        sector="family",
        map_point=MapPoint(angle=1e-7, distance=4.5),
        young_person_place=MapPlace(sector="friends", ring=2, point=MapPoint(angle=-90, distance=1)),
        restrictions=[Restriction(kind="do_not_contact", other_person_id="p-3", details="Refuge")],
    ),
    Kin(id="k-1", from_id="p-1", to_id="p-2", kind="sibling"),
    ContactEvent(id="e-1", case_id="c-1", person_id="p-2", on=date(2025, 3, 1), method="call", done=True),
    Tie(id="t-1", case_id="c-1", from_id="p-1", to_id="p-2", domains=["money", "emotional", "money"]),
    Conference(
        id="f-1",
        case_id="c-1",
        invitees=[Invitee(person_id="p-2", notes="Ask about the refuge")],
        plan=[
            PlanItem(
                what="A bed on release night",
                owner_id="p-2",
                release_check="id",
                serves=["family_plan", "pathway_plan"],
            )
        ],
    ),
    _snapshot(_network(MapPoint(angle=-3.5e-6, distance=1.5))),
    User(id="amy", role="coordinator", failed_logins=3),
    Grant.make("amy", "c-1"),
]


def test_every_record_type_is_read_as_stored() -> None:
    assert [kind.__name__ for kind in RECORD_TYPES if not has_shape(kind)] == []
    assert {type(record) for record in SAMPLES} == set(RECORD_TYPES)


@pytest.mark.parametrize("record", SAMPLES, ids=lambda record: type(record).__name__)
def test_a_record_netmap_wrote_is_read_as_stored_and_is_its_validated_value(record: Record) -> None:
    text = record.model_dump_json()
    assert _canonical(stored_json(type(record), text, _refuse)) == _validated(type(record), text)


def _without(text: str, *path: str | int) -> str:
    value = orjson.loads(text)
    *parents, last = path
    holder = value
    for step in parents:
        holder = holder[step]
    del holder[last]
    return orjson.dumps(value).decode()


def _with(text: str, value_at: tuple[str | int, ...], new: Any) -> str:
    value = orjson.loads(text)
    *parents, last = value_at
    holder = value
    for step in parents:
        holder = holder[step]
    holder[last] = new
    return json.dumps(value, ensure_ascii=False)


_SNAPSHOT = _snapshot(_network(MapPoint(angle=10.0, distance=2.0))).model_dump_json()
_MEMBER = Membership.make("c-1", "p-2", sector="family", map_point=MapPoint(angle=10.0, distance=2.0))

# Rows today's models do not write, each of which the raw read would get wrong if it took it as stored.
OTHER_ROWS: list[tuple[str, type[Record], str]] = [
    (
        "a field added since: its default",
        Person,
        _without(Person(id="p-1", name="Jo").model_dump_json(), "kind"),
    ),
    ("added since, inside a snapshot", Snapshot, _without(_SNAPSHOT, "network", "people", 1, "kind")),
    (
        "added since, in a nested model",
        Snapshot,
        _without(_SNAPSHOT, "network", "memberships", 1, "young_person_place"),
    ),
    (
        "an angle validation turns round",
        Membership,
        _with(_MEMBER.model_dump_json(), ("map_point", "angle"), 180.0),
    ),
    (
        "an angle past a half turn",
        Snapshot,
        _with(_SNAPSHOT, ("network", "memberships", 1, "map_point", "angle"), 270.0),
    ),
    (
        "a float field holding an int",
        Membership,
        _with(_MEMBER.model_dump_json(), ("map_point", "distance"), 2),
    ),
    ("an int past 64 bits", User, User(id="amy", role="admin", failed_logins=2**70).model_dump_json()),
    (
        "a version past 64 bits",
        Person,
        _with(Person(id="p-1", name="Jo").model_dump_json(), ("version",), 2**64),
    ),
    ("a field no model has", Person, _with(Person(id="p-1", name="Jo").model_dump_json(), ("pet",), "cat")),
    ("a list where a model is", Membership, _with(_MEMBER.model_dump_json(), ("map_point",), [10.0, 2.0])),
    ("not JSON", Person, '{"id": "p-1", "name": "Jo"'),
    ("a lone surrogate", Person, '{"id": "p-1", "name": "Jo \\ud800"}'),
]


@pytest.mark.parametrize(
    ("kind", "text"), [(k, t) for _, k, t in OTHER_ROWS], ids=[n for n, _, _ in OTHER_ROWS]
)
def test_a_row_that_is_not_what_todays_model_writes_is_validated(kind: type[Record], text: str) -> None:
    try:
        expected = _validated(kind, text)
    except ValidationError as refused:
        with pytest.raises(ValidationError) as raised:
            stored_json(kind, text)
        assert raised.value.errors() == refused.errors()
        return
    assert _canonical(orjson.loads(text)) != expected  # read as stored, it would be wrong
    assert _canonical(stored_json(kind, text)) == expected


def test_an_angle_validation_turns_round_is_exported_as_validation_reads_it() -> None:
    # netmap before 2026-12-07 stored -180.00000000000003 as 180.0; 180.0 is read back as -180.0.
    point = MapPoint.model_construct(angle=180.0, distance=1.0)
    member = Membership.make("c-1", "p-2", sector="family", map_point=point)
    assert stored_json(Membership, member.model_dump_json())["map_point"]["angle"] == -180.0


_texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=80))
_floats = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([1e-7, -3.5e-6, 1e16, 5e-324, -0.0, 180.0, -180.0, math.nextafter(-180.0, -200.0)]),
)


def _or(make: Any, fallback: Any) -> Any:
    try:
        return make()
    except ValidationError:
        return fallback()


@settings(max_examples=150, deadline=None)
@given(
    name=_texts,
    text=_texts,
    angle=_floats,
    distance=st.floats(min_value=0.5, max_value=4.5),
    domains=st.lists(st.sampled_from(["money", "emotional", "housing", "practical"]), max_size=5),
)
def test_any_record_netmap_writes_is_read_as_stored_as_validation_reads_it(
    name: str, text: str, angle: float, distance: float, domains: list[str]
) -> None:
    person = _or(
        lambda: Person(id="p-2", name=name, known_as=name, address=text, safeguarding_notes=text),
        lambda: _or(lambda: Person(id="p-2", name="Sam", address=text), lambda: Person(id="p-2", name="Sam")),
    )
    point = MapPoint(angle=angle, distance=distance)
    member = _or(
        lambda: Membership.make("c-1", "p-2", sector="family", map_point=point, notes=text),
        lambda: Membership.make("c-1", "p-2", sector="family", map_point=point),
    )
    tie = Tie(id="t-1", case_id="c-1", from_id="p-1", to_id="p-2", domains=domains)
    for record in (person, member, tie, _snapshot(_network(point, person))):
        text_stored = record.model_dump_json()
        assert _canonical(stored_json(type(record), text_stored)) == _validated(type(record), text_stored)


# Every validator of the records' models. One that changes a value it accepts (rather than only
# refusing) makes rows stored before it differ from what validation gives: netmap/graph/adapters/
# stored_json.py must then say how the raw read finds them (its _UNCHANGED, or the fields it checks).
# Those below change values: ``_one_line`` strips, the vocabulary orders and the filled-in fields came
# with the fields they act on (a row from before lacks the field, and is validated); an angle is
# tested by _UNCHANGED.
VALIDATORS = {
    "checks only": {
        "CareHistory._in_order",
        "Case._dates_in_order",
        "CustodySpell._in_order",
        "Kin._two_ends",
        "Membership._id_from_keys",
        "Network._consistent",
        "OutcomeReading._release_night_is_a_place",
        "Restriction._non_association_names_someone",
        "ServiceInfo._ages_in_order",
        "Tie._two_ends",
        "_clean_text",
        "_not_blank",
        "_not_future",
        "_sealed_or_checked",
        "restricted_choice.<locals>.one_of",
    },
    "changes values": {
        "MapPoint._half_turn_each_side",
        "Person._birth_consistent",
        "PlanItem._check_has_a_pathway",
        "PlanItem._serves_once_each",
        "Tie._domains_in_order",
        "_one_line",
    },
}
_VALIDATOR_TYPES = (AfterValidator, BeforeValidator, WrapValidator, PlainValidator)


def _validators(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    if model in seen:
        return set()
    seen.add(model)
    decorators = model.__pydantic_decorators__
    found = {
        f"{model.__name__}.{name}"
        for group in (decorators.validators, decorators.field_validators, decorators.model_validators)
        for name in group
    }

    def inside(annotation: Any) -> None:
        for arg in get_args(annotation):
            if isinstance(arg, _VALIDATOR_TYPES):
                found.add(arg.func.__qualname__)
            elif isinstance(arg, type) and issubclass(arg, BaseModel):
                found.update(_validators(arg, seen))
            inside(arg)

    for info in model.model_fields.values():
        found.update(meta.func.__qualname__ for meta in info.metadata if isinstance(meta, _VALIDATOR_TYPES))
        if isinstance(info.annotation, type) and issubclass(info.annotation, BaseModel):
            found.update(_validators(info.annotation, seen))
        inside(info.annotation)
    return found


def test_the_validators_the_raw_read_was_written_for_are_all_there_are() -> None:
    seen: set[type[BaseModel]] = set()
    found = set().union(*(_validators(kind, seen) for kind in RECORD_TYPES))
    assert found == VALIDATORS["checks only"] | VALIDATORS["changes values"]
