"""The ecomap editor's JavaScript and CSS ship inside the package and refer to nothing outside it."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path

from netmap.views.components.ecomap_editor import _JS_PARTS

ASSETS = resources.files("netmap.views.components") / "assets"
# the SVG namespace is a name, never fetched
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


def test_every_part_of_the_editor_is_package_data() -> None:
    pyproject = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text())
    patterns = pyproject["tool"]["setuptools"]["package-data"]["netmap.views.components"]
    shipped = {p.name for p in ASSETS.iterdir()}
    assert {*_JS_PARTS, "ecomap_editor.css"} <= shipped
    assert {name.rsplit(".", 1)[1] for name in shipped} <= {pattern.rsplit(".", 1)[1] for pattern in patterns}


def test_the_editor_refers_to_nothing_outside_the_app() -> None:
    for part in ASSETS.iterdir():
        text = part.read_text(encoding="utf-8").replace(SVG_NAMESPACE, "")
        found = re.findall(
            r"https?://\S+|//cdn\S*|@import|\bimport\s*\(|\bfetch\s*\(|XMLHttpRequest|new WebSocket", text
        )
        assert found == [], f"{part.name} refers to {found}"
