"""Where a genogram puts everyone: generations from parent links, couples side by side, sibships under parents."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import date
from statistics import fmean

from netmap.models import Gender, Kin, KinType, Network, Person, PersonKind

__all__ = [
    "ENDED_COUPLES",
    "HALF",
    "ROW",
    "SLOT",
    "GenogramLayout",
    "birth_order",
    "generations",
    "genogram_people",
    "kin_links",
    "place",
]

HALF = 20  # half the side of a symbol
SLOT = 130  # horizontal space per person
UNIT_GAP = 40  # extra space between couples / single people
ROW = 180  # vertical distance between generations
ENDED_COUPLES = frozenset({KinType.SEPARATED, KinType.DIVORCED, KinType.EX_PARTNER})


def birth_order(person: Person) -> tuple[int, date]:
    """Sorts people oldest first; people whose birth is not recorded come last.

    >>> birth_order(Person(id="a", name="A", birth_year=1980)) < birth_order(Person(id="b", name="B"))
    True
    """
    return person.birth_year or 9999, person.birth_date or date.max


@dataclass
class GenogramLayout:
    """Generation (row) and horizontal position of each person in the genogram."""

    gen: dict[str, int]
    x: dict[str, float] = field(default_factory=dict)

    def y(self, person_id: str) -> float:
        return float(self.gen[person_id] * ROW)


def generations(network: Network) -> dict[str, int]:
    """Generation of everyone in the genogram, 0 for the oldest row, from parent links.

    Partners and siblings share a generation; a child is one below its parents. People in
    separate families are aligned with the young person's family at its own level.

    >>> from netmap.models import Case
    >>> people = [Person(id=i, name=i) for i in ("kid", "mum", "gran")]
    >>> kin = [Kin(id="k1", from_id="mum", to_id="kid", kind="birth_parent"),
    ...        Kin(id="k2", from_id="gran", to_id="mum", kind="birth_parent")]
    >>> generations(Network(case=Case(id="c", title="t", ego_id="kid"), people=people, kin=kin))
    {'gran': 0, 'kid': 2, 'mum': 1}
    """
    people = genogram_people(network)
    steps: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for link in kin_links(network, people):
        delta = 1 if link.kind.is_parent else 0
        steps[link.from_id].append((link.to_id, delta))
        steps[link.to_id].append((link.from_id, -delta))
    gen: dict[str, int] = {}
    starts = ([network.case.ego_id] if network.case.ego_id in people else []) + sorted(people)
    for start in starts:
        if start in gen:
            continue
        gen[start] = 0
        queue = deque([start])
        while queue:
            here = queue.popleft()
            for there, delta in sorted(steps[here]):
                if there not in gen:
                    gen[there] = gen[here] + delta
                    queue.append(there)
    lowest = min(gen.values(), default=0)
    return {pid: g - lowest for pid, g in sorted(gen.items())}


def genogram_people(network: Network) -> dict[str, Person]:
    """The people a genogram shows: everyone in a kin link, and the young person, services left out."""
    people = {p.id: p for p in network.people if p.kind is PersonKind.PERSON}
    linked = {k.from_id for k in network.kin} | {k.to_id for k in network.kin}
    keep = (linked | {network.case.ego_id}) & set(people)
    return {pid: people[pid] for pid in sorted(keep)}


def kin_links(network: Network, people: dict[str, Person]) -> list[Kin]:
    """The kin links between ``people``, in a fixed order so the same family is always drawn alike."""
    links = [k for k in network.kin if k.from_id in people and k.to_id in people]
    return sorted(links, key=lambda k: (k.kind.value, k.from_id, k.to_id, k.id))


def _units(row: list[str], links: list[Kin]) -> list[list[str]]:
    """People of one generation grouped into couple chains (a person with two partners sits between).

    Several partners are ordered earlier to later, left to right: a relationship that has ended
    is taken to be the earlier one (the model records no dates on family links).
    """
    members = set(row)
    partners: dict[str, set[str]] = defaultdict(set)
    ended: set[frozenset[str]] = set()
    children: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.kind.is_parent:
            children[link.from_id].add(link.to_id)
        if link.kind.is_couple and link.from_id in members and link.to_id in members:
            partners[link.from_id].add(link.to_id)
            partners[link.to_id].add(link.from_id)
            if link.kind in ENDED_COUPLES:
                ended.add(frozenset((link.from_id, link.to_id)))
    units, seen = [], set()
    for pid in sorted(row):
        if pid in seen:
            continue
        group, stack = [], [pid]
        while stack:
            here = stack.pop()
            if here not in seen:
                seen.add(here)
                group.append(here)
                stack.extend(sorted(partners[here] - seen))
        units.append(_order_partners(group, partners, ended, children))
    return units


def _order_partners(
    group: list[str], partners: dict[str, set[str]], ended: set[frozenset[str]], children: dict[str, set[str]]
) -> list[str]:
    """One couple group left to right: a chain when nobody has more than two partners, else one person
    with all their partners, ended relationships on the left and current ones on the right, and the
    partners they had children with next to them, so the children's line drops between the two."""
    ends = sorted(p for p in group if len(partners[p]) <= 1)
    chain = _walk(ends[0], partners) if ends and len(group) > 1 else sorted(group)
    if len(chain) == len(group):
        if len(chain) > 2 and frozenset(chain[-2:]) in ended and frozenset(chain[:2]) not in ended:
            chain.reverse()
        return chain
    centre = max(sorted(group), key=lambda p: len(partners[p]))
    if set(group) - {centre} != partners[centre]:
        return sorted(group)  # partners of partners: no order reads better than another

    def shared(p: str) -> bool:
        return bool(children[p] & children[centre])

    before = sorted(
        (p for p in partners[centre] if frozenset((p, centre)) in ended), key=lambda p: (shared(p), p)
    )
    after = sorted(partners[centre] - set(before), key=lambda p: (not shared(p), p))
    return [*before, centre, *after]


def _walk(start: str, partners: dict[str, set[str]]) -> list[str]:
    chain, previous = [start], None
    while True:
        nxt = sorted(partners[chain[-1]] - {previous} - set(chain))
        if not nxt:
            return chain
        previous = chain[-1]
        chain.append(nxt[0])


def place(layout: GenogramLayout, links: list[Kin], people: dict[str, Person]) -> None:
    """Fill ``layout.x``: order each row to sit under its parents, then place it sibship by sibship."""
    parents: dict[str, set[str]] = defaultdict(set)
    children: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.kind.is_parent:
            parents[link.to_id].add(link.from_id)
            children[link.from_id].add(link.to_id)
    depth = max(layout.gen.values(), default=-1) + 1
    rows = [_units([p for p, g in layout.gen.items() if g == level], links) for level in range(depth)]
    for unit_list in rows:
        for unit in unit_list:
            if len(unit) == 2 and people[unit[0]].gender is Gender.FEMALE:
                unit.reverse()  # convention: male partner on the left when known
    index: dict[str, float] = {}

    def number(level: int) -> None:
        for i, pid in enumerate(p for unit in rows[level] for p in unit):
            index[pid] = float(i)

    def reorder(level: int, related: dict[str, set[str]]) -> None:
        def key(item: tuple[int, list[str]]) -> tuple[float, int]:
            i, unit = item
            near = [index[r] for p in unit for r in related[p] if r in index]
            return (fmean(near) if near else fmean(index[p] for p in unit)), i

        rows[level] = [unit for _, unit in sorted(enumerate(rows[level]), key=key)]
        number(level)

    for level in range(depth):
        number(level)
    for level in range(1, depth):
        reorder(level, parents)
    for level in range(depth - 2, -1, -1):
        reorder(level, children)
    birth: dict[str, frozenset[str]] = defaultdict(frozenset)
    for link in links:
        if link.kind is KinType.BIRTH_PARENT:
            birth[link.to_id] |= {link.from_id}
    anchors = {pid: birth[pid] or frozenset(parents[pid]) for pid in layout.gen}
    for level in range(depth):
        _place_row(rows[level], layout, anchors, people)


def _place_row(
    row: list[list[str]],
    layout: GenogramLayout,
    anchors: dict[str, frozenset[str]],
    people: dict[str, Person],
) -> None:
    """Place a row sibship by sibship, each centred under its parents, oldest on the left.

    A couple joining two families sits at the edge of its sibship nearest the other family.
    """

    def centre(ids: frozenset[str]) -> float | None:
        near = [layout.x[a] for a in ids if a in layout.x]
        return fmean(near) if near else None

    families: dict[frozenset[str], list[tuple[tuple[int, tuple[int, date], int], list[str]]]] = {}
    keys: dict[frozenset[str], tuple[float, int]] = {}
    last = (float("-inf"), 0)
    for i, unit in enumerate(row):
        own = next((anchors[p] for p in unit if anchors[p]), frozenset())
        family = own or frozenset({f"#alone{i}"})  # '#' cannot occur in an id
        here, other = centre(own), centre(frozenset().union(*(anchors[p] for p in unit)) - own)
        edge = 0 if here is None or other is None else (1 if other > here else -1)
        born = [birth_order(people[p]) for p in unit if anchors[p]] or [(9999, date.max)]
        families.setdefault(family, []).append(((edge, min(born), i), unit))
        if family not in keys:
            keys[family] = last = (here, i) if here is not None else (last[0], i)
    cursor: float | None = None
    for family in sorted(families, key=keys.__getitem__):
        units = [unit for _, unit in sorted(families[family])]
        span = (sum(len(u) for u in units) - 1) * SLOT + (len(units) - 1) * UNIT_GAP
        wanted = centre(family)
        start = (wanted if wanted is not None else (cursor or 0.0)) - span / 2
        x = start if cursor is None else max(start, cursor)
        for unit in units:
            for pid in unit:
                layout.x[pid] = x
                x += SLOT
            x += UNIT_GAP
        cursor = x
