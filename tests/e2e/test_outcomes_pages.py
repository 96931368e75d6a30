"""AppTest of the Outcomes page and of the questions on My map: readings recorded and shown, the young
person's answers kept as theirs, equality monitoring only for those who may read it."""

from __future__ import annotations

from datetime import date

from netmap.bootstrap import bootstrap
from netmap.cli.demo_users import DEMO_USERS
from netmap.models import Accommodation, Perspective
from netmap.services.access import Actor
from netmap.services.users import SYSTEM_ACTOR
from netmap.views.pages import PAGES, visible
from tests.e2e.conftest import PageAs
from tests.story_days import told_uk

OUTCOMES = "netmap.views.pages.outcomes_page"
MY_MAP = "netmap.views.pages.my_map_page"


def test_the_outcomes_page_is_for_those_who_may_read_outcomes() -> None:
    spec = next(p for p in PAGES if p.module == OUTCOMES)
    assert [u.username for u in DEMO_USERS if visible(spec, Actor(u.username, u.role))] == [
        "admin",
        "coordinator",
        "facilitator",
        "practitioner",
    ]


def test_the_coordinator_reads_the_timeline_and_the_equality_monitoring(page_as: PageAs) -> None:
    at = page_as(OUTCOMES, "coordinator", "c-well-connected")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["Date"]) == [
        told_uk(date(2026, 3, 9)),
        told_uk(date(2026, 6, 22)),
        told_uk(date(2026, 9, 21)),
    ]
    assert list(table["Review"]) == ["At referral", "After the plan", "Three months on"]
    assert list(table["LSNS-6 (0-30)"])[:2] == ["10", "21"]
    assert any(s.value == "Equality monitoring" for s in at.subheader)
    ethnicity = at.selectbox(key="equality-ethnicity")
    assert ethnicity.value is not None and ethnicity.value.value == "mixed_white_black_caribbean"


def test_a_practitioner_records_an_outcome_but_sees_no_equality_monitoring(
    fresh_page_as: PageAs, fresh_db: str
) -> None:
    at = fresh_page_as(OUTCOMES, "practitioner", "c-always-hope")
    assert not at.exception
    assert not any(s.value == "Equality monitoring" for s in at.subheader)
    at.selectbox(key="outcome-accommodation").set_value(Accommodation.APPROVED_PREMISES)
    next(c for c in at.checkbox if c.label.startswith("This is where they slept")).check()
    next(b for b in at.button if b.label == "Save").click().run()
    assert not at.exception and not at.error
    with bootstrap(fresh_db) as services:
        (reading,) = services.outcomes.list_outcomes(SYSTEM_ACTOR, "c-always-hope")
    assert (
        reading.accommodation is Accommodation.APPROVED_PREMISES
        and reading.release_night
        and reading.perspective is Perspective.PRACTITIONER
    )
    assert reading.recorded_by == "practitioner"


def test_the_young_person_answers_the_lsns6_on_my_map(fresh_page_as: PageAs, fresh_db: str) -> None:
    at = fresh_page_as(MY_MAP, "jordan", None)
    assert not at.exception
    assert any(s.value == "The people around you, and how you feel" for s in at.subheader)
    at.radio(key="my-checkin-relatives_seen").set_value(3)
    at.radio(key="my-checkin-friends_help").set_value(2)
    next(b for b in at.button if b.label == "Save my answers").click().run()
    assert not at.exception and not at.error
    with bootstrap(fresh_db) as services:
        (reading,) = services.outcomes.list_outcomes(SYSTEM_ACTOR, "c-always-hope")
    assert reading.perspective is Perspective.YOUNG_PERSON and reading.lsns6 is not None
    assert (reading.lsns6.relatives_seen, reading.lsns6.friends_help, reading.lsns6.total) == (3, 2, 5)
    assert reading.wellbeing is not None and reading.network_rating == 5
