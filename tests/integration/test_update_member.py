"""Changing someone's details and their place in a map together, on a real SQLite store."""

from __future__ import annotations

from datetime import date

import pytest

from netmap.bootstrap import Services
from netmap.errors import AccessDenied, ConflictError, ValidationFailed
from netmap.models import Membership, Person, redact
from netmap.services.access import Actor

HOPE = "c-always-hope"
NAN, PRIYA = "p-ah-maureen", "p-ah-priya"


def _stored(services: Services, person_id: str, case_id: str = HOPE) -> tuple[Person, Membership]:
    person = services.store.get(Person, person_id)
    membership = services.store.get(Membership, f"{case_id}|{person_id}")
    assert person is not None and membership is not None
    return person, membership


def test_both_parts_are_written_together_and_audited(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    person, membership = _stored(sample_services, PRIYA)
    written = sample_services.network.update_member(
        demo_actors["coordinator"],
        HOPE,
        Person.model_validate({**person.model_dump(), "birth_date": date(1990, 5, 1)}),
        membership.model_copy(
            update={"role_label": "Personal adviser (leaving care)", "support_ends": date(2030, 1, 31)}
        ),
    )
    person_after, membership_after = _stored(sample_services, PRIYA)
    assert written == (person_after, membership_after)
    assert (person_after.birth_date, person_after.birth_year, person_after.version) == (
        date(1990, 5, 1),
        1990,
        person.version + 1,
    )
    assert (membership_after.role_label, membership_after.support_ends) == (
        "Personal adviser (leaving care)",
        date(2030, 1, 31),
    )
    log = sample_services.store.audit_log(case_id=HOPE)
    actions = {(e.entity_id, e.action, e.actor) for e in log}
    assert {
        (PRIYA, "member.update", "coordinator"),
        (membership.id, "member.update", "coordinator"),
    } <= actions


def test_an_unchanged_part_is_not_written(sample_services: Services, demo_actors: dict[str, Actor]) -> None:
    person, membership = _stored(sample_services, PRIYA)
    sample_services.network.update_member(
        demo_actors["coordinator"], HOPE, person, membership.model_copy(update={"offer": "Weekly check-ins"})
    )
    person_after, membership_after = _stored(sample_services, PRIYA)
    assert person_after.version == person.version and membership_after.offer == "Weekly check-ins"


def test_a_stale_part_refuses_both(sample_services: Services, demo_actors: dict[str, Actor]) -> None:
    person, membership = _stored(sample_services, PRIYA)
    coordinator = demo_actors["coordinator"]
    sample_services.network.update_membership(coordinator, membership.model_copy(update={"notes": "First"}))
    with pytest.raises(ConflictError):
        sample_services.network.update_member(
            coordinator,
            HOPE,
            person.model_copy(update={"known_as": "Pri"}),
            membership.model_copy(update={"notes": "Second"}),  # read before the first change
        )
    person_after, membership_after = _stored(sample_services, PRIYA)
    assert person_after == person and membership_after.notes == "First"


def test_restricted_details_stay_as_stored_for_those_who_may_not_change_them(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    person, membership = _stored(sample_services, NAN)
    practitioner = demo_actors["practitioner"]
    # what the practitioner's page holds: restricted details blanked
    seen = sample_services.cases.get_network(practitioner, HOPE).person(NAN)
    assert seen.address == "" and person.address
    sample_services.network.update_member(
        practitioner, HOPE, seen.model_copy(update={"known_as": "Nanna"}), membership
    )
    after, _ = _stored(sample_services, NAN)
    assert after.known_as == "Nanna" and (after.address, after.phone) == (person.address, person.phone)


def test_a_reader_changes_nothing_and_a_young_person_not_the_practitioners_record(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    person, membership = _stored(sample_services, NAN)
    with pytest.raises(AccessDenied):
        sample_services.network.update_member(
            demo_actors["viewer"], HOPE, person.model_copy(update={"known_as": "Changed"}), membership
        )
    with pytest.raises(AccessDenied, match="practitioners keep the rest"):
        sample_services.network.update_member(
            demo_actors["jordan"], HOPE, person, membership.model_copy(update={"role_label": "Changed"})
        )
    assert _stored(sample_services, NAN) == (person, membership)


def test_the_membership_must_be_this_person_s_in_this_case(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    person, _ = _stored(sample_services, NAN)
    _, other = _stored(sample_services, PRIYA)
    with pytest.raises(ValidationFailed, match="this case and this person"):
        sample_services.network.update_member(demo_actors["coordinator"], HOPE, person, other)


def test_a_young_person_changes_their_own_details_and_those_of_people_they_added_only(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    """A person's record is shared by every map they are in: Jordan says how he sees Nan in his map,
    but her name and birth date are for the workers; his own details and a friend he added are his."""
    from netmap.models import Sector
    from netmap.services.users import SYSTEM_ACTOR

    jordan, network = demo_actors["jordan"], sample_services.network
    nan, _ = _stored(sample_services, NAN)
    with pytest.raises(AccessDenied, match="ask your worker to change Nan.s"):
        network.update_person(jordan, HOPE, nan.model_copy(update={"birth_year": 1950}))
    assert _stored(sample_services, NAN)[0] == nan
    ego = sample_services.cases.get_case(jordan, HOPE).ego_id
    me = sample_services.cases.get_network(jordan, HOPE).person(ego)
    assert network.update_person(jordan, HOPE, me.model_copy(update={"known_as": "Jord"})).known_as == "Jord"
    friend = Person(id="p-ah-jordans-mate", name="Kai Mate")
    network.add_member(jordan, HOPE, friend, Membership.make(HOPE, friend.id, sector=Sector.FRIENDS))
    kai = sample_services.cases.get_network(jordan, HOPE).person(friend.id)
    kai = network.update_person(jordan, HOPE, kai.model_copy(update={"name": "Kai Mateo"}))
    assert kai.name == "Kai Mateo"
    # once Kai is in another young person's map too, his record is no longer Jordan's alone
    other = "c-fgc-jade"
    network.link_person(
        SYSTEM_ACTOR, other, friend.id, Membership.make(other, friend.id, sector=Sector.FRIENDS)
    )
    with pytest.raises(AccessDenied, match="ask your worker"):
        network.update_person(jordan, HOPE, kai.model_copy(update={"name": "Kai M"}))
    # a change that leaves Nan's record as it is (his copy, without what he may not see) is no change to it
    person, membership = _stored(sample_services, NAN)
    assert network.update_member(jordan, HOPE, redact(person), membership)[0] == redact(person)
