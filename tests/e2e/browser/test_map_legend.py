"""In Chromium, the ecomap page alone: the legend is whole beside a usable map on a phone and a laptop,
the notation is drawn over the network, and no two names drawn on the canvas overlap."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser

from netmap.renderers.ecomap import render_ecomap
from tests.unit.renderers.samples import SAMPLE_FILES, sample_network

from .conftest import artifact

pytestmark = pytest.mark.e2e

SIZES = {"phone": (390, 844), "laptop": (1400, 900)}
MEASURE = """() => {
  const legend = document.getElementById("ecomap-legend").getBoundingClientRect();
  const items = [...document.querySelectorAll("#ecomap-legend li")].map(li => li.getBoundingClientRect());
  const map = document.getElementById("mynetwork").getBoundingClientRect();
  return {
    legendBottom: legend.bottom, legendRight: Math.max(...items.map(r => r.right)),
    items: items.length, hidden: items.filter(r => r.width === 0 || r.height === 0).length,
    mapHeight: map.height, scroll: document.documentElement.scrollHeight,
  };
}"""


@pytest.mark.parametrize("size", list(SIZES))
@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_the_legend_is_whole_below_a_usable_map(
    browser: Browser, tmp_path: Path, size: str, name: str
) -> None:
    width, height = SIZES[size]
    page = browser.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    html = tmp_path / "ecomap.html"
    html.write_text(render_ecomap(sample_network(name), height="640px"), encoding="utf-8")
    page.goto(html.as_uri())
    page.wait_for_function("() => network.getScale() > 0")
    shown = page.evaluate(MEASURE)
    page.screenshot(path=artifact(f"legend-{size}-{name}.png"))
    page.close()
    assert errors == []
    assert shown["items"] == 24 and shown["hidden"] == 0  # 5 sectors, 8 ties, 7 people, 4 notes
    assert shown["legendBottom"] <= height, (
        f"the legend runs {shown['legendBottom'] - height:.0f} px past the screen"
    )
    assert shown["legendRight"] <= width and shown["scroll"] <= height
    assert shown["mapHeight"] >= 240
