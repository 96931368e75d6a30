"""Download buttons for the pictures, shared by the ecomap and genogram pages.

Pictures for paper are made only when a button is pressed (a 300 dpi PNG or a PDF takes a moment,
and most visits never ask for one). A person under a restriction carries its marker in every
picture; what the restriction is goes into the hover text only for readers allowed to see it.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from netmap.models import Network
from netmap.renderers.ecomap_layout import EcomapFilters
from netmap.renderers.ecomap_picture import ecomap_svg
from netmap.renderers.pictures import NO_PICTURES, pictures_problem
from netmap.renderers.printing import print_pdf, print_png
from netmap.renderers.worksheet import worksheet_pdf
from netmap.services.access import Action, Actor, allowed

__all__ = ["ecomap_downloads", "genogram_downloads", "restriction_details"]


def restriction_details(actor: Actor) -> bool:
    """Whether pictures for ``actor`` may say what a restriction is (everyone sees that one applies)."""
    return allowed(actor, Action.RESTRICTED_READ)


def _buttons(
    svg: str, stem: str, title: str, extra: list[tuple[str, Callable[[], bytes] | str, str, str]]
) -> None:
    """SVG, a PNG for printing and a one-page PDF of ``svg``, after any ``extra`` (label, data, file, type)."""
    buttons = [
        *extra,
        ("Download as SVG", svg, f"{stem}.svg", "image/svg+xml"),
        ("Download for printing (PNG, 300 dpi)", lambda: print_png(svg), f"{stem}.png", "image/png"),
        ("Download as a one-page PDF", lambda: print_pdf(svg, title=title), f"{stem}.pdf", "application/pdf"),
    ]
    problem = pictures_problem()
    columns = st.columns(len(buttons))
    for column, (label, data, file_name, mime) in zip(columns, buttons, strict=True):
        if mime == "image/png" and problem:
            column.info(f"{NO_PICTURES} {problem}")
            continue
        column.download_button(label, data, file_name=file_name, mime=mime)


def ecomap_downloads(actor: Actor, network: Network, filters: EcomapFilters, page: str) -> None:
    """The ecomap's downloads: the interactive page, SVG, PNG, PDF, and a blank worksheet for sessions
    where the young person cannot use the app."""
    svg = ecomap_svg(network, filters=filters, restriction_details=restriction_details(actor))
    stem = f"ecomap-{network.case.id}"
    _buttons(
        svg,
        stem,
        f"Ecomap: {network.case.title}",
        [("Download as HTML", page, f"{stem}.html", "text/html")],
    )
    st.download_button(
        "Download a blank ecomap worksheet to print (PDF)",
        worksheet_pdf,
        file_name="ecomap-worksheet.pdf",
        mime="application/pdf",
        help="Rings, sectors and prompts in plain words, for a session on paper; type the map in afterwards.",
    )


def genogram_downloads(network: Network, svg: str) -> None:
    """The genogram's downloads: SVG, PNG and PDF of the picture shown."""
    _buttons(svg, f"genogram-{network.case.id}", f"Genogram: {network.case.title}", [])
