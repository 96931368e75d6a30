"""AppTest of the History page: the case's audit trail in words, newest first, narrowed to a person or
to who made the changes; only for those who may read the trail."""

from __future__ import annotations

import pytest

from netmap.bootstrap import bootstrap
from netmap.cli.demo_users import DEMO_USERS
from netmap.models import Membership
from netmap.services.access import Actor
from netmap.views.pages import PAGES, visible
from tests.conftest import CHEAP_HASHER
from tests.e2e.conftest import PageAs

HISTORY = "netmap.views.pages.history_page"
HOPE, NAN = "c-always-hope", "p-ah-maureen"


def test_the_roles_that_read_the_trail_have_the_page() -> None:
    spec = next(p for p in PAGES if p.module == HISTORY)
    assert [u.username for u in DEMO_USERS if visible(spec, Actor(u.username, u.role))] == [
        "admin",
        "coordinator",
        "facilitator",
    ]


def _rename_nans_role(url: str, label: str) -> None:
    with bootstrap(url, hasher=CHEAP_HASHER) as services:
        coordinator = services.users.actor_for("coordinator")
        membership = services.store.get(Membership, f"{HOPE}|{NAN}")
        assert membership is not None
        services.network.update_membership(coordinator, membership.model_copy(update={"role_label": label}))


def test_a_change_shows_newest_first_with_who_what_and_the_fields_changed(
    fresh_page_as: PageAs, fresh_db: str
) -> None:
    _rename_nans_role(fresh_db, "Nan, who Jordan will live with")
    at = fresh_page_as(HISTORY, "coordinator", HOPE)
    assert not at.exception
    table = at.dataframe[0].value
    newest = table.iloc[0]
    assert (newest["Who"], newest["What"], newest["About"], newest["Outcome"]) == (
        "coordinator",
        "changed in the map",
        "Nan",
        "done",
    )
    assert newest["What changed"].startswith("role label: ")
    assert newest["What changed"].endswith("→ Nan, who Jordan will live with")
    # the import that made the case is there too, further down
    assert "imported" in set(table["What"])


def test_the_trail_narrows_to_one_person_and_to_one_author(fresh_page_as: PageAs, fresh_db: str) -> None:
    _rename_nans_role(fresh_db, "Grandmother")
    at = fresh_page_as(HISTORY, "coordinator", HOPE)
    everything = len(at.dataframe[0].value)
    at.selectbox(key="history-about").select(NAN).run()
    about_nan = at.dataframe[0].value
    assert 0 < len(about_nan) < everything
    assert set(about_nan["About"]) <= {"Nan"} | {a for a in about_nan["About"] if "Nan" in a}
    at.selectbox(key="history-who").select("coordinator").run()
    mine = at.dataframe[0].value
    assert list(mine["Who"]) == ["coordinator"] and list(mine["What"]) == ["changed in the map"]


def test_someone_taken_off_the_map_can_still_be_looked_up(fresh_page_as: PageAs, fresh_db: str) -> None:
    """A safeguarding review asks who took someone off the map: they are in the About list by name."""
    kyle = "p-ah-kyle"
    with bootstrap(fresh_db, hasher=CHEAP_HASHER) as services:
        membership = services.store.get(Membership, f"{HOPE}|{kyle}")
        assert membership is not None
        services.network.remove_member(
            services.users.actor_for("coordinator"), HOPE, kyle, membership.version
        )
    at = fresh_page_as(HISTORY, "coordinator", HOPE)
    assert "Kyle Ashby" in at.selectbox(key="history-about").options
    at.selectbox(key="history-about").set_value(kyle).run()
    newest = at.dataframe[0].value.iloc[0]
    assert (newest["Who"], newest["What"], newest["About"]) == (
        "coordinator",
        "took off the map",
        "Kyle Ashby",
    )


def test_the_trail_narrows_to_a_kind_of_change_and_shows_older_changes_on_request(
    fresh_page_as: PageAs, fresh_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from netmap.views.pages import history_page

    monkeypatch.setattr(history_page, "SHOWN", 5)
    _rename_nans_role(fresh_db, "Grandmother")
    at = fresh_page_as(HISTORY, "coordinator", HOPE)
    assert len(at.dataframe[0].value) == 5
    assert any("The newest 5 of" in c.value for c in at.caption)
    at = next(b for b in at.button if b.label == "Show older changes").click().run()
    assert len(at.dataframe[0].value) == 10
    at.selectbox(key="history-kind").select("people in the map").run()
    whats = set(at.dataframe[0].value["What"])
    assert "changed in the map" in whats and whats <= {"changed in the map", "imported", "added to the map"}
