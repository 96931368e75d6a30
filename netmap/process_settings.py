"""A process-wide interpreter setting changed while any of several blocks runs, and put back after.

Threads share Python's settings (the switch interval, the garbage collector's thresholds). When a
piece of work wants one changed while it runs, another thread may be running the same work: the
first to start changes it, the last to finish puts back what was there before.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

__all__ = ["HeldSetting"]

T = TypeVar("T")


class HeldSetting(Generic[T]):
    """``read`` and ``write`` a setting; ``tuned`` turns the value found into the one wanted.

    >>> values = [5]
    >>> doubled = HeldSetting(lambda: values[0], lambda v: values.__setitem__(0, v), lambda v: v * 2)
    >>> with doubled.held():
    ...     with doubled.held():
    ...         values[0]
    10
    >>> values[0]
    5
    """

    def __init__(self, read: Callable[[], T], write: Callable[[T], None], tuned: Callable[[T], T]) -> None:
        self._read, self._write, self._tuned = read, write, tuned
        self._lock = threading.Lock()
        self._running = 0
        self._before: T | None = None

    @contextmanager
    def held(self) -> Iterator[None]:
        """The tuned value while the block runs (and any other block holding it); the one before after."""
        with self._lock:
            if self._running == 0:
                self._before = self._read()
                self._write(self._tuned(self._before))
            self._running += 1
        try:
            yield
        finally:
            with self._lock:
                self._running -= 1
                if self._running == 0 and self._before is not None:
                    self._write(self._before)
