"""In Chromium: the Ecomap page draws the map first. Its keyboard forms, downloads and "save the map"
are made only once opened, by a click or from the keyboard, and nothing a person does while the page
is still opening is lost (the page asks for no run of its own: every run is one the person asked for).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import NetmapApp, Server
from .test_case_editing import CASE_TITLE, OpenApp

pytestmark = pytest.mark.e2e

KEYBOARD = "Move, add and link people with the keyboard"
DOWNLOADS = "HTML, SVG, PNG and PDF, and a blank worksheet"
SAVE = "Save the map as it is today"


def _link(app: NetmapApp, title: str) -> None:
    """Click ``title`` in the navigation without waiting for anything after."""
    nav = app.page.get_by_test_id("stSidebarNav")
    nav.get_by_role("link", name=re.compile(rf"^\W*{re.escape(title)}$")).first.click()


def test_the_map_comes_alone_and_the_rest_opens_when_asked(open_app: OpenApp, netmap_server: Server) -> None:
    app = open_app("coordinator")
    app.choose_case(CASE_TITLE)
    app.open_page("Ecomap")
    page = app.page
    app.ecomap()
    for heading in ("Change the map with the keyboard", "Download the map"):
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    # closed, nothing in them was sent: no form, no text box, no download in the page (once the
    # run is over: until then the page before may still show, greyed)
    app.settle()
    expect(page.get_by_test_id("stForm")).to_have_count(0)
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(0)
    expect(page.get_by_role("textbox", name="What to call it")).to_have_count(0)
    # the keyboard forms open from the keyboard: Enter on the section's summary
    summary = page.locator("summary", has_text=KEYBOARD)
    summary.focus()
    page.keyboard.press("Enter")
    form = page.get_by_test_id("stForm").filter(has_text="Move someone to another ring or sector")
    expect(form.get_by_role("combobox", name="Who", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stForm").filter(has_text="Add someone to the map")).to_be_visible()
    page.locator("summary", has_text=DOWNLOADS).click()
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(5)
    page.locator("summary", has_text=SAVE).click()
    expect(page.get_by_role("textbox", name="What to call it")).to_be_visible()
    app.settle()
    # opened sections stay open through the page's later runs, and the map stays drawn
    expect(form).to_be_visible()
    expect(page.get_by_test_id("stDownloadButton")).to_have_count(5)
    assert page.locator(".nm-editor .nm-node.nm-ego").count() == 1
    # leaving and coming back starts them closed again
    app.open_page("Cases")
    app.open_page("Ecomap")
    app.ecomap()
    app.settle()
    expect(page.get_by_test_id("stForm")).to_have_count(0)
    assert app.page_errors == []


@pytest.mark.parametrize("round_", range(3))
def test_what_a_person_does_while_the_page_opens_is_kept(
    open_app: OpenApp, netmap_server: Server, round_: int
) -> None:
    app = open_app("coordinator")
    app.choose_case(CASE_TITLE)
    page = app.page
    # a section opened as soon as it shows, while the page may still be running
    _link(app, "Ecomap")
    page.locator("summary", has_text=KEYBOARD).click()
    form = page.get_by_test_id("stForm").filter(has_text="Move someone to another ring or sector")
    expect(form).to_be_visible()
    app.ecomap()
    app.settle()
    expect(form).to_be_visible()
    # a choice in the sidebar made the moment the map is drawn
    app.open_page("Cases")
    _link(app, "Ecomap")
    app.ecomap()
    view = page.get_by_test_id("stSidebar").get_by_role("radiogroup", name="Whose view")
    view.get_by_text("The practitioner's view").click()
    app.settle()
    expect(view.get_by_role("radio", name="The practitioner's view")).to_be_checked()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Ecomap: {CASE_TITLE}")
    expect(page.get_by_text("Showing every view.", exact=False)).to_have_count(0)
    # another page asked for the moment the map is drawn, and again before it is
    for wait_for_map in (True, False):
        app.open_page("Cases")
        _link(app, "Ecomap")
        if wait_for_map:
            app.ecomap()
        _link(app, "Genogram")
        app.settle()
        page.wait_for_timeout(500)  # a run asked for by anything else would have started by now
        app.settle()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Genogram: {CASE_TITLE}")
    assert app.page_errors == []
