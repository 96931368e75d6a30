"""What the ecomap page adds to pyvis's: its stylesheet, the rings and wedges under the network, the
notation and names over it, and the choice of the first view. Only data from the scene reaches the
script, as JSON that cannot break out of it.
"""

from __future__ import annotations

import math

from netmap.renderers.ecomap_geometry import (
    LABEL_FONT,
    RING_GAP,
    RINGS,
    SECTOR_ORDER,
    outer_radius,
    ring_extent,
    sector_span,
)
from netmap.renderers.ecomap_labels import label_rows
from netmap.renderers.ecomap_marks import Shape, node_shapes, tie_shapes
from netmap.renderers.ecomap_scene import EcomapScene
from netmap.renderers.escape import script_json
from netmap.renderers.palette import BACKGROUND, INK, RING_INK, SECTOR_COLOURS
from netmap.renderers.text_metrics import FONT_FAMILY

__all__ = ["FONT_STACK", "MIN_LABEL_PX", "NARROW_PX", "backdrop_script", "page_style"]

# On a phone the whole map fits only at about a quarter scale, where names are 5 px high; the first
# view there is a close-up of the young person with names at least this many CSS pixels high.
MIN_LABEL_PX = 12
# Narrower than this, in CSS pixels, both the map and the screen count as a phone's.
NARROW_PX = 600
# Streamlit's own face is not available inside the iframe; this stack keeps tooltips and text sans-serif
FONT_STACK = (
    '"Source Sans Pro", "Source Sans 3", system-ui, -apple-system, "Segoe UI", Roboto, '
    '"Helvetica Neue", Arial, sans-serif'
)


def page_style(height: str) -> str:
    """The page's stylesheet: a column of header, map and legend.

    The map is ``height`` high when there is room (``height`` is a checked CSS length) and gives way
    to the legend, down to a minimum, so the legend is never cut off by the frame around the page.
    """
    return f"""<style>
html, body {{ height: 100%; margin: 0; }}
body {{ font-family: {FONT_STACK}; display: flex; flex-direction: column; box-sizing: border-box; padding: 4px; }}
body > .card {{ flex: 1 1 {height}; min-height: 260px; display: flex; flex-direction: column; }}
#mynetwork {{ flex: 1 1 0; height: auto !important; min-height: 0; float: none !important; }}
.embedded .standalone-only {{ display: none; }}
div.vis-tooltip {{ font-family: {FONT_STACK}; font-size: 14px; line-height: 1.35; background-color: #ffffff;
  border: 1px solid #767676; border-radius: 4px; padding: 6px 8px; white-space: pre-wrap; }}
.narrow-only {{ display: none; }}
.narrow .narrow-only {{ display: block; }}
#ecomap-whole {{ font: inherit; margin: 6px 0 0 0; padding: 6px 12px; border: 1px solid #767676;
  border-radius: 4px; background: #ffffff; }}
#ecomap-legend {{ flex: none; display: flex; flex-wrap: wrap; gap: 4px 20px; font-size: 13px; padding-top: 6px; }}
#ecomap-legend section {{ flex: 1 1 220px; }}
#ecomap-legend h2 {{ font-size: 13px; margin: 0 0 2px 0; }}
#ecomap-legend ul {{ list-style: none; padding: 0; margin: 0; display: grid; gap: 0 10px;
  grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); }}
#ecomap-legend li {{ display: flex; align-items: center; gap: 6px; line-height: 1.2; margin: 1px 0; }}
#ecomap-legend svg.sample {{ flex: none; width: 36px; height: 19px; }}
</style>
<script>if (window.self !== window.top) document.documentElement.classList.add("embedded");</script>
"""


def _shape(shape: Shape) -> dict[str, object]:
    return {
        "points": [[round(x, 1), round(y, 1)] for x, y in shape.points],
        "stroke": shape.stroke,
        "width": shape.width,
        "fill": shape.fill,
        "closed": shape.closed,
        "text": shape.text,
        "size": round(shape.size, 1),
    }


def _overlay(scene: EcomapScene) -> dict[str, object]:
    """What is drawn over vis-network's own drawing: notation marks, leader lines, every name."""
    shapes = []
    for edge in scene.edges:
        for shape in tie_shapes(edge):
            # vis draws plain arrowheads itself, except on a jagged tie, which it does not draw at all
            if shape.role != "arrow" or edge.pattern == "jagged":
                shapes.append(_shape(shape))
    texts: list[dict[str, object]] = []
    for node in scene.nodes:
        shapes += [_shape(shape) for shape in node_shapes(node)]
        if node.leader:
            shapes.append(_shape(Shape("leader", node.leader, RING_INK, 1.5)))
        rows = label_rows(node.label_lines, node.note, node.label_size, node.note_size, node.label_y)
        for i, (text, baseline, size) in enumerate(rows):
            note = bool(node.note) and i == len(rows) - 1
            texts.append(
                {"text": text, "x": node.label_x, "y": round(baseline, 1), "size": size,
                 "bold": node.is_ego and not note, "italic": note, "colour": INK}
            )  # fmt: skip
    for edge in scene.edges:
        if edge.label:
            baseline = round(edge.label_y + 0.95 * edge.label_size, 1)
            texts.append(
                {"text": edge.label, "x": edge.label_x, "y": baseline, "size": edge.label_size,
                 "bold": True, "italic": False, "colour": edge.colour}
            )  # fmt: skip
    rings = [
        {"text": t.text, "x": t.x, "y": t.baseline, "size": t.size, "r": t.box.width / 2,
         "cy": (t.box.y0 + t.box.y1) / 2}
        for t in scene.backdrop_text if t.kind == "ring"
    ]  # fmt: skip
    sectors = [
        {"text": t.text, "x": t.x, "y": t.baseline, "size": t.size}
        for t in scene.backdrop_text
        if t.kind == "sector"
    ]
    return {"shapes": shapes, "texts": texts, "rings": rings, "sectorNames": sectors}


def backdrop_script(scene: EcomapScene) -> str:
    """Draw the wedges, rings and their numbers under the network, the notation and names over it,
    and choose the first view.

    The first view holds the whole outer ring with every sector name, except on a phone (the map
    and the screen both narrower than ``NARROW_PX``): there it is centred on the young person at a
    scale where names are ``MIN_LABEL_PX`` high, and pinching, dragging or the "Show the whole
    map" button reach the rest.
    """
    config = {
        "orbits": [ring * RING_GAP for ring in range(1, RINGS + 1)],
        "outer": outer_radius(),
        "extent": ring_extent(),
        "family": FONT_FAMILY,
        "ink": INK,
        "ringInk": RING_INK,
        "paper": BACKGROUND,
        "narrow": NARROW_PX,
        "readable": MIN_LABEL_PX / LABEL_FONT,
        "sectors": [
            {
                "start": math.radians(sector_span(s)[0]),
                "end": math.radians(sector_span(s)[1]),
                "colour": SECTOR_COLOURS[s],
            }
            for s in SECTOR_ORDER
        ],
        **_overlay(scene),
    }
    return f"""<script type="text/javascript">
(function () {{
  var config = {script_json(config)};
  function font(size, bold, italic) {{
    return (italic ? "italic " : "") + (bold ? "bold " : "") + size + "px " + config.family;
  }}
  function say(ctx, text, x, y, colour) {{
    ctx.lineJoin = "round"; ctx.lineWidth = 5; ctx.strokeStyle = config.paper; ctx.strokeText(text, x, y);
    ctx.fillStyle = colour; ctx.fillText(text, x, y);
  }}
  network.on("beforeDrawing", function (ctx) {{
    ctx.save();
    config.sectors.forEach(function (s) {{
      ctx.beginPath(); ctx.moveTo(0, 0); ctx.arc(0, 0, config.outer, s.start, s.end); ctx.closePath();
      ctx.globalAlpha = 0.07; ctx.fillStyle = s.colour; ctx.fill();
      ctx.globalAlpha = 1; ctx.lineWidth = 1.5; ctx.strokeStyle = s.colour; ctx.setLineDash([]); ctx.stroke();
    }});
    ctx.strokeStyle = config.ringInk; ctx.lineWidth = 1.5; ctx.setLineDash([6, 6]);
    config.orbits.forEach(function (r) {{ ctx.beginPath(); ctx.arc(0, 0, r, 0, 2 * Math.PI); ctx.stroke(); }});
    ctx.setLineDash([]); ctx.textAlign = "center"; ctx.textBaseline = "alphabetic";
    config.sectorNames.forEach(function (t) {{
      ctx.font = font(t.size, true, false); ctx.fillStyle = config.ink; ctx.fillText(t.text, t.x, t.y);
    }});
    config.rings.forEach(function (t) {{
      ctx.beginPath(); ctx.arc(t.x, t.cy, t.r, 0, 2 * Math.PI); ctx.fillStyle = config.paper; ctx.fill();
      ctx.strokeStyle = config.ringInk; ctx.stroke();
      ctx.font = font(t.size, true, false); ctx.fillStyle = config.ink; ctx.fillText(t.text, t.x, t.y);
    }});
    ctx.restore();
  }});
  network.on("afterDrawing", function (ctx) {{
    ctx.save();
    ctx.setLineDash([]); ctx.lineCap = "round"; ctx.lineJoin = "round"; ctx.textAlign = "center";
    config.shapes.forEach(function (s) {{
      if (s.text) {{
        ctx.font = font(s.size, true, false); ctx.fillStyle = s.fill;
        ctx.fillText(s.text, s.points[0][0], s.points[0][1]);
        return;
      }}
      ctx.beginPath(); ctx.moveTo(s.points[0][0], s.points[0][1]);
      s.points.slice(1).forEach(function (p) {{ ctx.lineTo(p[0], p[1]); }});
      if (s.closed) {{ ctx.closePath(); ctx.fillStyle = s.fill; ctx.fill(); }}
      if (s.stroke) {{ ctx.lineWidth = s.width; ctx.strokeStyle = s.stroke; ctx.stroke(); }}
    }});
    config.texts.forEach(function (t) {{
      ctx.font = font(t.size, t.bold, t.italic); say(ctx, t.text, t.x, t.y, t.colour);
    }});
    ctx.restore();
  }});
  var whole = false, button = document.getElementById("ecomap-whole");
  function narrow(box) {{ return Math.max(box.clientWidth, window.screen.width) < config.narrow; }}
  // vis-network fits the view to the nodes; a sparse map would then cut off the rings and sector names
  function fitRings() {{
    var box = document.getElementById("mynetwork"), e = config.extent;
    if (!box.clientWidth || !box.clientHeight) return;
    var scale = Math.min(box.clientWidth / (e.right - e.left), box.clientHeight / (e.bottom - e.top));
    var centre = {{x: (e.left + e.right) / 2, y: (e.top + e.bottom) / 2}};
    document.body.classList.toggle("narrow", narrow(box));
    if (narrow(box) && !whole && scale < config.readable) {{
      scale = config.readable;
      centre = {{x: 0, y: 0}};
    }}
    network.moveTo({{position: centre, scale: scale}});
  }}
  if (button) button.addEventListener("click", function () {{
    whole = !whole;
    button.textContent = whole ? "Zoom in on the centre" : "Show the whole map";
    fitRings();
  }});
  fitRings();
  network.once("afterDrawing", function () {{ fitRings(); }});
  // vis restores its own camera right after announcing a resize: choose the view after that
  network.on("resize", function () {{ setTimeout(fitRings, 0); }});
}})();
</script>
"""
