"""The partnership across the cases someone holds: which agencies work with which young people, the
same kind of support from several agencies, and the needs no local directory service meets.

Each case's part (``CaseLinks``) is kept in the store (``partnership_rows``). The directory is not
part of any case: it is read whenever the partnership is made, so a service added or changed
counts at once, and each young person's age on that day is worked out from their birth date.

Plain dataclasses, not pydantic models: at 50,000 cases a partnership holds some 150,000 links,
made from kept text that is checked by its format tag.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date

from netmap.graph.analytics.ends import years_old
from netmap.graph.analytics.needs import serves
from netmap.models import Person, ServiceCategory, SupportDomain

__all__ = [
    "AREA_NOT_RECORDED",
    "AgencyCount",
    "AgencyLink",
    "CaseLinks",
    "Duplication",
    "Partnership",
    "UncoveredNeed",
    "gather",
]

AREA_NOT_RECORDED = "Area not recorded"


@dataclass(frozen=True, slots=True)
class AgencyLink:
    """One agency working with one young person: the names of its people there (a service linked
    itself is named too), and the ids of those who are people, not services."""

    case_id: str
    young_person: str
    agency: str
    people: list[str]
    workers: list[str]


@dataclass(frozen=True, slots=True)
class Duplication:
    """Several agencies giving one young person the same kind of support."""

    case_id: str
    young_person: str
    domain: SupportDomain
    agencies: list[str]


@dataclass(frozen=True, slots=True)
class UncoveredNeed:
    """A need of young people in an area that no directory service there offers at their age."""

    area: str
    category: ServiceCategory
    young_people: list[str]


@dataclass(frozen=True, slots=True)
class AgencyCount:
    """An agency, how many young people it works with and how many of its people are involved."""

    agency: str
    young_people: int
    workers: int


@dataclass(frozen=True, slots=True)
class CaseLinks:
    """One case's part of the partnership as someone sees the case: its agencies, the support several
    of them give, and what its needs are checked against the directory with (where the young
    person lives, and when they were born, as a young person's age changes what serves them)."""

    case_id: str
    young_person: str
    links: list[AgencyLink]
    duplicates: list[Duplication]
    needs: list[ServiceCategory]
    area: str
    born: date | None


@dataclass(frozen=True, slots=True)
class Partnership:
    """The partnership: every young person looked at (case id → name, by name), the links and
    duplications case by case, the needs no service meets by area, and each case's needs no
    service meets."""

    young_people: dict[str, str]
    links: list[AgencyLink]
    duplicates: list[Duplication]
    uncovered: list[UncoveredNeed]
    unmet: dict[str, list[ServiceCategory]]

    def agencies(self) -> list[AgencyCount]:
        """Every agency with how many young people and workers, most young people first."""
        cases: dict[str, set[str]] = defaultdict(set)
        workers: dict[str, set[str]] = defaultdict(set)
        for link in self.links:
            cases[link.agency].add(link.case_id)
            workers[link.agency].update(link.workers)
        counts = [AgencyCount(a, len(cases[a]), len(workers[a])) for a in cases]
        return sorted(counts, key=lambda c: (-c.young_people, -c.workers, c.agency.casefold(), c.agency))

    def duplicated_support(self) -> list[tuple[SupportDomain, int]]:
        """Each kind of support several agencies give one young person, with how many young people,
        most first."""
        counts = Counter(d.domain for d in self.duplicates)
        return sorted(counts.items(), key=lambda x: (-x[1], list(SupportDomain).index(x[0])))

    def of_agency(self, agency: str) -> list[AgencyLink]:
        """The young people ``agency`` works with, by name."""
        return [link for link in self.links if link.agency == agency]

    def named(self, text: str) -> list[str]:
        """The cases whose young person's name holds ``text``, by name (none for no text).

        >>> seen = Partnership({"c-1": "Riley Marsh", "c-2": "Sam Ode"}, [], [], [], {})
        >>> seen.named(" riley "), seen.named("o"), seen.named("")
        (['c-1'], ['c-2'], [])
        """
        wanted = text.strip().casefold()
        return [c for c, name in self.young_people.items() if wanted in name.casefold()] if wanted else []

    def of_young_people(self, case_ids: Collection[str]) -> tuple[list[AgencyLink], list[Duplication]]:
        """The agencies of the cases ``case_ids`` and the support several of them give, by name."""
        wanted = set(case_ids)
        return (
            [link for link in self.links if link.case_id in wanted],
            [d for d in self.duplicates if d.case_id in wanted],
        )


def gather(entries: Iterable[CaseLinks], directory: list[Person], on: date) -> Partnership:
    """The partnership of ``entries`` against the ``directory`` of services as it is on the day ``on``."""
    ordered = sorted(entries, key=lambda e: (e.young_person.casefold(), e.case_id))
    met: dict[tuple[str, ServiceCategory, int | None], bool] = {}
    needs: dict[tuple[str, ServiceCategory], list[str]] = defaultdict(list)
    unmet: dict[str, list[ServiceCategory]] = {}
    links: list[AgencyLink] = []
    duplicates: list[Duplication] = []
    for entry in ordered:
        links += entry.links
        duplicates += entry.duplicates
        age = None if entry.born is None else years_old(entry.born, on)
        for need in entry.needs:
            # Thousands of young people share a few areas and ages: each asked of the directory once.
            key = (entry.area, need, age)
            if key not in met:
                met[key] = any(serves(s, need, entry.area, age) for s in directory)
            if not met[key]:
                needs[(entry.area, need)].append(entry.young_person)
                unmet.setdefault(entry.case_id, []).append(need)
    uncovered = [
        UncoveredNeed(area or AREA_NOT_RECORDED, category, sorted(who))
        for (area, category), who in sorted(needs.items(), key=lambda x: (x[0][0], x[0][1].value))
    ]
    return Partnership({e.case_id: e.young_person for e in ordered}, links, duplicates, uncovered, unmet)
