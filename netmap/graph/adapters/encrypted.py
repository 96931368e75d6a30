"""A GraphStore wrapper that keeps every restricted field encrypted in the store beneath it."""

from __future__ import annotations

import builtins
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel

from netmap.crypto import KEY_ENV, PREFIX, Keyring, is_sealed
from netmap.errors import NetmapError, StoreUnavailable, WrongKey
from netmap.graph.adapters.restricted_walk import (
    RESTRICTED_KEYS,
    changed_event,
    has_secrets,
    walk,
    walk_dict,
    walk_json,
)
from netmap.graph.adapters.sqlite.store import SqliteStore
from netmap.graph.audit_chain import AuditRewrite, AuditSeal, chain_problems
from netmap.graph.store import CohortRows, GraphStore, KeptRow, KeptViews, Put, WriteBatch
from netmap.models import RECORD_TYPES, AuditEvent, Network, Person, Record

__all__ = ["KEY_META", "RESTRICTED_KEYS", "RETIRED", "EncryptedStore"]

# The store's setting naming (by fingerprint) the key its values and audit seals were made with.
KEY_META = "key_fingerprint"

ModelT = TypeVar("ModelT", bound=BaseModel)
RecordT = TypeVar("RecordT", bound=Record)

RETIRED = "[encrypted with a retired key]"
_MAX_PROBLEMS = 50


def _sealed_values(event: AuditEvent) -> builtins.list[str]:
    found: builtins.list[str] = []

    def keep(value: str) -> str:
        if value.startswith(PREFIX):
            found.append(value)
        return value

    for side in (event.before, event.after):
        walk_dict(side, keep, restricted_only=False)
    return found


def _label(obj: BaseModel, name: str) -> str:
    ident = getattr(obj, "id", "")
    return f"{type(obj).__name__.lower()} {ident} {name}".replace("  ", " ")


class EncryptedStore:
    """Any ``GraphStore`` with restricted fields sealed on the way in and opened on the way out.

    Records, snapshots' frozen networks and the audit trail's before/after values are all
    covered; empty values stay empty. Everything else (ids, names, ties) is left readable so the
    store can still index and query it.

    >>> from netmap.graph.adapters.sqlite.store import SqliteStore
    >>> from netmap.models import Person
    >>> store = EncryptedStore(SqliteStore("sqlite:///:memory:"), Keyring.generate())
    >>> _ = store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann", phone="07700 900000"))]))
    >>> store.get(Person, "p-1").phone, store.inner.get(Person, "p-1").phone.startswith("enc1:")
    ('07700 900000', True)
    >>> store.close()
    """

    def __init__(self, inner: GraphStore, keys: Keyring) -> None:
        self.inner = inner
        self.keys = keys
        self._key = self._store_key()

    # ------------------------------------------------------------------ the store's key

    def _store_key(self) -> int:
        """Which key of the ring is the store's; a store not made with any of them is refused whole.

        A store written before it recorded its key (or a new one) takes the newest key, once a
        sealed value it holds is shown to open with the ring.
        """
        recorded = self.inner.meta(KEY_META)
        if recorded is not None:
            index = self.keys.index_of(recorded)
            if index is None:
                raise WrongKey(
                    f"The key in {KEY_ENV} is not the key the store {self.inner.url.split('@')[-1]} was "
                    f"encrypted with (key {recorded}); set that key (netmap keys rotate moves a store to a "
                    "new one). Nothing was read or written."
                )
            return index
        sealed = self._first_sealed_value()
        if sealed is not None:
            try:
                self.keys.open(sealed)
            except NetmapError:
                raise WrongKey(
                    f"The key in {KEY_ENV} does not open this store's encrypted details; set the key it was "
                    "made with. Nothing was read or written."
                ) from None
        self.inner.apply(WriteBatch(meta={KEY_META: self.keys.fingerprints()[0]}))
        return 0

    def _first_sealed_value(self) -> str | None:
        found: builtins.list[str] = []

        def look(_obj: BaseModel, _name: str, value: str) -> str:
            if is_sealed(value) and not found:
                found.append(value)
            return value

        for kind in RECORD_TYPES:
            for record in self.inner.each(kind):
                walk(record, look)
                if found:
                    return found[0]
        return None

    def copy_as_stored(self, src: GraphStore) -> dict[str, int] | None:
        """Every row of ``src`` copied into this empty store as it is stored, when that is what the
        record-by-record copy would write: both stores hold the same keys and are under the newest of
        them (a sealed value or audit seal of one is valid in the other), and the store beneath can
        copy the other's rows itself (two SQLite files). The counts per table and ``audit``; None,
        with nothing written, otherwise."""
        if not isinstance(src, EncryptedStore) or not isinstance(self.inner, SqliteStore):
            return None
        if self.keys.material() != src.keys.material() or not self._key == src._key == 0:
            return None
        return self.inner.copy_from(src.inner)

    @property
    def seal_key(self) -> AuditSeal:
        """The key the audit trail is sealed with: derived from the store's key."""
        return AuditSeal(self.keys.derive(self._key, "audit seal"))

    def backup_key(self) -> bytes:
        """The key a backup of this store is authenticated with: derived from the store's key."""
        return self.keys.derive(self._key, "backup")

    @property
    def url(self) -> str:
        return self.inner.url

    def __repr__(self) -> str:
        return f"EncryptedStore({self.inner!r})"

    def __enter__(self) -> EncryptedStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.inner.close()

    # ------------------------------------------------------------------ sealing

    def _seal_field(self, obj: BaseModel, name: str, value: str) -> str:
        # The models accept a sealed value of any length; the text inside was checked before.
        return self.keys.seal(value)

    def seal(self, record: RecordT) -> RecordT:
        return walk(record, self._seal_field)

    def open(self, obj: ModelT) -> ModelT:
        return walk(obj, lambda _obj, _name, value: self.keys.open(value))

    def _seal_event(self, event: AuditEvent) -> AuditEvent:
        return changed_event(event, lambda side: walk_dict(side, self.keys.seal, restricted_only=True))

    def _open_value(self, value: str) -> str:
        try:
            return self.keys.open(value) if is_sealed(value) else value
        except NetmapError:
            # The audit trail is append-only, so it keeps the key each event was written with.
            return RETIRED

    def _open_event(self, event: AuditEvent) -> AuditEvent:
        return changed_event(event, lambda side: walk_dict(side, self._open_value, restricted_only=False))

    # ------------------------------------------------------------------ GraphStore

    def get(self, kind: type[RecordT], record_id: str) -> RecordT | None:
        record = self.inner.get(kind, record_id)
        return None if record is None else self.open(record)

    def list(self, kind: type[RecordT], *, case_id: str | None = None) -> builtins.list[RecordT]:
        return [self.open(record) for record in self.inner.list(kind, case_id=case_id)]

    def list_services(self) -> builtins.list[Person]:
        return [self.open(person) for person in self.inner.list_services()]

    def each(self, kind: type[RecordT]) -> Iterator[RecordT]:
        return (self.open(record) for record in self.inner.each(kind))

    def each_json(self, kind: type[Record]) -> Iterator[dict[str, Any]]:
        values = self.inner.each_json(kind)
        if not has_secrets(kind):
            return values
        return (self._open_json(value, kind) for value in values)

    def _open_json(self, value: dict[str, Any], kind: type[Record]) -> dict[str, Any]:
        walk_json(value, kind, self.keys.open)
        return value

    def _sealed(self, batch: WriteBatch) -> WriteBatch:
        return WriteBatch(
            puts=[Put(self.seal(p.record), p.expected_version, p.restore) for p in batch.puts],
            deletes=list(batch.deletes),
            audit=[self._seal_event(event) for event in batch.audit],
            # Names and ids are never sealed, so the store beneath can find them in its payloads.
            scrub=None
            if batch.scrub is None
            else replace(batch.scrub, tombstone=self._seal_event(batch.scrub.tombstone)),
            seal=self.seal_key,
            rewrite=batch.rewrite,
            meta=dict(batch.meta),
            forget=list(batch.forget),
        )

    def apply(self, batch: WriteBatch) -> builtins.list[Record]:
        written = self.inner.apply(self._sealed(batch))
        # The caller's own plaintext records, with the versions the store gave them: no need to
        # decrypt what was encrypted a moment ago (nor to copy a restored record, version unchanged).
        return [
            p.record if p.record.version == w.version else p.record.model_copy(update={"version": w.version})
            for p, w in zip(batch.puts, written, strict=True)
        ]

    def apply_all(self, batches: Iterable[WriteBatch]) -> int:
        """Each batch sealed as the store beneath takes it, so only one is held at a time."""
        return self.inner.apply_all(self._sealed(batch) for batch in batches)

    def get_network(self, case_id: str) -> Network:
        return self.open(self.inner.get_network(case_id))

    def cohort_rows(self, view: str) -> CohortRows:
        """The rows opened; a row that does not open (sealed with a key since removed) is left out,
        so it is computed again."""
        kept = self.inner.cohort_rows(view)
        rows: dict[str, str] = {}
        for case_id, text in kept.rows.items():
            try:
                rows[case_id] = self.keys.open(text)
            except StoreUnavailable:
                continue
        return CohortRows(kept.gens, rows)

    def keep_cohort_rows(self, rows: Iterable[KeptRow]) -> None:
        # Sealed like restricted text: a case's evidence holds the young person's equality answers.
        self.inner.keep_cohort_rows(replace(row, data=self.keys.seal(row.data)) for row in rows)

    def kept_views(self, case_ids: Iterable[str]) -> dict[str, KeptViews]:
        return self.inner.kept_views(case_ids)

    def append_audit(self, events: Iterable[AuditEvent], seal: AuditSeal | None = None) -> None:
        self.inner.append_audit([self._seal_event(event) for event in events], self.seal_key)

    def each_audit(self) -> Iterator[AuditEvent]:
        return (self._open_event(event) for event in self.inner.each_audit())

    def meta(self, name: str) -> str | None:
        return self.inner.meta(name)

    def audit_log(
        self, *, entity_id: str | None = None, case_id: str | None = None, limit: int | None = None
    ) -> builtins.list[AuditEvent]:
        events = self.inner.audit_log(entity_id=entity_id, case_id=case_id, limit=limit)
        return [self._open_event(event) for event in events]

    def counts(self) -> dict[str, int]:
        return self.inner.counts()

    def check(self) -> builtins.list[str]:
        """The inner store's problems; restricted values in plaintext, under an older key than the
        store's or under no key given; and the audit trail's seals."""
        problems = builtins.list(self.inner.check())
        found: builtins.list[str] = []

        def inspect_value(obj: BaseModel, name: str, value: str) -> str:
            found.extend(self._value_problem(_label(obj, name), value))
            return value

        for kind in RECORD_TYPES:
            for record in self.inner.each(kind):
                walk(record, inspect_value)
                if len(found) >= _MAX_PROBLEMS:
                    break
        for event in self.inner.each_audit():
            for value in _sealed_values(event):
                found.extend(self._value_problem(f"audit entry {event.seq}", value))
            if len(found) >= _MAX_PROBLEMS:
                break
        found += chain_problems(self.seal_key.key, self.inner.each_audit())
        return problems + found[:_MAX_PROBLEMS]

    def _value_problem(self, where: str, value: str) -> builtins.list[str]:
        if not value:
            return []
        if not is_sealed(value):
            return [f"{where} is stored unencrypted (run: netmap keys rotate)."]
        try:
            self.keys.open(value)
        except NetmapError:
            return [f"{where} cannot be decrypted with the keys given."]
        if not self.keys.is_newest(value):
            return [f"{where} is still encrypted with an older key (run: netmap keys rotate)."]
        return []

    # ------------------------------------------------------------------ rotation

    def rotate(self, actor: str, at: datetime | None = None) -> int:
        """Re-encrypt every record and audit entry not yet under the newest key, in one batch, make
        the newest key the store's and seal the audit trail again with it; return how many records.

        Plaintext left from before encryption is sealed too. Each record keeps its content and
        gains a version, so an edit made meanwhile is refused as a conflict rather than lost.
        """
        stale = self.keys.is_newest

        def reseal(_obj: BaseModel, name: str, value: str) -> str:
            if value and (not is_sealed(value) or not stale(value)):
                return self.keys.reseal(value)
            return value

        puts = []
        for kind in RECORD_TYPES:
            for record in self.inner.list(kind):
                resealed = walk(record, reseal)
                if resealed is not record:
                    puts.append(Put(resealed, record.version))
        event = AuditEvent(
            at=at or datetime.now(UTC).replace(microsecond=0),
            actor=actor,
            action="keys.rotate",
            entity="store",
            entity_id="keys",
            after={"records": len(puts)},
        )

        def reseal_value(value: str) -> str:
            try:
                return reseal(event, "", value)
            except NetmapError:
                return value  # under a key no longer given: check() names it

        def reseal_event(stored: AuditEvent) -> AuditEvent | None:
            changed = {
                side: new
                for side in ("before", "after")
                if (old := getattr(stored, side)) is not None
                and (new := walk_dict(old, reseal_value, restricted_only=True)) != old
            }
            return stored.model_copy(update=changed) if changed else None

        newest = AuditSeal(self.keys.derive(0, "audit seal"))
        self.inner.apply(
            WriteBatch(
                puts=puts,
                audit=[event],
                rewrite=AuditRewrite(reseal_event, contains=(PREFIX,), seal=newest),
                seal=newest,
                meta={KEY_META: self.keys.fingerprints()[0]},
            )
        )
        self._key = 0
        return len(puts)
