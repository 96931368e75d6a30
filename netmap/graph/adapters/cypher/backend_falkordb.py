"""FalkorDB through its native client (Redis protocol): each query is atomic on its own."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

from netmap.errors import NetmapError, StoreUnavailable
from netmap.graph.adapters.cypher.backends import (
    CONNECT_TIMEOUT,
    Rows,
    StoreAddress,
    T,
    Unit,
    capitalised,
    conflict,
    reason,
)
from netmap.graph.adapters.cypher.cohort import INDEXES as COHORT_INDEXES

__all__ = ["FalkorBackend"]

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


class FalkorBackend:
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

    def read(self, query: str, params: dict[str, Any]) -> Rows:
        return [list(row) for row in self._graph.ro_query(query, params).result_set]

    def write(self, query: str, params: dict[str, Any]) -> Rows:
        return [list(row) for row in self._graph.query(query, params).result_set]

    def atomically(self, work: Callable[[Unit], T], *, retry: bool = True) -> T:
        # Each query commits on its own: the work's queries run one by one on the server.
        return work(self)

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
