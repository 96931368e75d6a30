"""A generated Lifelong Links service whose figures are known by construction: the worked example of
docs/worked-example.md.

Each case is built from a few chosen numbers (people at referral, people the plan added, people the
young person named and whether each became a connection, relatives found), and the true answers are
worked out from those numbers alone, following the definitions in docs/measures.md, never with
netmap's own analytics. ``python -m benchmarks.worked_example --cases 200 --seed 7 -o service.json``
writes the service as a netmap JSON file and prints the true answers.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

from benchmarks.people import name
from netmap.models import (
    Accommodation,
    Activity,
    Case,
    CaseStage,
    Conference,
    ConferenceStage,
    ContactFrequency,
    Dataset,
    DiscoveryStatus,
    Ethnicity,
    Gender,
    JusticeEvent,
    LeadSource,
    Lsns6,
    Membership,
    Network,
    Ons4,
    OutcomeReading,
    Person,
    PlanItem,
    PlanItemStatus,
    Record,
    ReviewPoint,
    Sector,
    ServiceCategory,
    Snapshot,
    SnapshotEvent,
    SupportDirection,
    SupportDomain,
    Tie,
)
from netmap.planning.support_ends import birthday

__all__ = ["CaseFacts", "Truth", "generate", "truth"]

AUTHORITIES = ("Westbrook City Council", "Kelby Borough Council", "Brackenshire County Council")
PRISONS = ("HMP Ashbourne Fields", "HMP Kelby Moor")
LEAVING_CARE, ADULT_SERVICE = "Westbrook Leaving Care Team", "Westbrook Adult Social Care"
AGENCIES = (LEAVING_CARE, "West Midshire Probation Service", "Northgate Mentoring Project")
CONNECTED = (DiscoveryStatus.IN_PLAN, DiscoveryStatus.SUSTAINED_3M, DiscoveryStatus.SUSTAINED_6M)
NOT_CONNECTED = (DiscoveryStatus.DECLINED, DiscoveryStatus.NOT_FOUND, DiscoveryStatus.IDENTIFIED)
FOUND = (
    DiscoveryStatus.LOCATED,
    DiscoveryStatus.CONTACTED,
    DiscoveryStatus.WILLING,
    DiscoveryStatus.DECLINED,
)
TARGET = 80
_PLACES = (
    Accommodation.OWN_TENANCY,
    Accommodation.SUPPORTED,
    Accommodation.SOFA_SURFING,
    Accommodation.FAMILY_OR_FRIENDS,
)
_ACTIVITIES = (Activity.EDUCATION, Activity.EMPLOYED, Activity.NOT_IN_EET, Activity.TRAINING)
_NEEDS = [
    ServiceCategory.HOUSING,
    ServiceCategory.EDUCATION_WORK,
    ServiceCategory.MENTAL_HEALTH,
    ServiceCategory.FAMILY_SUPPORT,
]


@dataclass(frozen=True)
class CaseFacts:
    """The numbers one case was built from."""

    case_id: str
    age: int
    after_plan: bool
    measured: bool
    size_at_referral: int
    size_after_plan: int
    named: int
    connections: int
    relatives_found: int


@dataclass(frozen=True)
class Truth:
    """The Lifelong Links figures of a set of cases, as exact fractions."""

    cases_after_plan: int
    cases_measured: int
    size_at_referral: Fraction
    size_after_plan: Fraction
    named: int
    became_connections: int
    connection_share: Fraction
    reaching_target: int


def truth(facts: list[CaseFacts], ages: tuple[int, int] | None = None) -> Truth:
    """The figures over ``facts`` (those aged within ``ages`` only, when given)."""
    chosen = [f for f in facts if ages is None or ages[0] <= f.age <= ages[1]]
    after = [f for f in chosen if f.after_plan]
    measured = [f for f in after if f.measured]
    named = sum(f.named for f in after)
    connected = sum(f.connections for f in after)
    return Truth(
        cases_after_plan=len(after),
        cases_measured=len(measured),
        size_at_referral=Fraction(sum(f.size_at_referral for f in measured), len(measured)),
        size_after_plan=Fraction(sum(f.size_after_plan for f in measured), len(measured)),
        named=named,
        became_connections=connected,
        connection_share=Fraction(connected, named),
        reaching_target=sum(f.relatives_found >= TARGET for f in after),
    )


class _Case:
    """One case being built: its people, memberships and ties so far."""

    def __init__(self, r: random.Random, number: int, today: date) -> None:
        self.r = r
        self.id = f"c-{number:04d}"
        self.people: list[Person] = []
        self.memberships: list[Membership] = []
        self.ties: list[Tie] = []
        self.age = r.randint(15, 27)
        self.ego = self._person(
            "ego",
            birth_date=today - timedelta(days=365 * self.age + r.randint(20, 340)),
            gender=r.choice(list(Gender)),
            ethnicity=r.choice(list(Ethnicity)).value,
            care_status=r.choice(("care_leaver", "looked_after")),
        )
        self.referred = today - timedelta(days=r.randint(420, 900))
        # Leaving-care support ends at 25 (planning.support_ends): an older young person has none.
        born = self.ego.birth_date
        self.past_leaving_care = born is not None and birthday(born, 25) < today
        self.memberships.append(Membership.make(self.id, self.ego.id, sector=Sector.FAMILY, ring=1))

    def _person(self, key: str, **fields: Any) -> Person:
        person = Person(id=f"p-{self.id[2:]}-{key}", name=name(self.r), **fields)
        self.people.append(person)
        return person

    def member(
        self, key: str, sector: Sector, *, tie: bool = True, deceased: bool = False, **fields: Any
    ) -> None:
        agency = self.r.choice(AGENCIES) if sector is Sector.PROFESSIONALS else ""
        if agency == LEAVING_CARE and self.past_leaving_care:
            agency = ADULT_SERVICE  # chosen after the draw, so every later draw is the same
        person = self._person(key, agency=agency, deceased=deceased)
        self.memberships.append(Membership.make(self.id, person.id, sector=sector, **fields))
        if tie:
            self.ties.append(
                Tie(
                    id=f"t-{self.id[2:]}-{key}",
                    case_id=self.id,
                    from_id=self.ego.id,
                    to_id=person.id,
                    frequency=ContactFrequency.WEEKLY,
                    direction=SupportDirection.TO_EGO,
                    domains=[SupportDomain.EMOTIONAL, SupportDomain.PRACTICAL],
                )
            )

    def network(self, case: Case) -> Network:
        return Network(
            case=case, people=list(self.people), memberships=list(self.memberships), ties=list(self.ties)
        )


def _reading(r: random.Random, on: date, point: ReviewPoint, better: int) -> OutcomeReading:
    def score(base: int) -> int:
        return max(0, min(10, base + better + r.randint(-1, 1)))

    return OutcomeReading(
        on=on,
        point=point,
        accommodation=r.choice(_PLACES),
        activity=r.choice(_ACTIVITIES),
        wellbeing=Ons4(
            life_satisfaction=score(4),
            worthwhile=score(5),
            happy=score(4),
            anxious=max(0, score(6) - 2 * better),
        ),
        lsns6=Lsns6(
            relatives_seen=min(5, 1 + better),
            relatives_private=1,
            relatives_help=min(5, 1 + better),
            friends_seen=2,
            friends_private=1,
            friends_help=1,
        ),
        network_rating=score(4),
        call_at_2am=r.randint(0, 3) + better,
    )


def _one(r: random.Random, number: int, today: date) -> tuple[list[Record], CaseFacts]:
    """One case and the numbers it was built from.

    Network size counts everyone on the map but the young person, the dead and those not found
    (docs/measures.md); relatives found are family members located or further on, declined included.
    """
    c = _Case(r, number, today)
    at_referral = r.randint(3, 11)
    for k in range(at_referral):
        c.member(f"r{k}", r.choice((Sector.FAMILY, Sector.FRIENDS, Sector.PROFESSIONALS)))
    if r.random() < 0.2:  # a grandparent who had died: on the map, never in the network
        c.member("late", Sector.FAMILY, tie=False, deceased=True)
    case = Case(
        id=c.id,
        title=f"Case {number:04d}",
        ego_id=c.ego.id,
        stage=CaseStage.REVIEW,
        local_authority=r.choice(AUTHORITIES),
        prison=r.choice(PRISONS) if r.random() < 0.3 else "",
        referral_date=c.referred,
        needs=r.sample(_NEEDS, 2),
    )
    referral = Snapshot(
        id=f"s-{c.id[2:]}-referral",
        case_id=c.id,
        event=SnapshotEvent.REFERRAL,
        taken_on=c.referred,
        network=c.network(case),
    )
    records: list[Record] = [referral]
    roll = r.random()
    after_plan, measured = roll < 0.85, roll < 0.78  # a plan for most; a few plans have no FGC snapshot
    plan_on = c.referred + timedelta(days=r.randint(90, 200))
    named = connections = relatives_found = 0
    size_after = at_referral
    if after_plan:
        named = r.randint(1, 25)
        for k in range(named):
            became = r.random() < 0.96
            status = r.choice(CONNECTED) if became else r.choice(NOT_CONNECTED)
            sector = Sector.FAMILY if r.random() < 0.8 else Sector.FRIENDS
            c.member(
                f"n{k}",
                sector,
                tie=became,
                status=status,
                lead_source=LeadSource.YOUNG_PERSON,
                lead_date=c.referred,
            )
            connections += became
            size_after += status is not DiscoveryStatus.NOT_FOUND
            relatives_found += sector is Sector.FAMILY and (became or status is DiscoveryStatus.DECLINED)
        added = r.randint(2, 9)
        for k in range(added):
            c.member(f"a{k}", r.choice((Sector.FRIENDS, Sector.PROFESSIONALS)))
        size_after += added
        owners = [m.person_id for m in c.memberships[1:] if m.sector is not Sector.FRIENDS][:4]
        records.append(
            Conference(
                id=f"f-{c.id[2:]}",
                case_id=c.id,
                stage=ConferenceStage.REVIEW,
                conference_on=plan_on,
                plan=[
                    PlanItem(
                        id=f"i-{c.id[2:]}-{k}",
                        what="Keep in touch",
                        owner_id=owner,
                        by_when=plan_on + timedelta(days=60),
                        status=r.choice(list(PlanItemStatus)),
                    )
                    for k, owner in enumerate(owners)
                ],
            )
        )
    if measured:
        records.append(
            Snapshot(
                id=f"s-{c.id[2:]}-fgc",
                case_id=c.id,
                event=SnapshotEvent.FGC,
                taken_on=plan_on,
                network=c.network(case),
            )
        )
    searched = r.randint(20, 110) if after_plan else r.randint(0, 20)
    for k in range(searched):
        c.member(
            f"f{k}",
            Sector.FAMILY,
            tie=False,
            status=r.choice(FOUND),
            lead_source=LeadSource.SEARCH,
            lead_date=c.referred,
        )
    relatives_found += searched
    readings = [_reading(r, c.referred + timedelta(days=3), ReviewPoint.REFERRAL, 0)]
    if after_plan:
        readings.append(_reading(r, plan_on + timedelta(days=7), ReviewPoint.AFTER_PLAN, 2))
        readings.append(_reading(r, plan_on + timedelta(days=180), ReviewPoint.MONTHS_6, 3))
    if case.prison and r.random() < 0.5:
        readings.append(
            OutcomeReading(
                on=plan_on + timedelta(days=30),
                accommodation=Accommodation.APPROVED_PREMISES,
                release_night=True,
            )
        )
    if r.random() < 0.15:
        readings.append(OutcomeReading(on=plan_on + timedelta(days=120), event=JusticeEvent.RECALL))
    records[:0] = [*c.people, case.model_copy(update={"outcomes": readings}), *c.memberships, *c.ties]
    facts = CaseFacts(
        case_id=c.id,
        age=c.age,
        after_plan=after_plan,
        measured=measured,
        size_at_referral=at_referral,
        size_after_plan=size_after,
        named=named,
        connections=connections,
        relatives_found=relatives_found,
    )
    return records, facts


def generate(cases: int = 200, seed: int = 7, today: date | None = None) -> tuple[Dataset, list[CaseFacts]]:
    """A service of ``cases`` invented cases, dated back from ``today``, and the numbers each was built from."""
    r, today = random.Random(seed), today or date.today()
    groups: dict[type, list[Any]] = {}
    facts = []
    for number in range(1, cases + 1):
        records, fact = _one(r, number, today)
        facts.append(fact)
        for record in records:
            groups.setdefault(type(record), []).append(record)
    dataset = Dataset(
        people=groups.get(Person, []),
        cases=groups.get(Case, []),
        memberships=groups.get(Membership, []),
        ties=groups.get(Tie, []),
        conferences=groups.get(Conference, []),
        snapshots=groups.get(Snapshot, []),
    )
    return dataset, facts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--ages", help="also print the true answers for ages A-B, e.g. 18-25")
    parser.add_argument("-o", "--output", type=Path, required=True, help="the netmap JSON file to write")
    args = parser.parse_args(argv)
    dataset, facts = generate(args.cases, args.seed)
    args.output.write_text(dataset.model_dump_json(indent=1), encoding="utf-8")
    spans = [None] + ([tuple(int(a) for a in args.ages.split("-"))] if args.ages else [])
    for span in spans:
        t = truth(facts, span)  # type: ignore[arg-type]
        shown = {k: (float(v) if isinstance(v, Fraction) else v) for k, v in t.__dict__.items()}
        json.dump({"ages": span, **shown}, sys.stdout, indent=2)
        sys.stdout.write("\n")


if __name__ == "__main__":
    main()
