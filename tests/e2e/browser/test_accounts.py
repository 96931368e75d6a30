"""In Chromium: an admin gives an account a case and takes it away again on the Accounts page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from netmap.bootstrap import bootstrap
from netmap.models import Grant

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
