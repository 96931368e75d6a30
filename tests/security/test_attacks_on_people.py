"""The red team's access findings, each reproduced through the services and now refused.

High 1 (pulling a person from a case you do not hold), High 2 (five ways round the young
person's sharing choices), High 3 (a relative made a "service"), Medium 11 (the young person
changing discovery work), and safety before privacy (a person under a licence condition cannot be
hidden from probation).
"""

from __future__ import annotations

import pytest

from netmap.bootstrap import Services
from netmap.errors import AccessDenied, ImportFailed, NotFound, ValidationFailed
from netmap.models import (
    Case,
    Dataset,
    DiscoveryStatus,
    Kin,
    KinType,
    MapPlace,
    Membership,
    Person,
    PersonKind,
    Sector,
    Sharing,
    SnapshotEvent,
    Tie,
)
from netmap.services.access import Actor
from netmap.services.intake import Referral
from netmap.services.users import SYSTEM_ACTOR

JADE, JORDAN = "c-fgc-jade", "c-always-hope"
LORRAINE = "p-jade-lorraine"  # Jade's aunt: address, phone; her location must not be disclosed
REECE = "p-ah-reece"  # hidden by Jordan from everyone (sharing.hidden_people)
KYLE = "p-ah-kyle"  # Jordan's half-brother, non-association condition naming Jordan
DONNA = "p-ah-donna"  # Jordan's mother: phone and safeguarding notes


def _stored(services: Services, person_id: str) -> Person:
    person = services.store.get(Person, person_id)
    assert person is not None
    return person


# --------------------------------------------------------------------------- High 1: pulled people


def test_a_facilitator_cannot_pull_another_cases_person_into_their_own(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    facilitator = demo_actors["facilitator"]  # holds Jade's case only
    donna = _stored(sample_services, DONNA)
    with pytest.raises(ValidationFailed, match="already recorded"):
        sample_services.network.add_member(
            facilitator, JADE, donna, Membership.make(JADE, DONNA, sector=Sector.FAMILY)
        )
    with pytest.raises(NotFound):
        sample_services.network.link_person(
            facilitator, JADE, DONNA, Membership.make(JADE, DONNA, sector=Sector.FAMILY)
        )
    assert sample_services.store.get(Membership, f"{JADE}|{DONNA}") is None
    with pytest.raises(NotFound):
        sample_services.network.update_person(facilitator, JADE, donna.model_copy(update={"name": "Renamed"}))
    assert _stored(sample_services, DONNA).name == "Donna Ashby"


def test_the_young_person_cannot_rename_a_relative_in_someone_elses_case(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    jordan = demo_actors["jordan"]
    lorraine = _stored(sample_services, LORRAINE)
    with pytest.raises(ValidationFailed):
        sample_services.network.add_member(
            jordan, JORDAN, lorraine, Membership.make(JORDAN, LORRAINE, sector=Sector.FAMILY)
        )
    with pytest.raises(NotFound):
        sample_services.network.link_person(
            jordan, JORDAN, LORRAINE, Membership.make(JORDAN, LORRAINE, sector=Sector.FAMILY)
        )
    with pytest.raises((AccessDenied, NotFound)):
        sample_services.network.update_person(jordan, JORDAN, lorraine.model_copy(update={"name": "Changed"}))
    assert _stored(sample_services, LORRAINE).name == "Lorraine Whitaker"


def test_an_import_cannot_pull_in_or_plant_kin_on_someone_the_importer_does_not_reach(
    sample_services: Services,
) -> None:
    sample_services.users.add_user(
        SYSTEM_ACTOR, "coord-two", _coordinator_role(), "a-long-password", case_ids=(JADE,)
    )
    importer = sample_services.users.actor_for("coord-two")
    pulled = Dataset(memberships=[Membership.make(JADE, DONNA, sector=Sector.FAMILY)])
    with pytest.raises(ImportFailed, match="already recorded and not in any case you hold"):
        sample_services.data.import_dataset(importer, pulled)
    planted = Dataset(kin=[Kin(id="k-planted", from_id="p-jade-jade", to_id=DONNA, kind=KinType.SIBLING)])
    with pytest.raises(ImportFailed, match="to_id"):
        sample_services.data.import_dataset(importer, planted)
    assert sample_services.store.get(Membership, f"{JADE}|{DONNA}") is None
    assert sample_services.store.get(Kin, "k-planted") is None
    # the same import by someone who holds both cases is an ordinary link
    sample_services.data.import_dataset(SYSTEM_ACTOR, pulled)
    assert sample_services.store.get(Membership, f"{JADE}|{DONNA}") is not None


def test_a_person_the_actor_already_reaches_is_linked_and_audited(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    coordinator = demo_actors["coordinator"]  # holds every case
    membership = sample_services.network.link_person(
        coordinator, JADE, DONNA, Membership.make(JADE, DONNA, sector=Sector.FAMILY)
    )
    assert membership.added_by == "coordinator"
    (event,) = sample_services.store.audit_log(entity_id=membership.id)
    assert (event.action, event.actor, event.case_id) == ("member.link", "coordinator", JADE)


def _coordinator_role():  # noqa: ANN202 - the enum, imported late to keep the header about people
    from netmap.models import Role

    return Role.COORDINATOR


# --------------------------------------------------------------------------- High 2: hidden people


def test_list_cases_never_shows_the_sharing_choices_to_those_they_bind(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    practitioner = demo_actors["practitioner"]
    (case,) = sample_services.cases.list_cases(practitioner)
    assert case.sharing == Sharing()
    assert sample_services.cases.get_case(practitioner, JORDAN).sharing == Sharing()
    assert sample_services.cases.get_case(demo_actors["jordan"], JORDAN).sharing.hidden_people == [REECE]


def test_a_snapshot_taken_by_a_practitioner_hands_back_no_hidden_person(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    practitioner = demo_actors["practitioner"]
    snapshot = sample_services.cases.take_snapshot(practitioner, JORDAN, SnapshotEvent.OTHER, label="now")
    assert REECE not in {p.id for p in snapshot.network.people}
    assert REECE not in {t.to_id for t in snapshot.network.ties}
    stored = sample_services.store.list(type(snapshot), case_id=JORDAN)
    assert any(REECE in {p.id for p in s.network.people} for s in stored)  # kept whole in the store


def test_a_referral_cannot_expose_a_hidden_person_by_id(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    practitioner = demo_actors["practitioner"]
    referred = sample_services.intake.refer(
        practitioner, Referral(name="Sam Example", local_authority="Westbrook", consent_given=True)
    )
    practitioner = sample_services.users.actor_for("practitioner")
    with pytest.raises((NotFound, ValidationFailed)):
        sample_services.network.link_person(
            practitioner,
            referred.case_id,
            REECE,
            Membership.make(referred.case_id, REECE, sector=Sector.FRIENDS),
        )
    with pytest.raises(ValidationFailed):
        sample_services.network.add_member(
            practitioner,
            referred.case_id,
            _stored(sample_services, REECE),
            Membership.make(referred.case_id, REECE, sector=Sector.FRIENDS),
        )
    assert sample_services.store.get(Membership, f"{referred.case_id}|{REECE}") is None


def test_update_tie_checks_the_stored_ends_not_the_callers(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    practitioner = demo_actors["practitioner"]
    hidden_tie = sample_services.store.get(Tie, "t-ah-reece")
    assert hidden_tie is not None
    disguised = hidden_tie.model_copy(update={"to_id": "p-ah-marcus", "notes": "rewritten"})
    with pytest.raises(NotFound):
        sample_services.network.update_tie(practitioner, disguised)
    assert sample_services.store.get(Tie, "t-ah-reece") == hidden_tie
    visible = sample_services.store.get(Tie, "t-ah-marcus")
    assert visible is not None
    with pytest.raises(ValidationFailed, match="cannot change"):
        sample_services.network.update_tie(practitioner, visible.model_copy(update={"to_id": "p-ah-sarah"}))


def test_remove_kin_needs_both_ends_visible(sample_services: Services, demo_actors: dict[str, Actor]) -> None:
    jordan = demo_actors["jordan"]
    case = sample_services.store.get(Case, JORDAN)
    assert case is not None
    # Jordan also hides his foster carer from the viewer role...
    sample_services.cases.set_sharing(
        jordan, JORDAN, Sharing(hidden_people=[REECE, "p-ah-linda"]), case.version
    )
    sample_services.users.add_user(
        SYSTEM_ACTOR, "prac-two", _practitioner_role(), "a-long-password", case_ids=(JORDAN,)
    )
    prac = sample_services.users.actor_for("prac-two")
    link = sample_services.store.get(Kin, "k-ah-linda-jordan")
    assert link is not None
    with pytest.raises((NotFound, AccessDenied)):
        sample_services.network.remove_kin(prac, JORDAN, link.id, link.version)
    assert sample_services.store.get(Kin, "k-ah-linda-jordan") is not None


def _practitioner_role():  # noqa: ANN202
    from netmap.models import Role

    return Role.PRACTITIONER


# --------------------------------------------------------------------------- High 3: kind changes


def test_nobody_but_the_directory_makes_a_relative_a_service(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    jordan = demo_actors["jordan"]
    donna = sample_services.cases.get_network(jordan, JORDAN).person(DONNA)
    with pytest.raises(AccessDenied, match="service"):
        sample_services.network.update_person(
            jordan, JORDAN, donna.model_copy(update={"kind": PersonKind.SERVICE})
        )
    assert _stored(sample_services, DONNA).kind is PersonKind.PERSON
    facilitator = demo_actors["facilitator"]
    listed = sample_services.directory.list_services(facilitator)
    assert DONNA not in {s.id for s in listed}
    assert all(not (s.phone or s.address or s.safeguarding_notes) for s in listed)


# --------------------------------------------------------------------------- Medium 11: discovery


def test_the_young_person_cannot_change_discovery_work_through_their_map(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    jordan = demo_actors["jordan"]
    membership = sample_services.cases.get_network(jordan, JORDAN).membership("p-ah-marcus")
    assert membership is not None
    for change in (
        {"status": DiscoveryStatus.IN_PLAN},
        {"notes": "mine now"},
        {"role_label": "not my mentor"},
        {"ring": 1},  # the practitioner's placement: his own view has its own
    ):
        with pytest.raises(AccessDenied):
            sample_services.network.update_membership(jordan, membership.model_copy(update=change))
    mine = MapPlace(sector=Sector.FRIENDS, ring=1)
    moved = sample_services.network.update_membership(
        jordan, membership.model_copy(update={"young_person_place": mine})
    )
    assert moved.young_person_place == mine and moved.ring == membership.ring


# --------------------------------------------------------------------------- safety before privacy


def test_a_person_under_a_non_association_condition_cannot_be_hidden_from_probation(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    jordan, practitioner = demo_actors["jordan"], demo_actors["practitioner"]
    case = sample_services.store.get(Case, JORDAN)
    assert case is not None
    reasons = sample_services.cases.cannot_hide(jordan, JORDAN)
    assert reasons[KYLE].startswith(
        "Kyle Ashby stays visible to the practitioners who keep you and others safe"
    )
    assert "non-association condition" in reasons[KYLE]
    with pytest.raises(ValidationFailed, match="Kyle Ashby stays visible"):
        sample_services.cases.set_sharing(
            jordan, JORDAN, Sharing(hidden_from={"practitioner": [KYLE]}), case.version
        )
    # Even hidden by an older choice (made before the condition was recorded), probation sees him.
    stored = sample_services.store.get(Case, JORDAN)
    assert stored is not None
    sample_services.store.apply(
        _raw_put(
            stored.model_copy(update={"sharing": Sharing(hidden_from={"practitioner": [KYLE]})}),
            stored.version,
        )
    )
    network = sample_services.cases.get_network(practitioner, JORDAN)
    assert KYLE in {p.id for p in network.people}
    assert any(t.to_id == KYLE and t.valence.value == "harmful" for t in network.ties)


def _raw_put(record, version):  # noqa: ANN001, ANN202
    from netmap.graph.store import Put, WriteBatch

    return WriteBatch(puts=[Put(record, version)])
