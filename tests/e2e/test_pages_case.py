"""AppTest of the case pages (ecomap, genogram, people) for every demo role, signed in through the real services."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from netmap.bootstrap import bootstrap
from netmap.models import Network, Perspective, Sector, Tie
from netmap.services.demo import DEMO_USERS, ensure_demo_users
from netmap.services.metrics import case_metrics
from netmap.services.users import SYSTEM_ACTOR
from netmap.views.escape import markdown_text

PASSWORDS = {u.username: u.password for u in DEMO_USERS}
# each demo user with a case their grants let them open
ROLE_CASES = {
    "admin": "c-discovery-kai",
    "coordinator": "c-always-hope",
    "facilitator": "c-fgc-jade",
    "practitioner": "c-always-hope",
    "jordan": "c-always-hope",
    "viewer": "c-turning-25",
}
ECOMAP = "netmap.views.pages.ecomap_page"
GENOGRAM = "netmap.views.pages.genogram_page"


def _script(module: str, username: str, password: str, case_id: str | None) -> None:
    import importlib

    from netmap.views.session import current_actor, log_in, select_case

    if current_actor() is None:
        log_in(username, password)
        if case_id:
            select_case(case_id)
    importlib.import_module(module).render()


PageFor = Callable[..., AppTest]


@pytest.fixture
def page_for(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> PageFor:
    """One page module run in AppTest, signed in as a demo user with a case chosen."""
    monkeypatch.setenv("NETMAP_DB", demo_db)

    def make(module: str, username: str, case_id: str | None = "default") -> AppTest:
        case = ROLE_CASES[username] if case_id == "default" else case_id
        args = (module, username, PASSWORDS[username], case)
        return AppTest.from_function(_script, args=args, default_timeout=60).run()

    return make


def _visible(demo_db: str, username: str) -> Network:
    with bootstrap(demo_db) as services:
        actor = services.users.actor_for(username)
        return services.cases.get_network(actor, ROLE_CASES[username])


@pytest.mark.parametrize("username", list(ROLE_CASES))
def test_ecomap_page_for_each_role(page_for: PageFor, demo_db: str, username: str) -> None:
    at = page_for(ECOMAP, username)
    assert not at.exception
    network = _visible(demo_db, username)
    assert at.title[0].value == f"Ecomap: {markdown_text(network.case.title)}"
    (frame,) = at.get("iframe")
    html = frame.proto.srcdoc
    assert "new vis.Network(" in html and "ecomap-legend" in html
    assert set(at.dataframe[0].value["Name"]) == {p.display_name for p in network.people}
    assert [b.proto.label for b in at.get("download_button")] == ["Download as HTML", "Download as SVG"]


def test_practitioner_sees_only_what_the_young_person_shares(page_for: PageFor, demo_db: str) -> None:
    with bootstrap(demo_db) as services:
        full = services.store.get_network("c-always-hope")
    hidden = {full.person(pid).display_name for pid in full.case.sharing.hidden_for("practitioner")}
    shown = set(page_for(ECOMAP, "practitioner").dataframe[0].value["Name"])
    assert hidden and not hidden & shown
    assert hidden <= set(page_for(ECOMAP, "coordinator").dataframe[0].value["Name"])


def test_ecomap_sector_filter_in_the_sidebar(page_for: PageFor) -> None:
    at = page_for(ECOMAP, "coordinator")
    at.sidebar.multiselect(key="eco-sectors").select(Sector.FAMILY).run()
    assert not at.exception
    assert set(at.dataframe[0].value["Sector"]) == {"The young person", "Family"}
    assert '"label": "Marcus Bell"' not in at.get("iframe")[0].proto.srcdoc


def test_young_person_starts_from_their_own_view(page_for: PageFor) -> None:
    assert page_for(ECOMAP, "jordan").sidebar.radio(key="eco-view").value == "The young person's view"
    assert page_for(ECOMAP, "coordinator").sidebar.radio(key="eco-view").value == "All views"


def test_pages_ask_for_a_case_first(page_for: PageFor) -> None:
    for module in (ECOMAP, GENOGRAM):
        at = page_for(module, "coordinator", None)
        assert not at.exception
        assert at.info[0].value == "Choose a case on the Cases page first."


def test_a_case_without_a_grant_is_refused(page_for: PageFor) -> None:
    at = page_for(ECOMAP, "viewer", "c-always-hope")
    assert not at.exception
    assert "no access" in at.error[0].value
    assert not at.get("iframe")


@pytest.mark.parametrize("username", list(ROLE_CASES))
def test_genogram_page_for_each_role(page_for: PageFor, demo_db: str, username: str) -> None:
    at = page_for(GENOGRAM, username)
    assert not at.exception
    network = _visible(demo_db, username)
    assert at.title[0].value == f"Genogram: {markdown_text(network.case.title)}"
    (image,) = at.get("image")
    assert "svg" in str(image.proto), "the genogram is shown as an SVG image, where script cannot run"
    assert [b.proto.label for b in at.get("download_button")] == ["Download as SVG"]
    assert len(at.dataframe[0].value) == len(network.kin)
    if not network.kin:
        assert "No family links" in at.info[0].value


# --------------------------------------------------------------------------- people and ties

PEOPLE = "netmap.views.pages.people_page"
EDITORS = {"admin", "coordinator", "facilitator", "practitioner", "jordan"}


@pytest.fixture
def fresh_page_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[PageFor, str]:
    """Like ``page_for`` but on a store of its own, for tests that change the map."""
    url = f"sqlite:///{tmp_path / 'netmap.db'}"
    with bootstrap(url) as services:
        services.data.load_samples(SYSTEM_ACTOR)
        ensure_demo_users(services, SYSTEM_ACTOR)
    monkeypatch.setenv("NETMAP_DB", url)

    def make(module: str, username: str, case_id: str | None = "default") -> AppTest:
        case = ROLE_CASES[username] if case_id == "default" else case_id
        args = (module, username, PASSWORDS[username], case)
        return AppTest.from_function(_script, args=args, default_timeout=60).run()

    return make, url


def _by_label(widgets: Any, label: str) -> Any:
    return next(w for w in widgets if w.label == label)


@pytest.mark.parametrize("username", list(ROLE_CASES))
def test_people_page_for_each_role(page_for: PageFor, demo_db: str, username: str) -> None:
    at = page_for(PEOPLE, username)
    assert not at.exception
    network = _visible(demo_db, username)
    assert set(at.dataframe[0].value["Name"]) == {p.name for p in network.people}
    assert len(at.dataframe[1].value) == len(network.ties)
    buttons = {b.label for b in at.button}
    assert ("Add to map" in buttons) is (username in EDITORS)
    assert ("Remove from map" in buttons) is (username in EDITORS - {"jordan"})


def test_adding_a_person(fresh_page_for: tuple[PageFor, str]) -> None:
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


def test_a_blank_name_is_refused_with_one_sentence(fresh_page_for: tuple[PageFor, str]) -> None:
    make, url = fresh_page_for
    with bootstrap(url) as services:
        before = len(services.store.get_network("c-always-hope").people)
    at = make(PEOPLE, "coordinator")
    _by_label(at.text_input, "Full name").input("   ")
    _by_label(at.button, "Add to map").click().run()
    assert not at.exception
    assert at.error[0].value == markdown_text("Name: Value error, must not be blank.")
    with bootstrap(url) as services:
        assert len(services.store.get_network("c-always-hope").people) == before


def test_a_stale_change_gets_a_conflict_message(fresh_page_for: tuple[PageFor, str]) -> None:
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


def test_young_person_records_their_own_view(fresh_page_for: tuple[PageFor, str]) -> None:
    make, url = fresh_page_for
    with bootstrap(url) as services:
        network = services.store.get_network("c-always-hope")
    other = next(p.id for p in network.people if p.id != network.case.ego_id)
    at = make(PEOPLE, "jordan")
    assert [str(o) for o in _by_label(at.radio, "Whose view is this").options] == ["Young person"]
    at.selectbox(key="tie-from").set_value(network.case.ego_id)
    at.selectbox(key="tie-to").set_value(other)
    _by_label(at.button, "Save relationship").click().run()
    assert not at.exception
    assert at.success[0].value == markdown_text("The relationship was saved.")
    with bootstrap(url) as services:
        ties = services.store.get_network("c-always-hope").ties
    (new,) = [t for t in ties if t.source == "jordan"]
    assert (new.from_id, new.to_id, new.perspective) == (network.case.ego_id, other, Perspective.YOUNG_PERSON)


# --------------------------------------------------------------------------- insights and my map

INSIGHTS = "netmap.views.pages.insights_page"
MY_MAP = "netmap.views.pages.my_map_page"


@pytest.mark.parametrize("username", list(ROLE_CASES))
def test_insights_page_for_each_role(page_for: PageFor, demo_db: str, username: str) -> None:
    at = page_for(INSIGHTS, username)
    assert not at.exception
    network = _visible(demo_db, username)
    assert at.title[0].value == f"Insights: {markdown_text(network.case.title)}"
    with bootstrap(demo_db) as services:
        expected = case_metrics(services, services.users.actor_for(username), ROLE_CASES[username])
    people = next(m for m in at.metric if m.label == "People in the network")
    assert people.value == str(expected.summary.size)
    domains = set(at.dataframe[0].value["Kind of support"])
    assert {"Emotional", "Housing", "Money"} <= domains


def test_insights_warn_about_isolation(page_for: PageFor) -> None:
    at = page_for(INSIGHTS, "coordinator")
    assert any("risk of isolation" in w.value for w in at.warning)


def test_my_map_for_the_young_person(page_for: PageFor) -> None:
    at = page_for(MY_MAP, "jordan", None)
    assert not at.exception
    assert at.title[0].value == "My map"
    (frame,) = at.get("iframe")
    assert (
        "The young person&#x27;s view" in frame.proto.srcdoc
        or "The young person's view" in frame.proto.srcdoc
    )
    assert [b.label for b in at.button] == ["Save my choices"]


@pytest.mark.parametrize("username", sorted(set(ROLE_CASES) - {"jordan"}))
def test_my_map_is_only_for_the_young_person(page_for: PageFor, username: str) -> None:
    at = page_for(MY_MAP, username)
    assert not at.exception
    assert at.info[0].value == "This page is the young person's own view of their map."


def test_young_person_hides_someone_from_practitioners(fresh_page_for: tuple[PageFor, str]) -> None:
    make, url = fresh_page_for
    with bootstrap(url) as services:
        network = services.store.get_network("c-always-hope")
    shared = next(
        p
        for p in network.people
        if p.id != network.case.ego_id and p.id not in network.case.sharing.hidden_for("practitioner")
    )
    at = make(MY_MAP, "jordan", None)
    choice = _by_label(at.multiselect, "Keep these people private")
    choice.select(shared.id)
    _by_label(at.button, "Save my choices").click().run()
    assert not at.exception
    assert at.success[0].value == markdown_text("Your choices are saved.")
    practitioner_view = make(ECOMAP, "practitioner")
    assert shared.display_name not in set(practitioner_view.dataframe[0].value["Name"])
    assert shared.display_name in set(make(ECOMAP, "coordinator").dataframe[0].value["Name"])
