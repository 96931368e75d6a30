"""Composition, positive-tie strength, LSNS-6 isolation and support coverage on hand-computed networks."""

from __future__ import annotations

import pytest
from netbuild import ON, Net

from netmap.graph.analytics import composition, coverage, isolation, tie_strengths
from netmap.graph.analytics.isolation import lsns_item_score
from netmap.graph.analytics.ties import tie_strength
from netmap.models import Network, SupportDomain, Tie


def mixed_network() -> Network:
    """Nine members: family with harmful and stressful ties, friends, a peer, two professionals."""
    return (
        Net()
        .member("gran")
        .member("aunt")
        .member("dad")
        .member("mum")
        .member("jo", "friends")
        .member("lee", "friends")
        .member("kim", "peers_community")
        .member("pa", "professionals", role_label="Personal adviser")
        .member("yot", "services")
        .tie(
            "gran",
            strength=3,
            frequency="weekly",
            direction="both",
            domains=["emotional", "practical", "housing"],
        )
        .tie("aunt", strength=2, frequency="monthly", direction="to_ego", domains=["practical"])
        .tie("dad", valence="harmful", strength=3, frequency="weekly", direction="to_ego", domains=["money"])
        .tie("mum", valence="stressful", frequency="weekly", domains=["emotional"])
        .tie("jo", strength=2, frequency="daily", direction="both", domains=["emotional", "leisure"])
        .tie("lee", strength=3, frequency="weekly", direction="from_ego", domains=["emotional", "practical"])
        .tie("kim", valence="mixed", frequency="monthly", direction="to_ego", domains=["advice"])
        .tie("pa", frequency="monthly", direction="to_ego", domains=["advice", "money", "housing"])
        .tie("yot", strength=1, frequency="weekly", direction="to_ego", domains=["education_work"])
        .tie("gran", "aunt")
        .build()
    )


def professionals_only() -> Network:
    return (
        Net()
        .member("pa", "professionals")
        .member("gp", "services")
        .tie("pa", strength=3, frequency="weekly", direction="to_ego", domains=["emotional", "practical"])
        .tie("gp", frequency="yearly", direction="to_ego", domains=["health"])
        .build()
    )


# --------------------------------------------------------------------------- composition


def test_composition_of_mixed_network() -> None:
    c = composition(mixed_network(), on=ON)
    assert c.size == 9
    assert c.by_sector == {
        "family": 4,
        "friends": 2,
        "peers_community": 1,
        "professionals": 1,
        "services": 1,
        "unset": 0,
    }
    assert c.professionals == 2
    assert c.ego_ties == 9
    assert c.ego_ties_by_valence == {"positive": 6, "mixed": 1, "stressful": 1, "harmful": 1}
    assert c.all_ties_by_valence["positive"] == 7
    assert c.positive_professional_share == pytest.approx(2 / 6)


@pytest.mark.parametrize("net", [Net(with_ego=False).build(), Net().build()], ids=["empty", "ego-only"])
def test_composition_of_empty_and_ego_only(net: Network) -> None:
    c = composition(net, on=ON)
    assert (c.size, c.ego_ties, c.professionals, c.positive_professional_share) == (0, 0, 0, None)
    assert set(c.ego_ties_by_valence.values()) == {0}


def test_composition_only_professionals() -> None:
    c = composition(professionals_only(), on=ON)
    assert (c.size, c.professionals, c.positive_professional_share) == (2, 2, 1.0)


# --------------------------------------------------------------------------- tie strength

GRAN = (5 / 6 + 1 + 1 + (1 + 3 / 4) / 2) / 4
AUNT = (4 / 6 + 2 / 3 + 0 + (0.5 + 1 / 4) / 2) / 4
JO = (1 + 2 / 3 + 1 + (1 + 2 / 4) / 2) / 4
LEE = (5 / 6 + 1 + 1 + (0.5 + 2 / 4) / 2) / 4


def test_positive_tie_strength_by_hand() -> None:
    s = tie_strengths(mixed_network(), on=ON)
    by_person = {t.person_id: t.strength for t in s.ties}
    assert by_person == pytest.approx(
        {"gran": GRAN, "aunt": AUNT, "jo": JO, "lee": LEE, "pa": by_person["pa"], "yot": by_person["yot"]}
    )
    assert s.positive_count == 4
    assert s.positive_sum == pytest.approx(GRAN + AUNT + JO + LEE)
    assert s.positive_mean == pytest.approx((GRAN + AUNT + JO + LEE) / 4)
    assert (s.mixed, s.stressful, s.harmful) == (["kim"], ["mum"], ["dad"])


def test_harmful_ties_never_add_to_strength() -> None:
    base = tie_strengths(mixed_network(), on=ON).positive_sum
    net = mixed_network()
    net.ties.append(
        Tie(
            id="t-x",
            case_id=net.case.id,
            from_id="ego",
            to_id="dad",
            valence="harmful",
            strength=3,
            perspective="young_person",
            frequency="daily",
            direction="both",
            domains=list(SupportDomain),
        )
    )
    assert tie_strengths(net, on=ON).positive_sum == pytest.approx(base)


def test_unknown_frequency_is_left_out_of_the_mean() -> None:
    t = Tie(
        id="t-1",
        case_id="c",
        from_id="a",
        to_id="b",
        strength=3,
        direction="both",
        domains=list(SupportDomain),
    )
    score = tie_strength(t)
    assert score.time is None
    assert score.strength == pytest.approx((1 + 1 + 1) / 3)
    weakest = tie_strength(Tie(id="t-2", case_id="c", from_id="a", to_id="b", strength=1, frequency="none"))
    assert weakest.strength == pytest.approx((0 + 1 / 3 + 0 + 0) / 4)


def test_strength_with_only_professionals_is_zero_with_no_mean() -> None:
    s = tie_strengths(professionals_only(), on=ON)
    assert (s.positive_sum, s.positive_mean, s.positive_count, len(s.ties)) == (0, None, 0, 2)


# --------------------------------------------------------------------------- isolation


def test_lsns_item_scores_follow_lubben() -> None:
    assert [lsns_item_score(n) for n in range(11)] == [0, 1, 2, 3, 3, 4, 4, 4, 4, 5, 5]


def test_lsns_of_mixed_network_by_hand() -> None:
    i = isolation(mixed_network(), on=ON)
    assert (i.relatives.contact, i.relatives.confide, i.relatives.help) == (
        ["aunt", "gran"],
        ["gran"],
        ["aunt", "gran"],
    )
    assert (
        i.relatives.contact_score,
        i.relatives.confide_score,
        i.relatives.help_score,
        i.relatives.score,
    ) == (2, 1, 2, 5)
    assert (i.friends.contact, i.friends.confide, i.friends.help) == (["jo", "kim"], ["jo"], ["kim"])
    assert i.friends.score == 4
    assert (i.lsns_total, i.at_risk) == (9, True)
    assert not i.no_positive_nonprofessional_adult
    assert not i.all_support_from_professionals
    assert not i.no_support_recorded


def _full(net: Net, pid: str, sector: str, *, help_: bool = True) -> Net:
    domains = ["emotional", "practical"] if help_ else ["emotional"]
    return net.member(pid, sector).tie(pid, frequency="monthly", direction="to_ego", domains=domains)


@pytest.mark.parametrize(("friend_helps", "total", "at_risk"), [(True, 12, False), (False, 11, True)])
def test_lsns_cut_off_is_below_twelve(friend_helps: bool, total: int, at_risk: bool) -> None:
    net = Net()
    for pid in ("r1", "r2", "r3"):
        _full(net, pid, "family")
    _full(net, "f1", "friends", help_=friend_helps)
    i = isolation(net.build(), on=ON)
    assert (i.lsns_total, i.at_risk) == (total, at_risk)


def test_lsns_maximum_is_thirty() -> None:
    net = Net()
    for k in range(9):
        _full(net, f"r{k}", "family")
        _full(net, f"f{k}", "peers_community")
    assert isolation(net.build(), on=ON).lsns_total == 30


def test_help_needs_strength_two() -> None:
    net = Net().member("r").tie("r", strength=1, frequency="weekly", domains=["practical", "money"]).build()
    assert isolation(net, on=ON).relatives.help == []


@pytest.mark.parametrize("net", [Net(with_ego=False).build(), Net().build()], ids=["empty", "ego-only"])
def test_isolation_of_empty_and_ego_only(net: Network) -> None:
    i = isolation(net, on=ON)
    assert (i.lsns_total, i.at_risk, i.no_positive_nonprofessional_adult) == (0, True, True)
    assert (i.all_support_from_professionals, i.no_support_recorded) == (False, True)


def test_isolation_only_professionals() -> None:
    i = isolation(professionals_only(), on=ON)
    assert (i.lsns_total, i.at_risk) == (0, True)
    assert i.no_positive_nonprofessional_adult and i.all_support_from_professionals


def test_a_child_friend_is_not_a_positive_adult_tie() -> None:
    net = Net().member("kid", "friends", birth_year=2014).tie("kid", frequency="daily", domains=["leisure"])
    assert isolation(net.build(), on=ON).no_positive_nonprofessional_adult
    net.member("uncle").tie("uncle", valence="mixed")
    assert isolation(net.build(), on=ON).no_positive_nonprofessional_adult
    net.member("aunt").tie("aunt")
    assert not isolation(net.build(), on=ON).no_positive_nonprofessional_adult


# --------------------------------------------------------------------------- coverage


def test_coverage_of_mixed_network() -> None:
    c = coverage(mixed_network(), on=ON)
    people = {d.domain.value: d.people for d in c.domains}
    assert people == {
        "emotional": ["gran", "jo"],
        "practical": ["aunt", "gran"],
        "housing": ["gran", "pa"],
        "money": ["pa"],
        "education_work": ["yot"],
        "health": [],
        "advice": ["kim", "pa"],
        "leisure": ["jo"],
    }
    assert [d.value for d in c.uncovered] == ["health"]
    assert [d.value for d in c.professional_only] == ["money", "education_work"]
    assert [d.value for d in c.single_points_of_failure] == ["money", "education_work", "leisure"]


def test_coverage_only_professionals_and_empty() -> None:
    c = coverage(professionals_only(), on=ON)
    assert [d.value for d in c.professional_only] == ["emotional", "practical", "health"]
    empty = coverage(Net().build(), on=ON)
    assert empty.uncovered == list(SupportDomain) and not empty.single_points_of_failure
