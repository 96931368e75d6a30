"""Building the case graph: perspective choice, dates, who is current; planned ends."""

from __future__ import annotations

from datetime import date

import pytest
from netbuild import EGO, ON, Net

from netmap.graph.analytics.ends import EndReason, age_on, birthday, is_leaving_care, member_end
from netmap.graph.analytics.graph import build_graph, pick_ties
from netmap.models import DiscoveryStatus, Person, Valence


def test_empty_network_gives_empty_graph() -> None:
    G = build_graph(Net(with_ego=False).build(), on=ON)
    assert G.number_of_nodes() == 0
    assert G.graph["ego"] == EGO


def test_ego_only_network_has_one_node_and_no_edges() -> None:
    G = build_graph(Net().build(), on=ON)
    assert list(G.nodes) == [EGO]
    assert G.nodes[EGO]["ego"] and not G.nodes[EGO]["professional"]


def test_default_view_prefers_practitioner_and_falls_back_to_young_person() -> None:
    net = (
        Net()
        .member("a")
        .member("b")
        .tie("a", valence="positive", perspective="young_person")
        .tie("a", valence="stressful", perspective="practitioner")
        .tie("b", valence="mixed", perspective="young_person")
        .build()
    )
    G = build_graph(net, on=ON)
    assert G[EGO]["a"]["tie"].valence is Valence.STRESSFUL
    assert G[EGO]["b"]["tie"].valence is Valence.MIXED
    yp = build_graph(net, view="young_person", on=ON)
    assert yp[EGO]["a"]["tie"].valence is Valence.POSITIVE


def test_pick_ties_takes_the_latest_record_within_a_perspective() -> None:
    net = (
        Net()
        .member("a")
        .tie("a", strength=1, recorded_on=date(2025, 5, 1))
        .tie("a", strength=3, recorded_on=date(2025, 9, 1))
        .tie("a", strength=2, recorded_on=date(2025, 7, 1))
        .build()
    )
    (only,) = pick_ties(net.ties).values()
    assert only.strength == 3


def test_dates_and_statuses_decide_who_is_current() -> None:
    net = (
        Net()
        .member("ended", support_ends=date(2026, 1, 14))
        .member("ends-today", support_ends=ON)
        .member("dead", deceased=True)
        .member("lost", status=DiscoveryStatus.NOT_FOUND)
        .member("declined", status=DiscoveryStatus.DECLINED)
        .member("future")
        .member("past")
        .tie("ended")
        .tie("ends-today")
        .tie("future", since=date(2025, 1, 1), until=date(2027, 1, 1))
        .tie("past", until=date(2026, 1, 14))
        .build()
    )
    G = build_graph(net, on=ON)
    assert sorted(G) == ["declined", EGO, "ends-today", "future", "past"]
    assert sorted(G[EGO]) == ["ends-today", "future"]
    assert "future" not in build_graph(net, on=date(2024, 12, 31))[EGO]


def test_prison_staff_leave_today_s_network_the_day_after_release() -> None:
    """A derived end that has passed still removes the member: no end need be typed in."""
    released = date(2026, 1, 10)
    net = (
        Net()
        .member("pom", "professionals", role_label="Prison offender manager", agency="HMP Ashbourne Fields")
        .member("po", "professionals", role_label="Probation officer")
        .tie("pom")
        .tie("po")
        .build()
    )
    net = net.model_copy(update={"case": net.case.model_copy(update={"release_date": released})})
    assert "pom" in build_graph(net, on=released)
    after = build_graph(net, on=ON)
    assert "pom" not in after and "po" in after, "probation goes on (no licence or sentence end)"


def test_professionals_are_by_sector_or_service_kind() -> None:
    net = (
        Net().member("pa", "professionals").member("gp", "services").member("school", "friends", service=True)
    )
    G = build_graph(net.member("aunt").build(), on=ON)
    assert [n for n in G if G.nodes[n]["professional"]] == ["pa", "gp", "school"]


def test_birthday_and_age() -> None:
    assert birthday(date(2004, 2, 29), 21) == date(2025, 3, 1)
    assert birthday(date(2004, 2, 29), 24) == date(2028, 2, 29)
    kai = Person(id="k", name="Kai", birth_date=date(2005, 6, 1))
    assert age_on(kai, date(2023, 5, 31)) == 17
    assert age_on(kai, date(2023, 6, 1)) == 18
    assert age_on(Person(id="y", name="Yas", birth_year=2005), date(2023, 1, 1)) == 18
    assert age_on(Person(id="u", name="Unknown"), ON) is None


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2026, 1, 15), (date(2027, 3, 10), EndReason.LEAVING_CARE_21)),
        # the birthday itself is the adviser's last day; past it, an adviser still there was kept to 25
        (date(2027, 3, 10), (date(2027, 3, 10), EndReason.LEAVING_CARE_21)),
        (date(2027, 3, 11), (date(2031, 3, 10), EndReason.LEAVING_CARE_25)),
        # past 25 the support has ended, and the end is still the 25th birthday
        (date(2031, 3, 11), (date(2031, 3, 10), EndReason.LEAVING_CARE_25)),
    ],
)
def test_leaving_care_support_ends_at_21_then_25(as_of: date, expected: tuple | None) -> None:
    net = Net().member("pa", "professionals", role_label="Personal Adviser").build()
    end = member_end(net, net.person("pa"), as_of)
    assert (None if end is None else (end.on, end.reason)) == expected


def test_explicit_support_end_wins_and_year_only_birth_counts_from_1_january() -> None:
    net = (
        Net(ego_born=None)
        .member("pa", "professionals", role_label="personal advisor", support_ends=date(2026, 8, 1))
        .member("lc", "services", agency="Leaving-Care Service")
        .build()
    )
    assert member_end(net, net.person("pa"), ON).reason is EndReason.SUPPORT_ENDS
    assert member_end(net, net.person("lc"), ON) is None  # no birth date: nothing derived
    net.people[0] = Person(id=EGO, name="Young Person", birth_year=2006)
    # a leaving-care service (not a personal adviser) is there until 25
    assert member_end(net, net.person("lc"), ON).on == date(2031, 1, 1)


def test_only_professionals_can_be_leaving_care() -> None:
    net = Net().member("aunt", role_label="her personal adviser once").build()
    assert not is_leaving_care(net.person("aunt"), net.membership("aunt"))
    assert member_end(net, net.person("aunt"), ON) is None
