"""A dataset with every date in it moved so a story written on one day is told on another.

The sample cases are written as of one day; loading them weeks or years later would leave every
release, birthday and meeting in the past. ``moved`` moves each date by the same span on a
calendar of 365-day years: a date keeps its day and month relative to the others, so a support that
ends on a birthday still ends on it, in whichever years the span crosses a 29 February (which is
read as the 28th). Each ``datetime`` keeps its time of day; each year-only field (``birth_year``,
``death_year``, ``from_year``, ``to_year``) moves by the span in whole years; a person's
``birth_year`` follows their ``birth_date``.
"""

from __future__ import annotations

import calendar
from datetime import date, datetime, timedelta
from typing import TypeVar

from netmap.models import Dataset

__all__ = ["move_day", "moved"]

_YEARS = frozenset({"birth_year", "death_year", "from_year", "to_year"})
_MARCH_1 = 59  # the day of a 365-day year on which March begins, counting 1 January as 0
Day = TypeVar("Day", bound=date)


def move_day(day: Day, written_on: date, told_on: date) -> Day:
    """``day`` moved as ``written_on`` moves to ``told_on`` (a datetime keeps its time of day).

    >>> move_day(date(2001, 12, 9), date(2026, 11, 24), date(2028, 1, 11))  # Leah's birthday ...
    datetime.date(2003, 1, 26)
    >>> move_day(date(2026, 12, 9), date(2026, 11, 24), date(2028, 1, 11))  # ... and her 25th, still one
    datetime.date(2028, 1, 26)
    """
    moved_date = _from_number(_number(day) + _number(told_on) - _number(written_on))
    if isinstance(day, datetime):
        return day.replace(year=moved_date.year, month=moved_date.month, day=moved_date.day)  # type: ignore[return-value]
    return moved_date  # type: ignore[return-value]


def moved(dataset: Dataset, written_on: date, told_on: date) -> Dataset:
    """``dataset``, written as of ``written_on``, with every date, time and year moved to tell it on
    ``told_on`` (``dataset`` itself when the two days are the same)."""
    if written_on == told_on:
        return dataset
    years = round((told_on - written_on).days / 365.2425)
    return Dataset.model_validate(_move(dataset.model_dump(), written_on, told_on, years))


def _number(day: date) -> int:
    """Days since 1 January of year 0 on a calendar of 365-day years (29 February is the 28th)."""
    in_year = day.timetuple().tm_yday - 1
    if calendar.isleap(day.year) and (day.month, day.day) > (2, 28):
        in_year -= 1
    return 365 * day.year + in_year


def _from_number(number: int) -> date:
    year, in_year = divmod(number, 365)
    day = date(year, 1, 1) + timedelta(days=in_year)
    return day + timedelta(days=1) if calendar.isleap(year) and in_year >= _MARCH_1 else day


def _move(value: object, written_on: date, told_on: date, years: int) -> object:
    if isinstance(value, date):  # a datetime is a date too
        return move_day(value, written_on, told_on)
    if isinstance(value, dict):
        out = {
            key: item + years
            if key in _YEARS and isinstance(item, int)
            else _move(item, written_on, told_on, years)
            for key, item in value.items()
        }
        born = out.get("birth_date")
        if isinstance(born, date) and "birth_year" in out:
            out["birth_year"] = born.year
        return out
    if isinstance(value, list | tuple | set | frozenset):
        return type(value)(_move(item, written_on, told_on, years) for item in value)
    return value
