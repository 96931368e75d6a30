"""The raw-scan baseline: the same rows written and read with plain ``sqlite3``, no netmap code, no work.

netmap's timings are reported as ratios of these, so a result holds on a slower or busier
machine. The schema mirrors what a store needs to find a case's rows (one table per record
type: id, the key columns, the record's JSON) with the same indexes; rows are serialised
before timing starts, so the baseline is pure storage work.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from pathlib import Path

from netmap.graph.references import KEY_COLUMNS
from netmap.models import Record

__all__ = ["KEYS", "RawStore", "raw_rows"]

# The tables the bench generates, with the same key columns netmap's schema keeps beside the JSON.
KEYS: dict[str, tuple[str, ...]] = {
    table: columns for table, columns in KEY_COLUMNS.items() if table not in {"user", "grant"}
}
_INDEXES = (
    "CREATE INDEX membership_case ON membership (case_id)",
    "CREATE INDEX membership_person ON membership (person_id)",
    "CREATE INDEX kin_from ON kin (from_id)",
    "CREATE INDEX kin_to ON kin (to_id)",
    "CREATE INDEX tie_case ON tie (case_id)",
    "CREATE INDEX snapshot_case ON snapshot (case_id)",
    "CREATE INDEX conference_case ON conference (case_id)",
    "CREATE INDEX contact_event_case ON contact_event (case_id)",
)
# What opening a case reads: the case, its people, memberships, kin among them, ties, snapshots.
_OPEN_CASE = (
    'SELECT data FROM "case" WHERE id = :case',
    "SELECT data FROM person WHERE id IN (SELECT person_id FROM membership WHERE case_id = :case)",
    "SELECT data FROM membership WHERE case_id = :case",
    "WITH ids(id) AS (SELECT person_id FROM membership WHERE case_id = :case) "
    "SELECT data FROM kin WHERE from_id IN ids AND to_id IN ids",
    "SELECT data FROM tie WHERE case_id = :case",
    "SELECT data FROM snapshot WHERE case_id = :case",
)
# What the cohort report reads: every case's network and snapshots.
_COHORT_TABLES = ("case", "person", "membership", "kin", "tie", "snapshot")


def raw_rows(records: Iterable[Record]) -> dict[str, list[tuple[str, ...]]]:
    """Rows per table, ready for ``RawStore.insert`` (serialised here, outside any timing)."""
    rows: dict[str, list[tuple[str, ...]]] = {table: [] for table in KEYS}
    for record in records:
        keys = tuple(getattr(record, column) for column in KEYS[record.table])
        rows[record.table].append((record.id, *keys, record.model_dump_json()))
    return rows


class RawStore:
    """A plain SQLite file holding the generated rows, in WAL mode like netmap's store."""

    def __init__(self, path: Path) -> None:
        fresh = not path.exists()
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode = WAL")
        if fresh:
            for table, keys in KEYS.items():
                columns = ", ".join(f"{key} TEXT NOT NULL" for key in keys)
                self.conn.execute(
                    f'CREATE TABLE "{table}" (id TEXT PRIMARY KEY, {columns + ", " if columns else ""}data TEXT NOT NULL)'
                )
            for statement in _INDEXES:
                self.conn.execute(statement)

    def close(self) -> None:
        self.conn.close()

    def insert(self, rows: dict[str, list[tuple[str, ...]]]) -> None:
        """Insert one chunk of rows in one transaction."""
        self.conn.execute("BEGIN")
        for table, table_rows in rows.items():
            if table_rows:
                marks = ", ".join("?" * len(table_rows[0]))
                self.conn.executemany(f'INSERT INTO "{table}" VALUES ({marks})', table_rows)
        self.conn.execute("COMMIT")

    def case_ids(self) -> list[str]:
        return [case_id for (case_id,) in self.conn.execute('SELECT id FROM "case" ORDER BY id')]

    def open_case(self, case_id: str) -> int:
        """Read one case's rows; return how many."""
        return sum(len(self.conn.execute(sql, {"case": case_id}).fetchall()) for sql in _OPEN_CASE)

    def scan(self, tables: Iterable[str] = _COHORT_TABLES) -> int:
        """Read every row of ``tables``; return the number of bytes of JSON read."""
        total = 0
        for table in tables:
            for (data,) in self.conn.execute(f'SELECT data FROM "{table}"'):
                total += len(data)
        return total

    def scan_all(self) -> int:
        """Read every row of every table (the baseline of a whole-store JSON export)."""
        return self.scan(KEYS)
