"""Where each name goes, so that no two labels overlap and none covers a symbol.

For each person in turn (the young person first, then ring by ring): the whole name on one line
beside the symbol, below, above, outside or inside; then the name wrapped over two or three lines;
then abbreviated ("Auntie S."); and if even that finds no room, the wrapped name is moved outwards
until it is clear, joined to its symbol by a thin leader line. The whole name is always in the hover
text. Positions are computed here once, so every renderer and the editor draw the same layout.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from netmap.renderers.ecomap_scene import Box, Point
from netmap.renderers.text_metrics import fit_lines, text_width

__all__ = ["BoxIndex", "LabelRequest", "PlacedLabel", "abbreviations", "label_rows", "place_label"]

GAP = 6.0  # between a symbol and its label (more than PAD, so the box clears the symbol)
PAD = 3.0  # round a label, for the white halo drawn behind its letters
ROW = 1.2  # height of one line of text, in ems
ASCENT = 0.95  # from the top of a line to its baseline, in ems
ONE_LINE = 12.0  # the longest name kept on one line, in ems
WRAP = (7.0, 4.5)  # line widths tried when wrapping, in ems
_CELL = 120.0


@dataclass(frozen=True)
class LabelRequest:
    x: float
    y: float
    radius: float
    name: str
    note: str
    size: float
    note_size: float
    bold: bool = False


@dataclass(frozen=True)
class PlacedLabel:
    lines: tuple[str, ...]
    x: float  # centre
    y: float  # top of the first line
    box: Box
    abbreviated: bool
    leader: tuple[Point, Point] | None


class BoxIndex:
    """Boxes already on the map, bucketed by grid cell so a crowded map is checked quickly."""

    def __init__(self, boxes: list[Box] = ()) -> None:  # type: ignore[assignment]
        self._cells: dict[tuple[int, int], list[Box]] = defaultdict(list)
        for box in boxes:
            self.add(box)

    @staticmethod
    def _keys(box: Box) -> Iterator[tuple[int, int]]:
        for i in range(math.floor(box.x0 / _CELL), math.floor(box.x1 / _CELL) + 1):
            for j in range(math.floor(box.y0 / _CELL), math.floor(box.y1 / _CELL) + 1):
                yield i, j

    def add(self, box: Box) -> None:
        for key in self._keys(box):
            self._cells[key].append(box)

    def clear(self, box: Box) -> bool:
        return not any(other.overlaps(box) for key in self._keys(box) for other in self._cells.get(key, ()))


def abbreviations(name: str) -> list[str]:
    """Shorter forms of ``name``, longest first: first word and initials, initials, a cut word.

    >>> abbreviations("Auntie Shell Barker")
    ['Auntie S. B.', 'A. S. B.', 'Auntie…']
    >>> abbreviations("Bartholomew")
    ['Barthol…']
    """
    words = name.split()
    forms = []
    if len(words) > 1:
        forms.append(" ".join([words[0], *(f"{w[0]}." for w in words[1:])]))
        forms.append(" ".join(f"{w[0]}." for w in words))
    if len(words[0]) > 8 or len(words) > 1:
        forms.append(words[0][:7] + "…")
    return forms or [name]


def label_rows(
    lines: tuple[str, ...], note: str, size: float, note_size: float, top: float
) -> list[tuple[str, float, float]]:
    """Each line of a label block as (text, baseline y, font size), from ``top`` down."""
    rows = []
    y = top
    for text, height in [*((line.rstrip(), size) for line in lines), *([(note, note_size)] if note else [])]:
        rows.append((text, y + ASCENT * height, height))
        y += ROW * height
    return rows


def _block(request: LabelRequest, lines: tuple[str, ...]) -> tuple[float, float]:
    widths = [text_width(line.rstrip(), request.size, bold=request.bold) for line in lines]
    if request.note:
        widths.append(text_width(request.note, request.note_size))
    height = len(lines) * ROW * request.size + (ROW * request.note_size if request.note else 0.0)
    return max(widths, default=0.0), height


def _variants(request: LabelRequest) -> list[tuple[tuple[str, ...], bool]]:
    name, size = request.name, request.size
    found: list[tuple[tuple[str, ...], bool]] = []
    if text_width(name, size, bold=request.bold) <= ONE_LINE * size:
        found.append(((name,), False))
    for width in WRAP:
        found.append((tuple(fit_lines(name, size, width * size, bold=request.bold)), False))
    for short in abbreviations(name):
        found.append((tuple(fit_lines(short, size, WRAP[0] * size, bold=request.bold)), True))
    return list(dict.fromkeys(found))


def _spots(request: LabelRequest, width: float, height: float) -> Iterator[tuple[float, float]]:
    """Centre x and top y of the label block beside the symbol, in order of preference."""
    x, y, reach = request.x, request.y, request.radius + GAP
    side = 1.0 if x >= 0 else -1.0  # outwards, away from the young person
    corner = request.radius * 0.7 + GAP
    yield x, y + reach
    yield x, y - reach - height
    for s in (side, -side):
        yield x + s * (reach + width / 2), y - height / 2
    for s in (side, -side):
        yield x + s * (corner + width / 2), y + corner
        yield x + s * (corner + width / 2), y - corner - height


def _box(cx: float, top: float, width: float, height: float) -> Box:
    return Box(cx - width / 2 - PAD, top - PAD, cx + width / 2 + PAD, top + height + PAD)


def place_label(request: LabelRequest, taken: BoxIndex) -> PlacedLabel:
    """The first clear place for ``request``'s label; the box is added to ``taken``."""
    variants = _variants(request)
    for lines, abbreviated in variants:
        width, height = _block(request, lines)
        for cx, top in _spots(request, width, height):
            box = _box(cx, top, width, height)
            if taken.clear(box):
                taken.add(box)
                return PlacedLabel(lines, cx, top, box, abbreviated, None)
    return _moved_out(request, tuple(fit_lines(request.name, request.size, WRAP[0] * request.size)), taken)


def _moved_out(request: LabelRequest, lines: tuple[str, ...], taken: BoxIndex) -> PlacedLabel:
    """The label moved straight away from the young person, step by step, until it is clear.

    Beyond every box already placed it is clear, so the search always ends.
    """
    width, height = _block(request, lines)
    length = math.hypot(request.x, request.y)
    ux, uy = (request.x / length, request.y / length) if length else (0.0, 1.0)
    step = request.size / 2
    distance = request.radius + GAP + height
    while True:
        cx, cy = request.x + ux * distance, request.y + uy * distance
        box = _box(cx, cy - height / 2, width, height)
        if taken.clear(box):
            taken.add(box)
            start = (request.x + ux * request.radius, request.y + uy * request.radius)
            end = (min(max(start[0], box.x0), box.x1), min(max(start[1], box.y0), box.y1))
            return PlacedLabel(lines, cx, cy - height / 2, box, False, (start, end))
        distance += step
