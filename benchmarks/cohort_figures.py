"""The cohort report's figures: the first report ever (nothing kept), a report in a new process reading the
kept rows (in new services, and as the ``netmap cohort`` command), and a report after 1% of cases changed.

The report timed is the one people wait for, ``FiguresService.report`` as an admin: the service's
figures over every case (from each case's kept evidence) with the per-case cohort report (from the
kept rows), as the Service report page and ``netmap cohort`` run it."""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import sys
from collections.abc import Callable
from typing import Any

from benchmarks.baseline import RawStore
from benchmarks.timing import Watch, collected, figure, ms, percentile, timed
from netmap.bootstrap import Services
from netmap.graph.analytics.figures import FiguresReport
from netmap.models import Tie
from netmap.services.access import Actor

__all__ = ["cohort_figures"]


def _edit_ties(services: Services, actor: Actor, case_ids: list[str]) -> list[float]:
    """One tie's strength changed in each case as a practitioner changes it on the map, through the
    services (which compute the case's kept entries there and then); the CPU seconds of each edit."""
    cpus = []
    for case_id in case_ids:
        ties = services.store.list(Tie, case_id=case_id)
        if ties:
            tie, watch = ties[0], Watch()
            with watch.lap():
                services.network.update_tie(actor, tie.model_copy(update={"strength": tie.strength % 3 + 1}))
            cpus.append(watch.cpu)
    return cpus


def _command(url: str, key: str) -> None:
    env = {**os.environ, "NETMAP_SECRET_KEY": key}
    subprocess.run(
        [sys.executable, "-m", "netmap", "cohort", "--json", "--db", url],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def _startup() -> None:
    subprocess.run([sys.executable, "-c", "import netmap.cli"], check=True)


def cohort_figures(
    services: Services,
    new_services: Callable[[], Services],
    key: str,
    actor: Actor,
    raw: RawStore,
    seed: int,
    repeat: int,
) -> dict[str, Any]:
    """``new_services()`` opens the same store afresh, as a new process does (nothing of this one kept)."""
    metrics, figures = services.metrics, services.figures
    before = metrics.rows_computed, figures.evidence_computed
    cold, cold_base = Watch(), Watch()
    with cold.lap():
        report = figures.report(actor)
        collected()  # the reference cycles its measures left: its own work, not the next figure's
    with cold_base.lap():
        raw.scan()
    computed = metrics.rows_computed - before[0], figures.evidence_computed - before[1]
    cases = report.per_case.cases if report.per_case is not None else report.cases

    def in_new_process() -> FiguresReport:
        with new_services() as fresh:
            return fresh.figures.report(actor)

    seconds, cpu, base, _ = timed(repeat, in_new_process, raw.scan, fresh=True)
    command, _, command_base, _ = timed(repeat, lambda: _command(services.store.url, key), raw.scan)
    startup, _, _, _ = timed(repeat, _startup, lambda: None)

    case_ids = raw.case_ids()
    random.Random(seed).shuffle(case_ids)
    edited = max(1, len(case_ids) // 100)
    walls, cpus, bases, base_cpus, recomputed, edits = [], [], [], [], [], []
    for run in range(repeat):
        # Not in the report's time: one tie edited in each of ``edited`` cases, as practitioners do
        # between reports (each edit's own CPU time is reported apart).
        edits += _edit_ties(services, actor, case_ids[run * edited : (run + 1) * edited])
        collected()  # as a new process starts: none of the edits' garbage
        with new_services() as fresh:
            watch, raw_watch = Watch(), Watch()
            with watch.lap():
                fresh.figures.report(actor)
            with raw_watch.lap():
                raw.scan()
            recomputed.append(max(fresh.metrics.rows_computed, fresh.figures.evidence_computed))
        walls.append(watch.wall)
        cpus.append(watch.cpu)
        bases.append(raw_watch.wall)
        base_cpus.append(raw_watch.cpu)
    return {
        "cohort_report_cold": figure(
            cold.wall,
            cold_base.wall,
            cpu_seconds=round(cold.cpu, 6),
            cases=cases,
            computed_cases=computed[0],
            computed_evidence=computed[1],
            method=(
                "netmap.services.figures.report (admin) with nothing kept: every case's cohort row "
                "and evidence computed and kept, and the garbage it left collected"
            ),
        ),
        "cohort_report": figure(
            seconds,
            base,
            cpu_seconds=round(cpu, 6),
            cases=cases,
            method=(
                "the report in new services on the same store, as a new process (from a collected "
                "heap): the kept rows and evidence read"
            ),
        ),
        "cohort_command": figure(
            command,
            command_base,
            startup_seconds=round(startup, 6),
            method="`netmap cohort --json` in a process of its own (Python, imports, key, store, report)",
        ),
        "cohort_report_repeat": figure(
            statistics.median(walls),
            statistics.median(bases),
            cpu_seconds=round(statistics.median(cpus), 6),
            baseline_cpu_seconds=round(statistics.median(base_cpus), 6),
            cases=cases,
            edited_cases=edited,
            recomputed_cases=max(recomputed),
            edit_cpu_ms_p50=ms(percentile(edits, 0.5)) if edits else None,
            edit_cpu_ms_p95=ms(percentile(edits, 0.95)) if edits else None,
            method=(
                f"the report in new services (from a collected heap) after one tie was edited in {edited} cases through the "
                "services (NetworkService.update_tie, as the ecomap editor does), which compute each "
                "edited case's evidence and kept rows at once: every case's entries are read; "
                "edit_cpu_ms: the CPU time of one edit, its refresh included"
            ),
        ),
    }
