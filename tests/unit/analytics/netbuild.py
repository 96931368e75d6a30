"""A terse builder of small invented case networks for the analytics tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from netmap.models import Case, Membership, Network, Person, PersonKind, Sector, Tie

CASE = "c-t"
EGO = "ego"
ON = date(2026, 1, 15)


class Net:
    """Add members and ties, then ``build()`` a Network; the young person is ``ego``."""

    def __init__(self, *, ego_born: date | None = date(2006, 3, 10), with_ego: bool = True) -> None:
        self.people: list[Person] = []
        self.memberships: list[Membership] = []
        self.ties: list[Tie] = []
        if with_ego:
            self.people.append(Person(id=EGO, name="Young Person", birth_date=ego_born))

    def member(
        self,
        pid: str,
        sector: Sector | str = Sector.FAMILY,
        *,
        service: bool = False,
        birth_year: int | None = None,
        agency: str = "",
        deceased: bool = False,
        **membership: Any,
    ) -> Net:
        self.people.append(
            Person(
                id=pid,
                name=f"Person {pid}",
                kind=PersonKind.SERVICE if service else PersonKind.PERSON,
                birth_year=birth_year,
                agency=agency,
                deceased=deceased,
            )
        )
        self.memberships.append(Membership.make(CASE, pid, sector=Sector(sector), **membership))
        return self

    def tie(self, a: str, b: str = EGO, **fields: Any) -> Net:
        self.ties.append(Tie(id=f"t-{len(self.ties) + 1}", case_id=CASE, from_id=b, to_id=a, **fields))
        return self

    def build(self) -> Network:
        return Network(
            case=Case(id=CASE, title="Test map", ego_id=EGO),
            people=self.people,
            memberships=self.memberships,
            ties=self.ties,
        )
