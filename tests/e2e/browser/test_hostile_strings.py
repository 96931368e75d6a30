"""In Chromium: names and notes from public XSS and naughty-string lists are shown as text and never run."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from itertools import cycle

import pytest
from playwright.sync_api import expect
from pydantic import ValidationError

from netmap.bootstrap import bootstrap
from netmap.models import Case, Kin, KinType, Membership, Person, Sector, Tie, new_id
from tests.paths import PAYLOADS

from .conftest import NetmapApp, Server, artifact

pytestmark = pytest.mark.e2e

CASE_TITLE = "Hostile corpus <script>alert('case title')</script> & co"
EGO_NAME = "\"><svg onload=alert('ego')> Robin"
TYPED_NAME = "<img src=x onerror=alert('typed')> Ash"
# Streamlit fetches the Material icon named by st.set_page_config(page_icon=...) for the favicon.
STREAMLIT_ICON = "https://fonts.gstatic.com/s/i/short-term/release/materialsymbolsrounded/"
# Elements and handler attributes the payloads would leave in a document if they were parsed as HTML.
INJECTED = (
    "marquee, isindex, plaintext, xss, base, embed, object, "
    "[onerror], [onload], [onclick], [onmouseover], [onfocus], [formaction], [contenteditable][autofocus]"
)
OpenApp = Callable[..., NetmapApp]


def hostile_strings() -> list[str]:
    """Every line of the XSS list and every naughty string that is a valid name, each once, in file order."""
    lines = (PAYLOADS / "xss" / "generated-xss.txt").read_text(encoding="utf-8").splitlines()
    naughty = json.loads((PAYLOADS / "naughty-strings" / "blns.json").read_text(encoding="utf-8"))
    kept: dict[str, None] = {}
    for text in [*lines, *naughty]:
        try:
            name = Person(id="p-check", name=text[:120]).name
        except ValidationError:  # blank, or control characters the model refuses on purpose
            continue
        kept.setdefault(name, None)
    return list(kept)


@pytest.fixture(scope="module")
def hostile_case(netmap_server: Server) -> Iterator[tuple[str, list[str]]]:
    """A case whose title, people, roles, agencies, notes and family links are hostile strings."""
    names = hostile_strings()
    with bootstrap(netmap_server.db_url) as services:
        coordinator = services.users.actor_for("coordinator")
        ego = Person(id=new_id("p"), name=EGO_NAME, known_as=EGO_NAME)
        case = services.cases.create_case(
            coordinator, Case(id=new_id("c"), title=CASE_TITLE, ego_id=ego.id, notes=CASE_TITLE), ego
        )
        coordinator = services.users.actor_for("coordinator")
        relatives = iter([KinType.BIRTH_PARENT, KinType.BIRTH_PARENT, *[KinType.SIBLING] * 10])
        for name, sector, ring in zip(names, cycle(list(Sector)), cycle([1, 2, 3, 4]), strict=False):
            person = Person(id=new_id("p"), name=name, agency=name[:200])
            membership = Membership.make(case.id, person.id, sector=sector, ring=ring, role_label=name[:200])
            services.network.add_member(coordinator, case.id, person, membership)
            tie = Tie(id=new_id("t"), case_id=case.id, from_id=ego.id, to_id=person.id, notes=name)
            services.network.add_tie(coordinator, tie)
            kind = next(relatives, None) if sector is Sector.FAMILY else None
            if kind is not None:
                kin = Kin(id=new_id("k"), from_id=person.id, to_id=ego.id, kind=kind, notes=name)
                services.network.add_kin(coordinator, case.id, kin)
    yield case.title, names


def _assert_nothing_ran(app: NetmapApp, where: str) -> None:
    assert app.fired() == {}, f"{where}: a dialog function was called"
    assert app.dialogs == [], f"{where}: a dialog opened"
    assert app.page_errors == [], f"{where}: a script threw"
    assert [u for u in app.outside_requests if not u.startswith(STREAMLIT_ICON)] == [], f"{where}: fetched"
    broken = [m.text for m in app.console if re.search(r"SyntaxError|Uncaught|XSS|Content Security", m.text)]
    assert broken == [], f"{where}: the console shows script trouble"
    for frame in app.page.frames:
        found = frame.evaluate("(selector) => document.querySelectorAll(selector).length", INJECTED)
        assert found == 0, f"{where}: {found} injected elements in frame {frame.url}"


def _hover_some_nodes(app: NetmapApp, titles: dict[str, str], count: int) -> None:
    """Hover nodes whose tooltip holds markup; each tooltip must show that markup as plain text."""
    frame = app.ecomap_frame()
    canvas = frame.locator("#mynetwork canvas").bounding_box()
    assert canvas is not None
    marked = [node_id for node_id, title in titles.items() if "<" in title][:count]
    for node_id in marked:
        point = frame.evaluate("(id) => network.canvasToDOM(network.getPosition(id))", node_id)
        app.page.mouse.move(canvas["x"] + point["x"], canvas["y"] + point["y"])
        tooltip = frame.locator("div.vis-tooltip")
        expect(tooltip).to_be_visible()
        shown = " ".join(tooltip.inner_text().split())
        assert shown in {" ".join(t.split()) for t in titles.values()}, (
            "a tooltip is not one node's title as text"
        )
        # innerText turns the title's line breaks into <br>; any other element means it was parsed as HTML
        assert tooltip.locator(":not(br)").count() == 0, (
            "a tooltip holds elements: its title was parsed as HTML"
        )
        app.page.mouse.move(canvas["x"] + 5, canvas["y"] + 5)


def test_hostile_names_and_notes_never_run_anywhere(
    open_app: OpenApp, hostile_case: tuple[str, list[str]]
) -> None:
    title, names = hostile_case
    app = open_app("coordinator")
    app.choose_case(title)
    _assert_nothing_ran(app, "Cases")

    app.open_page("People")
    form = app.page.get_by_test_id("stForm").filter(has_text="Add someone to the map")
    form.get_by_role("textbox", name="Full name").fill(TYPED_NAME)
    form.get_by_role("button", name="Add to map").click()
    expect(app.page.get_by_text(f"{TYPED_NAME} was added to the map.")).to_be_visible()
    expect(app.page.get_by_role("heading", level=1)).to_have_text(f"People: {title}")
    _assert_nothing_ran(app, "People")

    app.open_page("Ecomap")
    expect(app.page.get_by_role("heading", level=1)).to_have_text(f"Ecomap: {title}")
    labels = app.ecomap_labels()
    assert set(labels) == {*names, TYPED_NAME, EGO_NAME}, "ecomap labels must be the typed text, unchanged"
    frame = app.ecomap_frame()
    expect(frame.locator("#ecomap-header strong")).to_have_text(f"Ecomap: {title}")
    titles = {str(n["id"]): str(n["title"]) for n in frame.evaluate("() => nodes.get()")}
    _hover_some_nodes(app, titles, count=8)
    frame.frame_element().screenshot(path=artifact("ecomap_hostile.png"))
    _assert_nothing_ran(app, "Ecomap")

    for page in ("Genogram", "Insights"):
        app.open_page(page)
        expect(app.page.get_by_role("heading", level=1)).to_have_text(f"{page}: {title}")
        _assert_nothing_ran(app, page)
