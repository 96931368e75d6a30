"""The same work done through the services on SQLite, FalkorDB and Neo4j exports byte-identical JSON."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from netmap.bootstrap import bootstrap
from netmap.ingest import json_format
from netmap.models import (
    Conference,
    DiscoveryStatus,
    Membership,
    Person,
    Sector,
    Sharing,
    Tie,
    Valence,
)
from netmap.services.users import SYSTEM_ACTOR

CASE = "c-always-hope"


def _clock() -> datetime:
    return datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def _work(url: str) -> str:
    """Load the samples, change a case as a coordinator would, and export every case."""
    with bootstrap(url, clock=_clock) as services:
        services.data.load_samples(SYSTEM_ACTOR)
        aunt = Person(
            id="p-same-aunt", name="Bea Example", address="4 Quiet Row", birth_date=date(1980, 2, 3)
        )
        services.network.add_member(
            SYSTEM_ACTOR, CASE, aunt, Membership.make(CASE, aunt.id, sector=Sector.FAMILY, ring=2)
        )
        ego = services.cases.get_case(SYSTEM_ACTOR, CASE).ego_id
        tie = services.network.add_tie(
            SYSTEM_ACTOR, Tie(id="t-same-1", case_id=CASE, from_id=aunt.id, to_id=ego, strength=2)
        )
        services.network.update_tie(
            SYSTEM_ACTOR, tie.model_copy(update={"strength": 3, "valence": Valence.MIXED})
        )
        services.discovery.set_status(SYSTEM_ACTOR, CASE, aunt.id, DiscoveryStatus.IDENTIFIED, 1)
        case = services.cases.get_case(SYSTEM_ACTOR, CASE)
        services.cases.set_sharing(SYSTEM_ACTOR, CASE, Sharing(hidden_people=[aunt.id]), case.version)
        services.conferences.create_conference(SYSTEM_ACTOR, Conference(id="f-same", case_id=CASE))
        return "".join(
            json_format.dumps(services.data.export_dataset(SYSTEM_ACTOR, c.id))
            for c in services.cases.list_cases(SYSTEM_ACTOR)
        )


@pytest.mark.parametrize(
    "server",
    [pytest.param("falkordb", marks=pytest.mark.falkordb), pytest.param("neo4j", marks=pytest.mark.neo4j)],
)
def test_sqlite_and_a_cypher_store_export_the_same_bytes(
    tmp_path: Path, server: str, request: pytest.FixtureRequest
) -> None:
    on_sqlite = _work(f"sqlite:///{tmp_path / 'same.db'}")
    on_server = _work(request.getfixturevalue(f"{server}_url"))
    assert "p-same-aunt" in on_sqlite and "4 Quiet Row" in on_sqlite
    assert on_sqlite == on_server
