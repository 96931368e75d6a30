"""In Chromium: the Ecomap and Genogram pages' downloads for paper, read back with pypdf and Pillow."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from .conftest import NetmapApp, Server

pytestmark = pytest.mark.e2e

CASE_TITLE = "Jordan — Always Hope release plan"
OpenApp = Callable[..., NetmapApp]


def _download(app: NetmapApp, label: str) -> bytes:
    app.settle()  # a click on a button that a run is redrawing can be lost
    button = app.page.get_by_role("button", name=label, exact=True)
    button.scroll_into_view_if_needed()
    with app.page.expect_download() as info:
        button.click()
    return Path(info.value.path()).read_bytes()


def _pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def test_the_ecomap_and_genogram_download_for_paper(open_app: OpenApp, netmap_server: Server) -> None:
    app = open_app("coordinator")
    app.choose_case(CASE_TITLE)
    app.open_page("Ecomap")
    # the downloads are made only once their section is opened
    app.page.locator("summary", has_text="HTML, SVG, PNG and PDF, and a blank worksheet").click()
    app.settle()
    pages, text = _pdf_text(_download(app, "Download as a one-page PDF"))
    assert (
        pages == 1
        and f"Ecomap: {CASE_TITLE}" in text
        and "Map as of" in text
        and "Stressful (hatched)" in text
    )
    png = Image.open(io.BytesIO(_download(app, "Download for printing (PNG, 300 dpi)")))
    assert png.info["dpi"] == pytest.approx((300, 300), abs=0.01) and png.width > 2000
    pages, text = _pdf_text(_download(app, "Download a blank ecomap worksheet to print (PDF)"))
    assert pages == 1 and "My support network" in text and "Who do you trust?" in text
    assert _download(app, "Download as SVG").startswith(b"<svg")

    app.open_page("Genogram")
    pages, text = _pdf_text(_download(app, "Download as a one-page PDF"))
    assert pages == 1 and f"Genogram: {CASE_TITLE}" in text and "Family as recorded on" in text
    assert "Married" in text and "Nan" in text and "Raymond Ashby" in text
    assert app.page_errors == []
