"""Ecomap renderers: a standalone offline HTML page (pyvis / vis-network) and a static SVG."""

from __future__ import annotations

import functools
import math
import re

import jinja2
from pyvis.network import Network as PyvisNetwork

from netmap.models import Network, Perspective, Valence
from netmap.views.ecomap_layout import (
    RING_GAP,
    RINGS,
    SECTOR_COLOURS,
    SECTOR_LABELS,
    SECTOR_ORDER,
    STRESSFUL_DASHES,
    TENUOUS_DASHES,
    VALENCE_COLOURS,
    EcomapEdge,
    EcomapFilters,
    EcomapNode,
    EcomapScene,
    build_scene,
    ring_extent,
    sector_span,
)
from netmap.views.escape import css_length, html_text, script_json, svg_text

__all__ = ["EcomapFilters", "ecomap_svg", "render_ecomap"]

EGO_SIZE = 26
MEMBER_SIZE = 14
NODE_FONT = 22
EGO_FONT = 28
SECTOR_FONT = 28
# Streamlit's own face is not available inside the iframe; this stack keeps tooltips and text sans-serif
FONT_STACK = (
    '"Source Sans Pro", "Source Sans 3", system-ui, -apple-system, "Segoe UI", Roboto, '
    '"Helvetica Neue", Arial, sans-serif'
)
_PAGE_STYLE = f"""<style>
body {{ font-family: {FONT_STACK}; }}
.embedded .standalone-only {{ display: none; }}
div.vis-tooltip {{ font-family: {FONT_STACK}; font-size: 14px; line-height: 1.35; background-color: #ffffff;
  border: 1px solid #999999; border-radius: 4px; padding: 6px 8px; }}
</style>
<script>if (window.self !== window.top) document.documentElement.classList.add("embedded");</script>
"""
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?(?:https?:)?//[^>]*>", re.I)
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>\s*</script\s*>", re.I)
_DEAD_COMMENT = re.compile(r"<!--\s*<link[^>]*node_modules.*?-->", re.S)
_EMPTY_HEADING = re.compile(r"<center>\s*<h1>\s*</h1>\s*</center>", re.I)
_VIS_DATA = re.compile(r"new vis\.DataSet\((.*)\);$", re.M)
_VIEW_WORDS = {
    None: "All views",
    Perspective.YOUNG_PERSON: "The young person's view",
    Perspective.PRACTITIONER: "The practitioner's view",
}
_LEGEND_TIES = (
    ("Strong", VALENCE_COLOURS[Valence.POSITIVE], 6.0, None),
    ("Moderate", VALENCE_COLOURS[Valence.POSITIVE], 3.0, None),
    ("Tenuous", VALENCE_COLOURS[Valence.POSITIVE], 1.5, TENUOUS_DASHES),
    ("Mixed", VALENCE_COLOURS[Valence.MIXED], 3.0, None),
    ("Stressful", VALENCE_COLOURS[Valence.STRESSFUL], 3.0, STRESSFUL_DASHES),
    ("Harmful", VALENCE_COLOURS[Valence.HARMFUL], 7.0, None),
)


def render_ecomap(
    network: Network,
    *,
    perspective: Perspective | None = None,
    filters: EcomapFilters | None = None,
    height: str = "720px",
) -> str:
    """A complete, offline HTML document showing the case's ecomap.

    Positions are fixed (physics off) and the first view shows the whole outer ring with every
    sector name. Labels and titles reach vis-network as plain text: it draws labels on the canvas
    and shows string titles with ``innerText``; pyvis's ``innerHTML`` tooltip mode is never
    switched on, and the data is embedded as script-safe JSON. Shown inside a page (an iframe), the
    header leaves out the case title, which the page already shows; the date and view stay.
    """
    scene = build_scene(network, perspective=perspective, filters=filters)
    net = PyvisNetwork(height=css_length(height), width="100%", directed=True, cdn_resources="in_line")
    for node in scene.nodes:
        net.add_node(node.id, **_vis_node(node))
    for edge in scene.edges:
        net.add_edge(edge.source, edge.target, **_vis_edge(edge))
    net.options = {
        "physics": {"enabled": False},
        "interaction": {"hover": True, "tooltipDelay": 150, "dragNodes": False},
        "edges": {"smooth": False, "font": {"size": 20, "align": "horizontal", "strokeWidth": 0}},
        "nodes": {"font": {"size": NODE_FONT, "face": "sans-serif", "background": "#ffffff"}},
    }
    page = _render_template(net)
    page = _REMOTE_SCRIPT.sub("", _REMOTE_LINK.sub("", page))
    page = _EMPTY_HEADING.sub("", _DEAD_COMMENT.sub("", page))
    # after vis-network's own stylesheet, so our rules win where both set the same property
    head = f"<title>Ecomap: {html_text(scene.title)}</title>\n{_PAGE_STYLE}</head>"
    page = page.replace("</head>", head, 1)
    page = page.replace("<body>", "<body>\n" + _header_html(scene), 1)
    page = page.replace("</body>", _legend_html(scene) + _backdrop_script() + "</body>", 1)
    _check_inert(page)
    return page


@functools.cache
def _template() -> jinja2.Template:
    # pyvis compiles its template again for every Network; the template never changes.
    net = PyvisNetwork(cdn_resources="in_line")
    return net.templateEnv.get_template(net.path)


def _render_template(net: PyvisNetwork) -> str:
    nodes, edges, _heading, height, width, options = net.get_network_data()
    template = _template()
    return template.render(
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
    border = "#000000" if node.is_ego else "#444444"
    size = EGO_SIZE if node.is_ego else MEMBER_SIZE
    font_size = EGO_FONT if node.is_ego else NODE_FONT
    return {
        "label": node.label,
        "title": node.title,
        "x": node.x,
        "y": node.y,
        "fixed": True,
        "physics": False,
        "shape": "square" if node.is_service else "dot",
        "size": size,
        "borderWidth": 4 if node.is_ego else 1,
        "color": {"background": node.colour, "border": border},
        "font": {"size": font_size, "multi": False, "background": "#ffffff"},
    }


def _vis_edge(edge: EcomapEdge) -> dict[str, object]:
    arrows = ", ".join(
        end for end, on in (("from", edge.arrow_at_source), ("to", edge.arrow_at_target)) if on
    )
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
        "color": {"color": edge.colour, "highlight": edge.colour, "hover": edge.colour},
        "dashes": list(edge.dashes) if edge.dashes else False,
        "arrows": arrows,
        "title": edge.title,
        "label": edge.label,
        "smooth": smooth,
        "font": {
            "color": edge.colour,
            "multi": False,
            "size": 22,
            "align": "horizontal",
            "background": "#ffffff",
            "face": "sans-serif",
        },
    }


def _header_html(scene: EcomapScene) -> str:
    title = (
        f'<strong class="standalone-only">Ecomap: {html_text(scene.title)}</strong>'
        '<span class="standalone-only"> · </span>'
    )
    return (
        '<div id="ecomap-header" style="margin: 4px 0 8px 0">'
        f"{title}"
        f'Map as of <time datetime="{scene.as_of.isoformat()}">{scene.as_of:%d %B %Y}</time> · '
        f"{_VIEW_WORDS[scene.perspective]}</div>\n"
    )


def _legend_html(scene: EcomapScene) -> str:
    sectors = "".join(
        f'<li><span style="display:inline-block;width:12px;height:12px;border-radius:6px;'
        f'background:{SECTOR_COLOURS[s]}"></span> {html_text(SECTOR_LABELS[s])}</li>'
        for s in SECTOR_ORDER
    )
    ties = "".join(
        f'<li><svg width="48" height="10" aria-hidden="true"><line x1="0" y1="5" x2="48" y2="5" '
        f'stroke="{colour}" stroke-width="{width}"{_dasharray(dashes)}/></svg> {label}</li>'
        for label, colour, width, dashes in _LEGEND_TIES
    )
    return (
        '<div id="ecomap-legend" style="clear: both; font-size: 13px; flex-wrap: wrap; '
        'display: flex; gap: 32px; padding-top: 8px">'
        f'<div><strong>Sectors</strong><ul style="list-style:none;padding:0;margin:4px 0">{sectors}</ul></div>'
        f'<div><strong>Ties</strong><ul style="list-style:none;padding:0;margin:4px 0">{ties}</ul></div>'
        "<div><strong>Reading the map</strong>"
        '<ul style="list-style:none;padding:0;margin:4px 0">'
        "<li>The young person is in the centre; ring 1 is closest, ring 4 furthest.</li>"
        "<li>Arrows show the direction support flows.</li>"
        "<li>Squares are services; circles are people.</li>"
        f"<li>{len(scene.nodes)} people and services, {len(scene.edges)} ties shown.</li>"
        "</ul></div></div>\n"
    )


def _backdrop_script() -> str:
    """Draw the rings and sector wedges under the network and fit the view to them; only constants reach the script."""
    outer = (RINGS + 0.5) * RING_GAP
    config = {
        "orbits": [ring * RING_GAP for ring in range(1, RINGS + 1)],
        "outer": outer,
        "extent": ring_extent(),
        "font": f"bold {SECTOR_FONT}px sans-serif",
        "sectors": [
            {
                "start": math.radians(sector_span(s)[0]),
                "end": math.radians(sector_span(s)[1]),
                "colour": SECTOR_COLOURS[s],
                "label": SECTOR_LABELS[s],
            }
            for s in SECTOR_ORDER
        ],
    }
    return f"""<script type="text/javascript">
(function () {{
  var config = {script_json(config)};
  network.on("beforeDrawing", function (ctx) {{
    ctx.save();
    config.sectors.forEach(function (s) {{
      ctx.beginPath(); ctx.moveTo(0, 0); ctx.arc(0, 0, config.outer, s.start, s.end); ctx.closePath();
      ctx.globalAlpha = 0.08; ctx.fillStyle = s.colour; ctx.fill();
      ctx.globalAlpha = 0.5; ctx.strokeStyle = s.colour; ctx.setLineDash([]); ctx.stroke();
      var mid = (s.start + s.end) / 2;
      ctx.globalAlpha = 1; ctx.font = config.font; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.fillText(s.label, Math.cos(mid) * (config.outer + 34), Math.sin(mid) * (config.outer + 34));
    }});
    ctx.globalAlpha = 0.6; ctx.strokeStyle = "#999999"; ctx.setLineDash([4, 6]);
    config.orbits.forEach(function (r) {{ ctx.beginPath(); ctx.arc(0, 0, r, 0, 2 * Math.PI); ctx.stroke(); }});
    ctx.restore();
  }});
  // vis-network fits the view to the nodes; a sparse map would then cut off the rings and sector names
  function fitRings() {{
    var box = document.getElementById("mynetwork"), e = config.extent;
    if (!box.clientWidth || !box.clientHeight) return;
    var scale = Math.min(box.clientWidth / (e.right - e.left), box.clientHeight / (e.bottom - e.top));
    network.moveTo({{position: {{x: (e.left + e.right) / 2, y: (e.top + e.bottom) / 2}}, scale: scale}});
  }}
  fitRings();
  network.once("afterDrawing", fitRings);
  network.on("resize", fitRings);
}})();
</script>
"""


def _dasharray(dashes: tuple[int, ...] | None) -> str:
    return f' stroke-dasharray="{" ".join(map(str, dashes))}"' if dashes else ""


# --------------------------------------------------------------------------- static SVG


def ecomap_svg(
    network: Network,
    *,
    perspective: Perspective | None = None,
    filters: EcomapFilters | None = None,
) -> str:
    """The same ecomap as a standalone SVG document (for reports, PDF and printing in custody).

    >>> from netmap.models import Case, Person
    >>> case = Case(id="c-1", title="Demo", ego_id="p-1")
    >>> svg = ecomap_svg(Network(case=case, people=[Person(id="p-1", name="Sam")]))
    >>> svg.startswith("<svg") and "Sam" in svg
    True
    """
    scene = build_scene(network, perspective=perspective, filters=filters)
    outer = (RINGS + 0.5) * RING_GAP
    left, top = -outer - 80, -outer - 100
    width, height = 2 * outer + 160 + 240, 2 * outer + 180
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{left:.0f} {top:.0f} {width:.0f} {height:.0f}" '
        f'font-family="sans-serif" role="img">',
        f"<title>Ecomap: {svg_text(scene.title)}</title>",
        _svg_markers(),
        f'<text x="{left + 20:.0f}" y="{top + 36:.0f}" font-size="26" font-weight="bold">'
        f"Ecomap: {svg_text(scene.title)}</text>",
        f'<text class="map-date" x="{left + 20:.0f}" y="{top + 66:.0f}" font-size="18">'
        f"Map as of {scene.as_of:%d %B %Y} · {_VIEW_WORDS[scene.perspective]}</text>",
        _svg_backdrop(outer),
        *(_svg_edge(scene, edge) for edge in scene.edges),
        *(_svg_node(node) for node in scene.nodes),
        _svg_legend(outer + 100, -outer),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def _svg_markers() -> str:
    markers = "".join(
        f'<marker id="arrow-{valence}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="14" '
        f'markerHeight="14" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/></marker>'
        for valence, colour in VALENCE_COLOURS.items()
    )
    return f"<defs>{markers}</defs>"


def _svg_backdrop(outer: float) -> str:
    parts = ['<g class="backdrop">']
    for sector in SECTOR_ORDER:
        start, end = (math.radians(a) for a in sector_span(sector))
        x1, y1, x2, y2 = (
            outer * math.cos(start),
            outer * math.sin(start),
            outer * math.cos(end),
            outer * math.sin(end),
        )
        mid = (start + end) / 2
        parts.append(
            f'<path class="sector" data-sector="{sector}" d="M0,0 L{x1:.1f},{y1:.1f} A{outer:.0f},{outer:.0f} 0 0 1 '
            f'{x2:.1f},{y2:.1f} Z" fill="{SECTOR_COLOURS[sector]}" fill-opacity="0.08" '
            f'stroke="{SECTOR_COLOURS[sector]}" stroke-opacity="0.5"/>'
        )
        parts.append(
            f'<text x="{math.cos(mid) * (outer + 34):.1f}" y="{math.sin(mid) * (outer + 34):.1f}" '
            f'font-size="20" font-weight="bold" text-anchor="middle">{svg_text(SECTOR_LABELS[sector])}</text>'
        )
    for ring in range(1, RINGS + 1):
        parts.append(
            f'<circle class="orbit" data-ring="{ring}" cx="0" cy="0" r="{ring * RING_GAP:.0f}" fill="none" '
            'stroke="#999999" stroke-dasharray="4 6"/>'
        )
    parts.append("</g>")
    return "".join(parts)


def _svg_edge(scene: EcomapScene, edge: EcomapEdge) -> str:
    a, b = scene.node(edge.source), scene.node(edge.target)
    (x1, y1), (x2, y2) = _trim(a, b)
    markers = "".join(
        f' {attr}="url(#arrow-{edge.valence})"'
        for attr, on in (("marker-start", edge.arrow_at_source), ("marker-end", edge.arrow_at_target))
        if on
    )
    if edge.curve:
        bend = 0.2 * edge.curve * math.dist((x1, y1), (x2, y2))
        length = math.dist((x1, y1), (x2, y2)) or 1.0
        cx = (x1 + x2) / 2 - (y2 - y1) / length * bend
        cy = (y1 + y2) / 2 + (x2 - x1) / length * bend
        shape = f'<path d="M{x1:.1f},{y1:.1f} Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" fill="none"'
        mx, my = (x1 + 2 * cx + x2) / 4, (y1 + 2 * cy + y2) / 4
    else:
        shape = f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}"'
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    label = (
        f'<text x="{mx:.1f}" y="{my - 6:.1f}" font-size="14" font-weight="bold" text-anchor="middle" '
        f'fill="{edge.colour}">{svg_text(edge.label)}</text>'
        if edge.label
        else ""
    )
    return (
        f'<g class="tie" data-tie-id="{svg_text(edge.id)}" data-valence="{edge.valence}" '
        f'data-strength="{edge.strength}"><title>{svg_text(edge.title)}</title>'
        f'{shape} stroke="{edge.colour}" stroke-width="{edge.width}"{_dasharray(edge.dashes)}{markers}/>'
        f"{label}</g>"
    )


def _trim(a: EcomapNode, b: EcomapNode) -> tuple[tuple[float, float], tuple[float, float]]:
    """The segment between two nodes, shortened to their outlines so arrowheads stay visible."""
    length = math.dist((a.x, a.y), (b.x, b.y)) or 1.0
    ux, uy = (b.x - a.x) / length, (b.y - a.y) / length
    ra, rb = ((EGO_SIZE if n.is_ego else MEMBER_SIZE) + 2 for n in (a, b))
    return (a.x + ux * ra, a.y + uy * ra), (b.x - ux * rb, b.y - uy * rb)


def _svg_node(node: EcomapNode) -> str:
    size = EGO_SIZE if node.is_ego else MEMBER_SIZE
    stroke = 'stroke="#000000" stroke-width="4"' if node.is_ego else 'stroke="#444444" stroke-width="1"'
    if node.is_service:
        shape = (
            f'<rect x="{node.x - size:.1f}" y="{node.y - size:.1f}" width="{2 * size}" height="{2 * size}"'
        )
    else:
        shape = f'<circle cx="{node.x:.1f}" cy="{node.y:.1f}" r="{size}"'
    classes = "member ego" if node.is_ego else "member"
    return (
        f'<g class="{classes}" data-person-id="{svg_text(node.id)}" data-ring="{node.ring}" '
        f'data-sector="{node.sector or ""}"><title>{svg_text(node.title)}</title>'
        f'{shape} fill="{node.colour}" {stroke}/>'
        f'<text x="{node.x:.1f}" y="{node.y + size + 16:.1f}" font-size="{16 if node.is_ego else 13}" '
        f'text-anchor="middle" stroke="#ffffff" stroke-width="4" paint-order="stroke">'
        f"{svg_text(node.label)}</text></g>"
    )


def _svg_legend(x: float, y: float) -> str:
    rows = [
        f'<g class="legend" transform="translate({x:.0f},{y:.0f})">',
        '<text x="0" y="0" font-size="18" font-weight="bold">Sectors</text>',
    ]
    for i, sector in enumerate(SECTOR_ORDER):
        rows.append(
            f'<circle cx="8" cy="{24 + 24 * i}" r="8" fill="{SECTOR_COLOURS[sector]}"/>'
            f'<text x="24" y="{29 + 24 * i}" font-size="15">{svg_text(SECTOR_LABELS[sector])}</text>'
        )
    top = 24 + 24 * len(SECTOR_ORDER) + 30
    rows.append(f'<text x="0" y="{top}" font-size="18" font-weight="bold">Ties</text>')
    for i, (label, colour, width, dashes) in enumerate(_LEGEND_TIES):
        ly = top + 24 + 24 * i
        rows.append(
            f'<line x1="0" y1="{ly - 5}" x2="48" y2="{ly - 5}" stroke="{colour}" stroke-width="{width}"'
            f'{_dasharray(dashes)}/><text x="58" y="{ly}" font-size="15">{label}</text>'
        )
    rows.append("</g>")
    return "".join(rows)
