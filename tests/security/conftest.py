"""Security test fixtures: stores of every adapter, CLI runner for the admin commands, figures recorder."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
import typer
from typer.testing import CliRunner

from netmap.cli import app
from tests.falkordb_server import falkordb_server, falkordb_url  # noqa: F401  (fixtures)
from tests.integration.conftest import (  # noqa: F401  (fixtures)
    ADAPTERS,
    URL_FACTORIES,
    build_case,
    network_records,
)
from tests.neo4j_server import neo4j_launcher, neo4j_server_url, neo4j_url  # noqa: F401  (fixtures)


@pytest.fixture(params=ADAPTERS)
def store_url(request: pytest.FixtureRequest) -> str:
    """A URL naming a fresh, empty store of one adapter."""
    return URL_FACTORIES[request.param](request)


# Counts that must be zero whenever they are recorded, and counts that must equal the plan of the
# figures table in docs/security.md (tests/security/test_figures.py builds the table from the same).
MUST_BE_ZERO = (
    "hostile_executed",
    "concurrent_lost",
    "crash_corrupt_stores",
    "fuzz_crashes",
    "fuzz_partial_writes",
)


def planned_counts() -> dict[str, int]:
    from tests.security import test_concurrency, test_crash, test_hostile_render, test_importer_fuzz

    return {
        "hostile_strings": len(test_hostile_render.PAYLOADS),
        "concurrent_edits": test_concurrency.WRITERS * test_concurrency.EDITS_PER_WRITER,
        "crash_trials": test_crash.TRIALS,
        "fuzz_cases": 2 * test_importer_fuzz.EXAMPLES + 1,
    }


class Figures:
    """Counts one security test produces; checked against the figures table's plan when it ends."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()

    def add(self, name: str, n: int = 1) -> None:
        self.counts[name] += n

    def problems(self) -> list[str]:
        found = [f"{name} is {self.counts[name]}, not 0" for name in MUST_BE_ZERO if self.counts[name]]
        for name, planned in planned_counts().items():
            if name in self.counts and self.counts[name] != planned:
                found.append(f"{name} is {self.counts[name]}, but the figures table plans {planned}")
        return found


@pytest.fixture
def figures(request: pytest.FixtureRequest) -> Iterator[Figures]:
    """The test's counts; a passing test whose counts differ from the documented plan fails here."""
    recorded = Figures()
    yield recorded
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.passed:
        assert recorded.counts, "a figures test recorded nothing"
        assert not recorded.problems(), recorded.problems()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    if report.when == "call":
        item.rep_call = report  # type: ignore[attr-defined]
    return report


@pytest.fixture
def admin_cli() -> typer.Typer:
    """The netmap command line, as the admin tests drive it."""
    return app


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
