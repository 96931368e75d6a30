"""The colours of the maps and the contrast rule they keep (WCAG 2.2: 3:1 for graphics, 4.5:1 for text).

Colour is never the only cue: sectors are also wedges with their names, valences also line patterns,
services also squares. The colours still have to be seen, so each one is checked against the white
paper or screen it is drawn on (see ``tests/unit/renderers/test_palette.py``).
"""

from __future__ import annotations

from netmap.models import Sector, Valence

__all__ = [
    "BACKGROUND",
    "EGO_FILL",
    "GRAPHIC_CONTRAST",
    "INK",
    "MUTED_INK",
    "OUTLINE",
    "RING_INK",
    "SECTOR_COLOURS",
    "TEXT_CONTRAST",
    "VALENCE_COLOURS",
    "contrast_ratio",
]

GRAPHIC_CONTRAST = 3.0
TEXT_CONTRAST = 4.5
BACKGROUND = "#ffffff"
INK = "#000000"
MUTED_INK = "#444444"  # years, notes and legend captions: 9.7:1 on white
OUTLINE = "#333333"  # every person's outline: the edge that shows the symbol, whatever its fill
RING_INK = "#767676"  # rings and their numbers: 4.5:1 on white
# The young person's fill is a highlight only: their symbol is found by its place, size and thick outline.
EGO_FILL = "#F0E442"
# Darker relatives of the Okabe-Ito hues (the originals are 2.3:1 on white for family and friends).
SECTOR_COLOURS = {
    Sector.FAMILY: "#B25D00",
    Sector.FRIENDS: "#0072B2",
    Sector.PEERS_COMMUNITY: "#007A5A",
    Sector.PROFESSIONALS: "#6A3D9A",
    Sector.SERVICES: "#666666",
}
VALENCE_COLOURS = {
    Valence.POSITIVE: "#3a3a3a",
    Valence.MIXED: "#5e57a6",
    Valence.STRESSFUL: "#b84e00",
    Valence.HARMFUL: "#c00000",
}


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(colour: str) -> float:
    hex_digits = colour.lstrip("#")
    r, g, b = (_channel(int(hex_digits[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(foreground: str, background: str = BACKGROUND) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours, from 1 (none) to 21 (black on white).

    >>> round(contrast_ratio("#000000"), 1), round(contrast_ratio("#E69F00"), 2)
    (21.0, 2.25)
    """
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)
