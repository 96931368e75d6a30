"""The one place where Neo4j and FalkorDB differ: connecting, schema, transactions and errors."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol
from urllib.parse import SplitResult, unquote, urlsplit

from netmap.errors import ConflictError, NetmapError, StoreUnavailable, UsageError
from netmap.graph.adapters.cypher.cohort import INDEXES as COHORT_INDEXES
from netmap.graph.urls import redact_url

__all__ = ["Backend", "FalkorBackend", "Neo4jBackend", "StoreAddress", "open_backend", "parse_url"]

NEO4J_SCHEMES = {"neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"}
CONNECT_TIMEOUT = 5.0
_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")

Rows = list[list[Any]]

# The driver logs each failed connection attempt; netmap reports them as one sentence instead.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class StoreAddress:
    """A Cypher store URL taken apart; ``str`` never shows the password.

    >>> a = parse_url("neo4j://ann:secret@db.example:7687/netmap")
    >>> a.driver_uri, a.database, a.user, str(a)
    ('neo4j://db.example:7687', 'netmap', 'ann', 'neo4j://ann:***@db.example:7687/netmap')
    >>> parse_url("falkordb://localhost").database
    'netmap'
    """

    url: str
    scheme: str
    host: str
    port: int
    database: str | None
    user: str | None
    password: str | None = None

    @property
    def driver_uri(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"

    def __str__(self) -> str:
        return redact_url(self.url)

    def __repr__(self) -> str:
        return f"StoreAddress({str(self)!r})"


def parse_url(url: str) -> StoreAddress:
    """Split a ``neo4j://``, ``bolt://`` or ``falkordb://`` URL; ``UsageError`` if it is malformed."""
    shown = redact_url(url)
    try:
        parts: SplitResult = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise UsageError(f"The store URL {shown} is malformed: {exc}.") from exc
    scheme = parts.scheme.lower()
    if scheme != "falkordb" and scheme not in NEO4J_SCHEMES:
        raise UsageError(f"The store URL {shown} is not a Neo4j or FalkorDB URL.")
    if not parts.hostname:
        raise UsageError(f"The store URL {shown} names no host.")
    if parts.query or parts.fragment:
        raise UsageError(f"The store URL {shown} must not have a query string or fragment.")
    name = unquote(parts.path.strip("/")) or None
    if name is not None and (set(name) - _NAME_CHARS or len(name) > 63):
        raise UsageError(
            f"The store URL {shown} names the database {name!r}: use letters, digits, '.', '_' or '-'."
        )
    falkor = scheme == "falkordb"
    return StoreAddress(
        url=url,
        scheme=scheme,
        host=parts.hostname,
        port=port or (6379 if falkor else 7687),
        database=name or ("netmap" if falkor else None),
        user=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
    )


class Backend(Protocol):
    """What ``CypherStore`` needs from a server: read and write one query, schema, errors."""

    address: StoreAddress

    def read(self, query: str, params: dict[str, Any]) -> Rows: ...

    def write(self, query: str, params: dict[str, Any]) -> Rows: ...

    def ensure_schema(self) -> None: ...

    def close(self) -> None: ...

    def errors(self) -> AbstractContextManager[None]:
        """Turn driver exceptions into one-sentence ``NetmapError`` s naming the redacted URL."""
        ...


def open_backend(url: str) -> Backend:
    """Connect to the server named by ``url`` and make sure its schema exists."""
    address = parse_url(url)
    backend: Backend = FalkorBackend(address) if address.scheme == "falkordb" else Neo4jBackend(address)
    try:
        with backend.errors():
            backend.ensure_schema()
    except BaseException:
        backend.close()
        raise
    return backend


def _conflict(exc: Exception) -> ConflictError:
    return ConflictError(f"The write was refused because a record or audit number already exists ({exc}).")


# --------------------------------------------------------------------------- FalkorDB

_FALKOR_INDEXES = {
    "Record": ("kind", "id", "case_id", "person_id", "from_id", "to_id"),
    "Audit": ("seq", "entity_id", "case_id"),
    "NetmapCounter": ("name",),
    **COHORT_INDEXES,
}
_FALKOR_UNIQUE = {"Record": ("kind", "id"), "Audit": ("seq",), "NetmapCounter": ("name",)}


class FalkorBackend:
    """FalkorDB through its native client; each query is atomic, there are no transactions."""

    def __init__(self, address: StoreAddress) -> None:
        from falkordb import FalkorDB

        self.address = address
        self._db: Any = None
        with self.errors():
            self._db = FalkorDB(
                host=address.host,
                port=address.port,
                username=address.user,
                password=address.password,
                socket_connect_timeout=CONNECT_TIMEOUT,
            )
            self._graph = self._db.select_graph(address.database)

    def read(self, query: str, params: dict[str, Any]) -> Rows:
        return [list(row) for row in self._graph.ro_query(query, params).result_set]

    def write(self, query: str, params: dict[str, Any]) -> Rows:
        return [list(row) for row in self._graph.query(query, params).result_set]

    def ensure_schema(self) -> None:
        if self._constraints_ready():
            return
        for label, props in _FALKOR_INDEXES.items():
            for prop in props:
                self._ignore_existing(partial(self._graph.create_node_range_index, label, prop))
        for label, props in _FALKOR_UNIQUE.items():
            self._ignore_existing(partial(self._graph.create_node_unique_constraint, label, *props))
        deadline = time.monotonic() + 10
        while not self._constraints_ready():
            if time.monotonic() > deadline:
                raise StoreUnavailable(
                    f"The FalkorDB server at {self.address} did not finish building indexes."
                )
            time.sleep(0.05)

    def _constraints_ready(self) -> bool:
        if self.address.database not in self._db.list_graphs():
            return False
        ready = {
            (c["label"], tuple(c["properties"]))
            for c in self._graph.list_constraints()
            if c["type"] == "UNIQUE" and c["status"] == "OPERATIONAL"
        }
        return all((label, props) in ready for label, props in _FALKOR_UNIQUE.items())

    @staticmethod
    def _ignore_existing(create: Callable[[], Any]) -> None:
        from redis.exceptions import ResponseError

        try:
            create()
        except ResponseError as exc:
            if "already" not in str(exc).lower():
                raise

    def close(self) -> None:
        if self._db is not None:
            self._db.connection.close()
            self._db = None

    @contextmanager
    def errors(self) -> Iterator[None]:
        from redis import exceptions as rx

        where = f"the FalkorDB server at {self.address}"
        try:
            yield
        except NetmapError:
            raise
        except rx.AuthenticationError as exc:
            raise StoreUnavailable(f"{_cap(where)} refused the user name or password.") from exc
        except rx.ResponseError as exc:
            text = str(exc)
            if "NOAUTH" in text or "WRONGPASS" in text:
                raise StoreUnavailable(f"{_cap(where)} refused the user name or password.") from exc
            if "unknown command" in text.lower():
                raise StoreUnavailable(
                    f"The server at {self.address} is not FalkorDB (no graph module)."
                ) from exc
            if "constraint violation" in text:
                raise _conflict(exc) from exc
            raise StoreUnavailable(f"{_cap(where)} failed a query: {text}.") from exc
        except (rx.ConnectionError, rx.TimeoutError, OSError) as exc:
            raise StoreUnavailable(f"Cannot reach {where}: {_reason(exc)}.") from exc


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _reason(exc: BaseException) -> str:
    text = str(exc).lower()
    if "routing information" in text:
        return "no Neo4j server answered there"
    if "refused" in text:
        return "nothing is listening on that host and port"
    if "timed out" in text or "timeout" in text:
        return "the connection timed out"
    if "name or service" in text or "resolve" in text or "nodename" in text:
        return "the host name is unknown"
    return str(exc).rstrip(".") or type(exc).__name__


# --------------------------------------------------------------------------- Neo4j

_NEO4J_SCHEMA = (
    "CREATE CONSTRAINT netmap_record_key IF NOT EXISTS FOR (n:Record) REQUIRE (n.kind, n.id) IS UNIQUE",
    "CREATE CONSTRAINT netmap_audit_seq IF NOT EXISTS FOR (a:Audit) REQUIRE a.seq IS UNIQUE",
    "CREATE CONSTRAINT netmap_counter_name IF NOT EXISTS FOR (c:NetmapCounter) REQUIRE c.name IS UNIQUE",
    *(
        f"CREATE INDEX netmap_record_{prop} IF NOT EXISTS FOR (n:Record) ON (n.{prop})"
        for prop in ("kind", "case_id", "person_id", "from_id", "to_id")
    ),
    "CREATE INDEX netmap_audit_entity IF NOT EXISTS FOR (a:Audit) ON (a.entity_id)",
    "CREATE INDEX netmap_audit_case IF NOT EXISTS FOR (a:Audit) ON (a.case_id)",
    *(
        f"CREATE INDEX netmap_{label.lower()}_{prop} IF NOT EXISTS FOR (n:{label}) ON (n.{prop})"
        for label, props in COHORT_INDEXES.items()
        for prop in props
    ),
)

# Neo4j reads the latest committed data without locking it, so every write transaction first
# takes the write lock on the audit counter: writes are serialised and the version checks in
# the write query see what the previous writer committed (FalkorDB serialises queries itself).
_NEO4J_LOCK = (
    "MERGE (c:NetmapCounter {name: 'audit'}) ON CREATE SET c.last = 0 SET c._lock = true REMOVE c._lock"
)

_DRIVERS: dict[tuple[str, str | None, str | None], list[Any]] = {}
_DRIVERS_LOCK = threading.Lock()


class Neo4jBackend:
    """Neo4j 5 through the official driver: one Driver per process, managed transactions."""

    def __init__(self, address: StoreAddress) -> None:
        self.address = address
        self._key: tuple[str, str | None, str | None] | None = None
        with self.errors():
            self._driver = self._acquire()
            self._driver.verify_connectivity()

    def _acquire(self) -> Any:
        from neo4j import GraphDatabase

        key = (self.address.driver_uri, self.address.user, self.address.password)
        auth = (self.address.user, self.address.password or "") if self.address.user else None
        with _DRIVERS_LOCK:
            entry = _DRIVERS.get(key)
            if entry is None:
                driver = GraphDatabase.driver(
                    self.address.driver_uri,
                    auth=auth,
                    connection_timeout=CONNECT_TIMEOUT,
                    max_transaction_retry_time=15.0,
                )
                entry = _DRIVERS[key] = [driver, 0]
            entry[1] += 1
        self._key = key
        return entry[0]

    def close(self) -> None:
        if self._key is None:
            return
        with _DRIVERS_LOCK:
            entry = _DRIVERS[self._key]
            entry[1] -= 1
            if entry[1] == 0:
                del _DRIVERS[self._key]
                entry[0].close()
        self._key = None

    def read(self, query: str, params: dict[str, Any]) -> Rows:
        with self._driver.session(database=self.address.database) as session:
            return session.execute_read(lambda tx: [list(r.values()) for r in tx.run(query, params)])

    def write(self, query: str, params: dict[str, Any]) -> Rows:
        def work(tx: Any) -> Rows:
            tx.run(_NEO4J_LOCK).consume()
            return [list(r.values()) for r in tx.run(query, params)]

        with self._driver.session(database=self.address.database) as session:
            return session.execute_write(work)

    def ensure_schema(self) -> None:
        with self._driver.session(database=self.address.database) as session:
            for statement in _NEO4J_SCHEMA:
                session.run(statement).consume()

    @contextmanager
    def errors(self) -> Iterator[None]:
        from neo4j import exceptions as nx

        where = f"the Neo4j server at {self.address}"
        try:
            yield
        except NetmapError:
            raise
        except nx.AuthError as exc:
            raise StoreUnavailable(f"{_cap(where)} refused the user name or password.") from exc
        except nx.ConstraintError as exc:
            raise _conflict(exc) from exc
        except nx.ClientError as exc:
            if exc.code and "DatabaseNotFound" in exc.code:
                raise StoreUnavailable(
                    f"{_cap(where)} has no database named {self.address.database!r}."
                ) from exc
            raise StoreUnavailable(f"{_cap(where)} refused a query: {exc.message}.") from exc
        except nx.ConfigurationError as exc:
            raise UsageError(f"The store URL {self.address} cannot be used: {exc}.") from exc
        except (nx.ServiceUnavailable, nx.SessionExpired, OSError) as exc:
            raise StoreUnavailable(f"Cannot reach {where}: {_reason(exc)}.") from exc
        except nx.Neo4jError as exc:
            raise StoreUnavailable(f"{_cap(where)} failed a query: {exc.message}.") from exc
