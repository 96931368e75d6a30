"""Prepare the next batch of a unit while the server writes this one.

A streamed unit (``CypherStore.apply_all``) spends its time in two places that take turns: this
process, which seals, checks and encodes a batch, and the server, which writes it. Here the writes
run on one writer thread, in order and one at a time, while the calling thread takes the next
batch from the caller's iterator (so a caller's generator, and the store it reads, stay on the
caller's thread) and prepares it. Waiting on the server releases the interpreter, so the two
overlap.

When the server answers, the writer thread must take the interpreter back from the thread
preparing; by default Python lets a busy thread keep it for 5 ms, twice a batch, which cost a
fifth of a FalkorDB load. While any unit runs, the switch interval is 0.2 ms.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import ExitStack
from functools import partial
from typing import TypeVar

from netmap.process_settings import HeldSetting

__all__ = ["OneBehind", "overlapped"]

B = TypeVar("B")
P = TypeVar("P")

# The switch interval while any unit runs in the process; Python's own once none runs.
_QUICK_HANDOVER = HeldSetting(sys.getswitchinterval, sys.setswitchinterval, lambda _: 0.0002)


def overlapped(batches: Iterable[B], prepare: Callable[[B], P], write: Callable[[B, P], int]) -> int:
    """``write(batch, prepare(batch))`` for every batch in order, preparing each while the one
    before is written; the sum of what the writes return.

    A failing write is raised once the next batch is prepared; a failure of ``batches`` or of
    ``prepare`` is raised once the write under way has finished. Either way no later batch is
    written.

    >>> done = []
    >>> overlapped([1, 2, 3], lambda b: b * 10, lambda b, p: done.append((b, p)) or 1)
    3
    >>> done
    [(1, 10), (2, 20), (3, 30)]
    """
    total = 0
    with OneBehind() as writer:
        for batch in batches:
            ready = prepare(batch)
            total += writer.submit(partial(write, batch, ready))
        total += writer.wait()
    return total


class OneBehind:
    """Writes run on one writer thread, in order, one at a time, while the caller prepares the next.

    ``submit`` waits for the write under way (raising its failure) and starts the next; ``wait``
    waits for the last. Leaving the block waits for a write under way and drops its result: a
    failure of the caller is what is raised.

    >>> with OneBehind() as writer:
    ...     writer.submit(lambda: 1), writer.submit(lambda: 2), writer.wait()
    (0, 1, 2)
    """

    def __init__(self) -> None:
        self._pending: Future[int] | None = None
        self._stack = ExitStack()

    def __enter__(self) -> OneBehind:
        self._stack.enter_context(_QUICK_HANDOVER.held())
        self._writer = self._stack.enter_context(
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="netmap-writer")
        )
        return self

    def submit(self, write: Callable[[], int]) -> int:
        """Start ``write`` once the one under way has finished; what that one returned (0 if none)."""
        done = self.wait()
        self._pending = self._writer.submit(write)
        return done

    def wait(self) -> int:
        """What the write under way returned once it has finished (0 if none); its failure, raised."""
        pending, self._pending = self._pending, None
        return pending.result() if pending is not None else 0

    def __exit__(self, *exc: object) -> None:
        self._stack.close()
