// Ecomap editor, part 5: the editor itself (toolbar, status, pointer and keyboard gestures) and the
// component's entry point. Each edit is sent to Python as one trigger value; Python stores it through
// the services and sends the map back, which is drawn again here.

class Editor {
  constructor(root) {
    this.root = root;
    this.data = null;
    this.view = null;
    this.mode = "move";
    this.pointers = new Map();
    this.gesture = null;
    this.connectFrom = null;
    this.moved = new Map();
    this.nonce = 0;
    this.send = () => {};
    this.build();
  }

  build() {
    const box = htmlElement("div", { class: "nm-editor" });
    this.parts = { box: box };
    this.parts.header = htmlElement("div", { class: "nm-header" }, box);
    const toolbar = htmlElement("div", { class: "nm-toolbar", role: "toolbar", "aria-label": "Map tools" }, box);
    this.parts.move = button(toolbar, "Move people", () => this.setMode("move"), { "aria-pressed": "true" });
    this.parts.connect = button(toolbar, "Draw relationships", () => this.setMode("connect"), {
      "aria-pressed": "false",
    });
    this.parts.undo = button(toolbar, "Undo", () => this.edit({ op: "undo" }), { class: "nm-undo" });
    this.parts.hint = htmlElement("p", { class: "nm-hint" }, box);
    this.parts.status = htmlElement("div", { class: "nm-status", role: "status", "aria-live": "polite" }, box);
    this.parts.alert = htmlElement("div", { class: "nm-alert", role: "alert" }, box);
    const stage = htmlElement("div", { class: "nm-stage" }, box);
    this.parts.stage = stage;
    const svg = svgElement("svg", { class: "nm-map", focusable: "false" }, stage);
    this.parts.svg = svg;
    this.parts.title = svgElement("title", { id: "nm-map-title" }, svg);
    this.parts.desc = svgElement("desc", { id: "nm-map-desc" }, svg);
    svg.setAttribute("aria-describedby", "nm-map-desc");
    svg.setAttribute("role", "group");
    this.defs = svgElement("defs", {}, svg);
    this.nodeEls = new Map();
    this.edgeEls = new Map();
    this.layers = {};
    for (const name of ["backdrop", "target", "edges", "rubber", "nodes"]) {
      this.layers[name] = svgElement("g", { class: `nm-layer-${name}` }, svg);
    }
    this.parts.panel = htmlElement("div", { class: "nm-panel", role: "dialog", "aria-labelledby": "nm-panel-title" }, stage);
    this.parts.panel.hidden = true;
    const zoom = htmlElement("div", { class: "nm-zoom", role: "group", "aria-label": "Zoom" }, box);
    button(zoom, "−", () => this.zoomBy(1 / 1.4), { "aria-label": "Zoom out", class: "nm-icon" });
    button(zoom, "+", () => this.zoomBy(1.4), { "aria-label": "Zoom in", class: "nm-icon" });
    button(zoom, "Whole map", () => this.refit());
    this.parts.legend = htmlElement("div", { class: "nm-legend", role: "region", "aria-label": "Legend" }, box);
    const words = htmlElement("details", { class: "nm-words" }, box);
    htmlElement("summary", {}, words, "The map in words");
    this.parts.wordsList = htmlElement("ul", {}, words);
    this.root.appendChild(box);
    svg.addEventListener("pointerdown", (e) => this.pointerDown(e));
    svg.addEventListener("pointermove", (e) => this.pointerMove(e));
    svg.addEventListener("pointerup", (e) => this.pointerUp(e));
    svg.addEventListener("pointercancel", (e) => this.pointerCancel(e));
    svg.addEventListener("wheel", (e) => this.wheel(e), { passive: false });
    // On a phone a finger on an empty part of the whole map scrolls the page (touch-action: pan-y);
    // a finger on a person, two fingers, or any finger on a zoomed map belong to the map. CSS
    // touch-action is not applied to SVG children, so the page's scrolling is stopped here instead.
    svg.addEventListener("touchstart", (e) => this.touchStart(e), { passive: false });
    svg.addEventListener("keydown", (e) => this.key(e));
    box.addEventListener("keydown", (e) => {
      if (e.key === "Escape") {
        this.cancelConnect();
        closePanel(this);
      }
    });
    // the width comes from the observer, so drawing after an edit never waits for the page's layout
    this.resizer = new ResizeObserver((entries) => {
      const width = entries[entries.length - 1].contentRect.width;
      if (width && width !== this.width && this.data) this.resize(width);
    });
  }

  attach() {
    this.resizer.observe(this.parts.box);
  }

  detach() {
    this.resizer.disconnect();
  }

  // ------------------------------------------------------------------ data from Python

  update(data) {
    const previous = this.data;
    this.data = data;
    this.nodes = new Map(data.nodes.map((n) => [n.id, n]));
    this.moved.clear();
    const box = this.parts.box;
    box.dataset.seq = String(data.seq);
    box.dataset.view = data.view || "all";
    box.dataset.busy = "false";
    box.classList.toggle("nm-readonly", !data.editable);
    this.parts.header.textContent = `Map as of ${data.asOf} · ${data.words.view}`;
    this.parts.svg.setAttribute("aria-label", data.label);
    this.parts.title.textContent = data.label;
    this.parts.desc.textContent = data.description;
    this.parts.move.hidden = this.parts.connect.hidden = !data.editable;
    this.parts.undo.hidden = !data.undo;
    if (data.undo) this.parts.undo.setAttribute("aria-label", `Undo: ${data.undo}`);
    if (data.undo) this.parts.undo.title = `Undo: ${data.undo}`;
    this.showNotice(data.notice);
    addMarkers(this.defs, data.edges);
    syncEdges(this);
    syncNodes(this);
    buildLegend(this);
    buildWords(this);
    const sameMap = previous && previous.caseId === data.caseId && previous.view === data.view;
    if (!sameMap || !this.view) this.view = null;
    this.resize(this.width);
    this.setMode(this.mode);
    this.refreshPanel();
  }

  refreshPanel() {
    const open = this.panelFor;
    if (!open || open.kind === "add") return;
    if (open.kind === "person" && this.nodes.has(open.id)) openPersonPanel(this, this.nodes.get(open.id));
    else closePanel(this);
  }

  showNotice(notice) {
    const { status, alert } = this.parts;
    alert.replaceChildren();
    status.textContent = "";
    if (!notice) return;
    if (notice.level !== "error") {
      status.textContent = notice.text;
      return;
    }
    htmlElement("p", {}, alert, notice.text);
    if (notice.retry) button(alert, "Make my change anyway", () => this.edit({ op: "retry" }), { class: "nm-primary" });
  }

  // ------------------------------------------------------------------ size and view

  resize(measured) {
    if (measured) this.width = measured;
    if (!this.width) this.width = this.parts.box.clientWidth || 600;
    const width = Math.max(240, this.width);
    const height = Math.round(Math.min(760, Math.max(300, width * (width < 600 ? 1.02 : 0.72))));
    const svg = this.parts.svg;
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    this.parts.stage.style.height = `${height}px`;
    const fitted = fitView(this.data.geometry, width, height);
    if (!this.view || this.view.k === this.view.fit || this.size === undefined) this.view = fitted;
    else this.view = { ...this.view, fit: fitted.fit };
    this.size = [width, height];
    this.redraw();
  }

  redraw() {
    const zoomed = this.view.k > this.view.fit * 1.01;
    this.parts.svg.classList.toggle("nm-zoomed", zoomed);
    drawAll(this);
  }

  refit() {
    this.view = fitView(this.data.geometry, this.size[0], this.size[1]);
    this.redraw();
  }

  zoomBy(factor) {
    this.view = zoomAbout(this.view, factor, this.size[0] / 2, this.size[1] / 2);
    this.redraw();
  }

  // ------------------------------------------------------------------ edits

  edit(change) {
    if (!this.data.editable && change.op !== "undo") return;
    this.nonce += 1;
    this.parts.box.dataset.busy = "true";
    this.parts.status.textContent = "Saving…";
    this.send("edit", { ...change, nonce: this.nonce });
  }

  moveRing(node, ring) {
    closePanel(this);
    this.edit({ op: "place", person: node.id, version: node.version, ring: ring });
  }

  setMode(mode) {
    this.mode = mode;
    this.parts.move.setAttribute("aria-pressed", String(mode === "move"));
    this.parts.connect.setAttribute("aria-pressed", String(mode === "connect"));
    this.parts.box.dataset.mode = mode;
    if (mode === "move") this.cancelConnect();
    this.parts.hint.textContent = !this.data.editable
      ? "Tap or click a person or a line to see more."
      : mode === "connect"
        ? "Drag from one person to another, or tap one and then the other."
        : "Drag people to another ring or sector. Tap a person for more, or an empty place to add someone.";
  }

  startConnect(id) {
    this.setMode("connect");
    this.connectFrom = id;
    this.nodeEls.get(id).g.classList.add("nm-from");
    this.parts.status.textContent = `Now choose who ${this.nodes.get(id).label} is connected to.`;
  }

  cancelConnect() {
    if (this.connectFrom && this.nodeEls.has(this.connectFrom)) {
      this.nodeEls.get(this.connectFrom).g.classList.remove("nm-from");
    }
    this.connectFrom = null;
    showRubber(this, null);
  }

  connect(a, b) {
    this.cancelConnect();
    if (a === b) return;
    const existing = this.data.edges.find(
      (e) =>
        e.perspective === this.data.tiePerspective &&
        ((e.source === a && e.target === b) || (e.source === b && e.target === a)),
    );
    openTiePanel(this, existing || { source: a, target: b });
  }

  tapNode(id) {
    if (this.mode === "connect" && this.data.editable) {
      if (this.connectFrom) this.connect(this.connectFrom, id);
      else this.startConnect(id);
      return;
    }
    openPersonPanel(this, this.nodes.get(id));
  }

  // ------------------------------------------------------------------ pointers

  local(event) {
    // measured once a gesture starts: moving people during it would otherwise make every move wait for layout
    if (!this.pointers.size || !this.rect) this.rect = this.parts.svg.getBoundingClientRect();
    return [event.clientX - this.rect.left, event.clientY - this.rect.top];
  }

  nodeNear(point, except) {
    let best = null;
    let bestDistance = 30;
    for (const node of this.data.nodes) {
      if (node.id === except) continue;
      const [x, y] = nodePoint(this, node);
      const distance = Math.hypot(x - point[0], y - point[1]);
      if (distance < bestDistance) [best, bestDistance] = [node, distance];
    }
    return best;
  }

  pointerDown(event) {
    if (event.button !== undefined && event.button > 0) return;
    const point = this.local(event);
    this.pointers.set(event.pointerId, point);
    this.parts.svg.setPointerCapture(event.pointerId);
    if (this.pointers.size === 2) {
      this.abandonGesture();
      const [p, q] = Array.from(this.pointers.values());
      this.gesture = { kind: "pinch", view: this.view, distance: Math.hypot(p[0] - q[0], p[1] - q[1]) || 1, middle: [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2] };
      return;
    }
    if (this.pointers.size > 2) return;
    const nodeEl = event.target.closest(".nm-node");
    const edgeEl = event.target.closest(".nm-edge");
    const slop = event.pointerType === "touch" ? TAP_SLOP_TOUCH : TAP_SLOP_MOUSE;
    const base = { start: point, slop: slop, moved: false };
    if (nodeEl) this.gesture = { ...base, kind: "node", id: nodeEl.dataset.id };
    else if (edgeEl) this.gesture = { ...base, kind: "edge", id: edgeEl.dataset.id };
    else this.gesture = { ...base, kind: "background", view: this.view };
    if (event.pointerType !== "mouse" || nodeEl) event.preventDefault();
  }

  pointerMove(event) {
    if (!this.pointers.has(event.pointerId)) return;
    const point = this.local(event);
    this.pointers.set(event.pointerId, point);
    const gesture = this.gesture;
    if (!gesture) return;
    if (gesture.kind === "pinch") {
      const [p, q] = Array.from(this.pointers.values());
      const factor = Math.hypot(p[0] - q[0], p[1] - q[1]) / gesture.distance;
      const middle = [(p[0] + q[0]) / 2, (p[1] + q[1]) / 2];
      const zoomed = zoomAbout(gesture.view, factor, gesture.middle[0], gesture.middle[1]);
      this.view = { ...zoomed, tx: zoomed.tx + middle[0] - gesture.middle[0], ty: zoomed.ty + middle[1] - gesture.middle[1] };
      this.redraw();
      return;
    }
    if (!gesture.moved && Math.hypot(point[0] - gesture.start[0], point[1] - gesture.start[1]) < gesture.slop) return;
    gesture.moved = true;
    const node = gesture.kind === "node" ? this.nodes.get(gesture.id) : null;
    if (node && this.data.editable && this.mode === "connect") {
      showRubber(this, nodePoint(this, node), point);
    } else if (node && this.data.editable && !node.ego) {
      const [x, y] = toPlane(this.view, point[0], point[1]);
      this.moved.set(node.id, [x, y]);
      const where = polar(this.data.geometry, x, y);
      const target = { sector: sectorAt(this.data.geometry, where.angle), ring: ringAt(this.data.geometry, where.distance) };
      showTarget(this, target);
      this.parts.status.textContent = `Ring ${target.ring}, ${target.sector.label}`;
      placeEdges(this);
      placeNodes(this);
    } else if (gesture.kind === "background" && gesture.view) {
      this.view = { ...gesture.view, tx: gesture.view.tx + point[0] - gesture.start[0], ty: gesture.view.ty + point[1] - gesture.start[1] };
      this.redraw();
    }
  }

  pointerUp(event) {
    if (!this.pointers.has(event.pointerId)) return;
    const point = this.local(event);
    this.pointers.delete(event.pointerId);
    const gesture = this.gesture;
    if (!gesture || gesture.kind === "pinch") {
      if (this.pointers.size === 0) this.gesture = null;
      return;
    }
    this.gesture = null;
    if (!gesture.moved) return this.tap(gesture, point);
    const node = gesture.kind === "node" ? this.nodes.get(gesture.id) : null;
    if (!node || !this.data.editable) return;
    if (this.mode === "connect") {
      showRubber(this, null);
      const other = this.nodeNear(point, node.id);
      if (other) this.connect(node.id, other.id);
      return;
    }
    if (node.ego) return;
    showTarget(this, null);
    const [x, y] = this.moved.get(node.id) || [node.x, node.y];
    const where = polar(this.data.geometry, x, y);
    this.edit({ op: "place", person: node.id, version: node.version, angle: where.angle, distance: where.distance });
  }

  pointerCancel(event) {
    this.pointers.delete(event.pointerId);
    this.abandonGesture();
  }

  abandonGesture() {
    this.gesture = null;
    this.moved.clear();
    showTarget(this, null);
    showRubber(this, null);
    this.redraw();
  }

  tap(gesture, point) {
    if (gesture.kind === "node") return this.tapNode(gesture.id);
    if (gesture.kind === "edge") {
      const edge = this.data.edges.find((e) => e.id === gesture.id);
      if (edge) openTiePanel(this, edge);
      return;
    }
    this.cancelConnect();
    closePanel(this);
    showTarget(this, null);
    const [x, y] = toPlane(this.view, point[0], point[1]);
    const where = polar(this.data.geometry, x, y);
    if (this.data.editable && this.mode === "move" && onMap(this.data.geometry, where.distance)) {
      openAddPanel(this, where);
    }
  }

  touchStart(event) {
    const onPerson = event.target.closest && event.target.closest(".nm-node");
    const zoomed = this.view.k > this.view.fit * 1.01;
    if (onPerson || zoomed || event.touches.length > 1) event.preventDefault();
  }

  wheel(event) {
    if (!event.ctrlKey) return; // a plain wheel scrolls the page; pinching a touchpad sets ctrlKey
    event.preventDefault();
    const [x, y] = this.local(event);
    this.view = zoomAbout(this.view, Math.exp(-event.deltaY / 200), x, y);
    this.redraw();
  }

  key(event) {
    if (event.key !== "Enter" && event.key !== " ") return;
    const nodeEl = event.target.closest(".nm-node");
    const edgeEl = event.target.closest(".nm-edge");
    if (nodeEl) this.tapNode(nodeEl.dataset.id);
    else if (edgeEl) this.tap({ kind: "edge", id: edgeEl.dataset.id }, [0, 0]);
    else return;
    event.preventDefault();
  }
}

const editors = new WeakMap();

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let editor = editors.get(parentElement);
  if (!editor) {
    editor = new Editor(parentElement);
    editors.set(parentElement, editor);
  }
  editor.send = setTriggerValue;
  editor.attach();
  editor.update(data);
  // called when the map leaves the page; a newer call on the same element attaches again
  return () => editor.detach();
}
