"""Each record's canonical text in netmap's JSON export is exactly what Python's ``json`` writes
(sorted keys, two-space indent, no ASCII escaping), whichever writer made it."""

from __future__ import annotations

import json

import pytest

from netmap.ingest.json_format import record_text
from netmap.models import MapPoint, Membership, Person, Record


def _reference(record: Record) -> str:
    return json.dumps(record.model_dump(mode="json"), sort_keys=True, indent=2, ensure_ascii=False)


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
    ],
    ids=["text", "tiny-float", "negative-zero", "plain-float"],
)
def test_record_text_is_pythons_canonical_json(record: Record) -> None:
    assert record_text(record) == _reference(record)
