"""A young parent's child's social worker: children's services end at the child's 18th birthday, not
the young parent's, when the role names the child ("Ruby's social worker")."""

from __future__ import annotations

from datetime import date

import pytest

from netmap.graph.analytics.graph import build_graph
from netmap.models import Case, Membership, Network, Person, Sector
from netmap.planning.support_ends import EndReason, PlannedEnd, member_end, whose_worker

JADE = Person(id="p-jade", name="Jade Whitaker", birth_date=date(2004, 8, 19))  # 18 on 19 August 2022
RUBY = Person(id="p-ruby", name="Ruby Whitaker", birth_date=date(2026, 4, 2))  # 18 on 2 April 2044
TODAY = date(2026, 11, 24)


def _network(
    role: str, *others: tuple[Person, str], agency: str = "Westbrook Children's Services"
) -> Network:
    tom = Person(id="p-tom", name="Tom Ashworth", agency=agency)
    people = [JADE, RUBY, tom, *(person for person, _ in others)]
    members = [
        Membership.make("c-1", JADE.id, sector=Sector.FAMILY, ring=1),
        Membership.make("c-1", RUBY.id, sector=Sector.FAMILY, role_label="Daughter"),
        Membership.make("c-1", tom.id, sector=Sector.PROFESSIONALS, role_label=role),
        *(Membership.make("c-1", p.id, sector=Sector.FAMILY, role_label=label) for p, label in others),
    ]
    return Network(case=Case(id="c-1", title="Jade", ego_id=JADE.id), people=people, memberships=members)


def _end(net: Network) -> PlannedEnd | None:
    return member_end(net, net.person("p-tom"), TODAY)


@pytest.mark.parametrize(
    "role",
    [
        "Ruby's social worker",
        "ruby’s social worker",
        "Ruby Whitaker's social worker",
        "Daughter's social worker",
    ],
)
def test_the_child_s_social_worker_stays_until_the_child_is_18(role: str) -> None:
    net = _network(role)
    assert whose_worker(net, net.person("p-tom"), net.membership("p-tom")) == RUBY
    assert _end(net) == PlannedEnd(on=date(2044, 4, 2), reason=EndReason.CHILDREN_18)
    assert "p-tom" in build_graph(net, on=TODAY)  # still in Jade's network, so in her measures


def test_a_child_and_adolescent_mental_health_worker_for_the_child_is_read_the_same_way() -> None:
    net = _network("Ruby's therapist", agency="Westbrook CAMHS")
    assert _end(net) == PlannedEnd(on=date(2044, 4, 2), reason=EndReason.CHILDREN_18)


@pytest.mark.parametrize(
    ("role", "others"),
    [
        ("Social worker", ()),  # names nobody: the young person's own
        ("Jade's social worker", ()),  # names the young person
        ("Kayla's social worker", ()),  # names nobody in the map
        ("Ruby's social worker", ((Person(id="p-ruby2", name="Ruby Haines"), "Cousin"),)),  # two Rubys
    ],
)
def test_otherwise_children_s_services_end_at_the_young_person_s_18th(
    role: str, others: tuple[tuple[Person, str], ...]
) -> None:
    net = _network(role, *others)
    assert whose_worker(net, net.person("p-tom"), net.membership("p-tom")) is None
    assert _end(net) == PlannedEnd(on=date(2022, 8, 19), reason=EndReason.CHILDREN_18)
    assert "p-tom" not in build_graph(net, on=TODAY)


def test_a_child_with_no_birth_date_gives_no_derived_end() -> None:
    net = _network("Ruby's social worker")
    net = net.model_copy(
        update={
            "people": [
                p if p.id != RUBY.id else RUBY.model_copy(update={"birth_date": None, "birth_year": None})
                for p in net.people
            ]
        }
    )
    assert _end(net) is None


def test_other_professionals_ignore_whose_worker_the_role_names() -> None:
    """A leaving-care worker's part rests on the young person's age whatever the role's words say."""
    net = _network("Ruby's personal adviser", agency="Westbrook Leaving Care Team")
    end = _end(net)
    assert end is not None and end.reason is not EndReason.CHILDREN_18
    assert end.on.year in (2025, 2029)  # 21 or 25: the young person's birthdays
