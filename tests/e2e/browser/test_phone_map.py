"""In Chromium on a phone-sized screen: the young person's own map opens with names large enough to read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from netmap.renderers.ecomap_layout import ring_extent

from .conftest import PASSWORDS, NetmapApp, Server, artifact
from .test_case_editing import EGO_ID, OFF_CANVAS

pytestmark = pytest.mark.e2e

OpenApp = Callable[..., NetmapApp]
PHONE = {"width": 360, "height": 740}
# How high (CSS px) vis-network draws the young person's name and the smallest name, and where the
# young person sits on the canvas.
LABELS = """(egoId) => {
  const scale = network.getScale();
  const sizes = nodes.get().map(n => (n.font && n.font.size) || 14);
  const box = document.querySelector("#mynetwork canvas").getBoundingClientRect();
  const ego = network.canvasToDOM(network.getPosition(egoId));
  return {
    ego: scale * nodes.get(egoId).font.size,
    smallest: scale * Math.min(...sizes),
    canvasWidth: box.width,
    egoAt: [ego.x / box.width, ego.y / box.height],
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


def test_my_map_on_a_phone_opens_readable_and_the_whole_map_is_a_tap_away(
    open_app: OpenApp, netmap_server: Server
) -> None:
    jordan = open_app()
    _log_in_on_a_phone(jordan, "jordan")
    jordan.open_page("My map")
    jordan.page.get_by_role("button", name="Collapse sidebar").click()
    expect(jordan.page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    frame = jordan.ecomap_frame()
    frame.locator("#ecomap-header").evaluate("header => header.scrollIntoView({block: 'start'})")
    # the first view is chosen once vis-network has drawn; wait until the young person is in view
    frame.wait_for_function(f"() => ({OFF_CANVAS})([[0, 0]]).length === 0 && network.getScale() > 0")
    jordan.settle()
    shown = frame.evaluate(LABELS, EGO_ID)
    jordan.screenshot("my_map_phone.png")
    assert shown["canvasWidth"] < 400, f"the map is {shown['canvasWidth']} px wide, not a phone's"
    assert shown["ego"] >= 11, f"the young person's name is drawn {shown['ego']:.1f} px high"
    assert shown["smallest"] >= 11, f"the smallest name is drawn {shown['smallest']:.1f} px high"
    x, y = shown["egoAt"]
    assert 0.3 < x < 0.7 and 0.3 < y < 0.7, f"the young person is not near the middle: {shown['egoAt']}"

    whole = frame.get_by_role("button", name="Show the whole map")
    expect(whole).to_be_visible()
    whole.click()
    box = ring_extent()
    edges = [[box["left"], 0], [box["right"], 0], [0, box["top"]], [0, box["bottom"]]]
    frame.wait_for_function(f"(edges) => ({OFF_CANVAS})(edges).length === 0", arg=edges)
    expect(frame.get_by_role("button", name="Zoom in on the centre")).to_be_visible()
    frame.locator("#mynetwork").screenshot(path=artifact("my_map_phone_whole.png"))
