"""Figures of the store paths: bulk load, opening a case, whole-store JSON export and import, and copy."""

from __future__ import annotations

import pickle
import statistics
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.baseline import RawStore, raw_rows
from benchmarks.generate import generate_service
from benchmarks.timing import Watch, figure, ms, percentile, ratio, timed
from netmap.bootstrap import Services
from netmap.graph import analytics
from netmap.graph.store import GraphStore, Put, WriteBatch
from netmap.graph.transfer import copy_store
from netmap.ingest.json_stream import open_records
from netmap.models import Record
from netmap.renderers.ecomap import render_ecomap
from netmap.services.access import Actor

__all__ = ["copy_figure", "export_figure", "import_figure", "load", "open_cases"]

Progress = Callable[[str], None]


def _cpu(cpu: float, base_cpu: float) -> dict[str, float]:
    """The baseline's CPU seconds and the ratio of CPU to CPU: on a shared machine a wall-clock ratio
    also measures who else had the cores while each side ran."""
    return {"baseline_cpu_seconds": round(base_cpu, 6), "cpu_ratio": ratio(cpu, base_cpu)}


@dataclass
class _Loaded:
    """What a load took: the records counted by table, and each part of the time."""

    counts: Counter[str] = field(default_factory=Counter)
    generate: Watch = field(default_factory=Watch)  # not timed in the figure
    base: Watch = field(default_factory=Watch)  # the raw inserts
    loading: Watch = field(default_factory=Watch)
    reading: Watch = field(default_factory=Watch)  # the spool read back, within ``loading``
    written: int = 0

    def chunk(self, chunks: Iterator[Any], raw: RawStore) -> Any:
        """The next chunk generated (None at the end), its rows inserted into the raw baseline."""
        with self.generate.lap():
            chunk = next(chunks, None)
            rows = raw_rows(chunk.records) if chunk else {}
        with self.base.lap():
            raw.insert(rows)
        if chunk is not None:
            self.counts.update(record.table for record in chunk.records)
        return chunk


def _batch_by_batch(services: Services, raw: RawStore, chunks: Iterator[Any], say: Progress) -> _Loaded:
    done, started = _Loaded(), time.perf_counter()
    while (chunk := done.chunk(chunks, raw)) is not None:
        with done.loading.lap():
            done.written += len(
                services.store.apply(WriteBatch(puts=[Put(r, restore=True) for r in chunk.records]))
            )
        say(f"loaded {done.counts['case']} cases ({time.perf_counter() - started:.0f} s)")
    return done


def _as_one_unit(
    services: Services, raw: RawStore, chunks: Iterator[Any], say: Progress, work: Path
) -> _Loaded:
    done, started, held = _Loaded(), time.perf_counter(), 0
    spool_path = work / "generated.spool"
    with spool_path.open("w+b") as spool:
        while (chunk := done.chunk(chunks, raw)) is not None:
            with done.generate.lap():
                pickle.dump(chunk.records, spool, protocol=pickle.HIGHEST_PROTOCOL)
            held += 1
            say(f"generated {done.counts['case']} cases ({time.perf_counter() - started:.0f} s)")

        def batches() -> Iterator[WriteBatch]:
            spool.seek(0)
            for n in range(held):
                with done.reading.lap():
                    records: list[Record] = pickle.load(spool)
                    batch = WriteBatch(puts=[Put(record, restore=True) for record in records])
                yield batch
                say(f"loaded {n + 1} of {held} batches ({time.perf_counter() - started:.0f} s)")

        with done.loading.lap():
            done.written = services.store.apply_all(batches())
    spool_path.unlink()
    return done


def load(
    services: Services,
    raw: RawStore,
    scale: int,
    seed: int,
    batch_cases: int,
    say: Progress,
    work: Path,
    *,
    one_unit: bool,
) -> dict[str, Any]:
    """Generate the service a chunk at a time (the same rows into the raw baseline) and load it into
    the store, a chunk per batch.

    With ``one_unit`` the load is what a copy, a restore or an import into an empty store does
    (``apply_all``), where FalkorDB writes one batch while this process prepares the next: the
    chunks go to a spool file in ``work`` first, and reading them back is left out of the time but
    reported (``read_seconds``; it runs while the server writes, so leaving it out may flatter the
    load by up to that much). Without it each batch is written as it is generated (``apply``):
    Neo4j holds a unit in one transaction, and 5,000 cases outgrow the transaction memory of the
    bench's 4 GB heap. Generating is never timed.
    """
    chunks = generate_service(scale, seed=seed, chunk_cases=batch_cases)
    done = (
        _as_one_unit(services, raw, chunks, say, work)
        if one_unit
        else _batch_by_batch(services, raw, chunks, say)
    )
    wall, cpu = done.loading.wall - done.reading.wall, done.loading.cpu - done.reading.cpu
    how = "apply_all of one unit, less reading the spool" if one_unit else "apply, batch by batch"
    return {
        "counts": dict(sorted(done.counts.items())),
        "generate_seconds": round(done.generate.wall, 2),
        "bulk_load": figure(
            wall,
            done.base.wall,
            cpu_seconds=round(cpu, 6),
            **_cpu(cpu, done.base.cpu),
            **({"read_seconds": round(done.reading.wall, 6)} if one_unit else {}),
            records=done.written,
            method=f"GraphStore.{how}: WriteBatch(Put(record, restore=True)), {batch_cases} cases per batch",
        ),
    }


def _open_case(services: Services, actor: Actor, case_id: str) -> tuple[float, float, float, float]:
    """Seconds to load the network (and snapshots), compute every measure, render the ecomap; CPU seconds."""
    cpu = time.process_time()
    t0 = time.perf_counter()
    network, snapshots = services.cases.network_and_snapshots(actor, case_id)
    t1 = time.perf_counter()
    analytics.case_metrics(network, snapshots=snapshots)
    t2 = time.perf_counter()
    render_ecomap(network)
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, time.process_time() - cpu


def open_cases(
    services: Services, actor: Actor, raw: RawStore, sample: list[str], repeat: int
) -> dict[str, Any]:
    _open_case(
        services, actor, sample[0]
    )  # first-use imports and template loading are not what a person waits for
    runs: list[dict[str, float]] = []
    parts: dict[str, list[float]] = {"load": [], "metrics": [], "ecomap": []}
    for _ in range(repeat):
        totals, cpus, bases = [], [], []
        for case_id in sample:
            loaded, measured, drawn, cpu = _open_case(services, actor, case_id)
            totals.append(loaded + measured + drawn)
            cpus.append(cpu)
            for name, value in zip(parts, (loaded, measured, drawn), strict=True):
                parts[name].append(value)
            t0 = time.perf_counter()
            raw.open_case(case_id)
            bases.append(time.perf_counter() - t0)
        runs.append(
            {
                "p50": statistics.median(totals),
                "p95": percentile(totals, 0.95),
                "cpu_p50": statistics.median(cpus),
                "cpu_p95": percentile(cpus, 0.95),
                "base_p50": statistics.median(bases),
                "base_p95": percentile(bases, 0.95),
            }
        )
    med = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
    return {
        "cases_sampled": len(sample),
        "p50_ms": ms(med["p50"]),
        "p95_ms": ms(med["p95"]),
        "cpu_p50_ms": ms(med["cpu_p50"]),
        "cpu_p95_ms": ms(med["cpu_p95"]),
        "baseline_p50_ms": ms(med["base_p50"]),
        "baseline_p95_ms": ms(med["base_p95"]),
        "ratio_p50": ratio(med["p50"], med["base_p50"]),
        "ratio_p95": ratio(med["p95"], med["base_p95"]),
        "parts_p50_ms": {name: ms(statistics.median(values)) for name, values in parts.items()},
        "method": "CaseService.network_and_snapshots, analytics.case_metrics, renderers.ecomap.render_ecomap",
    }


def _write_export(services: Services, actor: Actor, path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        out.writelines(services.data.export_json(actor))


def export_figure(services: Services, actor: Actor, raw: RawStore, path: Path, repeat: int) -> dict[str, Any]:
    """Whole-store JSON export into ``path`` (repeated), against reading every row of every table."""
    seconds, cpu, base, base_cpu = timed(repeat, lambda: _write_export(services, actor, path), raw.scan_all)
    return figure(
        seconds,
        base,
        cpu_seconds=round(cpu, 6),
        **_cpu(cpu, base_cpu),
        bytes=path.stat().st_size,
        method="DataService.export_json written to a file, as `netmap export json -o FILE`",
    )


def import_figure(services: Services, actor: Actor, path: Path, raw_insert: dict[str, Any]) -> dict[str, Any]:
    """The export imported into the empty store of ``services``, against the raw inserts of the load
    (``raw_insert``: the load's figure)."""
    watch = Watch()
    with watch.lap(), open_records(path) as records:
        summary = services.data.import_dataset(actor, records, source="bench export")
    return figure(
        watch.wall,
        raw_insert["baseline_seconds"],
        cpu_seconds=round(watch.cpu, 6),
        **_cpu(watch.cpu, raw_insert["baseline_cpu_seconds"]),
        records=sum(summary.added.values()),
        method=(
            "json_stream.open_records + DataService.import_dataset, as `netmap import json` (streamed, "
            "one transaction of audited batches); baseline: raw inserts"
        ),
    )


def copy_figure(
    source: GraphStore, open_empty: Callable[[], GraphStore], raw: RawStore, raw_insert: dict[str, Any]
) -> dict[str, Any]:
    """``netmap copy`` of the whole store into an empty one, against reading every row and inserting it
    raw (``raw_insert``: the load's figure)."""
    scan = Watch()
    with scan.lap():
        raw.scan_all()
    watch = Watch()
    with closing(open_empty()) as target, watch.lap():
        counts = copy_store(source, target)
    return figure(
        watch.wall,
        scan.wall + raw_insert["baseline_seconds"],
        cpu_seconds=round(watch.cpu, 6),
        **_cpu(watch.cpu, scan.cpu + raw_insert["baseline_cpu_seconds"]),
        records=sum(n for table, n in counts.items() if table != "audit"),
        method="graph.transfer.copy_store, as `netmap copy SRC DST`; baseline: a raw scan of every table and the raw inserts",
    )
