"""A real Neo4j 5.26 Community server for tests, from ``scripts/neo4j-server`` (or NETMAP_TEST_NEO4J_URI).

Each test process (each xdist worker) starts its own server on a free loopback port, once per
session, and stops it at the end; the launcher is built once (the script holds a file lock while
Maven builds). Neo4j Community has one user database, so a test gets a fresh store by wiping
netmap's nodes from it (``neo4j_url``), not by naming a new database.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.falkordb_server import free_port
from tests.processes import dies_with_parent

__all__ = [
    "SCRIPT",
    "Neo4jServer",
    "Neo4jUnavailable",
    "neo4j_launcher",
    "neo4j_server_url",
    "neo4j_url",
    "neo4j_url_from_env",
    "wipe_neo4j",
]

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "neo4j-server"
MISSING = 3  # the script's exit status when Java or Maven is missing
START_TIMEOUT = 240.0  # seconds: a cold start while the other worker builds or starts its own


class Neo4jUnavailable(RuntimeError):
    """Java or Maven is missing, so no Neo4j server can be started here (the message says which)."""


class Neo4jServer:
    """``scripts/neo4j-server PORT`` on a free loopback port; ``url`` is the store URL it printed.

    ``heap``, ``pagecache`` and ``jvm_options`` go to the script (``NETMAP_NEO4J_HEAP``,
    ``_PAGECACHE``, ``_JVM_OPTS``). Use as a context manager; the data lives in a temporary
    folder the server removes when it stops.
    """

    def __init__(
        self, *, heap: str | None = None, pagecache: str | None = None, jvm_options: str | None = None
    ) -> None:
        self.url = ""
        self.process: subprocess.Popen[str] | None = None
        self.log = Path(tempfile.mkstemp(prefix="netmap-neo4j-", suffix=".log")[1])
        self._env = dict(os.environ)
        self._env.pop("NETMAP_NEO4J_PASSWORD", None)
        if heap:
            self._env["NETMAP_NEO4J_HEAP"] = heap
        if pagecache:
            self._env["NETMAP_NEO4J_PAGECACHE"] = pagecache
        if jvm_options:
            self._env["NETMAP_NEO4J_JVM_OPTS"] = jvm_options

    @staticmethod
    def build() -> None:
        """Build the launcher if it is missing or older than its sources; ``Neo4jUnavailable`` if it cannot be."""
        done = subprocess.run([str(SCRIPT), "--build"], capture_output=True, text=True, check=False)
        if done.returncode == MISSING:
            raise Neo4jUnavailable(done.stderr.strip())
        if done.returncode != 0:
            raise RuntimeError(f"Building the Neo4j launcher failed:\n{done.stderr}")

    def start(self) -> Neo4jServer:
        self.build()
        for _attempt in range(3):
            with self.log.open("a") as log:
                self.process = subprocess.Popen(
                    dies_with_parent([str(SCRIPT), str(free_port())]),
                    stdout=subprocess.PIPE,
                    stderr=log,
                    text=True,
                    env=self._env,
                )
            line = self._first_line()
            if line.startswith("neo4j://"):
                self.url = line
                return self
            self.stop()  # most likely the free port was taken before Neo4j bound it: try another
        raise RuntimeError(f"Neo4j did not start; see {self.log}:\n{self.log.read_text()[-2000:]}")

    def _first_line(self) -> str:
        assert self.process is not None and self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout=START_TIMEOUT):
                return ""
        return self.process.stdout.readline().strip()

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdout is not None:
            process.stdout.close()

    def __enter__(self) -> Neo4jServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
        self.log.unlink(missing_ok=True)


def neo4j_url_from_env() -> str | None:
    """``NETMAP_TEST_NEO4J_URI`` with ``NETMAP_TEST_NEO4J_USER``/``_PASSWORD`` folded in, or None."""
    uri = os.environ.get("NETMAP_TEST_NEO4J_URI")
    if not uri:
        return None
    user = os.environ.get("NETMAP_TEST_NEO4J_USER", "neo4j")
    password = os.environ.get("NETMAP_TEST_NEO4J_PASSWORD", "")
    scheme, _, rest = uri.partition("://")
    if "@" in rest:
        return uri
    return f"{scheme}://{quote(user, safe='')}:{quote(password, safe='')}@{rest}"


def wipe_neo4j(url: str) -> None:
    """Delete every node netmap writes (records, audit, counter, meta, kept cohort rows and generations)."""
    from neo4j import GraphDatabase

    from netmap.graph.adapters.cypher.backends import parse_url

    address = parse_url(url)
    with GraphDatabase.driver(
        address.driver_uri, auth=(address.user or "", address.password or "")
    ) as driver:
        driver.execute_query(
            "MATCH (n) WHERE n:Record OR n:Audit OR n:NetmapCounter OR n:NetmapMeta OR n:CohortGen OR n:CohortRow "
            "DETACH DELETE n",
            database_=address.database,
        )


@pytest.fixture(scope="session")
def neo4j_launcher() -> None:
    """The launcher built (once per test process), or a skip saying which tool is missing."""
    try:
        Neo4jServer.build()
    except Neo4jUnavailable as missing:
        pytest.skip(f"Neo4j tests need Java 17+ and Maven to start the test server: {missing}")


@pytest.fixture(scope="session")
def neo4j_server_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of this test process's Neo4j: NETMAP_TEST_NEO4J_URI's server, or one started here."""
    external = neo4j_url_from_env()
    if external is not None:
        yield external
        return
    request.getfixturevalue("neo4j_launcher")
    # The quick compiler only: tests are short, so a fast start beats the fastest steady state.
    server = Neo4jServer(jvm_options="-XX:+UseSerialGC -XX:TieredStopAtLevel=1").start()
    try:
        yield server.url
    finally:
        server.stop()
        server.log.unlink(missing_ok=True)


@pytest.fixture
def neo4j_url(neo4j_server_url: str) -> Iterator[str]:
    """The session's Neo4j with netmap's nodes wiped before and after the test."""
    wipe_neo4j(neo4j_server_url)
    yield neo4j_server_url
    wipe_neo4j(neo4j_server_url)
