"""FalkorDB: a unit of many batches into an empty store is built a batch at a time into a staging
graph, which takes the graph's place only when every batch is in (the bulk build itself:
test_falkordb_bulk.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import pytest
from falkordb import FalkorDB
from redis.exceptions import ResponseError

from netmap.errors import ConflictError, NotFound
from netmap.graph.adapters.cypher import falkordb_build
from netmap.graph.adapters.encrypted import KEY_META
from netmap.graph.factory import open_store
from netmap.graph.store import GraphStore, Put, WriteBatch
from netmap.models import Membership, Person, Sector
from tests.falkordb_server import staging_copies

pytestmark = pytest.mark.falkordb

BATCHES = 6
PER_BATCH = 50


def _people(batch: int) -> list[Person]:
    return [Person(id=f"p-{batch}-{n:03d}", name=f"Person {batch} {n}") for n in range(PER_BATCH)]


def _records_in(url: str, graph: str) -> int:
    parts = urlsplit(url)
    db = FalkorDB(host=parts.hostname, port=parts.port)
    try:
        return int(db.select_graph(graph).ro_query("MATCH (n:Record) RETURN count(n)").result_set[0][0])
    finally:
        db.connection.close()


def test_a_unit_into_an_empty_store_is_built_a_command_at_a_time_in_a_staging_graph(
    falkordb_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    graph = urlsplit(falkordb_url).path.strip("/")
    monkeypatch.setattr(falkordb_build, "CHUNK_BYTES", 1)  # a GRAPH.BULK command per batch
    seen: list[tuple[int, dict[str, int]]] = []

    def batches() -> Iterator[WriteBatch]:
        for k in range(BATCHES):
            # Before the next batch is made, the ones before it are on the server (all but the one
            # being sent meanwhile), in the staging graph only: the process never holds the unit
            # whole, and no reader sees half of it.
            copies = staging_copies(falkordb_url)
            seen.append((_records_in(falkordb_url, graph), {n: _records_in(falkordb_url, n) for n in copies}))
            yield WriteBatch(puts=[Put(p) for p in _people(k)])

    with open_store(falkordb_url) as store:
        fingerprint = store.meta(KEY_META)
        assert store.apply_all(batches()) == BATCHES * PER_BATCH
        assert [target for target, _ in seen] == [0] * BATCHES
        landed = [list(copies.values()) for _, copies in seen]
        assert landed[0] == []  # nothing is made before the first batch is planned
        assert all(len(counts) <= 1 for counts in landed)
        behind = [k - (counts[0] // PER_BATCH if counts else 0) for k, counts in enumerate(landed)]
        assert set(behind) <= {0, 1} and behind[-1] <= 1
        assert all(counts[0] % PER_BATCH == 0 for counts in landed if counts)  # whole batches only
        assert len({name for _, copies in seen for name in copies}) == 1  # one graph for the whole unit
        assert store.counts()["person"] == BATCHES * PER_BATCH
        assert store.get(Person, "p-5-049") == _people(5)[-1].model_copy(update={"version": 1})
        assert store.meta(KEY_META) == fingerprint
        assert store.check() == []
    assert staging_copies(falkordb_url) == {}
    # The staging graph took the graph's place with the graph's constraints, and without an expiry.
    db = FalkorDB(host=urlsplit(falkordb_url).hostname, port=urlsplit(falkordb_url).port)
    try:
        with pytest.raises(ResponseError, match="unique constraint violation"):
            db.select_graph(graph).query("CREATE (:Record:Person {kind: 'Person', id: 'p-0-000'})")
        assert db.connection.pttl(graph) == -1
    finally:
        db.connection.close()


def _source_fails() -> Iterator[WriteBatch]:
    yield WriteBatch(puts=[Put(p) for p in _people(0)])
    yield WriteBatch(puts=[Put(p) for p in _people(1)])
    raise ValueError("the source of the batches failed")


def _same_id_twice() -> Iterator[WriteBatch]:
    yield WriteBatch(puts=[Put(p) for p in _people(0)])
    yield WriteBatch(puts=[Put(_people(0)[0])])


def _missing_parent() -> Iterator[WriteBatch]:
    yield WriteBatch(puts=[Put(p) for p in _people(0)])
    yield WriteBatch(puts=[Put(Membership.make("c-nowhere", "p-0-000", sector=Sector.FRIENDS))])


@pytest.mark.parametrize(
    ("batches", "error"),
    [(_source_fails, ValueError), (_same_id_twice, ConflictError), (_missing_parent, NotFound)],
    ids=["source-fails", "same-id-twice", "missing-parent"],
)
def test_a_failure_mid_unit_leaves_the_store_as_it_was_and_no_staging_copy(
    falkordb_url: str,
    batches: Callable[[], Iterator[WriteBatch]],
    error: type[Exception],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(falkordb_build, "CHUNK_BYTES", 1)  # the batches before are on the server
    with open_store(falkordb_url) as store:
        fingerprint = store.meta(KEY_META)
        before = store.counts()
        with pytest.raises(error):
            store.apply_all(batches())
        assert store.counts() == before
        assert store.meta(KEY_META) == fingerprint
        assert staging_copies(falkordb_url) == {}
        # The store still takes writes as before.
        store.apply(WriteBatch(puts=[Put(_people(9)[0])]))
        assert store.counts()["person"] == 1


def test_a_write_to_the_store_while_the_unit_runs_refuses_the_unit(falkordb_url: str) -> None:
    other: GraphStore = open_store(falkordb_url)

    def batches() -> Iterator[WriteBatch]:
        yield WriteBatch(puts=[Put(p) for p in _people(0)])
        other.apply(WriteBatch(puts=[Put(Person(id="p-elsewhere", name="Ola Nowak"))]))
        yield WriteBatch(puts=[Put(p) for p in _people(1)])

    with open_store(falkordb_url) as store:
        with pytest.raises(ConflictError, match="was written to while"):
            store.apply_all(batches())
        assert [p.id for p in store.list(Person)] == ["p-elsewhere"]
    other.close()
    assert staging_copies(falkordb_url) == {}


def test_a_unit_into_a_store_that_holds_records_is_written_in_place(falkordb_url: str) -> None:
    copies: list[dict[str, int]] = []

    def batches() -> Iterator[WriteBatch]:
        for k in range(1, 3):
            copies.append(staging_copies(falkordb_url))
            yield WriteBatch(puts=[Put(p) for p in _people(k)])

    with open_store(falkordb_url) as store:
        store.apply(WriteBatch(puts=[Put(_people(0)[0])]))
        assert store.apply_all(batches()) == 2 * PER_BATCH
        assert store.counts()["person"] == 1 + 2 * PER_BATCH
    assert copies == [{}, {}]


def test_the_next_unit_drops_a_staging_copy_whose_process_is_gone_and_keeps_a_live_one(
    falkordb_url: str,
) -> None:
    parts = urlsplit(falkordb_url)
    graph = parts.path.strip("/")
    open_store(falkordb_url).close()
    db = FalkorDB(host=parts.hostname, port=parts.port)
    live = FalkorDB(host=parts.hostname, port=parts.port)
    try:
        # A killed process's copy: no connection carries its name. A running unit's: its connection does.
        for name in (f"{graph}.staging-dead", f"{graph}.staging-live"):
            db.connection.execute_command("GRAPH.COPY", graph, name)
        live.connection.client_setname(f"{graph}.staging-live")
        with open_store(falkordb_url) as store:
            store.apply_all([WriteBatch(puts=[Put(p) for p in _people(0)])])
            assert store.counts()["person"] == PER_BATCH
        assert list(staging_copies(falkordb_url)) == [f"{graph}.staging-live"]
        names = {client.get("name") for client in db.connection.client_list()}
        assert not {
            name for name in names if name and name != f"{graph}.staging-live"
        }  # the unit's name is cleared
    finally:
        db.connection.unlink(f"{graph}.staging-live")
        db.connection.close()
        live.connection.close()
