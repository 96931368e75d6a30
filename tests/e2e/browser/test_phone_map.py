"""In Chromium on a phone-sized screen: the young person's own map opens whole, with names large enough to read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORDS, NetmapApp, Server, artifact
from .test_case_editing import CASE_TITLE, EGO_ID

pytestmark = pytest.mark.e2e

OpenApp = Callable[..., NetmapApp]
PHONE = {"width": 360, "height": 740}
# How high (CSS px) the editor draws the young person's name and the smallest name, where the young
# person sits in the map (as a fraction of its width and height) and how far from them the others are.
LABELS = """(svg, egoId) => {
  const box = svg.getBoundingClientRect();
  const sizes = Array.from(svg.querySelectorAll(".nm-label")).map(t => t.getBoundingClientRect().height);
  const ego = svg.querySelector(`.nm-node[data-id="${egoId}"]`);
  const name = ego.querySelector(".nm-label").getBoundingClientRect();
  const symbol = ego.querySelector(".nm-symbol").getBoundingClientRect();
  const centre = (r) => [r.x + r.width / 2, r.y + r.height / 2];
  const [ex, ey] = centre(symbol);
  const others = Array.from(svg.querySelectorAll(".nm-node:not(.nm-ego) .nm-symbol"));
  const spread = others.reduce((sum, n) => {
    const [x, y] = centre(n.getBoundingClientRect());
    return sum + Math.hypot(x - ex, y - ey);
  }, 0) / others.length;
  return {
    spread: spread,
    ego: name.height,
    smallest: Math.min(...sizes),
    width: box.width,
    egoAt: [(symbol.x + symbol.width / 2 - box.x) / box.width, (symbol.y + symbol.height / 2 - box.y) / box.height],
  };
}"""


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    """A phone: 360 x 740 CSS pixels, touch, drawn at twice the density."""
    return {
        **browser_context_args,
        "viewport": PHONE,
        "screen": PHONE,
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    }


def _log_in_on_a_phone(app: NetmapApp, username: str) -> None:
    """Log in; on a phone the sidebar starts folded away, so open it to reach the pages."""
    app.page.goto(app.base_url)
    app.page.get_by_role("textbox", name="Username").fill(username)
    app.page.get_by_role("textbox", name="Password").fill(PASSWORDS[username])
    app.page.get_by_role("button", name="Log in").click()
    app.page.get_by_test_id("stExpandSidebarButton").click()
    app.page.get_by_text("Signed in as").wait_for()


def test_my_map_on_a_phone_opens_whole_and_readable(open_app: OpenApp, netmap_server: Server) -> None:
    jordan = open_app()
    _log_in_on_a_phone(jordan, "jordan")
    jordan.open_page("My map")
    jordan.page.get_by_role("button", name="Collapse sidebar").click()
    expect(jordan.page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    editor = jordan.ecomap()
    svg = editor.locator("svg.nm-map")
    jordan.settle()
    shown = svg.evaluate(LABELS, EGO_ID)
    jordan.screenshot("my_map_phone.png")
    assert shown["width"] <= PHONE["width"], f"the map is {shown['width']} px wide, not a phone's"
    # names keep their size at any zoom: the whole map shows and every name is readable
    assert shown["ego"] >= 11, f"the young person's name is drawn {shown['ego']:.1f} px high"
    assert shown["smallest"] >= 11, f"the smallest name is drawn {shown['smallest']:.1f} px high"
    x, y = shown["egoAt"]
    assert 0.3 < x < 0.7 and 0.3 < y < 0.7, f"the young person is not near the middle: {shown['egoAt']}"
    box = svg.bounding_box()
    assert box is not None
    for name in editor.locator(".nm-sector-name").all():
        at = name.bounding_box()
        assert at is not None and box["x"] <= at["x"] and at["x"] + at["width"] <= box["x"] + box["width"]

    zoom_in = editor.get_by_role("button", name="Zoom in")
    zoom_in.tap()
    closer = svg.evaluate(LABELS, EGO_ID)
    assert closer["spread"] > shown["spread"] * 1.3, "zooming in spreads people out"
    assert closer["smallest"] >= shown["smallest"], "zooming in never makes names smaller"
    editor.get_by_role("button", name="Whole map").tap()
    assert svg.evaluate(LABELS, EGO_ID)["egoAt"] == shown["egoAt"]
    editor.screenshot(path=artifact("my_map_phone_whole.png"))


def test_on_a_phone_the_ecomap_page_keyboard_forms_open_with_a_tap(
    open_app: OpenApp, netmap_server: Server
) -> None:
    """The Ecomap page's keyboard forms wait closed under the map; a tap opens them, and they fit."""
    app = open_app()
    _log_in_on_a_phone(app, "coordinator")
    page = app.page
    for title in ("Cases", "Ecomap"):
        expand = page.get_by_test_id("stExpandSidebarButton")
        if expand.is_visible():
            expand.click()
        app.open_page(title)
        page.get_by_role("button", name="Collapse sidebar").click()  # on a phone it covers the page
        if title == "Cases":
            app.pick("Work on case", CASE_TITLE)
    app.ecomap()
    assert page.get_by_test_id("stForm").count() == 0
    summary = page.locator("summary", has_text="Move, add and link people with the keyboard")
    summary.scroll_into_view_if_needed()
    summary.tap()
    form = page.get_by_test_id("stForm").filter(has_text="Move someone to another ring or sector")
    expect(form).to_be_visible()
    app.settle()
    box = form.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
