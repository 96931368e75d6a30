"""The figures table at the end of docs/security.md is what the security tests run and assert."""

from __future__ import annotations

import json
import re
from pathlib import Path

from netmap.ingest import READERS
from netmap.models import Role
from tests.integration.conftest import ADAPTERS
from tests.integration.test_access_matrix import ATTEMPTS
from tests.security import test_concurrency, test_crash, test_hostile_render, test_importer_fuzz
from tests.security.conftest import FIGURES_FILE

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
        "SQLite and FalkorDB)": f"{edits}, 0 lost",
        "crash-kill trials (import and copy, SQLite and FalkorDB)": f"{crashes}, 0 corrupt stores",
        "access-matrix cells tested through the services": f"{cells} of {len(Role) * len(ATTEMPTS)}",
    }


def test_the_documented_figures_are_the_ones_the_suite_computes():
    text = DOC.read_text(encoding="utf-8")
    table = text[text.index("<!-- figures:") :]
    documented = dict(re.findall(r"^\| ([^|]+?) \| ([^|]+?) \|$", table, re.M)[2:])
    assert documented == planned()
    assert len(ADAPTERS) == 2  # the table names SQLite and FalkorDB


def test_every_recorded_figure_agrees_with_the_plan():
    """Figures written by the tests that already ran (in any worker) show nothing lost or run."""
    if not FIGURES_FILE.exists():
        return
    for test, counts in json.loads(FIGURES_FILE.read_text()).items():
        assert counts.get("hostile_executed", 0) == 0, test
        assert counts.get("concurrent_lost", 0) == 0, test
        assert counts.get("crash_corrupt_stores", 0) == 0, test
        assert counts.get("fuzz_crashes", 0) == counts.get("fuzz_partial_writes", 0) == 0, test
        if "fuzz_cases" in counts:
            assert counts["fuzz_cases"] == 2 * test_importer_fuzz.EXAMPLES + 1, test
        if "hostile_strings" in counts:
            assert counts["hostile_strings"] == len(test_hostile_render.PAYLOADS), test
        if "concurrent_edits" in counts:
            assert counts["concurrent_edits"] == test_concurrency.WRITERS * test_concurrency.EDITS_PER_WRITER
        if "crash_trials" in counts:
            assert counts["crash_trials"] == test_crash.TRIALS, test
