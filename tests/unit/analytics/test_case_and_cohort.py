"""case_metrics bundles every measure; the cohort report aggregates many cases."""

from __future__ import annotations

import json
from datetime import date

import pytest
from netbuild import CASE, ON, Net

from netmap.graph.analytics import CaseMetrics, case_metrics, cohort_report, report_row
from netmap.graph.analytics.cohort import distribution, status_counts
from netmap.models import Case, Network, Snapshot


def _full(net: Net, pid: str, sector: str, **membership: object) -> Net:
    net.member(pid, sector, **membership)
    return net.tie(pid, frequency="weekly", direction="to_ego", domains=["emotional", "practical"])


def connected() -> Network:
    """LSNS 12: three relatives and one friend, each counting on all three items."""
    net = Net()
    for pid, status in (("r1", "in_plan"), ("r2", "attended"), ("r3", "sustained_6m")):
        _full(net, pid, "family", status=status)
    _full(net, "f1", "friends", status="identified")
    return net.member("lost", status="not_found").member("no", status="declined").build()


def referral() -> Network:
    return _full(Net(), "r1", "family", status="identified").build()


def _case(net: Network, case_id: str) -> Network:
    """The same network filed under another case id."""
    return net.model_copy(update={"case": Case(id=case_id, title="Other", ego_id=net.case.ego_id)})


def test_case_metrics_bundles_every_measure_and_change_since_referral() -> None:
    snap = Snapshot(id="s-1", case_id=CASE, event="referral", taken_on=date(2025, 2, 1), network=referral())
    m = case_metrics(connected(), as_of=ON, snapshots=[snap])
    assert (m.case_id, m.as_of, m.summary.size, m.summary.lsns_total, m.summary.at_risk) == (
        CASE,
        ON,
        5,
        12,
        False,
    )
    assert m.composition.size == m.summary.size
    assert m.status_counts["not_found"] == 1 and m.status_counts["in_plan"] == 1
    assert m.names["r1"] == "Person r1"
    assert m.baseline_event.value == "referral"
    assert (m.change.size_before, m.change.size_after, m.change.members_gained) == (
        1,
        5,
        ["f1", "no", "r2", "r3"],
    )
    assert [(p.event.value, p.summary.size) for p in m.timeline] == [("referral", 1)]


@pytest.mark.parametrize("net", [Net(with_ego=False).build(), Net().build()], ids=["empty", "ego-only"])
def test_case_metrics_of_empty_and_ego_only_round_trip_through_json(net: Network) -> None:
    m = case_metrics(net, as_of=ON)
    assert (m.summary.size, m.summary.lsns_total, m.summary.at_risk, m.change) == (0, 0, True, None)
    assert (m.summary.effective_size, m.summary.constraint, m.summary.strength_mean) == (None, None, None)
    data = json.loads(m.model_dump_json())
    assert CaseMetrics.model_validate(data) == m


def test_case_metrics_does_not_change_its_input() -> None:
    net = connected()
    before = net.model_dump()
    case_metrics(net, as_of=ON)
    assert net.model_dump() == before


def test_status_counts_include_exits_but_not_the_young_person() -> None:
    counts = status_counts(connected())
    assert sum(counts.values()) == 6
    assert (counts["declined"], counts["not_found"], counts["unset"]) == (1, 1, 0)


def test_distribution_quartiles() -> None:
    d = distribution([0, 10, 20, 30, 40])
    assert (d.n, d.min, d.q1, d.median, d.q3, d.max, d.mean) == (5, 0, 10, 20, 30, 40, 20)
    assert distribution([7]).q1 == 7 and distribution([None]).n == 0


def test_cohort_report() -> None:
    snap = Snapshot(id="s-1", case_id=CASE, event="referral", taken_on=date(2025, 2, 1), network=referral())
    rows = [
        case_metrics(connected(), as_of=ON, snapshots=[snap]).cohort_row(),
        case_metrics(_case(referral(), "c-2"), as_of=ON).cohort_row(),
        case_metrics(_case(Net().build(), "c-3"), as_of=ON).cohort_row(),
    ]
    r = cohort_report(map(report_row, rows))
    assert r.cases == 3
    assert r.at_risk_share == pytest.approx(2 / 3)
    assert r.flags == {
        "at_risk": 2,
        "not_enough_recorded": 0,
        "no_positive_nonprofessional_adult": 1,
        "all_support_from_professionals": 0,
    }
    size = r.distributions["size"]
    assert (size.n, size.min, size.median, size.max) == (3, 0, 1, 5)
    assert r.distributions["strength_mean"].n == 2  # undefined for the ego-only case
    assert "at_risk" not in r.distributions
    assert [(p.case_id, p.size_before, p.size_after, p.lsns_before, p.lsns_after) for p in r.paired] == [
        (CASE, 1, 5, 3, 12)
    ]
    assert r.paired_size_change.mean == 4
    assert (r.funnel["identified"], r.funnel["in_plan"], r.funnel["declined"]) == (2, 1, 1)
    assert r.funnel_reached["identified"] == 5
    assert r.funnel_reached["attended"] == 3
    assert r.funnel_reached["sustained_6m"] == 1
    assert r.funnel_reached["sustained_12m"] == 0


def test_cohort_of_nothing() -> None:
    r = cohort_report([])
    assert (r.cases, r.at_risk_share, r.paired) == (0, None, [])
    assert r.distributions["size"].n == 0
