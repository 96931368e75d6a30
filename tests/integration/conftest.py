"""Store fixtures: every test that takes ``store`` runs once per adapter in ``ADAPTERS``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from netmap.graph.factory import open_store
from netmap.graph.store import GraphStore, Put, WriteBatch
from netmap.models import (
    Case,
    CaseStage,
    Certainty,
    ConsentRecord,
    ContactFrequency,
    Gender,
    Kin,
    KinType,
    LeadSource,
    Membership,
    Network,
    Person,
    PersonKind,
    Record,
    Restriction,
    RestrictionKind,
    Sector,
    Sharing,
    SupportDirection,
    SupportDomain,
    Tie,
    Valence,
)
from tests.falkordb_server import falkordb_server, falkordb_url  # noqa: F401  (fixtures)
from tests.neo4j_server import neo4j_launcher, neo4j_server_url, neo4j_url, wipe_neo4j  # noqa: F401  (fixtures)

# The one list of adapters. A new adapter adds a param here and a URL factory below; the server
# fixtures come from tests/falkordb_server.py and tests/neo4j_server.py (imported above).
ADAPTERS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("falkordb", id="falkordb", marks=pytest.mark.falkordb),
    pytest.param("neo4j", id="neo4j", marks=pytest.mark.neo4j),
]


def _sqlite_url(request: pytest.FixtureRequest) -> str:
    return f"sqlite:///{request.getfixturevalue('tmp_path') / 'netmap.db'}"


def _falkordb_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("falkordb_url"))


def _neo4j_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue("neo4j_url"))


URL_FACTORIES: dict[str, Callable[[pytest.FixtureRequest], str]] = {
    "sqlite": _sqlite_url,
    "falkordb": _falkordb_url,
    "neo4j": _neo4j_url,
}


@pytest.fixture(scope="module", params=[ADAPTERS[0], ADAPTERS[2]])
def module_store_url(request: pytest.FixtureRequest) -> str:
    """An empty store for a module's shared world: a SQLite file, or the session's Neo4j wiped."""
    if request.param == "sqlite":
        folder = request.getfixturevalue("tmp_path_factory").mktemp("world")
        return f"sqlite:///{folder / 'world.db'}"
    url = str(request.getfixturevalue("neo4j_server_url"))
    wipe_neo4j(url)
    return url


def another_empty_store(url: str, name: str) -> str:
    """A URL naming an empty store of ``url``'s adapter, for a restore or copy to land in.

    Another file beside a SQLite store, another graph on the FalkorDB server; Neo4j Community
    holds one database, so there it is the same database, wiped (what ``url`` held is gone).
    """
    if url.startswith("sqlite:///"):
        return f"sqlite:///{Path(url.removeprefix('sqlite:///')).with_name(f'{name}.db')}"
    if url.startswith("falkordb://"):
        return f"{url}-{name}"
    wipe_neo4j(url)
    return url


@pytest.fixture(params=ADAPTERS)
def store_url(request: pytest.FixtureRequest) -> str:
    """A URL naming a fresh, empty store of one adapter."""
    return URL_FACTORIES[request.param](request)


@pytest.fixture
def store(store_url: str) -> Iterator[GraphStore]:
    """An open, empty store; closed after the test."""
    opened = open_store(store_url)
    try:
        yield opened
    finally:
        opened.close()


def build_case(case_id: str = "c-1", *, prefix: str | None = None) -> Network:
    """A small valid network (invented people): a young person, family, a worker and a prison.

    People's ids start with ``prefix`` (default: the case id), so two cases can share or not
    share people. Restricted fields are filled in so tests can see them survive or vanish.
    """
    p = prefix or case_id
    ego = Person(
        id=f"{p}-ego",
        name="Jordan Vale",
        known_as="Jo",
        gender=Gender.NONBINARY,
        birth_date=date(2005, 3, 14),
        area="Northshire",
        address="Flat 2, 12 Example Road",
        phone="07700 900123",
        email="jo@example.org",
        safeguarding_notes="Placement address must not be shared with birth family.",
    )
    nan = Person(id=f"{p}-nan", name="Maureen Vale", gender=Gender.FEMALE, birth_year=1951, address="Refuge")
    sister = Person(id=f"{p}-sis", name="Kayla Vale", gender=Gender.FEMALE, birth_year=2003)
    worker = Person(id=f"{p}-pa", name="Sam Okafor", agency="Leaving care team", phone="01632 960001")
    prison = Person(id=f"{p}-hmp", name="HMP Eastmoor", kind=PersonKind.SERVICE)
    case = Case(
        id=case_id,
        title="Jordan's support network",
        ego_id=ego.id,
        coordinator="coord.amy",
        stage=CaseStage.DISCOVERY,
        prison="HMP Eastmoor",
        referral_date=date(2025, 1, 6),
        release_date=date(2031, 2, 1),
        consent=ConsentRecord(given=True, given_by="Jordan", on=date(2025, 1, 10)),
        sharing=Sharing(hidden_people=[nan.id], hidden_from={"viewer.kim": [sister.id]}),
    )
    memberships = [
        Membership.make(case_id, ego.id, sector=Sector.FAMILY, ring=1),
        Membership.make(
            case_id,
            nan.id,
            sector=Sector.FAMILY,
            ring=1,
            lead_source=LeadSource.CASE_FILE,
            lead_date=date(2025, 1, 20),
            confidence=Certainty.CONFIRMED,
            restrictions=[
                Restriction(
                    id="r-1",
                    kind=RestrictionKind.DO_NOT_DISCLOSE_LOCATION,
                    details="Lives at a refuge; never record the town.",
                    vetted_by="coord.amy",
                    vetted_on=date(2025, 2, 1),
                )
            ],
        ),
        Membership.make(
            case_id, sister.id, sector=Sector.FAMILY, ring=2, lead_source=LeadSource.YOUNG_PERSON
        ),
        Membership.make(
            case_id, worker.id, sector=Sector.PROFESSIONALS, ring=3, role_label="Personal adviser"
        ),
        Membership.make(case_id, prison.id, sector=Sector.SERVICES, ring=4),
    ]
    kin = [
        Kin(id=f"{p}-k1", from_id=nan.id, to_id=ego.id, kind=KinType.KINSHIP_CARER),
        Kin(
            id=f"{p}-k2",
            from_id=sister.id,
            to_id=ego.id,
            kind=KinType.HALF_SIBLING,
            certainty=Certainty.PROBABLE,
        ),
    ]
    ties = [
        Tie(
            id=f"{case_id}-t1",
            case_id=case_id,
            from_id=ego.id,
            to_id=nan.id,
            strength=3,
            frequency=ContactFrequency.WEEKLY,
            direction=SupportDirection.TO_EGO,
            domains=[SupportDomain.HOUSING, SupportDomain.EMOTIONAL],
            since=date(2019, 6, 1),
        ),
        Tie(id=f"{case_id}-t2", case_id=case_id, from_id=ego.id, to_id=sister.id, valence=Valence.MIXED),
        Tie(
            id=f"{case_id}-t3",
            case_id=case_id,
            from_id=worker.id,
            to_id=ego.id,
            domains=[SupportDomain.PRACTICAL],
        ),
        Tie(
            id=f"{case_id}-t4",
            case_id=case_id,
            from_id=nan.id,
            to_id=sister.id,
            valence=Valence.STRESSFUL,
            strength=1,
        ),
    ]
    return Network(
        case=case, people=[ego, nan, sister, worker, prison], memberships=memberships, kin=kin, ties=ties
    )


def network_records(network: Network) -> list[Record]:
    """The network's records in an order any store accepts (people before what names them)."""
    return [*network.people, network.case, *network.memberships, *network.kin, *network.ties]


@pytest.fixture
def make_case() -> Callable[..., Network]:
    """``make_case(case_id="c-1", prefix=None)``: a fresh little network, not yet stored."""
    return build_case


@pytest.fixture
def seed(store: GraphStore) -> Callable[[Network], list[Record]]:
    """``seed(network)``: create every record of ``network`` in ``store`` in one batch."""

    def _seed(network: Network) -> list[Record]:
        return store.apply(WriteBatch(puts=[Put(record) for record in network_records(network)]))

    return _seed


def kept_at_rest(url: str) -> dict[tuple[str, str], tuple[int, str]]:
    """Every kept row the store at ``url`` holds, read with the server's own client, not netmap:
    (case id, view) to (generation, data as stored, sealed). No filter by generation or access."""
    if url.startswith("sqlite:///"):
        conn = sqlite3.connect(f"file:{url.removeprefix('sqlite:///')}?mode=ro", uri=True)
        try:
            rows = conn.execute("SELECT case_id, view, gen, data FROM cohort_row").fetchall()
        finally:
            conn.close()
    elif url.startswith("falkordb://"):
        from falkordb import FalkorDB

        parts = urlsplit(url)
        db = FalkorDB(host=parts.hostname, port=parts.port)
        try:
            graph = db.select_graph(parts.path.strip("/"))
            rows = graph.ro_query("MATCH (r:CohortRow) RETURN r.case_id, r.view, r.gen, r.data").result_set
        finally:
            db.connection.close()
    else:
        from neo4j import GraphDatabase

        from netmap.graph.adapters.cypher.backends import parse_url

        address = parse_url(url)
        with GraphDatabase.driver(address.driver_uri, auth=(address.user or "", address.password or "")) as d:
            records = d.execute_query(
                "MATCH (r:CohortRow) RETURN r.case_id, r.view, r.gen, r.data", database_=address.database
            ).records
        rows = [tuple(record) for record in records]
    found = {(case_id, view): (gen, data) for case_id, view, gen, data in rows}
    assert len(found) == len(rows), "a case holds two rows of one view"
    return found
