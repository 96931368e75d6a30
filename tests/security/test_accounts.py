"""Accounts and sessions: argon2 hashes, password rules, lockout, admin reset, no default passwords,
and an app that will not start without the encryption key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from netmap.bootstrap import bootstrap
from netmap.crypto import KEY_ENV
from netmap.errors import AccessDenied, ValidationFailed
from netmap.models import Role, User
from netmap.services.users import LOCKOUT, MAX_FAILED_LOGINS, SYSTEM_ACTOR

APP = Path(__file__).resolve().parents[2] / "app.py"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_passwords_are_argon2_and_never_in_the_audit_trail(tmp_path: Path):
    with bootstrap(f"sqlite:///{tmp_path / 'n.db'}") as services:
        services.users.add_user(SYSTEM_ACTOR, "amy", Role.COORDINATOR, "correct horse battery")
        assert services.store.get(User, "amy").password_hash.startswith("$argon2id$")
        assert "argon2" not in "".join(e.model_dump_json() for e in services.store.audit_log())
        for weak in ("short", "aaaaaaaaaaaa", " padded password "):
            with pytest.raises(ValidationFailed, match="^password: "):
                services.users.set_password(SYSTEM_ACTOR, "amy", weak)


def test_repeated_failures_lock_the_account_until_an_admin_resets_it(tmp_path: Path):
    clock = Clock()
    with bootstrap(f"sqlite:///{tmp_path / 'n.db'}", clock=clock) as services:
        services.users.add_user(SYSTEM_ACTOR, "amy", Role.COORDINATOR, "correct horse battery")
        for _ in range(MAX_FAILED_LOGINS):
            with pytest.raises(AccessDenied, match="Wrong username or password"):
                services.users.authenticate("amy", "wrong password!")
        with pytest.raises(AccessDenied, match="locked"):
            services.users.authenticate("amy", "correct horse battery")
        clock.now += LOCKOUT - timedelta(seconds=1)
        with pytest.raises(AccessDenied, match="locked"):
            services.users.authenticate("amy", "correct horse battery")
        services.users.set_password(SYSTEM_ACTOR, "amy", "a new long passphrase")
        assert services.users.authenticate("amy", "a new long passphrase").username == "amy"


def test_loading_the_samples_creates_no_account(tmp_path: Path):
    with bootstrap(f"sqlite:///{tmp_path / 'n.db'}") as services:
        services.data.load_samples(SYSTEM_ACTOR)
        assert services.store.list(User) == []


def test_the_app_refuses_to_start_without_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(KEY_ENV)
    monkeypatch.setenv("NETMAP_DB", f"sqlite:///{tmp_path / 'nokey.db'}")
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [
        f"netmap cannot start: Set {KEY_ENV} to the store's encryption key (make one with: netmap keys new); "
        "netmap will not show or write restricted details without it."
    ]
    assert not at.text_input  # no login form, nothing from the store
    assert not (tmp_path / "nokey.db").exists()
