"""The embedded SQLite store: one file, WAL, foreign keys, numbered migrations, one transaction per batch."""

from __future__ import annotations

import builtins
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from netmap.errors import NotFound, StoreUnavailable
from netmap.graph.adapters.sqlite.audit import (
    AUDIT_COLUMNS,
    AUDIT_TRIGGERS,
    insert_audit,
    rewrite_audit,
    row_event,
    scrub_audit,
)
from netmap.graph.adapters.sqlite.cohort import forget_rows, keep_rows, read_rows, read_views
from netmap.graph.adapters.sqlite.copy_rows import SOURCE, copy_rows
from netmap.graph.adapters.sqlite.diagnose import dangling, dangling_anywhere, dangling_sql
from netmap.graph.adapters.sqlite.migrations import MIGRATIONS, statements
from netmap.graph.adapters.sqlite.writes import quoted, table_of, write_deletes, write_puts
from netmap.graph.adapters.stored_json import stored_json
from netmap.graph.audit_chain import AuditSeal
from netmap.graph.references import KEY_COLUMNS, REFERENCES
from netmap.graph.store import CohortRows, KeptRow, KeptViews, WriteBatch, record_label
from netmap.graph.urls import redact_url, sqlite_path
from netmap.models import (
    STORED,
    AuditEvent,
    Case,
    Kin,
    Membership,
    Network,
    Person,
    Record,
    Tie,
    User,
)

__all__ = ["BUSY_TIMEOUT_MS", "SqliteStore"]

BUSY_TIMEOUT_MS = 10_000
RecordT = TypeVar("RecordT", bound=Record)

# The case's young person and its members: the people of its network.
_CASE_PEOPLE = (
    "WITH ids(id) AS (SELECT person_id FROM membership WHERE case_id = :case "
    'UNION SELECT ego_id FROM "case" WHERE id = :case) '
)

# Records per page when a whole table is read in turn (``each``).
_PAGE = 1000


class SqliteStore:
    """A ``GraphStore`` in one SQLite file (``sqlite:///path.db``) or in memory (``sqlite:///:memory:``).

    One table per record type holds the record's JSON plus the key columns that queries, indexes
    and foreign keys need; ``audit`` is append-only (triggers refuse DELETE, and any UPDATE but
    an erasure's rewrite of before/after). The connection is shared by threads behind a lock, as
    Streamlit sessions share one store.

    >>> from netmap.models import Person
    >>> from netmap.graph.store import Put, WriteBatch
    >>> with SqliteStore("sqlite:///:memory:") as store:
    ...     [ann] = store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann"))]))
    ...     (ann.version, store.get(Person, "p-1") == ann)
    (1, True)
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = sqlite_path(url)
        self._lock = threading.RLock()
        self._conn = self._connect()
        try:
            self._conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._conn.execute("PRAGMA journal_mode = WAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            # Deleted and rewritten content is zeroed, so an erased person is gone from the file too.
            self._conn.execute("PRAGMA secure_delete = ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            raise StoreUnavailable(f"Cannot open the database {self.path}: {exc}.") from None
        except BaseException:
            self._conn.close()
            raise

    # ------------------------------------------------------------------ lifecycle

    def _connect(self) -> sqlite3.Connection:
        if self.path != ":memory:":
            path = Path(self.path)
            if not path.parent.is_dir():
                raise StoreUnavailable(
                    f"Cannot open the database {self.path}: the folder {path.parent} does not exist."
                )
            if path.is_dir():
                raise StoreUnavailable(f"Cannot open the database {self.path}: it is a folder, not a file.")
            try:
                # Owner-only from the first byte: the file holds safeguarding details. Only a new file:
                # closing a descriptor of a file this process has open in SQLite drops its POSIX locks,
                # and another process would then take its WAL for unused and remove it.
                os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600))
            except FileExistsError:
                pass
            except OSError as exc:
                raise StoreUnavailable(f"Cannot open the database {self.path}: {exc.strerror}.") from None
        try:
            return sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"Cannot open the database {self.path}: {exc}.") from None

    def _migrate(self) -> None:
        with self._transaction("IMMEDIATE") as conn:
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if tables - {"schema_migrations", "sqlite_sequence"} and "schema_migrations" not in tables:
                raise StoreUnavailable(
                    f"Cannot open the database {self.path}: it is a SQLite file but not a netmap store."
                )
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            applied = {number for (number,) in conn.execute("SELECT version FROM schema_migrations")}
            known = MIGRATIONS[-1][0]
            if applied and max(applied) > known:
                raise StoreUnavailable(
                    f"Cannot open the database {self.path}: it was written by a newer netmap "
                    f"(schema {max(applied)}; this version knows up to {known})."
                )
            for number, name, script in MIGRATIONS:
                if number not in applied:
                    for statement in statements(script):
                        conn.execute(statement)
                    conn.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                        (number, name),
                    )

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"SqliteStore({redact_url(self.url)!r})"

    @contextmanager
    def _transaction(
        self, mode: str = "DEFERRED", diagnose: Callable[[sqlite3.Connection], Exception] | None = None
    ) -> Iterator[sqlite3.Connection]:
        """One transaction; ``diagnose`` explains a deferred foreign-key failure at COMMIT."""
        with self._lock:
            try:
                self._conn.execute(f"BEGIN {mode}")
            except sqlite3.OperationalError as exc:
                raise StoreUnavailable(f"The database {self.path} is unavailable: {exc}.") from None
            try:
                yield self._conn
                try:
                    self._conn.execute("COMMIT")
                except sqlite3.IntegrityError:
                    if diagnose is None:
                        raise
                    # SQLite keeps the transaction open after a failed COMMIT, so it can be inspected.
                    raise diagnose(self._conn) from None
            except BaseException:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                raise

    # ------------------------------------------------------------------ reads

    def get(self, kind: type[RecordT], record_id: str) -> RecordT | None:
        with self._lock:
            row = self._conn.execute(
                f"SELECT data FROM {quoted(table_of(kind))} WHERE id = ?", (record_id,)
            ).fetchone()
        return kind.model_validate_json(row[0], context=STORED) if row else None

    def list(self, kind: type[RecordT], *, case_id: str | None = None) -> builtins.list[RecordT]:
        """Every record of ``kind`` sorted by id; with ``case_id``, those of that case.

        For a case, people are its young person and its members, kin links are those among
        them, and users are those granted the case.
        """
        table = table_of(kind)
        if case_id is None:
            sql, params = f"SELECT data FROM {quoted(table)} ORDER BY id", {}
        else:
            sql, params = self._case_query(kind), {"case": case_id}
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
        return [kind.model_validate_json(data, context=STORED) for (data,) in rows]

    def list_services(self) -> builtins.list[Person]:
        # The kind is never sealed, so SQLite finds the few services among the people itself.
        sql = "SELECT data FROM person WHERE json_extract(data, '$.kind') = 'service' ORDER BY id"
        with self._lock:
            rows = self._conn.execute(sql).fetchall()
        return [Person.model_validate_json(data, context=STORED) for (data,) in rows]

    def each(self, kind: type[RecordT]) -> Iterator[RecordT]:
        return (kind.model_validate_json(data, context=STORED) for data in self._each_data(kind))

    def each_json(self, kind: type[Record]) -> Iterator[dict[str, Any]]:
        return (stored_json(kind, data) for data in self._each_data(kind))

    def _each_data(self, kind: type[Record]) -> Iterator[str]:
        """The stored text of every record of ``kind`` by id, read a page at a time."""
        sql = f"SELECT id, data FROM {quoted(table_of(kind))} WHERE id > ? ORDER BY id LIMIT {_PAGE}"
        after = ""
        while True:
            with self._lock:
                rows = self._conn.execute(sql, (after,)).fetchall()
            yield from (data for _, data in rows)
            if len(rows) < _PAGE:
                return
            after = rows[-1][0]

    @staticmethod
    def _case_query(kind: type[Record]) -> str:
        if kind is Case:
            return 'SELECT data FROM "case" WHERE id = :case'
        if kind is Person:
            return _CASE_PEOPLE + "SELECT data FROM person WHERE id IN ids ORDER BY id"
        if kind is Kin:
            return _CASE_PEOPLE + "SELECT data FROM kin WHERE from_id IN ids AND to_id IN ids ORDER BY id"
        if kind is User:
            return 'SELECT data FROM "user" WHERE id IN (SELECT username FROM "grant" WHERE case_id = :case) ORDER BY id'
        return f"SELECT data FROM {quoted(table_of(kind))} WHERE case_id = :case ORDER BY id"

    def cohort_rows(self, view: str) -> CohortRows:
        with self._transaction() as conn:
            return read_rows(conn, view)

    def keep_cohort_rows(self, rows: Iterable[KeptRow]) -> None:
        with self._writing(dangling_anywhere) as conn:
            keep_rows(conn, rows)

    def kept_views(self, case_ids: Iterable[str]) -> dict[str, KeptViews]:
        with self._transaction() as conn:
            return read_views(conn, case_ids)

    def get_network(self, case_id: str) -> Network:
        """The case, its young person and members, kin among them, its memberships and ties, by id."""
        params = {"case": case_id}
        with self._transaction() as conn:
            row = conn.execute('SELECT data FROM "case" WHERE id = :case', params).fetchone()
            if row is None:
                raise NotFound(f"case {case_id} does not exist.")

            def rows(kind: type[Record]) -> builtins.list[str]:
                return [data for (data,) in conn.execute(self._case_query(kind), params)]

            people, memberships, kin, ties = rows(Person), rows(Membership), rows(Kin), rows(Tie)
        return Network(
            case=Case.model_validate_json(row[0], context=STORED),
            people=[Person.model_validate_json(data, context=STORED) for data in people],
            memberships=[Membership.model_validate_json(data, context=STORED) for data in memberships],
            kin=[Kin.model_validate_json(data, context=STORED) for data in kin],
            ties=[Tie.model_validate_json(data, context=STORED) for data in ties],
        )

    def audit_log(
        self, *, entity_id: str | None = None, case_id: str | None = None, limit: int | None = None
    ) -> builtins.list[AuditEvent]:
        """Audit events ordered by ``seq`` (the newest ``limit`` of them when given)."""
        where = [
            f"{column} = ?" for column, value in (("entity_id", entity_id), ("case_id", case_id)) if value
        ]
        params: builtins.list[Any] = [value for value in (entity_id, case_id) if value]
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        params.append(-1 if limit is None else max(limit, 0))
        sql = f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit {clause} ORDER BY seq DESC LIMIT ?"
        with self._lock:
            rows = self._conn.execute(sql, params).fetchall()
        return [row_event(row) for row in reversed(rows)]

    def each_audit(self) -> Iterator[AuditEvent]:
        sql = f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit WHERE seq > ? ORDER BY seq LIMIT {_PAGE}"
        after = 0
        while True:
            with self._lock:
                rows = self._conn.execute(sql, (after,)).fetchall()
            yield from (row_event(row) for row in rows)
            if len(rows) < _PAGE:
                return
            after = rows[-1][0]

    def meta(self, name: str) -> str | None:
        with self._lock:
            row = self._conn.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return None if row is None else str(row[0])

    def counts(self) -> dict[str, int]:
        with self._lock:
            return {
                table: self._conn.execute(f"SELECT count(*) FROM {quoted(table)}").fetchone()[0]
                for table in (*KEY_COLUMNS, "audit")
            }

    def check(self) -> builtins.list[str]:
        """SQLite's integrity and foreign-key checks plus dangling references, as sentences."""
        problems: builtins.list[str] = []
        with self._transaction() as conn:
            results = [message for (message,) in conn.execute("PRAGMA integrity_check")]
            if results != ["ok"]:
                problems += [f"SQLite integrity check: {message}." for message in results]
            for ref in REFERENCES:
                for row in conn.execute(dangling_sql(ref)):
                    fields = dict(zip(("id", *ref.columns), row, strict=True))
                    problems.append(ref.problem.format(**fields) + ".")
            if not problems:
                for table, rowid, parent, _ in conn.execute("PRAGMA foreign_key_check"):
                    problems.append(
                        f"A {record_label(table)} row (rowid {rowid}) refers to a missing {record_label(parent)}."
                    )
            triggers = {
                name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            }
            problems += [
                f"The audit trail's guard {name} is missing: the trail can be changed or deleted."
                for name in AUDIT_TRIGGERS
                if name not in triggers
            ]
        return problems

    # ------------------------------------------------------------------ writes

    def apply(self, batch: WriteBatch) -> builtins.list[Record]:
        """Apply puts, then deletes, then audit events in one transaction; return the written records.

        A create writes version 1; an update needs the stored version to equal
        ``expected_version`` and writes version + 1; a restore writes the record verbatim.
        Any conflict, missing record or dangling reference rolls the whole batch back.

        Deletes cascade: deleting a case deletes its memberships, ties, contact events,
        conferences, snapshots and grants; deleting a person deletes their memberships (and so
        the ties joining them), their kin links and the contact events about them; deleting a
        membership deletes the case's ties to that person; deleting a user deletes their grants;
        ``batch.forget`` drops the kept rows it names. Deleting a person who is the young person of
        a case, or whom an account names, is refused (``ConflictError``): delete that first, or too.
        Earlier audit entries are touched only by ``batch.scrub`` (an erasure), in the same
        transaction, whose tombstone goes in after ``batch.audit``. References must exist when the batch commits: a
        membership's case and person, a tie's two ends as members of its case, a kin link's two
        people, a user's person, a grant's user and case, and so on (``NotFound``).
        """
        if not batch:
            return []
        with self._writing(lambda conn: dangling(conn, batch)) as conn:
            written = self._apply_one(conn, batch)
        if batch.scrub is not None or batch.rewrite is not None:
            self._purge()
        return written

    def apply_all(self, batches: Iterable[WriteBatch]) -> int:
        """Apply each batch in turn (as ``apply`` does) inside ONE transaction; return records written.

        Only the batch at hand is in memory: the transaction's pages go to the WAL as it grows.
        Anything raised, by a batch or by ``batches`` itself, rolls every batch back.
        """
        written, scrubbed = 0, False
        with self._writing(dangling_anywhere) as conn:
            for batch in batches:
                written += len(self._apply_one(conn, batch))
                scrubbed = scrubbed or batch.scrub is not None
        if scrubbed:
            self._purge()
        return written

    @contextmanager
    def _writing(self, diagnose: Callable[[sqlite3.Connection], Exception]) -> Iterator[sqlite3.Connection]:
        try:
            with self._transaction("IMMEDIATE", diagnose=diagnose) as conn:
                yield conn
        except sqlite3.Error as exc:
            raise StoreUnavailable(f"The database {self.path} refused the write: {exc}.") from exc

    def _apply_one(self, conn: sqlite3.Connection, batch: WriteBatch) -> builtins.list[Record]:
        written = write_puts(conn, batch.puts)
        write_deletes(conn, batch.deletes)
        forget_rows(conn, batch.forget)
        if batch.rewrite is not None:
            rewrite_audit(conn, batch.rewrite)
        stone = [] if batch.scrub is None else [scrub_audit(conn, batch.scrub, batch.seal)]
        insert_audit(conn, [*batch.audit, *stone], batch.seal)
        conn.executemany(
            "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            sorted(batch.meta.items()),
        )
        return written

    def _purge(self) -> None:
        """After an erasure or a rotation: no old page may stay in the WAL or in the file's free pages.

        The checkpoint waits (busy timeout) for readers still on an older snapshot; VACUUM then
        rewrites the file without its free pages (secure_delete has zeroed them already). A reader
        that holds its snapshot past the timeout keeps the old pages until it ends: that is said.
        """
        if self.path == ":memory:":
            return
        with self._lock:
            try:
                deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
                while True:
                    busy, _, _ = self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                    if not busy or time.monotonic() > deadline:
                        break
                    time.sleep(0.05)  # a reader on an older snapshot: give it time to move on
                if busy:
                    raise StoreUnavailable(
                        f"The change is saved, but another program is still reading {self.path} from before "
                        "it, so the file keeps the old pages until that reader closes; run netmap check then."
                    )
                self._conn.execute("VACUUM")
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.Error as exc:
                raise StoreUnavailable(f"The database {self.path} could not be compacted: {exc}.") from exc

    def copy_from(self, source: object) -> dict[str, int] | None:
        """Every row of the store file ``source`` copied as stored into this empty store, in one
        transaction (``copy_rows``); the counts per table and ``audit``. None, with nothing written,
        when ``source`` is not a SQLite file. Only for two stores under one key."""
        if not isinstance(source, SqliteStore) or source.path == ":memory:":
            return None
        with self._lock:
            self._conn.execute(f"ATTACH DATABASE ? AS {SOURCE}", (source.path,))
            try:
                with self._writing(dangling_anywhere) as conn:
                    return copy_rows(conn)
            finally:
                self._conn.execute(f"DETACH DATABASE {SOURCE}")

    def append_audit(self, events: Iterable[AuditEvent], seal: AuditSeal | None = None) -> None:
        self.apply(WriteBatch(audit=list(events), seal=seal))
