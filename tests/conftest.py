"""Fixtures shared by every test layer: services on a fresh SQLite file, with or without the samples."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from netmap.bootstrap import Services, bootstrap
from netmap.cli.demo_users import DEMO_USERS, ensure_demo_users
from netmap.services.access import Actor
from netmap.services.users import SYSTEM_ACTOR
from tests.story_days import TOLD_ON

# Every store encrypts restricted fields; tests share one throwaway key, set before any fixture
# (or any `netmap` subprocess a test starts) opens a store.
TEST_SECRET_KEY = "S2pC0pQk8Lm1x3Rf5Yb7Tq9Wn2Vd4Hg6Jz8Ke0Ma1Nc="
os.environ.setdefault("NETMAP_SECRET_KEY", TEST_SECRET_KEY)

# argon2 at its lowest costs: hashing is not what these tests test (tests/security/test_accounts.py
# checks the production costs); a hash records its costs, so the app verifies these hashes too.
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


# The store a netmap command opens in this checkout when given none (``sqlite:///netmap.db``). No
# test may write it: a newcomer's `netmap demo` here would then meet a store made with another key.
DEFAULT_STORE = Path(__file__).resolve().parents[1] / "netmap.db"
_DEFAULT_STORE_AT_START = pytest.StashKey[tuple[int, int] | None]()


def _stat(path: Path) -> tuple[int, int] | None:
    return (path.stat().st_mtime_ns, path.stat().st_size) if path.exists() else None


def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_DEFAULT_STORE_AT_START] = _stat(DEFAULT_STORE)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Fail the run (in the process that runs it, not each xdist worker) if a test wrote the default store."""
    if hasattr(session.config, "workerinput") or _stat(DEFAULT_STORE) == session.config.stash.get(
        _DEFAULT_STORE_AT_START, None
    ):
        return
    sys.stderr.write(
        f"\nA test made or changed {DEFAULT_STORE}, the default store of a netmap command run in this"
        " checkout: give it a store of its own (a --db or NETMAP_DB under tmp_path).\n"
    )
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _main_module_put_back() -> Iterator[None]:
    """Streamlit's AppTest runs app.py as ``__main__`` and leaves it there, and a process started with
    multiprocessing's "spawn" runs ``__main__`` again first: a later test's worker processes would
    each run the whole app on the default store. Every test ends with the ``__main__`` it began with."""
    main = sys.modules["__main__"]
    yield
    sys.modules["__main__"] = main


@pytest.fixture(scope="session")
def sample_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One SQLite file with the samples and the demo accounts, built once per session and copied."""
    path = tmp_path_factory.mktemp("samples") / "samples.db"
    with bootstrap(f"sqlite:///{path}", hasher=CHEAP_HASHER) as services:
        services.data.load_samples(SYSTEM_ACTOR, told_on=TOLD_ON)
        ensure_demo_users(services, SYSTEM_ACTOR)
    return path


def copy_samples(template: Path, url: str) -> str:
    """Put a copy of the sample store at the SQLite ``url`` (which must not exist yet); return ``url``."""
    target = Path(url.removeprefix("sqlite:///"))
    assert not target.exists(), target
    shutil.copyfile(template, target)
    return url


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'netmap.db'}"


@pytest.fixture
def services(db_url: str) -> Iterator[Services]:
    with bootstrap(db_url, hasher=CHEAP_HASHER) as svc:
        yield svc


@pytest.fixture
def sample_services(db_url: str, sample_store_file: Path) -> Iterator[Services]:
    """Services on a store of its own holding the sample cases and the demo accounts."""
    with bootstrap(copy_samples(sample_store_file, db_url), hasher=CHEAP_HASHER) as svc:
        yield svc


@pytest.fixture
def demo_actors(sample_services: Services) -> dict[str, Actor]:
    """Each demo account's Actor, by username."""
    return {u.username: sample_services.users.actor_for(u.username) for u in DEMO_USERS}
