"""What a person expects netmap's domain types to accept, refuse and redact."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from pydantic import ValidationError

from netmap.models import (
    Case,
    Dataset,
    Grant,
    Kin,
    KinType,
    Membership,
    Network,
    Person,
    Restriction,
    RestrictionKind,
    Sector,
    Snapshot,
    SnapshotEvent,
    SupportDomain,
    Tie,
    redact,
    restricted_fields,
)


def _today() -> date:
    """Today as of the moment of asking: a module-level constant goes stale past midnight."""
    return date.today()


def _refused(model: type[Any], field: str, /, **values: Any) -> str:
    """The message of the one validation error ``values`` cause, checking it names ``field``."""
    with pytest.raises(ValidationError) as caught:
        model(**values)
    locations = [".".join(str(part) for part in error["loc"]) for error in caught.value.errors()]
    assert any(field in location for location in locations) or field == "", locations
    return str(caught.value)


def _network() -> Network:
    ego = Person(
        id="p-ego", name="Jordan Vale", address="Flat 2", safeguarding_notes="Never share the address."
    )
    nan = Person(id="p-nan", name="Maureen Vale", phone="07700 900123")
    restriction = Restriction(kind=RestrictionKind.DO_NOT_DISCLOSE_LOCATION, details="Lives at a refuge.")
    return Network(
        case=Case(id="c-1", title="Jordan's map", ego_id="p-ego"),
        people=[ego, nan],
        memberships=[
            Membership.make("c-1", "p-ego", sector=Sector.FAMILY, ring=1),
            Membership.make(
                "c-1", "p-nan", sector=Sector.FAMILY, restrictions=[restriction], notes="Kind nan."
            ),
        ],
        ties=[Tie(id="t-1", case_id="c-1", from_id="p-ego", to_id="p-nan", strength=3)],
    )


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize("raw", ["  Ann Lee  ", "\tAnn Lee\n", "Ann Lee"])
def test_names_are_trimmed(raw: str):
    assert Person(id="p-1", name=raw).name == "Ann Lee"
    assert Person(id="p-1", name="Ann Lee", known_as=raw).known_as == "Ann Lee"


@pytest.mark.parametrize("blank", ["", "   ", "\n\t"])
def test_a_blank_name_is_refused(blank: str):
    assert "blank" in _refused(Person, "name", id="p-1", name=blank)


def test_length_limits_count_the_trimmed_text():
    assert len(Person(id="p-1", name="a" * 120).name) == 120
    assert len(Person(id="p-1", name="  " + "a" * 120 + "  ").name) == 120
    _refused(Person, "name", id="p-1", name="a" * 121)
    assert len(Person(id="p-1", name="Ann", area="b" * 200).area) == 200
    _refused(Person, "area", id="p-1", name="Ann", area="b" * 201)
    assert len(Person(id="p-1", name="Ann", address="c" * 5000).address) == 5000
    _refused(Person, "address", id="p-1", name="Ann", address="c" * 5001)


@pytest.mark.parametrize("bad", ["Ann\x00Lee", "\x1b[31mAnn", "Ann\x7f", "Ann\x08", "Ann\x0bLee"])
def test_control_characters_are_refused_in_names_and_short_text(bad: str):
    assert "control characters" in _refused(Person, "name", id="p-1", name=bad)
    _refused(Person, "known_as", id="p-1", name="Ann", known_as=bad)
    _refused(Case, "title", id="c-1", title=bad, ego_id="p-1")


def test_assignment_is_validated_too():
    person = Person(id="p-1", name="Ann Lee")
    with pytest.raises(ValidationError):
        person.name = "Ann\x00"
    person.name = "  Ann Hart "
    assert person.name == "Ann Hart"


@pytest.mark.parametrize("bad", ["", "p 1", "p/1", "p-1<script>", "x" * 81, "p-é"])
def test_ids_are_short_plain_tokens(bad: str):
    _refused(Person, "id", id=bad, name="Ann")


def test_unknown_fields_are_refused():
    _refused(Person, "", id="p-1", name="Ann", nickname="Annie")


# --------------------------------------------------------------------------- numbers and vocabularies


@pytest.mark.parametrize("strength", [1, 2, 3])
def test_tie_strength_one_to_three_is_accepted(strength: int):
    assert Tie(id="t-1", case_id="c-1", from_id="a", to_id="b", strength=strength).strength == strength


@pytest.mark.parametrize("strength", [0, 4, -1])
def test_tie_strength_outside_one_to_three_is_refused(strength: int):
    _refused(Tie, "strength", id="t-1", case_id="c-1", from_id="a", to_id="b", strength=strength)


@pytest.mark.parametrize("ring", [0, 5])
def test_membership_ring_outside_one_to_four_is_refused(ring: int):
    _refused(
        Membership, "ring", id="c-1|p-1", case_id="c-1", person_id="p-1", sector=Sector.FAMILY, ring=ring
    )


@pytest.mark.parametrize(
    ("kind", "field", "values"),
    [
        (Person, "kind", {"id": "p-1", "name": "Ann", "kind": "robot"}),
        (Person, "gender", {"id": "p-1", "name": "Ann", "gender": "F"}),
        (Tie, "valence", {"id": "t-1", "case_id": "c", "from_id": "a", "to_id": "b", "valence": "great"}),
        (Tie, "domains", {"id": "t-1", "case_id": "c", "from_id": "a", "to_id": "b", "domains": ["cooking"]}),
        (Kin, "kind", {"id": "k-1", "from_id": "a", "to_id": "b", "kind": "grandparent"}),
        (Membership, "sector", {"id": "c|p", "case_id": "c", "person_id": "p", "sector": "school"}),
        (Case, "stage", {"id": "c-1", "title": "Map", "ego_id": "p-1", "stage": "open"}),
    ],
)
def test_unknown_vocabulary_is_refused(kind: type[Any], field: str, values: dict[str, Any]):
    _refused(kind, field, **values)


def test_support_domains_are_deduplicated_in_vocabulary_order():
    tie = Tie(
        id="t-1", case_id="c", from_id="a", to_id="b", domains=["money", "emotional", "money", "housing"]
    )
    assert tie.domains == [SupportDomain.EMOTIONAL, SupportDomain.HOUSING, SupportDomain.MONEY]


# --------------------------------------------------------------------------- rules between fields


def test_a_tie_needs_two_different_people():
    assert "two different people" in _refused(Tie, "", id="t-1", case_id="c", from_id="a", to_id="a")


def test_a_kin_link_needs_two_different_people():
    assert "two different people" in _refused(Kin, "", id="k-1", from_id="a", to_id="a", kind=KinType.SIBLING)


def test_a_tie_cannot_end_before_it_starts():
    values = {"id": "t-1", "case_id": "c", "from_id": "a", "to_id": "b"}
    _refused(Tie, "", **values, since=date(2024, 5, 1), until=date(2024, 4, 30))
    assert Tie(**values, since=date(2024, 5, 1), until=date(2024, 5, 1)).until == date(2024, 5, 1)


def test_a_birth_date_may_be_today_but_not_in_the_future():
    today = _today()
    assert Person(id="p-1", name="Ann", birth_date=today).birth_year == today.year
    assert "future" in _refused(
        Person, "birth_date", id="p-1", name="Ann", birth_date=_today() + timedelta(days=1)
    )


def test_birth_year_follows_the_birth_date_and_must_agree_with_it():
    assert Person(id="p-1", name="Ann", birth_date=date(2004, 2, 29)).birth_year == 2004
    assert "does not match" in _refused(
        Person, "", id="p-1", name="Ann", birth_date=date(2004, 2, 29), birth_year=2005
    )


def test_future_dates_are_allowed_where_they_are_plans():
    case = Case(id="c-1", title="Map", ego_id="p-1", release_date=_today() + timedelta(days=400))
    assert case.release_date > _today()
    _refused(
        Case, "referral_date", id="c-1", title="Map", ego_id="p-1", referral_date=_today() + timedelta(days=1)
    )


def test_a_membership_id_is_made_from_its_case_and_person():
    assert Membership.make("c-1", "p-1", sector=Sector.FRIENDS).id == "c-1|p-1"
    assert "c-1|p-1" in _refused(
        Membership, "", id="c-1|p-2", case_id="c-1", person_id="p-1", sector=Sector.FRIENDS
    )
    assert Grant.make("amy", "c-1").id == "amy|c-1"


def test_a_non_association_restriction_names_the_other_person():
    assert "other person" in _refused(Restriction, "", kind=RestrictionKind.NON_ASSOCIATION)
    assert Restriction(kind=RestrictionKind.NON_ASSOCIATION, other_person_id="p-2").other_person_id == "p-2"


def test_a_network_whose_young_person_is_missing_is_refused():
    network = _network()
    others = [p for p in network.people if p.id != "p-ego"]
    assert "young person" in _refused(Network, "", case=network.case, people=others)
    assert Network(case=network.case).people == []


def test_a_network_tie_to_someone_outside_it_is_refused():
    network = _network()
    outsider_tie = Tie(id="t-9", case_id="c-1", from_id="p-ego", to_id="p-stranger")
    assert "t-9" in _refused(Network, "", case=network.case, people=network.people, ties=[outsider_tie])


def test_a_dataset_of_another_format_is_refused():
    assert "format" in _refused(Dataset, "", format="kumu")
    assert "not supported" in _refused(Dataset, "", format_version=99)


# --------------------------------------------------------------------------- redaction


def test_restricted_fields_are_the_contact_safeguarding_and_equality_details():
    contact = {"address", "phone", "email", "safeguarding_notes"}
    equality = {"ethnicity", "disabled", "neurodivergent", "care_status", "parent_or_carer"}
    assert restricted_fields(Person) == contact | equality
    assert restricted_fields(Restriction) == {"details"}
    assert restricted_fields(Tie) == set()


def test_redact_clears_a_person_s_restricted_fields_and_keeps_the_rest():
    person = Person(
        id="p-1",
        name="Ann Lee",
        area="Northshire",
        address="1 Road",
        phone="01632 960000",
        email="a@example.org",
        safeguarding_notes="Risk noted.",
    )
    safe = redact(person)
    assert (safe.address, safe.phone, safe.email, safe.safeguarding_notes) == ("", "", "", "")
    assert (safe.name, safe.area, safe.id, safe.version) == ("Ann Lee", "Northshire", "p-1", 0)
    assert person.address == "1 Road"


def test_redact_clears_restriction_details_inside_a_membership():
    membership = _network().memberships[1]
    safe = redact(membership)
    assert safe.restrictions[0].details == ""
    assert safe.restrictions[0].kind is RestrictionKind.DO_NOT_DISCLOSE_LOCATION
    assert safe.notes == "Kind nan."
    assert membership.restrictions[0].details == "Lives at a refuge."


def test_redact_reaches_into_a_snapshot_s_network():
    snapshot = Snapshot(
        id="s-1", case_id="c-1", event=SnapshotEvent.FGC, taken_on=_today(), network=_network()
    )
    safe = redact(snapshot)
    assert [(p.address, p.phone, p.safeguarding_notes) for p in safe.network.people] == [("", "", "")] * 2
    assert [r.details for m in safe.network.memberships for r in m.restrictions] == [""]
    assert [p.name for p in safe.network.people] == ["Jordan Vale", "Maureen Vale"]
    assert safe.network.ties == snapshot.network.ties
    assert snapshot.network.people[0].address == "Flat 2"
    dumped = safe.model_dump_json()
    for secret in ("Flat 2", "Never share", "07700 900123", "Lives at a refuge"):
        assert secret not in dumped
