"""The streamed JSON export gives the bytes of the canonical dump of the same dataset, with the same access rules."""

from __future__ import annotations

import pytest

from netmap.bootstrap import Services
from netmap.errors import AccessDenied
from netmap.ingest import json_format
from netmap.services.access import Actor
from netmap.services.users import SYSTEM_ACTOR


def test_the_whole_store_streams_to_the_same_bytes_as_its_dataset(sample_services: Services) -> None:
    streamed = "".join(sample_services.data.export_json(SYSTEM_ACTOR))
    assert streamed == json_format.dumps(sample_services.data.export_dataset(SYSTEM_ACTOR))
    assert json_format.loads(streamed).records()


def test_one_case_streams_as_the_actor_may_see_it(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    facilitator = demo_actors["facilitator"]
    streamed = "".join(sample_services.data.export_json(facilitator, "c-fgc-jade"))
    assert streamed == json_format.dumps(sample_services.data.export_dataset(facilitator, "c-fgc-jade"))
    assert {c.id for c in json_format.loads(streamed).cases} == {"c-fgc-jade"}
    with pytest.raises(AccessDenied):
        "".join(sample_services.data.export_json(facilitator, "c-always-hope"))


def test_only_an_admin_streams_the_whole_store(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    with pytest.raises(AccessDenied):
        "".join(sample_services.data.export_json(demo_actors["coordinator"]))
