"""On Neo4j a batch's puts are statements of their own after the write statement, in the same
transaction, and a record the inspection found absent is made with CREATE (``queries.put_statements``).
The graph they leave is the one the single write statement leaves (every put a MERGE in it), node
for node and property for property, on a real server; a record made twice still cannot exist twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import Neo4jError

from benchmarks.generate import generate_service
from netmap.errors import ConflictError
from netmap.graph.adapters.cypher import backend_neo4j
from netmap.graph.adapters.cypher.backends import parse_url
from netmap.graph.adapters.cypher.store import CypherStore
from netmap.graph.audit_chain import AuditSeal
from netmap.graph.store import Delete, Put, WriteBatch
from netmap.models import AuditEvent, Case, Person
from tests.neo4j_server import wipe_neo4j

pytestmark = pytest.mark.neo4j

AT = datetime(2026, 12, 6, 9, 30, tzinfo=UTC)
SEAL = AuditSeal(b"k" * 32)


def _event(entity_id: str, case_id: str | None = None) -> AuditEvent:
    return AuditEvent(
        seq=0, at=AT, actor="importer", action="import", entity="record", entity_id=entity_id, case_id=case_id
    )


def _restored(records: list[Any], n: int) -> WriteBatch:
    return WriteBatch(
        puts=[Put(r, restore=True) for r in records],
        audit=[_event(r.id, r.case_key) for r in records[:3]],
        seal=SEAL,
        meta={"imported_from": f"batch {n}"},
    )


def _writes(store: CypherStore) -> list[Any]:
    """Every kind of put there is, batch by batch and streamed; what each write returned."""
    chunks = [chunk.records for chunk in generate_service(6, seed=3, chunk_cases=2)]
    done: list[Any] = [store.apply(_restored(chunks[0], 0))]  # into an empty store: every put a CREATE
    done.append(store.apply_all(iter([_restored(chunks[1], 1), _restored(chunks[2], 2)])))  # streamed
    people = [r for r in chunks[0] if isinstance(r, Person)]
    first, second = people[0], people[1]
    twice = Person(id="p-twice", name="Once")
    done.append(
        store.apply(
            WriteBatch(
                puts=[
                    Put(first.model_copy(update={"name": "Renamed"}), restore=True),  # over a stored one
                    Put(twice, restore=True),  # the same record twice in one batch: the last one stays
                    Put(twice.model_copy(update={"name": "Twice"}), restore=True),
                    Put(Person(id="p-new", name="New")),  # made, version 1
                ],
                audit=[_event("p-twice")],
                seal=SEAL,
            )
        )
    )
    case = next(r for r in chunks[0] if isinstance(r, Case))
    done.append(
        store.apply(
            WriteBatch(
                puts=[Put(second.model_copy(update={"name": "Edited"}), expected_version=second.version)],
                deletes=[Delete(Case, case.id)],  # with its memberships, ties, snapshots ... (cascades)
                audit=[_event(case.id, case.id)],
                seal=SEAL,
            )
        )
    )
    return done


def _graph(url: str) -> list[str]:
    """Every node netmap wrote: its labels and its properties, their types kept (``repr``)."""
    address = parse_url(url)
    with GraphDatabase.driver(
        address.driver_uri, auth=(address.user or "", address.password or "")
    ) as driver:
        records = driver.execute_query(
            "MATCH (n) WHERE n:Record OR n:Audit OR n:NetmapCounter OR n:NetmapMeta OR n:CohortGen "
            "OR n:CohortRow RETURN labels(n), properties(n)",
            database_=address.database,
        ).records
    return sorted(repr((sorted(labels), sorted(props.items()))) for labels, props in records)


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Every statement netmap sends to Neo4j."""
    queries: list[str] = []
    hinted: Callable[[str], str] = backend_neo4j.hinted

    def spy(query: str) -> str:
        queries.append(query)
        return hinted(query)

    monkeypatch.setattr(backend_neo4j, "hinted", spy)
    yield queries


def test_the_puts_written_on_their_own_leave_the_graph_the_single_statement_leaves(
    neo4j_url: str, sent: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with CypherStore(neo4j_url) as store:
        returned = _writes(store)
        check = store.check()
    graph = _graph(neo4j_url)
    assert any(q.startswith("UNWIND $rows AS r CREATE (n:Record:Tie {") for q in sent)
    assert any(q.startswith("UNWIND $rows AS r MERGE (n:Record:Person") for q in sent)
    assert not any("MERGE (n:Record:Person {kind: r.kind" in q and "FOREACH" in q for q in sent)

    wipe_neo4j(neo4j_url)
    sent.clear()
    monkeypatch.setattr(backend_neo4j._InTransaction, "together", False)  # one statement, as FalkorDB
    with CypherStore(neo4j_url) as store:
        assert _writes(store) == returned
        assert store.check() == check == []
    assert not any(q.startswith("UNWIND $rows") for q in sent)
    assert _graph(neo4j_url) == graph
    assert any("'name': 'Twice'" in node or '"name":"Twice"' in node for node in graph)


def test_a_record_another_writer_makes_before_a_batch_creates_it_refuses_the_batch_whole(
    neo4j_url: str, sent: list[str]
) -> None:
    """A writer that does not take netmap's lock makes a record the batch found absent, just before
    the batch's CREATE of it. The write statement no longer looks for that key again; the key
    constraint refuses the CREATE instead: the batch is refused as a conflict and nothing of it is
    kept (its other records, its audit entry, its settings), and the record exists once, as the
    other writer made it."""
    address = parse_url(neo4j_url)
    write = backend_neo4j._InTransaction.write
    outcome: list[BaseException | None] = []

    def make() -> None:
        with GraphDatabase.driver(
            address.driver_uri, auth=(address.user or "", address.password or "")
        ) as driver:
            try:
                driver.execute_query(
                    "CREATE (:Record:Person {kind: 'Person', id: 'p-1', version: 7, data: '{}'})",
                    database_=address.database,
                )
                outcome.append(None)
            except Neo4jError as exc:
                outcome.append(exc)

    def other_writer_first(self: Any, query: str, params: dict[str, Any]) -> Any:
        if query.startswith("UNWIND $rows AS r CREATE (n:Record:Person {") and not outcome:
            other = threading.Thread(target=make)
            other.start()
            other.join(timeout=30)  # nothing of the batch holds the key: the other writer need not wait
            assert outcome == [None]
        return write(self, query, params)

    batch = WriteBatch(
        puts=[
            Put(Person(id="p-0", name="Bea"), restore=True),
            Put(Person(id="p-1", name="Ann"), restore=True),
        ],
        audit=[_event("p-1")],
        seal=SEAL,
        meta={"imported_from": "a file"},
    )
    with CypherStore(neo4j_url) as store:
        mp = pytest.MonkeyPatch()
        mp.setattr(backend_neo4j._InTransaction, "write", other_writer_first)
        try:
            with pytest.raises(ConflictError, match="already exists"):
                store.apply(batch)
        finally:
            mp.undo()
        write_statement = next(q for q in sent if q.lstrip().startswith("UNWIND $expect"))
        assert store.counts() == {**dict.fromkeys(store.counts(), 0), "person": 1}
        assert store.get(Person, "p-0") is None
        assert store.meta("imported_from") is None
        assert store.audit_log() == []
        assert _graph(neo4j_url) == [
            repr((["Person", "Record"], [("data", "{}"), ("id", "p-1"), ("kind", "Person"), ("version", 7)]))
        ]
    assert write_statement  # the batch got as far as its write statement before the CREATE was refused


def test_the_write_statement_checks_again_what_was_found_and_what_is_put_twice(neo4j_url: str) -> None:
    """On Neo4j the write statement re-checks the versions the inspection found and the absent keys
    a batch puts more than once (merged, so no constraint would notice another writer's record);
    an absent key put once is left to its CREATE and the key constraint."""
    write = backend_neo4j._InTransaction.write
    expected: list[Any] = []

    def spy(self: Any, query: str, params: dict[str, Any]) -> Any:
        if "expect" in params:
            expected.append(params["expect"])
        return write(self, query, params)

    twice = Person(id="p-twice", name="Once")
    with CypherStore(neo4j_url) as store:
        store.apply(WriteBatch(puts=[Put(Person(id="p-old", name="Old"))]))
        mp = pytest.MonkeyPatch()
        mp.setattr(backend_neo4j._InTransaction, "write", spy)
        try:
            store.apply(
                WriteBatch(
                    puts=[
                        Put(Person(id="p-old", name="Older", version=1), restore=True),
                        Put(Person(id="p-new", name="New"), restore=True),
                        Put(twice, restore=True),
                        Put(twice.model_copy(update={"name": "Twice"}), restore=True),
                    ]
                )
            )
        finally:
            mp.undo()
        assert [store.get(Person, i).name for i in ("p-old", "p-new", "p-twice")] == ["Older", "New", "Twice"]
    assert expected == [
        [
            {"kind": "Person", "id": "p-old", "version": 1},
            {"kind": "Person", "id": "p-twice", "version": None},
            {"kind": "Person", "id": "p-twice", "version": None},
        ]
    ]
