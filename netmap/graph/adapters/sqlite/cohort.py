"""The cohort rows kept in a SQLite store (tables and triggers: migration 4), read and written."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from netmap.graph.store import CohortRows, ForgetKept, KeptRow, KeptViews

__all__ = ["forget_rows", "keep_rows", "read_rows", "read_views"]

# Every case with its generation (0 when no write has raised it yet), and its row for the view
# when that row was computed at the current generation.
_READ = """
SELECT c.id, coalesce(g.gen, 0), r.data
FROM "case" AS c
LEFT JOIN cohort_gen AS g ON g.case_id = c.id
LEFT JOIN cohort_row AS r ON r.case_id = c.id AND r.view = ? AND r.gen = coalesce(g.gen, 0)
"""
_KEEP = """
INSERT INTO cohort_row (case_id, view, gen, data)
SELECT :case_id, :view, :gen, :data
WHERE EXISTS (SELECT 1 FROM "case" WHERE id = :case_id)
  AND :gen = coalesce((SELECT gen FROM cohort_gen WHERE case_id = :case_id), 0)
ON CONFLICT (case_id, view) DO UPDATE SET gen = excluded.gen, data = excluded.data
"""

# A view's rows of one case (by the table's key), or of every case (the whole table read: an erasure's).
_FORGET_OF_CASE = "DELETE FROM cohort_row WHERE case_id = ? AND view = ?"
_FORGET_EVERY_CASE = "DELETE FROM cohort_row WHERE view = ?"

# One case's generation, and the view and generation of each row kept for it (none: one row of nulls).
_VIEWS = """
SELECT coalesce(g.gen, 0), r.view, r.gen
FROM "case" AS c
LEFT JOIN cohort_gen AS g ON g.case_id = c.id
LEFT JOIN cohort_row AS r ON r.case_id = c.id
WHERE c.id = ?
"""


def read_rows(conn: sqlite3.Connection, view: str) -> CohortRows:
    gens: dict[str, int] = {}
    rows: dict[str, str] = {}
    for case_id, gen, data in conn.execute(_READ, (view,)):
        gens[case_id] = gen
        if data is not None:
            rows[case_id] = data
    return CohortRows(gens, rows)


def keep_rows(conn: sqlite3.Connection, rows: Iterable[KeptRow]) -> None:
    conn.executemany(
        _KEEP,
        ({"case_id": r.case_id, "view": r.view, "gen": r.gen, "data": r.data} for r in rows),
    )


def forget_rows(conn: sqlite3.Connection, forget: Iterable[ForgetKept]) -> None:
    for rows in forget:
        if rows.case_ids is None:
            conn.execute(_FORGET_EVERY_CASE, (rows.view,))
        else:
            conn.executemany(_FORGET_OF_CASE, ((case_id, rows.view) for case_id in sorted(rows.case_ids)))


def read_views(conn: sqlite3.Connection, case_ids: Iterable[str]) -> dict[str, KeptViews]:
    found: dict[str, KeptViews] = {}
    for case_id in case_ids:
        for gen, view, row_gen in conn.execute(_VIEWS, (case_id,)):
            kept = found.setdefault(case_id, KeptViews(gen, {}))
            if view is not None:
                kept.views[view] = row_gen
    return found
