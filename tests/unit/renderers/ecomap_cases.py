"""Small ecomap cases built in code, shared by the ecomap renderer tests."""

from __future__ import annotations

from datetime import date

from netmap.models import Case, Membership, Network, Person, PersonKind, Sector, Tie


def ecomap_network(
    members: list[tuple[str, str, Sector, int]],
    ties: list[dict[str, object]] = (),  # type: ignore[assignment]
    *,
    title: str = "Ecomap test",
    ego_name: str = "Robin Ashdown",
) -> Network:
    case = Case(id="c-1", title=title, ego_id="p-ego")
    people = [Person(id="p-ego", name=ego_name)]
    memberships = []
    for pid, name, sector, ring in members:
        kind = PersonKind.SERVICE if sector is Sector.SERVICES else PersonKind.PERSON
        people.append(Person(id=pid, name=name, kind=kind))
        memberships.append(Membership.make("c-1", pid, sector=sector, ring=ring))
    tie_models = [Tie(id=f"t-{i}", case_id="c-1", **fields) for i, fields in enumerate(ties)]  # type: ignore[arg-type]
    return Network(case=case, people=people, memberships=memberships, ties=tie_models)


def standard_network() -> Network:
    """Six members, one per sector and more, with ties of every kind and two views of one relationship."""
    members = [
        ("p-aunt", "Aunt Mel Fairweather", Sector.FAMILY, 1),
        ("p-gran", "Gran Ivy Fairweather", Sector.FAMILY, 3),
        ("p-sam", "Sam Okoro", Sector.FRIENDS, 2),
        ("p-coach", "Coach Dev Patel", Sector.PEERS_COMMUNITY, 2),
        ("p-pa", "Lee Marsh (PA)", Sector.PROFESSIONALS, 1),
        ("p-hmp", "HMP Thornbury", Sector.SERVICES, 4),
    ]
    ties = [
        {
            "from_id": "p-ego",
            "to_id": "p-aunt",
            "strength": 3,
            "direction": "to_ego",
            "domains": ["emotional"],
        },
        {"from_id": "p-gran", "to_id": "p-ego", "strength": 2, "direction": "to_ego", "domains": ["housing"]},
        {"from_id": "p-ego", "to_id": "p-sam", "strength": 1, "direction": "both"},
        {"from_id": "p-ego", "to_id": "p-coach", "valence": "stressful", "direction": "from_ego"},
        {"from_id": "p-ego", "to_id": "p-hmp", "valence": "harmful", "strength": 3},
        {"from_id": "p-aunt", "to_id": "p-gran", "valence": "mixed", "strength": 2},
        {"from_id": "p-ego", "to_id": "p-pa", "perspective": "young_person", "until": date(2024, 1, 31)},
        {"from_id": "p-ego", "to_id": "p-pa", "perspective": "practitioner", "strength": 3},
    ]
    return ecomap_network(members, ties)
