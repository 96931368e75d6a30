"""The ecomap scene as vis-network data through pyvis: node and edge options, the offline page template."""

from __future__ import annotations

import functools
import re

import jinja2
from pyvis.network import Network as PyvisNetwork

from netmap.renderers.ecomap_scene import EcomapEdge, EcomapNode, EcomapScene
from netmap.renderers.escape import css_length
from netmap.renderers.palette import INK, OUTLINE

__all__ = ["vis_page"]

# vis-network draws symbols, lines and plain arrowheads and shows hover text; names, tie labels and
# the notation a plain line cannot show are drawn over it from the scene (see ecomap_script), so
# the page places every name where the scene put it. vis keeps each label as data, invisibly.
_INVISIBLE = "rgba(0,0,0,0)"
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I)
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script\s*>", re.I)
_DEAD_COMMENT = re.compile(r"<!--\s*<link[^>]*node_modules.*?-->", re.S)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)
_VIS_DATA = re.compile(r"new vis\.DataSet\((.*)\);$", re.M)


def vis_page(scene: EcomapScene, *, height: str) -> str:
    """pyvis's offline page for ``scene``: fixed positions, nothing fetched from outside, inert data.

    Labels and titles reach vis-network as plain text: it draws labels on the canvas and shows
    string titles with ``innerText``; pyvis's ``innerHTML`` tooltip mode is never switched on.
    Pinch and wheel zoom and dragging the view stay on, so a map opened close up on a phone can
    still be explored; people cannot be dragged off their rings.
    """
    net = PyvisNetwork(height=css_length(height), width="100%", directed=True, cdn_resources="in_line")
    for node in scene.nodes:
        net.add_node(node.id, **_vis_node(node))
    for edge in scene.edges:
        net.add_edge(edge.source, edge.target, **_vis_edge(edge))
    net.options = {
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 150,
            "dragNodes": False,
            "dragView": True,
            "zoomView": True,
        },
        "edges": {"smooth": False},
    }
    page = _render_template(net)
    page = _REMOTE_SCRIPT.sub("", _REMOTE_LINK.sub("", page))
    page = _EMPTY_HEADING.sub("", _DEAD_COMMENT.sub("", page))
    _check_inert(page)
    return page


@functools.cache
def _template() -> jinja2.Template:
    # pyvis compiles its template again for every Network; the template never changes.
    net = PyvisNetwork(cdn_resources="in_line")
    return net.templateEnv.get_template(net.path)


def _render_template(net: PyvisNetwork) -> str:
    nodes, edges, _heading, height, width, options = net.get_network_data()
    return _template().render(
        height=height,
        width=width,
        nodes=nodes,
        edges=edges,
        heading="",
        options=options,
        physics_enabled=False,
        use_DOT=False,
        dot_lang="",
        widget=False,
        bgcolor="#ffffff",
        conf=False,
        tooltip_link=False,
        neighborhood_highlight=False,
        select_menu=False,
        filter_menu=False,
        notebook=False,
        cdn_resources="in_line",
    )


def _check_inert(page: str) -> None:
    for data in _VIS_DATA.findall(page):
        if "<" in data:
            raise RuntimeError("ecomap data would not be inert inside its <script> block")


def _vis_node(node: EcomapNode) -> dict[str, object]:
    border = INK if node.is_ego else OUTLINE
    return {
        "label": node.label,
        "title": node.title,
        "x": node.x,
        "y": node.y,
        "fixed": True,
        "physics": False,
        "shape": "square" if node.is_service else "dot",
        "size": node.size,
        "borderWidth": 4 if node.is_ego else 1.5,
        "shapeProperties": {"borderDashes": [5, 3] if node.lead else False},
        "color": {
            "background": node.colour,
            "border": border,
            "highlight": {"background": node.colour, "border": border},
            "hover": {"background": node.colour, "border": border},
        },
        "font": {"size": node.label_size, "color": _INVISIBLE, "multi": False},
    }


def _vis_edge(edge: EcomapEdge) -> dict[str, object]:
    arrows = ", ".join(
        end for end, on in (("from", edge.arrow_at_source), ("to", edge.arrow_at_target)) if on
    )
    # a harmful tie is drawn jagged over the page, arrowheads and all; vis keeps it for hover
    jagged = edge.pattern == "jagged"
    smooth: object = False
    if edge.curve:
        smooth = {
            "enabled": True,
            "type": "curvedCW" if edge.curve > 0 else "curvedCCW",
            "roundness": 0.2 * abs(edge.curve),
        }
    return {
        "id": edge.id,
        "width": edge.width,
        "color": {
            "color": edge.colour,
            "highlight": edge.colour,
            "hover": edge.colour,
            "opacity": 0.0 if jagged else 1.0,
        },
        "dashes": list(edge.dashes) if edge.dashes else False,
        "arrows": arrows,
        "title": edge.title,
        "label": edge.label,
        "smooth": smooth,
        "font": {"color": _INVISIBLE, "strokeWidth": 0, "size": edge.label_size},
    }
