"""Writing records into the SQLite tables: versions checked, creates, updates, restores and deletes."""

from __future__ import annotations

import builtins
import itertools
import json
import sqlite3
from collections.abc import Sequence

from netmap.errors import ConflictError, NotFound, UsageError
from netmap.graph.references import KEY_COLUMNS
from netmap.graph.store import Delete, Put, record_label, stale_version
from netmap.models import RECORD_TYPES, Record

__all__ = ["quoted", "table_of", "write_deletes", "write_puts"]

_KINDS: dict[type[Record], str] = {kind: kind.table for kind in RECORD_TYPES}


def quoted(table: str) -> str:
    return f'"{table}"'


def table_of(kind: type[Record]) -> str:
    try:
        return _KINDS[kind]
    except KeyError:
        raise UsageError(f"{kind.__name__} is not a stored record type.") from None


def _upsert_sql(table: str) -> str:
    columns = ("id", "version", *KEY_COLUMNS[table], "data")
    updates = ", ".join(f"{c} = excluded.{c}" for c in columns[1:])
    marks = ", ".join("?" * len(columns))
    return (
        f"INSERT INTO {quoted(table)} ({', '.join(columns)}) VALUES ({marks}) "
        f"ON CONFLICT (id) DO UPDATE SET {updates}"
    )


def versions(conn: sqlite3.Connection, table: str, ids: Sequence[str]) -> dict[str, int]:
    sql = f"SELECT id, version FROM {quoted(table)} WHERE id IN (SELECT value FROM json_each(?))"
    return dict(conn.execute(sql, (json.dumps(list(ids)),)).fetchall())


def write_puts(conn: sqlite3.Connection, puts: Sequence[Put]) -> builtins.list[Record]:
    written: dict[int, Record] = {}
    positions: dict[type[Record], builtins.list[int]] = {}
    for index, put in enumerate(puts):
        positions.setdefault(type(put.record), []).append(index)
    for kind, indexes in positions.items():
        table = table_of(kind)
        # A restore writes the version it is given whatever is stored: only other puts need to look.
        checked = [puts[i].record.id for i in indexes if not puts[i].restore]
        current = versions(conn, table, checked) if checked else {}
        rows = []
        for index in indexes:
            put = puts[index]
            version = _next_version(table, put, current.get(put.record.id))
            current[put.record.id] = version
            record = put.record if put.restore else put.record.model_copy(update={"version": version})
            written[index] = record
            keys = tuple(getattr(record, column) for column in KEY_COLUMNS[table])
            rows.append((record.id, version, *keys, record.model_dump_json()))
        conn.executemany(_upsert_sql(table), rows)
    return [written[index] for index in range(len(puts))]


def write_deletes(conn: sqlite3.Connection, deletes: Sequence[Delete]) -> None:
    # Runs of one kind share a query; a cascade can only reach other tables, so the run stays valid.
    for kind, run in itertools.groupby(deletes, key=lambda d: d.kind):
        table = table_of(kind)
        group = list(run)
        current = versions(conn, table, [d.id for d in group])
        for delete in group:
            stored = current.pop(delete.id, None)
            if stored is None:
                raise NotFound(f"{record_label(table)} {delete.id} does not exist.")
            if delete.expected_version is not None and stored != delete.expected_version:
                raise stale_version(table, delete.id, stored, delete.expected_version)
        conn.executemany(f"DELETE FROM {quoted(table)} WHERE id = ?", [(d.id,) for d in group])


def _next_version(table: str, put: Put, stored: int | None) -> int:
    record_id = put.record.id
    if put.restore:
        return put.record.version
    if put.expected_version is None:
        if stored is not None:
            raise ConflictError(
                f"{record_label(table)} {record_id} already exists.", entity=table, entity_id=record_id
            )
        return 1
    if stored is None:
        raise NotFound(
            f"{record_label(table)} {record_id} does not exist (it may have been deleted by someone else)."
        )
    if stored != put.expected_version:
        raise stale_version(table, record_id, stored, put.expected_version)
    return stored + 1
