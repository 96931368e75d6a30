// Ecomap editor, part 3: drawing the scene as SVG. Every name reaches the page through textContent or
// setAttribute, never as markup.

function symbolScale(view) {
  return Math.min(1.8, Math.max(1, Math.sqrt(view.k / view.fit)));
}

function nodeRadius(node, view) {
  return (node.ego ? 16 : 10) * symbolScale(view);
}

function arrowId(colour) {
  return "nm-arrow-" + colour.replace(/[^0-9a-zA-Z]/g, "");
}

// One arrowhead per line colour, made once and kept.
function addMarkers(defs, edges) {
  for (const colour of new Set(edges.map((e) => e.colour))) {
    if (defs.querySelector(`#${arrowId(colour)}`)) continue;
    const marker = svgElement(
      "marker",
      {
        id: arrowId(colour),
        viewBox: "0 0 10 10",
        refX: 9,
        refY: 5,
        markerWidth: 14,
        markerHeight: 14,
        markerUnits: "userSpaceOnUse",
        orient: "auto-start-reverse",
      },
      defs,
    );
    svgElement("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: colour }, marker);
  }
}

function drawBackdrop(ed) {
  const layer = ed.layers.backdrop;
  layer.replaceChildren();
  const g = ed.data.geometry;
  const v = ed.view;
  const [cx, cy] = toScreen(v, 0, 0);
  const gap = g.ringGap * v.k;
  const outer = (g.rings + 0.5) * gap;
  for (const sector of g.sectors) {
    svgElement(
      "path",
      { d: wedgePath(cx, cy, gap / 2, outer, sector.start, sector.end), fill: sector.colour, class: "nm-wedge" },
      layer,
    );
  }
  for (let ring = 1; ring <= g.rings; ring++) {
    svgElement("circle", { cx: cx, cy: cy, r: (ring + 0.5) * gap, class: "nm-band-edge" }, layer);
    svgElement("circle", { cx: cx, cy: cy, r: ring * gap, class: "nm-orbit" }, layer);
  }
  svgElement("circle", { cx: cx, cy: cy, r: gap / 2, class: "nm-band-edge" }, layer);
  for (const sector of g.sectors) {
    const rad = (sector.start * Math.PI) / 180;
    svgElement(
      "line",
      {
        x1: cx + (gap / 2) * Math.cos(rad),
        y1: cy + (gap / 2) * Math.sin(rad),
        x2: cx + outer * Math.cos(rad),
        y2: cy + outer * Math.sin(rad),
        class: "nm-divider",
      },
      layer,
    );
    const middle = (((sector.start + sector.end) / 2) * Math.PI) / 180;
    const x = cx + (outer + 12) * Math.cos(middle);
    const y = cy + (outer + 12) * Math.sin(middle);
    const anchor = Math.abs(Math.cos(middle)) < 0.3 ? "middle" : Math.cos(middle) > 0 ? "start" : "end";
    const label = svgElement(
      "text",
      { x: x, y: y, "text-anchor": anchor, "dominant-baseline": "middle", class: "nm-sector-name" },
      layer,
    );
    label.textContent = sector.label;
    keepInside(label, anchor, x, ed.size[0]);
  }
  for (const [ring, [x, y]] of ringBadges(ed).entries()) {
    svgElement("circle", { cx: x, cy: y, r: 9, class: "nm-ring-badge" }, layer);
    const number = svgElement(
      "text",
      { x: x, y: y, "text-anchor": "middle", "dominant-baseline": "central", class: "nm-ring-number" },
      layer,
    );
    number.textContent = String(ring + 1);
  }
}

// Ring numbers sit where netmap's pictures put them: on a line between two wedges, where nobody is placed.
function ringBadges(ed) {
  const g = ed.data.geometry;
  const [cx, cy] = toScreen(ed.view, 0, 0);
  const seam = (g.ringNumberAngle * Math.PI) / 180;
  const badges = [];
  for (let ring = 1; ring <= g.rings; ring++) {
    const r = ring * g.ringGap * ed.view.k;
    badges.push([cx + r * Math.cos(seam), cy + r * Math.sin(seam)]);
  }
  return badges;
}

// Shift a sector name sideways so the whole of it is on screen, however narrow the map. Its length is
// estimated (bold 13 px letters), so drawing never waits for the page's layout.
function keepInside(label, anchor, x, width) {
  const length = label.textContent.length * 13 * 0.62;
  const left = anchor === "end" ? x - length : anchor === "middle" ? x - length / 2 : x;
  const shift = Math.max(4 - left, 0) + Math.min(width - 4 - (left + length), 0);
  if (shift) label.setAttribute("x", x + shift);
}

function nodeWords(ed, node) {
  const marks = [
    node.deceased ? "has died" : "",
    node.unknown ? "name not known yet" : "",
    node.restricted ? "a restriction applies" : "",
    node.note,
  ].filter(Boolean);
  const about = marks.length ? `, ${marks.join(", ")}` : "";
  if (node.ego) return `${node.label}, the young person, in the centre${about}`;
  const sector = ed.data.geometry.sectors.find((s) => s.id === node.sector);
  return `${node.label}, ${sector ? sector.label : ""}, ring ${node.ring}${about}`;
}

function edgeWords(ed, edge) {
  const words = ed.data.words;
  const strength = words.strength.find(([k]) => k === edge.strength);
  const valence = words.valence.find(([k]) => k === edge.valence);
  return (
    `Relationship between ${ed.nodes.get(edge.source).label} and ${ed.nodes.get(edge.target).label}: ` +
    `${strength ? strength[1] : ""}, ${valence ? valence[1] : ""}`
  );
}

// Make the page's people and lines match the data, reusing each element by its record's id: an element
// that stays keeps its place in the page (and keyboard focus), so drawing again costs little.
function syncNodes(ed) {
  const old = ed.nodeEls;
  ed.nodeEls = new Map();
  for (const node of ed.data.nodes) {
    let els = old.get(node.id);
    if (!els || els.service !== node.service) {
      if (els) els.g.remove();
      const g = svgElement("g", { tabindex: 0, role: "button", "data-id": node.id }, ed.layers.nodes);
      const title = svgElement("title", {}, g);
      svgElement("circle", { r: 22, class: "nm-hit" }, g);
      const shape = svgElement(node.service ? "rect" : "circle", { class: "nm-symbol" }, g);
      const marks = svgElement("g", { class: "nm-marks" }, g);
      const label = svgElement("text", { class: "nm-label" }, g);
      els = { g: g, title: title, shape: shape, marks: marks, label: label, service: node.service };
    }
    old.delete(node.id);
    els.g.setAttribute("class", "nm-node" + (node.ego ? " nm-ego" : ""));
    els.g.setAttribute("aria-label", nodeWords(ed, node));
    els.g.dataset.ring = node.ring;
    els.g.dataset.sector = node.sector || "";
    els.g.dataset.version = node.version;
    els.g.dataset.label = node.label; // the whole name, whatever fits on screen beside the symbol
    els.title.textContent = node.title;
    els.shape.setAttribute("fill", node.colour);
    // a lead not yet reached has a dashed outline, as in the legend
    if (node.lead) els.shape.setAttribute("stroke-dasharray", "4 3");
    else els.shape.removeAttribute("stroke-dasharray");
    drawMarks(els.marks, node);
    ed.nodeEls.set(node.id, els);
  }
  for (const els of old.values()) els.g.remove();
}

function syncEdges(ed) {
  const old = ed.edgeEls;
  ed.edgeEls = new Map();
  for (const edge of ed.data.edges) {
    let els = old.get(edge.id);
    if (!els) {
      const g = svgElement("g", { class: "nm-edge", tabindex: -1, role: "button", "data-id": edge.id }, ed.layers.edges);
      const title = svgElement("title", {}, g);
      const hit = svgElement("path", { class: "nm-edge-hit" }, g);
      const line = svgElement("path", { class: "nm-edge-line", fill: "none" }, g);
      const hatches = svgElement("path", { class: "nm-edge-hatch", fill: "none" }, g);
      const text = svgElement("text", { "text-anchor": "middle", class: "nm-edge-label" }, g);
      els = { g: g, title: title, hit: hit, line: line, hatches: hatches, text: text };
    }
    old.delete(edge.id);
    els.g.setAttribute("aria-label", edgeWords(ed, edge));
    els.g.dataset.version = edge.version;
    els.g.dataset.source = edge.source;
    els.g.dataset.target = edge.target;
    els.title.textContent = edge.title;
    const line = els.line;
    line.setAttribute("stroke", edge.colour);
    line.setAttribute("stroke-width", edge.width);
    const marker = `url(#${arrowId(edge.colour)})`;
    for (const [name, on] of [["stroke-dasharray", edge.dashes.length], ["marker-end", edge.arrowTarget], ["marker-start", edge.arrowSource]]) {
      if (!on) line.removeAttribute(name);
    }
    if (edge.dashes.length) line.setAttribute("stroke-dasharray", edge.dashes.join(" "));
    if (edge.arrowTarget) line.setAttribute("marker-end", marker);
    if (edge.arrowSource) line.setAttribute("marker-start", marker);
    els.hatches.setAttribute("stroke", edge.colour);
    els.text.textContent = edge.label;
    els.text.setAttribute("fill", edge.colour);
    ed.edgeEls.set(edge.id, els);
  }
  for (const els of old.values()) els.g.remove();
}

// Where a node is drawn now: where it is being dragged to, or where the scene put it.
function nodePoint(ed, node) {
  const moved = ed.moved.get(node.id);
  return moved ? toScreen(ed.view, moved[0], moved[1]) : toScreen(ed.view, node.x, node.y);
}

function placeNodes(ed) {
  for (const node of ed.data.nodes) {
    const els = ed.nodeEls.get(node.id);
    const [sx, sy] = nodePoint(ed, node);
    const r = nodeRadius(node, ed.view);
    els.g.setAttribute("transform", `translate(${sx.toFixed(1)} ${sy.toFixed(1)})`);
    if (node.service) {
      els.shape.setAttribute("x", -r);
      els.shape.setAttribute("y", -r);
      els.shape.setAttribute("width", 2 * r);
      els.shape.setAttribute("height", 2 * r);
    } else {
      els.shape.setAttribute("r", r);
    }
    els.marks.setAttribute("transform", `scale(${(r / 10).toFixed(3)})`);
  }
  placeLabels(ed);
}

function shortName(label) {
  if (label.length <= 11) return label;
  const words = label.split(/\s+/);
  return words.length > 1 && words[0].length <= 11 ? `${words[0]} ${words[1][0]}…` : `${label.slice(0, 9)}…`;
}

function overlapArea(a, boxes) {
  let area = 0;
  for (const b of boxes) {
    const w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
    const h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
    if (w > 0 && h > 0) area += w * h;
  }
  return area;
}

// Names on screen keep clear of each other and of every symbol: each takes the free place around its
// symbol that overlaps least, in full if it can and shortened if it must (the full name stays in the
// panel and on hover).
function placeLabels(ed) {
  const scale = symbolScale(ed.view);
  const [width, height] = ed.size;
  const placed = ed.data.nodes.map((node) => {
    const [x, y] = nodePoint(ed, node);
    return { node: node, x: x, y: y, r: nodeRadius(node, ed.view) };
  });
  const symbols = placed.map((p) => [p.x - p.r, p.y - p.r, p.x + p.r, p.y + p.r]);
  const labels = ringBadges(ed).map(([x, y]) => [x - 9, y - 9, x + 9, y + 9]);
  const order = [...placed].sort((a, b) => b.node.ego - a.node.ego || a.node.ring - b.node.ring);
  for (const p of order) {
    const size = (p.node.ego ? 14 : 12.5) * scale;
    const others = symbols.filter((box) => box[0] !== p.x - p.r || box[1] !== p.y - p.r).concat(labels);
    let best = null;
    const full = p.node.label;
    for (const text of full === shortName(full) ? [full] : [full, shortName(full)]) {
      const w = text.length * size * 0.56;
      const h = size * 1.15;
      const gap = p.r + 3;
      const spots = [
        [p.x - w / 2, p.y + gap - 1],
        [p.x - w / 2, p.y - gap - h + 1],
        [p.x + gap, p.y - h / 2],
        [p.x - gap - w, p.y - h / 2],
        [p.x + gap * 0.7, p.y + gap * 0.7],
        [p.x - gap * 0.7 - w, p.y + gap * 0.7],
        [p.x + gap * 0.7, p.y - gap * 0.7 - h],
        [p.x - gap * 0.7 - w, p.y - gap * 0.7 - h],
      ];
      for (const [left, top] of spots) {
        const box = [left, top, left + w, top + h];
        const outside = Math.max(0, 2 - left) + Math.max(0, 2 - top) + Math.max(0, left + w - width + 2) + Math.max(0, top + h - height + 2);
        // a name cut off by the edge costs most; a shortened one a little, so a full name wins wherever it fits
        const cost = overlapArea(box, others) + outside * 1000 + (text === full ? 0 : 4);
        if (!best || cost < best.cost) best = { text: text, box: box, cost: cost };
      }
      if (best.cost === 0) break;
    }
    labels.push(best.box);
    const label = ed.nodeEls.get(p.node.id).label;
    label.textContent = best.text;
    label.setAttribute("x", (best.box[0] - p.x).toFixed(1));
    label.setAttribute("y", (best.box[1] - p.y + size * 0.88).toFixed(1));
    label.setAttribute("font-size", size.toFixed(1));
  }
}

function placeEdges(ed) {
  for (const edge of ed.data.edges) {
    const els = ed.edgeEls.get(edge.id);
    const source = ed.nodes.get(edge.source);
    const target = ed.nodes.get(edge.target);
    const samples = tieSamples(
      nodePoint(ed, source),
      nodePoint(ed, target),
      edge.curve,
      nodeRadius(source, ed.view) + 2,
      nodeRadius(target, ed.view) + 2,
    );
    if (samples.length < 2) {
      for (const path of [els.hit, els.line, els.hatches]) path.setAttribute("d", "");
      continue;
    }
    const along = pathThrough(samples);
    els.hit.setAttribute("d", along);
    els.line.setAttribute("d", edge.pattern === "jagged" ? pathThrough(zigzagPoints(samples, edge.width)) : along);
    const bars = edge.pattern === "hatched" ? hatchBars(samples, edge.width) : [];
    els.hatches.setAttribute("d", bars.map((bar) => pathThrough(bar)).join(" "));
    if (edge.label) {
      const [[x, y]] = alongTie(samples, samples[samples.length - 1][2] / 2);
      els.text.setAttribute("x", x.toFixed(1));
      els.text.setAttribute("y", (y - 8).toFixed(1));
    }
  }
}

function drawAll(ed) {
  drawBackdrop(ed);
  placeEdges(ed);
  placeNodes(ed);
}

// The band of one ring in one sector, lit while something is dragged over it.
function showTarget(ed, place) {
  const layer = ed.layers.target;
  layer.replaceChildren();
  if (!place) return;
  const g = ed.data.geometry;
  const [cx, cy] = toScreen(ed.view, 0, 0);
  const gap = g.ringGap * ed.view.k;
  svgElement(
    "path",
    {
      d: wedgePath(cx, cy, (place.ring - 0.5) * gap, (place.ring + 0.5) * gap, place.sector.start, place.sector.end),
      fill: place.sector.colour,
      class: "nm-target",
    },
    layer,
  );
}

function showRubber(ed, from, to) {
  const layer = ed.layers.rubber;
  layer.replaceChildren();
  if (!from) return;
  svgElement("line", { x1: from[0], y1: from[1], x2: to[0], y2: to[1], class: "nm-rubber" }, layer);
}

function buildWords(ed) {
  const list = ed.parts.wordsList;
  const lines = ed.data.inWords;
  if (list.dataset.lines === lines.join("\n")) return;
  list.dataset.lines = lines.join("\n");
  list.replaceChildren(...lines.map((line) => htmlElement("li", {}, null, line)));
}

// The legend of netmap's pictures (netmap/renderers/ecomap_legend.py), each sample drawn as on the map.
function buildLegend(ed) {
  const legend = ed.parts.legend;
  const sections = ed.data.legend;
  const key = JSON.stringify(sections);
  if (legend.dataset.key === key) return;
  legend.dataset.key = key;
  legend.replaceChildren();
  for (const [heading, entries] of sections) {
    const box = htmlElement("div", { class: "nm-legend-group" }, legend);
    htmlElement("strong", {}, box, heading);
    const list = htmlElement("ul", {}, box);
    for (const [caption, sample] of entries) {
      const item = htmlElement("li", {}, list);
      if (sample) {
        const svg = svgElement("svg", { viewBox: "0 -22 84 44", width: 48, height: 25, "aria-hidden": "true" }, item);
        svg.append(...sampleNodes(sample));
      }
      htmlElement("span", {}, item, caption);
    }
  }
}
