"""A blank ecomap worksheet to print, for sessions where the young person cannot use the app (in custody).

The same rings and sectors as the map, numbered and named, with prompts and the line key in plain
words; the worker types what was drawn into netmap afterwards.
"""

from __future__ import annotations

import math

from netmap.renderers.ecomap_geometry import (
    RING_GAP,
    RINGS,
    SECTOR_ORDER,
    outer_radius,
    sector_name,
    sector_span,
)
from netmap.renderers.ecomap_legend import tie_sample
from netmap.renderers.escape import svg_text
from netmap.renderers.palette import INK, MUTED_INK, RING_INK, SECTOR_COLOURS
from netmap.renderers.printing import print_pdf
from netmap.renderers.text_metrics import FONT_FAMILY, fit_lines
from netmap.renderers.words import words

__all__ = ["worksheet_pdf", "worksheet_svg"]

TITLE = "My support network"
_FONT = 30
_LEFT, _WIDTH = -800.0, 1600.0
_SCALE = 0.85  # the rings a little smaller than on the map, so the page keeps room for the key
_TOP = -(outer_radius() + 60) * _SCALE - 250
PROMPTS = {
    "family": "Who in your family is in your life? Who would you like to hear from again?",
    "friends": "Who do you get on with? Who do you trust?",
    "peers_community": "Mentors, sport, faith, groups, neighbours: who is around you?",
    "professionals": "Workers who help you: probation, your personal adviser, key worker, health.",
    "services": "Places that help: housing, college or work, the prison, your GP.",
}
RING_WORDS = (
    "1 - closest: people you can count on",
    "2 - close",
    "3 - not so close",
    "4 - further away, or people you would like back in your life",
)
LINES = (
    ("strong", "A strong tie: a thick line"),
    ("tenuous", "A weak tie: a dashed line"),
    ("stressful", "A stressful tie: a line with short strokes across it"),
    ("harmful", "A harmful tie: a zigzag line"),
    ("moderate", "Help going one way: an arrow (both ways: an arrow at each end)"),
)


def _text(x: float, y: float, text: str, size: int = _FONT, *, extra: str = "") -> str:
    return f'<text x="{x:.0f}" y="{y:.0f}" font-size="{size}" fill="{INK}"{extra}>{svg_text(text)}</text>'


def _paragraph(x: float, y: float, text: str, width: float, size: int = _FONT) -> tuple[list[str], float]:
    lines = fit_lines(text, size, width)
    return [_text(x, y + i * size * 1.3, line.rstrip(), size) for i, line in enumerate(lines)], y + len(
        lines
    ) * size * 1.3


def _rings() -> list[str]:
    outer = outer_radius()
    parts = [f'<g class="rings" transform="scale({_SCALE})">']
    for sector in SECTOR_ORDER:
        start, end = (math.radians(a) for a in sector_span(sector))
        x1, y1, x2, y2 = (
            outer * math.cos(start),
            outer * math.sin(start),
            outer * math.cos(end),
            outer * math.sin(end),
        )
        parts.append(
            f'<path d="M0,0 L{x1:.1f},{y1:.1f} A{outer:.0f},{outer:.0f} 0 0 1 {x2:.1f},{y2:.1f} Z" '
            f'fill="none" stroke="{SECTOR_COLOURS[sector]}" stroke-width="3"/>'
        )
        name = sector_name(sector)
        parts.append(
            _text(
                name.x,
                name.baseline,
                name.text,
                int(name.size),
                extra=' font-weight="bold" text-anchor="middle"',
            )
        )
    for ring in range(1, RINGS + 1):
        parts.append(
            f'<circle cx="0" cy="0" r="{ring * RING_GAP:.0f}" fill="none" stroke="{RING_INK}" stroke-width="2"/>'
        )
        cy = ring * RING_GAP
        parts.append(
            f'<circle cx="0" cy="{cy:.0f}" r="20" fill="#ffffff" stroke="{RING_INK}" stroke-width="2"/>'
        )
        parts.append(_text(0, cy + 10, str(ring), 28, extra=' font-weight="bold" text-anchor="middle"'))
    parts.append(f'<circle cx="0" cy="0" r="60" fill="#ffffff" stroke="{INK}" stroke-width="5"/>')
    parts.append(_text(0, 12, "Me", 36, extra=' font-weight="bold" text-anchor="middle"'))
    return [*parts, "</g>"]


def worksheet_svg() -> str:
    """The blank worksheet as an SVG document shaped like an A4 page."""
    x = _LEFT + 50
    parts = [
        _text(x, _TOP + 70, f"{TITLE} (ecomap)", 48, extra=' font-weight="bold"'),
        _text(x, _TOP + 140, "Name: ______________________   Date: ______________   Worker: ______________"),
    ]
    intro, _ = _paragraph(
        x,
        _TOP + 200,
        "You are in the middle. Write each person or place in your life in their part of the circle: "
        "the closer they are to you, the nearer the middle.",
        _WIDTH - 100,
    )
    parts += intro + _rings()
    y = outer_radius() * _SCALE + 90
    parts.append(_text(x, y, "The rings", extra=' font-weight="bold"'))
    ring_y = y + 42
    for line in RING_WORDS:
        texts, ring_y = _paragraph(x, ring_y, line, 700, 26)
        parts += texts
        ring_y += 8
    parts.append(_text(x + 780, y, "Draw a line from you to each person", extra=' font-weight="bold"'))
    for i, (style, caption) in enumerate(LINES):
        line_y = y + 42 * (i + 1)
        sample = tie_sample(style, arrows=(False, i == len(LINES) - 1))
        parts.append(f'<g transform="translate({x + 780:.0f},{line_y - 9:.0f})">{sample}</g>')
        lines, _ = _paragraph(x + 880, line_y, caption, 650, 24)
        parts += lines
    y = max(y + 42 * 6, ring_y) + 20
    parts.append(_text(x, y, "Things to think about", extra=' font-weight="bold"'))
    y += 42
    for sector in SECTOR_ORDER:
        text, y_after = _paragraph(x + 300, y, PROMPTS[sector.value], _WIDTH - 400, 24)
        parts.append(_text(x, y, words(sector), 24, extra=' font-weight="bold"'))
        parts += text
        y = y_after + 6
    notes = (
        "Put an X over the circle of someone who has died. Write a ? when you do not know a name. "
        "Your worker will add this to your map in netmap afterwards."
    )
    lines, y = _paragraph(x, y + 20, notes, _WIDTH - 100, 24)
    parts += lines
    parts.append(
        f'<text x="{x:.0f}" y="{y + 30:.0f}" font-size="20" fill="{MUTED_INK}">netmap ecomap worksheet</text>'
    )
    height = y + 60 - _TOP
    head = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{_LEFT:.0f} {_TOP:.0f} {_WIDTH:.0f} {height:.0f}" '
        f'font-family="{FONT_FAMILY}" role="img">',
        f"<title>{TITLE}: a blank ecomap to fill in</title>",
    ]
    return "\n".join([*head, *parts, "</svg>"]) + "\n"


def worksheet_pdf() -> bytes:
    """The blank worksheet as a one-page A4 PDF."""
    return print_pdf(worksheet_svg(), title=f"{TITLE}: blank ecomap worksheet")
