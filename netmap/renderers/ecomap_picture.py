"""The ecomap as a static SVG picture, for downloads, reports, the conference pack and printing in custody."""

from __future__ import annotations

import math
import re

from netmap.models import Network, Perspective
from netmap.renderers.ecomap_layout import (
    RING_GAP,
    RINGS,
    SECTOR_COLOURS,
    SECTOR_LABELS,
    SECTOR_ORDER,
    VALENCE_COLOURS,
    EcomapEdge,
    EcomapFilters,
    EcomapNode,
    EcomapScene,
    build_scene,
    sector_span,
)
from netmap.renderers.ecomap_style import LEGEND_TIES, READING_NOTES, VIEW_WORDS, dasharray, symbol_size
from netmap.renderers.escape import svg_text

__all__ = ["EGO_LABEL_FONT", "LABEL_FONT", "ecomap_svg", "label_lines"]

# Sizes in picture units: the pack prints the 1600-unit-wide picture 190 mm wide (about 0.34 pt
# a unit), so a name of 26 units prints at about 8.8 pt.
LABEL_FONT = 26
EGO_LABEL_FONT = 30
SECTOR_LABEL_FONT = 28
LEGEND_FONT = 24
LABEL_CHARS = 10  # a wrapped name stays about as wide as the gap between neighbours on a ring
_LINE = 1.15  # line height, in ems
_HALF_WIDTH = (RINGS + 0.5) * RING_GAP + 80


def ecomap_svg(
    network: Network,
    *,
    perspective: Perspective | None = None,
    filters: EcomapFilters | None = None,
) -> str:
    """The same ecomap as a standalone SVG document (for reports, PDF and printing in custody).

    Made to be read on paper: names are large and wrapped over short lines, and the legend sits
    under the rings so the picture fills the width of a portrait page.

    >>> from netmap.models import Case, Person
    >>> case = Case(id="c-1", title="Demo", ego_id="p-1")
    >>> svg = ecomap_svg(Network(case=case, people=[Person(id="p-1", name="Sam")]))
    >>> svg.startswith("<svg") and "Sam" in svg
    True
    """
    scene = build_scene(network, perspective=perspective, filters=filters)
    outer = (RINGS + 0.5) * RING_GAP
    left, top = -_HALF_WIDTH, -outer - 150
    legend, bottom = _svg_legend(left + 20, outer + 110)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {2 * _HALF_WIDTH:.0f} '
        f'{bottom - top:.0f}" font-family="sans-serif" role="img">',
        f"<title>Ecomap: {svg_text(scene.title)}</title>",
        _svg_markers(),
        f'<text x="{left + 20:.0f}" y="{top + 40:.0f}" font-size="30" font-weight="bold">'
        f"Ecomap: {svg_text(scene.title)}</text>",
        f'<text class="map-date" x="{left + 20:.0f}" y="{top + 76:.0f}" font-size="{LEGEND_FONT}">'
        f"Map as of {scene.as_of:%d %B %Y} · {VIEW_WORDS[scene.perspective]}</text>",
        _svg_backdrop(outer),
        *(_svg_edge(scene, edge) for edge in scene.edges),
        *(_svg_node(node) for node in scene.nodes),
        legend,
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def label_lines(text: str, width: int = LABEL_CHARS) -> list[str]:
    """``text`` broken after spaces into lines of at most ``width`` characters (longer words are cut).

    Each line keeps its trailing spaces, so the lines joined give ``text`` back exactly.

    >>> label_lines("Westbrook Leaving Care Team")
    ['Westbrook ', 'Leaving ', 'Care Team']
    >>> label_lines("Bartholomew-Fitzgerald", width=10)
    ['Bartholome', 'w-Fitzgera', 'ld']
    """
    lines: list[str] = []
    current = ""
    for word in re.findall(r"\S+\s*|\s+", text):
        while len(word.rstrip()) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if current and len(current + word.rstrip()) > width:
            lines.append(current)
            current = ""
        current += word
    return [*lines, current] if current or not lines else lines


def _tspans(lines: list[str], x: float) -> str:
    return "".join(
        f'<tspan x="{x:.1f}" dy="{0 if i == 0 else _LINE}em">{svg_text(line)}</tspan>'
        for i, line in enumerate(lines)
    )


def _svg_markers() -> str:
    markers = "".join(
        f'<marker id="arrow-{valence}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="14" '
        f'markerHeight="14" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for valence, colour in VALENCE_COLOURS.items()
    )
    return f"<defs>{markers}</defs>"


def _svg_backdrop(outer: float) -> str:
    parts = ['<g class="backdrop">']
    for sector in SECTOR_ORDER:
        start, end = (math.radians(a) for a in sector_span(sector))
        x1, y1, x2, y2 = (
            outer * math.cos(start),
            outer * math.sin(start),
            outer * math.cos(end),
            outer * math.sin(end),
        )
        mid = (start + end) / 2
        parts.append(
            f'<path class="sector" data-sector="{sector}" d="M0,0 L{x1:.1f},{y1:.1f} A{outer:.0f},{outer:.0f} 0 0 1 '
            f'{x2:.1f},{y2:.1f} Z" fill="{SECTOR_COLOURS[sector]}" fill-opacity="0.08" '
            f'stroke="{SECTOR_COLOURS[sector]}" stroke-opacity="0.5"/>'
        )
        parts.append(
            f'<text x="{math.cos(mid) * (outer + 34):.1f}" y="{math.sin(mid) * (outer + 34):.1f}" '
            f'font-size="{SECTOR_LABEL_FONT}" font-weight="bold" text-anchor="middle">'
            f"{svg_text(SECTOR_LABELS[sector])}</text>"
        )
    for ring in range(1, RINGS + 1):
        parts.append(
            f'<circle class="orbit" data-ring="{ring}" cx="0" cy="0" r="{ring * RING_GAP:.0f}" fill="none" '
            'stroke="#999999" stroke-dasharray="4 6"/>'
        )
    parts.append("</g>")
    return "".join(parts)


def _svg_edge(scene: EcomapScene, edge: EcomapEdge) -> str:
    a, b = scene.node(edge.source), scene.node(edge.target)
    (x1, y1), (x2, y2) = _trim(a, b)
    markers = "".join(
        f' {attr}="url(#arrow-{edge.valence})"'
        for attr, on in (("marker-start", edge.arrow_at_source), ("marker-end", edge.arrow_at_target))
        if on
    )
    if edge.curve:
        bend = 0.2 * edge.curve * math.dist((x1, y1), (x2, y2))
        length = math.dist((x1, y1), (x2, y2)) or 1.0
        cx = (x1 + x2) / 2 - (y2 - y1) / length * bend
        cy = (y1 + y2) / 2 + (x2 - x1) / length * bend
        shape = f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" fill="none"'
        mx, my = (x1 + 2 * cx + x2) / 4, (y1 + 2 * cy + y2) / 4
    else:
        shape = f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"'
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    label = (
        f'<text x="{mx:.1f}" y="{my - 8:.1f}" font-size="{LABEL_FONT}" font-weight="bold" text-anchor="middle" '
        f'fill="{edge.colour}">{svg_text(edge.label)}</text>'
        if edge.label
        else ""
    )
    return (
        f'<g class="tie" data-tie-id="{svg_text(edge.id)}" data-valence="{edge.valence}" '
        f'data-strength="{edge.strength}"><title>{svg_text(edge.title)}</title>'
        f'{shape} stroke="{edge.colour}" stroke-width="{edge.width}"{dasharray(edge.dashes)}{markers}/>'
        f"{label}</g>"
    )


def _trim(a: EcomapNode, b: EcomapNode) -> tuple[tuple[float, float], tuple[float, float]]:
    """The segment between two nodes, shortened to their outlines so arrowheads stay visible."""
    length = math.dist((a.x, a.y), (b.x, b.y)) or 1.0
    ux, uy = (b.x - a.x) / length, (b.y - a.y) / length
    ra, rb = (symbol_size(n.is_ego) + 2 for n in (a, b))
    return (a.x + ux * ra, a.y + uy * ra), (b.x - ux * rb, b.y - uy * rb)


def _svg_node(node: EcomapNode) -> str:
    size = symbol_size(node.is_ego)
    stroke = 'stroke="#000000" stroke-width="4"' if node.is_ego else 'stroke="#444444" stroke-width="1"'
    if node.is_service:
        shape = (
            f'<rect x="{node.x - size:.1f}" y="{node.y - size:.1f}" width="{2 * size}" height="{2 * size}"'
        )
    else:
        shape = f'<circle cx="{node.x:.1f}" cy="{node.y:.1f}" r="{size}"'
    classes = "member ego" if node.is_ego else "member"
    font = EGO_LABEL_FONT if node.is_ego else LABEL_FONT
    return (
        f'<g class="{classes}" data-person-id="{svg_text(node.id)}" data-ring="{node.ring}" '
        f'data-sector="{node.sector or ""}"><title>{svg_text(node.title)}</title>'
        f'{shape} fill="{node.colour}" {stroke}/>'
        f'<text class="name" x="{node.x:.1f}" y="{node.y + size + font:.1f}" font-size="{font}" '
        f'text-anchor="middle" stroke="#ffffff" stroke-width="5" paint-order="stroke">'
        f"{_tspans(label_lines(node.label), node.x)}</text></g>"
    )


def _svg_legend(x: float, y: float) -> tuple[str, float]:
    """The legend in three columns from (``x``, ``y``), and the y coordinate below its last line."""
    step = LEGEND_FONT * 1.4
    rows = [
        f'<g class="legend" font-size="{LEGEND_FONT}">',
        f'<text x="{x:.0f}" y="{y:.0f}" font-weight="bold">Sectors</text>',
    ]
    for i, sector in enumerate(SECTOR_ORDER):
        ly = y + step * (i + 1)
        rows.append(
            f'<circle cx="{x + 10:.0f}" cy="{ly - 8:.0f}" r="10" fill="{SECTOR_COLOURS[sector]}"/>'
            f'<text x="{x + 30:.0f}" y="{ly:.0f}">{svg_text(SECTOR_LABELS[sector])}</text>'
        )
    ties_x = x + 380
    rows.append(f'<text x="{ties_x:.0f}" y="{y:.0f}" font-weight="bold">Ties</text>')
    for i, (label, colour, width, dashes) in enumerate(LEGEND_TIES):
        ly = y + step * (i + 1)
        rows.append(
            f'<line x1="{ties_x:.0f}" y1="{ly - 8:.0f}" x2="{ties_x + 56:.0f}" y2="{ly - 8:.0f}" '
            f'stroke="{colour}" stroke-width="{width}"{dasharray(dashes)}/>'
            f'<text x="{ties_x + 68:.0f}" y="{ly:.0f}">{label}</text>'
        )
    notes_x = ties_x + 300
    rows.append(f'<text x="{notes_x:.0f}" y="{y:.0f}" font-weight="bold">Reading the map</text>')
    lines = [line for note in READING_NOTES for line in label_lines(note, width=58)]
    for i, line in enumerate(lines):
        rows.append(f'<text x="{notes_x:.0f}" y="{y + step * (i + 1):.0f}">{svg_text(line)}</text>')
    rows.append("</g>")
    return "".join(rows), y + step * (max(len(LEGEND_TIES), len(lines)) + 1)
