"""In Chromium: a coordinator adds a person and a tie; the young person changes their own view on My map."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from netmap.bootstrap import bootstrap
from netmap.models import Membership, Person, Perspective, Tie, Valence, membership_id

from .conftest import NetmapApp, Server

pytestmark = pytest.mark.e2e

CASE_ID = "c-always-hope"
CASE_TITLE = "Jordan — Always Hope release plan"
EGO_ID = "p-ah-jordan"
EGO_LABEL = "JJ"
OpenApp = Callable[..., NetmapApp]


def _node_id(app: NetmapApp, label: str) -> str:
    ids = (
        app.ecomap()
        .locator(".nm-node")
        .evaluate_all(
            "(nodes, label) => nodes.filter(n => n.dataset.label === label).map(n => n.dataset.id)", label
        )
    )
    assert len(ids) == 1, f"expected one ecomap person named {label!r}, found {ids}"
    return str(ids[0])


def _open_panel(app: NetmapApp, node_id: str) -> str:
    """Click a person where the editor drew them; return the text of the panel that opens."""
    symbol = app.ecomap().locator(f".nm-node[data-id='{node_id}'] .nm-symbol")
    symbol.scroll_into_view_if_needed()
    box = symbol.bounding_box()
    svg = app.ecomap().locator("svg.nm-map").bounding_box()
    assert box is not None and svg is not None
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    assert svg["x"] <= x <= svg["x"] + svg["width"], "the person is drawn outside the visible map"
    assert svg["y"] <= y <= svg["y"] + svg["height"], "the person is drawn outside the visible map"
    app.page.mouse.click(x, y)
    panel = app.page.get_by_role("dialog")
    expect(panel).to_be_visible()
    return panel.inner_text()


def _whole_map_shown(app: NetmapApp) -> list[str]:
    """The sector names and outer ring parts drawn outside the visible map (none when the whole map shows)."""
    svg = app.ecomap().locator("svg.nm-map").bounding_box()
    assert svg is not None
    cut = []
    for name in app.ecomap().locator(".nm-sector-name").all():
        box = name.bounding_box()
        assert box is not None
        if box["x"] < svg["x"] or box["x"] + box["width"] > svg["x"] + svg["width"] or box["y"] < svg["y"]:
            cut.append(name.inner_text())
    outer = app.ecomap().locator(".nm-orbit").last
    cx, cy, r = (float(outer.get_attribute(a) or 0) for a in ("cx", "cy", "r"))
    if cx - r < 0 or cy - r < 0 or cx + r > svg["width"] or cy + r > svg["height"]:
        cut.append("the outer ring")
    return cut


def test_coordinator_adds_a_person_and_a_tie_and_sees_them_on_the_ecomap(
    open_app: OpenApp, netmap_server: Server
) -> None:
    name = f"Morwenna Tregarthen {uuid.uuid4().hex[:6]}"
    app = open_app("coordinator")
    app.choose_case(CASE_TITLE)
    app.open_page("People")
    form = app.page.get_by_test_id("stForm").filter(has_text="Add someone to the map")
    form.get_by_role("textbox", name="Full name").fill(name)
    form.get_by_role("textbox", name="Who they are to the young person", exact=False).fill("mentor")
    app.pick("Sector", "Peers & community", within=form)
    form.get_by_role("button", name="Add to map").click()
    expect(app.page.get_by_text(f"{name} was added to the map.")).to_be_visible()

    ties = app.page.get_by_test_id("stForm").filter(has_text="Record a relationship")
    app.pick("Between", EGO_LABEL, within=ties)
    app.pick("And", name, within=ties)
    ties.get_by_role("textbox", name="Notes").fill("Meets JJ every week at the climbing wall.")
    ties.get_by_role("radiogroup", name="Whose view is this").get_by_text("The practitioner's view").click()
    ties.get_by_role("button", name="Save relationship").click()
    expect(app.page.get_by_text("The relationship was saved.")).to_be_visible()

    with bootstrap(netmap_server.db_url) as services:
        (person,) = [p for p in services.store.list(Person) if p.name == name]
        membership = services.store.get(Membership, membership_id(CASE_ID, person.id))
        stored_ties = [t for t in services.store.list(Tie) if person.id in (t.from_id, t.to_id)]
    assert membership is not None and membership.role_label == "mentor"
    assert [(t.case_id, t.from_id, t.to_id, t.perspective) for t in stored_ties] == [
        (CASE_ID, EGO_ID, person.id, Perspective.PRACTITIONER)
    ]

    app.open_page("Ecomap")
    assert name in app.ecomap_labels()
    new_node = _node_id(app, name)
    assert new_node == person.id
    joined = [e for e in app.ecomap_edges() if {e["from"], e["to"]} == {EGO_ID, person.id}]
    assert len(joined) == 1 and "climbing wall" in joined[0]["title"]
    assert name in _open_panel(app, new_node)
    app.screenshot("ecomap_new_person.png")


def _edge_titles(app: NetmapApp) -> dict[str, str]:
    return {str(e["id"]): str(e["title"]) for e in app.ecomap_edges()}


def test_young_person_changes_their_view_and_the_coordinator_sees_both_views(
    open_app: OpenApp, netmap_server: Server
) -> None:
    note = f"Mum rang me every Sunday {uuid.uuid4().hex[:6]}"
    jordan = open_app("jordan")
    jordan.open_page("My map")
    # the first view of their map holds the whole outer ring and the sector names around it
    cut = _whole_map_shown(jordan)
    assert cut == [], f"the map is cut off at {cut}"
    jordan.pick("Who do you want to talk about?", "Donna Ashby")
    form = jordan.page.get_by_test_id("stForm").filter(has_text="You and Donna Ashby")
    form.get_by_role("radiogroup", name="Is this relationship good for you?").get_by_text(
        "Good for me"
    ).click()
    form.get_by_role("textbox", name="In your own words", exact=False).fill(note)
    form.get_by_role("button", name="Save how I see it").click()
    # the page says so in its message area and, for phones, in a toast as well
    saved = "Saved how you see Donna Ashby."
    expect(jordan.page.get_by_test_id("stAlertContentSuccess").get_by_text(saved)).to_be_visible()
    expect(jordan.page.get_by_test_id("stToastText").get_by_text(saved)).to_be_visible()
    jordan.screenshot("my_map_rating.png", full_page=True)

    with bootstrap(netmap_server.db_url) as services:
        theirs = services.store.get(Tie, "t-ah-donna-yp")
        ours = services.store.get(Tie, "t-ah-donna")
    assert theirs is not None and ours is not None
    assert (theirs.valence, theirs.notes, theirs.perspective) == (
        Valence.POSITIVE,
        note,
        Perspective.YOUNG_PERSON,
    )
    assert ours.valence is Valence.STRESSFUL and ours.perspective is Perspective.PRACTITIONER

    coordinator = open_app("coordinator")
    coordinator.choose_case(CASE_TITLE)
    coordinator.open_page("Ecomap")
    titles = _edge_titles(coordinator)
    assert "The young person's view" in titles["t-ah-donna-yp"] and note in titles["t-ah-donna-yp"]
    assert titles["t-ah-donna-yp"].splitlines()[1].startswith("Positive")
    assert "The practitioner's view" in titles["t-ah-donna"]
    assert titles["t-ah-donna"].splitlines()[1].startswith("Stressful")

    coordinator.page.get_by_role("radiogroup", name="Whose view").get_by_text(
        "The young person's view"
    ).click()
    coordinator.settle()
    expect(coordinator.ecomap().locator(".nm-header")).to_contain_text("The young person's view")
    only_theirs = _edge_titles(coordinator)
    assert "t-ah-donna-yp" in only_theirs and "t-ah-donna" not in only_theirs
