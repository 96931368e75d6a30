"""Entries a report works out while it reads many cases, kept in the store a batch at a time."""

from __future__ import annotations

from netmap.graph.store import GraphStore, KeptRow

__all__ = ["KEEP_EVERY", "Keeper"]

# Entries worked out are kept this many at a time, so a long first report that is stopped keeps most.
KEEP_EVERY = 250


class Keeper:
    """The entries one pass over many cases works out (cohort rows, evidence, partnership entries),
    kept ``KEEP_EVERY`` at a time and the rest once the pass calls ``flush``; ``kept`` counts them."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self.kept = 0
        self._fresh: list[KeptRow] = []

    def add(self, row: KeptRow) -> None:
        self._fresh.append(row)
        if len(self._fresh) >= KEEP_EVERY:
            self.flush()

    def flush(self) -> None:
        if self._fresh:
            self.store.keep_cohort_rows(self._fresh)
            self.kept += len(self._fresh)
            self._fresh.clear()
