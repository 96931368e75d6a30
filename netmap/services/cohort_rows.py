"""Cohort rows kept per case while the case is unchanged, so a repeated cohort report reads instead of recomputing."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from netmap.graph.analytics import CaseRow
from netmap.services.access import SHARING_APPLIES, Actor

__all__ = ["CohortRows", "view_of"]


def view_of(actor: Actor) -> str:
    """Who sees a case the same way: one view per role, and per account where sharing choices apply.

    >>> from netmap.models import Role
    >>> view_of(Actor("ann", Role.COORDINATOR)), view_of(Actor("pat", Role.PRACTITIONER))
    ('coordinator', 'practitioner:pat')
    """
    if actor.role in SHARING_APPLIES:
        return f"{actor.role.value}:{actor.username}"
    return actor.role.value


@dataclass(frozen=True)
class _Kept:
    stamp: str
    as_of: date
    row: CaseRow


class CohortRows:
    """One computed ``CaseRow`` per (case, view), valid while the case's stamp and the day are the same.

    It lives as long as the process (the app keeps one ``Services``), holds only numbers and ids,
    and never decides who may see a case: the report lists the cases and checks access first.

    >>> rows = CohortRows()
    >>> rows.get("c-1", "coordinator", "s1", date(2026, 1, 1)) is None
    True
    """

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], _Kept] = {}
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, case_id: str, view: str, stamp: str, as_of: date) -> CaseRow | None:
        with self._lock:
            kept = self._kept.get((case_id, view))
            if kept is not None and kept.stamp == stamp and kept.as_of == as_of:
                self.hits += 1
                return kept.row
            self.misses += 1
            return None

    def put(self, case_id: str, view: str, stamp: str, as_of: date, row: CaseRow) -> None:
        with self._lock:
            self._kept[(case_id, view)] = _Kept(stamp, as_of, row)

    def forget(self, keep: set[str]) -> None:
        """Drop the rows of cases not in ``keep`` (erased or deleted since)."""
        with self._lock:
            for key in [key for key in self._kept if key[0] not in keep]:
                del self._kept[key]

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()
            self.hits = self.misses = 0
