"""The Cypher store on a real FalkorDB server and a real Neo4j server."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from falkordb import FalkorDB
from neo4j import GraphDatabase
from typer.testing import CliRunner

from netmap.cli import app
from netmap.errors import ConflictError, NotFound, StoreUnavailable, UsageError
from netmap.graph.adapters.cypher.backends import parse_url
from netmap.graph.adapters.cypher.store import CypherStore
from netmap.graph.factory import open_store
from netmap.graph.store import Delete, Put, WriteBatch
from netmap.models import (
    AuditEvent,
    Case,
    Conference,
    ConsentRecord,
    Invitee,
    InviteeNeed,
    Kin,
    KinType,
    Membership,
    Network,
    Person,
    PlanItem,
    Restriction,
    RestrictionKind,
    Sector,
    Sharing,
    Snapshot,
    SnapshotEvent,
    SupportDomain,
    Tie,
    User,
)
from tests import falkordb_server as fdb

# The falkordb_server, falkordb_url and neo4j_url fixtures come from conftest.py.

SERVERS = [
    pytest.param("falkordb", marks=pytest.mark.falkordb),
    pytest.param("neo4j", marks=pytest.mark.neo4j),
]

AT = datetime(2025, 3, 4, 5, 6, 7, 890123, tzinfo=UTC)


@pytest.fixture(params=SERVERS)
def server_url(request: pytest.FixtureRequest) -> str:
    return str(request.getfixturevalue(f"{request.param}_url"))


@pytest.fixture
def store(server_url: str):
    with CypherStore(server_url) as opened:
        yield opened


def raw_query(url: str, query: str) -> list[list]:
    """Run ``query`` with the server's own client, behind the store's back."""
    address = parse_url(url)
    if address.scheme == "falkordb":
        graph = FalkorDB(host=address.host, port=address.port).select_graph(address.database)
        return [list(row) for row in graph.query(query).result_set]
    with GraphDatabase.driver(
        address.driver_uri, auth=(address.user or "", address.password or "")
    ) as driver:
        return [list(r.values()) for r in driver.execute_query(query, database_=address.database).records]


def event(entity_id: str = "p-ego", seq: int = 0, case_id: str | None = "c-1") -> AuditEvent:
    return AuditEvent(
        seq=seq,
        at=AT,
        actor="coord-amy",
        action="update",
        entity="person",
        entity_id=entity_id,
        case_id=case_id,
    )


def sample() -> list:
    ego = Person(id="p-ego", name="Jaden Quill", birth_date=date(2004, 6, 1), phone="07700 900123")
    aunt = Person(
        id="p-aunt",
        name='Maryam "Mo" O\'Dell — ünïcödé',
        known_as="Zoë <b>&</b>",
        address="12 Invented Row",
        safeguarding_notes="Meets at the family centre only.",
    )
    case = Case(
        id="c-1",
        title="Jaden's map",
        ego_id="p-ego",
        referral_date=date(2024, 1, 2),
        consent=ConsentRecord(given=True, given_by="Jaden", on=date(2024, 1, 3)),
        sharing=Sharing(hidden_people=["p-aunt"], hidden_from={"prac-bo": ["p-ego"]}),
    )
    member = Membership.make(
        "c-1",
        "p-aunt",
        sector=Sector.FAMILY,
        ring=1,
        restrictions=[Restriction(id="r-1", kind=RestrictionKind.DO_NOT_DISCLOSE_LOCATION, details="secret")],
    )
    ego_member = Membership.make("c-1", "p-ego", sector=Sector.FAMILY, ring=1)
    kin = Kin(id="k-1", from_id="p-aunt", to_id="p-ego", kind=KinType.KINSHIP_CARER)
    tie = Tie(id="t-1", case_id="c-1", from_id="p-aunt", to_id="p-ego", domains=[SupportDomain.HOUSING])
    conference = Conference(
        id="f-1",
        case_id="c-1",
        conference_on=date(2025, 5, 1),
        invitees=[Invitee(person_id="p-aunt", needs=[InviteeNeed.INTERPRETER])],
        plan=[PlanItem(id="i-1", what="Weekly call", owner_id="p-aunt", by_when=date(2025, 6, 1))],
    )
    user = User(id="coord-amy", role="coordinator", locked_until=AT)
    return [ego, aunt, case, member, ego_member, kin, tie, conference, user]


def load(store: CypherStore) -> list:
    records = sample()
    return store.apply(WriteBatch(puts=[Put(r) for r in records], audit=[event()]))


def test_every_record_reads_back_exactly_as_written(store: CypherStore) -> None:
    written = load(store)
    assert [r.version for r in written] == [1] * len(written)
    for record in written:
        assert store.get(type(record), record.id) == record
    snapshot = Snapshot(
        id="s-1",
        case_id="c-1",
        event=SnapshotEvent.FGC,
        taken_on=date(2025, 1, 1),
        network=store.get_network("c-1"),
    )
    (saved,) = store.apply(WriteBatch(puts=[Put(snapshot)]))
    assert store.get(Snapshot, "s-1").model_dump_json() == saved.model_dump_json()


def test_records_are_nodes_labelled_by_type(server_url: str) -> None:
    with CypherStore(server_url) as store:
        load(store)
    assert raw_query(server_url, "MATCH (n:Person) RETURN n.id ORDER BY n.id") == [["p-aunt"], ["p-ego"]]


def test_list_is_sorted_and_filtered_by_case(store: CypherStore) -> None:
    load(store)
    other = Case(id="c-2", title="Other", ego_id="p-aunt")
    store.apply(WriteBatch(puts=[Put(other), Put(Membership.make("c-2", "p-aunt", sector=Sector.FRIENDS))]))
    assert [m.id for m in store.list(Membership)] == ["c-1|p-aunt", "c-1|p-ego", "c-2|p-aunt"]
    assert [m.id for m in store.list(Membership, case_id="c-2")] == ["c-2|p-aunt"]
    assert store.get(Person, "p-nobody") is None


def test_get_network_gathers_one_case(store: CypherStore) -> None:
    load(store)
    network = store.get_network("c-1")
    assert isinstance(network, Network)
    assert [p.id for p in network.people] == ["p-aunt", "p-ego"]
    assert [k.id for k in network.kin] == ["k-1"] and [t.id for t in network.ties] == ["t-1"]
    assert network.case.sharing.hidden_from == {"prac-bo": ["p-ego"]}
    with pytest.raises(NotFound, match="c-404"):
        store.get_network("c-404")


def test_stale_version_is_refused_and_nothing_is_written(store: CypherStore) -> None:
    ego = load(store)[0]
    store.apply(WriteBatch(puts=[Put(ego.model_copy(update={"name": "Jay"}), expected_version=1)]))
    stale = WriteBatch(
        puts=[
            Put(Person(id="p-new", name="New Person")),
            Put(ego.model_copy(update={"name": "Lost update"}), expected_version=1),
        ],
        deletes=[Delete(Kin, "k-1", expected_version=1)],
        audit=[event()],
    )
    with pytest.raises(ConflictError, match="p-ego") as caught:
        store.apply(stale)
    assert (caught.value.entity, caught.value.entity_id) == ("person", "p-ego")
    assert store.get(Person, "p-ego").name == "Jay"
    assert store.get(Person, "p-new") is None and store.get(Kin, "k-1") is not None
    assert len(store.audit_log()) == 1


def test_create_over_an_existing_id_is_a_conflict(store: CypherStore) -> None:
    load(store)
    with pytest.raises(ConflictError, match="already exists"):
        store.apply(WriteBatch(puts=[Put(Person(id="p-ego", name="Impostor"))]))
    with pytest.raises(ConflictError, match="already exists"):
        store.apply(WriteBatch(puts=[Put(Person(id="p-x", name="A")), Put(Person(id="p-x", name="B"))]))
    assert store.get(Person, "p-x") is None


def test_update_and_delete_bump_and_remove(store: CypherStore) -> None:
    load(store)
    aunt = store.get(Person, "p-aunt")
    (saved,) = store.apply(
        WriteBatch(puts=[Put(aunt.model_copy(update={"area": "Leeds"}), expected_version=1)], deletes=[])
    )
    assert saved.version == 2 and store.get(Person, "p-aunt") == saved
    store.apply(WriteBatch(deletes=[Delete(Tie, "t-1", expected_version=1)]))
    assert store.get(Tie, "t-1") is None
    with pytest.raises(NotFound, match="tie t-1 does not exist"):
        store.apply(WriteBatch(deletes=[Delete(Tie, "t-1", expected_version=1)]))


def test_audit_numbers_are_assigned_or_kept(store: CypherStore) -> None:
    store.append_audit([event("p-1"), event("p-2", case_id=None)])
    store.append_audit([event("p-3", seq=40)])
    store.apply(WriteBatch(audit=[event("p-1")]))
    log = store.audit_log()
    assert [(e.seq, e.entity_id) for e in log] == [(1, "p-1"), (2, "p-2"), (40, "p-3"), (41, "p-1")]
    assert log[0].at == AT
    assert [e.seq for e in store.audit_log(entity_id="p-1")] == [1, 41]
    assert [e.seq for e in store.audit_log(case_id="c-1", limit=2)] == [40, 41]
    with pytest.raises(ConflictError):
        store.append_audit([event("p-9", seq=2)])
    assert store.counts()["audit"] == 4


def test_counts_and_check(server_url: str) -> None:
    with CypherStore(server_url) as store:
        assert set(store.counts().values()) == {0}
        load(store)
        counts = store.counts()
        assert (counts["person"], counts["membership"], counts["audit"], counts["grant"]) == (2, 2, 1, 0)
        assert store.check() == []
        # Damage the graph behind the store's back, as a hand-edited server might.
        raw_query(server_url, "MATCH (n:Record {kind: 'Person', id: 'p-aunt'}) DETACH DELETE n")
        raw_query(server_url, "MATCH (c:NetmapCounter) SET c.last = 0")
        problems = store.check()
    assert "membership c-1|p-aunt names person p-aunt, who does not exist." in problems
    assert any("audit counter" in p for p in problems)


def test_check_reads_page_by_page_and_still_finds_every_kind_of_damage(server_url: str) -> None:
    with CypherStore(server_url) as store:
        # More people than one page, so the dangling membership's parent is checked across pages.
        people = [Person(id=f"p-{n:04d}", name=f"Person {n}") for n in range(2500)]
        store.apply(WriteBatch(puts=[Put(p) for p in people]))
        load(store)
        assert store.check() == []
        raw_query(server_url, "MATCH (n:Record {kind: 'Person', id: 'p-aunt'}) DETACH DELETE n")
        raw_query(server_url, "MATCH (n:Record {kind: 'Person', id: 'p-2400'}) SET n.version = 9")
        raw_query(server_url, "MATCH (n:Record {kind: 'Person', id: 'p-0001'}) SET n.data = '{}'")
        raw_query(server_url, "CREATE (:Record {kind: 'Mystery', id: 'm-1'})")
        problems = store.check()
    assert "membership c-1|p-aunt names person p-aunt, who does not exist." in problems
    assert "Person p-2400 has an id or version that disagrees with its data." in problems
    assert any(p.startswith("Person p-0001 does not validate") for p in problems)
    assert "A node has the unknown kind 'Mystery' (id 'm-1')." in problems
    assert "kin link k-1 names person p-aunt, who does not exist." in problems
    assert len(problems) == 5


def test_deleting_a_person_cascades_as_in_sqlite(store: CypherStore) -> None:
    load(store)
    store.apply(WriteBatch(deletes=[Delete(Person, "p-aunt")]))
    assert store.list(Membership) == [store.get(Membership, "c-1|p-ego")]
    assert store.list(Kin) == [] and store.list(Tie) == []
    with pytest.raises(ConflictError, match="young person of case c-1"):
        store.apply(WriteBatch(deletes=[Delete(Person, "p-ego")]))
    store.apply(WriteBatch(deletes=[Delete(Case, "c-1"), Delete(Person, "p-ego")]))
    assert store.list(Conference) == [] and store.counts()["person"] == 0


def test_a_restored_put_keeps_its_version(store: CypherStore) -> None:
    restored = Person(id="p-old", name="Kept", version=7)
    store.apply(WriteBatch(puts=[Put(restored, restore=True)]))
    assert store.get(Person, "p-old").version == 7


# --------------------------------------------------------------------------- connection errors


def test_url_parsing() -> None:
    address = parse_url("falkordb://:s3cret@graphs.example:7000/region-north")
    assert (address.host, address.port, address.database, address.password) == (
        "graphs.example",
        7000,
        "region-north",
        "s3cret",
    )
    assert "s3cret" not in str(address) and "s3cret" not in repr(address)
    assert parse_url("bolt://db.example").port == 7687 and parse_url("bolt://db.example").database is None
    with pytest.raises(UsageError, match="names no host"):
        parse_url("falkordb:///graph")
    with pytest.raises(UsageError, match="database"):
        parse_url("neo4j://db.example/bad;name")


@pytest.mark.parametrize(
    "template",
    [
        "falkordb://:hunter2@127.0.0.1:{port}/g",
        "neo4j://neo4j:hunter2@127.0.0.1:{port}/db",
        "bolt://u:hunter2@127.0.0.1:{port}",
    ],
)
def test_a_closed_port_gives_one_sentence_without_the_password(template: str) -> None:
    url = template.format(port=fdb.free_port())
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url)
    message = str(caught.value)
    assert message.startswith("Cannot reach the ") and message.endswith(".")
    assert "hunter2" not in message and "***" in message and "\n" not in message


def test_a_wrong_password_is_named_plainly(falkordb_server: fdb.FalkorDBServer) -> None:
    good = f"falkordb://{falkordb_server.user}:{falkordb_server.password}@127.0.0.1:{falkordb_server.port}/pw-test"
    with CypherStore(good) as store:
        assert store.counts()["audit"] == 0
    with pytest.raises(StoreUnavailable, match="refused the user name or password") as caught:
        CypherStore(good.replace(falkordb_server.password, "wrong-password"))
    assert "wrong-password" not in str(caught.value)


def test_a_wrong_neo4j_password_or_database_is_named_plainly(neo4j_url: str) -> None:
    password = parse_url(neo4j_url).password
    assert password
    with pytest.raises(StoreUnavailable, match="refused the user name or password") as caught:
        CypherStore(neo4j_url.replace(password, "wrong-password"))
    assert "wrong-password" not in str(caught.value) and password not in str(caught.value)
    with pytest.raises(StoreUnavailable, match="has no database named 'nowhere'") as caught:
        CypherStore(neo4j_url.rsplit("/", 1)[0] + "/nowhere")
    assert password not in str(caught.value)


def test_cli_copy_reports_an_unreachable_server_and_exits_1() -> None:
    url = f"falkordb://:hunter2@127.0.0.1:{fdb.free_port()}/g"
    result = CliRunner().invoke(app, ["copy", url, "falkordb://127.0.0.1:1/other"])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Cannot reach the FalkorDB server" in result.stderr and "hunter2" not in result.stderr
    assert "Traceback" not in result.output + result.stderr
