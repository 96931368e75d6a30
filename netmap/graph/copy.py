"""Copy every record and the whole audit trail from one store into another, empty, store."""

from __future__ import annotations

from netmap.errors import UsageError
from netmap.graph.store import GraphStore, Put, WriteBatch
from netmap.graph.urls import redact_url
from netmap.models import RECORD_TYPES, Record

__all__ = ["copy_store"]


def copy_store(src: GraphStore, dst: GraphStore) -> dict[str, int]:
    """Copy ``src`` into the empty ``dst`` in one batch; return the number copied per table and ``audit``.

    Records keep their ids and versions and audit events keep their numbers, so the copy is
    indistinguishable from the original. Nothing is written when ``dst`` is not empty or the
    batch fails.

    Parameters
    ----------
    src, dst
        Open stores of any kind (SQLite, Neo4j, FalkorDB); ``dst`` must hold nothing yet.

    Returns
    -------
    dict[str, int]
        For example ``{"person": 12, "case": 2, ..., "audit": 40}``.
    """
    if src.url == dst.url:
        raise UsageError(f"Cannot copy the store {redact_url(src.url)} onto itself.")
    held = sum(dst.counts().values())
    if held:
        raise UsageError(
            f"The destination store {redact_url(dst.url)} is not empty ({held} records and audit events); "
            "copy only into an empty store."
        )
    records: list[Record] = []
    copied: dict[str, int] = {}
    for kind in RECORD_TYPES:
        found = src.list(kind)
        records.extend(found)
        copied[kind.table] = len(found)
    audit = src.audit_log()
    copied["audit"] = len(audit)
    dst.apply(WriteBatch(puts=[Put(record, restore=True) for record in records], audit=audit))
    return copied
