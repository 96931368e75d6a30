"""The ecomap's legend, always whole: every symbol drawn as on the map, with a caption in plain words.

The SVG legend flows its sections into as many rows as the picture's width needs and reports its
height, so the picture grows to hold it; the HTML legend wraps with the width of the screen.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from netmap.models import Valence
from netmap.renderers.ecomap_geometry import SECTOR_ORDER
from netmap.renderers.ecomap_labels import ROW
from netmap.renderers.ecomap_notation import TIE_STYLES
from netmap.renderers.ecomap_scene import EcomapEdge, EcomapNode, EcomapScene
from netmap.renderers.ecomap_svg_parts import symbol_drawing, tie_drawing
from netmap.renderers.escape import html_text, svg_text
from netmap.renderers.palette import INK, SECTOR_COLOURS
from netmap.renderers.text_metrics import fit_lines
from netmap.renderers.words import words

__all__ = ["LEGEND_FONT", "legend_entries", "legend_html", "legend_svg", "tie_sample"]

LEGEND_FONT = 24
_SAMPLE = 84  # width of a drawn sample
_COLUMN = 380  # width of one legend section
_GRAY = "#808080"


@dataclass(frozen=True)
class Entry:
    caption: str
    sample: str  # SVG drawn in a box from (0, -22) to (_SAMPLE, 22); "" for a line of text only


@functools.cache
def tie_sample(style: str, *, arrows: tuple[bool, bool] = (False, False)) -> str:
    """A short tie in ``style`` (a key of ``TIE_STYLES``), drawn from (2, 0) to (84 - 2, 0)."""
    look = TIE_STYLES[style]
    edge = EcomapEdge(
        id="legend", source="a", target="b", valence=Valence.POSITIVE, strength=2,
        width=look.width if look.width is not None else 3.0, colour=look.colour, dashes=look.dashes,
        arrow_at_source=arrows[0], arrow_at_target=arrows[1], label="", title="", pattern=look.pattern,
        start=(2.0, 0.0), end=(_SAMPLE - 2.0, 0.0),
    )  # fmt: skip
    return tie_drawing(edge)


@functools.cache
def _person(
    colour: str = _GRAY,
    *,
    is_service: bool = False,
    deceased: bool = False,
    name_unknown: bool = False,
    restricted: bool = False,
    lead: bool = False,
) -> str:
    node = EcomapNode(
        id="legend", label="", title="", x=_SAMPLE / 2 - 8, y=4.0, colour=colour, size=10.0,
        is_service=is_service, deceased=deceased, name_unknown=name_unknown, restricted=restricted, lead=lead,
    )  # fmt: skip
    return symbol_drawing(node)


def legend_entries(scene: EcomapScene, *, on_paper: bool = False) -> list[tuple[str, list[Entry]]]:
    """The legend's sections, each a heading and its entries; ``on_paper`` adds the whole names the
    map had to shorten, which a screen shows when the reader points at them."""
    restriction = (
        "A restriction applies (point at the person for details)"
        if scene.restriction_details
        else "A restriction applies: ask the coordinator"
    )
    sectors = [Entry(words(s), _person(SECTOR_COLOURS[s])) for s in SECTOR_ORDER]
    ties = [
        Entry("Strong", tie_sample("strong")),
        Entry("Moderate", tie_sample("moderate")),
        Entry("Tenuous (dashed)", tie_sample("tenuous")),
        Entry("Mixed (dash and dot)", tie_sample("mixed")),
        Entry("Stressful (hatched)", tie_sample("stressful")),
        Entry("Harmful (jagged)", tie_sample("harmful")),
        Entry("Support flows this way", tie_sample("moderate", arrows=(False, True))),
        Entry("Support flows both ways", tie_sample("moderate", arrows=(True, True))),
    ]
    people = [
        Entry("A person (circle)", _person()),
        Entry("A service (square)", _person(is_service=True)),
        Entry("Has died (X)", _person(deceased=True)),
        Entry("Name not known yet (?)", _person(colour=SECTOR_COLOURS[SECTOR_ORDER[0]], name_unknown=True)),
        Entry(restriction, _person(restricted=True)),
        Entry("A lead, not yet reached (dashed)", _person(lead=True)),
        Entry(
            "Under a name: finding family so far",
            f'<text x="{_SAMPLE / 2}" y="9" font-size="18" font-style="italic" text-anchor="middle" fill="{INK}">'
            "Willing</text>",
        ),
    ]
    count = sum(1 for n in scene.nodes if not n.is_ego)
    ties_shown = len(scene.edges)
    reading = [
        Entry("The young person is in the centre.", ""),
        Entry("Ring 1 is closest, ring 4 furthest.", ""),
        Entry("Point at a shortened name to see it whole.", ""),
        Entry(f"{count + 1} people and services, {ties_shown} ties shown.", ""),
    ]
    sections = [("Sectors", sectors), ("Ties", ties), ("People", people), ("Reading the map", reading)]
    shortened = [Entry(f"{''.join(n.label_lines)}: {n.label}", "") for n in scene.nodes if n.abbreviated]
    return sections + ([("Shortened names", shortened)] if shortened and on_paper else [])


def legend_svg(scene: EcomapScene, x: float, y: float, width: float) -> tuple[str, float]:
    """The legend from (``x``, ``y``) in sections ``_COLUMN`` wide, flowing into rows within ``width``.

    Returns the SVG and the y coordinate below its last line.
    """
    step = ROW * LEGEND_FONT
    parts = [f'<g class="legend" font-size="{LEGEND_FONT}">']
    left, top, row_bottom = x, y, y
    for heading, entries in legend_entries(scene, on_paper=True):
        if left > x and left + _COLUMN > x + width:
            left, top = x, row_bottom + step * 0.6
        parts.append(
            f'<text x="{left:.0f}" y="{top + step * 0.8:.0f}" font-weight="bold" fill="{INK}">{svg_text(heading)}</text>'
        )
        line_y = top + step
        for entry in entries:
            text_x = left + (_SAMPLE + 12 if entry.sample else 0)
            lines = fit_lines(entry.caption, LEGEND_FONT, left + _COLUMN - 16 - text_x)
            if entry.sample:
                parts.append(
                    f'<g transform="translate({left:.0f},{line_y + step * 0.5:.0f})">{entry.sample}</g>'
                )
            for i, line in enumerate(lines):
                parts.append(
                    f'<text x="{text_x:.0f}" y="{line_y + step * (0.8 + i):.0f}" fill="{INK}">{svg_text(line.rstrip())}</text>'
                )
            line_y += step * max(1, len(lines)) + 4
        row_bottom = max(row_bottom, line_y)
        left += _COLUMN
    parts.append("</g>")
    return "".join(parts), row_bottom


def legend_html(scene: EcomapScene) -> str:
    """The legend as HTML that wraps on narrow screens: sections side by side, then one under another."""
    sections = []
    for heading, entries in legend_entries(scene):
        items = "".join(
            "<li>"
            + (
                f'<svg class="sample" viewBox="0 -22 {_SAMPLE} 44" aria-hidden="true">{entry.sample}</svg> '
                if entry.sample
                else ""
            )
            + f"<span>{html_text(entry.caption)}</span></li>"
            for entry in entries
        )
        sections.append(f"<section><h2>{html_text(heading)}</h2><ul>{items}</ul></section>")
    return f'<div id="ecomap-legend" role="region" aria-label="Legend">{"".join(sections)}</div>\n'
