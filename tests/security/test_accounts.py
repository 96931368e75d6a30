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
from netmap.services.users import LOCKOUT, LOGIN_REFUSED, MAX_FAILED_LOGINS, SYSTEM_ACTOR

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


def test_parallel_wrong_passwords_are_each_counted_and_lock_the_account(tmp_path: Path):
    """Medium 5: 60 wrong passwords sent at once were counted as 3, and the account never locked."""
    from concurrent.futures import ThreadPoolExecutor

    from tests.conftest import CHEAP_HASHER

    url = f"sqlite:///{tmp_path / 'n.db'}"
    with bootstrap(url, hasher=CHEAP_HASHER) as setup:
        setup.users.add_user(SYSTEM_ACTOR, "amy", Role.COORDINATOR, "correct horse battery")

    def attempt(_: int) -> str:
        # each attempt from its own connection, as parallel sessions of a server would be
        with bootstrap(url, hasher=CHEAP_HASHER) as services:
            try:
                services.users.authenticate("amy", "wrong password!")
            except AccessDenied as exc:
                return str(exc)
        return "let in"

    with ThreadPoolExecutor(max_workers=12) as pool:
        answers = list(pool.map(attempt, range(60)))
    assert set(answers) == {LOGIN_REFUSED}
    with bootstrap(url, hasher=CHEAP_HASHER) as services:
        events = [(e.action, e.outcome) for e in services.store.audit_log(entity_id="amy")]
        # each attempt counted once: five failures lock the account, the other 55 meet the lock
        assert events.count(("login.failed", "ok")) == MAX_FAILED_LOGINS
        assert events.count(("login.locked", "refused")) == 60 - MAX_FAILED_LOGINS
        with pytest.raises(AccessDenied):
            services.users.authenticate("amy", "correct horse battery")  # locked: even the right password


def test_a_login_never_tells_whether_the_username_exists(tmp_path: Path):
    """Low: one sentence and the same work (a password check) for an unknown name, a wrong password and a lock."""
    from argon2 import PasswordHasher

    checks: list[str] = []

    class CountingHasher(PasswordHasher):
        def verify(self, hash: str | bytes, password: str | bytes) -> bool:  # noqa: A002 - argon2's name
            checks.append(str(password))
            return super().verify(hash, password)

    hasher = CountingHasher(time_cost=1, memory_cost=8, parallelism=1)
    with bootstrap(f"sqlite:///{tmp_path / 'n.db'}", hasher=hasher) as services:
        services.users.add_user(SYSTEM_ACTOR, "amy", Role.COORDINATOR, "correct horse battery")
        answers = []
        for username in ("nobody", "amy", "amy", "amy", "amy", "amy", "amy"):
            with pytest.raises(AccessDenied) as refused:
                services.users.authenticate(username, "wrong password!")
            answers.append(str(refused.value))
        assert answers == [LOGIN_REFUSED] * 7  # unknown, five failures, then locked: all the same
        assert len(checks) == 7  # a password was checked every time, the unknown name included


def test_production_hashes_use_argon2id_at_its_recommended_costs(tmp_path: Path):
    with bootstrap(f"sqlite:///{tmp_path / 'n.db'}") as services:
        hasher = services.users.hasher
        assert (hasher.time_cost, hasher.memory_cost, hasher.parallelism) >= (3, 65536, 4)
        assert hasher.hash("correct horse battery").startswith("$argon2id$v=19$m=65536,t=3,p=4$")
