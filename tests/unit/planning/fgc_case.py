"""An invented FGC case for the planning rules: a young man, family, an ex-partner, practitioners."""

from __future__ import annotations

from datetime import date

from netmap.models import Case, Conference, Invitee, Membership, Network, Person, Restriction

CASE = "c-fgc"


def member(person_id: str, sector: str = "family", **fields) -> Membership:
    return Membership.make(CASE, person_id, sector=sector, **fields)


def fgc_network() -> Network:
    people = [
        Person(id="p-jamal", name="Jamal Reid"),
        Person(id="p-sharon", name="Sharon Miles"),
        Person(id="p-chloe", name="Chloe Dunn"),
        Person(id="p-pat", name="Patricia Miles", known_as="Nan Pat", address="12 Elm Road, Dudley"),
        Person(id="p-gary", name="Gary Tomlin"),
        Person(id="p-lee", name="Lee Grant"),
        Person(id="p-dean", name="Dean Harris"),
        Person(id="p-po", name="Asha Khan", agency="Probation Service"),
    ]
    memberships = [
        member("p-jamal", status=None),
        member("p-sharon", status="safety_checked"),
        member(
            "p-chloe",
            "friends",
            status="safety_checked",
            restrictions=[
                Restriction(
                    id="r-nmo",
                    kind="court_order",
                    other_person_id="p-jamal",
                    details="Non-molestation order, Wolverhampton Family Court",
                    recorded_by="Asha Khan",
                    vetted_by="Team manager",
                    vetted_on=date(2025, 1, 6),
                )
            ],
        ),
        member(
            "p-pat",
            status="safety_checked",
            restrictions=[Restriction(id="r-loc", kind="do_not_disclose_location", vetted_by="Team manager")],
        ),
        member(
            "p-gary",
            status="willing",
            restrictions=[Restriction(id="r-dnc", kind="do_not_contact", vetted_by="SW")],
        ),
        member(
            "p-lee",
            status="safety_checked",
            restrictions=[
                Restriction(id="r-lic", kind="licence_condition", vetted_by="Asha Khan"),
                Restriction(
                    id="r-vcl", kind="victim_contact_limit", other_person_id="p-sharon", vetted_by="VLO"
                ),
            ],
        ),
        member("p-dean", "professionals", status="willing"),
        member("p-po", "professionals"),
    ]
    return Network(
        case=Case(id=CASE, title="Jamal's network", ego_id="p-jamal"), people=people, memberships=memberships
    )


def fgc_conference() -> Conference:
    return Conference(
        id="f-1",
        case_id=CASE,
        conference_on=date(2024, 12, 2),
        invitees=[
            Invitee(person_id="p-jamal", role="young person", status="accepted"),
            Invitee(person_id="p-sharon", role="aunt", status="invited"),
            Invitee(person_id="p-po", role="probation officer", status="invited"),
        ],
    )
