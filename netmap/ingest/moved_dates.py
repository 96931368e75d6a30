"""A dataset with every date in it moved by the same span, so a story told on one day reads true on another.

The sample cases are written as of one day; loading them weeks or years later would leave every
release, birthday and meeting in the past. ``moved`` keeps the gaps between all their dates:
each ``date`` and ``datetime`` moves by the span, each year-only field (``birth_year``,
``death_year``, ``from_year``, ``to_year``) by the same span in whole years, and a person's
``birth_year`` follows their ``birth_date`` when that moves into another year.
"""

from __future__ import annotations

from datetime import date, timedelta

from netmap.models import Dataset

__all__ = ["moved"]

_DAYS_A_YEAR = 365.2425
_YEARS = frozenset({"birth_year", "death_year", "from_year", "to_year"})


def moved(dataset: Dataset, by: timedelta) -> Dataset:
    """``dataset`` with every date, time and year in it moved by ``by`` (itself when ``by`` is zero)."""
    if not by:
        return dataset
    years = round(by.days / _DAYS_A_YEAR)
    return Dataset.model_validate(_move(dataset.model_dump(), by, years))


def _move(value: object, by: timedelta, years: int) -> object:
    if isinstance(value, date):  # a datetime is a date too
        return value + by
    if isinstance(value, dict):
        out = {
            key: item + years if key in _YEARS and isinstance(item, int) else _move(item, by, years)
            for key, item in value.items()
        }
        born = out.get("birth_date")
        if isinstance(born, date) and "birth_year" in out:
            out["birth_year"] = born.year
        return out
    if isinstance(value, list | tuple | set | frozenset):
        return type(value)(_move(item, by, years) for item in value)
    return value
