"""AppTest of the service report page: the cohort report as each role may see it."""

from __future__ import annotations

from netmap.bootstrap import bootstrap
from netmap.cli.demo_users import DEMO_USERS
from netmap.services.access import Actor
from netmap.views.pages import PAGES, visible
from tests.e2e.conftest import PageAs

REPORT = "netmap.views.pages.service_report_page"


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_the_page_is_for_the_roles_that_may_read_the_cohort() -> None:
    spec = next(p for p in PAGES if p.module == REPORT)
    assert [u.username for u in DEMO_USERS if visible(spec, Actor(u.username, u.role))] == [
        "admin",
        "coordinator",
        "facilitator",
        "practitioner",
    ]


def test_the_coordinator_sees_every_case_they_hold_with_the_numbers_of_the_service(
    page_as: PageAs, demo_db: str
) -> None:
    at = page_as(REPORT, "coordinator", None)
    assert not at.exception
    with bootstrap(demo_db) as services:
        expected = services.metrics.cohort_report(services.users.actor_for("coordinator"))
    assert _metric(at, "Cases") == str(expected.cases) == "5"
    assert _metric(at, "At risk of isolation").startswith(str(expected.flags["at_risk"]))
    table = at.dataframe[0].value
    assert list(table["Measure"]) == [n.replace("_", " ").capitalize() for n in expected.distributions]
    assert list(table["Cases"]) == [d.n for d in expected.distributions.values()]


def test_a_practitioner_sees_only_their_own_case(page_as: PageAs) -> None:
    at = page_as(REPORT, "practitioner", None)
    assert not at.exception
    assert _metric(at, "Cases") == "1"
    assert "Across the 1 case you can open." in at.caption[0].value
