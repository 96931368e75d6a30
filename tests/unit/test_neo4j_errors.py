"""How a Neo4j server's refusals read: the driver's own error, translated by the adapter's layer."""

from __future__ import annotations

import pytest
from neo4j import exceptions as nx

from netmap.errors import StoreUnavailable
from netmap.graph.adapters.cypher.backend_neo4j import Neo4jBackend
from netmap.graph.adapters.cypher.backends import parse_url

# As Neo4j 5.26 words it when a streamed unit (one transaction) outgrows the server's allowance.
_TOO_LARGE = (
    "The allocation of an extra 2.0 MiB would use more than the limit 2.8 GiB. Currently using 2.8 GiB. "
    "dbms.memory.transaction.total.max threshold reached"
)


def _raised(code: str, message: str) -> StoreUnavailable:
    # Only the translation is under test: no server, so the backend is not connected.
    backend = Neo4jBackend.__new__(Neo4jBackend)
    backend.address = parse_url("neo4j://127.0.0.1:7687")
    with pytest.raises(StoreUnavailable) as raised, backend.errors():
        raise nx.Neo4jError._hydrate_neo4j(code=code, message=message)
    return raised.value


def test_a_unit_larger_than_a_transaction_may_hold_says_what_to_raise_not_to_try_again() -> None:
    error = _raised("Neo.TransientError.General.MemoryPoolOutOfMemoryError", _TOO_LARGE)
    assert "cannot hold this much in one transaction" in str(error)
    assert "dbms.memory.transaction.total.max" in str(error)
    assert "Nothing of it was kept" in str(error)
    assert "try again" not in str(error)  # a retry fails the same way


def test_a_busy_server_still_says_try_again() -> None:
    error = _raised("Neo.TransientError.Transaction.DeadlockDetected", "deadlock")
    assert "stayed too busy to answer (deadlock); try again" in str(error)
