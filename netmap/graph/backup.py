"""Backups with SHA-256 checksums: SQLite's online backup, or a JSON dump for other stores."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from netmap.crypto import Keyring
from netmap.errors import StoreUnavailable, UsageError, ValidationFailed
from netmap.graph.adapters.encrypted import EncryptedStore
from netmap.graph.factory import open_store
from netmap.graph.store import GraphStore, Put, WriteBatch
from netmap.graph.urls import redact_url, sqlite_path
from netmap.models import DATASET_FIELDS, RECORD_TYPES, AuditEvent, Dataset

__all__ = ["BACKUP_FORMAT", "backup", "checksum_path", "restore", "sha256_of", "verify"]

BACKUP_FORMAT = "netmap-backup"
_SQLITE_MAGIC = b"SQLite format 3\x00"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def checksum_path(path: Path) -> Path:
    """Where the checksum of ``path`` lives: ``<path>.sha256``, in ``sha256sum`` format."""
    return path.with_name(path.name + ".sha256")


def _private_file(path: Path) -> None:
    if path.exists():
        raise UsageError(f"{path} already exists; choose a new file name for the backup.")
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))


def _raw(store: GraphStore) -> GraphStore:
    """The store beneath the encryption: backups keep restricted fields sealed."""
    return store.inner if isinstance(store, EncryptedStore) else store


def backup(url: str, output: Path, *, keys: Keyring | None = None) -> str:
    """Back up the store at ``url`` into ``output`` plus ``output.sha256``; return the SHA-256.

    A SQLite store is copied page by page with SQLite's online backup (safe while others
    write). Any other store is dumped as JSON holding every record and the audit trail.
    Restricted fields stay encrypted in both, so a backup needs the same key to be read.
    """
    with closing(open_store(url, keys=keys)) as store:
        _private_file(output)
        try:
            if url.startswith("sqlite:"):
                source = sqlite3.connect(sqlite_path(url))
                target = sqlite3.connect(output)
                try:
                    with target:
                        source.backup(target)
                finally:
                    source.close()
                    target.close()
            else:
                raw = _raw(store)
                dump = {
                    "format": BACKUP_FORMAT,
                    "dataset": json.loads(
                        Dataset.model_validate(
                            {name: raw.list(kind) for kind, name in DATASET_FIELDS.items()}
                        ).model_dump_json()
                    ),
                    "audit": [e.model_dump(mode="json") for e in raw.audit_log()],
                }
                output.write_text(json.dumps(dump, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        except BaseException:
            output.unlink(missing_ok=True)
            raise
    digest = sha256_of(output)
    checksum_path(output).write_text(f"{digest}  {output.name}\n", encoding="ascii")
    return digest


def verify(path: Path) -> str:
    """Check ``path`` against ``path.sha256``; return the digest or raise ``ValidationFailed``."""
    if not path.is_file():
        raise UsageError(f"The backup {path} does not exist.")
    sums = checksum_path(path)
    if not sums.is_file():
        raise ValidationFailed(
            f"{sums} is missing, so the backup {path} cannot be verified; nothing was restored."
        )
    expected = sums.read_text(encoding="ascii", errors="replace").split()[:1]
    actual = sha256_of(path)
    if expected != [actual]:
        raise ValidationFailed(
            f"{path} does not match its checksum in {sums}: the file is damaged or was changed; "
            "nothing was restored."
        )
    return actual


def restore(path: Path, url: str, *, keys: Keyring | None = None) -> dict[str, int]:
    """Verify ``path`` and restore it into the empty store at ``url``; return the store's counts.

    A SQLite backup restores into a SQLite URL; a JSON backup into any store. The store must be
    empty (a restore never merges), and it must pass ``check()`` afterwards.
    """
    verify(path)
    with path.open("rb") as handle:
        is_sqlite = handle.read(len(_SQLITE_MAGIC)) == _SQLITE_MAGIC
    if is_sqlite and not url.startswith("sqlite:"):
        raise UsageError(f"{path} is a SQLite backup: restore it into a sqlite:/// URL.")
    with closing(open_store(url, keys=keys)) as store:
        held = sum(store.counts().values())
        if held:
            raise UsageError(
                f"The store {redact_url(url)} is not empty ({held} records and audit events); "
                "restore only into an empty store."
            )
        if not is_sqlite:
            _restore_json(path, _raw(store))
    if is_sqlite:
        _restore_sqlite(path, sqlite_path(url))
    with closing(open_store(url, keys=keys)) as store:
        problems = store.check()
        if problems:
            raise StoreUnavailable(f"The restored store {redact_url(url)} failed its check: {problems[0]}")
        return store.counts()


def _restore_sqlite(path: Path, target_path: str) -> None:
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if source.execute("PRAGMA integrity_check").fetchone() != ("ok",):
            raise ValidationFailed(f"{path} fails SQLite's integrity check; nothing was restored.")
        target = sqlite3.connect(target_path)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()


def _restore_json(path: Path, raw: GraphStore) -> None:
    try:
        dump: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        if dump.get("format") != BACKUP_FORMAT:
            raise ValueError(f"format is not {BACKUP_FORMAT!r}")
        dataset = Dataset.model_validate(dump["dataset"])
        audit = [AuditEvent.model_validate(e) for e in dump["audit"]]
    except (ValueError, KeyError, TypeError) as exc:
        raise ValidationFailed(f"{path} is not a netmap backup: {exc}; nothing was restored.") from None
    records = [r for kind in RECORD_TYPES for r in getattr(dataset, DATASET_FIELDS[kind])]
    raw.apply(WriteBatch(puts=[Put(r, restore=True) for r in records], audit=audit))
