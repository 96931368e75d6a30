"""The SQLite audit table: rows to events and back, appending sealed entries, and keyed rewrites
(an erasure's scrub, a key rotation) that seal the trail again from the first entry they change."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from netmap.errors import ConflictError, UsageError
from netmap.graph.audit_chain import AuditRewrite, AuditSeal, link_dumped, reseal_from
from netmap.graph.audit_scrub import AuditScrub, recorded, scrub_event, search_terms
from netmap.models import AuditEvent

__all__ = [
    "AUDIT_COLUMNS",
    "AUDIT_TRIGGERS",
    "audit_row",
    "insert_audit",
    "rewrite_audit",
    "row_event",
    "scrub_audit",
]

AUDIT_COLUMNS = tuple("seq at actor action entity entity_id case_id before after outcome chain".split())
# The triggers that keep the trail append-only; ``check`` reports any that is missing.
AUDIT_TRIGGERS = ("audit_no_delete", "audit_rewrite_only")


def audit_row(event: AuditEvent) -> tuple[Any, ...]:
    """The row stored for ``event``: before/after as JSON text with sorted keys.

    >>> audit_row(AuditEvent(at="2025-06-01T09:00:00Z", actor="amy", action="case.update",
    ...                      entity="case", entity_id="c-1", after={"title": "Jo", "stage": "review"}))[7:]
    (None, '{"stage": "review", "title": "Jo"}', 'ok', '')
    """
    return _row(event.model_dump(mode="json"))


def _row(data: dict[str, Any]) -> tuple[Any, ...]:
    """``audit_row`` of an event given as its ``model_dump(mode="json")`` (changed in place)."""
    data["seq"] = data["seq"] or None
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


def _last(conn: sqlite3.Connection) -> tuple[int, str]:
    """The highest number ever given (deleted rows included) and the newest entry's seal."""
    given = conn.execute("SELECT seq FROM sqlite_sequence WHERE name = 'audit'").fetchone()
    newest = conn.execute("SELECT seq, chain FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    highest = max(given[0] if given else 0, newest[0] if newest else 0)
    return highest, newest[1] if newest else ""


def insert_audit(
    conn: sqlite3.Connection, events: Sequence[AuditEvent], seal: AuditSeal | None = None
) -> None:
    """Append ``events``; a given ``seq`` that is taken is a ``ConflictError``, 0 takes the next one.

    With ``seal`` each entry is sealed to the one before it (``audit_chain.link``).
    """
    given = [event.seq for event in events if event.seq]
    if any(seq < 0 for seq in given):
        raise UsageError("An audit event's seq must be 0 (assign the next number) or a positive number.")
    sql = "SELECT seq FROM audit WHERE seq IN (SELECT value FROM json_each(?))"
    taken = {seq for (seq,) in conn.execute(sql, (json.dumps(given),))}
    for seq in given:
        if seq in taken:
            raise ConflictError(f"audit event {seq} already exists.", entity="audit", entity_id=str(seq))
        taken.add(seq)
    highest, previous = _last(conn)
    rows = []
    for event in events:
        if not event.seq:
            highest += 1
        seq = event.seq or highest
        highest = max(highest, seq)
        row, previous = _entry(event, seq, None if seal is None else seal.key, previous)
        rows.append(row)
    marks = ", ".join("?" * len(AUDIT_COLUMNS))
    conn.executemany(f"INSERT INTO audit ({', '.join(AUDIT_COLUMNS)}) VALUES ({marks})", rows)


def _entry(event: AuditEvent, seq: int, key: bytes | None, previous: str) -> tuple[tuple[Any, ...], str]:
    """The row of ``event`` numbered ``seq``, sealed with ``key`` after ``previous``; and its seal.

    One dump serves the seal and the row. Its before/after are taken as they are rather than
    walked again by pydantic (an import's entries each hold a whole record, already in JSON form);
    if they hold something only pydantic turns into JSON (a date, a set), the whole event is dumped.
    """
    try:
        return _sealed_row(_dumped(event), seq, key, previous)
    except TypeError:
        return _sealed_row(event.model_dump(mode="json"), seq, key, previous)


def _dumped(event: AuditEvent) -> dict[str, Any]:
    data = event.model_dump(mode="json", exclude={"before", "after"})
    data["before"], data["after"] = event.before, event.after
    return data


def _sealed_row(
    data: dict[str, Any], seq: int, key: bytes | None, previous: str
) -> tuple[tuple[Any, ...], str]:
    data["seq"] = seq
    if key is not None:
        previous = data["chain"] = link_dumped(key, previous, data)
    return _row(data), previous


def _like(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _update(conn: sqlite3.Connection, events: Sequence[AuditEvent]) -> None:
    changed = []
    for event in events:
        stored = dict(zip(AUDIT_COLUMNS, audit_row(event), strict=True))
        changed.append(
            (stored["before"], stored["after"], event.actor, event.entity_id, event.chain, event.seq)
        )
    conn.executemany(
        "UPDATE audit SET before = ?, after = ?, actor = ?, entity_id = ?, chain = ? WHERE seq = ?", changed
    )


def _reseal(conn: sqlite3.Connection, seal: AuditSeal | None, first: int) -> None:
    """Seal every entry from ``first`` on again, following the entry before it."""
    if seal is None:
        return
    row = conn.execute("SELECT chain FROM audit WHERE seq < ? ORDER BY seq DESC LIMIT 1", (first,)).fetchone()
    rows = conn.execute(f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit WHERE seq >= ? ORDER BY seq", (first,))
    _update(conn, reseal_from(seal.key, row[0] if row else "", [row_event(r) for r in rows.fetchall()]))


def scrub_audit(conn: sqlite3.Connection, scrub: AuditScrub, seal: AuditSeal | None = None) -> AuditEvent:
    """Rewrite every stored entry that holds the erased person; return the tombstone.

    Candidates are found by entity id and by a LIKE over the JSON text and the actor (a
    superset: LIKE ignores ASCII case and word boundaries); ``scrub_event`` decides. The trail is
    then sealed again from the first entry rewritten.
    """
    terms = search_terms(scrub)
    likes = " OR ".join(
        "before LIKE ? ESCAPE '\\' OR after LIKE ? ESCAPE '\\' OR actor LIKE ? ESCAPE '\\' "
        "OR entity_id LIKE ? ESCAPE '\\'"
        for _ in terms
    )
    sql = (
        f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit "
        f"WHERE entity_id IN (SELECT value FROM json_each(?)) OR {likes} ORDER BY seq"
    )
    params = [json.dumps(sorted(scrub.entity_ids)), *(_like(t) for t in terms for _side in range(4))]
    changed = [e for row in conn.execute(sql, params).fetchall() if (e := scrub_event(row_event(row), scrub))]
    _update(conn, changed)
    if changed:
        _reseal(conn, seal, changed[0].seq)
    return recorded(scrub, len(changed))


def rewrite_audit(conn: sqlite3.Connection, rewrite: AuditRewrite) -> int:
    """Apply a keyed rewrite to the stored entries it may concern; return how many it changed."""
    where = " OR ".join("before LIKE ? ESCAPE '\\' OR after LIKE ? ESCAPE '\\'" for _ in rewrite.contains)
    sql = f"SELECT {', '.join(AUDIT_COLUMNS)} FROM audit {f'WHERE {where}' if where else ''} ORDER BY seq"
    params = [_like(term) for term in rewrite.contains for _side in range(2)]
    changed = [e for row in conn.execute(sql, params).fetchall() if (e := rewrite.change(row_event(row)))]
    _update(conn, changed)
    if rewrite.seal is not None:
        _reseal(conn, rewrite.seal, 1)
    return len(changed)
