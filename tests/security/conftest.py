"""Security test fixtures: stores of every adapter, CLI runner for the admin commands, figures recorder."""

from __future__ import annotations

import fcntl
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from netmap.cli import admin_cmds
from tests.falkordb_server import falkordb_server, falkordb_url  # noqa: F401  (fixtures)
from tests.integration.conftest import (  # noqa: F401  (fixtures)
    ADAPTERS,
    URL_FACTORIES,
    build_case,
    network_records,
)

FIGURES_FILE = Path(__file__).with_name("figures.json")


@pytest.fixture(params=ADAPTERS)
def store_url(request: pytest.FixtureRequest) -> str:
    """A URL naming a fresh, empty store of one adapter."""
    return URL_FACTORIES[request.param](request)


class Figures:
    """Counts the security tests produce, merged into ``tests/security/figures.json``.

    Each test records under its own key, so runs split across xdist workers merge safely.
    """

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] += n


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Iterator[Figures]:
    recorded = Figures()
    yield recorded
    report = getattr(request.node, "rep_call", None)
    if report is None or not report.passed:
        return
    with FIGURES_FILE.with_suffix(".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        stored = json.loads(FIGURES_FILE.read_text()) if FIGURES_FILE.exists() else {}
        stored[request.node.nodeid] = dict(recorded.counts)
        FIGURES_FILE.write_text(json.dumps(stored, indent=2, sort_keys=True) + "\n")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report


@pytest.fixture
def admin_cli() -> typer.Typer:
    """A typer app with only the admin commands (whatever else the main app registers)."""
    app = typer.Typer(pretty_exceptions_enable=False, add_completion=False)
    admin_cmds.register(app)
    return app


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
