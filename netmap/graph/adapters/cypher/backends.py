"""What the Cypher store needs from a server, and the URL that names it.

The one place where Neo4j and FalkorDB differ is a ``Backend``: connecting, schema, transactions
and errors. ``backend_neo4j`` and ``backend_falkordb`` hold the two; the Cypher text they run is
shared (``queries``).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol, TypeVar
from urllib.parse import SplitResult, unquote, urlsplit

from netmap.errors import ConflictError, UsageError
from netmap.graph.urls import redact_url

__all__ = ["Backend", "GraphBuild", "Node", "Rows", "StoreAddress", "Unit", "open_backend", "parse_url"]

NEO4J_SCHEMES = {"neo4j", "neo4j+s", "neo4j+ssc", "bolt", "bolt+s", "bolt+ssc"}
CONNECT_TIMEOUT = 5.0
_NAME_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")

Rows = list[list[Any]]
T = TypeVar("T")


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


class Node(NamedTuple):
    """A node as a graph holds it: its labels and its properties (none of them null)."""

    labels: tuple[str, ...]
    props: dict[str, Any]


class GraphBuild(Protocol):
    """An empty graph built from nodes before any query runs on it (FalkorDB's ``GRAPH.BULK``).

    ``held`` is what the graph the unit replaces holds (it holds no records and no audit entries):
    the store's settings, its audit counter, cohort generations. ``add`` takes one batch's nodes
    as its write query's parameters would write them (``puts``, ``audit``; the settings it sets,
    ``meta``, go in at the end), or returns False and keeps nothing of them when they cannot be
    built exactly (a string holding a NUL). ``finish``
    adds ``nodes`` and makes the graph's indexes and constraints; queries may run on the unit from
    then on. Leaving the block stops whatever the build still had under way.
    """

    held: list[Node]

    def add(
        self, puts: list[dict[str, Any]], audit: list[dict[str, Any]], meta: list[dict[str, Any]]
    ) -> bool: ...

    def finish(self, nodes: list[Node]) -> None: ...

    def __enter__(self) -> GraphBuild: ...

    def __exit__(self, *exc: object) -> None: ...


class Unit(Protocol):
    """Where one unit of work runs its queries: a Neo4j transaction, or FalkorDB itself.

    ``together``: whether every statement the unit runs is kept or dropped with the others (a
    Neo4j transaction), so one write may take several statements; FalkorDB keeps each on its own.
    """

    together: bool

    def build(self) -> GraphBuild | None:
        """A build of the unit's graph from nothing, before its first query (None: the unit has
        no such thing, or the graph it writes is there already)."""
        ...

    def read(self, query: str, params: dict[str, Any]) -> Rows: ...

    def start(self, query: str, params: dict[str, Any]) -> Callable[[], Rows]:
        """A read sent now, and what returns its rows: a Neo4j server runs it while this process
        goes on until the rows are asked for (nothing else may run on the unit meanwhile);
        FalkorDB runs it at once."""
        ...

    def write(self, query: str, params: dict[str, Any]) -> Rows: ...

    def ahead(self, value: Any) -> Any:
        """A parameter value encoded for this server ahead of the query that takes it (FalkorDB
        writes parameters as text into the query; Neo4j's driver takes the value as it is)."""
        ...


class Backend(Protocol):
    """What ``CypherStore`` needs from a server: queries, units of work, schema, errors.

    ``transactional`` says what a unit is. True (Neo4j): every query of ``atomically``'s work runs
    in one transaction, committed when the work returns and rolled back if it raises. False
    (FalkorDB): each query is atomic on its own and nothing spans two, so the caller makes a
    write one query and re-checks in it what it read before; only ``streamed`` spans several.
    """

    address: StoreAddress
    transactional: bool

    def read(self, query: str, params: dict[str, Any]) -> Rows:
        """One read on its own (on a Neo4j cluster: a follower, after this process's last write)."""
        ...

    def atomically(self, work: Callable[[Unit], T]) -> T:
        """Run ``work`` as one unit of writes, again from the start after a transient server error
        (so ``work`` must be safe to repeat)."""
        ...

    def streamed(self, work: Callable[[Unit], T]) -> T:
        """Run ``work`` once as one unit of many writes, each its own query, all kept or none.

        Neo4j: one transaction, not run again (``work`` may consume a stream). FalkorDB: the
        writes go into a staging graph, built from nothing (``Unit.build``) or a copy of the graph,
        which takes the graph's place when ``work`` returns; meant for a graph that holds no
        records, since a copy costs what the graph holds.
        """
        ...

    def ensure_schema(self) -> None: ...

    def close(self) -> None: ...

    def errors(self) -> AbstractContextManager[None]:
        """Turn driver exceptions into one-sentence ``NetmapError`` s naming the redacted URL."""
        ...


def open_backend(url: str) -> Backend:
    """Connect to the server named by ``url`` and make sure its schema exists."""
    address = parse_url(url)
    backend: Backend
    if address.scheme == "falkordb":
        from netmap.graph.adapters.cypher.backend_falkordb import FalkorBackend

        backend = FalkorBackend(address)
    else:
        from netmap.graph.adapters.cypher.backend_neo4j import Neo4jBackend

        backend = Neo4jBackend(address)
    try:
        with backend.errors():
            backend.ensure_schema()
    except BaseException:
        backend.close()
        raise
    return backend


def conflict(exc: Exception) -> ConflictError:
    """The error for a write the server refused because an id or audit number is taken."""
    return ConflictError(f"The write was refused because a record or audit number already exists ({exc}).")


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def reason(exc: BaseException) -> str:
    """Why a connection failed, in words."""
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
