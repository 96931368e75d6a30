"""The writer thread of a streamed unit: order, overlap, and what a failure leaves."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from netmap.graph.adapters.cypher.overlap import overlapped


def test_the_next_batch_is_prepared_while_the_one_before_is_written() -> None:
    second_prepared = threading.Event()
    seen_while_writing: list[bool] = []

    def prepare(batch: int) -> int:
        if batch == 2:
            second_prepared.set()
        return batch

    def write(batch: int, ready: int) -> int:
        if batch == 1:
            # Without overlap the second batch is prepared only after this returns: the wait times out.
            seen_while_writing.append(second_prepared.wait(10))
        return 1

    assert overlapped([1, 2, 3], prepare, write) == 3
    assert seen_while_writing == [True]


def test_writes_run_one_at_a_time_in_order_on_one_thread() -> None:
    threads, order = set(), []
    busy = threading.Lock()

    def write(batch: int, ready: str) -> int:
        assert busy.acquire(blocking=False), "two writes at once"
        try:
            threads.add(threading.get_ident())
            order.append((batch, ready))
        finally:
            busy.release()
        return batch

    assert overlapped(range(1, 21), str, write) == sum(range(1, 21))
    assert order == [(b, str(b)) for b in range(1, 21)]
    assert len(threads) == 1 and threading.get_ident() not in threads


def test_a_failing_write_stops_every_later_batch() -> None:
    written, pulled = [], []

    def batches() -> Iterator[int]:
        for b in range(1, 10):
            pulled.append(b)
            yield b

    def write(batch: int, ready: int) -> int:
        if batch == 3:
            raise RuntimeError("the server refused batch 3")
        written.append(batch)
        return 1

    with pytest.raises(RuntimeError, match="batch 3"):
        overlapped(batches(), lambda b: b, write)
    assert written == [1, 2]
    assert max(pulled) <= 4  # at most the batch prepared while 3 was written


def test_a_failing_source_waits_for_the_write_under_way() -> None:
    finished = []

    def batches() -> Iterator[int]:
        yield 1
        raise ValueError("row 7 of the file does not validate")

    def write(batch: int, ready: int) -> int:
        threading.Event().wait(0.2)
        finished.append(batch)
        return 1

    with pytest.raises(ValueError, match="row 7"):
        overlapped(batches(), lambda b: b, write)
    # The caller (a unit about to be rolled back or dropped) never races a write still in flight.
    assert finished == [1]


def test_the_switch_interval_is_short_while_a_unit_runs_and_restored_after() -> None:
    before = sys.getswitchinterval()
    during: list[float] = []

    def write(batch: int, ready: int) -> int:
        during.append(sys.getswitchinterval())
        return 1

    overlapped([1, 2], lambda b: b, write)
    assert during and all(interval < before for interval in during)
    assert sys.getswitchinterval() == before
    with pytest.raises(RuntimeError):
        overlapped([1], lambda b: b, lambda b, r: (_ for _ in ()).throw(RuntimeError("refused")))
    assert sys.getswitchinterval() == before
