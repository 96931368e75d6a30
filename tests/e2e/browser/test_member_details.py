"""In Chromium: completing someone's details on the People page after they were added in a hurry."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date

import pytest
from playwright.sync_api import expect

from netmap.bootstrap import bootstrap
from netmap.models import Membership, Person

from .conftest import NetmapApp, Server

pytestmark = pytest.mark.e2e
OpenApp = Callable[..., NetmapApp]

MAISIE = "c-discovery-kai-sister"
AVA = "p-mai-ava"


def test_the_coordinator_adds_a_birth_date_and_a_role_and_they_are_kept(
    open_app: OpenApp, netmap_server: Server
) -> None:
    app = open_app("coordinator")
    app.choose_case("Maisie — Lifelong Links discovery")
    app.open_page("People")
    page = app.page
    app.pick("Change someone's details", "Ava Thompson")
    form = page.get_by_test_id("stForm").filter(has_text="Save details")
    known_as = f"Aves {uuid.uuid4().hex[:6]}"
    form.get_by_role("textbox", name="Known as", exact=True).fill(known_as)
    app.type_date(form, "Date of birth", date(2014, 6, 1))
    role = form.get_by_role("textbox", name="Who they are to the young person", exact=False)
    role.fill("Best friend from Linwood Academy")
    form.get_by_role("button", name="Save details").click()
    app.settle()
    expect(page.get_by_text(f"Saved the details of {known_as}.")).to_be_visible()
    with bootstrap(netmap_server.db_url) as services:
        person = services.store.get(Person, AVA)
        membership = services.store.get(Membership, f"{MAISIE}|{AVA}")
    assert person is not None and membership is not None
    assert (person.known_as, person.birth_date, person.birth_year) == (known_as, date(2014, 6, 1), 2014)
    assert membership.role_label == "Best friend from Linwood Academy"
    # the table of people shows the new role at once
    expect(page.get_by_test_id("stDataFrame").first).to_contain_text("Best friend from Linwood Academy")
