"""A long first report keeps what it has worked out a batch at a time, so a report that is stopped keeps most."""

from __future__ import annotations

from typing import Any, cast

from netmap.graph.store import GraphStore, KeptRow
from netmap.services.kept_batches import KEEP_EVERY, Keeper


class _Kept:
    """Records each call to keep_cohort_rows (a unit test of the layer above the store)."""

    def __init__(self) -> None:
        self.calls: list[list[KeptRow]] = []

    def keep_cohort_rows(self, rows: Any) -> None:
        self.calls.append(list(rows))


def _row(n: int) -> KeptRow:
    return KeptRow(f"c-{n}", "full", 1, f"text {n}")


def test_entries_are_kept_a_batch_at_a_time_and_the_rest_on_flush() -> None:
    store = _Kept()
    keeper = Keeper(cast(GraphStore, store))
    for n in range(KEEP_EVERY + 3):
        keeper.add(_row(n))
    assert [len(call) for call in store.calls] == [KEEP_EVERY]  # kept before the pass ended
    assert keeper.kept == KEEP_EVERY
    keeper.flush()
    keeper.flush()  # nothing left: no empty write
    assert [len(call) for call in store.calls] == [KEEP_EVERY, 3]
    assert [r.case_id for call in store.calls for r in call] == [f"c-{n}" for n in range(KEEP_EVERY + 3)]
    assert keeper.kept == KEEP_EVERY + 3
