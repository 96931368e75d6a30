"""The sample cases are told as of the day they are loaded, so the demo and the pages never go stale."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netmap.bootstrap import bootstrap
from netmap.cli import app
from netmap.errors import AccessDenied, ImportFailed
from netmap.models import Case, Membership, Person
from netmap.services.data import STORY_DAY
from netmap.services.users import SYSTEM_ACTOR
from tests.conftest import CHEAP_HASHER

LEAH = "p-t25-leah"
OWEN = "c-turning-25|p-t25-owen"  # her personal adviser, whose support ends on her 25th birthday
WRITTEN_BIRTHDAY = date(2026, 12, 9)  # as the file has it


def _on(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, 10, tzinfo=UTC)


def _support_ends(url: str) -> date | None:
    with bootstrap(url, hasher=CHEAP_HASHER) as services:
        membership = services.store.get(Membership, OWEN)
        assert membership is not None
        return membership.support_ends


def test_on_the_story_day_the_files_own_dates_are_kept(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    with bootstrap(url, hasher=CHEAP_HASHER) as services:
        services.data.load_samples(SYSTEM_ACTOR, told_on=STORY_DAY)
        leah = services.store.get(Person, LEAH)
        assert leah is not None and leah.birth_date == date(2001, 12, 9)
    assert _support_ends(url) == WRITTEN_BIRTHDAY


def test_told_later_every_date_moves_with_today_and_a_second_load_keeps_them(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    # The models refuse "recorded" dates after the real today, so the clock here is an earlier day.
    today = STORY_DAY + timedelta(days=10)
    with bootstrap(url, hasher=CHEAP_HASHER, clock=lambda: _on(today)) as services:
        services.data.load_samples(SYSTEM_ACTOR)
        case = services.store.get(Case, "c-turning-25")
        assert case is not None and case.referral_date == date(2026, 10, 26) + timedelta(days=10)
        leah = services.store.get(Person, LEAH)
        assert leah is not None and leah.birth_date == date(2001, 12, 9) + timedelta(days=10)
        # Her 25th birthday is still 15 days ahead, as the story says, so it is due in the window.
        due = services.discovery.due_this_week(SYSTEM_ACTOR, days=30)
        (birthday,) = [i for i in due if i.kind == "transition" and i.case_id == "c-turning-25"]
        assert birthday.due_on == today + timedelta(days=15)
    assert _support_ends(url) == WRITTEN_BIRTHDAY + timedelta(days=10)

    # Later (today, on the real clock) the same store loads again: the cases keep the dates they were given; nothing is added.
    with bootstrap(url, hasher=CHEAP_HASHER) as services:
        summaries = services.data.load_samples(SYSTEM_ACTOR)
    assert all(not any(s.added.values()) for s in summaries)
    assert _support_ends(url) == WRITTEN_BIRTHDAY + timedelta(days=10)


def test_a_day_after_today_is_refused_and_nothing_is_loaded(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    with bootstrap(url, hasher=CHEAP_HASHER) as services:
        tomorrow = services.data.clock().date() + timedelta(days=1)
        with pytest.raises(ImportFailed, match="after today"):
            services.data.load_samples(SYSTEM_ACTOR, told_on=tomorrow)
        assert services.store.get(Case, "c-turning-25") is None


def test_the_command_line_tells_the_story_on_the_day_it_is_given(tmp_path: Path) -> None:
    runner = CliRunner()
    url = f"sqlite:///{tmp_path / 'a.db'}"
    told_on = STORY_DAY + timedelta(days=3)
    result = runner.invoke(app, ["load-samples", "--db", url, "--told-on", told_on.isoformat()])
    assert result.exit_code == 0, result.stderr
    assert _support_ends(url) == WRITTEN_BIRTHDAY + timedelta(days=3)
    result = runner.invoke(
        app, ["due", "--db", url, "--today", told_on.isoformat(), "--days", "30", "--json"]
    )
    assert result.exit_code == 0, result.stderr
    due = [
        i for i in json.loads(result.stdout) if i["kind"] == "transition" and i["case_id"] == "c-turning-25"
    ]
    assert [i["due_on"] for i in due] == [(WRITTEN_BIRTHDAY + timedelta(days=3)).isoformat()]

    refused = runner.invoke(
        app, ["load-samples", "--db", f"sqlite:///{tmp_path / 'b.db'}", "--told-on", "2999-01-01"]
    )
    assert refused.exit_code != 0 and "after today" in refused.stderr


def test_loading_again_after_changes_in_the_demo_keeps_them(sample_services) -> None:
    """Restarting `netmap demo` loads the samples again: what was changed since is left as it is."""
    case = sample_services.store.get(Case, "c-fgc-jade")
    assert case is not None
    sample_services.cases.update_case(
        SYSTEM_ACTOR, Case.model_validate({**case.model_dump(), "notes": "Changed in the demo."})
    )
    summaries = sample_services.data.load_samples(SYSTEM_ACTOR)
    assert len(summaries) == 7 and all(not any(s.added.values()) for s in summaries)
    assert all(s.sentence().startswith("Added nothing;") for s in summaries)
    stored = sample_services.store.get(Case, "c-fgc-jade")
    assert stored is not None and stored.notes == "Changed in the demo."


def test_only_those_who_may_import_load_the_samples_even_when_they_are_loaded(
    sample_services, demo_actors
) -> None:
    with pytest.raises(AccessDenied):
        sample_services.data.load_samples(demo_actors["viewer"])
