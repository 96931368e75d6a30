"""Clocks, percentiles and ratios shared by the benchmark's figures."""

from __future__ import annotations

import gc
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["Watch", "collected", "figure", "ms", "peak_mb", "percentile", "ratio", "timed"]


class Watch:
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


def peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    """The peak resident memory of this process (or the largest of its finished children), in MB."""
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)  # KiB on Linux


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def ratio(value: float, base: float) -> float:
    return round(value / base, 2) if base > 0 else float("inf")


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def figure(seconds: float, base: float, **extra: Any) -> dict[str, Any]:
    return {
        "seconds": round(seconds, 6),
        "baseline_seconds": round(base, 6),
        "ratio": ratio(seconds, base),
        **extra,
    }


def collected() -> None:
    """Python's garbage collected, untimed, before a figure of work "as a new process" (which starts
    with none): else the first collection inside the figure's time walks whatever the phase before
    left (after a first report over 1,000 cases on Neo4j, 0.52 s of CPU, against 0.30 s for the rest)."""
    gc.collect()


def timed(
    repeat: int, action: Callable[[], Any], baseline: Callable[[], Any], *, fresh: bool = False
) -> tuple[float, float, float, float]:
    """Median wall and CPU seconds of ``action``, then median wall and CPU seconds of ``baseline``;
    with ``fresh``, each run of ``action`` starts from a collected heap (``collected``)."""
    walls, cpus, bases, base_cpus = [], [], [], []
    for _ in range(repeat):
        if fresh:
            collected()
        watch, base = Watch(), Watch()
        with watch.lap():
            action()
        with base.lap():
            baseline()
        walls.append(watch.wall)
        cpus.append(watch.cpu)
        bases.append(base.wall)
        base_cpus.append(base.cpu)
    return (
        statistics.median(walls),
        statistics.median(cpus),
        statistics.median(bases),
        statistics.median(base_cpus),
    )
