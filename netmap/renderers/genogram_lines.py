"""The lines of a genogram: couples, children under their parents (twins from one point), siblings
with no parent recorded, and the boundary round the young person's household.

Styles live in :data:`COUPLE_STYLES` and :data:`DESCENT_STYLES`, so the picture and its legend
draw each kind of link the same way.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import fmean

from netmap.models import Kin, KinType, Network, Person
from netmap.renderers.escape import svg_text
from netmap.renderers.genogram_layout import HALF, SLOT, GenogramLayout
from netmap.renderers.palette import INK, MUTED_INK

__all__ = [
    "COUPLE_DROP",
    "COUPLE_STYLES",
    "DESCENT_STYLES",
    "HOUSEHOLD_DASHES",
    "couple_line",
    "descent_lines",
    "descent_kind",
    "household",
    "household_boundary",
    "sibling_bars",
    "twin_sets",
]

COUPLE_DROP = 46  # couple lines run below the names and years
# (dash pattern, slashes): solid married; dashed living together; a slash for each step apart
COUPLE_STYLES = {
    KinType.MARRIED: ("", 0),
    KinType.COHABITING: ("6 4", 0),
    KinType.PARTNER: ("6 4", 0),
    KinType.SEPARATED: ("", 1),
    KinType.DIVORCED: ("", 2),
    KinType.EX_PARTNER: ("6 4", 2),
}
DESCENT_STYLES = {
    "birth": "",
    "adoptive": "9 5",
    "foster": "2 4",
    "kinship": "10 3 2 3",
    "step": "10 3 2 3 2 3",
}
_DESCENT_KINDS = {
    KinType.BIRTH_PARENT: "birth",
    KinType.ADOPTIVE_PARENT: "adoptive",
    KinType.FOSTER_PARENT: "foster",
    KinType.KINSHIP_CARER: "kinship",
    KinType.STEP_PARENT: "step",
}
HOUSEHOLD_DASHES = "12 6"
_CARERS = {KinType.FOSTER_PARENT, KinType.KINSHIP_CARER, KinType.ADOPTIVE_PARENT}
_LIVING_TOGETHER = {KinType.MARRIED, KinType.COHABITING}


def _dash(pattern: str) -> str:
    return f' stroke-dasharray="{pattern}"' if pattern else ""


def descent_kind(kind: KinType) -> str:
    return _DESCENT_KINDS[kind]


def couple_line(layout: GenogramLayout, link: Kin, depth: int, body: list[str]) -> tuple[float, float]:
    """Draw the couple's line (``depth``: how many lines already hang below either partner) and
    return the point their children's line starts from."""
    a, b = sorted((link.from_id, link.to_id), key=lambda p: (layout.x[p], p))
    xa, xb, ya, yb = layout.x[a], layout.x[b], layout.y(a), layout.y(b)
    dashes, slashes = COUPLE_STYLES[link.kind]
    if ya == yb:
        y = ya + HALF + COUPLE_DROP + 12 * depth
        line = f'<path d="M{xa:.0f},{ya + HALF:.0f} V{y:.0f} H{xb:.0f} V{yb + HALF:.0f}" fill="none"'
    else:
        y = (ya + yb) / 2
        line = f'<path d="M{xa:.0f},{ya:.0f} L{xb:.0f},{yb:.0f}" fill="none"'
    mx = (xa + xb) / 2
    offsets = {0: (), 1: (0,), 2: (-5, 5)}[slashes]
    marks = "".join(
        f'<line class="slash" x1="{mx + off - 6:.0f}" y1="{y + 9:.0f}" x2="{mx + off + 6:.0f}" y2="{y - 9:.0f}" '
        f'stroke="{INK}" stroke-width="2"/>'
        for off in offsets
    )
    body.append(
        f'<g class="couple" data-kind="{link.kind}" data-from="{svg_text(a)}" data-to="{svg_text(b)}">'
        f'{line} stroke="{INK}" stroke-width="2"{_dash(dashes)}/>{marks}</g>'
    )
    return mx, y


def twin_sets(kids: list[str], people: dict[str, Person]) -> list[list[str]]:
    """Children of the same parents born on the same day: the model has no twin mark, so twins are
    derived from identical birth dates (a birth year alone is not enough)."""
    by_day: dict[object, list[str]] = defaultdict(list)
    for kid in kids:
        if people[kid].birth_date:
            by_day[people[kid].birth_date].append(kid)
    return [sorted(group) for group in by_day.values() if len(group) > 1]


def descent_lines(
    layout: GenogramLayout,
    links: list[Kin],
    people: dict[str, Person],
    mids: dict[frozenset[str], tuple[float, float]],
    body: list[str],
) -> None:
    """Each set of children under the parents they share in one way (birth, adoptive, foster...)."""
    by_child: dict[tuple[str, str], set[str]] = defaultdict(set)
    for link in links:
        if link.kind.is_parent:
            by_child[(link.to_id, descent_kind(link.kind))].add(link.from_id)
    groups: dict[tuple[str, frozenset[str]], set[str]] = defaultdict(set)
    for (child, category), found in by_child.items():
        groups[(category, frozenset(found))].add(child)
    bars: Counter[float] = Counter()  # sets of children already hanging over each row
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
                f'H{layout.x[ordered[-1]]:.0f}" stroke="{MUTED_INK}" stroke-dasharray="1 4" fill="none"/>'
            )
        row = min(layout.y(k) for k in kids)
        # each set of children over a row has a bar at its own height, so bars never run together
        bar = row - HALF - 28 - 9 * bars[row]
        bars[row] += 1
        twins = twin_sets(sorted(kids), people)
        twinned = {k for group in twins for k in group}
        # twins' lines meet at one point on the bar; every other child has a line of their own
        drops = [f" M{layout.x[k]:.0f},{bar:.0f} V{layout.y(k) - HALF:.0f}" for k in sorted(kids - twinned)]
        points = [layout.x[k] for k in kids - twinned]
        for group in twins:
            meet = fmean(layout.x[k] for k in group)
            points.append(meet)
            drops += [f" M{meet:.0f},{bar:.0f} L{layout.x[k]:.0f},{layout.y(k) - HALF:.0f}" for k in group]
        d = f"M{ox:.0f},{oy:.0f} V{bar:.0f} M{min([*points, ox]):.0f},{bar:.0f} H{max([*points, ox]):.0f}"
        twin_ids = " ".join(" ".join(group) for group in twins)
        twin_attr = f' data-twins="{svg_text(twin_ids)}"' if twins else ""
        body.append(
            f'<path class="descent" data-kind="{category}" data-children="{svg_text(" ".join(sorted(kids)))}"'
            f'{twin_attr} d="{d}{"".join(drops)}" '
            f'fill="none" stroke="{INK}" stroke-width="1.5"{_dash(DESCENT_STYLES[category])}/>'
        )


def sibling_bars(layout: GenogramLayout, links: list[Kin], body: list[str]) -> None:
    """Brothers and sisters with no parent in common on the genogram, joined by a bar above them."""
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
            f'V{bar:.0f} H{layout.x[b]:.0f} V{layout.y(b) - HALF:.0f}" fill="none" stroke="{INK}" '
            f'stroke-width="1.5"{_dash("4 3" if link.kind is KinType.HALF_SIBLING else "")}/>'
        )


def household(network: Network, shown: set[str]) -> set[str]:
    """Who lives with the young person, from what the model records (it has no "lives with" field).

    The young person; their foster carers, kinship carers or adoptive parents who are in ring 1
    (the closest circle: the current placement, not a former one); the married or live-in
    partners of those carers and of the young person; and the young person's own children in
    ring 1. An empty set when nobody is found to live with them.
    """
    ego = network.case.ego_id
    ring_one = {m.person_id for m in network.memberships if m.ring == 1}
    carers = {
        k.from_id for k in network.kin if k.to_id == ego and k.kind in _CARERS and k.from_id in ring_one
    }
    children = {k.to_id for k in network.kin if k.from_id == ego and k.kind.is_parent and k.to_id in ring_one}
    home = {ego} | carers
    for link in network.kin:
        if link.kind in _LIVING_TOGETHER:
            for a, b in ((link.from_id, link.to_id), (link.to_id, link.from_id)):
                if a in {ego} | carers:
                    home.add(b)
    home = (home | children) & shown
    return home if len(home) > 1 else set()


def _hull(points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """The convex hull of ``points``, anticlockwise (Andrew's monotone chain)."""
    points = sorted(set(points))

    def cross(o: tuple[float, float], a: tuple[float, float], b: tuple[float, float]) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[tuple[float, float]] = []
    upper: list[tuple[float, float]] = []
    for point in points:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], point) <= 0:
            lower.pop()
        lower.append(point)
    for point in reversed(points):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], point) <= 0:
            upper.pop()
        upper.append(point)
    return lower[:-1] + upper[:-1]


def _inside(point: tuple[float, float], polygon: list[tuple[float, float]]) -> bool:
    x, y = point
    count = 0
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            count += 1
    return count % 2 == 1


def _runs(layout: GenogramLayout, members: set[str]) -> list[list[str]]:
    """The household cut into runs of members side by side in one row, with nobody else between."""
    runs: list[list[str]] = []
    for level in sorted({layout.gen[p] for p in members}):
        row = sorted((p for p in layout.gen if layout.gen[p] == level), key=lambda p: (layout.x[p], p))
        current: list[str] = []
        for pid in row:
            if pid in members:
                current.append(pid)
            elif current:
                runs.append(current)
                current = []
        if current:
            runs.append(current)
    return runs


def household_boundary(layout: GenogramLayout, members: set[str]) -> str:
    """A dashed line round the household's symbols and names. When one line round them all would
    cross anyone else or their name, each run of members side by side gets a line of its own."""
    if not members:
        return ""

    def corners(pid: str) -> list[tuple[float, float]]:
        x, y = layout.x[pid], layout.y(pid)
        return [(x - SLOT / 2 + 8, y - HALF - 14), (x + SLOT / 2 - 8, y - HALF - 14),
                (x - SLOT / 2 + 8, y + HALF + 52), (x + SLOT / 2 - 8, y + HALF + 52)]  # fmt: skip

    hull = _hull([c for pid in members for c in corners(pid)])
    others = [c for p in layout.gen if p not in members for c in [(layout.x[p], layout.y(p)), *corners(p)]]
    if any(_inside(point, hull) for point in others):
        outlines = [_hull([c for pid in run for c in corners(pid)]) for run in _runs(layout, members)]
    else:
        outlines = [hull]
    paths = "".join(
        f'<path d="M{" L".join(f"{x:.0f},{y:.0f}" for x, y in outline)} Z" fill="none" stroke="{MUTED_INK}" '
        f'stroke-width="2.5" stroke-linejoin="round" stroke-dasharray="{HOUSEHOLD_DASHES}"/>'
        for outline in outlines
    )
    ids = svg_text(" ".join(sorted(members)))
    return f'<g class="household" data-members="{ids}"><title>Lives together: the current household</title>{paths}</g>'
