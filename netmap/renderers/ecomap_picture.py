"""The ecomap as a static SVG picture, for downloads, reports, the conference pack and printing in custody."""

from __future__ import annotations

from netmap.models import Network, Perspective
from netmap.renderers.ecomap_geometry import outer_radius
from netmap.renderers.ecomap_layout import EcomapFilters, build_scene
from netmap.renderers.ecomap_legend import LEGEND_FONT, legend_svg
from netmap.renderers.ecomap_scene import Box, EcomapScene
from netmap.renderers.ecomap_style import VIEW_WORDS
from netmap.renderers.ecomap_svg_parts import backdrop_svg, edge_svg, node_svg
from netmap.renderers.escape import svg_text
from netmap.renderers.palette import INK
from netmap.renderers.text_metrics import FONT_FAMILY
from netmap.renderers.words import uk_date

__all__ = ["ecomap_svg", "map_header", "scene_svg"]

MIN_WIDTH = 1600.0
TITLE_FONT = 34
_MARGIN = 12.0
_HEADER = 110.0


def ecomap_svg(
    network: Network,
    *,
    perspective: Perspective | None = None,
    filters: EcomapFilters | None = None,
    restriction_details: bool = False,
) -> str:
    """The same ecomap as a standalone SVG document (for reports, PDF and printing in custody).

    Made to be read on paper: names are large, placed so none overlaps another, and the legend
    sits whole under the rings so the picture fills the width of a portrait page.

    >>> from netmap.models import Case, Person
    >>> case = Case(id="c-1", title="Demo", ego_id="p-1")
    >>> svg = ecomap_svg(Network(case=case, people=[Person(id="p-1", name="Sam")]))
    >>> svg.startswith("<svg") and "Sam" in svg
    True
    """
    scene = build_scene(
        network, perspective=perspective, filters=filters, restriction_details=restriction_details
    )
    return scene_svg(scene)


def map_header(scene: EcomapScene) -> str:
    """The line under the title: the map's date and whose view it shows."""
    return f"Map as of {uk_date(scene.as_of)} · {VIEW_WORDS[scene.perspective]}"


def scene_svg(scene: EcomapScene) -> str:
    """``scene`` as an SVG document: title and date, the map, then the whole legend."""
    outer = outer_radius()
    area = scene.bounds().union(Box(-outer, -outer, outer, outer)).grown(_MARGIN)
    width = max(MIN_WIDTH, area.width)
    left = (area.x0 + area.x1) / 2 - width / 2
    top = area.y0 - _HEADER
    legend, bottom = legend_svg(scene, left + _MARGIN, area.y1 + 20, width - 2 * _MARGIN)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {width:.0f} '
        f'{bottom + _MARGIN - top:.0f}" font-family="{FONT_FAMILY}" role="img">',
        f"<title>Ecomap: {svg_text(scene.title)}</title>",
        f'<text class="map-title" x="{left + _MARGIN:.0f}" y="{top + 44:.0f}" font-size="{TITLE_FONT}" '
        f'font-weight="bold" fill="{INK}">Ecomap: {svg_text(scene.title)}</text>',
        f'<text class="map-date" x="{left + _MARGIN:.0f}" y="{top + 84:.0f}" font-size="{LEGEND_FONT}" fill="{INK}">'
        f"{svg_text(map_header(scene))}</text>",
        backdrop_svg(scene),
        *(edge_svg(edge) for edge in scene.edges),
        *(node_svg(node) for node in scene.nodes),
        legend,
        "</svg>",
    ]
    return "\n".join(parts) + "\n"
