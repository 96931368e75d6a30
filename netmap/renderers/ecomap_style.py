"""Names shared by the interactive ecomap page, the SVG picture and the editor: views and symbol sizes."""

from __future__ import annotations

from netmap.models import Perspective
from netmap.renderers.ecomap_geometry import EGO_SIZE, MEMBER_SIZE, symbol_size
from netmap.renderers.ecomap_notation import TIE_STYLES
from netmap.renderers.words import words

__all__ = [
    "EGO_SIZE",
    "LEGEND_TIES",
    "MEMBER_SIZE",
    "READING_NOTES",
    "VIEW_WORDS",
    "dasharray",
    "symbol_size",
]

VIEW_WORDS: dict[Perspective | None, str] = {None: "All views"} | {p: words(p) for p in Perspective}
# (label, colour, width, dash pattern) of each kind of tie, for legends drawn elsewhere (the editor).
# Hatched and jagged lines are no dash pattern: their ``pattern`` is in TIE_STYLES, and
# ecomap_legend draws every sample as the map does.
LEGEND_TIES = tuple(
    (f"{style.name} ({style.pattern})" if style.pattern in ("hatched", "jagged") else style.name,
     style.colour, style.width or 3.0, style.dashes)
    for style in TIE_STYLES.values()
)  # fmt: skip
READING_NOTES = (
    "The young person is in the centre; ring 1 is closest, ring 4 furthest.",
    "Arrows show the direction support flows.",
    "Squares are services; circles are people.",
)


def dasharray(dashes: tuple[int, ...] | None) -> str:
    """An SVG ``stroke-dasharray`` attribute (with its leading space) for ``dashes``, or nothing.

    >>> dasharray((8, 6)), dasharray(None)
    (' stroke-dasharray="8 6"', '')
    """
    return f' stroke-dasharray="{" ".join(map(str, dashes))}"' if dashes else ""
