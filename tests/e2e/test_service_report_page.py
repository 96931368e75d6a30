"""AppTest of the service report page: the figures, suppressed, as each role may see them."""

from __future__ import annotations

from netmap.bootstrap import bootstrap
from netmap.cli.demo_users import DEMO_USERS
from netmap.models import Case, Person, PersonKind
from netmap.services.access import Actor
from netmap.services.users import SYSTEM_ACTOR
from netmap.views.pages import PAGES, visible
from tests.e2e.conftest import PageAs

REPORT = "netmap.views.pages.service_report_page"


def _metric(at, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def _page_text(at) -> str:
    parts = [
        e.value for kind in ("markdown", "caption", "title", "header", "subheader") for e in getattr(at, kind)
    ]
    parts += [m.value for m in at.metric]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    return "\n".join(str(p) for p in parts)


def test_the_page_is_for_the_roles_that_may_read_the_figures() -> None:
    spec = next(p for p in PAGES if p.module == REPORT)
    assert [u.username for u in DEMO_USERS if visible(spec, Actor(u.username, u.role))] == [
        "admin",
        "coordinator",
        "facilitator",
        "practitioner",
        "commissioner",
    ]


def test_the_coordinator_sees_the_figures_and_the_per_case_report(page_as: PageAs, demo_db: str) -> None:
    at = page_as(REPORT, "coordinator", None)
    assert not at.exception
    with bootstrap(demo_db) as services:
        expected = services.figures.report(services.users.actor_for("coordinator"))
        cases = len(services.store.list(Case))
    assert expected.per_case is not None
    assert _metric(at, "Cases") == str(expected.cases) == str(cases)
    assert any(h.value == "Per-case report" for h in at.header)
    distributions = next(f.value for f in at.dataframe if "Measure" in f.value and "Lowest" in f.value)
    assert list(distributions["Cases"]) == [d.n for d in expected.per_case.distributions.values()]
    assert [b.label for b in at.get("download_button")] == [
        "Download the tables (CSV)",
        "Download the tables (Excel)",
    ]
    # a download leaves the page as it is (a second click while a run redrew it was lost)
    assert all(b.proto.ignore_rerun for b in at.get("download_button"))


def test_a_practitioner_with_one_case_sees_every_figure_suppressed(page_as: PageAs) -> None:
    at = page_as(REPORT, "practitioner", None)
    assert not at.exception
    assert _metric(at, "Cases") == "[c]"
    assert "the cases you hold" in at.caption[0].value


def test_a_commissioner_sees_figures_and_nobody_named(page_as: PageAs, demo_db: str) -> None:
    at = page_as(REPORT, "commissioner", None)
    assert not at.exception and not at.error
    assert not any(h.value == "Per-case report" for h in at.header)
    text = _page_text(at)
    with bootstrap(demo_db) as services:
        people = [p for p in services.store.list(Person) if p.kind is PersonKind.PERSON]
        titles = {c.title for c in services.cases.list_cases(SYSTEM_ACTOR)}
    names = {p.name for p in people} | {p.display_name for p in people} | titles
    assert not [n for n in names if n in text]


def test_the_figures_follow_a_change_made_while_the_page_is_open(
    fresh_page_as: PageAs, fresh_db: str
) -> None:
    at = fresh_page_as(REPORT, "admin", None)
    assert not at.exception
    before = int(_metric(at, "Cases"))
    assert int(_metric(at.run(), "Cases")) == before
    with bootstrap(fresh_db) as services:
        reports = [e for e in services.store.audit_log() if e.action == "figures.report"]
    assert len(reports) == 1, "nothing changed: the page showed the same report again, not a new one"
    with bootstrap(fresh_db) as services:
        admin = services.users.actor_for("admin")
        person = Person(id="p-new-yp", name="Robin Ash")
        services.cases.create_case(admin, Case(id="c-new", title="Robin", ego_id=person.id), person)
    assert int(_metric(at.run(), "Cases")) == before + 1
