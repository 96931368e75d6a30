"""Small numbers suppressed: no figure that counts, or is worked out from, fewer than five cases or people."""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict

__all__ = ["THRESHOLD", "Spread", "count", "mean", "partition", "share", "spread"]

THRESHOLD = 5
"""The smallest number a figure may show or be worked out from."""


class Spread(BaseModel):
    """How one measure spreads over ``cases`` (its quartiles by the inclusive method); every field is
    None when fewer than five cases have the measure. Lowest and highest are never shown: each is one
    person's value."""

    model_config = ConfigDict(frozen=True)
    cases: int | None
    mean: float | None
    q1: float | None
    median: float | None
    q3: float | None


def count(n: int) -> int | None:
    """``n`` if it is five or more, else None (suppressed).

    >>> count(5), count(4), count(0)
    (5, None, None)
    """
    return n if n >= THRESHOLD else None


def share(part: int, whole: int) -> float | None:
    """``part / whole`` when neither ``part`` nor the rest (``whole - part``) is under five.

    A share of a known whole tells both the part and the rest, so both must be big enough.

    >>> share(6, 12), share(4, 12), share(10, 12)
    (0.5, None, None)
    """
    return part / whole if part >= THRESHOLD and whole - part >= THRESHOLD else None


def mean(values: Iterable[float | None]) -> float | None:
    """The mean of the values that are not None, when there are five or more of them.

    >>> mean([1, 2, 3, 4, 5]), mean([1, 2, None, 4])
    (3.0, None)
    """
    xs = [float(v) for v in values if v is not None]
    return statistics.fmean(xs) if len(xs) >= THRESHOLD else None


def spread(values: Sequence[float | None]) -> Spread:
    """Mean and quartiles of the values that are not None, suppressed below five.

    >>> spread([1, 2, 3, 4, 5]).median, spread([1, 2, 3]).median
    (3.0, None)
    """
    xs = sorted(float(v) for v in values if v is not None)
    if len(xs) < THRESHOLD:
        return Spread(cases=None, mean=None, q1=None, median=None, q3=None)
    q1, median, q3 = statistics.quantiles(xs, n=4, method="inclusive")
    return Spread(cases=len(xs), mean=statistics.fmean(xs), q1=q1, median=median, q3=q3)


def partition(cells: Mapping[str, int]) -> dict[str, int | None]:
    """The cells of a breakdown whose total is shown, each suppressed below five; while the suppressed
    cells together come to one to four, the smallest shown one goes too, so neither a suppressed cell
    nor the sum of them can be found by subtraction. Suppressed cells that come to none may be: that
    nobody is in them names nobody.

    >>> partition({"a": 12, "b": 3, "c": 8})
    {'a': 12, 'b': None, 'c': None}
    >>> partition({"a": 12, "b": 3, "c": 1, "d": 9})
    {'a': 12, 'b': None, 'c': None, 'd': None}
    >>> partition({"a": 12, "b": 3, "c": 2})
    {'a': 12, 'b': None, 'c': None}
    >>> partition({"a": 12, "b": 7})
    {'a': 12, 'b': 7}
    >>> partition({"a": 0, "b": 0, "c": 30})
    {'a': None, 'b': None, 'c': 30}
    """
    shown: dict[str, int | None] = {key: count(n) for key, n in cells.items()}

    def hidden_sum() -> int:
        return sum(cells[key] for key, n in shown.items() if n is None)

    while 0 < hidden_sum() < THRESHOLD:
        left = [key for key, n in shown.items() if n is not None]
        if not left:
            break
        shown[min(left, key=lambda key: (cells[key], key))] = None
    return shown
