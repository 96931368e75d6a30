"""How wide a line of text is drawn, so labels can be placed in Python before any renderer draws them.

Widths are DejaVu Sans advance widths (the default sans-serif face on Linux, and among the widest
common ones; Verdana is alike, Arial and Helvetica are narrower), so a box measured here holds the
text in any of those faces. The pictures name DejaVu Sans first (:data:`FONT_FAMILY`).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["FONT_FAMILY", "LINE_HEIGHT", "fit_lines", "text_width"]

FONT_FAMILY = "DejaVu Sans, Bitstream Vera Sans, Verdana, sans-serif"
LINE_HEIGHT = 1.15  # in ems
BOLD = 1.12  # bold DejaVu Sans is at most this much wider than regular, on average over letters
# Advance widths of DejaVu Sans for the characters from " " (32) to "~" (126), in thousandths of an em.
_ASCII = (
    "318 401 460 838 636 950 780 275 390 390 500 838 318 361 318 337 636 636 636 636 636 636 636 636 636 "
    "636 337 337 838 838 838 531 1000 684 686 698 770 632 575 775 752 295 295 656 557 863 748 787 603 787 "
    "695 635 611 732 684 989 685 611 685 390 337 390 838 500 500 613 635 550 635 615 352 635 634 278 278 "
    "579 278 974 634 612 635 635 411 521 392 634 592 818 592 592 525 636 337 636 838"
)
_WIDTHS = dict(zip((chr(c) for c in range(32, 127)), (int(w) / 1000 for w in _ASCII.split()), strict=True))
_OTHER = 0.75  # a letter of another script, drawn from a fallback face


def _char_width(char: str) -> float:
    if char in _WIDTHS:
        return _WIDTHS[char]
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return 0.0
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    base = unicodedata.normalize("NFKD", char)[:1]
    return _WIDTHS.get(base, _OTHER)


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The width of ``text`` drawn ``size`` units high, in the same units.

    >>> round(text_width("Gran Pat", 10), 1)
    43.6
    >>> text_width("Gran Pat", 10, bold=True) > text_width("Gran Pat", 10)
    True
    """
    width = sum(_char_width(c) for c in text) * size
    return width * BOLD if bold else width


def fit_lines(text: str, size: float, max_width: float, *, bold: bool = False) -> list[str]:
    """``text`` broken after spaces or hyphens into lines no wider than ``max_width``.

    A word wider than ``max_width`` on its own keeps a line to itself. Each line keeps its trailing
    space, so the lines joined give ``text`` back exactly.

    >>> fit_lines("Westbrook Leaving Care Team", 26, 200)
    ['Westbrook ', 'Leaving Care ', 'Team']
    >>> "".join(fit_lines("Mary-Jane O'Neill", 26, 100)) == "Mary-Jane O'Neill"
    True
    """
    lines: list[str] = []
    current = ""
    for piece in re.findall(r"[^\s-]*-|\S+\s*|\s+", text):
        if current and text_width((current + piece).rstrip(), size, bold=bold) > max_width:
            lines.append(current)
            current = ""
        current += piece
    return [*lines, current] if current or not lines else lines
