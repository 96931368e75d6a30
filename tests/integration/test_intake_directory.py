"""Intake and referral, who does what, the services directory and the partnership view, on real stores."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from netmap.bootstrap import Services, bootstrap
from netmap.errors import AccessDenied, ConflictError, NotFound, ValidationFailed
from netmap.graph.store import Put, WriteBatch
from netmap.models import (
    Case,
    CaseStage,
    Grant,
    Membership,
    Person,
    PersonKind,
    Role,
    Sector,
    ServiceCategory,
    ServiceInfo,
    Sharing,
    SupportDirection,
    SupportDomain,
    Tie,
    User,
    Valence,
)
from netmap.renderers.words import uk_date
from netmap.services.access import Actor
from netmap.services.directory import SupportRole
from netmap.services.intake import Referral
from netmap.services.users import SYSTEM_ACTOR

# Riley's dates are set from today, so the parts that end (probation's, the foyer's) are still to come
# whatever day the suite runs: the partnership counts only who works with a young person on the day.
TODAY = date.today()
RELEASE = TODAY + timedelta(days=69)
PROBATION_ENDS = TODAY + timedelta(days=111)
FOYER_ENDS = TODAY + timedelta(days=250)
NORTH = "Northshire County Council"
SOUTH = "Southvale Borough Council"


@pytest.fixture
def services(store_url: str) -> Iterator[Services]:
    with bootstrap(store_url) as opened:
        yield opened


def _user(services: Services, username: str, role: Role, authority: str = "", **extra: object) -> Actor:
    services.users.add_user(SYSTEM_ACTOR, username, role, "a-long-password-1", **extra)  # type: ignore[arg-type]
    stored = services.store.get(User, username)
    assert stored is not None
    services.store.apply(
        WriteBatch(puts=[Put(stored.model_copy(update={"local_authority": authority}), stored.version)])
    )
    return services.users.actor_for(username)


def _referral(**fields: object) -> Referral:
    base: dict[str, object] = {
        "name": "Riley Marsh",
        "known_as": "Riley",
        "local_authority": NORTH,
        "prison": "HMP Greyfield",
        "release_date": RELEASE,
        "wants_help_with": "Somewhere to live when I get out, and finding my sister.",
        "consent_given": True,
    }
    return Referral.model_validate(base | fields)


def _holders(services: Services, case_id: str) -> set[str]:
    return {g.username for g in services.store.list(Grant) if g.case_id == case_id}


def _granted(services: Services, username: str) -> set[str]:
    return {g.case_id for g in services.store.list(Grant) if g.username == username}


# --------------------------------------------------------------------------- intake


def test_a_practitioner_refers_and_the_home_authority_is_granted(services: Services) -> None:
    officer = _user(services, "officer.dee", Role.PRACTITIONER, "HMP Greyfield")
    _user(services, "coord.north", Role.COORDINATOR, "northshire  county council")
    _user(services, "fgc.north", Role.FACILITATOR, NORTH)
    _user(services, "coord.south", Role.COORDINATOR, SOUTH)
    _user(services, "pa.north", Role.PRACTITIONER, NORTH)
    gone = _user(services, "coord.gone", Role.COORDINATOR, NORTH)
    stored = services.store.get(User, gone.username)
    assert stored is not None
    services.store.apply(WriteBatch(puts=[Put(stored.model_copy(update={"active": False}), stored.version)]))

    case = services.intake.refer(officer, _referral()).case

    assert (case.stage, case.referred_by, case.local_authority) == (CaseStage.REFERRAL, "officer.dee", NORTH)
    assert (case.prison, case.release_date, case.title) == ("HMP Greyfield", RELEASE, "Riley")
    assert case.wants_help_with.startswith("Somewhere to live")
    assert case.consent.given and case.consent.given_by == "Riley" and case.consent.on is not None
    assert _holders(services, case.id) == {"officer.dee", "coord.north", "fgc.north"}
    network = services.store.get_network(case.id)
    assert network.ego.name == "Riley Marsh"
    assert [e.action for e in services.store.audit_log(case_id=case.id)].count("case.refer") >= 2


def test_coordinators_and_facilitators_who_join_later_get_the_authoritys_referrals(
    services: Services,
) -> None:
    officer = _user(services, "officer.dee", Role.PRACTITIONER)
    north = services.intake.refer(officer, _referral()).case
    south = services.intake.refer(
        officer, _referral(name="Ash Penn", known_as="", local_authority=SOUTH)
    ).case
    created = services.cases.create_case(
        SYSTEM_ACTOR,
        Case(id="c-made-here", title="Not referred", ego_id="p-made-here", local_authority=NORTH),
        Person(id="p-made-here", name="Morgan Vale"),
    )
    password = "a-long-password-1"

    def add(username: str, role: Role, authority: str, **extra: object) -> set[str]:
        services.users.add_user(SYSTEM_ACTOR, username, role, password, local_authority=authority, **extra)  # type: ignore[arg-type]
        return _granted(services, username)

    assert add("coord.late", Role.COORDINATOR, " northshire county  council") == {north.id}
    assert add("fgc.late", Role.FACILITATOR, NORTH) == {north.id}
    assert add("coord.south", Role.COORDINATOR, SOUTH) == {south.id}
    assert add("coord.both", Role.COORDINATOR, NORTH, case_ids=(north.id, created.id)) == {
        north.id,
        created.id,
    }
    assert add("pa.late", Role.PRACTITIONER, NORTH) == set()
    assert add("viewer.late", Role.VIEWER, NORTH) == set()
    assert add("coord.nowhere", Role.COORDINATOR, "") == set()
    assert [c.id for c in services.intake.worklist(services.users.actor_for("coord.late"))] == [north.id]

    # the grant is written and audited with the account, in the same batch
    (account,) = services.store.audit_log(entity_id="coord.late")
    (grant,) = services.store.audit_log(entity_id=f"coord.late|{north.id}")
    assert (grant.action, grant.actor, grant.at, grant.case_id) == (
        "user.add",
        "system",
        account.at,
        north.id,
    )
    assert grant.before is None and grant.after is not None and grant.after["case_id"] == north.id


def test_a_refused_account_gets_no_referral_grants(services: Services) -> None:
    officer = _user(services, "officer.dee", Role.PRACTITIONER)
    north = services.intake.refer(officer, _referral()).case
    before = services.store.counts()
    with pytest.raises(ValidationFailed, match="^username: officer.dee is already taken"):
        services.users.add_user(
            SYSTEM_ACTOR, "officer.dee", Role.COORDINATOR, "a-long-password-1", local_authority=NORTH
        )
    with pytest.raises(NotFound, match="no case c-missing"):
        services.users.add_user(
            SYSTEM_ACTOR,
            "coord.late",
            Role.COORDINATOR,
            "a-long-password-1",
            case_ids=("c-missing",),
            local_authority=NORTH,
        )
    assert services.store.counts() == before
    assert _holders(services, north.id) == {"officer.dee"}


def test_no_referral_without_consent_and_nothing_is_written(services: Services) -> None:
    officer = _user(services, "officer.dee", Role.PRACTITIONER)
    before = services.store.counts()
    with pytest.raises(ValidationFailed, match="^consent: the young person must agree"):
        services.intake.refer(officer, _referral(consent_given=False))
    with pytest.raises(ValidationFailed, match="^prison:"):
        services.intake.refer(officer, _referral(prison=""))
    assert services.store.counts() == before


@pytest.mark.parametrize("role", [Role.YOUNG_PERSON, Role.VIEWER])
def test_young_people_and_viewers_cannot_refer(services: Services, role: Role) -> None:
    actor = Actor("someone", role, person_id="p-someone" if role is Role.YOUNG_PERSON else None)
    with pytest.raises(AccessDenied, match="may not refer a young person"):
        services.intake.refer(actor, _referral())


def test_the_worklist_holds_the_authoritys_referrals_until_work_starts(services: Services) -> None:
    officer = _user(services, "officer.dee", Role.PRACTITIONER)
    _user(services, "coord.north", Role.COORDINATOR, NORTH)
    _user(services, "coord.south", Role.COORDINATOR, SOUTH)
    north = services.intake.refer(officer, _referral()).case
    south = services.intake.refer(
        officer, _referral(name="Ash Penn", known_as="", local_authority=SOUTH)
    ).case
    coord = services.users.actor_for("coord.north")
    assert [c.id for c in services.intake.worklist(coord)] == [north.id]
    assert [c.id for c in services.intake.worklist(services.users.actor_for("coord.south"))] == [south.id]
    assert {c.id for c in services.intake.worklist(services.users.actor_for("officer.dee"))} == {
        north.id,
        south.id,
    }
    services.cases.update_case(coord, north.model_copy(update={"stage": CaseStage.DISCOVERY}))
    assert services.intake.worklist(coord) == []


def test_identified_counts_by_prison_and_authority(services: Services) -> None:
    officer = _user(services, "officer.dee", Role.PRACTITIONER)
    services.intake.refer(officer, _referral())
    services.intake.refer(officer, _referral(name="Ash Penn", known_as="", local_authority=SOUTH))
    services.intake.refer(
        officer, _referral(name="Kit Lowe", known_as="", prison="", release_date=None, local_authority=SOUTH)
    )
    ego = Person(id="p-not-referred", name="Quinn Hart")
    services.cases.create_case(SYSTEM_ACTOR, Case(id="c-direct", title="Quinn", ego_id=ego.id), ego)

    counts = services.intake.identified_counts(services.users.actor_for("officer.dee"))
    assert counts.total == 3
    assert counts.by_prison == {"HMP Greyfield": 2, "Not in prison": 1}
    assert counts.by_authority == {NORTH: 1, SOUTH: 2}
    assert counts.by_prison_and_authority == [
        ("HMP Greyfield", NORTH, 1),
        ("HMP Greyfield", SOUTH, 1),
        ("Not in prison", SOUTH, 1),
    ]
    stranger = _user(services, "stranger", Role.FACILITATOR, SOUTH)
    assert services.intake.identified_counts(stranger).total == 0
    with pytest.raises(AccessDenied):
        services.intake.identified_counts(_user(services, "v", Role.VIEWER))


# --------------------------------------------------------------------------- who does what


@pytest.fixture
def riley(services: Services) -> tuple[Services, Case]:
    """A referred case with a probation officer, a hidden youth worker and a housing service."""
    officer = _user(services, "officer.dee", Role.PRACTITIONER)
    case = services.intake.refer(officer, _referral()).case
    probation = Person(
        id="p-sam",
        name="Sam Patel",
        agency="Northshire Probation",
        work_contact="01632 960 111",
        phone="07700 900 999",
    )
    services.network.add_member(
        SYSTEM_ACTOR,
        case.id,
        probation,
        Membership.make(
            case.id,
            probation.id,
            sector=Sector.PROFESSIONALS,
            role_label="Probation officer",
            support_ends=PROBATION_ENDS,
        ),
    )
    youth = Person(id="p-lou", name="Lou Grant", agency="Northshire Youth Hub")
    services.network.add_member(
        SYSTEM_ACTOR,
        case.id,
        youth,
        Membership.make(case.id, youth.id, sector=Sector.PROFESSIONALS, role_label="Youth worker"),
    )
    for tie_id, person_id, domains in (
        ("t-sam", "p-sam", [SupportDomain.HOUSING, SupportDomain.ADVICE]),
        ("t-lou", "p-lou", [SupportDomain.HOUSING]),
    ):
        services.network.add_tie(
            SYSTEM_ACTOR,
            Tie(
                id=tie_id,
                case_id=case.id,
                from_id=person_id,
                to_id=case.ego_id,
                direction=SupportDirection.TO_EGO,
                domains=domains,
            ),
        )
    latest = services.store.get(Case, case.id)
    assert latest is not None
    services.cases.set_sharing(SYSTEM_ACTOR, case.id, Sharing(hidden_people=["p-lou"]), latest.version)
    return services, case


def test_who_does_what_in_plain_words_for_the_young_person(riley: tuple[Services, Case]) -> None:
    services, case = riley
    young = _user(services, "riley", Role.YOUNG_PERSON, person_id=case.ego_id)
    services.users.grant(SYSTEM_ACTOR, "riley", case.id)
    roles = services.directory.who_does_what(services.users.actor_for(young.username), case.id)
    sam = next(r for r in roles if r.person_id == "p-sam")
    assert sam.sentence(TODAY) == (
        "Sam Patel, probation officer at Northshire Probation, helps you with housing and advice "
        f"until {uk_date(PROBATION_ENDS)}. Reach them on 01632 960 111."
    )
    assert "07700" not in repr(roles)
    assert roles[0].person_id == "p-sam", "whoever's support ends soonest comes first"


def test_who_does_what_follows_the_sharing_choices(riley: tuple[Services, Case]) -> None:
    services, case = riley
    practitioner = services.users.actor_for("officer.dee")
    assert {r.person_id for r in services.directory.who_does_what(practitioner, case.id)} == {"p-sam"}
    assert {r.person_id for r in services.directory.who_does_what(SYSTEM_ACTOR, case.id)} == {
        "p-sam",
        "p-lou",
    }
    stranger = _user(services, "stranger", Role.COORDINATOR, NORTH)
    with pytest.raises(AccessDenied):
        services.directory.who_does_what(stranger, case.id)


def test_sentences_for_ended_and_unknown_support() -> None:
    ended = SupportRole(
        person_id="p-1",
        name="Westbrook Foyer",
        is_service=True,
        agency="Westbrook Foyer",
        role="",
        offer="a room and a key worker",
        domains=[],
        contact="",
        support_ends=date(2026, 1, 31),
    )
    assert ended.sentence(TODAY) == (
        "Westbrook Foyer helps you with a room and a key worker. Their part ended on 31 January 2026. "
        "No work contact is recorded for them yet."
    )
    unknown = ended.model_copy(update={"offer": "", "support_ends": None, "role": "HMP visits hall"})
    assert unknown.sentence(TODAY).startswith("Westbrook Foyer, HMP visits hall, is part of your support.")


# --------------------------------------------------------------------------- directory


def _service(service_id: str, name: str, area: str, *categories: ServiceCategory, **info: str) -> Person:
    return Person(
        id=service_id,
        name=name,
        kind=PersonKind.SERVICE,
        area=area,
        service_info=ServiceInfo(categories=list(categories), **info),
    )


def test_directory_add_search_edit_and_refusals(services: Services) -> None:
    coord = _user(services, "coord.north", Role.COORDINATOR, NORTH)
    foyer = services.directory.save_service(
        coord,
        _service(
            "p-foyer",
            "Northshire Foyer",
            "Northshire",
            ServiceCategory.HOUSING,
            ServiceCategory.EDUCATION_WORK,
            offer="Supported rooms for 18-25s",
            eligibility="Care leavers aged 18-25",
            contact="0300 555 0101",
        ),
    )
    services.directory.save_service(
        coord, _service("p-talk", "Talk Southvale", "Southvale", ServiceCategory.MENTAL_HEALTH)
    )
    services.directory.save_service(
        coord, _service("p-line", "National Advocacy Line", "", ServiceCategory.ADVOCACY)
    )
    listed = services.directory.list_services
    assert [p.id for p in listed(coord)] == ["p-line", "p-foyer", "p-talk"]
    assert [p.id for p in listed(coord, area=NORTH)] == ["p-line", "p-foyer"]
    assert [p.id for p in listed(coord, category=ServiceCategory.HOUSING)] == ["p-foyer"]
    assert [p.id for p in listed(coord, text="18-25S")] == ["p-foyer"]

    changed = services.directory.save_service(coord, foyer.model_copy(update={"area": "Northshire East"}))
    assert changed.version == foyer.version + 1
    with pytest.raises(ConflictError):
        services.directory.save_service(coord, foyer.model_copy(update={"area": "Stale"}))
    practitioner = _user(services, "officer.dee", Role.PRACTITIONER)
    with pytest.raises(AccessDenied, match="may not change the local services directory"):
        services.directory.save_service(practitioner, _service("p-x", "X", "Y"))
    ego = Person(id="p-ego", name="Quinn Hart")
    services.cases.create_case(SYSTEM_ACTOR, Case(id="c-q", title="Quinn", ego_id=ego.id), ego)
    with pytest.raises(ValidationFailed, match="is a person, not a service"):
        services.directory.save_service(coord, ego.model_copy(update={"version": 1}))
    assert services.store.get(Person, "p-ego") == services.store.get_network("c-q").ego


def test_linking_a_service_into_a_case(riley: tuple[Services, Case]) -> None:
    services, case = riley
    services.directory.save_service(
        SYSTEM_ACTOR,
        _service(
            "p-foyer", "Northshire Foyer", "Northshire", ServiceCategory.HOUSING, contact="0300 555 0101"
        ),
    )
    officer = services.users.actor_for("officer.dee")
    membership = services.directory.link_service(
        officer, case.id, "p-foyer", offer="a supported room from release day", support_ends=FOYER_ENDS
    )
    assert (membership.sector, membership.added_by) == (Sector.SERVICES, "officer.dee")
    foyer = next(r for r in services.directory.who_does_what(officer, case.id) if r.person_id == "p-foyer")
    assert foyer.sentence(TODAY) == (
        f"Northshire Foyer helps you with a supported room from release day until {uk_date(FOYER_ENDS)}. "
        "Reach them on 0300 555 0101."
    )
    with pytest.raises(NotFound, match="no service p-sam"):
        services.directory.link_service(officer, case.id, "p-sam")
    with pytest.raises(ValidationFailed, match="already in this map"):
        services.directory.link_service(officer, case.id, "p-foyer")


# --------------------------------------------------------------------------- partnership


def test_partnership_agencies_duplicates_and_uncovered_needs(riley: tuple[Services, Case]) -> None:
    services, case = riley
    view = services.directory.partnership(SYSTEM_ACTOR)
    assert view.young_people == {case.id: "Riley"}
    assert [(link.young_person, link.agency, link.people, link.workers) for link in view.links] == [
        ("Riley", "Northshire Probation", ["Sam Patel"], ["p-sam"]),
        ("Riley", "Northshire Youth Hub", ["Lou Grant"], ["p-lou"]),
    ]
    assert [(a.agency, a.young_people, a.workers) for a in view.agencies()] == [
        ("Northshire Probation", 1, 1),
        ("Northshire Youth Hub", 1, 1),
    ]
    assert view.duplicated_support() == [(SupportDomain.HOUSING, 1)]
    (dup,) = view.duplicates
    assert (dup.young_person, dup.domain, dup.agencies) == (
        "Riley",
        SupportDomain.HOUSING,
        ["Northshire Probation", "Northshire Youth Hub"],
    )
    uncovered = {(u.area, u.category) for u in view.uncovered}
    # No needs are recorded: read from what Riley wants help with, somewhere to live and family.
    assert uncovered == {(NORTH, ServiceCategory.HOUSING), (NORTH, ServiceCategory.FAMILY_SUPPORT)}
    assert {u.category: u.young_people for u in view.uncovered}[ServiceCategory.HOUSING] == ["Riley"]
    assert view.unmet == {case.id: [ServiceCategory.HOUSING, ServiceCategory.FAMILY_SUPPORT]}
    # Each case's part is kept: asked again, nothing is worked out afresh, and a service added to the
    # directory (read every time, not kept) counts at once.
    computed = services.directory.partnership_computed
    assert computed == 1 and services.directory.partnership(SYSTEM_ACTOR) == view
    services.directory.save_service(
        SYSTEM_ACTOR, _service("p-foyer", "Northshire Foyer", "Northshire", ServiceCategory.HOUSING)
    )
    services.directory.save_service(
        SYSTEM_ACTOR, _service("p-far", "Southvale Jobs", "Southvale", ServiceCategory.EDUCATION_WORK)
    )
    after = {(u.area, u.category) for u in services.directory.partnership(SYSTEM_ACTOR).uncovered}
    assert after == uncovered - {(NORTH, ServiceCategory.HOUSING)}
    assert services.directory.partnership_computed == computed
    # Needs recorded for Riley (20) replace the words; a service for other ages does not meet them.
    riley_person = services.store.get(Person, case.ego_id)
    assert riley_person is not None
    services.network.update_person(
        SYSTEM_ACTOR, case.id, riley_person.model_copy(update={"birth_date": date(2006, 1, 1)})
    )
    recorded = case.model_copy(
        update={
            "needs": [ServiceCategory.EDUCATION_WORK],
            "version": services.store.get(Case, case.id).version,
        }
    )
    services.cases.update_case(SYSTEM_ACTOR, recorded)
    services.directory.save_service(
        SYSTEM_ACTOR,
        _service("p-kids", "Northshire Kids Club", "Northshire", ServiceCategory.EDUCATION_WORK).model_copy(
            update={"service_info": ServiceInfo(categories=[ServiceCategory.EDUCATION_WORK], age_max=16)}
        ),
    )
    assert {(u.area, u.category) for u in services.directory.partnership(SYSTEM_ACTOR).uncovered} == {
        (NORTH, ServiceCategory.EDUCATION_WORK)
    }
    assert services.directory.partnership_computed == computed + 1  # the case changed: worked out again
    ((need, offering),) = services.directory.services_for(SYSTEM_ACTOR, case.id)
    assert need is ServiceCategory.EDUCATION_WORK and offering == []

    # The practitioner does not see the hidden youth worker, so sees no duplication either.
    practitioner = services.users.actor_for("officer.dee")
    seen = services.directory.partnership(practitioner)
    assert [(link.agency, link.people) for link in seen.links] == [("Northshire Probation", ["Sam Patel"])]
    assert seen.duplicates == [] and seen.duplicated_support() == []
    # kept for the practitioner's own view, beside the administrator's
    assert services.directory.partnership(practitioner) == seen
    with pytest.raises(AccessDenied):
        services.directory.partnership(_user(services, "v", Role.VIEWER))


def test_a_harmful_tie_is_not_support(riley: tuple[Services, Case]) -> None:
    services, _ = riley
    tie = services.store.get(Tie, "t-lou")
    assert tie is not None
    services.network.update_tie(SYSTEM_ACTOR, tie.model_copy(update={"valence": Valence.HARMFUL}))
    assert services.directory.partnership(SYSTEM_ACTOR).duplicates == []
