"""Fixtures shared by every test layer: services on a fresh SQLite file, with or without the samples."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from netmap.bootstrap import Services, bootstrap
from netmap.services.access import Actor
from netmap.services.demo import DEMO_USERS, ensure_demo_users
from netmap.services.users import SYSTEM_ACTOR

# Every store encrypts restricted fields; tests share one throwaway key, set before any fixture
# (or any `netmap` subprocess a test starts) opens a store.
TEST_SECRET_KEY = "S2pC0pQk8Lm1x3Rf5Yb7Tq9Wn2Vd4Hg6Jz8Ke0Ma1Nc="
os.environ.setdefault("NETMAP_SECRET_KEY", TEST_SECRET_KEY)


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'netmap.db'}"


@pytest.fixture
def services(db_url: str) -> Iterator[Services]:
    with bootstrap(db_url) as svc:
        yield svc


@pytest.fixture
def sample_services(services: Services) -> Services:
    """Services on a store holding the sample cases and the demo accounts."""
    services.data.load_samples(SYSTEM_ACTOR)
    ensure_demo_users(services, SYSTEM_ACTOR)
    return services


@pytest.fixture
def demo_actors(sample_services: Services) -> dict[str, Actor]:
    """Each demo account's Actor, by username."""
    return {u.username: sample_services.users.actor_for(u.username) for u in DEMO_USERS}
