"""The genogram with people you can select (``st.components.v2``, assets shipped in this package)."""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable
from importlib import resources
from typing import Any

import streamlit as st

__all__ = ["genogram_picker"]


@functools.cache
def _component() -> Callable[..., Any]:
    assets = resources.files("netmap.views.components") / "assets"
    js = (assets / "genogram_picker.js").read_text(encoding="utf-8")
    css = (assets / "genogram_picker.css").read_text(encoding="utf-8")
    return st.components.v2.component("netmap.genogram_picker", js=js, css=css)


def genogram_picker(
    svg: str, *, label: str, selected: str | None, key: str = "genogram-picker"
) -> str | None:
    """Show the genogram ``svg``; return the id of the person just selected (None when nobody was)."""
    result = _component()(
        key=key,
        data={
            "svg": svg,
            "key": hashlib.sha256(svg.encode()).hexdigest(),
            "label": label,  # set as an attribute by the script, never as markup
            "selected": selected,
        },
        on_select_change=lambda: None,
    )
    chosen = getattr(result, "select", None)
    return str(chosen) if chosen else None
