"""Neo4j 5 through the official driver: routing, bookmarks, real transactions and schema DDL.

- **Routing.** A ``neo4j://`` URL (or ``neo4j+s://``) gives a routing driver: reads run in read
  transactions (``execute_read``), which a cluster sends to a follower or read replica, and
  writes in write transactions (``execute_write``), sent to the leader. ``bolt://`` talks to one
  server only.
- **Bookmarks.** Every session of one driver shares one bookmark manager, so in a process a read
  waits until the server it lands on has seen the writes made before it.
- **Transactions.** A unit of writes (``atomically``, ``streamed``) is one transaction that first takes the
  write lock on the audit counter node: netmap's writers queue instead of overwriting each other,
  and what a unit reads after the lock is what the writer before it committed. A managed
  transaction is run again from the start after a transient error (deadlock, leader change).
"""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from netmap.errors import NetmapError, StoreUnavailable, UsageError
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
from netmap.graph.adapters.cypher.neo4j_driver import load_driver

__all__ = ["SCHEMA", "Neo4jBackend"]

# The driver logs each failed connection attempt; netmap reports them as one sentence instead.
logging.getLogger("neo4j").addHandler(logging.NullHandler())

# Unique keys, and an index for every property the queries look records up by.
SCHEMA = {
    "netmap_record_key": "CREATE CONSTRAINT netmap_record_key IF NOT EXISTS "
    "FOR (n:Record) REQUIRE (n.kind, n.id) IS UNIQUE",
    "netmap_audit_seq": "CREATE CONSTRAINT netmap_audit_seq IF NOT EXISTS FOR (a:Audit) REQUIRE a.seq IS UNIQUE",
    "netmap_counter_name": "CREATE CONSTRAINT netmap_counter_name IF NOT EXISTS "
    "FOR (c:NetmapCounter) REQUIRE c.name IS UNIQUE",
    "netmap_meta_name": "CREATE CONSTRAINT netmap_meta_name IF NOT EXISTS FOR (m:NetmapMeta) REQUIRE m.name IS UNIQUE",
    **{
        f"netmap_record_{prop}": f"CREATE INDEX netmap_record_{prop} IF NOT EXISTS FOR (n:Record) ON (n.{prop})"
        for prop in ("kind", "case_id", "person_id", "from_id", "to_id", "ego_id", "username")
    },
    "netmap_audit_entity": "CREATE INDEX netmap_audit_entity IF NOT EXISTS FOR (a:Audit) ON (a.entity_id)",
    "netmap_audit_case": "CREATE INDEX netmap_audit_case IF NOT EXISTS FOR (a:Audit) ON (a.case_id)",
    **{
        f"netmap_{label.lower()}_{prop}": f"CREATE INDEX netmap_{label.lower()}_{prop} IF NOT EXISTS "
        f"FOR (n:{label}) ON (n.{prop})"
        for label, props in COHORT_INDEXES.items()
        for prop in props
    },
}

# Taking the write lock on the counter serialises netmap's writers (Neo4j reads take no locks).
_LOCK = "MERGE (c:NetmapCounter {name: 'audit'}) ON CREATE SET c.last = 0 SET c._lock = true REMOVE c._lock"


@dataclass
class _Shared:
    """One driver per server and account in a process, with the bookmarks all its sessions share."""

    driver: Any
    bookmarks: Any
    users: int = 0


_SHARED: dict[tuple[str, str | None, str | None], _Shared] = {}
_SHARED_LOCK = threading.Lock()


# A record looked up by its key in a MATCH (not a MERGE, where hints are not allowed).
_KEY_LOOKUP = re.compile(r"((?:OPTIONAL )?MATCH \((\w+):Record \{kind: [^,{}]+, id: [^,{}]+\}\))")


@functools.cache
def hinted(query: str) -> str:
    """``query`` with every lookup of a record by its key told to seek it in the key's index.

    Inside one large transaction (a streamed unit: a copy, a restore, an import) every record is
    still uncommitted, so the statistics say the store is empty, and after a few hundred cases the
    planner chose to scan every record for each key instead: a 1,000-case import took minutes per
    batch. A plain ``USING INDEX`` hint still lets the planner scan the whole index and filter it;
    when the statistics moved during a bulk load, a replanned write statement did that, and one
    50-case batch took 50 to 70 s instead of 0.5 s. ``USING INDEX SEEK`` allows only a seek.
    FalkorDB has no hints, and plans each lookup by the index anyway.

    >>> hinted("UNWIND $ids AS id MATCH (n:Record {kind: $kind, id: id}) RETURN n.data")
    'UNWIND $ids AS id MATCH (n:Record {kind: $kind, id: id}) USING INDEX SEEK n:Record(kind, id) RETURN n.data'
    """
    return _KEY_LOOKUP.sub(r"\1 USING INDEX SEEK \2:Record(kind, id)", query)


class _Unshown(dict[str, Any]):
    """A query's parameters that ``repr`` does not spell out.

    The driver (6.x) formats every query's parameters for a debug line before it knows whether
    anyone logs it: for a 50-case batch, 8 MB of text and about 0.04 s of the 0.2 s this process
    spends on the batch; and it would put sealed records in a debug log.
    """

    def __repr__(self) -> str:
        return f"<{len(self)} parameters>"


def _started(tx: Any, query: str, params: dict[str, Any]) -> Callable[[], Rows]:
    """``query`` sent, and what reads its rows. The driver sends the query and asks for its rows
    (Bolt's RUN and PULL) and waits only until the server has planned it: the server runs it
    while this process goes on, until the rows are read."""
    result = tx.run(hinted(query), _Unshown(params))
    return lambda: [list(record.values()) for record in result]


def _rows(tx: Any, query: str, params: dict[str, Any]) -> Rows:
    return _started(tx, query, params)()


def _locked(tx: Any, work: Callable[[Unit], T]) -> T:
    tx.run(_LOCK).consume()
    return work(_InTransaction(tx))


class _InTransaction:
    """A ``Unit`` whose queries all run in one Neo4j transaction."""

    together = True

    def __init__(self, tx: Any) -> None:
        self._tx = tx

    def read(self, query: str, params: dict[str, Any]) -> Rows:
        return _rows(self._tx, query, params)

    write = read

    def start(self, query: str, params: dict[str, Any]) -> Callable[[], Rows]:
        return _started(self._tx, query, params)

    @staticmethod
    def ahead(value: Any) -> Any:
        return value

    @staticmethod
    def build() -> None:
        return None


class Neo4jBackend:
    """Neo4j 5 (a server, Aura or a cluster) through the official driver."""

    transactional = True

    def __init__(self, address: StoreAddress) -> None:
        load_driver()  # before any ``from neo4j import``: see neo4j_driver
        self.address = address
        self._key: tuple[str, str | None, str | None] | None = None
        with self.errors():
            self._shared = self._acquire()
            self._shared.driver.verify_connectivity()

    def _acquire(self) -> _Shared:
        from neo4j import GraphDatabase

        key = (self.address.driver_uri, self.address.user, self.address.password)
        auth = (self.address.user, self.address.password or "") if self.address.user else None
        with _SHARED_LOCK:
            shared = _SHARED.get(key)
            if shared is None:
                driver = GraphDatabase.driver(
                    self.address.driver_uri,
                    auth=auth,
                    connection_timeout=CONNECT_TIMEOUT,
                    max_transaction_retry_time=15.0,
                    notifications_min_severity="OFF",
                )
                shared = _SHARED[key] = _Shared(driver, GraphDatabase.bookmark_manager())
            shared.users += 1
            self._key = key
        return shared

    def close(self) -> None:
        if self._key is None:
            return
        with _SHARED_LOCK:
            shared = _SHARED[self._key]
            shared.users -= 1
            if shared.users == 0:
                del _SHARED[self._key]
                shared.driver.close()
            self._key = None

    def _session(self, mode: str) -> Any:
        return self._shared.driver.session(
            database=self.address.database, default_access_mode=mode, bookmark_manager=self._shared.bookmarks
        )

    @property
    def bookmarks(self) -> Any:
        """The bookmark manager every session of this process's driver shares (for tests and tools)."""
        return self._shared.bookmarks

    def read(self, query: str, params: dict[str, Any]) -> Rows:
        from neo4j import READ_ACCESS

        with self._session(READ_ACCESS) as session:
            return session.execute_read(_rows, query, params)  # type: ignore[no-any-return]

    def atomically(self, work: Callable[[Unit], T]) -> T:
        from neo4j import WRITE_ACCESS

        with self._session(WRITE_ACCESS) as session:
            return session.execute_write(_locked, work)  # type: ignore[no-any-return]

    def streamed(self, work: Callable[[Unit], T]) -> T:
        from neo4j import WRITE_ACCESS

        # Work that cannot be repeated (it consumes a stream): one attempt, committed whole or not at all.
        with self._session(WRITE_ACCESS) as session, session.begin_transaction() as tx:
            result = _locked(tx, work)
            tx.commit()
            return result

    def ensure_schema(self) -> None:
        """Create what ``SCHEMA`` names and the database lacks; a second opener finds it there."""
        from neo4j import WRITE_ACCESS
        from neo4j.exceptions import ClientError

        present = {row[0] for row in self.read("SHOW INDEXES YIELD name", {})}
        missing = [statement for name, statement in SCHEMA.items() if name not in present]
        if not missing:
            return
        with self._session(WRITE_ACCESS) as session:
            for statement in missing:
                try:
                    session.execute_write(lambda tx, s=statement: tx.run(s).consume())
                except ClientError as exc:
                    # Another process created the same rule between our look and our create.
                    if "AlreadyExists" not in (exc.code or ""):
                        raise
            session.execute_write(lambda tx: tx.run("CALL db.awaitIndexes(300)").consume())

    @contextmanager
    def errors(self) -> Iterator[None]:
        from neo4j import exceptions as nx

        where = f"the Neo4j server at {self.address}"
        try:
            yield
        except NetmapError:
            raise
        except nx.AuthError as exc:
            raise StoreUnavailable(f"{capitalised(where)} refused the user name or password.") from exc
        except nx.ConstraintError as exc:
            raise conflict(exc) from exc
        except nx.ClientError as exc:
            if exc.code and "DatabaseNotFound" in exc.code:
                raise StoreUnavailable(
                    f"{capitalised(where)} has no database named {self.address.database!r}."
                ) from exc
            raise StoreUnavailable(f"{capitalised(where)} refused a query: {exc.message}.") from exc
        except nx.TransientError as exc:
            if "dbms.memory.transaction" in (exc.message or ""):
                # A unit is one transaction: retrying cannot help, a larger allowance can.
                raise StoreUnavailable(
                    f"{capitalised(where)} cannot hold this much in one transaction ({exc.message}). "
                    "Nothing of it was kept. Raise the limit the server names (and its heap), or "
                    "write it in smaller parts."
                ) from exc
            raise StoreUnavailable(
                f"{capitalised(where)} stayed too busy to answer ({exc.message}); try again."
            ) from exc
        except nx.ConfigurationError as exc:
            raise UsageError(f"The store URL {self.address} cannot be used: {exc}.") from exc
        except (nx.ServiceUnavailable, nx.SessionExpired, OSError) as exc:
            raise StoreUnavailable(f"Cannot reach {where}: {reason(exc)}.") from exc
        except nx.Neo4jError as exc:
            raise StoreUnavailable(f"{capitalised(where)} failed a query: {exc.message}.") from exc
