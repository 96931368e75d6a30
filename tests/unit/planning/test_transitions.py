"""Support ends derived from the case (18, 21, 25, release, licence and sentence end) and the transitions
ahead, with whose support ends, who remains, and the 90, 30 and 7 day warnings."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netmap.models import Case, DiscoveryStatus, Membership, Network, Person, PersonKind, ServiceInfo
from netmap.planning.support_ends import EndReason, PlannedEnd, SupportBasis, support_basis, support_end
from netmap.planning.transitions import TransitionKind, transitions_ahead

BORN = date(2008, 5, 20)  # 18 on 20 May 2026, 21 on 20 May 2029, 25 on 20 May 2033
TODAY = date(2026, 1, 10)
RELEASE, LICENCE, SENTENCE = date(2026, 3, 1), date(2026, 9, 1), date(2026, 12, 1)


def _case(**fields: object) -> Case:
    return Case.model_validate(
        {"id": "c-1", "title": "Ash", "ego_id": "p-ash", "prison": "HMP Kelby", **fields}
    )


ASH = Person(id="p-ash", name="Ash Lane", birth_date=BORN)
WORKERS = {
    # person id: (role label, agency, sector)
    "p-sw": ("Social worker", "Kelby Children's Services", "professionals"),
    "p-camhs": ("Therapist", "Kelby CAMHS", "professionals"),
    "p-pa": ("Personal adviser", "Kelby Leaving Care Team", "professionals"),
    "p-lc": ("Housing officer", "Kelby care leavers housing", "professionals"),
    "p-pom": ("Offender manager", "HMP Kelby", "professionals"),
    "p-po": ("Probation officer", "Kelby Probation Delivery Unit", "professionals"),
    "p-mentor": ("Mentor", "Kelby Mentoring", "peers_community"),
    "p-nan": ("Nan", "", "family"),
}


def network(case: Case | None = None, *extra: tuple[Person, Membership]) -> Network:
    people = [ASH] + [
        Person(id=pid, name=pid[2:].title(), agency=agency) for pid, (_, agency, _) in WORKERS.items()
    ]
    members = [Membership.make("c-1", "p-ash", sector="family", ring=1)] + [
        Membership.make("c-1", pid, sector=sector, role_label=label)
        for pid, (label, _, sector) in WORKERS.items()
    ]
    for person, membership in extra:
        people.append(person)
        members.append(membership)
    return Network(case=case or _case(), people=people, memberships=members)


def end(net: Network, person_id: str, as_of: date = TODAY) -> tuple[date, EndReason] | None:
    person = net.person(person_id)
    found = support_end(net.case, ASH, person, net.membership(person_id), as_of)
    return None if found is None else (found.on, found.reason)


@pytest.mark.parametrize(
    ("person_id", "basis"),
    [
        ("p-sw", SupportBasis.CHILDREN),
        ("p-camhs", SupportBasis.CHILD_MENTAL_HEALTH),
        ("p-pa", SupportBasis.PERSONAL_ADVISER),
        ("p-lc", SupportBasis.LEAVING_CARE),
        ("p-pom", SupportBasis.PRISON),
        ("p-po", SupportBasis.PROBATION),
        ("p-mentor", None),
        ("p-nan", None),
    ],
)
def test_what_each_professional_s_support_rests_on(person_id: str, basis: SupportBasis | None) -> None:
    net = network()
    assert support_basis(net.person(person_id), net.membership(person_id)) is basis


def test_a_directory_service_rests_on_its_categories() -> None:
    service = Person(
        id="p-x",
        name="Kelby Hub",
        kind=PersonKind.SERVICE,
        service_info=ServiceInfo(categories=["probation"]),
    )
    assert support_basis(service, None) is SupportBasis.PROBATION


def test_children_s_services_and_camhs_end_at_18() -> None:
    net = network()
    assert end(net, "p-sw") == end(net, "p-camhs") == (date(2026, 5, 20), EndReason.CHILDREN_18)
    assert end(net, "p-sw", date(2026, 5, 20)) == (date(2026, 5, 20), EndReason.CHILDREN_18), "the day itself"
    assert end(net, "p-sw", date(2026, 5, 21)) == (date(2026, 5, 20), EndReason.CHILDREN_18), (
        "past, still the end"
    )


def test_the_personal_adviser_ends_at_21_unless_kept_to_25() -> None:
    assert end(network(), "p-pa") == (date(2029, 5, 20), EndReason.LEAVING_CARE_21)
    kept = network(_case(keep_adviser_to_25=True))
    assert end(kept, "p-pa") == (date(2033, 5, 20), EndReason.LEAVING_CARE_25)
    # past 21 with the adviser still there, the support was kept
    assert end(network(), "p-pa", date(2029, 5, 21)) == (date(2033, 5, 20), EndReason.LEAVING_CARE_25)


def test_leaving_care_ends_at_25() -> None:
    assert end(network(), "p-lc") == (date(2033, 5, 20), EndReason.LEAVING_CARE_25)
    assert end(network(), "p-lc", date(2033, 5, 21)) == (date(2033, 5, 20), EndReason.LEAVING_CARE_25)


def test_the_prison_ends_at_release_and_probation_at_licence_or_sentence_end() -> None:
    net = network(_case(release_date=RELEASE, licence_end=LICENCE, sentence_end=SENTENCE))
    assert end(net, "p-pom") == (RELEASE, EndReason.RELEASE)
    assert end(net, "p-po") == (LICENCE, EndReason.LICENCE_END)
    no_licence = network(_case(release_date=RELEASE, sentence_end=SENTENCE))
    assert end(no_licence, "p-po") == (SENTENCE, EndReason.SENTENCE_END)
    assert end(network(), "p-pom") is None and end(network(), "p-po") is None, "no dates, no derived end"


def test_an_end_recorded_on_the_membership_wins() -> None:
    net = network(_case(release_date=RELEASE))
    pom = net.membership("p-pom")
    assert pom is not None
    recorded = pom.model_copy(update={"support_ends": date(2026, 2, 1)})
    assert support_end(net.case, ASH, net.person("p-pom"), recorded, TODAY) == PlannedEnd(
        on=date(2026, 2, 1), reason=EndReason.SUPPORT_ENDS
    )


def test_without_a_birth_date_no_birthday_end_is_derived() -> None:
    net = network()
    unknown = Person(id="p-ash", name="Ash Lane")
    assert support_end(net.case, unknown, net.person("p-pa"), net.membership("p-pa"), TODAY) is None


# --------------------------------------------------------------------------- transitions ahead


def test_release_lists_who_ends_and_who_remains() -> None:
    net = network(_case(release_date=RELEASE, licence_end=LICENCE))
    (release,) = [t for t in transitions_ahead(net, today=TODAY, days=60) if t.on == RELEASE]
    assert release.kinds == [TransitionKind.RELEASE]
    assert "released from HMP Kelby" in release.what
    assert [(w.person_id, w.reason) for w in release.ends] == [("p-pom", EndReason.RELEASE)]
    remains = {w.person_id for w in release.remains}
    assert remains == {"p-sw", "p-camhs", "p-pa", "p-lc", "p-po", "p-mentor", "p-nan"}
    assert (release.days_left, release.warning) == (50, 90)


def test_at_18_21_25_and_licence_end() -> None:
    today = date(2026, 5, 1)
    net = network(
        _case(release_date=date(2026, 5, 10), licence_end=date(2026, 5, 20), sentence_end=date(2026, 5, 20))
    )
    found = {t.on: t for t in transitions_ahead(net, today=today, days=366 * 8)}
    eighteen = found[date(2026, 5, 20)]
    assert eighteen.kinds == [
        TransitionKind.TURNS_18,
        TransitionKind.LICENCE_END,
        TransitionKind.SENTENCE_END,
    ]
    assert {w.person_id for w in eighteen.ends} == {"p-sw", "p-camhs", "p-po"}
    assert {w.person_id for w in eighteen.remains} == {"p-pa", "p-lc", "p-mentor", "p-nan"}
    twenty_one = found[date(2029, 5, 20)]
    assert "ends unless Ash Lane asks to keep them until 25" in twenty_one.what
    assert [w.person_id for w in twenty_one.ends] == ["p-pa"]
    twenty_five = found[date(2033, 5, 20)]
    assert [w.person_id for w in twenty_five.ends] == ["p-lc"]
    assert {w.person_id for w in twenty_five.remains} == {"p-mentor", "p-nan"}


def test_a_personal_adviser_kept_to_25_leaves_at_25_not_21() -> None:
    net = network(_case(keep_adviser_to_25=True))
    found = {t.on: t for t in transitions_ahead(net, today=date(2029, 1, 1), days=366 * 5)}
    assert "asked to keep their personal adviser until 25" in found[date(2029, 5, 20)].what
    assert found[date(2029, 5, 20)].ends == []
    assert "p-pa" in {w.person_id for w in found[date(2029, 5, 20)].remains}
    assert {w.person_id for w in found[date(2033, 5, 20)].ends} == {"p-pa", "p-lc"}


@pytest.mark.parametrize(
    ("days_before", "warning"), [(120, None), (90, 90), (31, 90), (30, 30), (8, 30), (7, 7), (1, 7), (0, 0)]
)
def test_warnings_90_30_and_7_days_before_and_on_the_day(days_before: int, warning: int | None) -> None:
    net = network(_case(release_date=RELEASE))
    today = RELEASE - timedelta(days=days_before)
    (release,) = [t for t in transitions_ahead(net, today=today, days=60) if t.on == RELEASE]
    assert (release.days_left, release.warning) == (days_before, warning)


def test_a_transition_is_listed_from_its_first_warning_within_the_window() -> None:
    net = network(_case(release_date=RELEASE))
    listed = lambda today, days: RELEASE in {t.on for t in transitions_ahead(net, today=today, days=days)}  # noqa: E731
    assert listed(RELEASE - timedelta(days=90), 0)
    assert not listed(RELEASE - timedelta(days=91), 0)
    assert listed(RELEASE - timedelta(days=100), 10)
    assert not listed(RELEASE + timedelta(days=1), 30), "a day passed is not ahead"


def test_people_not_yet_in_touch_or_gone_do_not_remain() -> None:
    lead = Person(id="p-lead", name="Lead")
    gone = Person(id="p-gone", name="Gone", deceased=True)
    net = network(
        _case(release_date=RELEASE),
        (lead, Membership.make("c-1", "p-lead", sector="family", status=DiscoveryStatus.LOCATED)),
        (gone, Membership.make("c-1", "p-gone", sector="family")),
    )
    (release,) = [t for t in transitions_ahead(net, today=TODAY) if t.on == RELEASE]
    assert not {"p-lead", "p-gone"} & {w.person_id for w in release.remains}


def test_only_the_people_in_the_network_given_are_named() -> None:
    net = network(_case(release_date=RELEASE))
    seen = net.model_copy(
        update={
            "people": [p for p in net.people if p.id != "p-pom"],
            "memberships": [m for m in net.memberships if m.person_id != "p-pom"],
        }
    )
    (release,) = [t for t in transitions_ahead(seen, today=TODAY) if t.on == RELEASE]
    assert release.ends == [] and "p-pom" not in {w.person_id for w in release.remains}
