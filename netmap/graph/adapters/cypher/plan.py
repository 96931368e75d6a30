"""Plan one write batch for the Cypher store: the same checks and messages as ``SqliteStore``.

A batch is planned against what the store held when it was inspected (``Inspection``); the
write query then re-checks every version the plan relied on and writes nothing if one moved.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from netmap.errors import ConflictError, NotFound, UsageError
from netmap.graph.adapters.cypher.cohort import forget_params, stale_params
from netmap.graph.adapters.cypher.queries import KEY_FIELDS, KINDS, kind_of
from netmap.graph.audit_chain import AuditSeal, link
from netmap.graph.references import REFERENCES, Reference
from netmap.graph.store import Put, WriteBatch, record_label, stale_version
from netmap.models import AuditEvent, Record, membership_id

__all__ = [
    "Dangling",
    "Inspection",
    "Plan",
    "Prepared",
    "audit_data",
    "plan_batch",
    "prepare",
    "references",
    "restored",
    "wanted",
]

_TABLE_KIND = {cls.table: name for name, cls in KINDS.items()}
_ENFORCED = REFERENCES


@dataclass
class Gone:
    """Ids a batch deletes directly, by the kinds other records refer to."""

    cases: set[str] = field(default_factory=set)
    people: set[str] = field(default_factory=set)
    members: set[str] = field(default_factory=set)
    users: set[str] = field(default_factory=set)

    def has(self, kind: str, record_id: str) -> bool:
        """Whether the record is deleted by the batch, directly or by a cascade."""
        if kind == "Case":
            return record_id in self.cases
        if kind == "Person":
            return record_id in self.people
        if kind == "User":
            return record_id in self.users
        if kind == "Membership":
            case_id, _, person_id = record_id.partition("|")
            return record_id in self.members or case_id in self.cases or person_id in self.people
        return False


@dataclass
class Inspection:
    """What the store holds that a batch depends on."""

    versions: dict[tuple[str, str], int]
    ego_cases: list[tuple[str, str]]
    taken_seqs: set[int]
    user_people: list[tuple[str, str]] = field(default_factory=list)
    base: int = 0  # the audit counter: the highest number given so far
    last_chain: str = ""  # the seal of the newest entry, which the next one follows


@dataclass(frozen=True)
class Dangling:
    """A written record whose parent did not exist yet: a later batch of the same unit may write it."""

    record: tuple[str, str]
    parent: tuple[str, str]
    problem: str


@dataclass
class Plan:
    query_params: dict[str, Any]
    written: list[Record]
    deletes: bool
    forgets: bool = False


def _gone(batch: WriteBatch) -> Gone:
    gone = Gone()
    sets = {"Case": gone.cases, "Person": gone.people, "Membership": gone.members, "User": gone.users}
    for delete in batch.deletes:
        kind = kind_of(delete.kind)
        if kind in sets:
            sets[kind].add(delete.id)
    return gone


@functools.cache
def _references_of(table: str, enforced: bool) -> tuple[Reference, ...]:
    return tuple(ref for ref in (_ENFORCED if enforced else REFERENCES) if ref.table == table)


def references(record: Record, *, enforced: bool = True) -> list[tuple[Any, str, str]]:
    """(reference, parent kind, parent id) for each reference the record makes.

    >>> from netmap.models import Grant
    >>> [(kind, parent) for _, kind, parent in references(Grant.make("amy", "c-1"))]
    [('User', 'amy'), ('Case', 'c-1')]
    """
    found = []
    for ref in _references_of(record.table, enforced):
        values = [getattr(record, column) for column in ref.columns]
        if None in values:
            continue
        parent_id = values[0] if ref.parent_columns == ("id",) else membership_id(*values)
        found.append((ref, _TABLE_KIND[ref.parent], parent_id))
    return found


def wanted(batch: WriteBatch) -> dict[str, Any]:
    """Parameters for ``INSPECT``: every record the batch touches or refers to."""
    keys = {(kind_of(type(p.record)), p.record.id) for p in batch.puts}
    keys |= {(kind_of(d.kind), d.id) for d in batch.deletes}
    for put in batch.puts:
        keys |= {(kind, parent_id) for _, kind, parent_id in references(put.record)}
    gone = _gone(batch)
    return {
        "keys": [{"kind": kind, "id": record_id} for kind, record_id in sorted(keys)],
        "gone_people": sorted(gone.people),
        "gone_cases": sorted(gone.cases),
        "gone_users": sorted(gone.users),
        "seqs": sorted({e.seq for e in batch.audit if e.seq > 0}),
    }


@dataclass(frozen=True)
class Prepared:
    """What planning a batch needs that does not depend on the store, encoded for the server
    (``Unit.ahead``): worked out for the next batch of a unit while the server writes this one
    (``overlap.overlapped``)."""

    wanted: dict[str, Any]  # the inspection's parameters
    puts: Any  # the written nodes when every put restores a record as it was (its version stays), else None


def prepare(batch: WriteBatch, ahead: Callable[[Any], Any]) -> Prepared:
    return Prepared({name: ahead(value) for name, value in wanted(batch).items()}, restored(batch, ahead))


def restored(batch: WriteBatch, ahead: Callable[[Any], Any]) -> Any:
    """The nodes the batch writes, encoded for the server, when every put restores a record as it
    was (its version stays, whatever the store holds); else None."""
    restores = bool(batch.puts) and all(p.restore for p in batch.puts)
    return ahead([_encode_record(p.record) for p in batch.puts]) if restores else None


def plan_batch(
    batch: WriteBatch,
    seen: Inspection,
    dangling: list[Dangling] | None = None,
    *,
    ready: Prepared | None = None,
    recheck: bool = True,
    recheck_absent: bool = True,
) -> Plan:
    """Check the batch as SQLite would and encode it; raise the error SQLite would raise.

    With ``dangling`` (a batch of a larger unit), a reference to a record that does not exist
    yet is added to it instead of refused: the unit checks it once every batch is written.
    ``ready`` holds what was prepared of the batch already. Without ``recheck`` the write
    query does not check the versions again: no other writer can reach the unit (a staging
    copy, a transaction holding the writers' lock). Without ``recheck_absent`` it does not check
    again that a record the inspection found absent, and the batch puts once, is still absent:
    the put makes it with ``CREATE``, which the key constraint refuses if a writer outside
    netmap's lock made it meanwhile (the Neo4j transaction is then rolled back whole).
    """
    versions = seen.versions
    current = dict(versions)
    written = []
    for put in batch.puts:
        key = (kind_of(type(put.record)), put.record.id)
        written.append(_put_version(put, current.get(key)))
        current[key] = written[-1].version
    for delete in batch.deletes:
        table = delete.kind.table
        stored = versions.get((kind_of(delete.kind), delete.id))
        if stored is None:
            raise NotFound(f"{record_label(table)} {delete.id} does not exist.")
        if delete.expected_version is not None and stored != delete.expected_version:
            raise stale_version(table, delete.id, stored, delete.expected_version)
    for case_id, ego_id in seen.ego_cases:
        raise ConflictError(
            f"person {ego_id} is the young person of case {case_id} and cannot be deleted while the case exists.",
            entity="person",
            entity_id=ego_id,
        )
    for username, person_id in sorted(seen.user_people):
        raise ConflictError(
            f"person {person_id} is linked to the user account {username} and cannot be deleted while the account names them.",
            entity="person",
            entity_id=person_id,
        )
    gone = _gone(batch)
    put_keys = {(kind_of(type(r)), r.id) for r in written}
    for record in written:
        for ref, kind, parent_id in references(record):
            exists = (kind, parent_id) in put_keys or (kind, parent_id) in versions
            if exists and not gone.has(kind, parent_id):
                continue
            fields = {"id": record.id, **{column: getattr(record, column) for column in ref.columns}}
            problem = ref.problem.format(**fields) + "."
            if exists or dangling is None:
                raise NotFound(problem)
            dangling.append(Dangling((kind_of(type(record)), record.id), (kind, parent_id), problem))
    audit, last = _encode_audit(batch.audit, seen, batch.seal)
    expect = []
    if recheck:
        expect = [
            {"kind": kind, "id": record_id, "version": version}
            for (kind, record_id), version in versions.items()
        ]
        absent = [(kind_of(type(p.record)), p.record.id) for p in batch.puts]
        absent = [key for key in absent if key not in versions]
        if not recheck_absent:
            times = Counter(absent)
            absent = [key for key in absent if times[key] > 1]
        expect += [{"kind": kind, "id": record_id, "version": None} for kind, record_id in absent]

    params = {
        "expect": expect,
        "gone_people": sorted(gone.people),
        "gone_cases": sorted(gone.cases),
        "gone_members": sorted(gone.members),
        "gone_users": sorted(gone.users),
        "deletes": [{"kind": kind_of(d.kind), "id": d.id} for d in batch.deletes],
        "puts": ready.puts
        if ready is not None and ready.puts is not None
        else [_encode_record(r) for r in written],
        "audit": audit,
        "base": seen.base,
        "last": last,
        "meta": [{"name": name, "value": value} for name, value in sorted(batch.meta.items())],
        **stale_params(batch, set(versions)),
        **forget_params(batch.forget),
    }
    return Plan(params, written, bool(batch.deletes), bool(batch.forget))


def _put_version(put: Put, stored: int | None) -> Record:
    table, record_id = put.record.table, put.record.id
    if put.restore:
        return put.record
    if put.expected_version is None:
        if stored is not None:
            raise ConflictError(
                f"{record_label(table)} {record_id} already exists.", entity=table, entity_id=record_id
            )
        version = 1
    elif stored is None:
        raise NotFound(
            f"{record_label(table)} {record_id} does not exist (it may have been deleted by someone else)."
        )
    elif stored != put.expected_version:
        raise stale_version(table, record_id, stored, put.expected_version)
    else:
        version = stored + 1
    return put.record.model_copy(update={"version": version})


@functools.cache
def _key_fields(cls: type[Record]) -> tuple[str, ...]:
    """The key fields a record type has: asking a pydantic model for a field it lacks is slow."""
    return tuple(name for name in KEY_FIELDS if name in cls.model_fields)


def _encode_record(record: Record) -> dict[str, Any]:
    keys: dict[str, Any] = dict.fromkeys(KEY_FIELDS)
    for name in _key_fields(type(record)):
        keys[name] = getattr(record, name)
    keys["case_id"] = record.case_key
    return {
        "kind": kind_of(type(record)),
        "id": record.id,
        "version": record.version,
        "data": record.model_dump_json(),
        "keys": keys,
    }


def audit_data(event: AuditEvent) -> str:
    """An audit event as an ``:Audit`` node's ``data`` text (everything but ``seq``)."""
    # Sorted keys, as SqliteStore stores before/after, so exports are byte-identical.
    return json.dumps(event.model_dump(mode="json", exclude={"seq"}), ensure_ascii=False, sort_keys=True)


def _encode_audit(
    events: list[AuditEvent], seen: Inspection, seal: AuditSeal | None
) -> tuple[list[dict[str, Any]], int]:
    """The new entries numbered after the counter (or as given) and sealed after the newest entry;
    and the counter's new value."""
    if any(event.seq < 0 for event in events):
        raise UsageError("An audit event's seq must be 0 (assign the next number) or a positive number.")
    given: set[int] = set()
    for event in events:
        if event.seq and (event.seq in seen.taken_seqs or event.seq in given):
            raise ConflictError(
                f"audit event {event.seq} already exists.", entity="audit", entity_id=str(event.seq)
            )
        given.add(event.seq)
    rows: list[dict[str, Any]] = []
    highest, previous = seen.base, seen.last_chain
    for event in events:
        if not event.seq:
            highest += 1
            event = event.model_copy(update={"seq": highest})
        highest = max(highest, event.seq)
        if seal is not None:
            previous = link(seal.key, previous, event)
            event = event.model_copy(update={"chain": previous})
        rows.append(
            {
                "seq": event.seq,
                "entity_id": event.entity_id,
                "case_id": event.case_id,
                "data": audit_data(event),
            }
        )
    return rows, highest
