"""Open a store by URL: the adapter the URL names, wrapped in the encrypting decorator."""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from netmap.crypto import Keyring, keyring_from_env
from netmap.errors import StoreUnavailable, UsageError
from netmap.graph.adapters.encrypted import EncryptedStore
from netmap.graph.store import GraphStore, redact_url

__all__ = ["DEFAULT_URL", "open_store"]

DEFAULT_URL = "sqlite:///netmap.db"


def open_store(url: str | None = None, *, keys: Keyring | None = None) -> GraphStore:
    """Open the store named by ``url`` (default: ``NETMAP_DB`` or ``sqlite:///netmap.db``).

    Every adapter is wrapped in ``EncryptedStore`` with ``keys`` (default: ``NETMAP_SECRET_KEY``);
    without a key nothing is opened. An in-memory SQLite store, which never outlives the
    process, gets a fresh key of its own.
    """
    url = url or os.environ.get("NETMAP_DB") or DEFAULT_URL
    if keys is None:
        in_memory = url == "sqlite:///:memory:" and not os.environ.get("NETMAP_SECRET_KEY")
        keys = Keyring.generate() if in_memory else keyring_from_env()
    return EncryptedStore(_open_adapter(url), keys)


def _open_adapter(url: str) -> GraphStore:
    scheme = urlsplit(url).scheme
    if scheme == "sqlite":
        from netmap.graph.adapters.sqlite.store import SqliteStore

        return SqliteStore(url)
    if scheme in {"neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc", "falkordb"}:
        try:
            from netmap.graph.adapters.cypher.store import CypherStore
        except ImportError as exc:  # pragma: no cover - depends on installed extras
            raise StoreUnavailable(
                f"The Cypher store is not available for {redact_url(url)}: {exc}."
            ) from exc
        return CypherStore(url)
    raise UsageError(
        f"Unknown store URL {redact_url(url)!r}: use sqlite:///path, neo4j://host:7687/db, "
        "bolt://host:7687/db or falkordb://host:6379/graph."
    )
