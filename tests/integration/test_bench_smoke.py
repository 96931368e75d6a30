"""``netmap bench`` at a tiny scale: every documented figure is reported with sane values (no timings asserted)."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netmap.cli import app
from netmap.ingest import json_stream
from netmap.models import Valence

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from benchmarks import runner  # noqa: E402
from benchmarks.generate import generate_service  # noqa: E402
from benchmarks.report import format_table, markdown_table  # noqa: E402

SCALE = 20
FIGURES_WITH_BASELINE = (
    "bulk_load",
    "cohort_report_cold",
    "cohort_report",
    "cohort_command",
    "cohort_report_repeat",
    "partnership_cold",
    "partnership",
    "json_export",
    "json_import",
    "copy",
)
TARGETS = {
    "bulk_load_seconds",
    "bulk_load_ratio",
    "open_case_p95_ms",
    "cohort_seconds",
    "cohort_ratio",
    "cohort_command_seconds",
    "cohort_command_ratio",
    "cohort_repeat_ratio",
    "json_export_ratio",
    "json_import_ratio",
    "copy_ratio",
    "peak_memory_mb",
}


@pytest.fixture(scope="module")
def report() -> dict:
    options = ["--scale", str(SCALE), "--json", "--repeat", "2", "--samples", "5", "--quiet", "--no-browser"]
    result = CliRunner().invoke(app, ["bench", *options])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_counts_match_the_scale_and_the_generator(report: dict) -> None:
    expected = Counter(r.table for chunk in generate_service(SCALE, seed=1) for r in chunk.records)
    assert report["scale"] == SCALE and report["store"] == "sqlite"
    assert report["counts"] == dict(expected)
    assert report["counts"]["case"] == SCALE
    assert report["figures"]["cohort_report"]["cases"] == SCALE
    # the first report computes and keeps every row; a new process only reads them
    assert report["figures"]["cohort_report_cold"]["computed_cases"] == SCALE
    assert report["figures"]["cohort_report_cold"]["computed_evidence"] == SCALE
    # one case is edited (one in 20 cases is below 1%) through the services, which compute its
    # entries there and then: the repeated report computes nothing
    repeat = report["figures"]["cohort_report_repeat"]
    assert (repeat["cases"], repeat["edited_cases"], repeat["recomputed_cases"]) == (SCALE, 1, 0)
    assert repeat["edit_cpu_ms_p95"] >= repeat["edit_cpu_ms_p50"] > 0
    # the partnership keeps every case's entry the first time; a new process reads them
    assert report["figures"]["partnership_cold"]["computed_cases"] == SCALE
    assert report["figures"]["partnership_cold"]["agencies"] > 0
    assert (
        report["figures"]["partnership"]["cases"],
        report["figures"]["partnership"]["computed_cases"],
    ) == (
        SCALE,
        0,
    )
    assert report["figures"]["bulk_load"]["records"] == sum(expected.values())
    assert report["figures"]["json_import"]["records"] == sum(expected.values())


def test_every_figure_has_a_positive_time_baseline_and_ratio(report: dict) -> None:
    figures = report["figures"]
    for name in FIGURES_WITH_BASELINE:
        figure = figures[name]
        assert figure["seconds"] > 0 and figure["baseline_seconds"] > 0, name
        assert figure["ratio"] == pytest.approx(
            figure["seconds"] / figure["baseline_seconds"], rel=0.02, abs=0.01
        )
        assert figure["method"]
    open_case = figures["open_case"]
    assert open_case["cases_sampled"] == 5
    assert 0 < open_case["p50_ms"] <= open_case["p95_ms"]
    assert 0 < open_case["baseline_p50_ms"] <= open_case["baseline_p95_ms"]
    assert open_case["ratio_p50"] > 0 and open_case["ratio_p95"] > 0
    assert set(open_case["parts_p50_ms"]) == {"load", "metrics", "ecomap"}
    assert figures["json_export"]["bytes"] > 1000


def test_machine_memory_and_targets_are_described(report: dict) -> None:
    machine = report["machine"]
    assert machine["cores"] >= 1 and machine["python"].startswith("3.") and machine["sqlite"]
    assert machine["libraries"]["networkx"]
    memory = report["memory"]
    assert memory["peak_mb"] >= memory["after_load_mb"] > 0
    assert {t["name"] for t in report["targets"]} == TARGETS
    assert all(t["applies"] is False for t in report["targets"])  # the targets are for 5,000 cases


def test_the_report_renders_as_a_table_and_a_docs_row(report: dict) -> None:
    table = format_table(report)
    assert table.startswith(f"netmap bench: {SCALE} cases on sqlite")
    assert "open case p95" in table and "JSON import" in table
    row = markdown_table([report]).splitlines()[-1]
    assert row.startswith(f"| sqlite | {SCALE} |")
    assert row.count("not run") == 4  # the four page figures: --no-browser


def test_without_chromium_the_bench_says_so_in_one_line_and_reports_the_rest(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import benchmarks.serving

    monkeypatch.setattr(benchmarks.serving, "CHROMIUM", str(tmp_path / "no-chromium"))
    options = ["--scale", "2", "--repeat", "1", "--samples", "1", "--skip-json", "--json", "--quiet"]
    result = CliRunner().invoke(app, ["bench", *options])
    assert result.exit_code == 0, result.output
    expected = f"The browser figures need Chromium at {tmp_path / 'no-chromium'} (Debian's chromium package)."
    assert result.stderr == f"bench: the browser figures are left out. {expected}\n"
    figures = json.loads(result.stdout)["figures"]
    assert figures["browser"] == {"skipped": expected}
    assert figures["cohort_report"]["cases"] == 2 and "browser_ecomap" not in figures


def test_the_generator_is_reproducible_and_realistic() -> None:
    def dumped(seed: int) -> list[str]:
        return [
            r.model_dump_json()
            for chunk in generate_service(12, seed=seed, chunk_cases=5)
            for r in chunk.records
        ]

    assert dumped(3) == dumped(3) and dumped(3) != dumped(4)
    records = [r for chunk in generate_service(60, seed=3) for r in chunk.records]
    members = Counter(r.case_id for r in records if r.table == "membership")
    assert min(members.values()) >= 10 and max(members.values()) <= 60
    shared = Counter(r.person_id for r in records if r.table == "membership")
    assert max(shared.values()) > 3  # professionals and relatives sit in several cases
    assert {r.valence for r in records if r.table == "tie"} == set(Valence)
    assert {"snapshot", "conference", "contact_event", "kin"} <= {r.table for r in records}


def test_a_store_that_is_not_empty_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'busy.db'}"
    from netmap.bootstrap import bootstrap
    from netmap.models import Person

    with bootstrap(url) as services:
        from netmap.graph.store import Put, WriteBatch

        services.store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann Invented"))]))
    result = CliRunner().invoke(app, ["bench", "--scale", "2", "--store", url, "--quiet", "--no-browser"])
    assert result.exit_code == 1
    assert "already holds records" in result.stderr
    with bootstrap(url) as services:
        assert services.store.counts()["person"] == 1


@pytest.mark.neo4j
def test_the_bench_runs_on_a_private_neo4j(neo4j_launcher: None, monkeypatch: pytest.MonkeyPatch) -> None:
    """``--store neo4j`` starts a server for the load and another for the JSON import (wiped for the copy),
    and stops both; the kept cohort rows are read in a new process."""
    # Small and quick to start, as the test servers are: three cases need no more.
    monkeypatch.setenv("NETMAP_NEO4J_HEAP", "512m")
    monkeypatch.setenv("NETMAP_NEO4J_PAGECACHE", "64m")
    monkeypatch.setenv("NETMAP_NEO4J_JVM_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1")
    result = CliRunner().invoke(
        app,
        [
            *("bench", "--scale", "3", "--store", "neo4j", "--json", "--repeat", "1", "--samples", "2"),
            *("--quiet", "--no-browser"),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    expected = sum(1 for chunk in generate_service(3, seed=1) for _ in chunk.records)
    assert report["store"] == "neo4j" and report["store_url"].startswith("neo4j://neo4j:***@127.0.0.1:")
    assert (
        report["figures"]["bulk_load"]["records"] == report["figures"]["json_import"]["records"] == expected
    )
    servers = report["servers"]
    assert len(servers["peak_mb"]) == 2 and min(servers["peak_mb"]) > 0
    cpu = servers["cpu_seconds"]
    assert 0 < cpu["after_load"] <= cpu["after_open_case"] <= cpu["after_cohort"] <= cpu["after_transfer"]
    assert report["figures"]["cohort_report_cold"]["computed_cases"] == 3


@pytest.mark.falkordb
def test_the_bench_loads_a_private_falkordb_as_one_unit() -> None:
    """On FalkorDB the load is one unit (``apply_all``, as a copy or an import), read back from a spool
    file whose reading is reported apart from the load."""
    result = CliRunner().invoke(
        app,
        [
            *("bench", "--scale", "12", "--store", "falkordb", "--json", "--repeat", "1", "--samples", "2"),
            *("--quiet", "--no-browser", "--skip-json"),
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    load = report["figures"]["bulk_load"]
    assert load["records"] == sum(len(chunk.records) for chunk in generate_service(12, seed=1))
    assert load["method"].startswith("GraphStore.apply_all of one unit")
    assert load["read_seconds"] > 0 and load["seconds"] > 0
    assert report["figures"]["cohort_report_cold"]["computed_cases"] == 12


def test_an_import_the_run_refuses_is_reported_and_the_run_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # As a 50,000-case export past the import's size bound once was: the run lost every figure.
    monkeypatch.setattr(json_stream, "MAX_BYTES", 1000)
    options = ["--scale", "3", "--json", "--repeat", "1", "--samples", "2", "--quiet", "--no-browser"]
    result = CliRunner().invoke(app, ["bench", *options])
    assert result.exit_code == 0, result.output
    run = json.loads(result.stdout)
    assert "larger than the" in run["figures"]["json_import"]["failed"]
    assert run["figures"]["copy"]["records"] > 0 and run["figures"]["json_export"]["bytes"] > 1000
    refused = next(t for t in run["targets"] if t["name"] == "json_import_ratio")
    assert refused["met"] is False and refused["value"] is None and "larger than the" in refused["failed"]
    assert "JSON import: FAILED:" in format_table(run)
    assert "failed" in markdown_table([run])


def test_a_browser_phase_that_fails_is_reported_and_the_run_goes_on(monkeypatch: pytest.MonkeyPatch) -> None:
    # As a 50,000-case run once stopped at a page that never showed, and lost two hours of figures.
    def no_app(*args: object, **kwargs: object) -> dict[str, object]:
        raise RuntimeError("the app did not start")

    def no_browser(*args: object, **kwargs: object) -> dict[str, object]:
        raise OSError("Chromium exited")

    monkeypatch.setattr(runner, "page_timings", no_app)
    monkeypatch.setattr(runner, "edit_round_trip", no_browser)
    run = runner.run_bench(3, repeat=1, samples=2, json_roundtrip=False, browser_samples=2)
    figures = run["figures"]
    assert figures["browser_ecomap"] == {"failed": "RuntimeError: the app did not start"}
    assert figures["browser_service_report"]["failed"] == figures["browser_genogram"]["failed"]
    assert figures["ecomap_edit"] == {"failed": "OSError: Chromium exited"}
    assert figures["open_case"]["p95_ms"] > 0 and run["memory"]["after_browser_mb"] > 0
    missed = {t["name"]: t for t in run["targets"] if t["name"].startswith(("browser", "ecomap"))}
    assert set(missed) == {
        "browser_ecomap_p95_ms",
        "browser_ecomap_ratio_p95",
        "browser_genogram_p95_ms",
        "ecomap_edit_p95_ms",
    }
    assert not [t for t in missed.values() if t["met"] or "failed" not in t]
    text = format_table(run)
    assert "click to ecomap: FAILED: RuntimeError: the app did not start" in text
    assert "ecomap edit in Chromium: FAILED: OSError: Chromium exited" in text
    assert "failed" in markdown_table([run])
