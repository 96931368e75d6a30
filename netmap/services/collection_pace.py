"""Python's full garbage collections made rarer while a report reads and adds up thousands of kept rows.

A report builds tens of thousands of small objects that live until it is done. Every tenth young
collection Python also walks every object the process holds, and a report over 20,000 cases took
5.5 s, 2.3 s of them in those walks (and 0.35 s of 1.0 s at 5,000 cases). While any report runs,
a full collection comes after a thousand young ones instead of ten: the report took 3.7 s. Young
collections go on as before, so the reference cycles that computing a case's measures leaves are
still reclaimed (turning the collector off instead held 2 GB after 2,000 cases computed afresh).
Python's own setting is back once no report runs.
"""

from __future__ import annotations

import functools
import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar, cast

__all__ = ["collecting_slowly", "slower_collection"]

F = TypeVar("F", bound=Callable[..., Any])

_running = 0
_lock = threading.Lock()
_before = gc.get_threshold()
_RARE = 1000  # full collections a hundred times rarer than Python's 10


@contextmanager
def slower_collection() -> Iterator[None]:
    """Rarer full collections while the block runs (and any other such block in the process).

    >>> default = gc.get_threshold()
    >>> with slower_collection():
    ...     gc.get_threshold()[2] > default[2]
    True
    >>> gc.get_threshold() == default
    True
    """
    global _running, _before
    with _lock:
        if _running == 0:
            _before = gc.get_threshold()
            gc.set_threshold(_before[0], _before[1], max(_before[2], _RARE))
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                gc.set_threshold(*_before)


def collecting_slowly(method: F) -> F:
    """``method`` run with rarer full collections (``slower_collection``)."""

    @functools.wraps(method)
    def slowly(*args: Any, **kwargs: Any) -> Any:
        with slower_collection():
            return method(*args, **kwargs)

    return cast(F, slowly)
