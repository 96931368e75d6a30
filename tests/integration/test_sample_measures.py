"""The measures tell the sample stories the way a coordinator would read them."""

from __future__ import annotations

from datetime import date

from netmap.bootstrap import Services
from netmap.services.data import STORY_DAY
from netmap.services.users import SYSTEM_ACTOR
from tests.story_days import told


def test_the_care_leaver_turning_25_is_isolated_and_falls_off_the_cliff_edge(
    sample_services: Services,
) -> None:
    # read on the samples' own day: from 10 December 2026 (as written) Leah is past 25 and that support has ended
    m = sample_services.metrics.case_metrics(SYSTEM_ACTOR, "c-turning-25", as_of=told(STORY_DAY))
    assert m.summary.at_risk and m.isolation.at_risk
    assert m.cliff_edge.before.professionals >= 4
    edge = m.cliff_edge
    assert edge.lapses, "the professionals' support has planned ends"
    assert edge.after.size < edge.before.size
    assert edge.change["positive_ties"] < 0 and edge.change["professionals"] < 0
    after = sample_services.metrics.case_metrics(SYSTEM_ACTOR, "c-turning-25", as_of=told(date(2026, 12, 10)))
    assert after.summary.size == edge.after.size, "the day after her birthday, the cliff edge has come"


def test_the_gang_linked_brother_counts_as_harmful_not_as_support(sample_services: Services) -> None:
    m = sample_services.metrics.case_metrics(SYSTEM_ACTOR, "c-always-hope")
    brother = "p-ah-kyle"
    assert m.summary.harmful_ties >= 1
    assert brother in m.strength.harmful
    assert all(brother not in cover.people for cover in m.coverage.domains)
    assert brother not in {score.person_id for score in m.strength.ties}


def test_the_discovery_case_shows_its_lifelong_links_funnel(sample_services: Services) -> None:
    m = sample_services.metrics.case_metrics(SYSTEM_ACTOR, "c-discovery-kai")
    reached = {status for status, n in m.status_counts.items() if n and status != "unset"}
    assert {
        "identified",
        "located",
        "contacted",
        "willing",
        "safety_checked",
        "declined",
        "not_found",
    } <= reached
    cohort = sample_services.metrics.cohort_report(SYSTEM_ACTOR)
    assert (
        cohort.funnel_reached["identified"]
        >= cohort.funnel_reached["located"]
        >= cohort.funnel_reached["willing"]
    )


def test_the_cohort_report_uses_the_same_numbers_as_each_case(sample_services: Services) -> None:
    from netmap.graph.analytics import cohort_row

    today = sample_services.cases.clock().date()
    for case in sample_services.cases.list_cases(SYSTEM_ACTOR):
        full = sample_services.metrics.case_metrics(SYSTEM_ACTOR, case.id, as_of=today).cohort_row()
        network = sample_services.cases.get_network(SYSTEM_ACTOR, case.id)
        snapshots = sample_services.cases.list_snapshots(SYSTEM_ACTOR, case.id)
        assert cohort_row(network, as_of=today, snapshots=snapshots) == full
