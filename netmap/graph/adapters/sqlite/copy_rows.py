"""A whole SQLite store's rows copied into an empty one by SQLite itself (``netmap copy`` between
two SQLite files under the same key)."""

from __future__ import annotations

import sqlite3

from netmap.graph.adapters.sqlite.audit import AUDIT_COLUMNS
from netmap.graph.adapters.sqlite.writes import quoted
from netmap.graph.references import KEY_COLUMNS
from netmap.models import RECORD_TYPES

__all__ = ["SOURCE", "copy_rows"]

# The name the source file is attached under, for the length of the copy.
SOURCE = "netmap_copy_source"


def copy_rows(conn: sqlite3.Connection) -> dict[str, int]:
    """Insert every record row (tables in dependency order, each in id order) and every audit entry
    of the attached ``SOURCE`` into the same tables of ``conn``'s store, in the open transaction;
    return the rows copied per table and ``audit``.

    Rows go in as stored: sealed values stay sealed under the key both stores share, and each audit
    entry keeps the seal made with it. Cohort rows are derived data and are not copied (the
    destination's triggers raise the copied cases' generations as the rows go in).
    """
    counts: dict[str, int] = {}
    for kind in RECORD_TYPES:
        columns = ", ".join(("id", "version", *KEY_COLUMNS[kind.table], "data"))
        table = quoted(kind.table)
        cursor = conn.execute(
            f"INSERT INTO main.{table} ({columns}) SELECT {columns} FROM {SOURCE}.{table} ORDER BY id"
        )
        counts[kind.table] = cursor.rowcount
    columns = ", ".join(AUDIT_COLUMNS)
    cursor = conn.execute(
        f"INSERT INTO main.audit ({columns}) SELECT {columns} FROM {SOURCE}.audit ORDER BY seq"
    )
    counts["audit"] = cursor.rowcount
    return counts
