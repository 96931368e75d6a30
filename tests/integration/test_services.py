"""The services on a real SQLite store: versions and conflicts, audit, sharing, restricted fields."""

from __future__ import annotations

from datetime import date

import pytest

from netmap.bootstrap import Services
from netmap.errors import AccessDenied, ConflictError, NotFound, ValidationFailed
from netmap.models import (
    Case,
    Membership,
    Person,
    Perspective,
    Restriction,
    RestrictionKind,
    Role,
    Sector,
    Sharing,
    Tie,
    Valence,
)
from netmap.services.access import Actor
from netmap.services.users import SYSTEM_ACTOR

COORD = Actor("coord", Role.COORDINATOR)


@pytest.fixture
def case(services: Services) -> Case:
    services.users.add_user(SYSTEM_ACTOR, "coord", Role.COORDINATOR, "coordinator-pass-1")
    ego = Person(id="p-ego", name="Robin Example", birth_date=date(2006, 5, 1))
    created = services.cases.create_case(
        COORD, Case(id="c-1", title="Robin", ego_id="p-ego", referral_date=date(2026, 1, 5)), ego
    )
    actor = services.users.actor_for("coord")
    aunt = Person(id="p-aunt", name="Alex Example", address="1 Hidden Lane", phone="07700 900123")
    services.network.add_member(
        actor,
        "c-1",
        aunt,
        Membership.make(
            "c-1",
            "p-aunt",
            sector=Sector.FAMILY,
            restrictions=[
                Restriction(kind=RestrictionKind.DO_NOT_DISCLOSE_LOCATION, details="Refuge address")
            ],
        ),
    )
    return created


@pytest.fixture
def coord(services: Services, case: Case) -> Actor:
    return services.users.actor_for("coord")


def test_creating_a_case_grants_it_to_its_creator_and_makes_the_young_person_a_member(
    services: Services, coord: Actor
) -> None:
    assert coord.case_ids == {"c-1"}
    network = services.cases.get_network(coord, "c-1")
    assert network.ego.name == "Robin Example"
    assert {m.person_id for m in network.memberships} == {"p-ego", "p-aunt"}


def test_a_stale_write_is_refused_audited_and_loses_nothing(services: Services, coord: Actor) -> None:
    first = services.cases.get_network(coord, "c-1").person("p-aunt")
    second = services.cases.get_network(coord, "c-1").person("p-aunt")
    services.network.update_person(coord, "c-1", first.model_copy(update={"known_as": "Auntie Alex"}))
    with pytest.raises(ConflictError):
        services.network.update_person(coord, "c-1", second.model_copy(update={"area": "Northside"}))
    stored = services.cases.get_network(coord, "c-1").person("p-aunt")
    assert stored.known_as == "Auntie Alex" and stored.area == "" and stored.version == 2
    attempts = [e for e in services.store.audit_log(entity_id="p-aunt") if e.action == "person.update"]
    assert [e.outcome for e in attempts] == ["ok", "conflict"]
    assert attempts[1].after is not None and attempts[1].after["area"] == "Northside"


def test_every_change_is_audited_with_before_and_after(services: Services, coord: Actor) -> None:
    tie = Tie(id="t-1", case_id="c-1", from_id="p-aunt", to_id="p-ego", valence=Valence.POSITIVE, strength=3)
    stored = services.network.add_tie(coord, tie)
    services.network.update_tie(coord, stored.model_copy(update={"strength": 2}))
    events = services.cases.history(coord, "c-1", "t-1")
    assert [e.action for e in events] == ["tie.add", "tie.update"]
    assert events[0].before is None and events[1].before["strength"] == 3 and events[1].after["strength"] == 2
    assert all(e.actor == "coord" for e in events)


def test_person_history_is_filed_under_the_case_it_was_changed_in(services: Services, coord: Actor) -> None:
    assert any(e.entity_id == "p-aunt" for e in services.cases.history(coord, "c-1"))


def test_practitioner_cannot_see_or_save_restricted_fields(services: Services, coord: Actor) -> None:
    services.users.add_user(SYSTEM_ACTOR, "pat", Role.PRACTITIONER, "practitioner-1", case_ids=("c-1",))
    pat = services.users.actor_for("pat")
    aunt = services.cases.get_network(pat, "c-1").person("p-aunt")
    assert aunt.address == "" and aunt.phone == ""
    member = services.cases.get_network(pat, "c-1").membership("p-aunt")
    assert member is not None and member.restrictions[0].details == ""
    services.network.update_person(pat, "c-1", aunt.model_copy(update={"known_as": "Alex"}))
    stored = services.cases.get_network(coord, "c-1").person("p-aunt")
    assert stored.address == "1 Hidden Lane" and stored.known_as == "Alex"


def test_sharing_hides_people_from_practitioners_but_not_the_coordinator(
    services: Services, coord: Actor
) -> None:
    services.users.add_user(SYSTEM_ACTOR, "pat", Role.PRACTITIONER, "practitioner-1", case_ids=("c-1",))
    case = services.cases.get_case(coord, "c-1")
    services.cases.set_sharing(coord, "c-1", Sharing(hidden_from={"pat": ["p-aunt"]}), case.version)
    pat = services.users.actor_for("pat")
    seen = services.cases.get_network(pat, "c-1")
    assert {p.id for p in seen.people} == {"p-ego"}
    assert seen.case.sharing == Sharing()
    assert "p-aunt" in {p.id for p in services.cases.get_network(coord, "c-1").people}
    with pytest.raises(NotFound):
        services.network.update_person(pat, "c-1", Person(id="p-aunt", name="X", version=1))


def test_young_person_records_only_their_own_view(services: Services, coord: Actor) -> None:
    services.users.add_user(
        SYSTEM_ACTOR, "robin", Role.YOUNG_PERSON, "robin-pass-1", case_ids=("c-1",), person_id="p-ego"
    )
    robin = services.users.actor_for("robin")
    mine = Tie(
        id="t-yp", case_id="c-1", from_id="p-ego", to_id="p-aunt", perspective=Perspective.YOUNG_PERSON
    )
    assert services.network.add_tie(robin, mine).version == 1
    with pytest.raises(AccessDenied):
        services.network.add_tie(
            robin, mine.model_copy(update={"id": "t-pr", "perspective": Perspective.PRACTITIONER})
        )
    with pytest.raises(AccessDenied):
        services.network.remove_member(robin, "c-1", "p-aunt", 1)


def test_young_person_cannot_open_another_case_even_with_a_grant(services: Services, coord: Actor) -> None:
    other = Person(id="p-other", name="Sam Other")
    services.cases.create_case(coord, Case(id="c-2", title="Sam", ego_id="p-other"), other)
    services.users.add_user(
        SYSTEM_ACTOR, "robin", Role.YOUNG_PERSON, "robin-pass-1", case_ids=("c-1", "c-2"), person_id="p-ego"
    )
    robin = services.users.actor_for("robin")
    assert [c.id for c in services.cases.list_cases(robin)] == ["c-1"]
    with pytest.raises(AccessDenied):
        services.cases.get_network(robin, "c-2")


def test_the_young_person_cannot_be_removed_from_their_own_map(services: Services, coord: Actor) -> None:
    with pytest.raises(ValidationFailed):
        services.network.remove_member(coord, "c-1", "p-ego", 1)


def test_removing_a_member_removes_the_case_ties_to_them(services: Services, coord: Actor) -> None:
    services.network.add_tie(coord, Tie(id="t-1", case_id="c-1", from_id="p-aunt", to_id="p-ego"))
    services.network.remove_member(coord, "c-1", "p-aunt", 1)
    network = services.cases.get_network(coord, "c-1")
    assert network.ties == [] and {p.id for p in network.people} == {"p-ego"}


def test_ties_must_join_members_of_the_case(services: Services, coord: Actor) -> None:
    with pytest.raises(NotFound):
        services.network.add_tie(coord, Tie(id="t-x", case_id="c-1", from_id="p-ego", to_id="p-stranger"))


def test_login_locks_after_five_failures(services: Services) -> None:
    services.users.add_user(SYSTEM_ACTOR, "coord", Role.COORDINATOR, "coordinator-pass-1")
    for _ in range(5):
        with pytest.raises(AccessDenied, match="Wrong"):
            services.users.authenticate("coord", "wrong-password")
    with pytest.raises(AccessDenied, match="locked"):
        services.users.authenticate("coord", "coordinator-pass-1")
    services.users.set_password(SYSTEM_ACTOR, "coord", "a-new-password-2")
    assert services.users.authenticate("coord", "a-new-password-2").username == "coord"
    assert all("password_hash" not in (e.after or {}) for e in services.store.audit_log(entity_id="coord"))


def test_weak_passwords_are_refused(services: Services) -> None:
    with pytest.raises(ValidationFailed, match="password"):
        services.users.add_user(SYSTEM_ACTOR, "coord", Role.COORDINATOR, "short")


def test_sharing_choices_name_each_practitioner_who_holds_the_case(services: Services, coord: Actor) -> None:
    services.users.add_user(
        SYSTEM_ACTOR, "pat", Role.PRACTITIONER, "practitioner-1", case_ids=("c-1",), agency="Probation"
    )
    services.users.add_user(SYSTEM_ACTOR, "vic", Role.VIEWER, "viewer-pass-1", case_ids=("c-1",))
    services.users.add_user(
        SYSTEM_ACTOR, "robin", Role.YOUNG_PERSON, "robin-pass-1", case_ids=("c-1",), person_id="p-ego"
    )
    robin = services.users.actor_for("robin")
    audience = dict(services.cases.sharing_audience(robin, "c-1"))
    assert set(audience) == {"pat", "vic"}
    assert "Probation" in audience["pat"]
    with pytest.raises(AccessDenied):
        services.cases.sharing_audience(services.users.actor_for("vic"), "c-1")


def test_single_sign_on_opens_the_account_named_exactly_by_a_verified_identity(services: Services) -> None:
    services.users.add_user(SYSTEM_ACTOR, "sam.lee@westbrook.example", Role.COORDINATOR, "coordinator-pass-1")
    actor = services.users.authenticate_identity("sam.lee@westbrook.example", "oidc", verified=True)
    assert actor.username == "sam.lee@westbrook.example" and actor.role is Role.COORDINATOR
    assert services.store.audit_log(entity_id="sam.lee@westbrook.example")[-1].action == "login.sso.oidc"
    for email, verified in (
        ("sam.lee@westbrook.example", False),  # the provider did not verify the address
        ("Sam.Lee@Westbrook.example", True),  # not exactly the account's name
        (" sam.lee@westbrook.example", True),
        ("stranger@elsewhere.example", True),
        ("", True),
    ):
        with pytest.raises(AccessDenied, match="no netmap account"):
            services.users.authenticate_identity(email, "oidc", verified=verified)
    services.users.add_user(SYSTEM_ACTOR, "admin", Role.ADMIN, "admin-pass-long-1")
    for near in ("ADMIN", " admin ", "Admin"):
        with pytest.raises(AccessDenied):
            services.users.authenticate_identity(near, "oidc", verified=True)


def test_a_coordinator_can_open_a_case_they_imported(services: Services, coord: Actor) -> None:
    from netmap.models import Dataset

    ego = Person(id="p-imp", name="Imported Person", version=1)
    case = Case(id="c-imp", title="Imported", ego_id="p-imp", version=1)
    member = Membership.make("c-imp", "p-imp", sector=Sector.FAMILY, version=1)
    summary = services.data.import_dataset(coord, Dataset(people=[ego], cases=[case], memberships=[member]))
    assert summary.added["grant"] == 1
    again = services.users.actor_for("coord")
    assert services.cases.get_network(again, "c-imp").ego.name == "Imported Person"
