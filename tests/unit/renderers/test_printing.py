"""Print quality: PNG at 300 dpi and one-page A4 PDFs of the ecomap, the genogram and the blank
worksheet, read back with Pillow, pypdf and an XML parser."""

from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from PIL import Image
from pypdf import PdfReader

from netmap.errors import ValidationFailed
from netmap.models import Case, Kin, Membership, Network, Person, Tie
from netmap.renderers import pdf_fonts
from netmap.renderers.ecomap_layout import EcomapFilters
from netmap.renderers.ecomap_picture import ecomap_svg
from netmap.renderers.genogram import render_genogram
from netmap.renderers.printing import DPI, page_fit, print_pdf, print_png
from netmap.renderers.worksheet import worksheet_pdf, worksheet_svg
from tests.unit.renderers.samples import sample_network

A4_POINTS = (595.28, 841.89)
ON = date(2027, 3, 5)


def _text(pdf: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return reader, " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)


def _is_a4(reader: PdfReader) -> bool:
    (page,) = reader.pages
    size = sorted((float(page.mediabox.width), float(page.mediabox.height)))
    return size == pytest.approx(sorted(A4_POINTS), abs=0.5)


def test_the_ecomap_prints_on_one_a4_page_with_title_date_and_legend() -> None:
    network = sample_network("always-hope.json")
    svg = ecomap_svg(network, filters=EcomapFilters(as_of=ON))
    reader, text = _text(print_pdf(svg, title=f"Ecomap: {network.case.title}"))
    assert _is_a4(reader)
    assert (
        reader.metadata is not None and reader.metadata.title == "Ecomap: Jordan — Always Hope release plan"
    )
    for expected in ("Ecomap: Jordan — Always Hope release plan", "Map as of 5 March 2027", "Sectors",
                     "Stressful (hatched)", "Harmful (jagged)", "Support flows both ways", "Nan", "Kyle Ashby"):  # fmt: skip
        assert expected in text, expected
    assert not re.search(r"\d{4}-\d{2}-\d{2}", text)


def test_the_genogram_prints_on_one_a4_page_with_title_date_and_legend() -> None:
    network = sample_network("discovery-kai.json")
    reader, text = _text(print_pdf(render_genogram(network, as_of=ON), title="Genogram"))
    assert _is_a4(reader)
    for expected in ("Genogram: Kai — Lifelong Links discovery", "Family as recorded on 5 March 2027",
                     "Divorced (two slashes)", "Fostered (dotted)", "Gran Pat", "born 1961"):  # fmt: skip
        assert expected in text, expected


def test_the_blank_worksheet_has_rings_sectors_and_prompts_in_plain_words() -> None:
    root = ET.fromstring(worksheet_svg())
    assert len(list(root.iter("{http://www.w3.org/2000/svg}circle"))) >= 9  # 4 rings, 4 numbers, "Me"
    reader, text = _text(worksheet_pdf())
    assert _is_a4(reader) and len(reader.pages) == 1
    for expected in ("My support network", "Name:", "Date:", "Me", "Family", "Friends", "Peers & community",
                     "Professionals", "Services", "1 - closest", "4 - further away", "a zigzag line",
                     "Who do you trust?", "Your worker will add this"):  # fmt: skip
        assert expected in text, expected


@pytest.mark.parametrize("kind", ["ecomap", "genogram"])
def test_png_is_300_dpi_and_as_large_as_it_prints(kind: str) -> None:
    network = sample_network("fgc-jade.json")
    svg = ecomap_svg(network) if kind == "ecomap" else render_genogram(network)
    image = Image.open(io.BytesIO(print_png(svg)))
    image.load()
    assert image.info["dpi"] == pytest.approx((DPI, DPI), abs=0.01)
    _, _, width, height = (float(v) for v in ET.fromstring(svg).get("viewBox", "").split())
    _, width_mm, height_mm = page_fit(width, height)
    assert image.width == math.floor(width_mm / 25.4 * DPI)
    assert image.height == pytest.approx(image.width * height / width, abs=1)
    # printed at 300 dpi it fills the A4 page's printable width or height
    assert max(image.width / DPI * 25.4 / 190, image.height / DPI * 25.4 / 277) == pytest.approx(
        1, abs=0.01
    ) or (max(image.width / DPI * 25.4 / 277, image.height / DPI * 25.4 / 190) == pytest.approx(1, abs=0.01))


def test_a_wide_picture_prints_on_its_side() -> None:
    assert page_fit(3000, 1000)[0] == "L" and page_fit(1000, 3000)[0] == "P"


def test_a_picture_without_a_viewbox_or_well_formed_xml_is_refused_with_a_sentence() -> None:
    with pytest.raises(ValidationFailed, match="viewBox"):
        print_pdf('<svg xmlns="http://www.w3.org/2000/svg"/>', title="x")
    with pytest.raises(ValidationFailed, match="well-formed"):
        print_png("<svg")


HOSTILE = ["Zoë Ångström-Øberg", "مريم الحسن", "李小龙 👋", "<script>alert(1)</script>", "&amp; \u202e evil"]


@pytest.mark.parametrize("unicode_font", [True, False])
def test_hostile_and_foreign_names_print_as_text(unicode_font: bool, monkeypatch, tmp_path) -> None:
    if not unicode_font:
        monkeypatch.setattr(pdf_fonts, "FONT_DIR", tmp_path)
    case = Case(id="c-h", title="<b>Case</b> & co", ego_id="p-ego")
    people = [Person(id="p-ego", name="Sam")] + [Person(id=f"p-{i}", name=n) for i, n in enumerate(HOSTILE)]
    memberships = [Membership.make("c-h", f"p-{i}", sector="family") for i in range(len(HOSTILE))]
    ties = [Tie(id="t", case_id="c-h", from_id="p-0", to_id="p-ego", valence="stressful")]
    kin = [Kin(id=f"k-{i}", from_id=f"p-{i}", to_id="p-ego", kind="sibling") for i in range(len(HOSTILE))]
    network = Network(case=case, people=people, memberships=memberships, ties=ties, kin=kin)
    for svg in (ecomap_svg(network), render_genogram(network)):
        reader, text = _text(print_pdf(svg, title=case.title))
        assert "<b>Case</b> & co" in text and "<script>alert(1)</script>" in text
        # Latin-1 letters print in the core font too; a long name may be wrapped after its hyphen
        assert "Zoë" in text and "Ångström-Øberg" in text.replace("- ", "-")
        root = reader.trailer["/Root"]
        # fpdf2's /OpenAction is only where to open (a page and a zoom), never an action to run
        assert isinstance(root.get("/OpenAction", []), list)
        assert "/AcroForm" not in root and "/Names" not in root and "/AA" not in root
