"""Isolation that is honest about what was recorded: unknowns never score as none, and the LSNS-6 the
young person answered is scored exactly as Lubben et al. (2006)."""

from __future__ import annotations

from datetime import date

import pytest
from netbuild import CASE, EGO, ON, Net

from netmap.graph.analytics import case_metrics
from netmap.graph.analytics.isolation import Estimate, isolation, questionnaire
from netmap.graph.analytics.ties import tie_strengths
from netmap.models import Case, Lsns6, Network, OutcomeReading, Restriction


def _complete(net: Net, pid: str, sector: str = "family") -> Net:
    """Someone who counts on all three items, everything recorded."""
    net.member(pid, sector)
    return net.tie(pid, frequency="weekly", direction="to_ego", domains=["emotional", "practical"])


def _answers(total_from: tuple[int, int, int, int, int, int]) -> Lsns6:
    keys = ("relatives_seen", "relatives_private", "relatives_help", "friends_seen", "friends_private")
    return Lsns6(**dict(zip((*keys, "friends_help"), total_from, strict=True)))


def _with_readings(net: Network, *readings: OutcomeReading) -> Network:
    case = net.case.model_copy(update={"outcomes": list(readings)})
    return net.model_copy(update={"case": case})


def test_an_unrecorded_frequency_is_unknown_not_none() -> None:
    net = Net()
    for pid in ("r1", "r2", "r3"):
        _complete(net, pid)
    net.member("f1", "friends").tie("f1", direction="to_ego", domains=["emotional", "practical"])
    i = isolation(net.build(), on=ON)
    assert i.friends.contact == [] and i.friends.contact_unknown == ["f1"]
    # Recorded: three relatives score 3 on each item, the friend 1+1 = 11; with the friend's contact too it would be 12.
    assert (i.lsns_total, i.lsns_high) == (11, 12)
    assert i.estimate is Estimate.NOT_ENOUGH_RECORDED and not i.at_risk
    assert i.coverage == pytest.approx(11 / 12)


def test_a_tie_with_no_kinds_of_support_leaves_confiding_and_help_unknown() -> None:
    net = Net().member("gran").tie("gran", frequency="weekly")
    i = isolation(net.build(), on=ON)
    assert (i.relatives.contact, i.relatives.confide_unknown, i.relatives.help_unknown) == (
        ["gran"],
        ["gran"],
        ["gran"],
    )
    assert (i.lsns_total, i.lsns_high, i.coverage) == (1, 3, pytest.approx(1 / 3))
    # Even if Gran counted on every item, 3 is far below 12: the network is at risk, recorded or not.
    assert i.estimate is Estimate.AT_RISK and i.at_risk


def test_someone_on_the_map_without_a_relationship_is_unknown_unless_the_work_says_otherwise() -> None:
    net = Net()
    for pid in ("r1", "r2", "r3", "r4"):
        _complete(net, pid)
    net.member("cousin")  # on the map, nothing recorded about them and the young person
    net.member("lead", status="identified")  # being looked for: known not to be in touch yet
    net.member("barred", restrictions=[Restriction(kind="do_not_contact")])
    i = isolation(net.build(), on=ON)
    assert i.relatives.contact_unknown == ["cousin"]
    assert "lead" not in i.relatives.contact_unknown and "barred" not in i.relatives.contact_unknown
    # Four relatives score 3 on each item; counting the cousin, five would score 4.
    assert (i.lsns_total, i.lsns_high) == (9, 12)


def test_a_fully_recorded_network_is_determined_either_way() -> None:
    small, big = Net(), Net()
    _complete(small, "r1")
    for pid in ("r1", "r2", "r3", "r4", "r5"):
        _complete(big, pid)
    assert isolation(small.build(), on=ON).estimate is Estimate.AT_RISK
    recorded = isolation(big.build(), on=ON)
    assert (recorded.lsns_total, recorded.coverage, recorded.estimate) == (12, 1.0, Estimate.NOT_AT_RISK)


def test_nobody_to_ask_about_has_no_coverage_and_is_at_risk() -> None:
    i = isolation(Net().build(), on=ON)
    assert (i.coverage, i.lsns_total, i.lsns_high, i.estimate) == (None, 0, 0, Estimate.AT_RISK)


@pytest.mark.parametrize(
    ("items", "total", "at_risk"),
    [((2, 2, 2, 2, 2, 1), 11, True), ((2, 2, 2, 2, 2, 2), 12, False), ((5, 5, 5, 5, 5, 5), 30, False)],
)
def test_the_questionnaire_is_scored_as_lubben_with_at_risk_below_twelve(
    items: tuple[int, int, int, int, int, int], total: int, at_risk: bool
) -> None:
    q = questionnaire([OutcomeReading(on=date(2025, 6, 1), lsns6=_answers(items))])
    assert q is not None and (q.total, q.at_risk) == (total, at_risk)
    assert (q.relatives, q.friends) == (sum(items[:3]), sum(items[3:]))


def test_items_outside_nought_to_five_are_refused() -> None:
    with pytest.raises(ValueError):
        _answers((6, 0, 0, 0, 0, 0))


def test_the_questionnaire_answered_decides_at_risk_and_the_estimate_stays_beside_it() -> None:
    net = Net()
    _complete(net, "r1")
    low = OutcomeReading(on=date(2025, 3, 1), lsns6=_answers((1, 1, 1, 0, 0, 0)))
    high = OutcomeReading(on=date(2025, 9, 1), lsns6=_answers((3, 3, 3, 4, 3, 3)))
    i = isolation(_with_readings(net.build(), low, high), on=ON)
    assert i.questionnaire is not None and i.questionnaire.total == 19 and not i.questionnaire.at_risk
    assert i.estimate is Estimate.AT_RISK and not i.at_risk
    earlier = isolation(_with_readings(net.build(), low, high), on=date(2025, 6, 1))
    assert earlier.questionnaire is not None and earlier.questionnaire.total == 3 and earlier.at_risk


def test_the_summary_carries_both_and_says_when_nothing_can_tell() -> None:
    net = Net()
    for pid in ("r1", "r2", "r3", "r4"):
        _complete(net, pid)
    net.member("cousin")
    summary = case_metrics(net.build(), as_of=ON).summary
    assert (summary.lsns_total, summary.lsns_high, summary.lsns_answered) == (9, 12, None)
    assert summary.not_enough_recorded and not summary.at_risk
    answered = _with_readings(net.build(), OutcomeReading(on=date(2025, 9, 1), lsns6=_answers((2,) * 6)))
    summary = case_metrics(answered, as_of=ON).summary
    assert (summary.lsns_answered, summary.not_enough_recorded, summary.at_risk) == (12, False, False)


def test_stressful_and_harmful_ties_are_scored_apart_from_positive_strength() -> None:
    net = Net().member("mum").tie("mum", valence="stressful", strength=3, frequency="weekly")
    net.member("ex", "friends").tie("ex", valence="harmful", strength=1)
    _complete(net, "gran")
    s = tie_strengths(net.build(), on=ON)
    assert s.positive_count == 1 and [t.person_id for t in s.ties] == ["gran"]
    assert (s.negative_count, s.negative_sum) == (2, pytest.approx(4 / 3))


def test_a_case_record_without_readings_still_loads() -> None:
    old = Case.model_validate({"id": CASE, "title": "Old file", "ego_id": EGO})
    assert old.outcomes == [] and old.needs == []
