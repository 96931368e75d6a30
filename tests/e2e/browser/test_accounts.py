"""In Chromium: on the Accounts page an admin gives an account a case and takes it away again, and
gives an account another role."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from netmap.bootstrap import bootstrap
from netmap.models import Grant, Role, User
from netmap.services.users import SYSTEM_ACTOR
from tests.conftest import CHEAP_HASHER

from .conftest import NetmapApp, Server

pytestmark = pytest.mark.e2e
OpenApp = Callable[..., NetmapApp]
KAI_TITLE = "Kai — Lifelong Links discovery"


def _viewer_cases(server: Server) -> set[str]:
    with bootstrap(server.db_url) as services:
        return {g.case_id for g in services.store.list(Grant) if g.username == "viewer"}


def test_the_admin_gives_a_case_and_takes_it_away(open_app: OpenApp, netmap_server: Server) -> None:
    before = _viewer_cases(netmap_server)
    admin = open_app("admin")
    admin.open_page("Accounts")
    page = admin.page
    admin.pick("Whose cases", "viewer")
    admin.pick("Give a case", KAI_TITLE)
    page.get_by_role("button", name="Give the case").click()
    admin.settle()
    expect(page.get_by_text(f"viewer may now work on {KAI_TITLE}.")).to_be_visible()
    assert _viewer_cases(netmap_server) == before | {"c-discovery-kai"}
    admin.pick("Take a case away", KAI_TITLE)
    page.get_by_role("button", name="Take the case away").click()
    admin.settle()
    expect(page.get_by_text(f"viewer no longer works on {KAI_TITLE}", exact=False)).to_be_visible()
    assert _viewer_cases(netmap_server) == before


def test_the_admin_makes_a_new_account_a_commissioner(open_app: OpenApp, netmap_server: Server) -> None:
    """An account of its own (the shared demo accounts keep their roles for the other tests)."""
    name = "rolechange"
    with bootstrap(netmap_server.db_url, hasher=CHEAP_HASHER) as services:
        services.users.add_user(
            SYSTEM_ACTOR, name, Role.VIEWER, "a long enough password", case_ids=("c-discovery-kai",)
        )
    admin = open_app("admin")
    admin.open_page("Accounts")
    page = admin.page
    admin.pick("Whose account", name)
    admin.pick("Another role (now viewer)", "Commissioner")
    page.get_by_role("button", name="Change the role").click()
    admin.settle()
    expect(
        page.get_by_text(f"{name}'s role is now commissioner and no longer works on any case")
    ).to_be_visible()
    with bootstrap(netmap_server.db_url) as services:
        user = services.store.get(User, name)
        grants = [g for g in services.store.list(Grant) if g.username == name]
    assert user is not None and user.role is Role.COMMISSIONER and grants == []
