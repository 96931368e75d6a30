"""``netmap serve`` as an operator runs it: checks before it says "serving", loopback by default, kill frees the port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netmap.bootstrap import bootstrap
from tests.falkordb_server import free_port

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.e2e


def _start(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "netmap", "serve", *args],
        cwd=REPO,
        env=env or dict(os.environ),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _listening(port: int) -> list[str]:
    """The local addresses listening on ``port`` (from /proc/net/tcp and tcp6), e.g. ['127.0.0.1']."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":  # 0A: LISTEN
                if len(address) == 8:
                    found.append(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
                else:
                    found.append("::" if set(address) == {"0"} else address)
    return found


def _wait_listening(port: int, process: subprocess.Popen[str], seconds: float = 90) -> list[str]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"netmap serve ended early: {process.stderr.read() if process.stderr else ''}"
            )
        if addresses := _listening(port):
            return addresses
        time.sleep(0.2)
    raise AssertionError(f"nothing listened on port {port}")


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'serve.db'}"
    bootstrap(url).close()
    return url


def test_serve_listens_on_loopback_only_and_kill_frees_the_port_within_5_seconds(tmp_path: Path, db: str):
    port = free_port()
    process = _start(tmp_path, "--db", db, "--port", str(port))
    try:
        assert _wait_listening(port, process) == ["127.0.0.1"]
        os.kill(process.pid, signal.SIGTERM)  # the pid netmap printed, not its process group
        deadline = time.monotonic() + 5
        while _listening(port) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _listening(port), "the port was still held 5 seconds after kill <pid>"
        assert process.wait(timeout=5) is not None
    finally:
        if process.poll() is None:
            process.kill()
    assert "netmap is serving" in (process.stdout.read() if process.stdout else "")


def test_serve_without_the_key_says_why_and_never_says_serving(tmp_path: Path, db: str):
    env = {k: v for k, v in os.environ.items() if k != "NETMAP_SECRET_KEY"}
    process = _start(tmp_path, "--db", db, "--port", str(free_port()), env=env)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "serving" not in out
    assert err.startswith("Set NETMAP_SECRET_KEY to the store's encryption key")


def test_serve_on_a_busy_port_says_so_before_anything_else(tmp_path: Path, db: str):
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        process = _start(tmp_path, "--db", db, "--port", str(port))
        out, err = process.communicate(timeout=60)
    assert process.returncode == 1
    assert "serving" not in out
    assert (
        err.strip()
        == f"Port {port} on 127.0.0.1 is in use: stop what holds it or choose another with --port."
    )
