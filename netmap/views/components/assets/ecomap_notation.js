// Ecomap editor, part 2: Hartman's notation drawn at screen size, as netmap's pictures draw it
// (netmap/renderers/ecomap_marks.py): hatched stressful ties, jagged harmful ones, and the marks on a
// person (X: has died, "?": name not known yet, a warning triangle: a restriction applies).

const HATCH_STEP = 12; // px between hatch bars
const ZIGZAG_STEP = 6; // px, half a wavelength of the jagged line
const CURVE_SAMPLES = 32;

// The control point of a tie bent by ``curve``, as the picture and the vis-network page bend it.
function viaPoint(a, b, curve) {
  const roundness = 0.2 * Math.abs(curve);
  const dx = b[0] - a[0];
  const dy = a[1] - b[1];
  const turn = (curve > 0 ? 0.5 * roundness : -0.5 * roundness) + 0.5;
  const angle = (Math.atan2(dy, dx) + turn * Math.PI) % (2 * Math.PI);
  const reach = (0.5 * roundness + 0.5) * Math.hypot(dx, dy);
  return [a[0] + reach * Math.sin(angle), a[1] + reach * Math.cos(angle)];
}

function curveAt(a, control, b, t) {
  if (!control) return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
  const u = 1 - t;
  return [
    u * u * a[0] + 2 * u * t * control[0] + t * t * b[0],
    u * u * a[1] + 2 * u * t * control[1] + t * t * b[1],
  ];
}

// Where the tie leaves the circle of ``radius`` round one of its ends (bisection on the curve).
function exitAt(a, control, b, centre, radius, fromStart) {
  let inside = fromStart ? 0 : 1;
  let outside = fromStart ? 1 : 0;
  const away = (t) => {
    const [x, y] = curveAt(a, control, b, t);
    return Math.hypot(x - centre[0], y - centre[1]) > radius;
  };
  if (!away(outside)) return inside;
  for (let i = 0; i < 24; i++) {
    const middle = (inside + outside) / 2;
    if (away(middle)) outside = middle;
    else inside = middle;
  }
  return outside;
}

// Points along a tie from one symbol's outline to the other's, each with its distance from the start.
function tieSamples(a, b, curve, radiusA, radiusB) {
  const control = curve ? viaPoint(a, b, curve) : null;
  const t0 = exitAt(a, control, b, a, radiusA, true);
  const t1 = exitAt(a, control, b, b, radiusB, false);
  if (t0 >= t1) return [];
  const steps = control ? CURVE_SAMPLES : 1;
  const samples = [];
  let travelled = 0;
  for (let i = 0; i <= steps; i++) {
    const point = curveAt(a, control, b, t0 + ((t1 - t0) * i) / steps);
    if (samples.length) {
      const [px, py] = samples[samples.length - 1];
      travelled += Math.hypot(point[0] - px, point[1] - py);
    }
    samples.push([point[0], point[1], travelled]);
  }
  return samples;
}

// The point ``distance`` along the samples, and the unit direction of the tie there.
function alongTie(samples, distance) {
  for (let i = 1; i < samples.length; i++) {
    const [x0, y0, d0] = samples[i - 1];
    const [x1, y1, d1] = samples[i];
    if (d1 >= distance || i === samples.length - 1) {
      const share = d1 === d0 ? 0 : Math.min(1, Math.max(0, (distance - d0) / (d1 - d0)));
      const length = Math.hypot(x1 - x0, y1 - y0) || 1;
      return [[x0 + (x1 - x0) * share, y0 + (y1 - y0) * share], [(x1 - x0) / length, (y1 - y0) / length]];
    }
  }
  return [[samples[0][0], samples[0][1]], [1, 0]];
}

function pathThrough(points) {
  return points.map(([x, y], i) => `${i ? "L" : "M"} ${x.toFixed(1)} ${y.toFixed(1)}`).join(" ");
}

// Slanted bars across a stressful tie, like a hand-drawn "-/-/-/-" line, clear of its arrowheads.
function hatchBars(samples, width) {
  const total = samples[samples.length - 1][2];
  const keepClear = 16;
  const reach = 6 + width / 2;
  const count = Math.max(1, Math.floor((total - 2 * keepClear) / HATCH_STEP) + 1);
  const first = (total - (count - 1) * HATCH_STEP) / 2;
  const bars = [];
  for (let i = 0; i < count; i++) {
    const [[x, y], [ux, uy]] = alongTie(samples, first + i * HATCH_STEP);
    const sx = (-uy + 0.55 * ux) * reach;
    const sy = (ux + 0.55 * uy) * reach;
    bars.push([[x - sx, y - sy], [x + sx, y + sy]]);
  }
  return bars;
}

// The jagged line of a harmful tie, straight for a little at each end so arrowheads sit square.
function zigzagPoints(samples, width) {
  const total = samples[samples.length - 1][2];
  const leadIn = Math.min(14, total / 2);
  const amplitude = 4 + width / 2;
  const points = [[samples[0][0], samples[0][1]], alongTie(samples, leadIn)[0]];
  let side = 1;
  for (let d = leadIn + ZIGZAG_STEP / 2; d < total - leadIn; d += ZIGZAG_STEP) {
    const [[x, y], [ux, uy]] = alongTie(samples, d);
    points.push([x - uy * amplitude * side, y + ux * amplitude * side]);
    side = -side;
  }
  const last = samples[samples.length - 1];
  points.push(alongTie(samples, total - leadIn)[0], [last[0], last[1]]);
  return points;
}

// The marks over a person's symbol, drawn for a symbol of radius 10 and scaled with it.
function drawMarks(group, node) {
  group.replaceChildren();
  if (node.deceased) {
    for (const d of ["M -9.5 -9.5 L 9.5 9.5", "M -9.5 9.5 L 9.5 -9.5"]) {
      svgElement("path", { d: d, class: "nm-mark-deceased" }, group);
    }
  }
  if (node.unknown) {
    svgElement("text", { x: 0, y: 5.5, "text-anchor": "middle", class: "nm-mark-unknown" }, group).textContent = "?";
  }
  if (node.restricted) {
    const [bx, by] = [13, -13];
    svgElement("path", { d: `M ${bx} ${by - 7} L ${bx + 7.5} ${by + 6} L ${bx - 7.5} ${by + 6} Z`, class: "nm-mark-restricted" }, group);
    svgElement("text", { x: bx, y: by + 4.5, "text-anchor": "middle", class: "nm-mark-restricted-text" }, group).textContent = "!";
  }
}

// A legend sample: trusted SVG made by netmap's renderers from constants (no name is ever in it),
// parsed as SVG so that nothing in it can run.
const samplesParsed = new Map();
function sampleNodes(markup) {
  if (!samplesParsed.has(markup)) {
    const doc = new DOMParser().parseFromString(`<svg xmlns="${SVG_NS}">${markup}</svg>`, "image/svg+xml");
    samplesParsed.set(markup, Array.from(doc.documentElement.childNodes));
  }
  return samplesParsed.get(markup).map((node) => document.importNode(node, true));
}
