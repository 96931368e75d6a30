"""The waits a person sits through in the app, in Chromium: a case's ecomap and genogram, Insights, the Service report.

``netmap serve`` runs on the benchmark's own store. A coordinator holding the sampled cases opens
each on the Cases page (not timed), then clicks Ecomap, Genogram and Insights in the menu; a
manager (an administrator) clicks between the Service report and another page. Each time is
taken in the page (``performance.now()``): from the click on the menu link to the animation frame
after the map is drawn (ecomap), after the genogram is drawn (the editable tree a coordinator gets;
for a read-only role the picture, decoded), or when the page's script has run and every frame on
it has loaded (Insights, Service report). The first case and the first
report are not counted (first use of the code in the server and the browser).

The baseline, in the same browser: each ecomap as drawn in the app, saved as a static HTML file
(its SVG and the editor's stylesheet) and opened from disk, timed from the start of the navigation
to the frame after it is drawn.
"""

from __future__ import annotations

import random
import statistics
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher

from benchmarks.serving import chromium, served
from netmap.bootstrap import Services, bootstrap
from netmap.models import Case, Role
from netmap.services.users import SYSTEM_ACTOR

__all__ = ["FIGURES", "TARGET_P95_MS", "page_timings"]

TARGET_P95_MS = 400.0
COORDINATOR, MANAGER, PASSWORD = "bench-coordinator", "bench-manager", "bench-pages-2026"
_TIMEOUT_MS = 120_000
# The figures page_timings reports, each p50 and p95 in ms.
FIGURES = (
    "browser_ecomap",
    "browser_genogram",
    "browser_insights",
    "browser_service_report",
    "browser_static_ecomap",
)
# Accounts made only for this run's own store: a cheap hash, as nothing real is behind them.
_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)

# Before any page script: when a menu link is clicked, and each change of Streamlit's script state.
_HOOKS = """
(() => {
  if (window.top !== window) return;
  const nm = window.__nmPages = {clicked: null, states: []};
  document.addEventListener("click", (e) => {
    const link = e.target.closest && e.target.closest('[data-testid="stSidebarNav"] a');
    // A click while the last page still runs: Streamlit runs the new page without leaving "running",
    // so the state at the click counts (missing it waited for the next idle check, a minute later).
    const app = document.querySelector('[data-testid="stApp"]');
    if (link) { nm.clicked = performance.now(); nm.states = [app && app.dataset.testScriptState]; }
  }, true);
  const watch = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app) { setTimeout(watch, 20); return; }
    new MutationObserver(() => nm.states.push(app.dataset.testScriptState))
      .observe(app, {attributes: true, attributeFilter: ["data-test-script-state"]});
  };
  watch();
})();
"""
# Milliseconds from the click to the frame after ``kind`` is on screen (shadow roots searched too).
_WAIT = """([kind, heading]) => new Promise((resolve, reject) => {
  const nm = window.__nmPages;
  const find = (selector) => {
    const roots = [document];
    while (roots.length) {
      const root = roots.pop();
      const hit = root.querySelector(selector);
      if (hit) return hit;
      for (const el of root.querySelectorAll("*")) if (el.shadowRoot) roots.push(el.shadowRoot);
    }
    return null;
  };
  const titled = () => (document.querySelector("h1")?.textContent || "").startsWith(heading);
  const loaded = () => [...document.querySelectorAll("iframe")].every((f) => {
    try { return f.contentDocument && f.contentDocument.readyState === "complete"; } catch (e) { return true; }
  });
  const idle = () => document.querySelector('[data-testid="stApp"]').dataset.testScriptState === "notRunning";
  const checks = {
    ecomap: () => { const n = find("svg.nm-map .nm-node.nm-ego"); return titled() && n && n.getBoundingClientRect().width > 0; },
    genogram: () => {
      if (!titled()) return false;
      const i = document.querySelector('img[alt^="Genogram of the family"]');
      if (i) return i.complete && i.naturalWidth > 0;
      const tree = find(".nm-genogram svg");
      return tree && tree.getBoundingClientRect().width > 0;
    },
    ready: () => nm.states.includes("running") && idle() && titled() && loaded(),
  };
  const started = performance.now();
  const tick = () => {
    if (checks[kind]()) requestAnimationFrame(() => resolve(performance.now() - nm.clicked));
    else if (performance.now() - started > 120000) reject(new Error("not shown: " + kind));
    else requestAnimationFrame(tick);
  };
  tick();
})"""
_MAP_SVG = """() => {
  const roots = [document];
  while (roots.length) {
    const root = roots.pop();
    const hit = root.querySelector("svg.nm-map");
    if (hit) return hit.outerHTML;
    for (const el of root.querySelectorAll("*")) if (el.shadowRoot) roots.push(el.shadowRoot);
  }
  return null;
}"""
_PAINTED = "() => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())))"


def _choose(services: Services, seed: int, samples: int) -> list[Case]:
    """``samples`` + 1 random cases, none of whose titles holds another's (the Cases page picks by title)."""
    cases = services.store.list(Case)
    random.Random(f"pages:{seed}").shuffle(cases)
    chosen: list[Case] = []
    for case in cases:
        if all(case.title not in c.title and c.title not in case.title for c in chosen):
            chosen.append(case)
        if len(chosen) > samples:
            break
    return chosen


def _accounts(services: Services, cases: list[Case]) -> None:
    users = bootstrap(store=services.store, hasher=_HASHER).users  # shares the store; not closed here
    case_ids = tuple(c.id for c in cases)
    users.add_user(SYSTEM_ACTOR, COORDINATOR, Role.COORDINATOR, PASSWORD, case_ids=case_ids)
    users.add_user(SYSTEM_ACTOR, MANAGER, Role.ADMIN, PASSWORD)


def _log_in(browser: Any, base: str, username: str) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.set_default_timeout(_TIMEOUT_MS)
    page.add_init_script(_HOOKS)
    page.goto(base)
    page.get_by_role("textbox", name="Username").fill(username)
    page.get_by_role("textbox", name="Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_test_id("stSidebarNav").wait_for()
    return page


def _open(page: Any, link: str, kind: str, heading: str) -> float:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=link, exact=True).click()
    return float(page.evaluate(_WAIT, [kind, heading]))


def _pick_case(page: Any, case: Case, ego_name: str) -> None:
    if page.locator("h1").first.inner_text() != "Cases":
        _open(page, "Cases", "ready", "Cases")
    picker = page.get_by_test_id("stSelectbox").filter(has_text="Work on case")
    picker.click()
    page.keyboard.type(case.title)
    page.keyboard.press("Enter")
    # This case's summary, not the one the page showed before the choice reran it.
    page.get_by_text(f"people around {ego_name}", exact=False).first.wait_for()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=\"stApp\"]').dataset.testScriptState === 'notRunning'"
    )


def _case_pages(page: Any, case: Case, ego_name: str) -> dict[str, float]:
    _pick_case(page, case, ego_name)
    return {
        "ecomap": _open(page, "Ecomap", "ecomap", f"Ecomap: {case.title}"),
        "genogram": _open(page, "Genogram", "genogram", f"Genogram: {case.title}"),
        "insights": _open(page, "Insights", "ready", f"Insights: {case.title}"),
    }


def _static_page(svg: str, css: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ecomap</title>'
        f'<style>{css}</style></head><body><div class="nm-editor">{svg}</div></body></html>'
    )


def _figure(values: list[float], **extra: Any) -> dict[str, Any]:
    if not values:
        return {"samples": 0, "p50_ms": None, "p95_ms": None, **extra}
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "samples": len(values),
        "p50_ms": round(statistics.median(values), 1),
        "p95_ms": round(p95, 1),
        **extra,
    }


def page_timings(
    services: Services,
    db_url: str,
    key: str,
    work: Path,
    *,
    samples: int,
    seed: int,
    say: Callable[[str], None],
) -> dict[str, Any]:
    """The browser figures: p50 and p95 over ``samples`` cases (and reports), with the static-HTML baseline."""
    cases = _choose(services, seed, samples)
    _accounts(services, cases)
    css = (resources.files("netmap.views.components") / "assets" / "ecomap_editor.css").read_text("utf-8")
    times: dict[str, list[float]] = {"ecomap": [], "genogram": [], "insights": [], "service_report": []}
    statics: list[Path] = []
    not_shown: list[str] = []
    with served(db_url, key, work / "serve-pages.log") as base, chromium() as browser:
        from playwright.sync_api import Error as PlaywrightError  # installed: chromium() checked

        say(f"browser: {len(cases)} cases, ecomap, genogram and insights")
        page = _log_in(browser, base, COORDINATOR)
        for n, case in enumerate(cases):
            try:
                shown = _case_pages(page, case, services.store.get_network(case.id).ego.display_name)
                _open(page, "Ecomap", "ecomap", f"Ecomap: {case.title}")
                static = work / f"ecomap-{n:03d}.html"
                static.write_text(_static_page(page.evaluate(_MAP_SVG), css), encoding="utf-8")
            except PlaywrightError as exc:
                # One page that never showed is a figure (``not_shown``), not the end of the run.
                not_shown.append(f"{case.id}: {str(exc).splitlines()[0]}")
                page.close()
                page = _log_in(browser, base, COORDINATOR)
                continue
            statics.append(static)
            if n:  # the first case warms the server and the browser up
                for name, ms in shown.items():
                    times[name].append(ms)
        page.close()
        say("browser: the Service report")
        page = _log_in(browser, base, MANAGER)
        reports_not_shown: list[str] = []
        for n in range(len(cases)):
            try:
                ms = _open(page, "Service report", "ready", "Service report")
                # another page between samples, so each sample opens the report afresh
                _open(page, "Local services", "ready", "Local services")
            except PlaywrightError as exc:
                reports_not_shown.append(f"sample {n}: {str(exc).splitlines()[0]}")
                page.close()
                page = _log_in(browser, base, MANAGER)
                continue
            if n:
                times["service_report"].append(ms)
        page.close()
        say("browser: the same ecomaps as static HTML files")
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        baseline = []
        for n, static in enumerate(statics):
            page.goto(static.as_uri())
            if n:
                baseline.append(float(page.evaluate(_PAINTED)))
        page.close()
    static_figure = _figure(
        baseline,
        method="each ecomap's SVG as drawn in the app, with the editor's stylesheet, opened as a file",
    )
    figures = {
        f"browser_{name}": _figure(
            values, target_p95_ms=TARGET_P95_MS if name in ("ecomap", "genogram") else None
        )
        for name, values in times.items()
    }
    for name in ("ecomap", "genogram", "insights"):
        figures[f"browser_{name}"]["not_shown"] = len(not_shown)
    figures["browser_static_ecomap"] = static_figure
    ecomap = figures["browser_ecomap"]
    ecomap["baseline_p95_ms"] = static_figure["p95_ms"]
    ecomap["ratio_p95"] = (
        round(ecomap["p95_ms"] / static_figure["p95_ms"], 2)
        if ecomap["p95_ms"] and static_figure["p95_ms"]
        else None
    )
    figures["browser_service_report"]["not_shown"] = len(reports_not_shown)
    if not_shown or reports_not_shown:
        figures["browser_not_shown"] = {
            "cases": not_shown,
            "service_report": reports_not_shown,
            "timeout_ms": _TIMEOUT_MS,
        }
    return figures
