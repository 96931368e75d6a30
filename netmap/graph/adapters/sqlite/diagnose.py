"""Why a SQLite write failed its deferred foreign keys at COMMIT: one sentence naming the record."""

from __future__ import annotations

import sqlite3

from netmap.errors import ConflictError, NotFound
from netmap.graph.references import REFERENCES, Reference
from netmap.graph.store import WriteBatch
from netmap.models import Person

__all__ = ["dangling", "dangling_anywhere", "dangling_sql"]


def dangling_sql(ref: Reference, limit: int = 50) -> str:
    """Rows of ``ref.table`` whose reference finds no parent: their id, then ``ref.columns``."""
    match = " AND ".join(f"p.{p} = c.{c}" for c, p in zip(ref.columns, ref.parent_columns, strict=True))
    present = " AND ".join(f"c.{c} IS NOT NULL" for c in ref.columns)
    return (
        f'SELECT c.id, {", ".join("c." + c for c in ref.columns)} FROM "{ref.table}" c '
        f'WHERE {present} AND NOT EXISTS (SELECT 1 FROM "{ref.parent}" p WHERE {match}) '
        f"ORDER BY c.id LIMIT {limit}"
    )


def _parent_sql(ref: Reference) -> str:
    """One parent row by ``ref.parent_columns`` (parameters: the referencing values)."""
    match = " AND ".join(f"{column} = ?" for column in ref.parent_columns)
    return f'SELECT 1 FROM "{ref.parent}" WHERE {match}'


def dangling(conn: sqlite3.Connection, batch: WriteBatch) -> Exception:
    """The error naming why the batch's foreign keys failed (the transaction is still open)."""
    for delete in batch.deletes:
        if delete.kind is not Person:
            continue
        for sql, why in (
            (
                'SELECT id FROM "case" WHERE ego_id = ? ORDER BY id',
                "is the young person of case {} and cannot be deleted while the case exists",
            ),
            (
                'SELECT id FROM "user" WHERE person_id = ? ORDER BY id',
                "is linked to the user account {} and cannot be deleted while the account names them",
            ),
        ):
            row = conn.execute(sql, (delete.id,)).fetchone()
            if row:
                message = f"person {delete.id} {why.format(row[0])}."
                return ConflictError(message, entity="person", entity_id=delete.id)
    for put in batch.puts:
        record = put.record
        for ref in REFERENCES:
            values = [getattr(record, column) for column in ref.columns] if ref.table == record.table else []
            if not values or None in values:
                continue
            if conn.execute(_parent_sql(ref), values).fetchone() is None:
                fields = {"id": record.id, **dict(zip(ref.columns, values, strict=True))}
                return NotFound(ref.problem.format(**fields) + ".")
    return ConflictError("The changes would leave a record pointing at one that does not exist.")


def dangling_anywhere(conn: sqlite3.Connection) -> Exception:
    """The error naming a row whose reference is missing, found by scanning every reference.

    For a unit of several batches, whose records are no longer at hand when it commits.
    """
    for ref in REFERENCES:
        row = conn.execute(dangling_sql(ref, limit=1)).fetchone()
        if row is not None:
            return NotFound(ref.problem.format(**dict(zip(("id", *ref.columns), row, strict=True))) + ".")
    return ConflictError("The changes would leave a record pointing at one that does not exist.")
