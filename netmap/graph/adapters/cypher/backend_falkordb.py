"""FalkorDB through its native client (Redis protocol): each query is atomic on its own.

A unit of many writes (``streamed``) goes into a staging graph, ``<graph>.staging-<random>``, with the
graph watched (``WATCH``) from the start. The unit builds it from nothing (``_Staging.build``,
``GRAPH.BULK``: ``falkordb_build``), or else its first query copies the graph (``GRAPH.COPY``:
indexes, constraints and the store's settings come with it). When every write is in, one
``MULTI``/``EXEC`` renames the staging graph over the graph and clears its expiry; if anything
wrote to the graph in the meantime the server refuses the swap. Until then the copy expires on the server unless a write keeps it alive, and
the watching connection carries the copy's name: a copy left by a killed process is dropped by the
next unit on the graph or the next opening of the store (its connection is gone), or by the server
when it expires. No reader ever looks at one.
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from functools import partial
from typing import Any

from falkordb.helpers import stringify_param_value

from netmap.errors import ConflictError, NetmapError, StoreUnavailable
from netmap.graph.adapters.cypher.backends import (
    CONNECT_TIMEOUT,
    GraphBuild,
    Rows,
    StoreAddress,
    T,
    Unit,
    capitalised,
    conflict,
    reason,
)
from netmap.graph.adapters.cypher.cohort import INDEXES as COHORT_INDEXES
from netmap.graph.adapters.cypher.falkordb_build import fresh_build

__all__ = ["STAGING", "FalkorBackend"]

STAGING = ".staging-"  # the graph's name, this, then a random hex: a unit's staging copy
# A staging copy left by a killed process is removed by the server this long after its last write;
# every write of a live unit sets it again, and a batch takes seconds.
_STAGING_TTL_MS = 5 * 60 * 1000

_FALKOR_INDEXES = {
    "Record": ("kind", "id", "case_id", "person_id", "from_id", "to_id"),
    "Audit": ("seq", "entity_id", "case_id"),
    "NetmapCounter": ("name",),
    "NetmapMeta": ("name",),
    **COHORT_INDEXES,
}
_FALKOR_UNIQUE = {
    "Record": ("kind", "id"),
    "Audit": ("seq",),
    "NetmapCounter": ("name",),
    "NetmapMeta": ("name",),
}


class _Queries:
    """Queries on one graph (``_graph``), the parameters written as text before each (``_header``)."""

    _graph: Any
    together = False

    def read(self, query: str, params: dict[str, Any]) -> Rows:
        return [list(row) for row in self._graph.ro_query(_header(params) + query).result_set]

    def start(self, query: str, params: dict[str, Any]) -> Callable[[], Rows]:
        rows = self.read(query, params)
        return lambda: rows

    def write(self, query: str, params: dict[str, Any]) -> Rows:
        return [list(row) for row in self._graph.query(_header(params) + query).result_set]

    @staticmethod
    def ahead(value: Any) -> Any:
        return _Rendered(stringify_param_value(value))

    def build(self) -> GraphBuild | None:
        return None  # only a unit's staging graph is built from nothing (_Staging)


class FalkorBackend(_Queries):
    """FalkorDB through its native client; each query is atomic, there are no transactions."""

    transactional = False

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

    def atomically(self, work: Callable[[Unit], T]) -> T:
        # Each query commits on its own: the work's queries run one by one on the server.
        return work(self)

    def streamed(self, work: Callable[[Unit], T]) -> T:
        from redis.exceptions import RedisError, WatchError

        graph = str(self.address.database)
        name = f"{graph}{STAGING}{secrets.token_hex(8)}"
        redis = self._db.connection
        swap = redis.pipeline()
        try:
            self._drop_abandoned(graph)
            swap.watch(graph)
            # The watching connection carries the copy's name while the unit lives (see _drop_abandoned).
            swap.client_setname(name)
            staging = _Staging(self._db, name, graph, self.address)
            result = work(staging)
            staging.made()
            staging.keep()
            swap.multi()
            swap.rename(name, graph)
            swap.persist(graph)
            swap.client_setname("")
            swap.execute()
            return result
        except WatchError:
            raise ConflictError(
                f"The store {self.address} was written to while this unit of work was written; "
                "nothing of the unit was kept."
            ) from None
        finally:
            if swap.watching:
                with suppress(RedisError):
                    swap.client_setname("")
            swap.reset()
            with suppress(RedisError):
                redis.unlink(name)

    def _drop_abandoned(self, graph: str) -> None:
        """Drop the staging copies of ``graph`` whose unit's connection is gone (a killed process).

        A user the server does not allow ``CLIENT LIST`` leaves them to expire.
        """
        from redis.exceptions import ResponseError

        # Keys, not GRAPH.LIST: FalkorDB 4 leaves a graph out of its list after a RENAME replaced another.
        copies = list(self._db.connection.scan_iter(match=f"{graph}{STAGING}*"))
        if not copies:
            return
        try:
            alive = {client.get("name") for client in self._db.connection.client_list()}
        except ResponseError:
            return
        for name in copies:
            if name not in alive:
                self._db.connection.unlink(name)

    def ensure_schema(self) -> None:
        # A process killed while the server copied the graph never set its copy's expiry: opening drops it.
        self._drop_abandoned(str(self.address.database))
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
        if not self._db.connection.exists(self.address.database):
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
            raise StoreUnavailable(f"{capitalised(where)} refused the user name or password.") from exc
        except rx.ResponseError as exc:
            text = str(exc)
            if "NOAUTH" in text or "WRONGPASS" in text:
                raise StoreUnavailable(f"{capitalised(where)} refused the user name or password.") from exc
            if "unknown command" in text.lower():
                raise StoreUnavailable(
                    f"The server at {self.address} is not FalkorDB (no graph module)."
                ) from exc
            if "constraint violation" in text:
                raise conflict(exc) from exc
            raise StoreUnavailable(f"{capitalised(where)} failed a query: {text}.") from exc
        except (rx.ConnectionError, rx.TimeoutError, OSError) as exc:
            raise StoreUnavailable(f"Cannot reach {where}: {reason(exc)}.") from exc


class _Staging(_Queries):
    """A ``Unit`` on a staging copy of the graph: each write first keeps the copy from expiring.

    The copy is made by the first query (``GRAPH.COPY``), unless the unit builds it from nothing
    first (``build``: ``GRAPH.BULK``, see ``falkordb_build``).
    """

    def __init__(self, db: Any, name: str, live: str, address: StoreAddress) -> None:
        self._db = db
        self._graph = db.select_graph(name)
        self._redis = db.connection
        self._name = name
        self._live = live
        self._address = address
        self._made = False

    def build(self) -> GraphBuild | None:
        if self._made:
            return None
        build = fresh_build(self._db, self._redis, self._live, self._name, self.keep)
        self._made = build is not None
        return build

    def made(self) -> None:
        """Make the copy if nothing made the staging graph yet."""
        if not self._made:
            self._redis.execute_command("GRAPH.COPY", self._live, self._name)
            self._made = True
            self.keep()

    def read(self, query: str, params: dict[str, Any]) -> Rows:
        self.made()
        return super().read(query, params)

    def keep(self) -> None:
        """Set the copy's expiry again; refuse the unit if it expired (the process stalled too long)."""
        if not self._redis.pexpire(self._name, _STAGING_TTL_MS):
            raise StoreUnavailable(
                f"The staging copy of the store {self._address} expired before the unit of work was "
                "complete; nothing of the unit was kept."
            )

    def write(self, query: str, params: dict[str, Any]) -> Rows:
        self.made()
        self.keep()
        return super().write(query, params)


class _Rendered(str):
    """A parameter's Cypher text, rendered ahead (``Unit.ahead``): it goes into the query as it is."""


def _header(params: dict[str, Any]) -> str:
    """The parameters as the text the server reads before the query (the client's own encoding, but
    a value rendered ahead is not encoded again)."""
    if not params:
        return ""
    return (
        "CYPHER "
        + " ".join(
            f"{name}={value if isinstance(value, _Rendered) else stringify_param_value(value)}"
            for name, value in params.items()
        )
        + " "
    )
