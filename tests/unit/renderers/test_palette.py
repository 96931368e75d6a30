"""Contrast of every colour the maps draw with, computed (WCAG 2.2: 3:1 for graphics, 4.5:1 for text)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from netmap.models import Sector, Valence
from netmap.renderers.ecomap_marks import WARNING_FILL
from netmap.renderers.ecomap_picture import ecomap_svg
from netmap.renderers.genogram import render_genogram
from netmap.renderers.palette import (
    GRAPHIC_CONTRAST,
    INK,
    MUTED_INK,
    OUTLINE,
    RING_INK,
    SECTOR_COLOURS,
    TEXT_CONTRAST,
    VALENCE_COLOURS,
    contrast_ratio,
)
from tests.unit.renderers.samples import SAMPLE_FILES, sample_network

SVG = "{http://www.w3.org/2000/svg}"


def test_contrast_ratio_matches_the_wcag_examples() -> None:
    assert contrast_ratio("#000000") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#767676") == pytest.approx(4.54, abs=0.01)
    # the Okabe-Ito orange and sky blue that family and friends used to have
    assert contrast_ratio("#E69F00") < GRAPHIC_CONTRAST and contrast_ratio("#56B4E9") < GRAPHIC_CONTRAST


@pytest.mark.parametrize("sector", list(Sector))
def test_sector_colours_stand_out_from_white(sector: Sector) -> None:
    assert contrast_ratio(SECTOR_COLOURS[sector]) >= GRAPHIC_CONTRAST
    # a "?" is written in white on the symbol of a person whose name is not known yet
    assert contrast_ratio("#ffffff", SECTOR_COLOURS[sector]) >= TEXT_CONTRAST


@pytest.mark.parametrize("valence", list(Valence))
def test_tie_colours_stand_out_from_white(valence: Valence) -> None:
    assert contrast_ratio(VALENCE_COLOURS[valence]) >= GRAPHIC_CONTRAST


def test_text_and_outline_colours() -> None:
    for text in (INK, MUTED_INK, RING_INK, VALENCE_COLOURS[Valence.HARMFUL]):
        assert contrast_ratio(text) >= TEXT_CONTRAST
    assert contrast_ratio(OUTLINE) >= GRAPHIC_CONTRAST
    assert contrast_ratio(INK, WARNING_FILL) >= TEXT_CONTRAST  # the "!" on the warning triangle


def _painted(svg: str) -> list[tuple[str, str, str]]:
    """(tag, attribute, colour) of what must stand out from the paper, from the picture itself.

    A shape outlined in a colour that stands out may have any fill (the young person's yellow, the
    placeholder's grey, the warning triangle's yellow): its outline shows it. Text is judged by its
    fill; its white stroke is the halo that keeps it clear of lines. Tinted wedges are see-through.
    """
    found = []
    for element in ET.fromstring(svg).iter():
        tag = element.tag.removeprefix(SVG)
        stroke, fill = element.get("stroke", ""), element.get("fill", "")
        outlined = re.fullmatch(r"#[0-9a-fA-F]{6}", stroke) and contrast_ratio(stroke) >= GRAPHIC_CONTRAST
        if re.fullmatch(r"#[0-9a-fA-F]{6}", fill) and float(element.get("fill-opacity", "1")) == 1:
            # the white "?" on a person's symbol is judged against the symbol (see the sector test)
            if (tag == "text" and element.get("class") != "unknown") or (tag != "text" and not outlined):
                found.append((tag, "fill", fill))
        if re.fullmatch(r"#[0-9a-fA-F]{6}", stroke) and tag != "text":
            found.append((tag, "stroke", stroke))
    return found


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_everything_drawn_on_the_pictures_has_enough_contrast(name: str) -> None:
    network = sample_network(name)
    for svg in (ecomap_svg(network, restriction_details=True), render_genogram(network)):
        for tag, attribute, colour in _painted(svg):
            if tag != "text" and colour.lower() == "#ffffff":
                continue  # paper-coloured cards and badges behind text
            needed = TEXT_CONTRAST if tag == "text" else GRAPHIC_CONTRAST
            assert contrast_ratio(colour) >= needed, (tag, attribute, colour)
