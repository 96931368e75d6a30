"""The ecomap's geometry: rings, sector wedges, points on an arc, and the curve of a bent tie."""

from __future__ import annotations

import functools
import math

from netmap.models import MapPoint, Sector
from netmap.renderers.ecomap_labels import ASCENT, PAD, ROW
from netmap.renderers.ecomap_scene import BackdropText, Box, Point
from netmap.renderers.text_metrics import text_width
from netmap.renderers.words import words

__all__ = [
    "EDGE_LABEL_FONT",
    "EGO_LABEL_FONT",
    "EGO_SIZE",
    "LABEL_FONT",
    "MEMBER_SIZE",
    "NOTE_FONT",
    "RING_FONT",
    "SECTOR_FONT",
    "RINGS",
    "RING_GAP",
    "SECTOR_ORDER",
    "arc_points",
    "curve_point",
    "map_point_xy",
    "outer_radius",
    "ring_band",
    "ring_extent",
    "ring_at",
    "ring_number_point",
    "sector_at",
    "sector_name",
    "sector_span",
    "sub_curve",
    "symbol_size",
    "trimmed",
    "via_point",
]

RING_GAP = 160.0
RINGS = 4
SECTOR_ORDER: tuple[Sector, ...] = (
    Sector.FAMILY,
    Sector.FRIENDS,
    Sector.PEERS_COMMUNITY,
    Sector.PROFESSIONALS,
    Sector.SERVICES,
)
EGO_SIZE = 26
MEMBER_SIZE = 14
# Text sizes in picture units. The pack prints the 1600-unit-wide picture 190 mm wide (about 0.34 pt
# a unit), so a name of 26 units prints at about 8.8 pt; on screen, the page scales them together.
LABEL_FONT = 26
EGO_LABEL_FONT = 30
NOTE_FONT = 25
EDGE_LABEL_FONT = 24
SECTOR_FONT = 28
RING_FONT = 22
_SECTOR_SPAN = 360.0 / len(SECTOR_ORDER)
_START = -90.0 - _SECTOR_SPAN / 2  # the family wedge is centred at the top
_MARGIN = 6.0  # degrees kept clear at each wedge edge
_MIN_SPACING = 70.0
_MAX_ROWS = 3
# Ring numbers sit on the line straight down from the centre: the edge between two wedges, where
# nobody is placed (each wedge keeps _MARGIN degrees clear at its edges).
_NUMBER_ANGLE = 90.0


def symbol_size(is_ego: bool) -> int:
    """Half the width of a person's symbol: the young person's is drawn larger.

    >>> symbol_size(True) > symbol_size(False)
    True
    """
    return EGO_SIZE if is_ego else MEMBER_SIZE


def outer_radius() -> float:
    """The radius of the edge of the map, half a ring beyond the outer ring.

    >>> outer_radius()
    720.0
    """
    return (RINGS + 0.5) * RING_GAP


def ring_band(ring: int) -> tuple[float, float]:
    """The radii between which members of ``ring`` are placed.

    >>> ring_band(1)
    (80.0, 240.0)
    """
    return ring * RING_GAP - RING_GAP / 2, ring * RING_GAP + RING_GAP / 2


def ring_extent() -> dict[str, float]:
    """The part of the plane the first view must show: the outer ring and the sector names around it.

    >>> extent = ring_extent()
    >>> extent["right"] > outer_radius() and extent["top"] < -outer_radius()
    True
    """
    outer = outer_radius()
    box = Box(-outer, -outer, outer, outer)
    for sector in SECTOR_ORDER:
        box = box.union(sector_name(sector).box)
    box = box.grown(10)
    return {"left": box.x0, "right": box.x1, "top": box.y0, "bottom": box.y1}


def sector_span(sector: Sector) -> tuple[float, float]:
    """Start and end angle of ``sector``'s wedge in degrees (screen coordinates, clockwise).

    >>> sector_span(Sector.FAMILY)
    (-126.0, -54.0)
    """
    start = _START + SECTOR_ORDER.index(sector) * _SECTOR_SPAN
    return start, start + _SECTOR_SPAN


def sector_at(angle: float) -> Sector:
    """The sector whose wedge holds ``angle`` (degrees, screen coordinates, any turn).

    >>> sector_at(-90.0), sector_at(270.0), sector_at(180.0)
    (<Sector.FAMILY: 'family'>, <Sector.FAMILY: 'family'>, <Sector.SERVICES: 'services'>)
    """
    return SECTOR_ORDER[int(((angle - _START) % 360.0) // _SECTOR_SPAN) % len(SECTOR_ORDER)]


def ring_at(distance: float) -> int:
    """The ring whose band holds ``distance`` (in rings from the centre), clamped to rings 1 to 4.

    >>> ring_at(0.2), ring_at(1.49), ring_at(1.5), ring_at(9.0)
    (1, 1, 2, 4)
    """
    return min(RINGS, max(1, math.floor(distance + 0.5)))


def map_point_xy(point: MapPoint) -> Point:
    """The plane coordinates of a point placed by hand (``Membership.map_point``).

    >>> map_point_xy(MapPoint(angle=0, distance=1.0))
    (160.0, 0.0)
    """
    angle, radius = math.radians(point.angle), point.distance * RING_GAP
    return round(radius * math.cos(angle), 1), round(radius * math.sin(angle), 1)


@functools.cache
def sector_name(sector: Sector) -> BackdropText:
    """The sector's name, placed wholly outside the map's edge.

    It sits on the line through the middle of its wedge, as close to the edge as it can without
    any corner of its box reaching the outer ring's outer row of people (``arc_points`` keeps them
    within 0.3 rings and a symbol of the outer ring, inside the map's edge less 10).
    """
    name = words(sector)
    width, height = text_width(name, SECTOR_FONT, bold=True) + 2 * PAD, ROW * SECTOR_FONT + 2 * PAD
    start, end = (math.radians(a) for a in sector_span(sector))
    mid = (start + end) / 2
    distance = outer_radius() + height / 2
    while True:
        x, y = math.cos(mid) * distance, math.sin(mid) * distance
        box = Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)
        nearest = (min(max(0.0, box.x0), box.x1), min(max(0.0, box.y0), box.y1))
        if math.hypot(*nearest) >= outer_radius() - 10:
            baseline = y - ROW * SECTOR_FONT / 2 + ASCENT * SECTOR_FONT
            return BackdropText("sector", name, x, baseline, SECTOR_FONT, box)
        distance += 2


def ring_number_point(ring: int) -> Point:
    """Where the number of ``ring`` is centred: on the ring, straight below the young person.

    >>> ring_number_point(2)
    (0.0, 320.0)
    """
    angle = math.radians(_NUMBER_ANGLE)
    return round(math.cos(angle) * ring * RING_GAP, 6) + 0.0, math.sin(angle) * ring * RING_GAP


def arc_points(sector: Sector, ring: int, count: int) -> list[Point]:
    """``count`` points spread across the wedge; crowded arcs zig-zag between up to three radii."""
    start, end = sector_span(sector)
    start, end = start + _MARGIN, end - _MARGIN
    radius = ring * RING_GAP
    arc_length = math.radians(end - start) * radius
    rows = min(_MAX_ROWS, max(1, math.ceil(count * _MIN_SPACING / arc_length)))
    offsets = [0.0] if rows == 1 else [(-0.3 + 0.6 * i / (rows - 1)) * RING_GAP for i in range(rows)]
    points = []
    for i in range(count):
        # odd and even rings are offset by a quarter step so ties to the centre do not run through people
        stagger = 0.25 if ring % 2 else -0.25
        angle = math.radians(start + (end - start) * (i + 0.5 + stagger) / count)
        r = radius + offsets[i % rows]
        points.append((r * math.cos(angle), r * math.sin(angle)))
    return points


def via_point(a: Point, b: Point, curve: int) -> Point:
    """The control point of the quadratic curve from ``a`` to ``b`` bent by ``curve``.

    It is the point vis-network computes for a ``curvedCW`` (``curve`` > 0) or ``curvedCCW`` edge of
    roundness ``0.2 * |curve|``, so the picture and the interactive page bend a tie alike.
    """
    roundness = 0.2 * abs(curve)
    dx, dy = b[0] - a[0], a[1] - b[1]
    length = math.hypot(dx, dy)
    turn = (0.5 * roundness if curve > 0 else -0.5 * roundness) + 0.5
    angle = (math.atan2(dy, dx) + turn * math.pi) % (2 * math.pi)
    reach = (0.5 * roundness + 0.5) * length
    return a[0] + reach * math.sin(angle), a[1] + reach * math.cos(angle)


def curve_point(a: Point, control: Point | None, b: Point, t: float) -> Point:
    """The point at parameter ``t`` (0 to 1) on the line or quadratic curve from ``a`` to ``b``."""
    if control is None:
        return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
    u = 1 - t
    return (
        u * u * a[0] + 2 * u * t * control[0] + t * t * b[0],
        u * u * a[1] + 2 * u * t * control[1] + t * t * b[1],
    )


def sub_curve(
    a: Point, control: Point | None, b: Point, t0: float, t1: float
) -> tuple[Point, Point | None, Point]:
    """The part of the curve between ``t0`` and ``t1``, as a curve of the same kind."""
    start, end = curve_point(a, control, b, t0), curve_point(a, control, b, t1)
    if control is None:
        return start, None, end
    # blossom of the quadratic at (t0, t1)
    weights = ((1 - t0) * (1 - t1), (1 - t0) * t1 + t0 * (1 - t1), t0 * t1)
    mid = (
        weights[0] * a[0] + weights[1] * control[0] + weights[2] * b[0],
        weights[0] * a[1] + weights[1] * control[1] + weights[2] * b[1],
    )
    return start, mid, end


def _exit(
    a: Point, control: Point | None, b: Point, centre: Point, radius: float, *, from_start: bool
) -> float:
    """The parameter where the curve leaves the circle of ``radius`` round ``centre`` (bisection)."""
    inside, outside = (0.0, 1.0) if from_start else (1.0, 0.0)
    if math.dist(curve_point(a, control, b, outside), centre) <= radius:
        return inside
    for _ in range(30):
        middle = (inside + outside) / 2
        if math.dist(curve_point(a, control, b, middle), centre) <= radius:
            inside = middle
        else:
            outside = middle
    return outside


def trimmed(
    a: Point, b: Point, curve: int, radius_a: float, radius_b: float
) -> tuple[Point, Point | None, Point]:
    """The tie from ``a`` to ``b`` cut at the two symbols' outlines, so arrowheads stay visible."""
    control = via_point(a, b, curve) if curve else None
    t0 = _exit(a, control, b, a, radius_a, from_start=True)
    t1 = _exit(a, control, b, b, radius_b, from_start=False)
    if t0 >= t1:  # the symbols overlap: nothing of the line shows
        middle = curve_point(a, control, b, 0.5)
        return middle, None, middle
    return sub_curve(a, control, b, t0, t1)
