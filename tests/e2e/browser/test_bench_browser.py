"""``netmap bench --browser`` end to end at a tiny scale: the pages and the editor's round trip are reported
in full, each with its baseline or target (benchmark figures: no time is asserted here)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.report import format_table

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[3]


def test_bench_reports_the_pages_and_the_editors_round_trip() -> None:
    # a process of its own, as an operator runs it (and away from this process's Playwright loop)
    options = [
        "--scale",
        "3",
        "--repeat",
        "1",
        "--samples",
        "2",
        "--skip-json",
        "--browser",
        "--browser-samples",
        "2",
        "--json",
        "--quiet",
    ]
    result = subprocess.run(
        [sys.executable, "-m", "netmap", "bench", *options],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    edit = report["figures"]["ecomap_edit"]
    assert edit["people"] == 60 and edit["edits"] >= 38
    for key in ("p50_ms", "p95_ms", "drag_p50_ms", "drag_p95_ms", "tie_p50_ms", "tie_p95_ms"):
        assert edit[key] > 0, key
    assert edit["p50_ms"] <= edit["p95_ms"] and isinstance(edit["met"], bool)
    assert set(edit["parts_p50_ms"]) == {"until_the_answer", "drawing"}
    (target,) = [t for t in report["targets"] if t["name"] == "ecomap_edit_p95_ms"]
    assert (target["target"], target["value"], target["applies"]) == (300.0, edit["p95_ms"], True)
    assert "ecomap edit in Chromium (60 people" in format_table(report)
    figures = report["figures"]
    for name in ("browser_ecomap", "browser_genogram", "browser_insights", "browser_service_report"):
        assert figures[name]["samples"] == 2, name  # three cases: the first warms up
        assert 0 < figures[name]["p50_ms"] <= figures[name]["p95_ms"], name
    static = figures["browser_static_ecomap"]
    assert static["samples"] == 2 and 0 < static["p50_ms"] <= static["p95_ms"]
    ecomap = figures["browser_ecomap"]
    assert ecomap["baseline_p95_ms"] == static["p95_ms"]
    assert ecomap["ratio_p95"] == pytest.approx(ecomap["p95_ms"] / static["p95_ms"], abs=0.01)
    shown = {t["name"]: t for t in report["targets"]}
    for name in ("browser_ecomap_p95_ms", "browser_ecomap_ratio_p95", "browser_genogram_p95_ms"):
        assert isinstance(shown[name]["met"], bool) and shown[name]["applies"] is False, name
    assert shown["browser_ecomap_p95_ms"]["baseline"] == static["p95_ms"]
    assert "click to ecomap p95" in format_table(report)
