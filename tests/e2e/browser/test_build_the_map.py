"""In Chromium: building a network in the app — a family tree from an empty case, a restriction that marks
both maps and blocks an invitation, saved maps and the map of an earlier day, and safety before privacy.

Each test checks the stored records as well as the screen.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from playwright.sync_api import Locator, expect

from netmap.bootstrap import Services, bootstrap
from netmap.models import (
    Case,
    Conference,
    InvitationStatus,
    KinType,
    Membership,
    Person,
    RestrictionKind,
    Sector,
    Snapshot,
    membership_id,
)
from netmap.renderers.words import uk_date

from .conftest import NetmapApp, Server

pytestmark = pytest.mark.e2e

OpenApp = Callable[..., NetmapApp]
JADE_CASE = "c-fgc-jade"
JADE_TITLE = "Jade and Ruby — family group conference"
JORDAN_CASE = "c-always-hope"
JORDAN_TITLE = "Jordan — Always Hope release plan"


def _tag() -> str:
    return uuid.uuid4().hex[:6]


@contextmanager
def _store(server: Server) -> Iterator[Services]:
    with bootstrap(server.db_url) as services:
        yield services


def _tree(app: NetmapApp) -> Locator:
    """The genogram the page lets you work on, once drawn."""
    tree = app.page.locator(".nm-genogram")
    tree.locator("[data-person-id]").first.wait_for()
    return tree


def _on_tree(app: NetmapApp, person_id: str) -> Locator:
    return _tree(app).locator(f"[data-person-id='{person_id}']")


def _add_relative(
    app: NetmapApp, relation: str, kind: str, *, name: str = "", sex: str = "", existing: str = ""
) -> None:
    """Fill the genogram page's "Add a relative" controls for the person being worked on, and save."""
    app.page.get_by_role("radiogroup", name="Who to add").get_by_text(relation, exact=True).click()
    app.settle()
    form = app.page.get_by_test_id("stForm").filter(
        has=app.page.get_by_role("button", name="Add to the family tree")
    )
    app.pick("Kind of link", kind, within=form)
    if existing:
        app.pick("Someone in this map, or someone new", existing, within=form)
    if name:
        form.get_by_role("textbox", name="Their name", exact=False).fill(name)
    if sex:
        app.pick("Their sex, for the symbol", sex, within=form)
    form.get_by_role("button", name="Add to the family tree").click()
    app.settle()
    expect(app.page.get_by_test_id("stAlertContentSuccess").first).to_contain_text("to the family tree")


def _centre_y(locator: Locator) -> float:
    box = locator.bounding_box()
    assert box is not None
    return box["y"] + box["height"] / 2


def test_coordinator_builds_three_generations_with_an_unknown_father_from_an_empty_case(
    open_app: OpenApp, netmap_server: Server
) -> None:
    name = f"Tegan Marsh {_tag()}"
    app = open_app("coordinator")
    app.open_page("Cases")
    new_case = app.page.get_by_test_id("stForm").filter(has_text="Start a new case")
    new_case.get_by_role("textbox", name="Young person's full name").fill(name)
    new_case.get_by_role("textbox", name="Home local authority").fill("West Midshire Council")
    new_case.get_by_role("button", name="Create case").click()
    expect(app.page.get_by_text(f"Case {name} created.")).to_be_visible()
    with _store(netmap_server) as services:
        (case,) = [c for c in services.store.list(Case) if c.title == name]

    app.open_page("Genogram")
    expect(app.page.get_by_text("No family links are recorded yet")).to_be_visible()
    expect(app.page.get_by_role("combobox", name="Working on", exact=True)).to_have_value(name)
    _add_relative(app, "a parent", "Birth parent", name="Carol Marsh", sex="Female")
    # the father's name is not known yet: he is drawn before he is found
    _add_relative(app, "a parent", "Birth parent", sex="Male")
    # a half-brother: the kinds of link follow the relation chosen
    _add_relative(app, "a brother or sister", "Half-brother or half-sister", name="Reece Marsh", sex="Male")

    with _store(netmap_server) as services:
        network = services.store.get_network(case.id)
    by_name = {p.name: p for p in network.people}
    carol, father = by_name["Carol Marsh"], by_name["Father (name not known)"]
    # the tree updates at once: Carol is on it, and choosing her there makes her the one worked on
    _on_tree(app, carol.id).click()
    app.settle()
    expect(app.page.get_by_role("combobox", name="Working on", exact=True)).to_have_value("Carol Marsh")
    expect(app.page.get_by_text("Add a relative of Carol Marsh")).to_be_visible()
    _add_relative(app, "a parent", "Birth parent", name="Irene Marsh", sex="Female")

    with _store(netmap_server) as services:
        network = services.store.get_network(case.id)
    people = {p.id: p for p in network.people}
    irene = next(p for p in network.people if p.name == "Irene Marsh")

    def parents(person_id: str) -> set[str]:
        return {
            people[k.from_id].name
            for k in network.kin
            if k.to_id == person_id and k.kind is KinType.BIRTH_PARENT
        }

    assert parents(case.ego_id) == {"Carol Marsh", "Father (name not known)"}
    assert parents(carol.id) == {"Irene Marsh"}
    assert {
        (people[k.from_id].name, people[k.to_id].name) for k in network.kin if k.kind is KinType.HALF_SIBLING
    } == {(name, "Reece Marsh")}
    assert father.gender.value == "male" and all(m.added_on == date.today() for m in network.memberships)

    # three generations drawn one above the other, the unknown father with them
    for person_id in (irene.id, carol.id, father.id, case.ego_id):
        expect(_on_tree(app, person_id)).to_be_visible()
    grandmother, mother, young_person = (
        _centre_y(_on_tree(app, pid)) for pid in (irene.id, carol.id, case.ego_id)
    )
    assert grandmother < mother < young_person
    assert abs(_centre_y(_on_tree(app, father.id)) - mother) < (young_person - mother) / 4
    table = app.page.get_by_test_id("stDataFrame").last
    expect(table).to_be_visible()
    app.screenshot("genogram_built_in_the_app.png", full_page=True)


def _add_person(app: NetmapApp, name: str, role: str, sector: str) -> None:
    app.open_page("People")
    form = app.page.get_by_test_id("stForm").filter(has_text="Add someone to the map")
    form.get_by_role("textbox", name="Full name").fill(name)
    form.get_by_role("textbox", name="Who they are to the young person", exact=False).fill(role)
    app.pick("Sector", sector, within=form)
    form.get_by_role("button", name="Add to map").click()
    expect(app.page.get_by_text(f"{name} was added to the map.")).to_be_visible()


def test_a_non_molestation_order_marks_both_maps_and_blocks_the_invitation(
    open_app: OpenApp, netmap_server: Server
) -> None:
    name = f"Dale Fenwick {_tag()}"
    coordinator = open_app("coordinator")
    coordinator.choose_case(JADE_TITLE)
    _add_person(coordinator, name, "Jade's former partner", "Family")
    with _store(netmap_server) as services:
        (dale,) = [p for p in services.store.list(Person) if p.name == name]

    coordinator.open_page("Genogram")
    coordinator.pick("Working on", "Jade Whitaker")
    _add_relative(coordinator, "a partner or former partner", "Former partners", existing=name)

    coordinator.open_page("Safety")
    form = coordinator.page.get_by_test_id("stForm").filter(has_text="Record a restriction")
    coordinator.pick("Who it binds", name, within=form)
    coordinator.pick("What it is", "Court order", within=form)
    coordinator.pick("Who they must not meet or contact", "Jade Whitaker", within=form)
    coordinator.pick("Who it protects", "Jade Whitaker", within=form)
    form.get_by_role("textbox", name="Order or condition", exact=False).fill("Non-molestation order")
    form.get_by_role("textbox", name="Court or authority that made it").fill("Westbrook Family Court")
    coordinator.type_date(form, "Made on", date(2026, 12, 1))
    form.get_by_role("textbox", name="Vetted by").fill("Hannah Reid (personal adviser)")
    form.get_by_role("button", name="Record the restriction").click()
    coordinator.settle()
    expect(coordinator.page.get_by_text(f"Recorded a restriction on {name}: court order.")).to_be_visible()
    panel = coordinator.page.get_by_test_id("stDataFrame").first
    expect(panel).to_be_visible()

    with _store(netmap_server) as services:
        membership = services.store.get(Membership, membership_id(JADE_CASE, dale.id))
    assert membership is not None
    (order,) = membership.restrictions
    assert (
        order.kind,
        order.other_person_id,
        order.protects_id,
        order.source,
        order.court,
        order.made_on,
    ) == (
        RestrictionKind.COURT_ORDER,
        "p-jade-jade",
        "p-jade-jade",
        "Non-molestation order",
        "Westbrook Family Court",
        date(2026, 12, 1),
    )
    assert order.vetted_by == "Hannah Reid (personal adviser)" and order.until is None

    # the marker on the ecomap, said in words and explained by the legend
    coordinator.open_page("Ecomap")
    node = coordinator.ecomap().locator(f".nm-node[data-id='{dale.id}']")
    expect(node.locator(".nm-mark-restricted")).to_have_count(1)
    assert "a restriction applies" in (node.get_attribute("aria-label") or "")
    # ... and on the genogram
    coordinator.open_page("Genogram")
    on_tree = _on_tree(coordinator, dale.id)
    assert "restricted" in (on_tree.get_attribute("class") or "").split()
    assert "Non-molestation order" in on_tree.locator("title").first.text_content()
    coordinator.screenshot("restriction_on_the_genogram.png", full_page=True)

    # the facilitator tries to invite him to Jade's conference: the gate blocks it
    facilitator = open_app("facilitator")
    facilitator.choose_case(JADE_TITLE)
    facilitator.open_page("Conference")
    facilitator.pick("Person", name)
    facilitator.page.get_by_role("button", name="Invite").click()
    facilitator.settle()
    expect(
        facilitator.page.get_by_text(f"{name} is recorded as blocked and will not be invited.")
    ).to_be_visible()
    with _store(netmap_server) as services:
        conference = services.store.get(Conference, "f-jade-fgc")
    assert conference is not None
    (invitee,) = [i for i in conference.invitees if i.person_id == dale.id]
    assert invitee.status is InvitationStatus.BLOCKED


def _slider_to(app: NetmapApp, caption: str | None) -> None:
    """Step the saved-maps slider leftwards from today until the page says ``caption`` (None: today's map)."""
    thumb = app.page.get_by_role("slider", name="Step through the saved maps")
    thumb.focus()
    thumb.press("End")
    app.settle()
    for _ in range(10):
        if caption is None or app.page.get_by_text(caption).count():
            return
        thumb.press("ArrowLeft")
        app.settle()
    raise AssertionError(f"no saved map says {caption!r}")


def _as_of(app: NetmapApp, day: date) -> None:
    app.type_date(app.page.locator("body"), "Map as of", day)


def test_saved_maps_and_the_map_of_an_earlier_day_show_who_was_there_then(
    open_app: OpenApp, netmap_server: Server
) -> None:
    tag = _tag()
    title, aunt, cousin = f"Mia Hollis {tag}", f"Auntie Val {tag}", f"Cousin Josh {tag}"
    long_ago = date.today() - timedelta(days=60)
    with _store(netmap_server) as services:
        # a case begun two months ago, as an import of the old file would leave it
        coordinator = services.users.actor_for("coordinator")
        ego = Person(id=f"p-mia-{tag}", name=title)
        case = services.cases.create_case(
            coordinator, Case(id=f"c-mia-{tag}", title=title, ego_id=ego.id, referral_date=long_ago), ego
        )
        services.network.add_member(
            services.users.actor_for("coordinator"),  # holding the case just made
            case.id,
            Person(id=f"p-val-{tag}", name=aunt),
            Membership.make(case.id, f"p-val-{tag}", sector=Sector.FAMILY, ring=1, added_on=long_ago),
        )

    app = open_app("coordinator")
    app.choose_case(title)
    app.open_page("Ecomap")
    save = app.page.get_by_text("Save the map as it is today")
    save.click()
    name = app.page.get_by_role("textbox", name="What to call it")
    name.fill("Before the family meeting")
    name.press("Tab")  # the name is taken before the button is pressed, as a person's typing would be
    app.settle()
    app.page.get_by_role("button", name="Save today's map").click()
    app.settle()
    expect(
        app.page.get_by_text(f"Saved the map of {uk_date(date.today())} as Before the family meeting.")
    ).to_be_visible()
    _add_person(app, cousin, "cousin", "Family")

    with _store(netmap_server) as services:
        snapshots = sorted(
            (s for s in services.store.list(Snapshot) if s.case_id == case.id), key=lambda s: s.taken_on
        )
        josh = services.store.get(
            Membership,
            membership_id(case.id, next(p.id for p in services.store.list(Person) if p.name == cousin)),
        )
    saved = next(s for s in snapshots if s.label == "Before the family meeting")
    assert saved.taken_on == date.today()
    assert {p.name for p in saved.network.people} == {title, aunt}
    assert josh is not None and josh.added_on == date.today()

    # today's map has both; the saved one, chosen on the slider, has the aunt only, with its real date
    app.open_page("Ecomap")
    assert {aunt, cousin} <= set(app.ecomap_labels())
    _slider_to(app, f"The map saved on {uk_date(date.today())}: Before the family meeting.")
    expect(app.page.locator(".nm-editor .nm-node")).to_have_count(2)
    assert set(app.ecomap_labels()) == {title, aunt}
    _slider_to(app, None)
    expect(app.page.locator(".nm-editor .nm-node")).to_have_count(3)

    # a month ago the aunt was on the map and the cousin not yet; three months ago, nobody but Mia
    _as_of(app, date.today() - timedelta(days=30))
    expect(app.page.get_by_text("This is the map as it was on that day.")).to_be_visible()
    expect(app.page.locator(".nm-editor .nm-node")).to_have_count(2)
    assert set(app.ecomap_labels()) == {title, aunt}
    _as_of(app, date.today() - timedelta(days=90))
    expect(app.page.locator(".nm-editor .nm-node")).to_have_count(1)
    assert app.ecomap_labels() == [title]


def test_young_person_cannot_hide_someone_under_a_licence_condition_from_probation(
    open_app: OpenApp, netmap_server: Server
) -> None:
    jordan = open_app("jordan")
    jordan.open_page("My map")
    why = jordan.page.get_by_test_id("stAlertContentInfo").filter(has_text="Kyle")
    expect(why).to_contain_text("stays visible to the practitioners who keep you and others safe")
    form = jordan.page.get_by_test_id("stForm").filter(has_text="Keep these people private")
    jordan.pick("Keep these people private from every practitioner", "Kyle Ashby", within=form)
    jordan.page.keyboard.press("Escape")
    form.get_by_role("button", name="Save my choices").click()
    jordan.settle()
    refusal = jordan.page.get_by_test_id("stAlertContentError")
    expect(refusal).to_contain_text("Kyle Ashby")
    with _store(netmap_server) as services:
        case = services.store.get(Case, JORDAN_CASE)
    assert case is not None and "p-ah-kyle" not in case.sharing.hidden_people

    probation = open_app("practitioner")
    probation.open_page("Ecomap")
    assert "Kyle Ashby" in probation.ecomap_labels()


def test_a_practitioner_sees_a_joined_up_genogram_when_the_young_person_hides_his_mum(
    open_app: OpenApp, netmap_server: Server
) -> None:
    with _store(netmap_server) as services:
        before = services.store.get(Case, JORDAN_CASE)
    assert before is not None
    try:
        jordan = open_app("jordan")
        jordan.open_page("My map")
        form = jordan.page.get_by_test_id("stForm").filter(has_text="Keep these people private")
        jordan.pick("Keep these people private from every practitioner", "Donna Ashby", within=form)
        jordan.page.keyboard.press("Escape")
        form.get_by_role("button", name="Save my choices").click()
        jordan.settle()
        expect(jordan.page.get_by_test_id("stAlertContentSuccess")).to_contain_text("Your choices are saved.")
        with _store(netmap_server) as services:
            case = services.store.get(Case, JORDAN_CASE)
        assert case is not None
        assert set(case.sharing.hidden_people) == {*before.sharing.hidden_people, "p-ah-donna"}

        probation = open_app("practitioner")
        probation.open_page("Genogram")
        expect(
            probation.page.get_by_text("Some relatives are not shown here at the young person's request")
        ).to_be_visible()
        svg = _tree(probation).inner_html()
        assert "Donna" not in svg
        assert "not shown at the young person" in svg
    finally:
        with _store(netmap_server) as services:
            current = services.store.get(Case, JORDAN_CASE)
            assert current is not None
            services.cases.set_sharing(
                services.users.actor_for("jordan"), JORDAN_CASE, before.sharing, current.version
            )
