"""Names shared by the interactive ecomap page, the SVG picture and the editor: views and symbol sizes."""

from __future__ import annotations

from netmap.models import Perspective
from netmap.renderers.ecomap_geometry import EGO_SIZE, MEMBER_SIZE, symbol_size
from netmap.renderers.words import words

__all__ = ["EGO_SIZE", "MEMBER_SIZE", "VIEW_WORDS", "dasharray", "symbol_size"]

VIEW_WORDS: dict[Perspective | None, str] = {None: "All views"} | {p: words(p) for p in Perspective}


def dasharray(dashes: tuple[int, ...] | None) -> str:
    """An SVG ``stroke-dasharray`` attribute (with its leading space) for ``dashes``, or nothing.

    >>> dasharray((8, 6)), dasharray(None)
    (' stroke-dasharray="8 6"', '')
    """
    return f' stroke-dasharray="{" ".join(map(str, dashes))}"' if dashes else ""
