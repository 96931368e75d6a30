"""Genogram renderer: an SVG family diagram in McGoldrick notation from a case's kin links."""

from __future__ import annotations

from collections import defaultdict
from statistics import fmean

from netmap.models import Kin, KinType, Network
from netmap.renderers.escape import svg_text
from netmap.renderers.genogram_layout import (
    HALF,
    ROW,
    SLOT,
    GenogramLayout,
    generations,
    genogram_people,
    kin_links,
    place,
)
from netmap.renderers.genogram_symbols import legend, person_symbol

__all__ = ["render_genogram"]

COUPLE_DROP = 46  # couple lines run below the names and years
MARGIN = 60
_CARE = {KinType.ADOPTIVE_PARENT, KinType.FOSTER_PARENT, KinType.KINSHIP_CARER}
_COUPLE_DASHES = {KinType.COHABITING: "6 4", KinType.PARTNER: "6 4"}
_SLASHES = {KinType.SEPARATED: 1, KinType.DIVORCED: 2, KinType.EX_PARTNER: 2}
_DESCENT_DASHES = {"birth": "", "care": "6 4", "step": "2 4"}


def render_genogram(network: Network) -> str:
    """An SVG genogram of the young person's family, oldest generation at the top.

    Squares are male, circles female, diamonds unknown or non-binary; an X marks someone who
    has died; the young person has a double outline. Couple lines: solid married, dashed
    partners, one slash separated, two slashes divorced. Children hang from their parents'
    couple line, with a dashed line for adoptive, foster and kinship care. People whose
    membership carries a restriction are shown by name only.

    >>> from netmap.models import Case, Person
    >>> svg = render_genogram(Network(case=Case(id="c", title="t", ego_id="p"), people=[Person(id="p", name="Sam")]))
    >>> svg.startswith("<svg") and "Sam" in svg
    True
    """
    people = genogram_people(network)
    links = kin_links(network, people)
    layout = GenogramLayout(gen=generations(network))
    place(layout, links, people)
    couples = [k for k in links if k.kind.is_couple]
    body: list[str] = []
    mids = {}
    for link in couples:
        mids[frozenset((link.from_id, link.to_id))] = _couple_line(layout, link, body)
    _descent_lines(layout, links, mids, body)
    _sibling_bars(layout, links, body)
    restricted = {m.person_id for m in network.memberships if m.restrictions}
    for pid in sorted(layout.gen, key=lambda p: (layout.gen[p], layout.x[p], p)):
        body.append(person_symbol(people[pid], layout, pid == network.case.ego_id, pid in restricted))
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
            legend(left + 16, top + height - 42),
            "</svg>",
            "",
        ]
    )


def _dash(pattern: str) -> str:
    return f' stroke-dasharray="{pattern}"' if pattern else ""


def _couple_line(layout: GenogramLayout, link: Kin, body: list[str]) -> tuple[float, float]:
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
    layout: GenogramLayout, links: list[Kin], mids: dict[frozenset[str], tuple[float, float]], body: list[str]
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


def _sibling_bars(layout: GenogramLayout, links: list[Kin], body: list[str]) -> None:
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
