"""Moving a dataset's dates: every date by the same span, years by whole years, nothing else touched."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from netmap.ingest import json_format
from netmap.ingest.moved_dates import moved
from netmap.models import Dataset, Person
from netmap.services.data import SAMPLES_DIR

SAMPLES = sorted(SAMPLES_DIR.glob("*.json"))


def _dates(value: object, path: str = "") -> dict[str, date]:
    """Every date in a dumped dataset, by where it is."""
    if isinstance(value, date):
        return {path: value}
    found: dict[str, date] = {}
    if isinstance(value, dict):
        for key, item in value.items():
            found |= _dates(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            found |= _dates(item, f"{path}[{i}]")
    return found


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("days", [-1, -400, -3653])
def test_every_date_moves_by_the_span_and_back(path: Path, days: int) -> None:
    written = json_format.read(path)
    by = timedelta(days=days)
    shifted = moved(written, by)
    before, after = _dates(written.model_dump()), _dates(shifted.model_dump())
    assert before and before.keys() == after.keys()
    assert all(after[where] == day + by for where, day in before.items())
    assert moved(shifted, -by) == written


def test_text_and_other_fields_are_left_alone() -> None:
    written = json_format.read(SAMPLES_DIR / "always-hope.json")
    shifted = moved(written, timedelta(days=-30))
    assert [p.name for p in shifted.people] == [p.name for p in written.people]
    assert [c.notes for c in shifted.cases] == [c.notes for c in written.cases]
    assert [t.version for t in shifted.ties] == [t.version for t in written.ties]


def test_no_span_is_the_same_dataset() -> None:
    written = json_format.read(SAMPLES_DIR / "turning-25.json")
    assert moved(written, timedelta(0)) is written


def test_a_birthday_that_moves_into_another_year_takes_its_birth_year_along() -> None:
    born = Person(id="p-1", name="Ann", birth_date=date(2006, 12, 30))
    assert born.birth_year == 2006
    (later,) = moved(Dataset(people=[born]), timedelta(days=5)).people
    assert later.birth_date == date(2007, 1, 4) and later.birth_year == 2007


def test_year_only_fields_move_by_whole_years() -> None:
    only_years = Person(id="p-2", name="Bob", birth_year=1956, deceased=True, death_year=2021)
    (a_year_on,) = moved(Dataset(people=[only_years]), timedelta(days=400)).people
    assert (a_year_on.birth_year, a_year_on.death_year) == (1957, 2022)
    (a_week_on,) = moved(Dataset(people=[only_years]), timedelta(days=7)).people
    assert (a_week_on.birth_year, a_week_on.death_year) == (1956, 2021)
