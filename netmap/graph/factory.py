"""Open a store by URL: the adapter the URL names, wrapped in the encrypting decorator."""

from __future__ import annotations

from urllib.parse import urlsplit

from netmap.crypto import Keyring
from netmap.errors import StoreUnavailable, UsageError
from netmap.graph.adapters.encrypted import EncryptedStore
from netmap.graph.store import GraphStore
from netmap.graph.urls import redact_url
from netmap.settings import Settings

__all__ = ["open_store"]


def open_store(url: str | None = None, *, keys: Keyring | None = None) -> GraphStore:
    """Open the store named by ``url`` (default: the settings' ``NETMAP_DB``).

    Every adapter is wrapped in ``EncryptedStore`` with ``keys`` (default: the settings' key for
    this store, see ``Settings.keyring``); without a key nothing is opened.
    """
    settings = Settings()
    url = settings.store_url(url)
    keys = keys or settings.keyring(url)  # before the adapter: without a key nothing is created
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
