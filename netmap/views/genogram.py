"""Genogram renderer: an SVG family diagram in McGoldrick notation from a case's kin links."""

from __future__ import annotations

from collections import defaultdict, deque
from dataclasses import dataclass, field
from statistics import fmean

from netmap.models import Gender, Kin, KinType, Network, Person, PersonKind
from netmap.views.escape import svg_text

__all__ = ["generations", "render_genogram"]

HALF = 20  # half the side of a symbol
SLOT = 130  # horizontal space per person
UNIT_GAP = 40  # extra space between couples / single people
ROW = 180  # vertical distance between generations
COUPLE_DROP = 46  # couple lines run below the names and years
MARGIN = 60
_CARE = {KinType.ADOPTIVE_PARENT, KinType.FOSTER_PARENT, KinType.KINSHIP_CARER}
_COUPLE_DASHES = {KinType.COHABITING: "6 4", KinType.PARTNER: "6 4"}
_SLASHES = {KinType.SEPARATED: 1, KinType.DIVORCED: 2, KinType.EX_PARTNER: 2}
_DESCENT_DASHES = {"birth": "", "care": "6 4", "step": "2 4"}
_LEGEND = (
    "Square male · circle female · diamond unknown or non-binary · X died · double outline: the young person",
    "Couples: solid married · dashed partners · one slash separated · two slashes divorced or ex-partners",
    "Children hang from their parents; dashed: adopted, fostered or kinship care; dotted: step-parent",
)


@dataclass
class _Layout:
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
    people = _genogram_people(network)
    steps: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for link in _kin(network, people):
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


def render_genogram(network: Network) -> str:
    """An SVG genogram of the young person's family, oldest generation at the top.

    Squares are male, circles female, diamonds unknown or non-binary; an X marks someone who
    has died; the young person has a double outline. Couple lines: solid married, dashed
    partners, one slash separated, two slashes divorced. Children hang from their parents'
    couple line, with a dashed line for adoptive, foster and kinship care. People whose
    membership carries a restriction are shown by name only.

    >>> from netmap.models import Case
    >>> svg = render_genogram(Network(case=Case(id="c", title="t", ego_id="p"), people=[Person(id="p", name="Sam")]))
    >>> svg.startswith("<svg") and "Sam" in svg
    True
    """
    people = _genogram_people(network)
    links = _kin(network, people)
    layout = _Layout(gen=generations(network))
    _place(layout, links, people)
    couples = [k for k in links if k.kind.is_couple]
    body: list[str] = []
    mids = {}
    for link in couples:
        mids[frozenset((link.from_id, link.to_id))] = _couple_line(layout, link, body)
    _descent_lines(layout, links, mids, body)
    _sibling_bars(layout, links, body)
    restricted = {m.person_id for m in network.memberships if m.restrictions}
    for pid in sorted(layout.gen, key=lambda p: (layout.gen[p], layout.x[p], p)):
        body.append(_symbol(people[pid], layout, pid == network.case.ego_id, pid in restricted))
    xs = list(layout.x.values()) or [0.0]
    rows = max(layout.gen.values(), default=0)
    left, right = min(xs) - SLOT / 2 - MARGIN, max(xs) + SLOT / 2 + MARGIN
    width = max(right - left, 640.0)
    top, height = -HALF - 70.0, (rows + 1) * ROW + 110.0
    title = f"Genogram: {svg_text(network.case.title)}"
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" '
            'font-family="sans-serif" role="img">',
            f"<title>{title}</title>",
            f'<text x="{left + 16:.0f}" y="{top + 26:.0f}" font-size="18" font-weight="bold">{title}</text>',
            *body,
            _legend(left + 16, top + height - 42),
            "</svg>",
            "",
        ]
    )


def _genogram_people(network: Network) -> dict[str, Person]:
    people = {p.id: p for p in network.people if p.kind is PersonKind.PERSON}
    linked = {k.from_id for k in network.kin} | {k.to_id for k in network.kin}
    keep = (linked | {network.case.ego_id}) & set(people)
    return {pid: people[pid] for pid in sorted(keep)}


def _kin(network: Network, people: dict[str, Person]) -> list[Kin]:
    links = [k for k in network.kin if k.from_id in people and k.to_id in people]
    return sorted(links, key=lambda k: (k.kind.value, k.from_id, k.to_id, k.id))


# --------------------------------------------------------------------------- layout


def _units(row: list[str], links: list[Kin]) -> list[list[str]]:
    """People of one generation grouped into couple chains (a person with two partners sits between)."""
    members = set(row)
    partners: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.kind.is_couple and link.from_id in members and link.to_id in members:
            partners[link.from_id].add(link.to_id)
            partners[link.to_id].add(link.from_id)
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
        ends = sorted(p for p in group if len(partners[p]) <= 1)
        chain = _walk(ends[0], partners) if ends and len(group) > 1 else sorted(group)
        units.append(chain if len(chain) == len(group) else sorted(group))
    return units


def _walk(start: str, partners: dict[str, set[str]]) -> list[str]:
    chain, previous = [start], None
    while True:
        nxt = sorted(partners[chain[-1]] - {previous} - set(chain))
        if not nxt:
            return chain
        previous = chain[-1]
        chain.append(nxt[0])


def _place(layout: _Layout, links: list[Kin], people: dict[str, Person]) -> None:
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
    row: list[list[str]], layout: _Layout, anchors: dict[str, frozenset[str]], people: dict[str, Person]
) -> None:
    """Place a row sibship by sibship, each centred under its parents, oldest on the left.

    A couple joining two families sits at the edge of its sibship nearest the other family.
    """

    def centre(ids: frozenset[str]) -> float | None:
        near = [layout.x[a] for a in ids if a in layout.x]
        return fmean(near) if near else None

    families: dict[frozenset[str], list[tuple[tuple[int, int, int], list[str]]]] = {}
    keys: dict[frozenset[str], tuple[float, int]] = {}
    last = (float("-inf"), 0)
    for i, unit in enumerate(row):
        own = next((anchors[p] for p in unit if anchors[p]), frozenset())
        family = own or frozenset({f"#alone{i}"})  # '#' cannot occur in an id
        here, other = centre(own), centre(frozenset().union(*(anchors[p] for p in unit)) - own)
        edge = 0 if here is None or other is None else (1 if other > here else -1)
        years = [people[p].birth_year or 9999 for p in unit if anchors[p]] or [9999]
        families.setdefault(family, []).append(((edge, min(years), i), unit))
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


# --------------------------------------------------------------------------- drawing


def _dash(pattern: str) -> str:
    return f' stroke-dasharray="{pattern}"' if pattern else ""


def _couple_line(layout: _Layout, link: Kin, body: list[str]) -> tuple[float, float]:
    a, b = sorted((link.from_id, link.to_id), key=lambda p: (layout.x[p], p))
    xa, xb, ya, yb = layout.x[a], layout.x[b], layout.y(a), layout.y(b)
    dash = _dash(_COUPLE_DASHES.get(link.kind, ""))
    if ya == yb:
        y = ya + HALF + COUPLE_DROP
        line = f'<path d="M{xa:.0f},{ya + HALF:.0f} V{y:.0f} H{xb:.0f} V{yb + HALF:.0f}" fill="none"'
    else:
        y = (ya + yb) / 2
        line = f'<path d="M{xa:.0f},{ya:.0f} L{xb:.0f},{yb:.0f}" fill="none"'
    mx = (xa + xb) / 2
    offsets = {0: (), 1: (0,), 2: (-5, 5)}[_SLASHES.get(link.kind, 0)]
    slashes = "".join(
        f'<line class="slash" x1="{mx + off - 6:.0f}" y1="{y + 9:.0f}" x2="{mx + off + 6:.0f}" y2="{y - 9:.0f}" '
        'stroke="#000000" stroke-width="2"/>'
        for off in offsets
    )
    body.append(
        f'<g class="couple" data-kind="{link.kind}" data-from="{svg_text(a)}" data-to="{svg_text(b)}">'
        f'{line} stroke="#000000" stroke-width="2"{dash}/>{slashes}</g>'
    )
    return mx, y


def _descent_lines(
    layout: _Layout, links: list[Kin], mids: dict[frozenset[str], tuple[float, float]], body: list[str]
) -> None:
    groups: dict[tuple[str, frozenset[str]], set[str]] = defaultdict(set)
    by_child: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in links:
        if link.kind.is_parent:
            category = (
                "care" if link.kind in _CARE else "step" if link.kind is KinType.STEP_PARENT else "birth"
            )
            by_child[(link.to_id, category)].add(link.from_id)
    for (child, category), found in by_child.items():
        groups[(category, frozenset(found))].add(child)
    for (category, parent_ids), kids in sorted(groups.items(), key=lambda g: (g[0][0], sorted(g[0][1]))):
        ordered = sorted(parent_ids, key=lambda p: (layout.x[p], p))
        if parent_ids in mids:
            ox, oy = mids[parent_ids]
        elif len(ordered) == 1:
            ox, oy = layout.x[ordered[0]], layout.y(ordered[0]) + HALF
        else:
            ox, oy = (
                fmean(layout.x[p] for p in ordered),
                max(layout.y(p) for p in ordered) + HALF + COUPLE_DROP,
            )
            body.append(
                f'<path class="unlinked-parents" d="M{layout.x[ordered[0]]:.0f},{oy:.0f} '
                f'H{layout.x[ordered[-1]]:.0f}" stroke="#777777" stroke-dasharray="1 4" fill="none"/>'
            )
        kid_xs = [layout.x[k] for k in kids]
        bar = min(layout.y(k) for k in kids) - HALF - 28
        drops = "".join(f" M{layout.x[k]:.0f},{bar:.0f} V{layout.y(k) - HALF:.0f}" for k in sorted(kids))
        d = f"M{ox:.0f},{oy:.0f} V{bar:.0f} M{min(kid_xs + [ox]):.0f},{bar:.0f} H{max(kid_xs + [ox]):.0f}{drops}"
        body.append(
            f'<path class="descent" data-kind="{category}" data-children="{svg_text(" ".join(sorted(kids)))}" '
            f'd="{d}" fill="none" stroke="#000000" stroke-width="1.5"{_dash(_DESCENT_DASHES[category])}/>'
        )


def _sibling_bars(layout: _Layout, links: list[Kin], body: list[str]) -> None:
    parents: dict[str, set[str]] = defaultdict(set)
    for link in links:
        if link.kind.is_parent:
            parents[link.to_id].add(link.from_id)
    for link in links:
        if link.kind not in (KinType.SIBLING, KinType.HALF_SIBLING):
            continue
        if parents[link.from_id] & parents[link.to_id]:
            continue  # already joined under a shared parent
        a, b = sorted((link.from_id, link.to_id), key=lambda p: (layout.x[p], p))
        bar = min(layout.y(a), layout.y(b)) - HALF - 18
        body.append(
            f'<path class="sibling-bar" data-kind="{link.kind}" d="M{layout.x[a]:.0f},{layout.y(a) - HALF:.0f} '
            f'V{bar:.0f} H{layout.x[b]:.0f} V{layout.y(b) - HALF:.0f}" fill="none" stroke="#000000" '
            f'stroke-width="1.5"{_dash("4 3" if link.kind is KinType.HALF_SIBLING else "")}/>'
        )


def _shape(gender: Gender, x: float, y: float, half: float, extra: str) -> str:
    if gender is Gender.MALE:
        return f'<rect x="{x - half:.0f}" y="{y - half:.0f}" width="{2 * half:.0f}" height="{2 * half:.0f}"{extra}/>'
    if gender is Gender.FEMALE:
        return f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{half:.0f}"{extra}/>'
    d = half * 1.25
    return f'<polygon points="{x:.0f},{y - d:.0f} {x + d:.0f},{y:.0f} {x:.0f},{y + d:.0f} {x - d:.0f},{y:.0f}"{extra}/>'


def _symbol(person: Person, layout: _Layout, is_ego: bool, restricted: bool) -> str:
    x, y = layout.x[person.id], layout.y(person.id)
    symbol_kind = {Gender.MALE: "square", Gender.FEMALE: "circle"}.get(person.gender, "diamond")
    parts = [
        f'<g class="person{" ego" if is_ego else ""}" data-person-id="{svg_text(person.id)}" '
        f'data-symbol="{symbol_kind}" data-generation="{layout.gen[person.id]}">'
        f"<title>{svg_text(person.display_name)}</title>",
        _shape(
            person.gender,
            x,
            y,
            HALF,
            f' class="symbol" fill="{"#fff7c2" if is_ego else "#ffffff"}" stroke="#000000" stroke-width="2"',
        ),
    ]
    if is_ego:
        parts.append(
            _shape(
                person.gender,
                x,
                y,
                HALF + 6,
                ' class="ego-outline" fill="none" stroke="#000000" stroke-width="2"',
            )
        )
    if person.deceased:
        parts.append(
            f'<g class="deceased"><line x1="{x - HALF:.0f}" y1="{y - HALF:.0f}" x2="{x + HALF:.0f}" '
            f'y2="{y + HALF:.0f}" stroke="#000000" stroke-width="2"/><line x1="{x - HALF:.0f}" '
            f'y1="{y + HALF:.0f}" x2="{x + HALF:.0f}" y2="{y - HALF:.0f}" stroke="#000000" stroke-width="2"/></g>'
        )
    label_y = y + HALF + (26 if is_ego else 20)
    years = "" if restricted else _years(person)
    # a white card behind the label keeps lines that pass under a name from striking it through
    card_width = max(len(person.display_name) * 7.5, len(years) * 6.5) + 8
    parts.append(
        f'<rect class="label-card" x="{x - card_width / 2:.0f}" y="{label_y - 13:.0f}" width="{card_width:.0f}" '
        f'height="{33 if years else 18}" fill="#ffffff"/>'
    )
    parts.append(
        f'<text class="name" x="{x:.0f}" y="{label_y:.0f}" font-size="13" text-anchor="middle">'
        f"{svg_text(person.display_name)}</text>"
    )
    if years:
        parts.append(
            f'<text class="years" x="{x:.0f}" y="{label_y + 15:.0f}" font-size="11" text-anchor="middle" '
            f'fill="#444444">{svg_text(years)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _years(person: Person) -> str:
    if person.birth_year and person.death_year:
        return f"{person.birth_year}–{person.death_year}"
    if person.death_year:
        return f"d. {person.death_year}"
    return f"b. {person.birth_year}" if person.birth_year else ""


def _legend(x: float, y: float) -> str:
    lines = "".join(
        f'<tspan x="{x:.0f}" dy="{0 if i == 0 else 15}">{text}</tspan>' for i, text in enumerate(_LEGEND)
    )
    return f'<text class="legend" x="{x:.0f}" y="{y:.0f}" font-size="11" fill="#444444">{lines}</text>'
