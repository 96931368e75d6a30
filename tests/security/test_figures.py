"""The figures table at the end of docs/security.md is what the security tests run and assert."""

from __future__ import annotations

import re
from pathlib import Path

from netmap.ingest import READERS
from netmap.models import Role
from tests.integration.conftest import ADAPTERS
from tests.integration.test_access_matrix import ATTEMPTS
from tests.security import test_concurrency, test_crash, test_hostile_render, test_importer_fuzz

DOC = Path(__file__).resolve().parents[2] / "docs" / "security.md"


def planned() -> dict[str, str]:
    """Each figure as the suite computes it; the producing tests assert they ran exactly this."""
    strings, accepted = len(test_hostile_render.PAYLOADS), len(test_hostile_render.ACCEPTED)
    renderers = len(test_hostile_render.RENDERERS)
    fuzz = len(READERS) * (2 * test_importer_fuzz.EXAMPLES + 1)
    edits = test_concurrency.WRITERS * test_concurrency.EDITS_PER_WRITER * len(ADAPTERS)
    crashes = test_crash.TRIALS * 2 * len(ADAPTERS)
    cells = len(ATTEMPTS) * len(Role)
    return {
        "hostile strings tried × renderers": f"{strings} × {renderers} ({strings - accepted} refused at input), "
        "0 executed",
        f"importer fuzz cases run ({len(READERS)} importers)": f"{fuzz}, 0 crashes, 0 partial writes",
        f"concurrent edits ({test_concurrency.WRITERS} writers × {test_concurrency.EDITS_PER_WRITER}, "
        "SQLite, FalkorDB and Neo4j)": f"{edits}, 0 lost",
        "crash-kill trials (import and copy, SQLite, FalkorDB and Neo4j)": f"{crashes}, 0 corrupt stores",
        "access-matrix cells tested through the services": f"{cells} of {len(Role) * len(ATTEMPTS)}",
    }


def test_the_documented_figures_are_the_ones_the_suite_computes():
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("<!-- figures:") :]
    documented = dict(re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", table, re.M)[2:])
    assert documented == planned()
    assert len(ADAPTERS) == 3  # the table names SQLite, FalkorDB and Neo4j


def test_a_test_whose_counts_leave_the_plan_fails():
    from tests.security.conftest import Figures, planned_counts

    good = Figures()
    good.add("crash_trials", planned_counts()["crash_trials"])
    good.add("crash_corrupt_stores", 0)
    assert good.problems() == []
    short, lost = Figures(), Figures()
    short.add("crash_trials", planned_counts()["crash_trials"] - 1)
    lost.add("concurrent_lost")
    assert short.problems() and lost.problems() == ["concurrent_lost is 1, not 0"]
