"""AppTest of the case pages (ecomap, genogram, people) for every demo role, signed in through the real services."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from netmap.bootstrap import bootstrap
from netmap.models import (
    Case,
    ContactFrequency,
    Network,
    Person,
    PersonKind,
    Perspective,
    Sector,
    SupportDirection,
    SupportDomain,
    Tie,
    Valence,
)
from netmap.renderers.ecomap_layout import build_scene
from netmap.renderers.escape import markdown_text
from tests.e2e.conftest import CASE_USERS, ROLE_CASES, PageAs
from tests.story_days import told_uk

ECOMAP = "netmap.views.pages.ecomap_page"
GENOGRAM = "netmap.views.pages.genogram_page"
EDITOR = "bidi_component"


def _names_on_map(at: AppTest) -> set[str]:
    return {n["label"] for n in _editor_data(at)["nodes"]}


def _editor_data(at: AppTest) -> dict[str, Any]:
    """What the page sent to the ecomap editor component (AppTest cannot look inside a component)."""
    (editor,) = at.get(EDITOR)
    assert editor.proto.component_name == "netmap.ecomap_editor"
    data: dict[str, Any] = json.loads(editor.proto.json)
    return data


@pytest.fixture
def page_for(page_as: PageAs) -> PageAs:
    return page_as


def _visible(demo_db: str, username: str) -> Network:
    with bootstrap(demo_db) as services:
        actor = services.users.actor_for(username)
        return services.cases.get_network(actor, ROLE_CASES[username])


@pytest.mark.parametrize("username", CASE_USERS)
def test_ecomap_page_for_each_role(page_for: PageAs, demo_db: str, username: str) -> None:
    at = page_for(ECOMAP, username)
    assert not at.exception
    network = _visible(demo_db, username)
    assert at.title[0].value == f"Ecomap: {markdown_text(network.case.title)}"
    data = _editor_data(at)
    assert {n["label"] for n in data["nodes"]} == {p.display_name for p in network.people}
    view = Perspective.YOUNG_PERSON if username == "jordan" else None
    assert {e["id"] for e in data["edges"]} == {e.id for e in build_scene(network, perspective=view).edges}
    assert data["editable"] is (username in {"admin", "coordinator", "facilitator", "practitioner", "jordan"})
    assert data["view"] == ("young_person" if username == "jordan" else None)
    assert [section for section, _ in data["legend"]][:2] == ["Sectors", "Ties"]
    assert data["description"].startswith("Ecomap of ")
    assert data["inWords"][0].startswith("Ring ") and len(data["inWords"]) >= len(data["edges"])
    # the downloads are made only once their section is opened, as a person's click does
    assert not at.get("download_button")
    at.session_state["eco-downloads"] = True
    assert [b.proto.label for b in at.run().get("download_button")] == [
        "Download as HTML",
        "Download as SVG",
        "Download for printing (PNG, 300 dpi)",
        "Download as a one-page PDF",
        "Download a blank ecomap worksheet to print (PDF)",
    ]
    assert _editor_data(at)["nodes"] == data["nodes"]


@pytest.mark.parametrize("username", ["coordinator", "viewer"])
def test_ecomap_page_keeps_rarely_used_parts_closed_until_asked(page_for: PageAs, username: str) -> None:
    """The keyboard forms, downloads and saving today's map are sent only once opened; the map first."""
    at = page_for(ECOMAP, username)
    closed = len(list(at.main))
    labels = [e.label for e in at.get("expander")]
    editor = username == "coordinator"
    assert labels == (
        ["Save the map as it is today", "Move, add and link people with the keyboard"] if editor else []
    ) + ["HTML, SVG, PNG and PDF, and a blank worksheet"]
    assert not at.get("form") and not at.text_input and not at.get("download_button")
    for key in ("eco-save-open", "eco-keyboard", "eco-downloads"):
        at.session_state[key] = True
    at.run()
    assert not at.exception
    assert len(list(at.main)) > closed
    assert len(at.get("download_button")) == 5
    kept = ["Save today's map", "Move", "Add to the map", "Save relationship"]
    assert [b.label for b in at.button] == (kept if editor else [])


def test_practitioner_sees_only_what_the_young_person_shares(page_for: PageAs, demo_db: str) -> None:
    with bootstrap(demo_db) as services:
        full = services.store.get_network("c-always-hope")
    hidden = {full.person(pid).display_name for pid in full.case.sharing.hidden_for("practitioner")}
    shown = _names_on_map(page_for(ECOMAP, "practitioner"))
    assert hidden and not hidden & shown
    assert hidden <= _names_on_map(page_for(ECOMAP, "coordinator"))


def test_ecomap_sector_filter_in_the_sidebar(page_for: PageAs) -> None:
    at = page_for(ECOMAP, "coordinator")
    at.sidebar.multiselect(key="eco-sectors").select(Sector.FAMILY).run()
    assert not at.exception
    assert {n["sector"] for n in _editor_data(at)["nodes"]} == {None, "family"}


def test_young_person_starts_from_their_own_view(page_for: PageAs) -> None:
    assert page_for(ECOMAP, "jordan").sidebar.radio(key="eco-view").value == "The young person's view"
    assert page_for(ECOMAP, "coordinator").sidebar.radio(key="eco-view").value == "All views"


def test_pages_ask_for_a_case_first(page_for: PageAs) -> None:
    for module in (ECOMAP, GENOGRAM):
        at = page_for(module, "coordinator", None)
        assert not at.exception
        assert at.info[0].value == "Choose a case on the Cases page first."


def test_a_case_without_a_grant_is_refused(page_for: PageAs) -> None:
    at = page_for(ECOMAP, "viewer", "c-always-hope")
    assert not at.exception
    assert "no access" in at.error[0].value
    assert not at.get(EDITOR)


CASEWORKERS = [u for u in CASE_USERS if u != "jordan"]  # a young person's pages are their own


@pytest.mark.parametrize("username", CASEWORKERS)
def test_genogram_page_for_each_role(page_for: PageAs, demo_db: str, username: str) -> None:
    at = page_for(GENOGRAM, username)
    assert not at.exception
    network = _visible(demo_db, username)
    assert at.title[0].value == f"Genogram: {markdown_text(network.case.title)}"
    if username == "viewer":  # read only: the tree as an SVG image, where script cannot run
        (image,) = at.get("image")
        assert "svg" in str(image.proto)
        assert not at.selectbox
    else:  # the tree to work on: anyone on it chosen, then their relatives added
        assert _by_label(at.selectbox, "Working on").value == network.case.ego_id
        assert "Add to the family tree" in {b.label for b in at.button}
    assert [b.proto.label for b in at.get("download_button")] == [
        "Download as SVG",
        "Download for printing (PNG, 300 dpi)",
        "Download as a one-page PDF",
    ]
    assert len(at.dataframe[0].value) == len(network.kin)
    if not network.kin:
        assert "No family links" in at.info[0].value


# --------------------------------------------------------------------------- people and ties

PEOPLE = "netmap.views.pages.people_page"
EDITORS = {"admin", "coordinator", "facilitator", "practitioner"}


@pytest.fixture
def fresh_page_for(fresh_page_as: PageAs, fresh_db: str) -> tuple[PageAs, str]:
    """Like ``page_for`` but on a store of its own, for tests that change the map."""
    return fresh_page_as, fresh_db


def _by_label(widgets: Any, label: str) -> Any:
    return next(w for w in widgets if w.label == label)


@pytest.mark.parametrize("username", sorted(set(CASE_USERS) - {"jordan"}))
def test_people_page_for_each_role(page_for: PageAs, demo_db: str, username: str) -> None:
    at = page_for(PEOPLE, username)
    assert not at.exception
    network = _visible(demo_db, username)
    assert set(at.dataframe[0].value["Name"]) == {p.name for p in network.people}
    assert len(at.dataframe[1].value) == len(network.ties)
    buttons = {b.label for b in at.button}
    assert ("Add to map" in buttons) is (username in EDITORS)
    assert ("Remove from map…" in buttons) is (username in EDITORS)


def test_people_page_sends_the_young_person_to_my_map(page_for: PageAs) -> None:
    at = page_for(PEOPLE, "jordan")
    assert not at.exception
    assert "My map" in at.info[0].value
    assert not at.dataframe and not at.button


@pytest.mark.parametrize("username", sorted(EDITORS))
def test_practitioners_record_their_own_view_by_default(page_for: PageAs, username: str) -> None:
    at = page_for(PEOPLE, username)
    assert _by_label(at.radio, "Whose view is this").value == Perspective.PRACTITIONER


def test_adding_a_person(fresh_page_for: tuple[PageAs, str]) -> None:
    make, url = fresh_page_for
    at = make(PEOPLE, "coordinator")
    _by_label(at.text_input, "Full name").input("Marnie **Quayle** ![x](http://evil.example/x.png)")
    _by_label(at.selectbox, "Sector").select(Sector.FRIENDS)
    _by_label(at.button, "Add to map").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("Marnie \\*\\*Quayle\\*\\* \\!\\[x\\]")
    assert "Marnie **Quayle** ![x](http://evil.example/x.png)" in set(at.dataframe[0].value["Name"])
    with bootstrap(url) as services:
        added = [p for p in services.store.get_network("c-always-hope").people if p.name.startswith("Marnie")]
    assert len(added) == 1


def test_a_blank_name_is_refused_with_one_sentence(fresh_page_for: tuple[PageAs, str]) -> None:
    make, url = fresh_page_for
    with bootstrap(url) as services:
        before = len(services.store.get_network("c-always-hope").people)
    at = make(PEOPLE, "coordinator")
    _by_label(at.text_input, "Full name").input("   ")
    _by_label(at.button, "Add to map").click().run()
    assert not at.exception
    assert at.error[0].value == markdown_text("Name: must not be blank.")
    with bootstrap(url) as services:
        assert len(services.store.get_network("c-always-hope").people) == before


def test_a_stale_change_gets_a_conflict_message(fresh_page_for: tuple[PageAs, str]) -> None:
    make, url = fresh_page_for
    at = make(PEOPLE, "coordinator")
    tie_id = at.selectbox(key="tie-pick").value
    with bootstrap(url) as services:
        admin = services.users.actor_for("admin")
        stored = services.store.get(Tie, tie_id)
        assert stored is not None
        services.network.update_tie(admin, stored.model_copy(update={"notes": "Changed by the admin"}))
    at.select_slider(key=f"edit-{tie_id}-strength").set_value(1)
    _by_label(at.button, "Save changes").click().run()
    assert not at.exception
    assert "Someone else saved a change first" in at.error[0].value
    with bootstrap(url) as services:
        kept = services.store.get(Tie, tie_id)
    assert kept is not None and kept.notes == "Changed by the admin" and kept.strength == stored.strength


# --------------------------------------------------------------------------- insights and my map

INSIGHTS = "netmap.views.pages.insights_page"
MY_MAP = "netmap.views.pages.my_map_page"


@pytest.mark.parametrize("username", CASEWORKERS)
def test_insights_page_for_each_role(page_for: PageAs, demo_db: str, username: str) -> None:
    at = page_for(INSIGHTS, username)
    assert not at.exception
    network = _visible(demo_db, username)
    assert at.title[0].value == f"Insights: {markdown_text(network.case.title)}"
    with bootstrap(demo_db) as services:
        expected = services.metrics.case_metrics(services.users.actor_for(username), ROLE_CASES[username])
    people = next(m for m in at.metric if m.label == "People in the network")
    assert people.value == str(expected.summary.size)
    domains = set(at.dataframe[0].value["Kind of support"])
    assert {"Emotional", "Housing", "Money"} <= domains


def test_insights_says_where_the_two_views_differ_in_plain_words(page_for: PageAs) -> None:
    at = page_for(INSIGHTS, "coordinator")
    assert not at.exception
    table = next(f.value for f in at.dataframe if "About" in f.value and "Practitioner" in f.value)
    assert {"How it feels", "Who helps whom"} <= set(table["About"])
    recorded = set(table["Young person"]) | set(table["Practitioner"])
    assert {"Stressful", "To the young person", "Not recorded"} <= recorded
    assert not any("_" in text for text in recorded | set(table["About"]))


def test_insights_charts_and_then_and_now(page_for: PageAs, demo_db: str) -> None:
    from netmap.views.pages.insights_page import lsns_chart_data, support_chart_data

    at = page_for(INSIGHTS, "coordinator")
    assert not at.exception
    with bootstrap(demo_db) as services:
        actor = services.users.actor_for("coordinator")
        expected = services.metrics.case_metrics(actor, "c-always-hope")
        snapshots = services.cases.list_snapshots(actor, "c-always-hope")
    lsns = lsns_chart_data(expected)
    assert int(lsns.to_numpy().sum()) == expected.isolation.lsns_total
    support = support_chart_data(expected)
    emotional = next(d for d in expected.coverage.domains if d.domain.value == "emotional")
    assert support.loc["Emotional"].sum() == len(emotional.people)
    then = at.selectbox(key="insights-then")
    assert then.options and len(then.options) == len(snapshots)
    # then and now as two pictures (SVG as images): no frame that runs script
    pictures = at.get("image")
    assert len(pictures) == 2 and all("svg" in str(p.proto) for p in pictures)
    assert not at.get("iframe")


def test_insights_warn_about_isolation(page_for: PageAs) -> None:
    at = page_for(INSIGHTS, "coordinator")
    assert any("risk of isolation" in w.value for w in at.warning)


def test_insights_show_the_lsns6_answered_beside_the_network_estimate(page_for: PageAs) -> None:
    at = page_for(INSIGHTS, "coordinator", "c-well-connected")
    assert not at.exception
    text = " ".join(m.value for m in at.markdown)
    assert (
        "LSNS-6 as the young person answered it" in text
        and f"21 of 30 on {told_uk(date(2026, 6, 22))}" in text
    )
    assert markdown_text("23 of 30 (100% of its answers recorded): not at risk.") in text
    assert not any("risk of isolation" in w.value for w in at.warning)
    assert any("screening indicator" in c.value for c in at.caption)


def test_my_map_for_the_young_person(page_for: PageAs) -> None:
    at = page_for(MY_MAP, "jordan", None)
    assert not at.exception
    assert at.title[0].value == "My map"
    # the map comes straight after the title: on a phone it is the first thing they see
    main = list(at.main.children.values())
    assert (
        main[0].type == "title" and EDITOR in [getattr(e, "type", "") for e in main[1].children.values()][:2]
    )
    data = _editor_data(at)
    assert (
        data["view"] == "young_person"
        and data["editable"]
        and data["words"]["view"] == "The young person's view"
    )
    assert any(m.value.startswith("**Start with the good things.**") for m in at.markdown)
    assert [b.label for b in at.button] == [
        "Move",
        "Save relationship",
        "Add to my map",
        "Save how I see it",
        "Save my answers",
        "Save my choices",
    ]


@pytest.mark.parametrize("username", sorted(set(CASE_USERS) - {"jordan"}))
def test_my_map_is_only_for_the_young_person(page_for: PageAs, username: str) -> None:
    at = page_for(MY_MAP, username)
    assert not at.exception
    assert at.info[0].value == "This page is the young person's own view of their map."


def _shared_with_the_practitioner(url: str) -> Person:
    """Someone on Jordan's map whom the demo practitioner can see today."""
    with bootstrap(url) as services:
        network = services.store.get_network("c-always-hope")
    hidden = network.case.sharing.hidden_for("practitioner") | {network.case.ego_id}
    return next(p for p in network.people if p.id not in hidden)


def test_young_person_hides_someone_from_practitioners(fresh_page_for: tuple[PageAs, str]) -> None:
    make, url = fresh_page_for
    shared = _shared_with_the_practitioner(url)
    at = make(MY_MAP, "jordan", None)
    choice = _by_label(at.multiselect, "Keep these people private from every practitioner")
    choice.select(shared.id)
    _by_label(at.button, "Save my choices").click().run()
    assert not at.exception
    assert at.success[0].value == markdown_text("Your choices are saved.")
    practitioner_view = make(ECOMAP, "practitioner")
    assert shared.display_name not in _names_on_map(practitioner_view)
    assert shared.display_name in _names_on_map(make(ECOMAP, "coordinator"))


def test_young_person_hides_someone_from_one_practitioner_only(fresh_page_for: tuple[PageAs, str]) -> None:
    make, url = fresh_page_for
    shared = _shared_with_the_practitioner(url)
    at = make(MY_MAP, "jordan", None)
    choice = next(m for m in at.multiselect if m.key == "hide-from-practitioner")
    # a widget label is Markdown, so the account's name is escaped in it
    assert choice.label == markdown_text(
        "Keep private from Demo probation officer (practitioner, West Midshire Probation Service)"
    )
    choice.select(shared.id)
    _by_label(at.button, "Save my choices").click().run()
    assert not at.exception
    with bootstrap(url) as services:
        case = services.store.get(Case, "c-always-hope")
    assert case.sharing.hidden_from == {"practitioner": [shared.id]}
    assert shared.id not in case.sharing.hidden_people
    assert shared.display_name not in _names_on_map(make(ECOMAP, "practitioner"))


# --------------------------------------------------------------------------- the young person's own view on My map

EGO = "p-ah-jordan"
RATE = "my-map-rate"


def _rate(at: AppTest, person_id: str, answers: dict[str, Any]) -> AppTest:
    """Choose ``person_id`` on My map, give the answers (by input label) and save."""
    at.selectbox(key=RATE).set_value(person_id).run()
    key = f"my-view-{person_id}"
    for label, value in answers.items():
        if label in {"strength", "valence", "direction"}:
            at.radio(key=f"{key}-{label}").set_value(value)
        elif label == "frequency":
            at.selectbox(key=f"{key}-frequency").set_value(value)
        elif label == "notes":
            at.text_area(key=f"{key}-notes").input(value)
        else:
            at.checkbox(key=f"{key}-{label}").check()
    return _by_label(at.button, "Save how I see it").click().run()


def test_young_person_rates_a_relationship_in_their_own_words(fresh_page_for: tuple[PageAs, str]) -> None:
    make, url = fresh_page_for
    with bootstrap(url) as services:
        practitioners = services.store.get(Tie, "t-ah-marcus")
        before = services.store.get_network("c-always-hope").ties
    assert practitioners is not None
    assert not [
        t for t in before if "p-ah-marcus" in (t.from_id, t.to_id) and t.perspective.value == "young_person"
    ]
    at = make(MY_MAP, "jordan", None)
    at = _rate(
        at,
        "p-ah-marcus",
        {
            "strength": 3,
            "valence": Valence.STRESSFUL,
            "frequency": ContactFrequency.WEEKLY,
            "direction": SupportDirection.BOTH,
            "advice": True,
            "education_work": True,
            "notes": "He **gets** me <b>but</b> pushes hard",
        },
    )
    assert not at.exception
    assert at.success[0].value == markdown_text("Saved how you see Marcus Bell.")
    with bootstrap(url) as services:
        network = services.store.get_network("c-always-hope")
        unchanged = services.store.get(Tie, "t-ah-marcus")
    (mine,) = [t for t in network.ties if t.source == "jordan"]
    assert (mine.from_id, mine.to_id, mine.perspective) == (EGO, "p-ah-marcus", Perspective.YOUNG_PERSON)
    assert (mine.strength, mine.valence, mine.frequency, mine.direction) == (
        3,
        Valence.STRESSFUL,
        ContactFrequency.WEEKLY,
        SupportDirection.BOTH,
    )
    assert mine.domains == [SupportDomain.EDUCATION_WORK, SupportDomain.ADVICE]
    assert mine.notes == "He **gets** me <b>but</b> pushes hard"
    assert unchanged == practitioners, "the practitioner's view of the same relationship is untouched"
    # the worker's different view is shown next to theirs, in the young person's own words
    assert any("a little differently" in m.value for m in at.markdown)
    compared = at.dataframe[0].value
    assert list(compared.columns) == ["", "You said", "Your worker noted"]
    assert ("Is it good for you?", "Stresses me out", "Good for me") in set(map(tuple, compared.values))
    said = at.dataframe[1].value
    assert ("Marcus Bell", "Really close", "Stresses me out") in set(map(tuple, said.values))


def test_young_person_changes_their_earlier_view(fresh_page_for: tuple[PageAs, str]) -> None:
    make, url = fresh_page_for
    with bootstrap(url) as services:
        theirs_before = services.store.get(Tie, "t-ah-donna-yp")
        ours_before = services.store.get(Tie, "t-ah-donna")
    assert theirs_before is not None and theirs_before.valence is Valence.MIXED
    at = make(MY_MAP, "jordan", None)
    at.selectbox(key=RATE).set_value("p-ah-donna").run()
    # the form opens on what they said last time
    assert at.radio(key="my-view-p-ah-donna-valence").value is Valence.MIXED
    assert at.checkbox(key="my-view-p-ah-donna-emotional").value is True
    at = _rate(at, "p-ah-donna", {"valence": Valence.POSITIVE, "notes": "Mum rings every Sunday now"})
    assert not at.exception
    with bootstrap(url) as services:
        theirs = services.store.get(Tie, "t-ah-donna-yp")
        ours = services.store.get(Tie, "t-ah-donna")
    assert theirs is not None and theirs.version == theirs_before.version + 1
    assert (theirs.valence, theirs.notes, theirs.domains) == (
        Valence.POSITIVE,
        "Mum rings every Sunday now",
        theirs_before.domains,
    )
    assert ours == ours_before


def test_a_stale_view_is_not_overwritten(fresh_page_for: tuple[PageAs, str]) -> None:
    make, url = fresh_page_for
    at = make(MY_MAP, "jordan", None)
    at.selectbox(key=RATE).set_value("p-ah-donna").run()
    with bootstrap(url) as services:
        coordinator = services.users.actor_for("coordinator")
        stored = services.store.get(Tie, "t-ah-donna-yp")
        assert stored is not None
        services.network.update_tie(
            coordinator, stored.model_copy(update={"notes": "Noted with JJ on a visit"})
        )
    at = _rate(at, "p-ah-donna", {"valence": Valence.HARMFUL})
    assert not at.exception
    assert "were not saved yet" in at.error[0].value
    with bootstrap(url) as services:
        kept = services.store.get(Tie, "t-ah-donna-yp")
    assert kept is not None and kept.notes == "Noted with JJ on a visit" and kept.valence is Valence.MIXED


def test_young_person_adds_someone_and_a_place(fresh_page_for: tuple[PageAs, str]) -> None:
    make, url = fresh_page_for
    at = make(MY_MAP, "jordan", None)
    _by_label(at.text_input, "Their name, or the name of the place").input(
        "Auntie **Bev** [x](http://e.example)"
    )
    _by_label(at.selectbox, "How do you know them?").set_value("Family, or someone who feels like family")
    _by_label(at.radio, "How close do you feel to them?").set_value(1)
    at = _by_label(at.button, "Add to my map").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(markdown_text("Auntie **Bev** [x](http://e.example)"))
    # the person they just added is the one the rating form now asks about
    added_id = at.selectbox(key=RATE).value
    _by_label(at.text_input, "Their name, or the name of the place").input("Oakfield children's home")
    _by_label(at.selectbox, "How do you know them?").set_value(
        "A place or service, like a home I lived in or a youth club"
    )
    at = _by_label(at.button, "Add to my map").click().run()
    assert not at.exception
    with bootstrap(url) as services:
        network = services.store.get_network("c-always-hope")
    bev, home = (next(p for p in network.people if p.name.startswith(n)) for n in ("Auntie", "Oakfield"))
    assert bev.id == added_id
    bev_member, home_member = network.membership(bev.id), network.membership(home.id)
    assert bev_member is not None and home_member is not None
    assert (bev_member.sector, bev_member.ring, bev_member.added_by) == (Sector.FAMILY, 1, "jordan")
    assert (home.kind, home_member.sector, home_member.ring) == (PersonKind.SERVICE, Sector.SERVICES, 2)


def test_young_person_puts_right_a_name_they_typed_and_only_theirs(
    fresh_page_for: tuple[PageAs, str],
) -> None:
    make, url = fresh_page_for
    at = make(MY_MAP, "jordan", None)
    # nobody Jordan added yet: the form is not offered (Nan and his workers are not his to rename)
    assert not [s for s in at.selectbox if s.key == "my-map-rename-who"]
    _by_label(at.text_input, "Their name, or the name of the place").input("Kai Matteo")
    at = _by_label(at.button, "Add to my map").click().run()
    who = at.selectbox(key="my-map-rename-who")
    assert who.options == ["Kai Matteo"]
    at.text_input(key="my-map-rename-name").input("Kai Mateo")
    at = _by_label(at.button, "Save the name").click().run()
    assert not at.exception
    assert at.success[0].value == markdown_text("Kai Mateo is the name on your map now.")
    with bootstrap(url) as services:
        network = services.store.get_network("c-always-hope")
    assert [p.name for p in network.people if p.name.startswith("Kai")] == ["Kai Mateo"]


def _all_text(at: AppTest) -> str:
    """Every text the page shows or offers: elements, widget labels and options, tables and the map."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None:
            parts.append(str(proto))
        value = getattr(node, "value", None)
        # a component's value answers every attribute with None, so ask for a real to_csv
        if callable(getattr(value, "to_csv", None)):
            parts.append(value.to_csv())
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    parts += [str(o) for w in [*at.selectbox, *at.radio, *at.multiselect] for o in w.options]
    return "\n".join(parts)


def test_my_map_shows_no_restricted_detail_and_no_other_case(fresh_page_for: tuple[PageAs, str]) -> None:
    make, url = fresh_page_for
    with bootstrap(url) as services:
        full = services.store.get_network("c-always-hope")
        other = services.store.get_network("c-fgc-jade")
    secrets = [
        value
        for person in full.people
        for value in (person.address, person.phone, person.email, person.safeguarding_notes)
        if value
    ] + [r.details for m in full.memberships for r in m.restrictions if r.details]
    assert len(secrets) > 5
    # even with another case chosen in the session, My map is only ever their own map
    at = make(MY_MAP, "jordan", "c-fgc-jade")
    assert not at.exception
    text = _all_text(at)
    for secret in secrets:
        assert secret not in text and markdown_text(secret) not in text, secret
    labels = {w.label.casefold() for w in [*at.text_input, *at.text_area, *at.selectbox, *at.radio]}
    assert not {
        word for word in ("phone", "address", "email", "safeguarding") if any(word in la for la in labels)
    }
    own = {p.display_name for p in full.people if p.id != EGO}
    assert set(at.selectbox(key=RATE).options) == own
    strangers = {p.display_name for p in other.people} - {p.display_name for p in full.people}
    assert strangers and not [name for name in strangers if name in text]
    assert not [w for w in at.selectbox if w.label == "Work on case"]
