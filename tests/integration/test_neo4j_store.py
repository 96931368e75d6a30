"""What only Neo4j has: schema rules the database enforces, routing, bookmarks and retried transactions.

Everything here runs against the real server from scripts/neo4j-server (or NETMAP_TEST_NEO4J_URI).
A single server answers a routing driver with itself, so these tests drive netmap's cluster code
paths (read and write transactions, shared bookmarks, the driver's retries) but cannot show a
follower lagging behind its leader; docs/stores.md says what needs a cluster.
"""

from __future__ import annotations

import os
import re
import selectors
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import ConstraintError

from netmap.errors import StoreUnavailable
from netmap.graph.adapters.cypher import backend_neo4j
from netmap.graph.adapters.cypher.backend_neo4j import SCHEMA, hinted
from netmap.graph.adapters.cypher.backends import Unit, parse_url
from netmap.graph.adapters.cypher.store import CypherStore
from netmap.graph.store import Put, WriteBatch
from netmap.models import AuditEvent, Person
from tests.falkordb_server import free_port
from tests.neo4j_server import SCRIPT

pytestmark = pytest.mark.neo4j


@pytest.fixture
def driver(neo4j_url: str) -> Iterator[Any]:
    """The official driver on the test database, to look at and write to it behind netmap's back."""
    address = parse_url(neo4j_url)
    with GraphDatabase.driver(
        address.driver_uri, auth=(address.user or "", address.password or "")
    ) as opened:
        yield opened


def _indexes(driver: Any) -> dict[str, str]:
    """Every index by name, with its state (``ONLINE`` when it can be used)."""
    return {r[0]: r[1] for r in driver.execute_query("SHOW INDEXES YIELD name, state").records}


def _constraints(driver: Any) -> dict[str, str]:
    """Every constraint by name, with its type."""
    return {r[0]: r[1] for r in driver.execute_query("SHOW CONSTRAINTS YIELD name, type").records}


def _event(entity_id: str, seq: int = 0) -> AuditEvent:
    return AuditEvent(
        seq=seq, at="2025-03-04T05:06:07Z", actor="amy", action="create", entity="person", entity_id=entity_id
    )


# --------------------------------------------------------------------------- schema


def test_opening_a_store_creates_every_constraint_and_index_once(neo4j_url: str, driver: Any) -> None:
    for name in SCHEMA:
        driver.execute_query(f"DROP CONSTRAINT {name} IF EXISTS")
        driver.execute_query(f"DROP INDEX {name} IF EXISTS")
    assert not set(SCHEMA) & set(_indexes(driver))
    CypherStore(neo4j_url).close()
    indexes = _indexes(driver)
    assert {name: indexes.get(name) for name in SCHEMA} == dict.fromkeys(SCHEMA, "ONLINE")
    assert {name for name, kind in _constraints(driver).items() if kind == "UNIQUENESS"} >= {
        "netmap_record_key",
        "netmap_audit_seq",
        "netmap_counter_name",
    }
    with CypherStore(neo4j_url) as again:  # a second opener finds everything there and changes nothing
        assert again.counts()["person"] == 0
    assert _indexes(driver) == indexes


def test_the_database_itself_refuses_a_duplicate_record_id(neo4j_url: str, driver: Any) -> None:
    with CypherStore(neo4j_url) as store:
        store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann"))], audit=[_event("p-1")]))
    # Written with raw Cypher, past every check netmap makes before it writes.
    with pytest.raises(ConstraintError, match="already exists"):
        driver.execute_query("CREATE (:Record:Person {kind: 'Person', id: 'p-1', version: 1, data: '{}'})")
    with pytest.raises(ConstraintError, match="already exists"):
        driver.execute_query("CREATE (:Audit {seq: 1, data: '{}'})")
    # The same id for another kind of record is allowed, as in SQLite (one table per kind).
    driver.execute_query("CREATE (:Record:Case {kind: 'Case', id: 'p-1', version: 1, data: '{}'})")
    count = driver.execute_query("MATCH (n:Record {id: 'p-1'}) RETURN count(n)").records[0][0]
    assert count == 2


# --------------------------------------------------------------------------- routing and bookmarks


@pytest.mark.parametrize("scheme", ["neo4j", "bolt"])
def test_a_routing_or_a_direct_url_reads_what_it_wrote(neo4j_url: str, scheme: str) -> None:
    url = scheme + neo4j_url[neo4j_url.index("://") :]
    with CypherStore(url) as store:
        store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann"))]))
        assert store.get(Person, "p-1").name == "Ann"


def test_reads_run_in_read_transactions_which_a_cluster_sends_to_followers(neo4j_url: str) -> None:
    with CypherStore(neo4j_url) as store:
        backend: Any = store._live
        with pytest.raises(StoreUnavailable, match="read access mode"), backend.errors():
            backend.read("CREATE (:Probe)", {})
        assert backend.atomically(lambda unit: unit.write("CREATE (p:Probe) RETURN count(p)", {})) == [[1]]


def test_every_session_of_a_process_shares_the_bookmarks_of_its_writes(neo4j_url: str) -> None:
    with CypherStore(neo4j_url) as writer, CypherStore(neo4j_url) as reader:
        bookmarks: Any = writer._live.bookmarks  # type: ignore[attr-defined]
        assert reader._live.bookmarks is bookmarks  # type: ignore[attr-defined]
        before = set(bookmarks.get_bookmarks())
        writer.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann"))]))
        after = set(bookmarks.get_bookmarks())
        assert after and after != before  # the write left a bookmark every later read waits for
        assert reader.get(Person, "p-1") is not None
        writer.apply(WriteBatch(puts=[Put(Person(id="p-2", name="Bo"))]))
        assert set(bookmarks.get_bookmarks()) != after


# --------------------------------------------------------------------------- retries


class _DeadlockOnce(CypherStore):
    """Its first unit of work deadlocks with another transaction, which Neo4j lets win.

    Before the unit starts, another transaction locks person p-1 and many nodes of its own
    (``start``). Inside the unit, which holds the writers' lock, that transaction then asks for
    the writers' lock and waits; when the unit goes on to write p-1, Neo4j finds the deadlock and
    fails the transaction holding fewer locks (by default), this unit's, with a transient error.
    ``attempts`` counts how often a batch ran.
    """

    def __init__(self, url: str, driver: Any) -> None:
        super().__init__(url)
        self.driver = driver
        self.attempts = 0
        self.other_committed = False
        self._holding, self._go = threading.Event(), threading.Event()
        self.other = threading.Thread(target=self._lock_person_then_counter)

    def start(self) -> None:
        self.other.start()
        assert self._holding.wait(30)

    def _apply_in(self, unit: Unit, batch: WriteBatch, dangling: Any = None, ready: Any = None) -> Any:
        self.attempts += 1
        if self.attempts == 1:
            self._go.set()
            self._wait_until_blocked()
        return super()._apply_in(unit, batch, dangling, ready)

    def _lock_person_then_counter(self) -> None:
        with self.driver.session() as session, session.begin_transaction() as tx:
            tx.run("MATCH (n:Record {kind: 'Person', id: 'p-1'}) SET n._probe = 1 REMOVE n._probe").consume()
            tx.run("UNWIND range(1, 500) AS i CREATE (:DeadlockProbe {i: i})").consume()
            self._holding.set()
            self._go.wait(30)
            tx.run("MATCH (c:NetmapCounter {name: 'audit'}) SET c._probe = 1 REMOVE c._probe").consume()
            tx.run("MATCH (p:DeadlockProbe) DELETE p").consume()
            tx.commit()
        self.other_committed = True

    def _wait_until_blocked(self) -> None:
        for _ in range(600):
            statuses = self.driver.execute_query("SHOW TRANSACTIONS YIELD status").records
            if any(str(r[0]).startswith("Blocked") for r in statuses):
                return
            time.sleep(0.05)
        raise AssertionError("the other transaction never waited for the writers' lock")


def test_a_write_that_deadlocks_is_run_again_by_the_driver(neo4j_url: str, driver: Any) -> None:
    with CypherStore(neo4j_url) as store:
        (ann,) = store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann"))]))
    with _DeadlockOnce(neo4j_url, driver) as store:
        store.start()
        renamed = ann.model_copy(update={"name": "Ann Lee"})
        (saved,) = store.apply(WriteBatch(puts=[Put(renamed, expected_version=1)], audit=[_event("p-1")]))
        store.other.join(30)
        assert store.other_committed
        assert store.attempts == 2  # the deadlock failed the first attempt; the retry wrote it
        assert saved.version == 2 and store.get(Person, "p-1").name == "Ann Lee"
        assert [e.entity_id for e in store.audit_log()] == ["p-1"]


def test_a_streamed_unit_that_deadlocks_is_not_repeated_and_leaves_nothing(
    neo4j_url: str, driver: Any
) -> None:
    with CypherStore(neo4j_url) as store:
        (ann,) = store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann"))]))
    with _DeadlockOnce(neo4j_url, driver) as store:
        store.start()
        batches = iter(
            [
                WriteBatch(puts=[Put(Person(id="p-2", name="Bo"))], audit=[_event("p-2")]),
                WriteBatch(puts=[Put(ann.model_copy(update={"name": "Ann Lee"}), expected_version=1)]),
            ]
        )
        with pytest.raises(StoreUnavailable, match="too busy"):
            store.apply_all(batches)
        store.other.join(30)
        assert store.other_committed and store.attempts == 2  # one per batch: nothing ran again
        assert store.get(Person, "p-2") is None and store.get(Person, "p-1").name == "Ann"
        assert store.audit_log() == []


# --------------------------------------------------------------------------- scripts/neo4j-server


def _serve(data: str, password: str) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "NETMAP_NEO4J_PASSWORD": password,
        "NETMAP_NEO4J_JVM_OPTS": "-XX:TieredStopAtLevel=1",
    }
    return subprocess.Popen(
        [str(SCRIPT), str(free_port()), data],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _printed_url(server: subprocess.Popen[str]) -> str:
    assert server.stdout is not None
    with selectors.DefaultSelector() as selector:
        selector.register(server.stdout, selectors.EVENT_READ)
        assert selector.select(timeout=240), "the server printed nothing"
    return server.stdout.readline().strip()


def _stop(server: subprocess.Popen[str]) -> int:
    server.send_signal(signal.SIGTERM)
    code = server.wait(timeout=120)
    server.stdout.close() if server.stdout else None
    server.stderr.close() if server.stderr else None
    return code


def test_the_server_script_prints_its_url_keeps_its_data_and_stops_on_sigterm(
    tmp_path: Any, neo4j_launcher: None
) -> None:
    data = str(tmp_path / "neo4j")
    first = _serve(data, "first-password-1")
    try:
        url = _printed_url(first)
        assert url.startswith("neo4j://neo4j:first-password-1@127.0.0.1:") and url.endswith("/neo4j")
        with CypherStore(url) as store:
            store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann"))], audit=[_event("p-1")]))
    finally:
        assert _stop(first) == 128 + signal.SIGTERM  # the JVM's shutdown hook ran Neo4j's shutdown
    # Started again on the same folder: the data is there, and the first password still holds.
    again = _serve(data, "first-password-1")
    try:
        url = _printed_url(again)
        with CypherStore(url) as store:
            assert store.get(Person, "p-1").name == "Ann" and store.check() == []
    finally:
        _stop(again)


# --------------------------------------------------------------------------- key lookups


def _key_lookups() -> dict[str, str]:
    """Every query netmap sends that looks a record up by its key (not in a MERGE)."""
    from netmap.graph.adapters.cypher import cohort
    from netmap.graph.adapters.cypher import queries as q

    texts = {name: getattr(q, name) for name in ("GET", "BY_IDS", "CHECK_BY_IDS", "INSPECT")}
    texts["write"] = q.write_query(deletes=True, rewrite=False)
    texts["stale"] = cohort.stale_clause(deletes=True)
    return {name: text for name, text in texts.items() if "Record {kind: " in text}


def _details(plan: Any) -> list[str]:
    found = [str(plan["args"].get("Details", ""))] if "args" in plan else []
    return found + [d for child in plan.get("children", []) for d in _details(child)]


def test_every_key_lookup_is_planned_on_the_key_index(neo4j_url: str, driver: Any) -> None:
    # Inside one large transaction (a streamed import) the statistics say the store is empty. The
    # planner then looked a key up through the index on ``kind`` alone and filtered every record
    # of that kind by id: a 30,000-record unit took 272 s instead of 6 s. The hint holds each key
    # lookup to the (kind, id) index, whatever the statistics say.
    CypherStore(neo4j_url).close()  # the store's schema: its indexes and constraints
    for name, text in _key_lookups().items():
        query = hinted(text)
        lookups = len(re.findall(r"MATCH \(\w+:Record \{kind: [^,{}]+, id:", text))
        assert query.count("USING INDEX") == lookups, name
        if name in ("write", "stale"):
            continue  # fragments of the write statement: every write test plans the whole of it
        details = _details(driver.execute_query("EXPLAIN " + query, _PARAMS).summary.plan)
        assert sum("UNIQUE n:Record(kind, id)" in d for d in details) >= lookups, (name, details)
        assert not any("INDEX n:Record(kind) " in d for d in details), (name, details)


def test_the_store_sends_its_key_lookups_hinted(neo4j_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    sent: list[str] = []

    def spy(query: str) -> str:
        sent.append(hinted(query))
        return sent[-1]

    monkeypatch.setattr(backend_neo4j, "hinted", spy)
    with CypherStore(neo4j_url) as store:
        store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann"))]))
        assert store.get(Person, "p-1") is not None
    assert any("USING INDEX SEEK n:Record(kind, id)" in query for query in sent)


_PARAMS = {
    "kind": "Person",
    "id": "p-1",
    "ids": ["p-1"],
    "keys": [{"kind": "Person", "id": "p-1"}],
    "gone_people": [],
    "gone_cases": [],
    "gone_users": [],
    "seqs": [],
}
