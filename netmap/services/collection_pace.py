"""Python's full garbage collections made rarer while a report reads and adds up thousands of kept rows.

A report builds tens of thousands of small objects that live until it is done. Every tenth young
collection Python also walks every object the process holds, and a report over 20,000 cases took
5.5 s, 2.3 s of them in those walks (and 0.35 s of 1.0 s at 5,000 cases). While any report runs,
a full collection comes after a thousand young ones instead of ten: the report took 3.7 s. Young
collections go on as before, so the reference cycles that computing a case's measures leaves are
still reclaimed (turning the collector off instead held 2 GB after 2,000 cases computed afresh).
Python's own setting is back once no report runs. A whole-store import holds every id it has read
while it writes, and runs the same way (5,000 cases: 124 s, 114 s with rarer full collections).
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any, TypeVar, cast

from netmap.process_settings import HeldSetting

__all__ = ["collecting_slowly", "slower_collection"]

F = TypeVar("F", bound=Callable[..., Any])

_RARE = 1000  # full collections a hundred times rarer than Python's 10
_SLOWER = HeldSetting(
    gc.get_threshold,
    lambda threshold: gc.set_threshold(*threshold),
    lambda threshold: (threshold[0], threshold[1], max(threshold[2], _RARE)),
)


def slower_collection() -> AbstractContextManager[None]:
    """Rarer full collections while the block runs (and any other such block in the process).

    >>> default = gc.get_threshold()
    >>> with slower_collection():
    ...     gc.get_threshold()[2] > default[2]
    True
    >>> gc.get_threshold() == default
    True
    """
    return _SLOWER.held()


def collecting_slowly(method: F) -> F:
    """``method`` run with rarer full collections (``slower_collection``)."""

    @functools.wraps(method)
    def slowly(*args: Any, **kwargs: Any) -> Any:
        with slower_collection():
            return method(*args, **kwargs)

    return cast(F, slowly)
