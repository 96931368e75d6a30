"""The invented people of a synthetic service: service-wide pools and family clusters with their kin."""

from __future__ import annotations

import random
from datetime import date, timedelta

from netmap.models import Certainty, Gender, Kin, KinType, Person, PersonKind

__all__ = ["AREAS", "BASE_DATE", "Family", "Pools", "name", "past", "surname"]

# Fixed, so the same seed gives the same bytes on any day; every "past" date is before it.
BASE_DATE = date(2025, 6, 30)

_FIRST = ("Ka", "Jo", "Mi", "Ro", "Sa", "Le", "Ta", "Ni", "De", "Ay", "Bo", "Ce", "Fi", "Ha", "Ri", "Zu")
_MID = ("", "", "ra", "li", "n", "mo", "ve", "sh", "ta", "ri", "da")
_END = ("n", "a", "e", "y", "o", "el", "ie", "is", "ah", "an")
_SURNAME = ("Ash", "Brook", "Cald", "Dun", "Elm", "Fen", "Gar", "Hol", "Ivy", "Kes", "Lin", "Mor", "Pen")
_SURNAME_END = ("ford", "well", "by", "ton", "ridge", "wick", "more", "field", "ham", "son")
_SERVICE_KINDS = (
    ("HMP", "Prison"),
    ("Housing", "Housing provider"),
    ("College", "College"),
    ("Youth Justice", "Youth justice service"),
    ("Leaving Care", "Leaving care team"),
    ("Mental Health", "Community mental health team"),
)
_PRO_ROLES = (
    ("Personal adviser", "Leaving care team"),
    ("Social worker", "Children's services"),
    ("Probation officer", "Probation service"),
    ("Prison offender manager", "Prison"),
    ("Youth worker", "Youth service"),
    ("Independent visitor", "Independent visitors"),
)
AREAS = ("Northby", "Eastwick", "Southam", "Westford", "Midfield", "Kesridge")


def name(r: random.Random, family_name: str | None = None) -> str:
    """An invented full name; ``family_name`` keeps a family's surname.

    >>> name(random.Random(1), "Ashford").endswith(" Ashford")
    True
    """
    first = r.choice(_FIRST) + r.choice(_MID) + r.choice(_END)
    return f"{first} {family_name or surname(r)}"


def surname(r: random.Random) -> str:
    return r.choice(_SURNAME) + r.choice(_SURNAME_END)


def past(r: random.Random, max_days: int, min_days: int = 0) -> date:
    return BASE_DATE - timedelta(days=r.randint(min_days, max_days))


class Pools:
    """Service-wide professionals and services, shared by many cases."""

    def __init__(self, scale: int, seed: int) -> None:
        r = random.Random(f"pools:{seed}")
        self.services = [
            Person(
                id=f"p-svc-{i:05d}",
                name=f"{_SERVICE_KINDS[i % len(_SERVICE_KINDS)][0]} {surname(r)}",
                kind=PersonKind.SERVICE,
                agency=_SERVICE_KINDS[i % len(_SERVICE_KINDS)][1],
                area=r.choice(AREAS),
            )
            for i in range(max(12, scale // 50))
        ]
        self.professionals = []
        for i in range(max(24, scale // 10)):
            role, agency = _PRO_ROLES[i % len(_PRO_ROLES)]
            self.professionals.append(
                (
                    role,
                    Person(
                        id=f"p-pro-{i:05d}",
                        name=name(r),
                        gender=r.choice((Gender.FEMALE, Gender.MALE, Gender.NONBINARY)),
                        agency=agency,
                        area=r.choice(AREAS),
                        phone=f"01632 {r.randint(100000, 999999)}",
                    ),
                )
            )

    def people(self) -> list[Person]:
        return [*self.services, *(p for _, p in self.professionals)]


class Family:
    """One family cluster: its relatives, the kin among them, and its children in care."""

    def __init__(self, r: random.Random, index: int, children: int) -> None:
        self.r = r
        self.prefix = f"f{index:06d}"
        self.surname = surname(r)
        self.people: list[Person] = []
        self.kin: list[Kin] = []
        self.roles: dict[str, str] = {}
        mother = self._person("Birth mother", Gender.FEMALE, 1965, 1988)
        father = self._person("Birth father", Gender.MALE, 1960, 1986, family_name=surname(r))
        self._kin(mother.id, father.id, r.choice((KinType.SEPARATED, KinType.EX_PARTNER, KinType.MARRIED)))
        self.children = [self._person("", r.choice(list(Gender)), 2000, 2008) for _ in range(children)]
        others = [self._person("Sibling", r.choice(list(Gender)), 1995, 2015) for _ in range(r.randint(0, 3))]
        for child in [*self.children, *others]:
            self._kin(mother.id, child.id, KinType.BIRTH_PARENT)
            self._kin(father.id, child.id, KinType.BIRTH_PARENT)
        siblings = [*self.children, *others]
        for i, a in enumerate(siblings):
            for b in siblings[i + 1 :]:
                self._kin(a.id, b.id, KinType.SIBLING)
        if r.random() < 0.5:
            step = self._person("Stepfather", Gender.MALE, 1960, 1985)
            self._kin(mother.id, step.id, KinType.PARTNER)
            for child in self.children:
                self._kin(step.id, child.id, KinType.STEP_PARENT)
        for parent in (mother, father):
            for label, gender in (("Grandmother", Gender.FEMALE), ("Grandfather", Gender.MALE)):
                if r.random() < 0.75:
                    grand = self._person(label, gender, 1935, 1965, deceased=r.random() < 0.15)
                    self._kin(grand.id, parent.id, KinType.BIRTH_PARENT)
            for _ in range(r.randint(0, 3)):
                aunt = self._person(r.choice(("Aunt", "Uncle")), r.choice(list(Gender)), 1955, 1990)
                self._kin(aunt.id, parent.id, KinType.SIBLING)
                for _ in range(r.randint(0, 2)):
                    cousin = self._person("Cousin", r.choice(list(Gender)), 1990, 2012)
                    self._kin(aunt.id, cousin.id, KinType.BIRTH_PARENT)
        self.relatives = [p for p in self.people if p.id not in {c.id for c in self.children}]

    def _person(
        self,
        role: str,
        gender: Gender,
        born_from: int,
        born_to: int,
        *,
        family_name: str | None = None,
        deceased: bool = False,
    ) -> Person:
        r = self.r
        person = Person(
            id=f"p-{self.prefix}-{len(self.people):02d}",
            name=name(r, family_name or self.surname),
            gender=gender,
            birth_year=r.randint(born_from, born_to),
            deceased=deceased,
            area=r.choice(AREAS),
            address=f"{r.randint(1, 200)} {surname(r)} Road" if r.random() < 0.3 else "",
        )
        self.people.append(person)
        self.roles[person.id] = role
        return person

    def _kin(self, a: str, b: str, kind: KinType) -> None:
        certainty = Certainty.CONFIRMED if self.r.random() < 0.8 else Certainty.PROBABLE
        self.kin.append(
            Kin(id=f"k-{self.prefix}-{len(self.kin):03d}", from_id=a, to_id=b, kind=kind, certainty=certainty)
        )
