"""``netmap serve`` on a benchmark's store, and Debian's Chromium driven by Playwright, for the browser figures."""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from netmap.errors import UsageError

__all__ = ["CHROMIUM", "browser_problem", "chromium", "free_port", "healthy", "served"]

CHROMIUM = "/usr/bin/chromium"
_STARTUP_SECONDS = 120


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def healthy(url: str) -> bool:
    """Whether the Streamlit app at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return bool(response.read().decode().strip() == "ok")
    except OSError:
        return False


@contextmanager
def served(db_url: str, key: str, log: Path) -> Iterator[str]:
    """``netmap serve`` on ``db_url`` on a free loopback port, in a process group of its own; its URL."""
    port = free_port()
    env = {**os.environ, "NETMAP_DB": db_url, "NETMAP_SECRET_KEY": key}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "netmap", "serve", "--db", db_url, "--port", str(port)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + _STARTUP_SECONDS
        while not healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise UsageError(f"netmap serve did not start for the browser benchmark; see {log}.")
            time.sleep(0.25)
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def browser_problem() -> str | None:
    """Why the browser figures cannot run here, in one sentence; None when Playwright and Chromium are there."""
    if importlib.util.find_spec("playwright") is None:
        return "The browser figures need Playwright: pip install -e '.[test]'."
    if not Path(CHROMIUM).exists():
        return f"The browser figures need Chromium at {CHROMIUM} (Debian's chromium package)."
    return None


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Debian Chromium under Playwright (never a downloaded browser)."""
    problem = browser_problem()
    if problem:
        raise UsageError(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
        )
        try:
            yield browser
        finally:
            browser.close()
