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
    assert app.outside_requests == [], f"{where}: fetched"
    broken = [m.text for m in app.console if re.search(r"SyntaxError|Uncaught|XSS|Content Security", m.text)]
    assert broken == [], f"{where}: the console shows script trouble"
    for frame in app.page.frames:
        # a locator looks inside open shadow roots too, where the ecomap editor draws
        found = frame.locator(INJECTED).count()
        assert found == 0, f"{where}: {found} injected elements in frame {frame.url}"


def _open_some_panels(app: NetmapApp, titles: dict[str, str], count: int) -> None:
    """Open the panels of people whose details hold markup; each must show that markup as plain text."""
    editor = app.ecomap()
    marked = [node_id for node_id, title in titles.items() if "<" in title][:count]
    assert marked
    for node_id in marked:
        # from the keyboard: the crowded map draws people over each other, a focused one is the one meant
        editor.locator(f".nm-node[data-id='{node_id}']").focus()
        app.page.keyboard.press("Enter")
        panel = editor.get_by_role("dialog")
        expect(panel).to_be_visible()
        lines = titles[node_id].splitlines()
        expect(panel.get_by_role("heading")).to_have_text(lines[0])
        for line in lines[1:]:
            expect(panel.locator("p.nm-line").filter(has_text=line).first).to_be_visible()
        allowed = "h3, p, ul, li, button, div"
        assert panel.locator(f":not({allowed})").count() == 0, "a panel holds elements parsed from a name"
        app.page.keyboard.press("Escape")


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
    editor = app.ecomap()
    titles = dict(
        editor.locator(".nm-node").evaluate_all(
            "nodes => nodes.map(n => [n.dataset.id, n.querySelector('title').textContent])"
        )
    )
    _open_some_panels(app, titles, count=8)
    editor.screenshot(path=artifact("ecomap_hostile.png"))
    # the keyboard forms name everyone too, once opened
    app.page.locator("summary", has_text="Move, add and link people with the keyboard").click()
    expect(app.page.get_by_role("button", name="Move", exact=True)).to_be_visible()
    _assert_nothing_ran(app, "Ecomap")

    for page in ("Genogram", "Insights", "History"):
        app.open_page(page)
        expect(app.page.get_by_role("heading", level=1)).to_have_text(f"{page}: {title}")
        _assert_nothing_ran(app, page)
