"""The interactive ecomap: a standalone offline HTML page (pyvis / vis-network) with its header and legend."""

from __future__ import annotations

from netmap.models import Network, Perspective
from netmap.renderers.ecomap_layout import EcomapFilters, build_scene
from netmap.renderers.ecomap_legend import legend_html
from netmap.renderers.ecomap_scene import EcomapScene
from netmap.renderers.ecomap_script import backdrop_script, page_style
from netmap.renderers.ecomap_style import VIEW_WORDS
from netmap.renderers.ecomap_vis import vis_page
from netmap.renderers.escape import css_length, html_text
from netmap.renderers.words import uk_date

__all__ = ["render_ecomap"]


def render_ecomap(
    network: Network,
    *,
    perspective: Perspective | None = None,
    filters: EcomapFilters | None = None,
    height: str = "720px",
    restriction_details: bool = False,
) -> str:
    """A complete, offline HTML document showing the case's ecomap.

    Positions are fixed (physics off) and the first view shows the whole outer ring with every
    sector name. Every label and title reaches the page as plain text or escaped HTML (see
    :func:`~netmap.renderers.ecomap_vis.vis_page`). Shown inside a page (an iframe), the header leaves
    out the case title, which the page already shows; the date and view stay. The map is ``height``
    high where the frame has room, and gives way so the legend below it is always whole.
    """
    scene = build_scene(
        network, perspective=perspective, filters=filters, restriction_details=restriction_details
    )
    page = vis_page(scene, height=height)
    # after vis-network's own stylesheet, so our rules win where both set the same property
    head = f"<title>Ecomap: {html_text(scene.title)}</title>\n{page_style(css_length(height))}</head>"
    page = page.replace("</head>", head, 1)
    page = page.replace("<body>", "<body>\n" + _header_html(scene), 1)
    page = page.replace("</body>", legend_html(scene) + backdrop_script(scene) + "</body>", 1)
    return page


def _header_html(scene: EcomapScene) -> str:
    title = (
        f'<strong class="standalone-only">Ecomap: {html_text(scene.title)}</strong>'
        '<span class="standalone-only"> · </span>'
    )
    return (
        '<div id="ecomap-header" style="margin: 4px 0 8px 0">'
        f"{title}"
        f'Map as of <time datetime="{scene.as_of.isoformat()}">{uk_date(scene.as_of)}</time> · '
        f"{VIEW_WORDS[scene.perspective]}</div>\n"
        '<div id="ecomap-phone" class="narrow-only">Pinch or drag to see more of the map. '
        '<button id="ecomap-whole" type="button">Show the whole map</button></div>\n'
    )
