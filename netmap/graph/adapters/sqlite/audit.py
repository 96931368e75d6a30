"""The SQLite audit table: rows to events and back, appending, and an erasure's scrub of old rows."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from netmap.errors import ConflictError, UsageError
from netmap.graph.audit_scrub import AuditScrub, recorded, scrub_event, search_terms
from netmap.models import AuditEvent

__all__ = ["AUDIT_COLUMNS", "audit_row", "insert_audit", "row_event", "scrub_audit"]

AUDIT_COLUMNS = tuple("seq at actor action entity entity_id case_id before after outcome".split())


def audit_row(event: AuditEvent) -> tuple[Any, ...]:
    """The row stored for ``event``: before/after as JSON text with sorted keys.

    >>> audit_row(AuditEvent(at="2025-06-01T09:00:00Z", actor="amy", action="case.update",
    ...                      entity="case", entity_id="c-1", after={"title": "Jo", "stage": "review"}))[7:]
    (None, '{"stage": "review", "title": "Jo"}', 'ok')
    """
    data = event.model_dump(mode="json")
    data["seq"] = event.seq or None
    for side in ("before", "after"):
        if data[side] is not None:
            data[side] = json.dumps(data[side], ensure_ascii=False, sort_keys=True)
    return tuple(data[column] for column in AUDIT_COLUMNS)


def row_event(row: Sequence[Any]) -> AuditEvent:
    """The event a row of ``AUDIT_COLUMNS`` holds."""
    fields = dict(zip(AUDIT_COLUMNS, row, strict=True))
    for side in ("before", "after"):
        if fields[side] is not None:
            fields[side] = json.loads(fields[side])
    return AuditEvent.model_validate(fields)


def insert_audit(conn: sqlite3.Connection, events: Sequence[AuditEvent]) -> None:
    """Append ``events``; a given ``seq`` that is taken is a ``ConflictError``, 0 takes the next one."""
    given = [event.seq for event in events if event.seq]
    if any(seq < 0 for seq in given):
        raise UsageError("An audit event's seq must be 0 (assign the next number) or a positive number.")
    sql = "SELECT seq FROM audit WHERE seq IN (SELECT value FROM json_each(?))"
    taken = {seq for (seq,) in conn.execute(sql, (json.dumps(given),))}
    for seq in given:
        if seq in taken:
            raise ConflictError(f"audit event {seq} already exists.", entity="audit", entity_id=str(seq))
        taken.add(seq)
    marks = ", ".join("?" * len(AUDIT_COLUMNS))
    conn.executemany(
        f"INSERT INTO audit ({', '.join(AUDIT_COLUMNS)}) VALUES ({marks})", [audit_row(e) for e in events]
    )


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def scrub_audit(conn: sqlite3.Connection, scrub: AuditScrub) -> AuditEvent:
    """Rewrite the before/after of every stored entry that holds the erased person; return the tombstone.

    Candidates are found by entity id and by a LIKE over the JSON text (a superset: LIKE ignores
    ASCII case and word boundaries); ``scrub_event`` decides. Only ``before``/``after`` are
    written, which is all the ``audit_payload_only`` trigger lets an UPDATE change.
    """
    terms = search_terms(scrub)
    likes = " OR ".join("before LIKE ? ESCAPE '\\' OR after LIKE ? ESCAPE '\\'" for _ in terms)
    sql = (
        f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit "
        f"WHERE entity_id IN (SELECT value FROM json_each(?)) OR {likes} ORDER BY seq"
    )
    params = [json.dumps(sorted(scrub.entity_ids)), *(_like(t) for t in terms for _side in range(2))]
    changed = []
    for row in conn.execute(sql, params).fetchall():
        event = scrub_event(row_event(row), scrub)
        if event is not None:
            stored = dict(zip(AUDIT_COLUMNS, audit_row(event), strict=True))
            changed.append((stored["before"], stored["after"], event.seq))
    conn.executemany("UPDATE audit SET before = ?, after = ? WHERE seq = ?", changed)
    return recorded(scrub, len(changed))
