"""Moving a dataset's dates: every date with the story's day, birthdays kept, nothing else touched."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netmap.ingest import json_format
from netmap.ingest.moved_dates import move_day, moved
from netmap.models import Dataset, Person
from netmap.planning.support_ends import birthday
from netmap.services.data import SAMPLES_DIR, STORY_DAY

SAMPLES = sorted(SAMPLES_DIR.glob("*.json"))
DAYS = st.dates(min_value=date(1900, 1, 1), max_value=date(2090, 12, 31))


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


@given(day=DAYS, told_on=DAYS)
def test_the_written_day_becomes_the_told_day_and_anniversaries_stay_anniversaries(
    day: date, told_on: date
) -> None:
    assert move_day(STORY_DAY, STORY_DAY, told_on) == (
        told_on if (told_on.month, told_on.day) != (2, 29) else told_on - timedelta(days=1)
    )
    if (day.month, day.day) != (2, 29):
        for years in (18, 21, 25):
            assert move_day(birthday(day, years), STORY_DAY, told_on) == birthday(
                move_day(day, STORY_DAY, told_on), years
            )


@given(day=DAYS, told_on=DAYS)
def test_the_gaps_between_dates_change_by_a_day_at_most(day: date, told_on: date) -> None:
    gap = (day - STORY_DAY).days
    moved_gap = (move_day(day, STORY_DAY, told_on) - move_day(STORY_DAY, STORY_DAY, told_on)).days
    assert abs(moved_gap - gap) <= abs(gap) // 1400 + 1  # a 29 February gained or lost every four years


def test_a_time_keeps_its_time_of_day() -> None:
    at = datetime(2026, 11, 20, 14, 30, tzinfo=UTC)
    assert move_day(at, STORY_DAY, date(2027, 1, 4)) == datetime(2026, 12, 31, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
@pytest.mark.parametrize("told_on", [date(2026, 11, 25), date(2028, 3, 1), date(2031, 2, 14)])
def test_every_date_in_the_samples_moves_and_back(
    path: Path, told_on: date, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = json_format.read(path)
    before = _dates(written.model_dump())
    # the models refuse a "recorded" date after today, so check the move without them, then the round trip
    after = {where: move_day(day, STORY_DAY, told_on) for where, day in before.items()}
    assert before and all(after[w] != before[w] for w in before)
    back = {where: move_day(day, told_on, STORY_DAY) for where, day in after.items()}
    assert {w for w in before if back[w] != before[w]} <= {
        w for w, d in before.items() if (d.month, d.day) == (2, 29)
    }


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.name)
def test_a_sample_told_earlier_validates_and_comes_back_whole(path: Path) -> None:
    written = json_format.read(path)
    earlier = date(2024, 2, 10)
    shifted = moved(written, STORY_DAY, earlier)
    assert _dates(shifted.model_dump()) == {
        where: move_day(day, STORY_DAY, earlier) for where, day in _dates(written.model_dump()).items()
    }
    assert moved(shifted, earlier, STORY_DAY) == written


def test_text_and_other_fields_are_left_alone() -> None:
    written = json_format.read(SAMPLES_DIR / "always-hope.json")
    shifted = moved(written, STORY_DAY, date(2026, 10, 1))
    assert [p.name for p in shifted.people] == [p.name for p in written.people]
    assert [c.notes for c in shifted.cases] == [c.notes for c in written.cases]
    assert [t.version for t in shifted.ties] == [t.version for t in written.ties]


def test_told_on_the_day_it_was_written_is_the_same_dataset() -> None:
    written = json_format.read(SAMPLES_DIR / "turning-25.json")
    assert moved(written, STORY_DAY, STORY_DAY) is written


def test_a_birthday_that_moves_into_another_year_takes_its_birth_year_along() -> None:
    born = Person(id="p-1", name="Ann", birth_date=date(2006, 12, 30))
    (later,) = moved(Dataset(people=[born]), STORY_DAY, STORY_DAY + timedelta(days=5)).people
    assert later.birth_date == date(2007, 1, 4) and later.birth_year == 2007


def test_year_only_fields_move_by_whole_years() -> None:
    only_years = Person(id="p-2", name="Bob", birth_year=1956, deceased=True, death_year=2021)
    (a_year_on,) = moved(Dataset(people=[only_years]), date(2024, 11, 24), STORY_DAY).people
    assert (a_year_on.birth_year, a_year_on.death_year) == (1958, 2023)
    (a_week_on,) = moved(Dataset(people=[only_years]), date(2026, 11, 17), STORY_DAY).people
    assert (a_week_on.birth_year, a_week_on.death_year) == (1956, 2021)
