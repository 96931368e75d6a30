"""Each record's canonical text in netmap's JSON export is exactly what Python's ``json`` writes
(sorted keys, two-space indent, no ASCII escaping), whichever writer made it."""

from __future__ import annotations

import json
import math
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from netmap.ingest.json_format import record_text
from netmap.models import Case, MapPoint, Membership, Network, Person, Record, Snapshot, Tie


def _reference(record: Record) -> str:
    return json.dumps(record.model_dump(mode="json"), sort_keys=True, indent=2, ensure_ascii=False)


def _snapshot(point: MapPoint) -> Snapshot:
    case = Case(id="c-1", title="Jo's map", ego_id="p-1")
    people = [Person(id="p-1", name="Jo"), Person(id="p-2", name="Sam \u00e9")]
    memberships = [
        Membership(id="c-1|p-1", case_id="c-1", person_id="p-1", sector="family"),
        Membership(id="c-1|p-2", case_id="c-1", person_id="p-2", sector="friends", map_point=point),
    ]
    ties = [Tie(id="t-1", case_id="c-1", from_id="p-1", to_id="p-2", domains=["money", "emotional"])]
    network = Network(case=case, people=people, memberships=memberships, ties=ties)
    return Snapshot(id="s-1", case_id="c-1", event="review", taken_on=date(2025, 1, 2), network=network)


@pytest.mark.parametrize(
    "record",
    [
        Person(
            id="p-1",
            name="Zoë \u00e9 \u4e2d \U0001f600",
            phone="07700 900123",
            safeguarding_notes='a "quoted" \\ note',
        ),
        # Floats Python writes in exponent form (1e-07) and pydantic's writer would not (1e-7).
        Membership(
            id="c-1|p-1",
            case_id="c-1",
            person_id="p-1",
            sector="family",
            map_point=MapPoint(angle=1e-7, distance=1.0),
        ),
        Membership(
            id="c-1|p-2",
            case_id="c-1",
            person_id="p-2",
            sector="family",
            map_point=MapPoint(angle=-0.0, distance=4.5),
        ),
        Membership(
            id="c-1|p-3",
            case_id="c-1",
            person_id="p-3",
            sector="family",
            map_point=MapPoint(angle=179.99999, distance=2.4),
        ),
        Membership(
            id="c-1|p-4",
            case_id="c-1",
            person_id="p-4",
            sector="family",
            map_point=MapPoint.model_construct(angle=math.nan, distance=2.0),  # validation refuses NaN
        ),
        # A float Python writes in exponent form deep inside a snapshot's network.
        _snapshot(MapPoint(angle=-3.5e-6, distance=1.5)),
        _snapshot(MapPoint(angle=12.25, distance=1.5)),
    ],
    ids=[
        "text",
        "tiny-float",
        "negative-zero",
        "plain-float",
        "nan",
        "snapshot-tiny-float",
        "snapshot-plain",
    ],
)
def test_record_text_is_pythons_canonical_json(record: Record) -> None:
    assert record_text(record) == _reference(record)


@settings(max_examples=300, deadline=None)
@given(
    name=st.text(min_size=1, max_size=60),
    notes=st.text(max_size=200),
    angle=st.floats(allow_nan=False, allow_infinity=False),
    distance=st.floats(min_value=0.5, max_value=4.5),
)
def test_any_text_and_float_is_written_as_pythons_json_writes_it(
    name: str, notes: str, angle: float, distance: float
) -> None:
    try:
        person = Person(id="p-1", name=name, safeguarding_notes=notes)
    except ValidationError:
        person = Person(id="p-1", name="Jo")
    point = MapPoint(angle=angle, distance=distance)
    member = Membership(id="c-1|p-2", case_id="c-1", person_id="p-2", sector="family", map_point=point)
    for record in (person, member, _snapshot(point)):
        assert record_text(record) == _reference(record)
