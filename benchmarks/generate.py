"""A synthetic regional service: thousands of invented cases of realistic shape, seeded and reproducible.

Shape, per case: 10 to 60 members (family, friends, peers, professionals, services); family
clusters where siblings in care each have a case and share parents, grandparents, aunts, uncles
and cousins; professionals and services drawn from service-wide pools so each serves many cases;
ties in every valence from both perspectives; a referral snapshot (and often an FGC one), a
family group conference with invitees and plan items for about half the cases, contact events.
Every name is invented from syllables; no record describes a real person.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from benchmarks.people import AREAS, BASE_DATE, Family, Pools, name, past
from netmap.models import (
    Case,
    CaseStage,
    Conference,
    ConferenceStage,
    ConsentRecord,
    ContactEvent,
    ContactFrequency,
    ContactMethod,
    DiscoveryStatus,
    Gender,
    InvitationStatus,
    Invitee,
    InviteeNeed,
    Kin,
    LeadSource,
    Membership,
    Network,
    Person,
    PersonKind,
    Perspective,
    PlanItem,
    Record,
    Restriction,
    RestrictionKind,
    Sector,
    Snapshot,
    SnapshotEvent,
    SupportDirection,
    SupportDomain,
    Tie,
    Valence,
)

__all__ = ["BASE_DATE", "Chunk", "generate_service"]

_VALENCES = (Valence.POSITIVE, Valence.MIXED, Valence.STRESSFUL, Valence.HARMFUL)
_VALENCE_WEIGHTS = (60, 20, 12, 8)
_STATUSES = tuple(DiscoveryStatus)


@dataclass
class Chunk:
    """The records of a run of cases, in dependency order, plus how many cases they hold."""

    records: list[Record] = field(default_factory=list)
    cases: int = 0


def _case_records(
    r: random.Random, number: int, family: Family, ego: Person, pools: Pools, new_people: list[Person]
) -> list[Record]:
    """One case around ``ego``: members, ties, snapshots, a conference, contact events."""
    case_id = f"c-{number:06d}"
    size = r.randint(10, 60)
    relatives = [p for p in family.people if p.id != ego.id]
    family_n = min(len(relatives), max(3, int(size * r.uniform(0.2, 0.45))))
    pro_n = r.randint(2, 7)
    svc_n = r.randint(1, 3)
    friends_n = max(0, size - 1 - family_n - pro_n - svc_n)
    members: list[tuple[Person, Sector, str]] = [
        (p, Sector.FAMILY, family.roles[p.id] or "Sibling") for p in r.sample(relatives, family_n)
    ]
    members += [(p, Sector.PROFESSIONALS, role) for role, p in r.sample(pools.professionals, pro_n)]
    members += [(p, Sector.SERVICES, p.agency) for p in r.sample(pools.services, svc_n)]
    for i in range(friends_n):
        sector = Sector.FRIENDS if r.random() < 0.6 else Sector.PEERS_COMMUNITY
        friend = Person(
            id=f"p-{case_id}-{i:02d}",
            name=name(r),
            gender=r.choice(list(Gender)),
            birth_year=r.randint(1995, 2009),
        )
        new_people.append(friend)
        members.append((friend, sector, "Friend" if sector is Sector.FRIENDS else "Peer"))

    referral = past(r, 900, 200)
    memberships = [Membership.make(case_id, ego.id, sector=Sector.FAMILY, ring=1, role_label="Young person")]
    ties: list[Tie] = []
    harmful: set[str] = set()
    for person, sector, role in members:
        valence = r.choices(_VALENCES, _VALENCE_WEIGHTS)[0]
        if valence is Valence.HARMFUL:
            harmful.add(person.id)
        restrictions = (
            [
                Restriction(
                    id=f"r-{case_id}-{person.id}",
                    kind=RestrictionKind.DO_NOT_CONTACT,
                    details="Invented restriction.",
                    recorded_by="coord",
                )
            ]
            if valence is Valence.HARMFUL and r.random() < 0.5
            else []
        )
        memberships.append(
            Membership.make(
                case_id,
                person.id,
                sector=sector,
                ring=r.randint(1, 4),
                role_label=role,
                status=r.choice(_STATUSES) if sector is Sector.FAMILY else None,
                lead_source=r.choice(list(LeadSource)) if sector is Sector.FAMILY else None,
                lead_date=referral + timedelta(days=r.randint(0, 150)) if sector is Sector.FAMILY else None,
                support_ends=BASE_DATE + timedelta(days=r.randint(-100, 900))
                if sector is Sector.PROFESSIONALS
                else None,
                restrictions=restrictions,
                added_by="coord",
            )
        )
        ties.append(_tie(r, f"t-{case_id}-{len(ties):03d}", case_id, ego.id, person.id, valence, sector))
        if r.random() < 0.3:
            ties.append(
                _tie(
                    r,
                    f"t-{case_id}-{len(ties):03d}",
                    case_id,
                    ego.id,
                    person.id,
                    valence,
                    sector,
                    Perspective.YOUNG_PERSON,
                )
            )
    others = [p for p, _, _ in members]
    for _ in range(len(members) // 2):
        a, b = r.sample(others, 2)
        ties.append(
            _tie(
                r,
                f"t-{case_id}-{len(ties):03d}",
                case_id,
                a.id,
                b.id,
                r.choices(_VALENCES, _VALENCE_WEIGHTS)[0],
                Sector.FAMILY,
            )
        )

    case = Case(
        id=case_id,
        title=f"{ego.name.split()[0]}'s map",
        ego_id=ego.id,
        coordinator=f"coord-{r.randint(1, 40):02d}",
        stage=r.choice(list(CaseStage)),
        local_authority=r.choice(AREAS) + " Council",
        prison=r.choice(pools.services[:3]).name if r.random() < 0.3 else "",
        referral_date=referral,
        release_date=BASE_DATE + timedelta(days=r.randint(-200, 400)) if r.random() < 0.3 else None,
        consent=ConsentRecord(given=True, given_by="young person", on=referral),
    )
    member_ids = {ego.id, *(p.id for p in others)}
    people_by_id = {p.id: p for p in [ego, *others]}
    records: list[Record] = [case, *memberships, *ties]
    records += _snapshots(r, case, people_by_id, memberships, ties, family.kin, member_ids, referral)
    if r.random() < 0.5:
        records.append(_conference(r, case_id, others, referral))
    for i in range(r.randint(0, 5)):
        person = r.choice(others)
        records.append(
            ContactEvent(
                id=f"e-{case_id}-{i}",
                case_id=case_id,
                person_id=person.id,
                on=past(r, 200),
                method=r.choice(list(ContactMethod)),
                outcome="Invented outcome",
                by="coord",
                done=person.id not in harmful,
            )
        )
    return records


def _tie(
    r: random.Random,
    tie_id: str,
    case_id: str,
    a: str,
    b: str,
    valence: Valence,
    sector: Sector,
    perspective: Perspective = Perspective.PRACTITIONER,
) -> Tie:
    since = past(r, 5000, 300)
    professional = sector in (Sector.PROFESSIONALS, Sector.SERVICES)
    return Tie(
        id=tie_id,
        case_id=case_id,
        from_id=a,
        to_id=b,
        valence=valence,
        strength=r.randint(1, 3),
        frequency=r.choice(list(ContactFrequency)),
        direction=SupportDirection.TO_EGO if professional else r.choice(list(SupportDirection)),
        domains=r.sample(list(SupportDomain), r.randint(0, 3)),
        since=since,
        until=since + timedelta(days=r.randint(30, 200)) if r.random() < 0.05 else None,
        perspective=perspective,
        source="Invented",
        recorded_on=past(r, 250),
    )


def _snapshots(
    r: random.Random,
    case: Case,
    people: dict[str, Person],
    memberships: list[Membership],
    ties: list[Tie],
    kin: list[Kin],
    member_ids: set[str],
    referral: date,
) -> list[Snapshot]:
    """A referral snapshot of the early network, and for 40% of cases an FGC snapshot of all of it."""
    early = {case.ego_id} | {m.person_id for m in memberships[1 : 1 + int(len(memberships) * 0.6)]}
    events = [(SnapshotEvent.REFERRAL, referral, early)]
    if r.random() < 0.4:
        events.append((SnapshotEvent.FGC, referral + timedelta(days=r.randint(60, 180)), member_ids))
    snapshots = []
    for i, (event, on, ids) in enumerate(events):
        network = Network(
            case=case,
            people=[people[pid] for pid in sorted(ids)],
            memberships=[m for m in memberships if m.person_id in ids],
            kin=[k for k in kin if k.from_id in ids and k.to_id in ids],
            ties=[t for t in ties if t.from_id in ids and t.to_id in ids],
        )
        snapshots.append(
            Snapshot(
                id=f"s-{case.id}-{i}",
                case_id=case.id,
                event=event,
                taken_on=on,
                label=event.value,
                network=network,
            )
        )
    return snapshots


def _conference(r: random.Random, case_id: str, others: list[Person], referral: date) -> Conference:
    invited = r.sample(others, min(len(others), r.randint(5, 12)))
    return Conference(
        id=f"f-{case_id}",
        case_id=case_id,
        stage=r.choice(list(ConferenceStage)),
        referral_on=referral,
        conference_on=referral + timedelta(days=r.randint(30, 120)),
        review_on=referral + timedelta(days=r.randint(150, 300)),
        venue="Invented community centre",
        invitees=[
            Invitee(
                person_id=p.id,
                status=r.choice(list(InvitationStatus)),
                needs=r.sample(list(InviteeNeed), r.randint(0, 2)),
                information_giver=p.kind is PersonKind.SERVICE,
            )
            for p in invited
        ],
        plan=[
            PlanItem(
                id=f"i-{case_id}-{i}",
                what="Invented plan step",
                owner_id=r.choice(invited).id,
                by_when=referral + timedelta(days=r.randint(60, 400)),
            )
            for i in range(r.randint(3, 8))
        ],
    )


def generate_service(scale: int = 5000, *, seed: int = 1, chunk_cases: int = 500) -> Iterator[Chunk]:
    """The records of ``scale`` invented cases, in chunks of about ``chunk_cases`` cases.

    Families (and so sibling cases sharing relatives) never straddle a chunk; the first chunk
    also carries the service-wide professionals and services. The same ``scale`` and ``seed``
    give the same records.

    >>> chunks = list(generate_service(3, seed=7, chunk_cases=2))
    >>> sum(c.cases for c in chunks)
    3
    >>> [r.id for r in chunks[0].records if isinstance(r, Case)][:1]
    ['c-000000']
    >>> chunks == list(generate_service(3, seed=7, chunk_cases=2))
    True
    """
    pools = Pools(scale, seed)
    chunk = Chunk(records=list(pools.people()))
    number = 0
    family_index = 0
    while number < scale:
        r = random.Random(f"family:{seed}:{family_index}")
        children = min(scale - number, r.choices((1, 2, 3), (60, 30, 10))[0])
        family = Family(r, family_index, children)
        new_people: list[Person] = []
        case_records: list[Record] = []
        for ego in family.children:
            case_records += _case_records(r, number, family, ego, pools, new_people)
            number += 1
            chunk.cases += 1
        chunk.records += [*family.people, *new_people, *family.kin, *case_records]
        family_index += 1
        if chunk.cases >= chunk_cases:
            yield chunk
            chunk = Chunk()
    if chunk.records:
        yield chunk
