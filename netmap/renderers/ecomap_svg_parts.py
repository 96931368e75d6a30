"""SVG for the parts of a laid-out ecomap: the rings and wedges, a tie, a person, a mark.

Only plain SVG that every reader of the pictures draws alike (browsers, cairosvg for PNG, fpdf2 for
PDF): paths, circles, rectangles and one ``<text>`` per line; no markers, no ``<tspan>``.
"""

from __future__ import annotations

import math

from netmap.renderers.ecomap_geometry import RING_GAP, RINGS, SECTOR_ORDER, outer_radius, sector_span
from netmap.renderers.ecomap_labels import label_rows
from netmap.renderers.ecomap_marks import Shape, node_shapes, tie_line, tie_shapes
from netmap.renderers.ecomap_scene import EcomapEdge, EcomapNode, EcomapScene, Point
from netmap.renderers.ecomap_style import dasharray
from netmap.renderers.escape import svg_text
from netmap.renderers.palette import BACKGROUND, INK, OUTLINE, RING_INK, SECTOR_COLOURS

__all__ = ["backdrop_svg", "edge_svg", "node_svg", "shape_svg", "symbol_drawing", "text_svg", "tie_drawing"]

HALO = 5  # the white outline behind every name, so lines under it never strike it through


def _d(points: tuple[Point, ...], closed: bool = False) -> str:
    first, *rest = points
    path = f"M{first[0]:.1f},{first[1]:.1f}" + "".join(f" L{x:.1f},{y:.1f}" for x, y in rest)
    return path + (" Z" if closed else "")


def text_svg(text: str, x: float, baseline: float, size: float, *, css: str = "", extra: str = "") -> str:
    """One line of centred text with a white halo behind it (``extra``: more attributes)."""
    css_class = f' class="{css}"' if css else ""
    return (
        f'<text{css_class} x="{x:.1f}" y="{baseline:.1f}" '
        f'font-size="{size:g}" text-anchor="middle" stroke="{BACKGROUND}" stroke-width="{HALO}" '
        f'stroke-linejoin="round" paint-order="stroke"{extra}>{svg_text(text)}</text>'
    )


def shape_svg(shape: Shape) -> str:
    if shape.text:
        (x, y), size = shape.points[0], shape.size
        return (
            f'<text class="{shape.role}" x="{x:.1f}" y="{y:.1f}" font-size="{size:.1f}" font-weight="bold" '
            f'text-anchor="middle" fill="{shape.fill}">{svg_text(shape.text)}</text>'
        )
    fill = shape.fill if shape.closed and shape.fill else "none"
    stroke = f' stroke="{shape.stroke}" stroke-width="{shape.width:g}"' if shape.stroke else ""
    return (
        f'<path class="{shape.role}" d="{_d(shape.points, shape.closed)}" fill="{fill}"{stroke} '
        'stroke-linecap="round" stroke-linejoin="round"/>'
    )


def _line_d(start: Point, control: Point | None, end: Point) -> str:
    if control is None:
        return f"M{start[0]:.1f},{start[1]:.1f} L{end[0]:.1f},{end[1]:.1f}"
    return f"M{start[0]:.1f},{start[1]:.1f} Q{control[0]:.1f},{control[1]:.1f} {end[0]:.1f},{end[1]:.1f}"


def tie_drawing(edge: EcomapEdge) -> str:
    """A tie's line in its Hartman pattern, with its hatching or zigzag and its arrowheads."""
    parts = []
    if edge.pattern != "jagged":  # the zigzag is the whole line of a harmful tie
        parts.append(
            f'<path class="line" d="{_line_d(*tie_line(edge))}" fill="none" stroke="{edge.colour}" '
            f'stroke-width="{edge.width:g}"{dasharray(edge.dashes)}/>'
        )
    return "".join(parts + [shape_svg(shape) for shape in tie_shapes(edge)])


def edge_svg(edge: EcomapEdge) -> str:
    """A tie: its drawing, its label and its hover text."""
    parts = [
        f'<g class="tie" data-tie-id="{svg_text(edge.id)}" data-valence="{edge.valence}" '
        f'data-strength="{edge.strength}" data-pattern="{edge.pattern}"><title>{svg_text(edge.title)}</title>',
        tie_drawing(edge),
    ]
    if edge.label:
        size = edge.label_size
        parts.append(
            text_svg(
                edge.label,
                edge.label_x,
                edge.label_y + 0.95 * size,
                size,
                css="tie-label",
                extra=f' font-weight="bold" fill="{edge.colour}"',
            )
        )
    parts.append("</g>")
    return "".join(parts)


def symbol_drawing(node: EcomapNode) -> str:
    """A person's circle (a service's square) with the marks over it."""
    width = 4 if node.is_ego else 1.5
    dashes = ' stroke-dasharray="5 3"' if node.lead else ""
    paint = f'fill="{node.colour}" stroke="{INK if node.is_ego else OUTLINE}" stroke-width="{width}"{dashes}'
    if node.is_service:
        s = node.size
        symbol = (
            f'<rect x="{node.x - s:.1f}" y="{node.y - s:.1f}" width="{2 * s:g}" height="{2 * s:g}" {paint}/>'
        )
    else:
        symbol = f'<circle cx="{node.x:.1f}" cy="{node.y:.1f}" r="{node.size:g}" {paint}/>'
    return symbol + "".join(shape_svg(shape) for shape in node_shapes(node))


def node_svg(node: EcomapNode) -> str:
    """A person: symbol, marks, name (as placed, with a leader if it was moved away) and hover text.

    Each member can take keyboard focus, where a screen reader reads the whole name in its title.
    """
    marks = [
        flag
        for flag, on in (
            ("ego", node.is_ego),
            ("lead", node.lead),
            ("deceased", node.deceased),
            ("restricted", node.restricted),
            ("name-unknown", node.name_unknown),
            ("abbreviated", node.abbreviated),
        )
        if on
    ]
    parts = [
        f'<g class="{" ".join(["member", *marks])}" data-person-id="{svg_text(node.id)}" data-ring="{node.ring}" '
        f'data-sector="{node.sector or ""}" tabindex="0"><title>{svg_text(node.title)}</title>',
        symbol_drawing(node),
    ]
    if node.leader:
        parts.append(
            f'<path class="leader" d="{_d(node.leader)}" fill="none" stroke="{RING_INK}" stroke-width="1.5"/>'
        )
    rows = label_rows(node.label_lines, node.note, node.label_size, node.note_size, node.label_y)
    for i, (text, baseline, size) in enumerate(rows):
        is_note = bool(node.note) and i == len(rows) - 1
        extra = ' font-style="italic"' if is_note else (' font-weight="bold"' if node.is_ego else "")
        parts.append(
            text_svg(text, node.label_x, baseline, size, css="note" if is_note else "name", extra=extra)
        )
    parts.append("</g>")
    return "".join(parts)


def backdrop_svg(scene: EcomapScene) -> str:
    """The sector wedges with their names and the numbered rings, under everything else."""
    outer = outer_radius()
    parts = ['<g class="backdrop">']
    for sector in SECTOR_ORDER:
        start, end = (math.radians(a) for a in sector_span(sector))
        x1, y1, x2, y2 = (
            outer * math.cos(start),
            outer * math.sin(start),
            outer * math.cos(end),
            outer * math.sin(end),
        )
        parts.append(
            f'<path class="sector" data-sector="{sector}" d="M0,0 L{x1:.1f},{y1:.1f} A{outer:.0f},{outer:.0f} 0 0 1 '
            f'{x2:.1f},{y2:.1f} Z" fill="{SECTOR_COLOURS[sector]}" fill-opacity="0.07" '
            f'stroke="{SECTOR_COLOURS[sector]}" stroke-width="1.5"/>'
        )
    for ring in range(1, RINGS + 1):
        parts.append(
            f'<circle class="orbit" data-ring="{ring}" cx="0" cy="0" r="{ring * RING_GAP:.0f}" fill="none" '
            f'stroke="{RING_INK}" stroke-width="1.5" stroke-dasharray="6 6"/>'
        )
    for text in scene.backdrop_text:
        label = (
            f'<text x="{text.x:.1f}" y="{text.baseline:.1f}" font-size="{text.size:g}" font-weight="bold" '
            f'text-anchor="middle" fill="{INK}">{svg_text(text.text)}</text>'
        )
        if text.kind == "ring":
            box = text.box
            parts.append(
                f'<g class="ring-number" data-ring="{text.text}"><circle cx="{(box.x0 + box.x1) / 2:.1f}" '
                f'cy="{(box.y0 + box.y1) / 2:.1f}" r="{box.width / 2:.1f}" fill="{BACKGROUND}" stroke="{RING_INK}" '
                f'stroke-width="1.5"/>{label}</g>'
            )
        else:
            parts.append(f'<g class="sector-name" data-sector="{svg_text(text.text)}">{label}</g>')
    parts.append("</g>")
    return "".join(parts)
