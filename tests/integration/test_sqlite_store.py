"""What only the SQLite store promises: file handling, pragmas, migrations, triggers, indexes, threads."""

from __future__ import annotations

import sqlite3
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netmap.errors import ConflictError, StoreUnavailable, UsageError
from netmap.graph.adapters.sqlite.migrations import MIGRATIONS
from netmap.graph.adapters.sqlite.store import BUSY_TIMEOUT_MS, SqliteStore
from netmap.graph.factory import open_store
from netmap.graph.store import Put, WriteBatch
from netmap.models import AuditEvent, Person, Tie


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "netmap.db"


@pytest.fixture
def sqlite(db_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore(f"sqlite:///{db_path}") as opened:
        yield opened


def _raw(path: Path, *, foreign_keys: bool = False) -> sqlite3.Connection:
    conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    return conn


def _person(i: int) -> Person:
    return Person(id=f"p-{i}", name=f"Person {i}")


def test_open_store_picks_sqlite_and_the_url_forms_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    for url, path in [
        ("sqlite:///sub/rel.db", tmp_path / "sub" / "rel.db"),
        (f"sqlite:///{tmp_path / 'abs.db'}", tmp_path / "abs.db"),
    ]:
        store = open_store(url)
        assert isinstance(getattr(store, "inner", store), SqliteStore)
        store.close()
        with SqliteStore(url) as store:
            assert store.url == url
            store.apply(WriteBatch(puts=[Put(_person(1))]))
        assert path.is_file()
        with SqliteStore(url) as again:
            assert again.get(Person, "p-1") == _person(1).model_copy(update={"version": 1})
    with SqliteStore("sqlite:///:memory:") as memory:
        memory.apply(WriteBatch(puts=[Put(_person(1))]))
        assert memory.counts()["person"] == 1


@pytest.mark.parametrize("url", ["sqlite:///", "sqlite://host/x.db", "sqlite:/x.db"])
def test_a_malformed_url_is_a_usage_error(url: str):
    with pytest.raises(UsageError, match="SQLite URL"):
        SqliteStore(url)


def test_wal_foreign_keys_and_busy_timeout_are_on(sqlite: SqliteStore, db_path: Path):
    conn = sqlite._conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS == 10_000
    assert _raw(db_path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_new_database_file_is_readable_by_its_owner_only(sqlite: SqliteStore, db_path: Path):
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_migrations_are_recorded_once(db_path: Path):
    SqliteStore(f"sqlite:///{db_path}").close()
    SqliteStore(f"sqlite:///{db_path}").close()
    rows = _raw(db_path).execute("SELECT version, name, applied_at FROM schema_migrations").fetchall()
    assert (
        [(v, n) for v, n, _ in rows]
        == [(number, name) for number, name, _ in MIGRATIONS]
        == [
            (1, "schema"),
            (2, "audit_erasure"),
            (3, "sealed_audit"),
            (4, "cohort_rows"),
            (5, "conference_rows"),
            (6, "person_kind"),
        ]
    )
    assert rows[0][2].startswith("20")


def test_a_database_from_a_newer_netmap_is_refused(db_path: Path):
    SqliteStore(f"sqlite:///{db_path}").close()
    _raw(db_path).execute("INSERT INTO schema_migrations VALUES (99, 'future', '2030-01-01')")
    with pytest.raises(StoreUnavailable, match=r"newer netmap \(schema 99"):
        SqliteStore(f"sqlite:///{db_path}")


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(tmp_path: Path):
    notes = tmp_path / "notes.txt"
    content = b"Jordan's notes - not a database\n" * 200
    notes.write_bytes(content)
    with pytest.raises(StoreUnavailable) as caught:
        SqliteStore(f"sqlite:///{notes}")
    assert str(notes) in str(caught.value)
    assert "not a database" in str(caught.value)
    assert str(caught.value).count(".") >= 1 and "\n" not in str(caught.value)
    assert notes.read_bytes() == content


def test_another_program_s_sqlite_file_is_refused_and_left_untouched(tmp_path: Path):
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreUnavailable, match="not a netmap store"):
        SqliteStore(f"sqlite:///{other}")
    tables = [r[0] for r in sqlite3.connect(other).execute("SELECT name FROM sqlite_master")]
    assert tables == ["recipes"]


def test_a_missing_folder_is_reported_and_not_created(tmp_path: Path):
    missing = tmp_path / "no" / "such" / "netmap.db"
    with pytest.raises(StoreUnavailable, match="does not exist") as caught:
        SqliteStore(f"sqlite:///{missing}")
    assert str(missing) in str(caught.value)
    assert not (tmp_path / "no").exists()


def test_a_folder_in_place_of_the_file_is_refused(tmp_path: Path):
    with pytest.raises(StoreUnavailable, match="folder"):
        SqliteStore(f"sqlite:///{tmp_path}")


def test_the_audit_table_refuses_update_and_delete_even_from_outside(sqlite: SqliteStore, db_path: Path):
    sqlite.append_audit(
        [AuditEvent(at="2025-06-01T09:00:00Z", actor="a", action="view", entity="case", entity_id="c-1")]
    )
    conn = _raw(db_path)
    for change in ("action = 'edit'", "at = '2020-01-01T00:00:00Z'", "outcome = 'refused'", "seq = 9"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute(f"UPDATE audit SET {change}")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM audit")
    assert [e.actor for e in sqlite.audit_log()] == ["a"]


def test_check_names_dangling_references_written_behind_its_back(
    sqlite: SqliteStore, db_path: Path, make_case: Any
):
    network = make_case("c-1")
    sqlite.apply(WriteBatch(puts=[Put(r) for r in (*network.people, network.case, *network.memberships)]))
    conn = _raw(db_path, foreign_keys=False)
    conn.execute(
        "INSERT INTO tie (id, version, case_id, from_id, to_id, data) VALUES ('t-bad', 1, 'c-1', 'c-1-ego', 'p-x', '{}')"
    )
    conn.execute(
        "INSERT INTO membership (id, version, case_id, person_id, data) VALUES ('c-1|p-gone', 1, 'c-1', 'p-gone', '{}')"
    )
    assert sqlite.check() == [
        "membership c-1|p-gone names person p-gone, who does not exist.",
        "tie t-bad joins p-x, who is not a member of case c-1.",
    ]


def test_a_refused_batch_leaves_the_store_usable(sqlite: SqliteStore):
    with pytest.raises(ConflictError):
        sqlite.apply(WriteBatch(deletes=[], puts=[Put(_person(1)), Put(_person(1))]))
    sqlite.apply(WriteBatch(puts=[Put(_person(1))]))
    assert sqlite.counts()["person"] == 1
    assert not sqlite._conn.in_transaction


def test_two_connections_see_each_other_s_versions(db_path: Path):
    url = f"sqlite:///{db_path}"
    with SqliteStore(url) as amy, SqliteStore(url) as ben:
        [mine] = amy.apply(WriteBatch(puts=[Put(_person(1))]))
        [theirs] = ben.apply(
            WriteBatch(puts=[Put(mine.model_copy(update={"area": "Eastdale"}), expected_version=1)])
        )
        with pytest.raises(ConflictError, match="version 2"):
            amy.apply(
                WriteBatch(puts=[Put(mine.model_copy(update={"area": "Westfield"}), expected_version=1)])
            )
        assert amy.get(Person, "p-1") == theirs


def test_opening_the_file_again_keeps_the_locks_of_a_store_already_open(db_path: Path):
    # Another process that opens and closes the store must not take this process's WAL for unused.
    url = f"sqlite:///{db_path}"
    with SqliteStore(url) as first:
        first.apply(WriteBatch(puts=[Put(_person(1))]))
        with SqliteStore(url) as second:
            code = f"import sqlite3; c = sqlite3.connect({str(db_path)!r}); c.execute('SELECT 1 FROM person').fetchall(); c.close()"
            subprocess.run([sys.executable, "-c", code], check=True)
            first.apply(WriteBatch(puts=[Put(_person(2))]))
            assert second.counts()["person"] == 2
        assert Path(f"{db_path}-wal").exists()
        assert first.get(Person, "p-2") == _person(2).model_copy(update={"version": 1})


def test_a_writer_waits_for_a_lock_held_by_another_connection(sqlite: SqliteStore, db_path: Path):
    blocker = _raw(db_path)
    blocker.execute("BEGIN IMMEDIATE")
    release = threading.Timer(0.3, blocker.execute, args=("COMMIT",))
    release.start()
    sqlite.apply(WriteBatch(puts=[Put(_person(1))]))
    release.join()
    assert sqlite.counts()["person"] == 1


def test_threads_can_share_one_store(sqlite: SqliteStore):
    errors: list[BaseException] = []

    def write(start: int) -> None:
        try:
            for i in range(start, start + 25):
                sqlite.apply(WriteBatch(puts=[Put(_person(i))]))
                sqlite.list(Person)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(n * 100,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert sqlite.counts()["person"] == 100


@pytest.mark.parametrize(
    ("sql", "index"),
    [
        ("SELECT data FROM tie WHERE case_id = 'c-1' ORDER BY id", "tie_case_"),
        ("SELECT data FROM membership WHERE case_id = 'c-1' ORDER BY id", "autoindex_membership"),
        ("DELETE FROM tie WHERE case_id = 'c-1' AND to_id = 'p-1'", "tie_case_to"),
        ("SELECT data FROM kin WHERE from_id = 'p-1'", "kin_from"),
        ("SELECT data FROM contact_event WHERE person_id = 'p-1'", "contact_event_person"),
        ("SELECT id FROM \"grant\" WHERE case_id = 'c-1'", "grant_case"),
        ("SELECT seq FROM audit WHERE entity_id = 'p-1'", "audit_entity"),
    ],
)
def test_queries_by_key_use_an_index(sqlite: SqliteStore, sql: str, index: str):
    plan = " ".join(row[-1] for row in sqlite._conn.execute(f"EXPLAIN QUERY PLAN {sql}"))
    assert index in plan, plan


def test_a_tie_moved_to_other_people_updates_its_key_columns(sqlite: SqliteStore, make_case: Any):
    network = make_case("c-1")
    sqlite.apply(
        WriteBatch(
            puts=[Put(r) for r in (*network.people, network.case, *network.memberships, *network.ties)]
        )
    )
    tie = sqlite.get(Tie, "c-1-t2")
    sqlite.apply(WriteBatch(puts=[Put(tie.model_copy(update={"to_id": "c-1-hmp"}), expected_version=1)]))
    row = sqlite._conn.execute("SELECT from_id, to_id, version FROM tie WHERE id = 'c-1-t2'").fetchone()
    assert row == ("c-1-ego", "c-1-hmp", 2)
