"""In Chromium: the ecomap, genogram and My map of the sample cases render fully; screenshots are kept."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from netmap.bootstrap import bootstrap
from netmap.models import Network, Perspective

from .conftest import NetmapApp, Server, artifact

pytestmark = pytest.mark.e2e

CASE_ID = "c-always-hope"
CASE_TITLE = "Jordan — Always Hope release plan"
OpenApp = Callable[..., NetmapApp]
# Counts pixels that are not near-white on the network canvas, and nodes drawn outside it.
CANVAS_CHECK = """() => {
  const canvas = document.querySelector("#mynetwork canvas");
  const data = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200)) inked++;
  }
  const box = canvas.getBoundingClientRect();
  const outside = nodes.getIds().filter(id => {
    const p = network.canvasToDOM(network.getPosition(id));
    return p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height;
  });
  return {inked: inked / (data.length / 4), outside: outside};
}"""


def _network(server: Server, username: str) -> Network:
    with bootstrap(server.db_url) as services:
        return services.cases.get_network(services.users.actor_for(username), CASE_ID)


def _assert_drawn(app: NetmapApp) -> None:
    drawn = app.ecomap_frame().evaluate(CANVAS_CHECK)
    assert drawn["outside"] == [], "some people are drawn outside the visible ecomap"
    assert drawn["inked"] > 0.02, f"the ecomap canvas is nearly blank ({drawn['inked']:.1%} inked)"


def test_ecomap_of_a_sample_case(open_app: OpenApp, netmap_server: Server) -> None:
    app = open_app("coordinator")
    app.choose_case(CASE_TITLE)
    app.open_page("Ecomap")
    network = _network(netmap_server, "coordinator")
    assert sorted(app.ecomap_labels()) == sorted(p.display_name for p in network.people)
    assert {e["id"] for e in app.ecomap_edges()} == {t.id for t in network.ties}
    frame = app.ecomap_frame()
    expect(frame.locator("#ecomap-header")).to_contain_text("All views")
    expect(frame.locator("#ecomap-legend")).to_contain_text(f"{len(network.people)} people and services")
    _assert_drawn(app)
    frame.frame_element().screenshot(path=artifact("ecomap.png"))


def test_genogram_of_a_sample_case(open_app: OpenApp, netmap_server: Server) -> None:
    app = open_app("coordinator")
    app.choose_case(CASE_TITLE)
    app.open_page("Genogram")
    network = _network(netmap_server, "coordinator")
    image = app.page.get_by_role("img", name=f"Genogram of the family of {network.ego.display_name}")
    expect(image).to_be_visible()
    assert image.evaluate("img => img.complete && img.naturalWidth > 0"), "the genogram image did not load"
    svg = image.evaluate("img => fetch(img.src).then(response => response.text())")
    related = {p for k in network.kin for p in (k.from_id, k.to_id)}
    for person in network.people:
        if person.id in related:
            assert f">{person.display_name}<" in svg, f"{person.display_name} is missing from the genogram"
    image.screenshot(path=artifact("genogram.png"))


def test_my_map_is_the_young_persons_own_view(open_app: OpenApp, netmap_server: Server) -> None:
    app = open_app("jordan")
    app.open_page("My map")
    expect(app.page.get_by_role("heading", level=1)).to_have_text("My map")
    network = _network(netmap_server, "jordan")
    theirs = {t.id for t in network.ties if t.perspective is Perspective.YOUNG_PERSON}
    frame = app.ecomap_frame()
    expect(frame.locator("#ecomap-header")).to_contain_text("The young person's view")
    assert {e["id"] for e in app.ecomap_edges()} == theirs and theirs
    # their own map shows everyone, including the people they keep private from practitioners
    assert set(network.case.sharing.hidden_people) <= {str(i) for i in frame.evaluate("() => nodes.getIds()")}
    _assert_drawn(app)
    frame.frame_element().screenshot(path=artifact("my_map.png"))
