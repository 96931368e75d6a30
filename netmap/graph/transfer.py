"""Whole-store transfer: copy between stores, back up and restore, a page of records at a time.

Every path reads with ``GraphStore.each``/``each_audit`` and writes with one ``apply_all`` into
an empty store, so memory holds one page however large the store (SQLite and Neo4j stream one
transaction; FalkorDB streams into a staging copy of the graph, see ``CypherStore.apply_all``). Ids, versions and audit
numbers are kept; audit seals are made again by the destination with its own key.

Backups are authenticated: a MAC (HMAC-SHA256 under a key derived from the store's key, named by
its fingerprint) in ``<file>.mac``, so a backup changed and given a new checksum is refused. A
SQLite store is backed up with SQLite's online backup (page by page); any store can be backed
up as netmap's backup lines (JSON, one record or audit entry a line, restricted values sealed).
A restore checks the MAC and the key, writes into a new file or one unit, and leaves the target
as it was when anything fails.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any, TypeVar

from netmap.crypto import Keyring
from netmap.errors import NetmapError, StoreUnavailable, UsageError, ValidationFailed, WrongKey
from netmap.graph.adapters.encrypted import KEY_META, EncryptedStore
from netmap.graph.factory import open_store
from netmap.graph.store import GraphStore, Put, WriteBatch
from netmap.graph.urls import redact_url, sqlite_path
from netmap.models import RECORD_TYPES, STORED, AuditEvent, Record
from netmap.settings import Settings

__all__ = ["BACKUP_FORMAT", "PAGE", "backup", "copy_store", "mac_path", "restore", "verify"]

BACKUP_FORMAT = "netmap-backup"
_MAC_LINE = "netmap-backup-mac v1"
PAGE = 2000
_SQLITE_MAGIC = b"SQLite format 3\x00"
T = TypeVar("T")


# How many ordinary records one record of these tables weighs in a page: a snapshot holds a whole
# network (about 100 times a tie), so a page of 2,000 of them held over 500 MB at 5,000 cases.
_WEIGHT = {"snapshot": 40, "conference": 4}


def _pages(items: Iterable[T], size: int = PAGE) -> Iterator[list[T]]:
    """``items`` in pages of ``size`` ordinary records, heavy records counting for more.

    >>> [len(p) for p in _pages(range(5), size=2)]
    [2, 2, 1]
    """
    page: list[T] = []
    weight = 0
    for item in items:
        page.append(item)
        weight += _WEIGHT.get(getattr(item, "table", ""), 1)
        if weight >= size:
            yield page
            page, weight = [], 0
    if page:
        yield page


def _empty(store: GraphStore, what: str) -> None:
    held = sum(store.counts().values())
    if held:
        raise UsageError(
            f"The {what} {redact_url(store.url)} is not empty ({held} records and audit events); "
            f"{'copy' if what.startswith('destination') else 'restore'} only into an empty store."
        )


def _batches(
    records: Iterable[Record], audit: Iterable[AuditEvent], counts: dict[str, int]
) -> Iterator[WriteBatch]:
    """Restore-puts a page at a time (in dependency order), then the audit trail a page at a time."""
    for page in _pages(records):
        for record in page:
            counts[record.table] = counts.get(record.table, 0) + 1
        yield WriteBatch(puts=[Put(record, restore=True) for record in page])
    for events in _pages(audit):
        counts["audit"] = counts.get("audit", 0) + len(events)
        yield WriteBatch(audit=events)


def _records(store: GraphStore) -> Iterator[Record]:
    for kind in RECORD_TYPES:
        yield from store.each(kind)


def copy_store(src: GraphStore, dst: GraphStore) -> dict[str, int]:
    """Copy every record and the whole audit trail of ``src`` into the empty ``dst``, all or nothing.

    Records keep their ids and versions, audit events their numbers; returns the number copied
    per table and ``audit``, e.g. ``{"person": 12, ..., "audit": 40}``.
    """
    if src.url == dst.url:
        raise UsageError(f"Cannot copy the store {redact_url(src.url)} onto itself.")
    _empty(dst, "destination store")
    counts: dict[str, int] = {cls.table: 0 for cls in RECORD_TYPES} | {"audit": 0}
    # SQLite to SQLite under one key: the rows as stored are what the record-by-record path would
    # write, so SQLite copies them itself rather than each being read, opened, sealed and written.
    copied = dst.copy_as_stored(src) if isinstance(dst, EncryptedStore) else None
    if copied is not None:
        return counts | copied
    dst.apply_all(_batches(_records(src), src.each_audit(), counts))
    return counts


# --------------------------------------------------------------------------- backups


def mac_path(path: Path) -> Path:
    """Where the MAC of a backup lives: ``<path>.mac``."""
    return path.with_name(path.name + ".mac")


def _mac(key: bytes, path: Path) -> str:
    digest = hmac.new(key, digestmod=hashlib.sha256)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _private_new(path: Path) -> Path:
    """A new owner-only file beside ``path`` to write into and rename when complete."""
    if path.exists():
        raise UsageError(f"{path} already exists; choose a new file name for the backup.")
    partial = path.with_name(f".{path.name}.partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    return partial


def _encrypted(store: GraphStore) -> EncryptedStore:
    assert isinstance(store, EncryptedStore), "stores are opened with their key (open_store)"
    return store


def backup(url: str, output: Path, *, keys: Keyring | None = None) -> str:
    """Back up the store at ``url`` into ``output`` (owner-only) and ``output.mac``; return the MAC.

    Restricted values stay sealed, so reading a backup needs the store's key; the MAC needs it too.
    """
    with closing(open_store(url, keys=keys)) as opened:
        store = _encrypted(opened)
        partial = _private_new(output)
        try:
            if url.startswith("sqlite:"):
                _sqlite_backup(sqlite_path(url), partial)
            else:
                _lines_backup(store, partial)
            mac = _mac(store.backup_key(), partial)
            fingerprint = store.meta(KEY_META) or ""
            mac_path(output).write_text(f"{_MAC_LINE} {fingerprint} {mac}\n", encoding="ascii")
            partial.replace(output)
        except BaseException:
            partial.unlink(missing_ok=True)
            mac_path(output).unlink(missing_ok=True)
            raise
    return mac


def _sqlite_backup(source_path: str, target: Path) -> None:
    source = sqlite3.connect(source_path)
    copy = sqlite3.connect(target)
    try:
        with copy:
            source.backup(copy)
        # One self-contained file: no write-ahead log beside it holds any part of the backup.
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        source.close()
        copy.close()


def _lines_backup(store: EncryptedStore, target: Path) -> None:
    """netmap's backup lines: a header, then one line per record (as stored), then the audit trail."""
    raw = store.inner
    with target.open("w", encoding="utf-8") as out:
        out.write(json.dumps({"format": BACKUP_FORMAT, "format_version": 2}) + "\n")
        for record in _records(raw):
            out.write(
                json.dumps({"table": record.table, "record": record.model_dump(mode="json")}, sort_keys=True)
            )
            out.write("\n")
        for event in raw.each_audit():
            out.write(
                json.dumps({"audit": event.model_dump(mode="json")}, ensure_ascii=False, sort_keys=True)
            )
            out.write("\n")


def verify(path: Path, keys: Keyring, *, data: Path | None = None) -> str:
    """Check ``path`` (or a copy of it, ``data``) against ``path.mac`` with the key it names; return
    the key's fingerprint or raise."""
    if not path.is_file():
        raise UsageError(f"The backup {path} does not exist.")
    macs = mac_path(path)
    if not macs.is_file():
        raise ValidationFailed(
            f"{macs} is missing, so the backup {path} cannot be verified; nothing was restored."
        )
    parts = macs.read_text(encoding="ascii", errors="replace").split()
    if len(parts) != 4 or " ".join(parts[:2]) != _MAC_LINE:
        raise ValidationFailed(f"{macs} is not a netmap backup MAC; nothing was restored.")
    fingerprint, expected = parts[2], parts[3]
    index = keys.index_of(fingerprint)
    if index is None:
        raise WrongKey(
            f"The backup {path} was made with another key (key {fingerprint}); set that key to restore it. "
            "Nothing was restored."
        )
    if not hmac.compare_digest(expected, _mac(keys.derive(index, "backup"), data or path)):
        raise ValidationFailed(
            f"{path} does not match its MAC in {macs}: the file is damaged or was changed; nothing was restored."
        )
    return fingerprint


def restore(path: Path, url: str, *, keys: Keyring | None = None) -> dict[str, int]:
    """Verify ``path`` and restore it into the empty store at ``url``, all or nothing; return its counts.

    The MAC and the key are checked before the target is touched. A SQLite backup restores into a
    SQLite URL: it is checked as a whole in a new file beside the target, which then takes the
    target's place. Backup lines restore into any store in one unit.
    """
    keys = keys or Settings().keyring(url)
    verify(path, keys)
    with path.open("rb") as handle:
        is_sqlite = handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    if is_sqlite:
        if not url.startswith("sqlite:"):
            raise UsageError(f"{path} is a SQLite backup: restore it into a sqlite:/// URL.")
        target = Path(sqlite_path(url))
        if target.exists():
            with closing(open_store(url, keys=keys)) as store:
                _empty(store, "store")
        _restore_sqlite(path, target, keys)
    else:
        with closing(open_store(url, keys=keys)) as store:
            _empty(store, "store")
            _restore_lines(path, _encrypted(store))
    with closing(open_store(url, keys=keys)) as store:
        problems = store.check()
        if problems:
            raise StoreUnavailable(f"The restored store {redact_url(url)} failed its check: {problems[0]}")
        return store.counts()


def _restore_sqlite(path: Path, target: Path, keys: Keyring) -> None:
    """Copy the backup's bytes into a new file beside the target and check that copy (its MAC, SQLite's
    integrity, the key, netmap's check), then put it in the target's place. Only the bytes the MAC
    covers are used: no file lying beside the backup (a write-ahead log) can add to them."""
    staged = target.with_name(f".{target.name}.restoring")
    for leftover in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        os.close(os.open(staged, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
        shutil.copyfile(path, staged)
        verify(path, keys, data=staged)
        check = sqlite3.connect(staged)
        try:
            if check.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise ValidationFailed(f"{path} fails SQLite's integrity check; nothing was restored.")
        finally:
            check.close()
        with closing(open_store(f"sqlite:///{staged}", keys=keys)) as store:
            problems = store.check()
            if problems:
                raise ValidationFailed(
                    f"The backup {path} failed its check: {problems[0]} Nothing was restored."
                )
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        staged.replace(target)
    except NetmapError:
        raise
    finally:
        for leftover in (staged, Path(f"{staged}-wal"), Path(f"{staged}-shm")):
            leftover.unlink(missing_ok=True)


def _restore_lines(path: Path, target: EncryptedStore) -> None:
    """Backup lines into ``target`` as stored (sealed values kept), its audit trail sealed again by it."""
    counts: dict[str, int] = {}
    tables = {cls.table: cls for cls in RECORD_TYPES}

    def records() -> Iterator[Record]:
        for line in _lines(path):
            if "record" in line:
                yield tables[line["table"]].model_validate(line["record"], context=STORED)

    def audit() -> Iterator[AuditEvent]:
        for line in _lines(path):
            if "audit" in line:
                yield AuditEvent.model_validate(line["audit"])

    seal = target.seal_key
    target.inner.apply_all(
        WriteBatch(puts=b.puts, audit=b.audit, seal=seal) for b in _batches(records(), audit(), counts)
    )


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as lines:
        for number, text in enumerate(lines, 1):
            try:
                line = json.loads(text)
                if number == 1:
                    if line.get("format") != BACKUP_FORMAT or line.get("format_version") != 2:
                        raise ValueError(f"format is not {BACKUP_FORMAT!r} version 2")
                    continue
                if not isinstance(line, dict) or not ({"record", "audit"} & set(line)):
                    raise ValueError("a line is neither a record nor an audit entry")
                yield line
            except (ValueError, KeyError, TypeError) as exc:
                raise ValidationFailed(
                    f"{path} line {number} is not a netmap backup line ({exc}); nothing was restored."
                ) from None
