"""Every page of the navigation opens without an error for every role that may see it."""

from __future__ import annotations

import pytest

from netmap.cli.demo_users import DEMO_USERS
from netmap.services.access import Actor
from netmap.views.pages import PAGES, visible
from tests.e2e.conftest import ACCOUNT_CASES, PageAs

CELLS = sorted(
    {
        (spec.module, user.username)
        for spec in PAGES
        for user in DEMO_USERS
        if visible(spec, Actor(user.username, user.role))
    }
)


def test_every_role_has_pages_and_every_demo_account_is_covered() -> None:
    assert {u.username for u in DEMO_USERS} == set(ACCOUNT_CASES)
    assert {username for _, username in CELLS} == set(ACCOUNT_CASES)


@pytest.mark.parametrize(("module", "username"), CELLS, ids=[f"{m.rsplit('.', 1)[1]}-{u}" for m, u in CELLS])
def test_page_opens(page_as: PageAs, module: str, username: str) -> None:
    at = page_as(module, username, ACCOUNT_CASES[username])
    assert not at.exception, at.exception
    assert not [e.value for e in at.error], "a page opened on a case its user holds shows no error"
