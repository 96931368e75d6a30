"""Fixtures for the app: a store with the samples and demo logins, and AppTest signed in as a demo user."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netmap.bootstrap import bootstrap
from netmap.services.demo import DEMO_USERS, ensure_demo_users
from netmap.services.users import SYSTEM_ACTOR

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PASSWORDS = {u.username: u.password for u in DEMO_USERS}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store holding the samples and the demo accounts; tests that change it use their own."""
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    with bootstrap(url) as services:
        services.data.load_samples(SYSTEM_ACTOR)
        ensure_demo_users(services, SYSTEM_ACTOR)
    return url


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
