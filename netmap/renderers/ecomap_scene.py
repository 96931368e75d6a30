"""The laid-out ecomap every renderer draws: people, ties, labels and their boxes, in picture units.

The young person sits at (0, 0); y grows downwards, as on a screen. Sizes are in the same units as
positions, so a renderer that scales the picture scales its text with it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from netmap.models import Perspective, Sector, Valence

__all__ = ["BackdropText", "Box", "EcomapEdge", "EcomapNode", "EcomapScene", "Point"]

Point = tuple[float, float]


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle: ``x0 <= x1`` and ``y0 <= y1`` (top to bottom)."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        """Whether the two boxes share any area (touching edges do not count).

        >>> Box(0, 0, 10, 10).overlaps(Box(10, 0, 20, 10)), Box(0, 0, 10, 10).overlaps(Box(9, 9, 20, 20))
        (False, True)
        """
        return self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1

    def grown(self, by: float) -> Box:
        return Box(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)

    def union(self, other: Box) -> Box:
        return Box(
            min(self.x0, other.x0), min(self.y0, other.y0), max(self.x1, other.x1), max(self.y1, other.y1)
        )

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class BackdropText:
    """A sector name or a ring number: ``kind`` is ``sector`` or ``ring``; the text is centred on ``x``."""

    kind: str
    text: str
    x: float
    baseline: float
    size: float
    box: Box


@dataclass(frozen=True)
class EcomapNode:
    """One person or service. ``label_lines`` is the name as drawn (wrapped, perhaps abbreviated);
    ``label`` is always the whole name, and ``title`` the hover text, which starts with it.

    The label block is centred on ``label_x``; its first line's top is ``label_y``; ``note`` (the
    discovery status in plain words) is drawn under the name lines at ``note_size``. ``leader``
    joins the symbol to a label that had to be moved away from it.
    """

    id: str
    label: str
    title: str
    x: float
    y: float
    colour: str
    is_ego: bool = False
    is_service: bool = False
    sector: Sector | None = None
    ring: int = 0
    size: float = 14.0
    deceased: bool = False
    name_unknown: bool = False
    restricted: bool = False
    lead: bool = False
    note: str = ""
    label_lines: tuple[str, ...] = ()
    label_size: float = 26.0
    note_size: float = 20.0
    label_x: float = 0.0
    label_y: float = 0.0
    label_box: Box = Box(0.0, 0.0, 0.0, 0.0)
    abbreviated: bool = False
    leader: tuple[Point, Point] | None = None


@dataclass(frozen=True)
class EcomapEdge:
    """One tie. ``pattern`` is its Hartman line: ``solid``, ``dashed`` (tenuous), ``dash-dot`` (mixed),
    ``hatched`` (stressful) or ``jagged`` (harmful). The line runs from ``start`` to ``end`` (the
    outlines of the two symbols), through the quadratic ``control`` point when it is curved.
    """

    id: str
    source: str
    target: str
    valence: Valence
    strength: int
    width: float
    colour: str
    dashes: tuple[int, ...] | None
    arrow_at_source: bool
    arrow_at_target: bool
    label: str
    title: str
    curve: int = 0  # 0 straight; ±k bends the k-th of several ties between the same two people
    pattern: str = "solid"
    start: Point = (0.0, 0.0)
    end: Point = (0.0, 0.0)
    control: Point | None = None
    label_x: float = 0.0
    label_y: float = 0.0
    label_size: float = 24.0
    label_box: Box | None = None


@dataclass
class EcomapScene:
    title: str
    as_of: date
    perspective: Perspective | None
    nodes: list[EcomapNode] = field(default_factory=list)
    edges: list[EcomapEdge] = field(default_factory=list)
    backdrop_text: list[BackdropText] = field(default_factory=list)
    restriction_details: bool = False

    def node(self, node_id: str) -> EcomapNode:
        return next(n for n in self.nodes if n.id == node_id)

    def label_boxes(self) -> list[tuple[str, Box]]:
        """Every piece of text on the map with the box it takes: names, tie labels, sector names, ring numbers."""
        boxes = [(f"person {n.id}", n.label_box) for n in self.nodes]
        boxes += [(f"tie {e.id}", e.label_box) for e in self.edges if e.label_box is not None]
        return boxes + [(f"{t.kind} {t.text}", t.box) for t in self.backdrop_text]

    def bounds(self) -> Box:
        """The smallest box holding every symbol, every label and the backdrop text."""
        outer = Box(0.0, 0.0, 0.0, 0.0)
        for node in self.nodes:
            outer = outer.union(
                Box(node.x - node.size, node.y - node.size, node.x + node.size, node.y + node.size)
            )
        for _, box in self.label_boxes():
            outer = outer.union(box)
        return outer
