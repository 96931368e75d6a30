"""Genogram renderer: an SVG family diagram in McGoldrick notation from a case's kin links."""

from __future__ import annotations

from collections import Counter
from datetime import date

from netmap.models import Network
from netmap.renderers.ecomap_notation import restriction_lines
from netmap.renderers.escape import svg_text
from netmap.renderers.genogram_layout import (
    HALF,
    ROW,
    SLOT,
    GenogramLayout,
    generations,
    genogram_people,
    kin_links,
    place,
)
from netmap.renderers.genogram_legend import legend
from netmap.renderers.genogram_lines import (
    couple_line,
    descent_lines,
    household,
    household_boundary,
    sibling_bars,
)
from netmap.renderers.genogram_symbols import person_symbol
from netmap.renderers.palette import INK
from netmap.renderers.text_metrics import FONT_FAMILY
from netmap.renderers.words import uk_date

__all__ = ["render_genogram"]

MARGIN = 60
MIN_WIDTH = 720.0
_HEADER = 70.0


def render_genogram(network: Network, *, restriction_details: bool = False, as_of: date | None = None) -> str:
    """An SVG genogram of the young person's family, oldest generation at the top.

    Squares are male, circles female, diamonds a sex not known or non-binary; an X marks someone
    who has died; the young person has a double outline. Couple lines: solid married, dashed living
    together, one slash separated, two slashes divorced. Children hang from their parents' couple
    line, oldest on the left: solid by birth, dashed adopted, dotted fostered, dash-dot kinship care,
    dash-dot-dot step-parent; twins (same birth date) from one point. A dashed line goes round the
    young person's household. A person under a restriction carries a warning mark and is shown by
    name only; ``restriction_details`` puts what the restriction is in their hover text. A
    placeholder (see :mod:`netmap.planning.placeholders`) is drawn as a grey "Not shown" box. Each
    person's group carries ``data-person-id``, so a page can select them. The legend is always whole.

    >>> from netmap.models import Case, Person
    >>> svg = render_genogram(Network(case=Case(id="c", title="t", ego_id="p"), people=[Person(id="p", name="Sam")]))
    >>> svg.startswith("<svg") and "Sam" in svg
    True
    """
    on = as_of or date.today()
    people = genogram_people(network)
    links = kin_links(network, people)
    layout = GenogramLayout(gen=generations(network))
    place(layout, links, people)
    body: list[str] = [household_boundary(layout, household(network, set(people)))]
    mids = {}
    depth: Counter[str] = Counter()
    for link in (k for k in links if k.kind.is_couple):
        level = max(depth[link.from_id], depth[link.to_id])
        mids[frozenset((link.from_id, link.to_id))] = couple_line(layout, link, level, body)
        depth.update((link.from_id, link.to_id))
    descent_lines(layout, links, people, mids, body)
    sibling_bars(layout, links, body)
    for pid in sorted(layout.gen, key=lambda p: (layout.gen[p], layout.x[p], p)):
        restriction = restriction_lines(
            network, network.membership(pid), details=restriction_details, today=on
        )
        body.append(person_symbol(people[pid], layout, pid == network.case.ego_id, restriction))
    xs = list(layout.x.values()) or [0.0]
    rows = max(layout.gen.values(), default=0)
    left, right = min(xs) - SLOT / 2 - MARGIN, max(xs) + SLOT / 2 + MARGIN
    width = max(right - left, MIN_WIDTH)
    top = -HALF - 40.0 - _HEADER
    legend_svg, bottom = legend(left + 16, (rows + 1) * ROW - 40, width - 32)
    title = f"Genogram: {svg_text(network.case.title)}"
    return "\n".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {width:.0f} {bottom + 16 - top:.0f}" '
            f'font-family="{FONT_FAMILY}" role="img">',
            f"<title>{title}</title>",
            f'<text class="map-title" x="{left + 16:.0f}" y="{top + 28:.0f}" font-size="18" font-weight="bold" '
            f'fill="{INK}">{title}</text>',
            f'<text class="map-date" x="{left + 16:.0f}" y="{top + 50:.0f}" font-size="13" fill="{INK}">'
            f"Family as recorded on {uk_date(on)}</text>",
            *body,
            legend_svg,
            "</svg>",
            "",
        ]
    )
