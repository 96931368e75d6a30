"""AppTest of "Change someone's details" on the People page, signed in through the real services."""

from __future__ import annotations

from datetime import date
from typing import Any

from netmap.bootstrap import bootstrap
from netmap.models import Membership, Person
from netmap.planning.support_ends import member_end
from netmap.renderers.escape import markdown_text
from tests.e2e.conftest import PageAs

PEOPLE = "netmap.views.pages.people_page"
HOPE = "c-always-hope"
PRIYA, NAN = "p-ah-priya", "p-ah-maureen"


def _by_label(widgets: Any, label: str) -> Any:
    """The widget of "Change someone's details" whose label starts with ``label`` (the page has other forms)."""
    return next(w for w in widgets if w.label.startswith(label) and str(w.form_id).startswith("details-"))


def _stored(url: str, person_id: str) -> tuple[Person, Membership]:
    with bootstrap(url) as services:
        person = services.store.get(Person, person_id)
        membership = services.store.get(Membership, f"{HOPE}|{person_id}")
    assert person is not None and membership is not None
    return person, membership


def _pick(make: PageAs, username: str, person_id: str) -> Any:
    at = make(PEOPLE, username)
    at.selectbox(key="details-pick").select(person_id).run()
    assert not at.exception
    return at


def test_the_coordinator_completes_someone_s_details_and_the_rules_read_them(
    fresh_page_as: PageAs, fresh_db: str
) -> None:
    at = _pick(fresh_page_as, "coordinator", PRIYA)
    headings = {m.value for m in at.markdown}
    assert {"**In this map**", "**Restricted details** (shown only to those who may read them)"} <= headings
    _by_label(at.text_input, "Known as").input("Pri **PA**")
    _by_label(at.date_input, "Date of birth").set_value(date(1991, 2, 3))
    _by_label(at.text_input, "Who they are to the young person").input("Personal adviser until Jordan is 21")
    _by_label(at.date_input, "Their support ends on").set_value(date(2030, 6, 30))
    _by_label(at.text_input, "Phone").input("07700 900999")
    _by_label(at.button, "Save details").click().run()
    assert not at.exception
    assert at.success[0].value == markdown_text("Saved the details of Pri **PA**.")
    person, membership = _stored(fresh_db, PRIYA)
    assert (person.known_as, person.birth_date, person.birth_year, person.phone) == (
        "Pri **PA**",
        date(1991, 2, 3),
        1991,
        "07700 900999",
    )
    assert (membership.role_label, membership.support_ends) == (
        "Personal adviser until Jordan is 21",
        date(2030, 6, 30),
    )
    with bootstrap(fresh_db) as services:
        network = services.store.get_network(HOPE)
        end = member_end(network, network.person(PRIYA), date.today())
        events = {e.action for e in services.store.audit_log(entity_id=PRIYA)}
    assert end is not None and end.on == date(2030, 6, 30), "the recorded end wins over the rule"
    assert "member.update" in events


def test_a_practitioner_sees_no_restricted_details_and_they_stay_as_stored(
    fresh_page_as: PageAs, fresh_db: str
) -> None:
    before, _ = _stored(fresh_db, NAN)
    at = _pick(fresh_page_as, "practitioner", NAN)
    labels = {w.label for w in [*at.text_input, *at.text_area] if w.form_id.startswith("details-")}
    assert not {"Address", "Phone", "Email", "Safeguarding notes"} & labels
    assert before.address not in str([w.value for w in [*at.text_input, *at.text_area]])
    _by_label(at.text_input, "Known as").input("Nanna")
    _by_label(at.button, "Save details").click().run()
    assert not at.exception
    after, _ = _stored(fresh_db, NAN)
    assert after.known_as == "Nanna" and (after.address, after.phone) == (before.address, before.phone)


def test_the_young_person_s_own_record_has_no_place_in_the_map_to_change(
    fresh_page_as: PageAs, fresh_db: str
) -> None:
    at = _pick(fresh_page_as, "coordinator", "p-ah-jordan")
    assert not [
        w for w in at.text_input if w.label.startswith("Who they are to") and w.form_id.startswith("details-")
    ]
    _by_label(at.text_input, "Area").input("Westbrook")
    _by_label(at.button, "Save details").click().run()
    assert not at.exception
    person, _ = _stored(fresh_db, "p-ah-jordan")
    assert person.area == "Westbrook"


def test_a_change_saved_by_someone_else_first_is_not_overwritten(
    fresh_page_as: PageAs, fresh_db: str
) -> None:
    at = _pick(fresh_page_as, "coordinator", PRIYA)
    with bootstrap(fresh_db) as services:
        admin = services.users.actor_for("admin")
        person, _ = _stored(fresh_db, PRIYA)
        services.network.update_person(admin, HOPE, person.model_copy(update={"known_as": "By the admin"}))
    _by_label(at.text_input, "Known as").input("By the coordinator")
    _by_label(at.text_input, "What they offer").input("Weekly calls")
    _by_label(at.button, "Save details").click().run()
    assert not at.exception
    assert "Someone else saved a change first" in at.error[0].value
    person, membership = _stored(fresh_db, PRIYA)
    assert person.known_as == "By the admin" and membership.offer != "Weekly calls", (
        "neither part was written"
    )


def test_a_bad_year_is_one_sentence_and_nothing_changes(fresh_page_as: PageAs, fresh_db: str) -> None:
    before = _stored(fresh_db, NAN)
    at = _pick(fresh_page_as, "coordinator", NAN)
    _by_label(at.checkbox, "They have died").check()
    _by_label(at.number_input, "Year they died").set_value(1950)  # before she was born
    _by_label(at.button, "Save details").click().run()
    assert not at.exception
    assert at.error[0].value == markdown_text("Death year is before birth year.")
    assert _stored(fresh_db, NAN) == before


def test_readers_get_no_form(page_as: PageAs) -> None:
    at = page_as(PEOPLE, "viewer")
    assert not at.exception
    assert not [s for s in at.selectbox if s.label == "Change someone's details"]
