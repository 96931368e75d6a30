"""The genogram's legend, always whole: each symbol and line drawn as on the genogram, with its words.

Sections flow into as many rows as the picture's width needs, and the picture grows to hold them.
"""

from __future__ import annotations

from netmap.models import KinType
from netmap.renderers.ecomap_marks import WARNING_FILL, Shape
from netmap.renderers.ecomap_svg_parts import shape_svg
from netmap.renderers.escape import svg_text
from netmap.renderers.genogram_lines import COUPLE_STYLES, DESCENT_STYLES, HOUSEHOLD_DASHES
from netmap.renderers.genogram_symbols import PLACEHOLDER_FILL, shape
from netmap.renderers.palette import BACKGROUND, INK, MUTED_INK
from netmap.renderers.text_metrics import fit_lines

__all__ = ["LEGEND_FONT", "legend"]

LEGEND_FONT = 13
_STEP = 18  # one line of the legend
_SAMPLE = 46  # width of a drawn sample
_COLUMN = 250  # width of one section
_HALF = 8  # half a symbol, drawn small
_PLAIN = f' fill="{BACKGROUND}" stroke="{INK}" stroke-width="1.5"'


def _line(dashes: str, slashes: int = 0, *, meet: bool = False) -> str:
    if meet:  # twins: two lines from one point
        return (
            f'<path d="M{_SAMPLE / 2:.0f},-7 L10,7 M{_SAMPLE / 2:.0f},-7 L{_SAMPLE - 10},7 M8,-7 H{_SAMPLE - 8}" '
            f'fill="none" stroke="{INK}" stroke-width="1.5"/>'
        )
    dash = f' stroke-dasharray="{dashes}"' if dashes else ""
    marks = "".join(
        f'<line x1="{_SAMPLE / 2 + off - 4:.0f}" y1="6" x2="{_SAMPLE / 2 + off + 4:.0f}" y2="-6" stroke="{INK}" stroke-width="1.5"/>'
        for off in {0: (), 1: (0,), 2: (-4, 4)}[slashes]
    )
    return f'<path d="M2,0 H{_SAMPLE - 2}" fill="none" stroke="{INK}" stroke-width="1.5"{dash}/>{marks}'


def _symbol(kind: str, *marks: str) -> str:
    x = _SAMPLE / 2
    paint = (
        f' fill="{PLACEHOLDER_FILL}" stroke="{MUTED_INK}" stroke-width="1.5" stroke-dasharray="4 2"'
        if kind == "placeholder"
        else _PLAIN
    )
    parts = [shape(kind, x, 0, _HALF, paint)]
    if "ego" in marks:
        parts.append(shape(kind, x, 0, _HALF + 4, f' fill="none" stroke="{INK}" stroke-width="1.5"'))
    if "died" in marks:
        parts.append(
            f'<path d="M{x - _HALF},-{_HALF} L{x + _HALF},{_HALF} M{x - _HALF},{_HALF} L{x + _HALF},-{_HALF}" '
            f'stroke="{INK}" stroke-width="1.5"/>'
        )
    if "unknown" in marks:
        parts.append(shape_svg(Shape("unknown", ((x, 5),), None, 0.0, fill=INK, text="?", size=13)))
    if "restricted" in marks:
        bx, by = x + _HALF + 2, -_HALF
        corners = ((bx, by - 6), (bx + 7, by + 6), (bx - 7, by + 6))
        parts.append(shape_svg(Shape("restriction", corners, INK, 1.0, fill=WARNING_FILL, closed=True)))
    return "".join(parts)


def _sections() -> list[tuple[str, list[tuple[str, str]]]]:
    return [
        (
            "People",
            [
                ("Male", _symbol("square")),
                ("Female", _symbol("circle")),
                ("Sex not known, or non-binary", _symbol("diamond")),
                ("The young person (double outline)", _symbol("circle", "ego")),
                ("Has died (X, with years)", _symbol("square", "died")),
                ("Name not known yet (?)", _symbol("diamond", "unknown")),
                ("A restriction applies", _symbol("circle", "restricted")),
                ("A relative not shown at the young person's request", _symbol("placeholder")),
            ],
        ),
        (
            "Couples",
            [
                ("Married", _line(COUPLE_STYLES[KinType.MARRIED][0])),
                ("Living together, or partners", _line(COUPLE_STYLES[KinType.COHABITING][0])),
                ("Separated (one slash)", _line(*COUPLE_STYLES[KinType.SEPARATED])),
                ("Divorced (two slashes)", _line(*COUPLE_STYLES[KinType.DIVORCED])),
                ("Partners no longer together", _line(*COUPLE_STYLES[KinType.EX_PARTNER])),
                ("Several partners: earlier on the left", ""),
            ],
        ),
        (
            "Children",
            [
                ("Born to them", _line(DESCENT_STYLES["birth"])),
                ("Adopted (dashed)", _line(DESCENT_STYLES["adoptive"])),
                ("Fostered (dotted)", _line(DESCENT_STYLES["foster"])),
                ("Kinship care (dash and dot)", _line(DESCENT_STYLES["kinship"])),
                ("Step-parent (dash and two dots)", _line(DESCENT_STYLES["step"])),
                ("Twins (lines from one point)", _line("", meet=True)),
                ("Half-siblings with no parent shown (dashed bar)", _line("4 3")),
                ("Oldest generation at the top; children oldest first, from the left", ""),
            ],
        ),
        (
            "Household",
            [
                (
                    "Lives together: the young person's current household",
                    f'<rect x="4" y="-8" width="{_SAMPLE - 8}" height="16" rx="3" fill="none" stroke="{MUTED_INK}" '
                    f'stroke-width="2" stroke-dasharray="{HOUSEHOLD_DASHES}"/>',
                ),
            ],
        ),
    ]


def legend(x: float, y: float, width: float) -> tuple[str, float]:
    """The legend from (``x``, ``y``) in sections flowing into rows within ``width``; returns the SVG
    and the y coordinate below its last line."""
    parts = [f'<g class="legend" font-size="{LEGEND_FONT}" fill="{INK}">']
    left, top, bottom = x, y, y
    for heading, entries in _sections():
        if left > x and left + _COLUMN > x + width:
            left, top = x, bottom + _STEP / 2
        parts.append(f'<text x="{left:.0f}" y="{top + 13:.0f}" font-weight="bold">{svg_text(heading)}</text>')
        line_y = top + _STEP
        for caption, sample in entries:
            text_x = left + (_SAMPLE + 8 if sample else 0)
            lines = fit_lines(caption, LEGEND_FONT, left + _COLUMN - 10 - text_x)
            if sample:
                parts.append(f'<g transform="translate({left:.0f},{line_y + 9:.0f})">{sample}</g>')
            for i, line in enumerate(lines):
                parts.append(
                    f'<text x="{text_x:.0f}" y="{line_y + 13 + _STEP * i:.0f}">{svg_text(line.rstrip())}</text>'
                )
            line_y += _STEP * max(1, len(lines)) + 3
        bottom = max(bottom, line_y)
        left += _COLUMN
    parts.append("</g>")
    return "".join(parts), bottom
