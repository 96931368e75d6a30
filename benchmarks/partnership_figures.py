"""The partnership's figures: the Local services page's Partnership section as an admin opens it, the
first time (nothing of it kept: every case's entry computed and kept) and in new services on the
same store (as a new process: the kept entries read).

The baseline, in the same run, reads the rows the partnership is made of with plain ``sqlite3``:
every case, person, membership and tie."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from benchmarks.baseline import RawStore
from benchmarks.timing import Watch, collected, figure, timed
from netmap.bootstrap import Services
from netmap.services.access import Actor

__all__ = ["partnership_figures"]

# What the partnership is made of: each case's people and ties, and the case itself.
_TABLES = ("case", "person", "membership", "tie")


def partnership_figures(
    services: Services, new_services: Callable[[], Services], actor: Actor, raw: RawStore, repeat: int
) -> dict[str, Any]:
    """``new_services()`` opens the same store afresh, as a new process does (nothing of this one kept)."""
    directory = services.directory
    before = directory.partnership_computed
    cold, cold_base = Watch(), Watch()
    with cold.lap():
        first = directory.partnership(actor)
        collected()  # the garbage it left: its own work, not the next figure's
    with cold_base.lap():
        raw.scan(_TABLES)
    cases = len(first.young_people)
    recomputed: list[int] = []

    def in_new_process() -> None:
        with new_services() as fresh:
            fresh.directory.partnership(actor)
            recomputed.append(fresh.directory.partnership_computed)

    seconds, cpu, base, _ = timed(repeat, in_new_process, lambda: raw.scan(_TABLES), fresh=True)
    return {
        "partnership_cold": figure(
            cold.wall,
            cold_base.wall,
            cpu_seconds=round(cold.cpu, 6),
            cases=cases,
            computed_cases=directory.partnership_computed - before,
            agencies=len(first.agencies()),
            method=(
                "netmap.services.directory.partnership (admin) with nothing of it kept: every case's "
                "entry worked out from its network and kept, and the garbage it left collected"
            ),
        ),
        "partnership": figure(
            seconds,
            base,
            cpu_seconds=round(cpu, 6),
            cases=cases,
            computed_cases=max(recomputed),
            method=(
                "the partnership in new services on the same store, as a new process (from a "
                "collected heap): the kept entries read"
            ),
        ),
    }
