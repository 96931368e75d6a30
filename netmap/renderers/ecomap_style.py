"""Ecomap symbol sizes, legend entries and view names shared by the interactive page and the SVG picture."""

from __future__ import annotations

from netmap.models import Perspective, Valence
from netmap.renderers.ecomap_layout import STRESSFUL_DASHES, TENUOUS_DASHES, VALENCE_COLOURS

__all__ = [
    "EGO_SIZE",
    "LEGEND_TIES",
    "MEMBER_SIZE",
    "READING_NOTES",
    "VIEW_WORDS",
    "dasharray",
    "symbol_size",
]

EGO_SIZE = 26
MEMBER_SIZE = 14
VIEW_WORDS = {
    None: "All views",
    Perspective.YOUNG_PERSON: "The young person's view",
    Perspective.PRACTITIONER: "The practitioner's view",
}
# (label, colour, stroke width, dash pattern) of each line style the legends explain
LEGEND_TIES = (
    ("Strong", VALENCE_COLOURS[Valence.POSITIVE], 6.0, None),
    ("Moderate", VALENCE_COLOURS[Valence.POSITIVE], 3.0, None),
    ("Tenuous", VALENCE_COLOURS[Valence.POSITIVE], 1.5, TENUOUS_DASHES),
    ("Mixed", VALENCE_COLOURS[Valence.MIXED], 3.0, None),
    ("Stressful", VALENCE_COLOURS[Valence.STRESSFUL], 3.0, STRESSFUL_DASHES),
    ("Harmful", VALENCE_COLOURS[Valence.HARMFUL], 7.0, None),
)

READING_NOTES = (
    "The young person is in the centre; ring 1 is closest, ring 4 furthest.",
    "Arrows show the direction support flows.",
    "Squares are services; circles are people.",
)


def symbol_size(is_ego: bool) -> int:
    """Half the width of a person's symbol: the young person's is drawn larger.

    >>> symbol_size(True) > symbol_size(False)
    True
    """
    return EGO_SIZE if is_ego else MEMBER_SIZE


def dasharray(dashes: tuple[int, ...] | None) -> str:
    """An SVG ``stroke-dasharray`` attribute (with its leading space) for ``dashes``, or nothing.

    >>> dasharray((8, 6)), dasharray(None)
    (' stroke-dasharray="8 6"', '')
    """
    return f' stroke-dasharray="{" ".join(map(str, dashes))}"' if dashes else ""
