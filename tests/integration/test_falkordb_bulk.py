"""FalkorDB builds a unit into an empty store with GRAPH.BULK: the graph it leaves is the one the
Cypher write queries leave, node for node, property for property (types included), index for index,
on a real server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import pytest
from falkordb import FalkorDB

from benchmarks.generate import generate_service
from netmap.errors import NotFound, StoreUnavailable
from netmap.graph.adapters.cypher import backend_falkordb, falkordb_build
from netmap.graph.adapters.cypher.store import CypherStore
from netmap.graph.audit_chain import AuditSeal
from netmap.graph.store import Delete, Put, WriteBatch
from netmap.models import RECORD_TYPES, AuditEvent, Case, Kin, KinType, Membership, Person, Sector
from tests.falkordb_server import staging_copies

pytestmark = pytest.mark.falkordb

AT = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
SEAL = AuditSeal(b"k" * 32)
HOSTILE = [
    "",
    'O\'Dell "Mo" \\ back\\slash `tick` ${x} {a: 1} ) RETURN 1 //',
    "Zoë — ünïcödé 你好 🙂 \u202e",
    "line one\nline two\r\n\ttabbed",
    "long " * 900,
]
NAMES = ['O\'Dell "Mo" \\ `tick` ${x}', "Zoë — 你好 🙂 \u202e", "a", "} RETURN 1 //", "Ånne-Marie"]


def _event(entity_id: str, seq: int = 0, case_id: str | None = None, **after: Any) -> AuditEvent:
    return AuditEvent(
        seq=seq,
        at=AT,
        actor="importer",
        action="import",
        entity="record",
        entity_id=entity_id,
        case_id=case_id,
        after=after or None,
    )


def service_batches() -> list[WriteBatch]:
    """A small invented service, a batch per few cases, with sealed audit entries numbered by the
    store, a setting, people created (version 1) rather than restored, and last a batch whose kin
    links and membership join people of earlier batches (their cases' cohort generations rise)."""
    batches = []
    people: list[Person] = []
    for n, chunk in enumerate(generate_service(9, seed=5, chunk_cases=3)):
        people += [r for r in chunk.records if isinstance(r, Person)]
        batches.append(
            WriteBatch(
                puts=[Put(r, restore=True) for r in chunk.records],
                audit=[_event(r.id, case_id=r.case_key, n=n) for r in chunk.records[:4]],
                seal=SEAL,
                meta={"imported_from": f"batch {n}"},
            )
        )
    made = [
        Person(id=f"p-made-{n}", name=name, address=text)
        for n, (name, text) in enumerate(zip(NAMES, HOSTILE, strict=True))
    ]
    batches.append(WriteBatch(puts=[Put(p) for p in made], audit=[_event("p-made-0")], seal=SEAL))
    first, later = people[0], people[-1]
    case_id = next(p.record.id for p in batches[0].puts if isinstance(p.record, Case))
    batches.append(
        WriteBatch(
            puts=[
                Put(Kin(id="k-late", from_id=first.id, to_id=later.id, kind=KinType.SIBLING), restore=True),
                Put(Membership.make(case_id, "p-made-1", sector=Sector.FRIENDS)),
            ],
            audit=[_event("k-late", seq=9000, case_id=case_id, text=HOSTILE[1])],
            seal=SEAL,
        )
    )
    return batches


def _db(url: str) -> tuple[Any, Any]:
    parts = urlsplit(url)
    db = FalkorDB(host=parts.hostname, port=parts.port)
    return db, db.select_graph(parts.path.strip("/"))


def graph_of(url: str) -> dict[str, Any]:
    """Everything the graph holds, by querying it: each node's labels and properties (their types
    kept: ``repr`` tells 1 from '1'), relationships, labels, property names, indexes, constraints."""
    db, graph = _db(url)
    try:

        def rows(query: str) -> list[Any]:
            return graph.ro_query(query).result_set

        return {
            "nodes": sorted(
                repr((labels, sorted(props.items())))
                for labels, props in rows("MATCH (n) RETURN labels(n), properties(n)")
            ),
            "relationships": rows("MATCH ()-[r]->() RETURN count(r)"),
            "labels": sorted(row[0] for row in rows("CALL db.labels()")),
            "property_keys": sorted(row[0] for row in rows("CALL db.propertyKeys()")),
            "indexes": sorted(
                repr((*row[:-1], row[-1]["numDocuments"]))  # how many nodes each index holds
                for row in rows(
                    "CALL db.indexes() YIELD label, properties, types, entitytype, status, info "
                    "RETURN label, properties, types, entitytype, status, info"
                )
            ),
            "constraints": sorted(repr(sorted(c.items())) for c in graph.list_constraints()),
            "expiry": db.connection.pttl(urlsplit(url).path.strip("/")),
        }
    finally:
        db.connection.close()


def read_back(store: CypherStore) -> dict[str, Any]:
    """Everything the store API reads: every record of every type, the audit trail, counts, settings."""
    return {
        "records": {kind.table: list(store.each(kind)) for kind in RECORD_TYPES},
        "audit": list(store.each_audit()),
        "counts": store.counts(),
        "meta": store.meta("imported_from"),
        "cohort": store.cohort_rows("evidence"),
        "check": store.check(),
    }


def bulk_commands(url: str) -> int:
    db, _ = _db(url)
    try:
        return int(db.connection.info("commandstats").get("cmdstat_graph.BULK", {}).get("calls", 0))
    finally:
        db.connection.close()


def _one_by_one(store: CypherStore, batches: list[WriteBatch]) -> None:
    for batch in batches:
        store.apply(batch)


def _streamed_by_queries(store: CypherStore, batches: list[WriteBatch]) -> None:
    """The unit as it was written before the bulk build: a staging copy and a query per batch."""
    mp = pytest.MonkeyPatch()
    mp.setattr(backend_falkordb, "fresh_build", lambda *args: None)
    try:
        store.apply_all(batches)
    finally:
        mp.undo()


@pytest.fixture
def second_url(falkordb_url: str) -> Iterator[str]:
    """A second empty graph on the same server."""
    url = falkordb_url + "-by-queries"
    yield url
    db, graph = _db(url)
    if graph.name in db.list_graphs():
        graph.delete()
    db.connection.close()


@pytest.mark.parametrize(
    "by_queries", [_one_by_one, _streamed_by_queries], ids=["batch-by-batch", "streamed-copy"]
)
def test_a_bulk_built_store_is_the_store_the_write_queries_make(
    falkordb_url: str,
    second_url: str,
    monkeypatch: pytest.MonkeyPatch,
    by_queries: Callable[[CypherStore, list[WriteBatch]], None],
) -> None:
    monkeypatch.setattr(falkordb_build, "CHUNK_BYTES", 4096)  # several commands, a batch split across none
    batches = service_batches()
    commands = bulk_commands(falkordb_url)
    with CypherStore(falkordb_url) as built, CypherStore(second_url) as queried:
        assert built.apply_all(iter(batches)) == sum(len(b.puts) for b in batches)
        assert bulk_commands(falkordb_url) - commands > 3  # built with GRAPH.BULK, several commands
        by_queries(queried, batches)
        assert read_back(built) == read_back(queried)
        assert read_back(built)["check"] == []
    assert graph_of(falkordb_url) == graph_of(second_url)
    assert staging_copies(falkordb_url) == {}


def test_values_of_every_type_held_by_the_store_before_the_unit_come_through(
    falkordb_url: str, second_url: str
) -> None:
    """A node the empty store held (no record, no audit entry) keeps every property and its type."""
    node = (
        "CREATE (:Extra:Other {s: '', t: 'Zoë \\'q\\' \\n', i: -9007199254740993, big: 9223372036854775807, "
        "f: 1.5, neg: -0.25, yes: true, no: false, l: [1, 'a', false, 2.5, [3]], e: []})"
    )
    for url in (falkordb_url, second_url):
        CypherStore(url).close()
        _db(url)[1].query(node)
        _db(url)[1].query(
            "CREATE (:CohortGen {case_id: 'c-gone', gen: 4}), (:NetmapMeta {name: 'x', value: 'y'})"
        )
    batch = WriteBatch(puts=[Put(Person(id="p-1", name=NAMES[1]))], meta={"x": "z"})
    with CypherStore(falkordb_url) as built, CypherStore(second_url) as queried:
        built.apply_all([batch])
        queried.apply(batch)
    assert graph_of(falkordb_url) == graph_of(second_url)
    _, graph = _db(falkordb_url)
    (props,) = graph.ro_query("MATCH (n:Extra) RETURN properties(n)").result_set[0]
    assert props == {
        "s": "",
        "t": "Zoë 'q' \n",
        "i": -9007199254740993,
        "big": 9223372036854775807,
        "f": 1.5,
        "neg": -0.25,
        "yes": True,
        "no": False,
        "l": [1, "a", False, 2.5, [3]],
        "e": [],
    }
    assert graph.ro_query("MATCH (r:Record) RETURN r.version, r.kind").result_set == [[1, "Person"]]


def test_hostile_text_round_trips_exactly(falkordb_url: str) -> None:
    people = [
        Person(id=f"p-{n}", name=name, address=text)
        for n, (name, text) in enumerate(zip(NAMES, HOSTILE, strict=True))
    ]
    audit = [_event(text, case_id=text, text=text) for text in HOSTILE]
    with CypherStore(falkordb_url) as store:
        store.apply_all(
            [WriteBatch(puts=[Put(p) for p in people], audit=audit, meta={"imported_from": HOSTILE[3]})]
        )
        assert [(p.name, p.address) for p in store.each(Person)] == list(zip(NAMES, HOSTILE, strict=True))
        assert [(e.entity_id, e.case_id, e.after) for e in store.each_audit()] == [
            (text, text, {"text": text}) for text in HOSTILE
        ]
        assert store.meta("imported_from") == HOSTILE[3]


def test_a_nul_character_is_refused_as_the_write_queries_refuse_it_and_nothing_is_kept(
    falkordb_url: str, second_url: str
) -> None:
    """The bulk format cannot carry a NUL: that batch goes to the write query, which refuses it."""

    def batches() -> list[WriteBatch]:
        return [
            WriteBatch(puts=[Put(Person(id="p-1", name="Ann"))]),
            WriteBatch(audit=[_event("p-1\x00tail")]),
        ]

    with CypherStore(falkordb_url) as built, CypherStore(second_url) as queried:
        with pytest.raises(StoreUnavailable) as by_bulk:
            built.apply_all(batches())
        with pytest.raises(StoreUnavailable) as by_query:
            by_queries = batches()
            queried.apply(by_queries[0])
            queried.apply(by_queries[1])
        assert (
            str(by_bulk.value).split("failed a query:")[1] == str(by_query.value).split("failed a query:")[1]
        )
        assert built.counts() == dict.fromkeys(built.counts(), 0)
    assert staging_copies(falkordb_url) == {}


def test_a_batch_only_a_query_can_write_ends_the_build_and_the_rest_follow_as_queries(
    falkordb_url: str, second_url: str
) -> None:
    batches = service_batches()
    kin = [p.record for p in batches[1].puts if isinstance(p.record, Kin)]
    gone, again = kin[0], kin[1].model_copy(update={"notes": "restored again"})
    batches.insert(2, WriteBatch(puts=[Put(again, restore=True)]))  # a record the unit wrote already
    batches.insert(3, WriteBatch(deletes=[Delete(Kin, gone.id)], audit=[_event(gone.id)], seal=SEAL))
    with CypherStore(falkordb_url) as built, CypherStore(second_url) as queried:
        built.apply_all(batches)
        _one_by_one(queried, batches)
        assert read_back(built) == read_back(queried)
        assert built.get(Kin, gone.id) is None
        assert built.get(Kin, again.id) == again
    assert graph_of(falkordb_url) == graph_of(second_url)


def test_a_failure_after_the_build_leaves_nothing(falkordb_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(falkordb_build, "CHUNK_BYTES", 1)
    batches = service_batches()
    batches.append(WriteBatch(deletes=[Delete(Person, "p-nobody")]))
    with CypherStore(falkordb_url) as store:
        before = graph_of(falkordb_url)
        with pytest.raises(NotFound, match="p-nobody"):
            store.apply_all(batches)
        assert graph_of(falkordb_url) == before
    assert staging_copies(falkordb_url) == {}


@pytest.mark.parametrize(
    "foreign",
    [
        "CREATE (:Extra {n: 1})-[:LINK {w: 2}]->(:Extra {n: 2})",
        "CREATE (:Extra {at: point({latitude: 51.5, longitude: -0.1})})",
        "CREATE FULLTEXT INDEX FOR (n:Extra) ON (n.text)",
    ],
    ids=["relationship", "point-value", "fulltext-index"],
)
def test_a_graph_the_build_cannot_make_exactly_is_copied_as_before(
    falkordb_url: str, second_url: str, foreign: str
) -> None:
    for url in (falkordb_url, second_url):
        CypherStore(url).close()
        _db(url)[1].query(foreign)
    batches = service_batches()[:2]
    commands = bulk_commands(falkordb_url)
    with CypherStore(falkordb_url) as copied, CypherStore(second_url) as queried:
        copied.apply_all(batches)
        _one_by_one(queried, batches)
        assert read_back(copied) == read_back(queried)
    assert bulk_commands(falkordb_url) == commands
    assert graph_of(falkordb_url) == graph_of(second_url)
