// Ecomap editor, part 4: the small panels for a person, a relationship and someone new.

function openPanel(ed, heading, returnFocus) {
  const panel = ed.parts.panel;
  panel.replaceChildren();
  panel.hidden = false;
  ed.returnFocus = returnFocus || null;
  const title = htmlElement("h3", { id: "nm-panel-title", tabindex: -1 }, panel, heading);
  return { panel: panel, title: title };
}

function closePanel(ed) {
  const panel = ed.parts.panel;
  if (panel.hidden) return;
  panel.hidden = true;
  panel.replaceChildren();
  ed.panelFor = null;
  if (ed.returnFocus && ed.returnFocus.isConnected) ed.returnFocus.focus();
  ed.returnFocus = null;
}

function button(parent, text, onClick, attributes) {
  const element = htmlElement("button", { type: "button", ...(attributes || {}) }, parent, text);
  element.addEventListener("click", onClick);
  return element;
}

function radios(parent, legendText, name, options, chosen) {
  const fieldset = htmlElement("fieldset", {}, parent);
  htmlElement("legend", {}, fieldset, legendText);
  for (const [value, words] of options) {
    const label = htmlElement("label", {}, fieldset);
    const input = htmlElement("input", { type: "radio", name: name, value: value }, label);
    input.checked = value === chosen;
    label.appendChild(document.createTextNode(" " + words));
  }
  return () => {
    const checked = fieldset.querySelector("input:checked");
    return checked ? checked.value : null;
  };
}

function checkboxes(parent, legendText, options, chosen) {
  const fieldset = htmlElement("fieldset", {}, parent);
  htmlElement("legend", {}, fieldset, legendText);
  for (const [value, words] of options) {
    const label = htmlElement("label", {}, fieldset);
    const input = htmlElement("input", { type: "checkbox", value: value }, label);
    input.checked = chosen.includes(value);
    label.appendChild(document.createTextNode(" " + words));
  }
  return () => Array.from(fieldset.querySelectorAll("input:checked")).map((input) => input.value);
}

function openPersonPanel(ed, node) {
  const { panel, title } = openPanel(ed, node.label, ed.nodeEls.get(node.id).g);
  ed.panelFor = { kind: "person", id: node.id };
  const lines = node.title.split("\n").slice(1);
  for (const line of lines) htmlElement("p", { class: "nm-line" }, panel, line);
  const edges = ed.data.edges.filter((e) => e.source === node.id || e.target === node.id);
  if (edges.length) {
    htmlElement("p", { class: "nm-subhead" }, panel, "Relationships");
    const list = htmlElement("ul", { class: "nm-ties" }, panel);
    for (const edge of edges) {
      const other = ed.nodes.get(edge.source === node.id ? edge.target : edge.source);
      const item = htmlElement("li", {}, list);
      button(item, edgeWords(ed, edge).replace(/^Relationship between /, ""), () => openTiePanel(ed, edge), {
        class: "nm-link",
      });
      item.dataset.other = other.id;
    }
  }
  const actions = htmlElement("div", { class: "nm-actions" }, panel);
  if (ed.data.editable) {
    button(actions, "Draw a relationship", () => {
      closePanel(ed);
      ed.startConnect(node.id);
    });
    if (!node.ego) {
      const closer = button(actions, "Move closer", () => ed.moveRing(node, node.ring - 1));
      closer.disabled = node.ring <= 1;
      const further = button(actions, "Move further out", () => ed.moveRing(node, node.ring + 1));
      further.disabled = node.ring >= ed.data.geometry.rings;
    }
  }
  button(actions, "Close", () => closePanel(ed), { class: "nm-quiet" });
  title.focus();
}

// ``edge`` is a drawn relationship, or {source, target} for a new one between two people.
function openTiePanel(ed, edge) {
  const a = ed.nodes.get(edge.source);
  const b = ed.nodes.get(edge.target);
  const existing = Boolean(edge.id);
  const words = ed.data.words;
  const focusBack = existing ? ed.edgeEls.get(edge.id).g : ed.nodeEls.get(b.id).g;
  const { panel, title } = openPanel(ed, existing ? "Relationship" : "New relationship", focusBack);
  ed.panelFor = { kind: "tie", id: edge.id || null };
  htmlElement("p", { class: "nm-line" }, panel, `${a.label} and ${b.label}`);
  if (existing && edge.perspective !== ed.data.tiePerspective) {
    htmlElement("p", { class: "nm-line" }, panel, "This is recorded as the other view of this relationship.");
  }
  const form = htmlElement("form", {}, panel);
  const strength = radios(form, "How strong", "nm-strength", words.strength.map(([k, w]) => [String(k), w]), String(edge.strength || 2));
  const valence = radios(form, "What kind", "nm-valence", words.valence, edge.valence || "positive");
  const flows = words.flow.map(([k, w]) => [k, fillNames(w, a.label, b.label)]);
  const flow = radios(form, "Support", "nm-flow", flows, edge.flow || "none");
  const domains = checkboxes(form, "Kinds of support", words.domains, edge.domains || []);
  const actions = htmlElement("div", { class: "nm-actions" }, form);
  htmlElement("button", { type: "submit", class: "nm-primary" }, actions, "Save relationship");
  if (existing && ed.data.editable) {
    button(actions, "Remove relationship", () => {
      closePanel(ed);
      ed.edit({ op: "untie", id: edge.id, version: edge.version });
    });
  }
  button(actions, "Cancel", () => closePanel(ed), { class: "nm-quiet" });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!ed.data.editable) return;
    const change = {
      op: "tie",
      a: a.id,
      b: b.id,
      strength: Number(strength()),
      valence: valence(),
      flow: flow(),
      domains: domains(),
    };
    if (existing) Object.assign(change, { id: edge.id, version: edge.version });
    closePanel(ed);
    ed.edit(change);
  });
  if (!ed.data.editable) for (const input of form.querySelectorAll("input, button[type=submit]")) input.disabled = true;
  title.focus();
}

function openAddPanel(ed, point) {
  const g = ed.data.geometry;
  const sector = sectorAt(g, point.angle);
  const ring = ringAt(g, point.distance);
  const { panel } = openPanel(ed, "Add someone here", null);
  ed.panelFor = { kind: "add" };
  htmlElement("p", { class: "nm-line" }, panel, `Ring ${ring}, ${sector.label}`);
  const form = htmlElement("form", {}, panel);
  const label = htmlElement("label", { class: "nm-field" }, form, "Name");
  const input = htmlElement("input", { type: "text", maxlength: 120, autocomplete: "off", name: "name" }, label);
  const actions = htmlElement("div", { class: "nm-actions" }, form);
  htmlElement("button", { type: "submit", class: "nm-primary" }, actions, "Add to the map");
  button(actions, "Cancel", () => closePanel(ed), { class: "nm-quiet" });
  showTarget(ed, { sector: sector, ring: ring });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = input.value.trim();
    if (!name) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
      return;
    }
    closePanel(ed);
    ed.edit({ op: "add", name: name, angle: point.angle, distance: point.distance });
  });
  input.focus();
}
