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
# Everyone the editor drew outside its map, and how many symbols it drew.
DRAWN_CHECK = """svg => {
  const box = svg.getBoundingClientRect();
  const nodes = Array.from(svg.querySelectorAll(".nm-node .nm-symbol"));
  const outside = nodes.filter(n => {
    const b = n.getBoundingClientRect();
    return b.left < box.left || b.top < box.top || b.right > box.right || b.bottom > box.bottom;
  }).map(n => n.parentNode.dataset.id);
  return {outside: outside, symbols: nodes.length};
}"""


def _network(server: Server, username: str) -> Network:
    with bootstrap(server.db_url) as services:
        return services.cases.get_network(services.users.actor_for(username), CASE_ID)


def _assert_drawn(app: NetmapApp, people: int) -> None:
    drawn = app.ecomap().locator("svg.nm-map").evaluate(DRAWN_CHECK)
    assert drawn["outside"] == [], "some people are drawn outside the visible ecomap"
    assert drawn["symbols"] == people, f"{drawn['symbols']} symbols are drawn for {people} people"


def test_ecomap_of_a_sample_case(open_app: OpenApp, netmap_server: Server) -> None:
    app = open_app("coordinator")
    app.choose_case(CASE_TITLE)
    app.open_page("Ecomap")
    network = _network(netmap_server, "coordinator")
    assert sorted(app.ecomap_labels()) == sorted(p.display_name for p in network.people)
    assert {e["id"] for e in app.ecomap_edges()} == {t.id for t in network.ties}
    editor = app.ecomap()
    expect(editor.locator(".nm-header")).to_contain_text("All views")
    expect(editor.locator(".nm-legend")).to_contain_text(f"{len(network.people)} people and services")
    _assert_drawn(app, len(network.people))
    editor.screenshot(path=artifact("ecomap.png"))


def test_genogram_of_a_sample_case(open_app: OpenApp, netmap_server: Server) -> None:
    app = open_app("coordinator")
    app.choose_case(CASE_TITLE)
    app.open_page("Genogram")
    network = _network(netmap_server, "coordinator")
    # a coordinator works on the tree: it is drawn in the page, each person selectable
    image = app.page.get_by_role("group", name=f"Genogram of the family of {network.ego.display_name}")
    expect(image.locator("svg")).to_be_visible()
    box = image.locator("svg").bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100, "the genogram was not drawn"
    svg = image.inner_html()
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
    editor = app.ecomap()
    expect(editor.locator(".nm-header")).to_contain_text("The young person's view")
    assert {e["id"] for e in app.ecomap_edges()} == theirs and theirs
    # their own map shows everyone, including the people they keep private from practitioners
    shown = set(editor.locator(".nm-node").evaluate_all("nodes => nodes.map(n => n.dataset.id)"))
    assert set(network.case.sharing.hidden_people) <= shown
    _assert_drawn(app, len(network.people))
    editor.screenshot(path=artifact("my_map.png"))
