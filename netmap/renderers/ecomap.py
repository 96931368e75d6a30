"""The interactive ecomap: a standalone offline HTML page (pyvis / vis-network) with its header and legend."""

from __future__ import annotations

from netmap.models import Network, Perspective
from netmap.renderers.ecomap_layout import (
    SECTOR_COLOURS,
    SECTOR_LABELS,
    SECTOR_ORDER,
    EcomapFilters,
    EcomapScene,
    build_scene,
)
from netmap.renderers.ecomap_script import PAGE_STYLE, backdrop_script
from netmap.renderers.ecomap_style import LEGEND_TIES, READING_NOTES, VIEW_WORDS, dasharray
from netmap.renderers.ecomap_vis import vis_page
from netmap.renderers.escape import html_text

__all__ = ["render_ecomap"]


def render_ecomap(
    network: Network,
    *,
    perspective: Perspective | None = None,
    filters: EcomapFilters | None = None,
    height: str = "720px",
) -> str:
    """A complete, offline HTML document showing the case's ecomap.

    Positions are fixed (physics off) and the first view shows the whole outer ring with every
    sector name. Every label and title reaches the page as plain text or escaped HTML (see
    :func:`~netmap.renderers.ecomap_vis.vis_page`). Shown inside a page (an iframe), the header leaves
    out the case title, which the page already shows; the date and view stay.
    """
    scene = build_scene(network, perspective=perspective, filters=filters)
    page = vis_page(scene, height=height)
    # after vis-network's own stylesheet, so our rules win where both set the same property
    head = f"<title>Ecomap: {html_text(scene.title)}</title>\n{PAGE_STYLE}</head>"
    page = page.replace("</head>", head, 1)
    page = page.replace("<body>", "<body>\n" + _header_html(scene), 1)
    page = page.replace("</body>", _legend_html(scene) + backdrop_script() + "</body>", 1)
    return page


def _header_html(scene: EcomapScene) -> str:
    title = (
        f'<strong class="standalone-only">Ecomap: {html_text(scene.title)}</strong>'
        '<span class="standalone-only"> · </span>'
    )
    return (
        '<div id="ecomap-header" style="margin: 4px 0 8px 0">'
        f"{title}"
        f'Map as of <time datetime="{scene.as_of.isoformat()}">{scene.as_of:%d %B %Y}</time> · '
        f"{VIEW_WORDS[scene.perspective]}</div>\n"
        '<div id="ecomap-phone" class="narrow-only">Pinch or drag to see more of the map. '
        '<button id="ecomap-whole" type="button">Show the whole map</button></div>\n'
    )


def _legend_html(scene: EcomapScene) -> str:
    sectors = "".join(
        f'<li><span style="display:inline-block;width:12px;height:12px;border-radius:6px;'
        f'background:{SECTOR_COLOURS[s]}"></span> {html_text(SECTOR_LABELS[s])}</li>'
        for s in SECTOR_ORDER
    )
    ties = "".join(
        f'<li><svg width="48" height="10" aria-hidden="true"><line x1="0" y1="5" x2="48" y2="5" '
        f'stroke="{colour}" stroke-width="{width}"{dasharray(dashes)}/></svg> {label}</li>'
        for label, colour, width, dashes in LEGEND_TIES
    )
    notes = "".join(f"<li>{note}</li>" for note in READING_NOTES)
    return (
        '<div id="ecomap-legend" style="clear: both; font-size: 13px; flex-wrap: wrap; '
        'display: flex; gap: 32px; padding-top: 8px">'
        f'<div><strong>Sectors</strong><ul style="list-style:none;padding:0;margin:4px 0">{sectors}</ul></div>'
        f'<div><strong>Ties</strong><ul style="list-style:none;padding:0;margin:4px 0">{ties}</ul></div>'
        "<div><strong>Reading the map</strong>"
        '<ul style="list-style:none;padding:0;margin:4px 0">'
        f"{notes}<li>{len(scene.nodes)} people and services, {len(scene.edges)} ties shown.</li>"
        "</ul></div></div>\n"
    )
