"""Fixtures for the app: a store with the samples and demo logins, and AppTest signed in as a demo user."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netmap.cli.demo_users import DEMO_USERS
from tests.conftest import copy_samples

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PASSWORDS = {u.username: u.password for u in DEMO_USERS}
# the demo accounts of the practitioners, the young person and the commissioner, each with a case its
# grants open (a commissioner opens none)
ROLE_CASES: dict[str, str | None] = {
    "admin": "c-discovery-kai",
    "coordinator": "c-always-hope",
    "facilitator": "c-fgc-jade",
    "practitioner": "c-always-hope",
    "jordan": "c-always-hope",
    "viewer": "c-turning-25",
    "commissioner": None,
}
# and the accounts that read no case of their own: Nan owns plan items in Jordan's; a peer mentor
# holds none
ACCOUNT_CASES: dict[str, str | None] = {**ROLE_CASES, "family": "c-always-hope", "peermentor": None}
# the demo accounts that open cases
CASE_USERS = [username for username, case_id in ROLE_CASES.items() if case_id is not None]
USUAL = "usual"  # page_as(...) case: the account's case in ROLE_CASES


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, sample_store_file: Path) -> str:
    """A store holding the samples and the demo accounts; tests that change it use their own."""
    return copy_samples(sample_store_file, f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")


@pytest.fixture
def app_for(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> Callable[[str | None], AppTest]:
    """An AppTest of app.py, signed in as the named demo user (or not signed in for None)."""
    monkeypatch.setenv("NETMAP_DB", demo_db)

    def make(username: str | None) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=30).run()
        if username is not None:
            at.text_input[0].input(username)
            at.text_input[1].input(PASSWORDS[username])
            at.button[0].click().run()
        return at

    return make


def _signed_in_page(module: str, username: str, password: str, case_id: str | None) -> None:
    import importlib

    from netmap.views.session import current_actor, log_in, select_case

    if current_actor() is None:
        log_in(username, password)
        if case_id:
            select_case(case_id)
    importlib.import_module(module).render()


PageAs = Callable[..., AppTest]


def page_maker(url: str, monkeypatch: pytest.MonkeyPatch) -> PageAs:
    monkeypatch.setenv("NETMAP_DB", url)

    def make(
        module: str, username: str, case_id: str | None = USUAL, *, password: str | None = None
    ) -> AppTest:
        case = ACCOUNT_CASES[username] if case_id == USUAL else case_id
        args = (module, username, password or PASSWORDS[username], case)
        return AppTest.from_function(_signed_in_page, args=args, default_timeout=60).run()

    return make


@pytest.fixture
def page_as(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> PageAs:
    """``page_as(module, username, case_id)``: one page module run in AppTest on the shared demo store,
    signed in as a demo user with ``case_id`` chosen (None: no case chosen; left out: their usual case)."""
    return page_maker(demo_db, monkeypatch)


@pytest.fixture
def fresh_db(tmp_path: Path, sample_store_file: Path) -> str:
    """A store of its own with the samples and the demo accounts, for tests that change it."""
    return copy_samples(sample_store_file, f"sqlite:///{tmp_path / 'netmap.db'}")


@pytest.fixture
def fresh_page_as(fresh_db: str, monkeypatch: pytest.MonkeyPatch) -> PageAs:
    """Like ``page_as`` but on ``fresh_db``."""
    return page_maker(fresh_db, monkeypatch)
