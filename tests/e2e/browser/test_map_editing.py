"""In Chromium: the ecomap edited in place, at 1400 x 900 with a mouse (a coordinator on the Ecomap page,
the practitioner's view) and at 390 x 844 with a finger (Jordan on My map, his own view). Every test
checks the stored records through the services, not only the screen.

The module has a server and store of its own, so its edits never meet another module's expectations.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from playwright.sync_api import Locator, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from netmap.bootstrap import bootstrap
from netmap.cli.demo_users import ensure_demo_users
from netmap.models import Membership, Perspective, SupportDirection, SupportDomain, Tie, Valence
from netmap.services.users import SYSTEM_ACTOR

from .conftest import PASSWORDS, NetmapApp, Server, start_server, stop_server
from .map_editor import Finger, MapOnScreen, Mouse

pytestmark = pytest.mark.e2e

CASE_ID = "c-always-hope"
CASE_TITLE = "Jordan — Always Hope release plan"
EGO = "p-ah-jordan"
OpenApp = Callable[..., NetmapApp]
DESKTOP = {"viewport": {"width": 1400, "height": 900}}
PHONE_SIZE = {"width": 390, "height": 844}
PHONE = {
    "viewport": PHONE_SIZE,
    "screen": PHONE_SIZE,
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}


@dataclass(frozen=True)
class Device:
    name: str
    context: dict[str, Any]
    username: str
    perspective: Perspective  # the view edited: where a placement is kept, whose ties are drawn
    # the people each test moves, one per screen, so the two runs of a test never meet
    people: dict[str, str]

    @property
    def phone(self) -> bool:
        return self.name == "phone"


DEVICES = {
    "desktop": Device(
        "desktop",
        DESKTOP,
        "coordinator",
        Perspective.PRACTITIONER,
        {"drag": "p-ah-linda", "undo": "p-ah-daniel", "stale": "p-ah-sarah", "keyboard": "p-ah-reece"},
    ),
    "phone": Device(
        "phone",
        PHONE,
        "jordan",
        Perspective.YOUNG_PERSON,
        {"drag": "p-ah-raymond", "undo": "p-ah-kyle", "stale": "p-ah-marcus", "keyboard": "p-ah-priya"},
    ),
}


@pytest.fixture(scope="module")
def map_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("map-editing")
    url = f"sqlite:///{folder / 'netmap.db'}"
    with bootstrap(url) as services:
        services.data.load_samples(SYSTEM_ACTOR)
        ensure_demo_users(services, SYSTEM_ACTOR)
    server = start_server("serve", url, folder / "serve.log")
    yield server
    stop_server(server)


@pytest.fixture(params=list(DEVICES))
def screen(request: pytest.FixtureRequest) -> Device:
    """The screen and input a test runs with (not "device": pytest-playwright has a fixture of that name)."""
    return DEVICES[request.param]


@pytest.fixture
def browser_context_args(browser_context_args: dict[str, Any], screen: Device) -> dict[str, Any]:
    return {**browser_context_args, **screen.context}


def _membership(server: Server, person_id: str) -> Membership:
    with bootstrap(server.db_url) as services:
        membership = services.store.get(Membership, f"{CASE_ID}|{person_id}")
    assert membership is not None
    return membership


def _ties(server: Server) -> list[Tie]:
    with bootstrap(server.db_url) as services:
        return services.store.list(Tie, case_id=CASE_ID)


def _ring_in_view(membership: Membership, screen: Device) -> int:
    own = membership.young_person_place
    return own.ring if screen.perspective is Perspective.YOUNG_PERSON and own else membership.ring


class OnMap:
    """One person's browser on the map: the page, the map on it, and their mouse or finger."""

    def __init__(self, app: NetmapApp, screen: Device) -> None:
        self.app = app
        self.screen = screen
        self.map = MapOnScreen(app.page)
        self.hand: Mouse | Finger = Finger(app.page) if screen.phone else Mouse(app.page)

    def press(self, target: Locator) -> None:
        target.scroll_into_view_if_needed()
        if self.screen.phone:
            target.tap()
        else:
            target.click()

    def drag_to_ring(self, person_id: str, ring: float) -> None:
        angle = self.map.angle_of(person_id)
        seq = self.map.seq()
        self.hand.drag(self.map.centre_of(person_id), self.map.ring_point(ring, angle))
        self.map.wait_after(seq)

    def change(self, action: Callable[[], None]) -> None:
        seq = self.map.seq()
        action()
        self.map.wait_after(seq)


def _open(open_app: OpenApp, screen: Device, server: Server) -> OnMap:
    app = open_app(server=server)
    page = app.page
    page.goto(server.url)
    page.get_by_role("textbox", name="Username").fill(screen.username)
    page.get_by_role("textbox", name="Password").fill(PASSWORDS[screen.username])
    page.get_by_role("button", name="Log in").click()
    if screen.phone:
        page.get_by_test_id("stExpandSidebarButton").click()
    page.get_by_text("Signed in as").wait_for()
    if screen.phone:
        app.open_page("My map")
        page.get_by_role("button", name="Collapse sidebar").click()
    else:
        app.choose_case(CASE_TITLE)
        app.open_page("Ecomap")
    on_map = OnMap(app, screen)
    on_map.map.wait_for_map()
    # The map is drawn before Streamlit's run ends; a tap while the rest of the page still lays out
    # can land where the map no longer is (seen once on a loaded machine: the add panel never opened).
    app.settle()
    return on_map


# --------------------------------------------------------------------------- the done-means list


def test_dragging_a_person_to_ring_1_stores_it(open_app: OpenApp, screen: Device, map_server: Server) -> None:
    person = screen.people["drag"]
    before = _membership(map_server, person)
    assert _ring_in_view(before, screen) > 1
    you = _open(open_app, screen, map_server)
    you.drag_to_ring(person, 1.0)
    assert you.map.ring_shown(person) == 1
    after = _membership(map_server, person)
    assert _ring_in_view(after, screen) == 1 and after.version == before.version + 1
    if screen.perspective is Perspective.YOUNG_PERSON:
        assert after.young_person_place is not None and after.young_person_place.point is not None
        assert (after.sector, after.ring) == (before.sector, before.ring), (
            "the practitioner's placement is kept"
        )
    else:
        assert after.map_point is not None and after.map_point.distance < 1.5
    you.app.screenshot(f"map_drag_{screen.name}.png")


def test_drawing_a_relationship_stores_the_tie(open_app: OpenApp, screen: Device, map_server: Server) -> None:
    you = _open(open_app, screen, map_server)
    if screen.phone:
        a, b = EGO, "p-ah-priya"  # tap one and then the other
        choices = ("Really close", "Good for me", "Priya Nandra supports JJ", "Advice")
        expected = (3, Valence.POSITIVE, SupportDirection.TO_EGO, [SupportDomain.ADVICE])
    else:
        a, b = "p-ah-reece", "p-ah-marcus"  # drag from one to the other
        choices = ("Strong", "Stressful", "Marcus Bell supports Reece Mallory", "Money")
        expected = (3, Valence.STRESSFUL, SupportDirection.FROM_EGO, [SupportDomain.MONEY])
    before = {t.id for t in _ties(map_server)}
    you.press(you.app.page.get_by_role("button", name="Draw relationships"))
    if screen.phone:
        you.hand.tap(you.map.centre_of(a))
        you.hand.tap(you.map.centre_of(b))
    else:
        you.hand.drag(you.map.centre_of(a), you.map.centre_of(b))
    panel = you.app.page.get_by_role("dialog")
    expect(panel).to_contain_text("New relationship")
    for label in choices[:3]:
        you.press(panel.get_by_label(label, exact=True))
    you.press(panel.get_by_label(choices[3], exact=True))
    you.change(lambda: you.press(panel.get_by_role("button", name="Save relationship")))
    (tie,) = [t for t in _ties(map_server) if t.id not in before]
    assert {tie.from_id, tie.to_id} == {a, b} and tie.perspective is screen.perspective
    assert (tie.strength, tie.valence, tie.direction, tie.domains) == expected
    assert you.app.page.locator(f".nm-edge[data-id='{tie.id}']").count() == 1
    you.app.screenshot(f"map_tie_{screen.name}.png")


def test_undo_restores_the_previous_version(open_app: OpenApp, screen: Device, map_server: Server) -> None:
    person = screen.people["undo"]
    before = _membership(map_server, person)
    you = _open(open_app, screen, map_server)
    you.drag_to_ring(person, 1.0)
    moved = _membership(map_server, person)
    assert _ring_in_view(moved, screen) == 1
    undo = you.app.page.get_by_role("toolbar").get_by_role("button", name=re.compile("^Undo: "))
    you.change(lambda: you.press(undo))
    after = _membership(map_server, person)
    assert after.version == moved.version + 1
    assert after.model_dump(exclude={"version"}) == before.model_dump(exclude={"version"})
    assert you.map.ring_shown(person) == _ring_in_view(before, screen)
    expect(you.app.page.locator(".nm-status")).to_contain_text("Undone:")


def test_a_stale_edit_from_a_second_browser_gets_the_conflict_message(
    open_app: OpenApp, screen: Device, map_server: Server
) -> None:
    person = screen.people["stale"]
    first = _open(open_app, screen, map_server)
    second = _open(open_app, screen, map_server)  # a second browser context, showing the same version
    first.drag_to_ring(person, 1.0)
    assert _ring_in_view(_membership(map_server, person), screen) == 1
    second.drag_to_ring(person, 4.0)
    alert = second.app.page.locator(".nm-editor").get_by_role("alert")
    expect(alert).to_contain_text("Someone else changed")
    expect(alert).to_contain_text("yours is not saved")
    assert second.map.ring_shown(person) == 1, "the second browser now shows the stored map"
    assert _ring_in_view(_membership(map_server, person), screen) == 1, "the first change is kept"
    second.change(lambda: second.press(alert.get_by_role("button", name="Make my change anyway")))
    assert _ring_in_view(_membership(map_server, person), screen) == 4
    assert second.map.ring_shown(person) == 4


def test_the_keyboard_alternative_makes_the_same_change(
    open_app: OpenApp, screen: Device, map_server: Server
) -> None:
    person = screen.people["keyboard"]
    before = _membership(map_server, person)
    you = _open(open_app, screen, map_server)
    page = you.app.page
    keys = page.keyboard
    # the forms sit in a closed section (on the Ecomap page made only once opened): open it from the keyboard
    opener = (
        "Change your map with the keyboard" if screen.phone else "Move, add and link people with the keyboard"
    )
    summary = page.locator("summary", has_text=opener)
    summary.focus()
    keys.press("Enter")
    form = page.get_by_test_id("stForm").filter(has_text="Move someone to another ring or sector")
    name = you.map.node(person).get_attribute("data-label") or ""
    who = form.get_by_role("combobox", name="Who", exact=True)
    expect(who).to_be_visible()  # on a phone, once the list has opened
    who.evaluate("element => element.scrollIntoView({block: 'center'})")
    you.app.settle()  # a rerun that is still drawing would close the list under the typing
    for _ in range(3):  # each step waits for the last: the name offered, taken, and kept on leaving the box
        who.focus()
        keys.type(name)
        try:
            page.get_by_role("option", name=name, exact=True).first.wait_for(timeout=5000)
            keys.press("Enter")  # an Enter before the list has marked the match only closes the list
            page.get_by_role("listbox").wait_for(state="detached", timeout=5000)
        except PlaywrightTimeoutError:
            keys.press("Escape")
        keys.press("Tab")
        if who.input_value() == name:
            break
    expect(who).to_have_value(name)
    ring = form.get_by_role("radiogroup", name="Ring").get_by_role("radio").first
    ring.focus()
    keys.press("Space")  # ring 1 is the first choice
    expect(ring).to_be_checked()
    move = form.get_by_role("button", name="Move")
    move.focus()
    you.change(lambda: keys.press("Enter"))
    after = _membership(map_server, person)
    assert _ring_in_view(after, screen) == 1 and after.version == before.version + 1
    assert you.map.ring_shown(person) == 1, "the drawn map shows the change made from the list"
    # and on the drawn map itself: a person's panel opens from the keyboard and moves them out again
    you.map.node(person).focus()
    keys.press("Enter")
    further = page.get_by_role("dialog").get_by_role("button", name="Move further out")
    further.focus()
    you.change(lambda: keys.press("Enter"))
    assert _ring_in_view(_membership(map_server, person), screen) == 2


# --------------------------------------------------------------------------- offline, accessible, phone-sized


def test_the_map_loads_nothing_from_outside_the_app(
    open_app: OpenApp, screen: Device, map_server: Server
) -> None:
    you = _open(open_app, screen, map_server)
    you.drag_to_ring(screen.people["drag"], 2.0)
    requests = you.app.outside_requests
    assert requests == [], f"fetched from outside the app: {requests}"
    assert you.app.page_errors == []


def test_the_map_has_a_text_alternative(open_app: OpenApp, screen: Device, map_server: Server) -> None:
    you = _open(open_app, screen, map_server)
    page = you.app.page
    svg = page.locator("svg.nm-map")
    assert (svg.get_attribute("aria-label") or "").startswith("Ecomap of JJ's network")
    expect(page.locator("svg.nm-map > title")).to_have_text(re.compile("^Ecomap of JJ's network"))
    expect(page.locator("#nm-map-desc")).to_contain_text(
        "Everyone on the map is also listed in words below it."
    )
    assert page.locator("iframe[title='st.iframe']").count() == 0
    for node in page.locator(".nm-node").all():
        assert node.get_attribute("role") == "button" and node.get_attribute("aria-label")
    words = page.locator(".nm-words")
    words.locator("summary").click()
    expect(words.get_by_text(re.compile(r"^Ring 1 \(closest\): "))).to_be_visible()
    assert words.locator("li").count() >= page.locator(".nm-edge").count()


@pytest.mark.parametrize("screen", ["phone"], indirect=True)
def test_on_a_phone_the_map_comes_first_and_map_and_legend_fit(
    open_app: OpenApp, screen: Device, map_server: Server
) -> None:
    you = _open(open_app, screen, map_server)
    page = you.app.page
    page.evaluate("() => window.scrollTo(0, 0)")
    svg = page.locator("svg.nm-map").bounding_box()
    assert svg is not None
    assert svg["y"] < PHONE_SIZE["height"] / 2, f"the map starts {svg['y']:.0f} px down the first screen"
    assert svg["x"] >= 0 and svg["x"] + svg["width"] <= PHONE_SIZE["width"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE_SIZE["width"]
    for name in page.locator(".nm-sector-name").all():
        box = name.bounding_box()
        assert box is not None and box["x"] >= svg["x"] and box["x"] + box["width"] <= svg["x"] + svg["width"]
    for item in page.locator(".nm-legend li").all():
        item.scroll_into_view_if_needed()
        box = item.bounding_box()
        assert box is not None and 0 <= box["x"] and box["x"] + box["width"] <= PHONE_SIZE["width"]
        size = float(item.evaluate("li => getComputedStyle(li).fontSize").removesuffix("px"))
        assert size >= 13, f"legend text is {size} px"
    smallest = min(float(n.get_attribute("font-size") or 0) for n in page.locator(".nm-label").all())
    assert smallest >= 12, f"the smallest name is {smallest} px high"
    you.app.screenshot("my_map_phone_legend.png", full_page=True)


@pytest.mark.parametrize("screen", ["phone"], indirect=True)
def test_pinching_zooms_the_map_on_a_phone(open_app: OpenApp, screen: Device, map_server: Server) -> None:
    you = _open(open_app, screen, map_server)
    assert isinstance(you.hand, Finger)

    def spread() -> float:
        (x1, y1), (x2, y2) = you.map.centre_of(EGO), you.map.centre_of("p-ah-linda")
        return float(((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5)

    before = spread()
    you.hand.pinch(you.map.ring_point(2.5, 135), 60, 180)
    assert spread() > before * 2
    you.press(you.app.page.get_by_role("button", name="Whole map"))
    assert abs(spread() - before) < 2


def test_two_taps_add_someone_where_you_tap(open_app: OpenApp, screen: Device, map_server: Server) -> None:
    you = _open(open_app, screen, map_server)
    name = f"Coach Dee ({screen.name})"
    # an empty place in ring 3 of the peers & community sector (18 to 90 degrees), one for each screen
    you.hand.tap(you.map.ring_point(3.0, 40 if screen.phone else 75))
    panel = you.app.page.get_by_role("dialog")
    expect(panel).to_contain_text("Ring 3, Peers & community")
    panel.get_by_role("textbox", name="Name").fill(name)
    you.change(lambda: you.press(panel.get_by_role("button", name="Add to the map")))
    with bootstrap(map_server.db_url) as services:
        network = services.store.get_network(CASE_ID)
    (person,) = [p for p in network.people if p.name == name]
    membership = network.membership(person.id)
    assert membership is not None and (membership.sector.value, membership.ring) == ("peers_community", 3)
    if screen.perspective is Perspective.YOUNG_PERSON:
        assert membership.young_person_place is not None and membership.young_person_place.ring == 3
    assert you.map.ring_shown(person.id) == 3
