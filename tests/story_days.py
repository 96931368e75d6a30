"""The sample story's dates as the tests meet them.

The tests load the samples told as of the day the test process started (``TOLD_ON``), as
`netmap demo` tells them as of today, so every page that reads today's date meets the story the
samples' README describes, whatever day the suite runs. A test that names a date from a sample file
names it as written and passes it through ``told``.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from netmap.ingest.moved_dates import move_day
from netmap.renderers.words import uk_date
from netmap.services.data import STORY_DAY

__all__ = ["TOLD_ON", "told", "told_uk"]

TOLD_ON = date.today()
Day = TypeVar("Day", bound=date)  # a date, or a datetime


def told(written: Day) -> Day:
    """The day (or moment) a date written in a sample file falls on once the samples are loaded."""
    return move_day(written, STORY_DAY, TOLD_ON)


def told_uk(written: date) -> str:
    """``told(written)`` as the pages show it, e.g. "9 March 2026"."""
    return uk_date(told(written))
