"""Download buttons for pictures, shared by the ecomap and genogram pages."""

from __future__ import annotations

from typing import Any

from netmap.renderers.pictures import NO_PICTURES, pictures_problem, svg_to_png

__all__ = ["png_download"]


def png_download(container: Any, svg: str, stem: str) -> None:
    """A "Download as PNG" button for ``svg`` in ``container`` (a column), or why there is none."""
    problem = pictures_problem()
    if problem:
        container.info(f"{NO_PICTURES} {problem}")
        return
    # drawn only when clicked: a PNG takes a noticeable moment and most visits never ask for one
    container.download_button(
        "Download as PNG", lambda: svg_to_png(svg), file_name=f"{stem}.png", mime="image/png"
    )
