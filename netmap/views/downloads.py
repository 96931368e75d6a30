"""Download buttons for the pictures, shared by the ecomap and genogram pages.

Each button reads the case and draws its file only when pressed, so a download holds every edit
made on the page above it, and pictures for paper (a 300 dpi PNG, a PDF), which take a moment,
are made only for those who ask. A person under a restriction carries its marker in every picture;
what the restriction is goes into the hover text only for readers allowed to see it.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from netmap.models import Network
from netmap.renderers.ecomap import render_ecomap
from netmap.renderers.ecomap_layout import EcomapFilters
from netmap.renderers.ecomap_picture import ecomap_svg
from netmap.renderers.genogram import render_genogram
from netmap.renderers.pictures import NO_PICTURES, pictures_problem
from netmap.renderers.printing import print_pdf, print_png
from netmap.renderers.worksheet import worksheet_pdf
from netmap.services.access import Action, Actor, allowed
from netmap.views.session import get_services
from netmap.views.widgets import download_button

__all__ = ["ecomap_downloads", "genogram_downloads", "restriction_details"]

Data = Callable[[], bytes] | Callable[[], str]


def restriction_details(actor: Actor) -> bool:
    """Whether pictures for ``actor`` may say what a restriction is (everyone sees that one applies)."""
    return allowed(actor, Action.RESTRICTED_READ)


def _buttons(
    svg: Callable[[], str], stem: str, title: Callable[[], str], first: list[tuple[str, Data, str, str]]
) -> None:
    """``first``'s buttons (label, data, file name, type), then SVG, a PNG for printing and a one-page PDF."""
    buttons: list[tuple[str, Data, str, str]] = [
        *first,
        ("Download as SVG", svg, f"{stem}.svg", "image/svg+xml"),
        ("Download for printing (PNG, 300 dpi)", lambda: print_png(svg()), f"{stem}.png", "image/png"),
        (
            "Download as a one-page PDF",
            lambda: print_pdf(svg(), title=title()),
            f"{stem}.pdf",
            "application/pdf",
        ),
    ]
    problem = pictures_problem()
    for column, (label, data, file_name, mime) in zip(st.columns(len(buttons)), buttons, strict=True):
        if mime == "image/png" and problem:
            column.info(f"{NO_PICTURES} {problem}")
            continue
        download_button(column, label, data, file_name=file_name, mime=mime)


def _reader(actor: Actor, case_id: str) -> Callable[[], Network]:
    services = get_services()
    return lambda: services.cases.get_network(actor, case_id)


def ecomap_downloads(actor: Actor, case_id: str, filters: EcomapFilters) -> None:
    """The ecomap's downloads: the interactive page, SVG, PNG, PDF, and a blank worksheet for sessions
    where the young person cannot use the app."""
    network, details = _reader(actor, case_id), restriction_details(actor)
    stem = f"ecomap-{case_id}"

    def svg() -> str:
        return ecomap_svg(network(), filters=filters, restriction_details=details)

    def page() -> str:
        return render_ecomap(network(), filters=filters, height="720px", restriction_details=details)

    _buttons(
        svg,
        stem,
        lambda: f"Ecomap: {network().case.title}",
        [("Download as HTML", page, f"{stem}.html", "text/html")],
    )
    download_button(
        st,
        "Download a blank ecomap worksheet to print (PDF)",
        worksheet_pdf,
        file_name="ecomap-worksheet.pdf",
        mime="application/pdf",
        help="Rings, sectors and prompts in plain words, for a session on paper; type the map in afterwards.",
    )


def genogram_downloads(actor: Actor, case_id: str) -> None:
    """The genogram's downloads: SVG, PNG and PDF."""
    network, details = _reader(actor, case_id), restriction_details(actor)

    def svg() -> str:
        return render_genogram(network(), restriction_details=details)

    _buttons(svg, f"genogram-{case_id}", lambda: f"Genogram: {network().case.title}", [])
