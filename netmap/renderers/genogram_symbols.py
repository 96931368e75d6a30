"""Genogram symbols in McGoldrick notation: a person's shape, death cross, name card and the legend."""

from __future__ import annotations

from netmap.models import Gender, Person
from netmap.renderers.escape import svg_text
from netmap.renderers.genogram_layout import HALF, GenogramLayout

__all__ = ["legend", "person_symbol"]

_LEGEND = (
    "Square male · circle female · diamond unknown or non-binary · X died · double outline: the young person",
    "Couples: solid married · dashed partners · one slash separated · two slashes divorced or ex-partners",
    "Children hang from their parents; dashed: adopted, fostered or kinship care; dotted: step-parent",
)


def _shape(gender: Gender, x: float, y: float, half: float, extra: str) -> str:
    if gender is Gender.MALE:
        return f'<rect x="{x - half:.0f}" y="{y - half:.0f}" width="{2 * half:.0f}" height="{2 * half:.0f}"{extra}/>'
    if gender is Gender.FEMALE:
        return f'<circle cx="{x:.0f}" cy="{y:.0f}" r="{half:.0f}"{extra}/>'
    d = half * 1.25
    return f'<polygon points="{x:.0f},{y - d:.0f} {x + d:.0f},{y:.0f} {x:.0f},{y + d:.0f} {x - d:.0f},{y:.0f}"{extra}/>'


def person_symbol(person: Person, layout: GenogramLayout, is_ego: bool, restricted: bool) -> str:
    """One person's symbol with their name, and their years unless their membership is restricted."""
    x, y = layout.x[person.id], layout.y(person.id)
    symbol_kind = {Gender.MALE: "square", Gender.FEMALE: "circle"}.get(person.gender, "diamond")
    parts = [
        f'<g class="person{" ego" if is_ego else ""}" data-person-id="{svg_text(person.id)}" '
        f'data-symbol="{symbol_kind}" data-generation="{layout.gen[person.id]}">'
        f"<title>{svg_text(person.display_name)}</title>",
        _shape(
            person.gender,
            x,
            y,
            HALF,
            f' class="symbol" fill="{"#fff7c2" if is_ego else "#ffffff"}" stroke="#000000" stroke-width="2"',
        ),
    ]
    if is_ego:
        parts.append(
            _shape(
                person.gender,
                x,
                y,
                HALF + 6,
                ' class="ego-outline" fill="none" stroke="#000000" stroke-width="2"',
            )
        )
    if person.deceased:
        parts.append(
            f'<g class="deceased"><line x1="{x - HALF:.0f}" y1="{y - HALF:.0f}" x2="{x + HALF:.0f}" '
            f'y2="{y + HALF:.0f}" stroke="#000000" stroke-width="2"/><line x1="{x - HALF:.0f}" '
            f'y1="{y + HALF:.0f}" x2="{x + HALF:.0f}" y2="{y - HALF:.0f}" stroke="#000000" stroke-width="2"/></g>'
        )
    label_y = y + HALF + (26 if is_ego else 20)
    years = "" if restricted else _years(person)
    # a white card behind the label keeps lines that pass under a name from striking it through
    card_width = max(len(person.display_name) * 7.5, len(years) * 6.5) + 8
    parts.append(
        f'<rect class="label-card" x="{x - card_width / 2:.0f}" y="{label_y - 13:.0f}" width="{card_width:.0f}" '
        f'height="{33 if years else 18}" fill="#ffffff"/>'
    )
    parts.append(
        f'<text class="name" x="{x:.0f}" y="{label_y:.0f}" font-size="13" text-anchor="middle">'
        f"{svg_text(person.display_name)}</text>"
    )
    if years:
        parts.append(
            f'<text class="years" x="{x:.0f}" y="{label_y + 15:.0f}" font-size="11" text-anchor="middle" '
            f'fill="#444444">{svg_text(years)}</text>'
        )
    parts.append("</g>")
    return "".join(parts)


def _years(person: Person) -> str:
    if person.birth_year and person.death_year:
        return f"{person.birth_year}–{person.death_year}"
    if person.death_year:
        return f"d. {person.death_year}"
    return f"b. {person.birth_year}" if person.birth_year else ""


def legend(x: float, y: float) -> str:
    """The three lines explaining the notation, starting at (``x``, ``y``)."""
    lines = "".join(
        f'<tspan x="{x:.0f}" dy="{0 if i == 0 else 15}">{text}</tspan>' for i, text in enumerate(_LEGEND)
    )
    return f'<text class="legend" x="{x:.0f}" y="{y:.0f}" font-size="11" fill="#444444">{lines}</text>'
