"""The face every PDF is printed in: DejaVu Sans when the server has it, else Latin-1 text in Helvetica."""

from __future__ import annotations

import logging
import re
import unicodedata
from pathlib import Path

from fpdf import FPDF

__all__ = ["FAMILY", "FONT_DIR", "add_unicode_font", "printable"]

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FAMILY = "DejaVu Sans"  # the face the SVG pictures name first, so fpdf2 finds it for their text
_FILES = {
    "": "DejaVuSans.ttf",
    "B": "DejaVuSans-Bold.ttf",
    "I": "DejaVuSans-Oblique.ttf",
    "BI": "DejaVuSans-BoldOblique.ttf",
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

# fpdf2 logs one warning per missing glyph (emoji, rare scripts); a PDF prints a blank instead.
logging.getLogger("fpdf.output").setLevel(logging.ERROR)


def add_unicode_font(pdf: FPDF) -> bool:
    """Register DejaVu Sans in every style with ``pdf``; False (and nothing registered) when it is missing."""
    if not all((FONT_DIR / name).exists() for name in _FILES.values()):
        return False
    for style, name in _FILES.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / name))
    return True


def _latin1(char: str) -> str:
    """One character for the core font: itself, its unaccented form, or "?"."""
    if ord(char) < 256:
        return char
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base and all(ord(c) < 256 for c in base) else "?"


def printable(value: object, *, unicode: bool) -> str:
    """Text a PDF can print: control and direction-override characters dropped; Latin-1 without the font.

    >>> printable("Zoë\\u202e 👋", unicode=False)
    'Zoë ?'
    """
    text = _CONTROL.sub("", unicodedata.normalize("NFC", str(value)))
    return text if unicode else "".join(map(_latin1, text))
