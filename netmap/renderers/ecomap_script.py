"""What the ecomap page adds to pyvis's: its stylesheet and the script drawing rings and choosing the first view."""

from __future__ import annotations

import math

from netmap.renderers.ecomap_layout import (
    RING_GAP,
    RINGS,
    SECTOR_COLOURS,
    SECTOR_LABELS,
    SECTOR_ORDER,
    ring_extent,
    sector_span,
)
from netmap.renderers.ecomap_vis import NODE_FONT
from netmap.renderers.escape import script_json

__all__ = ["FONT_STACK", "MIN_LABEL_PX", "NARROW_PX", "PAGE_STYLE", "SECTOR_FONT", "backdrop_script"]

SECTOR_FONT = 28
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
PAGE_STYLE = f"""<style>
body {{ font-family: {FONT_STACK}; }}
.embedded .standalone-only {{ display: none; }}
div.vis-tooltip {{ font-family: {FONT_STACK}; font-size: 14px; line-height: 1.35; background-color: #ffffff;
  border: 1px solid #999999; border-radius: 4px; padding: 6px 8px; }}
.narrow-only {{ display: none; }}
.narrow .narrow-only {{ display: block; }}
#ecomap-whole {{ font: inherit; margin: 6px 0 0 0; padding: 6px 12px; border: 1px solid #999999;
  border-radius: 4px; background: #ffffff; }}
</style>
<script>if (window.self !== window.top) document.documentElement.classList.add("embedded");</script>
"""


def backdrop_script() -> str:
    """Draw the rings and sector wedges under the network and choose the first view; only constants reach the script.

    The first view holds the whole outer ring with every sector name, except on a phone (the map
    and the screen both narrower than ``NARROW_PX``): there it is centred on the young person at a
    scale where names are ``MIN_LABEL_PX`` high, and pinching, dragging or the "Show the whole
    map" button reach the rest.
    """
    outer = (RINGS + 0.5) * RING_GAP
    config = {
        "orbits": [ring * RING_GAP for ring in range(1, RINGS + 1)],
        "outer": outer,
        "extent": ring_extent(),
        "font": f"bold {SECTOR_FONT}px sans-serif",
        "narrow": NARROW_PX,
        "readable": MIN_LABEL_PX / NODE_FONT,
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
  network.on("resize", function () {{ fitRings(); }});
}})();
</script>
"""
