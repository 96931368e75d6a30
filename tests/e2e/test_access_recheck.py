"""An open session follows its account: a case taken away leaves it, a case given appears, and an
account switched off is signed out, within ``ACCESS_CHECK_SECONDS`` and without signing in again."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from typer.testing import CliRunner

from netmap.bootstrap import bootstrap
from netmap.cli import app
from netmap.graph.store import Put, WriteBatch
from netmap.models import User
from netmap.views import session
from tests.e2e.conftest import APP, PASSWORDS, PageAs

PEOPLE = "netmap.views.pages.people_page"
HOPE, LEAH = "c-always-hope", "c-turning-25"


@pytest.fixture
def checked_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session, "ACCESS_CHECK_SECONDS", 0)


def _revoke(url: str, username: str, case_id: str) -> None:
    result = CliRunner().invoke(app, ["users", "revoke", username, case_id, "--db", url])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"{username} no longer works on {case_id}."


def _names(at: AppTest) -> set[str]:
    return set(at.dataframe[0].value["Name"]) if at.dataframe else set()


def test_a_case_taken_away_leaves_an_open_session(
    fresh_page_as: PageAs, fresh_db: str, checked_at_once: None
) -> None:
    at = fresh_page_as(PEOPLE, "practitioner", HOPE)
    assert "Jordan Ashby" in _names(at)
    _revoke(fresh_db, "practitioner", HOPE)
    at.run()
    assert not at.exception
    assert not _names(at), "the practitioner still read Jordan's map after the case was taken away"
    assert at.session_state["actor"].case_ids == frozenset()
    assert "case_id" not in at.session_state


def test_without_a_check_due_the_session_keeps_what_it_had(fresh_page_as: PageAs, fresh_db: str) -> None:
    """The check runs at most once a minute (not on every click), so within it nothing is read again."""
    at = fresh_page_as(PEOPLE, "practitioner", HOPE)
    _revoke(fresh_db, "practitioner", HOPE)
    at.run()
    assert HOPE in at.session_state["actor"].case_ids


def test_a_case_given_appears_without_signing_in_again(
    fresh_page_as: PageAs, fresh_db: str, checked_at_once: None
) -> None:
    at = fresh_page_as(PEOPLE, "practitioner", HOPE)
    result = CliRunner().invoke(app, ["users", "grant", "practitioner", LEAH, "--db", fresh_db])
    assert result.exit_code == 0, result.stderr
    at.run()
    assert at.session_state["actor"].case_ids == frozenset({HOPE, LEAH})
    with bootstrap(fresh_db) as services:
        actions = [e.action for e in services.store.audit_log() if e.action.startswith("grant.")]
    assert actions[-1] == "grant.add"


def test_an_account_switched_off_is_signed_out_with_a_reason(
    fresh_db: str, monkeypatch: pytest.MonkeyPatch, checked_at_once: None
) -> None:
    monkeypatch.setenv("NETMAP_DB", fresh_db)
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.text_input[0].input("practitioner")
    at.text_input[1].input(PASSWORDS["practitioner"])
    at.button[0].click().run()
    assert at.session_state["actor"].username == "practitioner"
    with bootstrap(fresh_db) as services:
        user = services.store.get(User, "practitioner")
        assert user is not None
        services.store.apply(WriteBatch(puts=[Put(user.model_copy(update={"active": False}), user.version)]))
    at.run()
    assert not at.exception
    assert "actor" not in at.session_state
    assert [w.value for w in at.warning] == [session.NO_LONGER_ACTIVE]
    assert [t.label for t in at.text_input][:2] == ["Username", "Password"]


def test_the_command_line_names_a_case_that_does_not_exist(fresh_db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["users", "grant", "practitioner", "c-nowhere", "--db", fresh_db])
    assert result.exit_code != 0 and "There is no case c-nowhere." in result.stderr


def test_a_new_role_reaches_an_open_session(
    fresh_db: str, monkeypatch: pytest.MonkeyPatch, checked_at_once: None
) -> None:
    """A viewer made a practitioner (`netmap users role`) acts as a practitioner from the next check
    (the pages offered follow the session's actor), without signing in again."""
    monkeypatch.setenv("NETMAP_DB", fresh_db)
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.text_input[0].input("viewer")
    at.text_input[1].input(PASSWORDS["viewer"])
    at.button[0].click().run()
    assert at.session_state["actor"].role.value == "viewer"
    result = CliRunner().invoke(app, ["users", "role", "viewer", "practitioner", "--db", fresh_db])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == "viewer is now practitioner."
    at.run()
    assert not at.exception
    actor = at.session_state["actor"]
    assert (actor.username, actor.role.value) == ("viewer", "practitioner")
