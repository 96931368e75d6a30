"""Genogram symbols in McGoldrick notation: a person's shape and marks, and their name card.

Square male, circle female, diamond for a sex not known or non-binary; a double outline for the
young person; an X for someone who has died, with their years; a "?" for a name not known yet; a
warning triangle for a restriction; a dashed grey box for a relative not shown at the young
person's request.
"""

from __future__ import annotations

from netmap.models import Gender, Person
from netmap.planning.placeholders import PLACEHOLDER_NAME, is_placeholder
from netmap.renderers.ecomap_marks import WARNING_FILL, Shape
from netmap.renderers.ecomap_svg_parts import shape_svg
from netmap.renderers.escape import svg_text
from netmap.renderers.genogram_layout import HALF, SLOT, GenogramLayout
from netmap.renderers.palette import BACKGROUND, INK, MUTED_INK
from netmap.renderers.text_metrics import fit_lines, text_width
from netmap.renderers.words import name_not_known

__all__ = ["NAME_FONT", "PLACEHOLDER_FILL", "YEARS_FONT", "person_symbol", "shape", "symbol_kind"]

NAME_FONT = 13
YEARS_FONT = 11
PLACEHOLDER_FILL = "#eeeeee"
_LINE = 15  # distance between lines of a name card
_BADGE = 8.0


def symbol_kind(person: Person) -> str:
    if is_placeholder(person.id):
        return "placeholder"
    return {Gender.MALE: "square", Gender.FEMALE: "circle"}.get(person.gender, "diamond")


def shape(kind: str, x: float, y: float, half: float, extra: str) -> str:
    """The outline of a symbol of ``kind`` centred on (``x``, ``y``), ``extra`` being its paint."""
    if kind == "square":
        return f'<rect x="{x - half:.0f}" y="{y - half:.0f}" width="{2 * half:.0f}" height="{2 * half:.0f}"{extra}/>'
    if kind == "circle":
        return f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{half:.0f}"{extra}/>'
    if kind == "placeholder":
        return (
            f'<rect x="{x - half:.0f}" y="{y - half:.0f}" width="{2 * half:.0f}" height="{2 * half:.0f}" rx="6"'
            f"{extra}/>"
        )
    d = half * 1.25
    return f'<polygon points="{x:.0f},{y - d:.0f} {x + d:.0f},{y:.0f} {x:.0f},{y + d:.0f} {x - d:.0f},{y:.0f}"{extra}/>'


def _marks(person: Person, x: float, y: float, restricted: bool) -> list[str]:
    parts = []
    if person.deceased:
        parts.append(
            f'<g class="deceased"><line x1="{x - HALF:.0f}" y1="{y - HALF:.0f}" x2="{x + HALF:.0f}" '
            f'y2="{y + HALF:.0f}" stroke="{INK}" stroke-width="2"/><line x1="{x - HALF:.0f}" '
            f'y1="{y + HALF:.0f}" x2="{x + HALF:.0f}" y2="{y - HALF:.0f}" stroke="{INK}" stroke-width="2"/></g>'
        )
    if name_not_known(person):
        parts.append(shape_svg(Shape("unknown", ((x, y + 8),), None, 0.0, fill=INK, text="?", size=24)))
    if restricted:
        bx, by = x + HALF + 2, y - HALF - 2
        corners = (
            (bx, by - _BADGE),
            (bx + _BADGE * 1.1, by + _BADGE * 0.9),
            (bx - _BADGE * 1.1, by + _BADGE * 0.9),
        )
        parts.append(shape_svg(Shape("restriction", corners, INK, 1.2, fill=WARNING_FILL, closed=True)))
        parts.append(
            shape_svg(
                Shape("restriction", ((bx, by + _BADGE * 0.65),), None, 0.0, fill=INK, text="!", size=12)
            )
        )
    return parts


def _card(x: float, top: float, lines: list[tuple[str, str, int, str]]) -> list[str]:
    """A white card behind the name and years, so lines passing under them never strike them through."""
    width = max(text_width(text, size) for text, _, size, _ in lines) + 8
    parts = [
        f'<rect class="label-card" x="{x - width / 2:.0f}" y="{top - 13:.0f}" width="{width:.0f}" '
        f'height="{_LINE * len(lines) + 3:.0f}" fill="{BACKGROUND}"/>'
    ]
    for i, (text, css, size, colour) in enumerate(lines):
        parts.append(
            f'<text class="{css}" x="{x:.0f}" y="{top + _LINE * i:.0f}" font-size="{size}" text-anchor="middle" '
            f'fill="{colour}">{svg_text(text)}</text>'
        )
    return parts


def person_symbol(person: Person, layout: GenogramLayout, is_ego: bool, restriction: list[str]) -> str:
    """One person's symbol with their marks, name and years; a person under a restriction by name only.

    ``restriction`` is what may be said about their restriction (see
    :func:`~netmap.renderers.ecomap_notation.restriction_lines`); it goes into the hover text.
    """
    x, y = layout.x[person.id], layout.y(person.id)
    kind = symbol_kind(person)
    placeholder = kind == "placeholder"
    title = PLACEHOLDER_NAME if placeholder else "\n".join([person.display_name, *restriction])
    classes = " ".join(
        c for c, on in (("person", True), ("ego", is_ego), ("restricted", bool(restriction))) if on
    )
    flag = ' data-placeholder="true"' if placeholder else ""
    parts = [
        f'<g class="{classes}" data-person-id="{svg_text(person.id)}" data-symbol="{kind}" '
        f'data-generation="{layout.gen[person.id]}"{flag} tabindex="0"><title>{svg_text(title)}</title>',
    ]
    if placeholder:
        paint = f' class="symbol" fill="{PLACEHOLDER_FILL}" stroke="{MUTED_INK}" stroke-width="2" stroke-dasharray="5 3"'
    else:
        paint = (
            f' class="symbol" fill="{"#fff7c2" if is_ego else BACKGROUND}" stroke="{INK}" stroke-width="2"'
        )
    parts.append(shape(kind, x, y, HALF, paint))
    if is_ego:
        parts.append(
            shape(kind, x, y, HALF + 6, f' class="ego-outline" fill="none" stroke="{INK}" stroke-width="2"')
        )
    parts += _marks(person, x, y, bool(restriction))
    label_top = y + HALF + (26 if is_ego else 20)
    if placeholder:
        lines = [("Not shown", "name", NAME_FONT, MUTED_INK)]
    else:
        lines = [
            (line.rstrip(), "name", NAME_FONT, INK)
            for line in fit_lines(person.display_name, NAME_FONT, SLOT - 14)
        ]
        years = "" if restriction else _years(person)
        if years:
            lines.append((years, "years", YEARS_FONT, MUTED_INK))
    parts += _card(x, label_top, lines)
    parts.append("</g>")
    return "".join(parts)


def _years(person: Person) -> str:
    if person.birth_year and person.death_year:
        return f"{person.birth_year}–{person.death_year}"
    if person.death_year:
        return f"died {person.death_year}"
    if person.deceased:
        return f"born {person.birth_year}, died" if person.birth_year else "died"
    return f"born {person.birth_year}" if person.birth_year else ""
