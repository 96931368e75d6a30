// Genogram picker: the family tree drawn by netmap (an SVG in which every name is escaped text) with
// each person selectable by pointer, touch or keyboard. Choosing someone sends their id to Python,
// which opens their panel below the tree.

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  // the component's root may be a shadow root, which has no dataset: the drawing keeps its own key
  let host = parentElement.querySelector(".nm-genogram");
  if (!host) {
    host = document.createElement("div");
    host.className = "nm-genogram";
    host.setAttribute("role", "group");
    parentElement.appendChild(host);
  }
  host.setAttribute("aria-label", data.label);
  if (host.dataset.svgKey !== data.key) {
    // the SVG comes from netmap's renderer, which escapes every text it writes
    host.innerHTML = data.svg;
    host.dataset.svgKey = data.key;
  }
  const choose = (id) => setTriggerValue("select", id);
  for (const el of host.querySelectorAll("[data-person-id]")) {
    const id = el.getAttribute("data-person-id");
    el.classList.toggle("nm-selected", id === data.selected);
    if (el.dataset.wired) continue;
    el.dataset.wired = "1";
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.style.cursor = "pointer";
    el.addEventListener("click", () => choose(id));
    el.addEventListener("keydown", (event) => {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        choose(id);
      }
    });
  }
}
