"""Cliff edge, the two perspectives, and change between snapshots, on hand-built networks."""

from __future__ import annotations

from datetime import date

from netbuild import ON, Net

from netmap.graph.analytics import cliff_edge, compare, perspectives
from netmap.graph.analytics.change import baseline
from netmap.graph.analytics.ends import EndReason
from netmap.models import Network, Snapshot, Valence


def leaving_care() -> Network:
    """Ego is 19 on ON (born 10 March 2006)."""
    return (
        Net()
        .member("gran")
        .member("jo", "friends")
        .member("pa", "professionals", role_label="Personal adviser")
        .member("po", "professionals", role_label="Probation officer")
        .member("kw", "professionals", role_label="Keyworker", support_ends=date(2026, 4, 30))
        .member("hostel", "services")
        .tie("gran", frequency="weekly", direction="both", domains=["emotional", "practical"])
        .tie("jo", frequency="weekly", direction="to_ego", domains=["housing"], until=date(2026, 6, 30))
        .tie("pa", frequency="monthly", direction="to_ego", domains=["advice", "money"])
        .tie("po", frequency="weekly", direction="to_ego", domains=["practical"], until=date(2026, 9, 30))
        .tie("kw", frequency="weekly", direction="to_ego", domains=["emotional"])
        .tie("hostel", frequency="daily", direction="to_ego", domains=["housing"])
        .build()
    )


def test_cliff_edge_lists_every_planned_end_and_recomputes_after_the_last() -> None:
    c = cliff_edge(leaving_care(), as_of=ON)
    assert [(x.person_id, x.tie_id is None, x.on, x.reason) for x in c.lapses] == [
        ("kw", True, date(2026, 4, 30), EndReason.SUPPORT_ENDS),
        ("jo", False, date(2026, 6, 30), EndReason.TIE_UNTIL),
        ("po", False, date(2026, 9, 30), EndReason.TIE_UNTIL),
        ("pa", True, date(2027, 3, 10), EndReason.LEAVING_CARE_21),
    ]
    assert c.on == date(2027, 3, 11)
    assert (c.before.size, c.after.size) == (6, 4)  # kw and pa leave; jo and po stay, untied
    assert (c.before.professionals, c.after.professionals) == (4, 2)
    assert c.change["positive_ties"] == -4
    assert [d.value for d in c.domains_lost] == ["money", "advice"]
    assert [d.value for d in c.domains_left_to_professionals] == ["housing"]


def test_a_tie_ending_after_its_member_leaves_is_not_listed_twice() -> None:
    net = (
        Net()
        .member("kw", "professionals", support_ends=date(2026, 4, 30))
        .member("sw", "professionals", support_ends=date(2026, 4, 30))
        .tie("kw", until=date(2026, 5, 31))
        .tie("sw", until=date(2026, 3, 31))
        .build()
    )
    found = [(x.person_id, x.reason.value) for x in cliff_edge(net, as_of=ON).lapses]
    assert found == [("sw", "tie_until"), ("kw", "support_ends"), ("sw", "support_ends")]


def test_cliff_edge_on_a_chosen_date() -> None:
    c = cliff_edge(leaving_care(), as_of=ON, on=date(2026, 5, 1))
    assert c.on == date(2026, 5, 1)
    assert c.change["size"] == -1 and c.change["positive_ties"] == -1
    assert c.domains_lost == []


def test_cliff_edge_after_25_derives_no_end() -> None:
    net = (
        Net(ego_born=date(1999, 1, 1)).member("pa", "professionals", role_label="Personal adviser").tie("pa")
    )
    c = cliff_edge(net.build(), as_of=ON)
    assert (c.lapses, c.on) == ([], None)
    assert set(c.change.values()) <= {0, None}


def test_cliff_edge_of_empty_and_ego_only() -> None:
    for net in (Net(with_ego=False).build(), Net().build()):
        c = cliff_edge(net, as_of=ON)
        assert (c.lapses, c.on, c.before.size, c.after.size) == ([], None, 0, 0)


def two_views() -> Network:
    return (
        Net()
        .member("mum")
        .member("jo", "friends")
        .member("pa", "professionals")
        .tie("mum", valence="harmful", strength=3, frequency="monthly", perspective="practitioner")
        .tie(
            "mum",
            valence="positive",
            strength=3,
            frequency="monthly",
            domains=["emotional"],
            perspective="young_person",
        )
        .tie("jo", frequency="weekly", domains=["leisure"], perspective="young_person")
        .tie("pa", frequency="monthly", domains=["advice"], perspective="practitioner")
        .build()
    )


def test_perspectives_list_disagreements_and_one_sided_pairs() -> None:
    p = perspectives(two_views(), on=ON)
    assert [(d.people, d.field, d.young_person, d.practitioner) for d in p.disagreements] == [
        (("ego", "mum"), "valence", "positive", "harmful"),
        (("ego", "mum"), "domains", "emotional", ""),
    ]
    assert p.only_young_person == [("ego", "jo")]
    assert p.only_practitioner == [("ego", "pa")]
    assert (p.young_person.positive_ties, p.practitioner.positive_ties) == (3, 2)
    assert (p.young_person.harmful_ties, p.practitioner.harmful_ties) == (0, 1)
    assert p.change["positive_ties"] == -1
    assert p.change["lsns_total"] < 0


def test_perspectives_agree_when_only_one_view_exists() -> None:
    p = perspectives(Net().member("a").tie("a", frequency="weekly").build(), on=ON)
    assert p.disagreements == [] and p.only_young_person == []
    assert p.young_person == p.practitioner


def test_change_between_two_snapshots() -> None:
    before = (
        Net()
        .member("gran")
        .member("dad")
        .member("mum")
        .member("old")
        .tie("gran", strength=1)
        .tie("dad", valence="harmful", strength=3)
        .tie("mum", valence="positive", strength=3)
        .tie("old")
        .build()
    )
    after = (
        Net()
        .member("gran")
        .member("dad")
        .member("mum")
        .member("aunt")
        .member("cousin")
        .tie("gran", strength=3)
        .tie("dad", valence="mixed", strength=1)
        .tie("mum", valence="stressful", strength=3)
        .tie("aunt")
        .tie("aunt", "cousin")
        .build()
    )
    c = compare(before, after, before_on=date(2025, 1, 1), after_on=ON)
    assert (c.size_before, c.size_after) == (4, 5)
    assert (c.members_gained, c.members_lost) == (["aunt", "cousin"], ["old"])
    assert c.ties_gained == [("aunt", "cousin"), ("aunt", "ego")]
    assert c.ties_lost == [("ego", "old")]
    assert [(t.people, t.strength_before, t.strength_after) for t in c.strengthened] == [
        (("dad", "ego"), 3, 1),
        (("ego", "gran"), 1, 3),
    ]
    assert [(t.people, t.valence_after) for t in c.weakened] == [(("ego", "mum"), Valence.STRESSFUL)]
    assert c.change["size"] == 1


def test_change_from_empty_to_ego_only_and_back() -> None:
    c = compare(Net(with_ego=False).build(), Net().member("a").tie("a").build(), before_on=ON, after_on=ON)
    assert (c.size_before, c.size_after, c.members_gained) == (0, 1, ["a"])
    c = compare(Net().build(), Net().build(), before_on=ON, after_on=ON)
    assert set(c.change.values()) <= {0, None}


def test_baseline_prefers_the_earliest_referral() -> None:
    net = Net().build()

    def snap(sid: str, event: str, on: date) -> Snapshot:
        return Snapshot(id=sid, case_id=net.case.id, event=event, taken_on=on, network=net)

    review = snap("s-1", "review", date(2024, 1, 1))
    referral = snap("s-2", "referral", date(2024, 6, 1))
    later_referral = snap("s-3", "referral", date(2025, 6, 1))
    assert baseline([later_referral, review, referral]) == referral
    assert baseline([review]) == review
