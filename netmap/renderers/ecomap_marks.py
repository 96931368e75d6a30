"""The drawn parts of Hartman's notation that a plain line or circle cannot show, as simple shapes.

Hatching across a stressful tie, the jagged line of a harmful one, arrowheads for the flow of
support, and the marks on a person (an X for someone who has died, a "?" for a name not known yet, a
warning triangle for a restriction). The SVG picture writes these shapes as paths; the interactive
page draws the same shapes on its canvas; the editor may use them too.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from netmap.renderers.ecomap_geometry import curve_point, sub_curve
from netmap.renderers.ecomap_scene import Box, EcomapEdge, EcomapNode, Point
from netmap.renderers.palette import BACKGROUND, INK

__all__ = [
    "BADGE",
    "WARNING_FILL",
    "Shape",
    "arrow_length",
    "badge_centre",
    "node_extent",
    "node_shapes",
    "tie_line",
    "tie_shapes",
]

HATCH_STEP = 18.0  # distance between hatch bars along a stressful tie
ZIGZAG_STEP = 9.0  # half a wavelength of the jagged line
BADGE = 11.0  # half the side of the restriction triangle
WARNING_FILL = "#FFD400"  # with a black outline and "!", so the mark never depends on its colour
_SAMPLES = 64


@dataclass(frozen=True)
class Shape:
    """A polyline (``closed`` False: stroked) or polygon (``closed`` True: filled, then outlined),
    or, when ``text`` is set, that text centred on the first point's x with its baseline at y.
    """

    role: str
    points: tuple[Point, ...]
    stroke: str | None
    width: float
    fill: str | None = None
    closed: bool = False
    text: str = ""
    size: float = 0.0


def _samples(edge: EcomapEdge) -> list[tuple[float, Point]]:
    """Points along the tie with the distance from its start to each."""
    found: list[tuple[float, Point]] = []
    travelled = 0.0
    for i in range(_SAMPLES + 1):
        point = curve_point(edge.start, edge.control, edge.end, i / _SAMPLES)
        if found:
            travelled += math.dist(found[-1][1], point)
        found.append((travelled, point))
    return found


def _at(samples: list[tuple[float, Point]], distance: float) -> tuple[Point, Point]:
    """The point ``distance`` along the tie, and the unit direction of the tie there."""
    for (d0, p0), (d1, p1) in zip(samples, samples[1:], strict=False):
        if d1 >= distance or (d1, p1) == samples[-1]:
            share = 0.0 if d1 == d0 else (distance - d0) / (d1 - d0)
            length = math.dist(p0, p1) or 1.0
            direction = ((p1[0] - p0[0]) / length, (p1[1] - p0[1]) / length)
            return (p0[0] + (p1[0] - p0[0]) * share, p0[1] + (p1[1] - p0[1]) * share), direction
    return samples[-1][1], (1.0, 0.0)


def arrow_length(edge: EcomapEdge) -> float:
    return 12.0 + 1.5 * edge.width


def _arrowhead(samples: list[tuple[float, Point]], at_end: bool, edge: EcomapEdge) -> Shape:
    total = samples[-1][0]
    length, half = arrow_length(edge), 5.0 + edge.width
    tip, _ = _at(samples, total if at_end else 0.0)
    base, (ux, uy) = _at(samples, total - length if at_end else length)
    px, py = -uy, ux
    corners = (tip, (base[0] + px * half, base[1] + py * half), (base[0] - px * half, base[1] - py * half))
    return Shape("arrow", corners, edge.colour, 1.0, fill=edge.colour, closed=True)


def tie_line(edge: EcomapEdge) -> tuple[Point, Point | None, Point]:
    """The tie's own line (start, quadratic control or None, end), stopping under its arrowheads
    so a thick line never shows past their tips.
    """
    cut = arrow_length(edge) * 0.7
    samples = _samples(edge)
    total = samples[-1][0]
    if total <= 2 * cut:
        return edge.start, edge.control, edge.end
    t0 = _t_at(samples, cut) if edge.arrow_at_source else 0.0
    t1 = _t_at(samples, total - cut) if edge.arrow_at_target else 1.0
    return sub_curve(edge.start, edge.control, edge.end, t0, t1)


def _t_at(samples: list[tuple[float, Point]], distance: float) -> float:
    for i, ((d0, _), (d1, _)) in enumerate(zip(samples, samples[1:], strict=False)):
        if d1 >= distance:
            share = 0.0 if d1 == d0 else (distance - d0) / (d1 - d0)
            return (i + share) / _SAMPLES
    return 1.0


def _hatches(samples: list[tuple[float, Point]], edge: EcomapEdge) -> list[Shape]:
    total = samples[-1][0]
    keep_clear = arrow_length(edge) + 4
    reach = 8.0 + edge.width / 2
    bars = []
    count = max(1, int((total - 2 * keep_clear) // HATCH_STEP) + 1)
    first = (total - (count - 1) * HATCH_STEP) / 2
    for i in range(count):
        (x, y), (ux, uy) = _at(samples, first + i * HATCH_STEP)
        # slanted bars, like a hand-drawn "-/-/-/-" line
        sx, sy = (-uy + 0.55 * ux) * reach, (ux + 0.55 * uy) * reach
        bars.append(Shape("hatch", ((x - sx, y - sy), (x + sx, y + sy)), edge.colour, 2.5))
    return bars


def _zigzag(samples: list[tuple[float, Point]], edge: EcomapEdge) -> Shape:
    total = samples[-1][0]
    lead_in = arrow_length(edge) + 2
    amplitude = 7.0 + edge.width / 2
    points = [samples[0][1], _at(samples, min(lead_in, total / 2))[0]]
    distance, side = lead_in + ZIGZAG_STEP / 2, 1.0
    while distance < total - lead_in:
        (x, y), (ux, uy) = _at(samples, distance)
        points.append((x - uy * amplitude * side, y + ux * amplitude * side))
        distance += ZIGZAG_STEP
        side = -side
    points += [_at(samples, max(total - lead_in, total / 2))[0], samples[-1][1]]
    return Shape("zigzag", tuple(points), edge.colour, edge.width)


def tie_shapes(edge: EcomapEdge) -> list[Shape]:
    """The hatching or zigzag of ``edge`` and its arrowheads.

    Each hatch bar is a shape of its own; the zigzag replaces the plain line of
    a harmful tie, starting and ending with a short straight piece so arrowheads sit square on it.
    """
    samples = _samples(edge)
    if samples[-1][0] < 1.0:
        return []
    shapes = []
    if edge.pattern == "hatched":
        shapes += _hatches(samples, edge)
    elif edge.pattern == "jagged":
        shapes.append(_zigzag(samples, edge))
    if edge.arrow_at_target:
        shapes.append(_arrowhead(samples, True, edge))
    if edge.arrow_at_source:
        shapes.append(_arrowhead(samples, False, edge))
    return shapes


def badge_centre(node: EcomapNode) -> Point:
    return node.x + node.size * 0.8 + BADGE * 0.5, node.y - node.size * 0.8 - BADGE * 0.5


def node_extent(node: EcomapNode) -> Box:
    """The box the symbol and its marks take, which labels must keep clear of."""
    box = Box(node.x - node.size, node.y - node.size, node.x + node.size, node.y + node.size)
    if node.restricted:
        bx, by = badge_centre(node)
        box = box.union(Box(bx - BADGE - 2, by - BADGE - 2, bx + BADGE + 2, by + BADGE + 2))
    return box.grown(2)


def node_shapes(node: EcomapNode) -> list[Shape]:
    """The marks drawn over a person's symbol: died, name not known, restriction."""
    shapes = []
    x, y, r = node.x, node.y, node.size
    if node.deceased:
        d = r * 0.95
        shapes.append(Shape("deceased", ((x - d, y - d), (x + d, y + d)), INK, 3.0))
        shapes.append(Shape("deceased", ((x - d, y + d), (x + d, y - d)), INK, 3.0))
    if node.name_unknown:
        shapes.append(
            Shape("unknown", ((x, y + r * 0.55),), None, 0.0, fill=BACKGROUND, text="?", size=r * 1.6)
        )
    if node.restricted:
        bx, by = badge_centre(node)
        top, left, right = (
            (bx, by - BADGE),
            (bx - BADGE * 1.1, by + BADGE * 0.9),
            (bx + BADGE * 1.1, by + BADGE * 0.9),
        )
        shapes.append(Shape("restriction", (top, right, left), INK, 1.5, fill=WARNING_FILL, closed=True))
        shapes.append(
            Shape("restriction", ((bx, by + BADGE * 0.7),), None, 0.0, fill=INK, text="!", size=BADGE * 1.4)
        )
    return shapes
