// Ecomap editor, part 1: plane geometry. The scene is in plane units (the young person at 0,0, ring k at
// k * ringGap); the screen shows it at scale k, shifted by (tx, ty). Symbols and names keep their size
// on screen at any zoom, so the whole map stays readable on a phone.

const SVG_NS = "http://www.w3.org/2000/svg";
const TAP_SLOP_MOUSE = 4;
const TAP_SLOP_TOUCH = 9;
const MIN_ZOOM = 0.8;
const MAX_ZOOM = 6;

function toScreen(view, x, y) {
  return [x * view.k + view.tx, y * view.k + view.ty];
}

function toPlane(view, sx, sy) {
  return [(sx - view.tx) / view.k, (sy - view.ty) / view.k];
}

function polar(geometry, x, y) {
  const angle = (Math.atan2(y, x) * 180) / Math.PI;
  return { angle: angle, distance: Math.hypot(x, y) / geometry.ringGap };
}

function ringAt(geometry, distance) {
  return Math.min(geometry.rings, Math.max(1, Math.floor(distance + 0.5)));
}

function sectorAt(geometry, angle) {
  for (const sector of geometry.sectors) {
    const turn = (((angle - sector.start) % 360) + 360) % 360;
    if (turn < sector.end - sector.start) return sector;
  }
  return geometry.sectors[0];
}

function onMap(geometry, distance) {
  return distance >= 0.5 && distance <= geometry.rings + 0.5;
}

// An annular wedge between two radii and two angles (degrees), as SVG path data in screen units.
function wedgePath(cx, cy, inner, outer, start, end) {
  const rad = (d) => (d * Math.PI) / 180;
  const at = (r, d) => `${(cx + r * Math.cos(rad(d))).toFixed(1)} ${(cy + r * Math.sin(rad(d))).toFixed(1)}`;
  const large = end - start > 180 ? 1 : 0;
  return (
    `M ${at(outer, start)} A ${outer} ${outer} 0 ${large} 1 ${at(outer, end)} ` +
    `L ${at(inner, end)} A ${inner} ${inner} 0 ${large} 0 ${at(inner, start)} Z`
  );
}

function fitView(geometry, width, height) {
  const e = geometry.extent;
  const pad = 6;
  const k = Math.min((width - 2 * pad) / (e.right - e.left), (height - 2 * pad) / (e.bottom - e.top));
  return {
    k: k,
    fit: k,
    tx: width / 2 - (k * (e.left + e.right)) / 2,
    ty: height / 2 - (k * (e.top + e.bottom)) / 2,
  };
}

function zoomAbout(view, factor, sx, sy) {
  const k = Math.min(view.fit * MAX_ZOOM, Math.max(view.fit * MIN_ZOOM, view.k * factor));
  const [x, y] = toPlane(view, sx, sy);
  return { k: k, fit: view.fit, tx: sx - x * k, ty: sy - y * k };
}

function svgElement(name, attributes, parent) {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes || {})) element.setAttribute(key, String(value));
  if (parent) parent.appendChild(element);
  return element;
}

function htmlElement(name, attributes, parent, text) {
  const element = document.createElement(name);
  for (const [key, value] of Object.entries(attributes || {})) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  if (parent) parent.appendChild(element);
  return element;
}

// Fill "{a} supports {b}" with names as text.
function fillNames(template, a, b) {
  return template.replace("{a}", () => a).replace("{b}", () => b);
}
