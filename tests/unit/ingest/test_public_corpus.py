"""Real files from genealogy programs, graph tools and spreadsheet libraries (tests/data/SOURCES.md,
"Public corpus"): each imports with counts computed here without netmap, or is refused in one sentence."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest

from netmap.errors import ImportFailed
from netmap.ingest import ImportReport, read_file
from netmap.ingest.tables import xlsx_tables
from tests.paths import TESTDATA

GEDCOM = sorted(
    p
    for folder in ("gedcom/djeffrey-samples", "gedcom/gedcom7code", "gedcom/gedcom-go/edge-cases")
    for p in (TESTDATA / folder).glob("*.ged")
)
WORKBOOKS = sorted((TESTDATA / "spreadsheets" / "calamine").glob("*.xlsx"))
_INDI = re.compile(r"^[ \t]*0[ \t]+(?:@[^@\s]+@[ \t]+)?INDI\b", re.M)
_FAM_LINKS = re.compile(r"^[ \t]*1[ \t]+(?:HUSB|WIFE|CHIL)[ \t]+@", re.M)


def test_the_corpus_has_at_least_thirty_real_files() -> None:
    assert len(GEDCOM) + len(WORKBOOKS) + 1 >= 30


def _text(path: Path) -> str:
    data = path.read_bytes()
    return data.decode("utf-16") if data[:2] in (b"\xff\xfe", b"\xfe\xff") else data.decode("latin-1")


def _one_line(report: ImportReport) -> None:
    assert all("\n" not in p.sentence() and p.sentence().endswith(".") for p in report.problems)


@pytest.mark.parametrize("path", GEDCOM, ids=lambda p: p.name)
def test_every_genealogy_export_imports_every_individual(path: Path) -> None:
    text = _text(path)
    dataset, report = read_file("gedcom", path, case_id="c-tree")
    assert len(dataset.people) == len(_INDI.findall(text))
    if _FAM_LINKS.search(text) and len(dataset.people) > 1:
        assert dataset.kin, "a tree with families must give family links"
    _one_line(report)
    try:
        strict, _ = read_file("gedcom", path, strict=True, case_id="c-tree")
    except ImportFailed as error:
        assert report.count and str(error) == report.problems[0].sentence()
    else:
        assert not report.count and strict == dataset


def test_long_names_from_a_vendor_are_shortened_and_kept_whole() -> None:
    dataset, report = read_file(
        "gedcom", TESTDATA / "gedcom/djeffrey-samples/mhftb8-export.ged", case_id="c-1"
    )
    shortened = [p for p in report.problems if p.what == "name shortened"]
    assert shortened and all(len(p.name) <= 120 for p in dataset.people)
    assert sum("Full name: " in m.notes for m in dataset.memberships) == len(shortened)


def test_grateful_dead_graphml_imports_every_node_and_edge() -> None:
    path = TESTDATA / "graphml" / "tinkerpop" / "grateful-dead.graphml"
    root = ET.parse(path).getroot()
    nodes = [e for e in root.iter() if e.tag.endswith("}node")]
    edges = [e for e in root.iter() if e.tag.endswith("}edge")]
    loops = [e for e in edges if e.get("source") == e.get("target")]
    dataset, report = read_file("graphml", path, case_id="c-g", ego_id="p-ego")
    assert (len(dataset.people), len(dataset.ties)) == (len(nodes), len(edges) - len(loops))
    assert [p.what for p in report.problems] == ["tie skipped"] * len(loops)


def _openpyxl_rows(path: Path) -> dict[str, int]:
    """Non-empty rows per sheet, below the first, as openpyxl's full (not streaming) reader sees them."""
    book = openpyxl.load_workbook(path)
    counts = {}
    for sheet in book.worksheets:
        rows = [r for r in sheet.iter_rows(values_only=True) if any(c not in (None, "") for c in r)]
        if rows:
            counts[sheet.title.strip().lower()] = len(rows) - 1
    return counts


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_every_workbook_is_read_row_for_row_or_refused_in_a_sentence(path: Path) -> None:
    try:
        expected = _openpyxl_rows(path)
    except Exception:  # a workbook openpyxl itself cannot open must be a sentence from netmap
        with pytest.raises(ImportFailed):
            xlsx_tables(path, ImportReport())
        return
    report = ImportReport()
    tables = xlsx_tables(path, report)
    assert {title: len(t.rows) for title, t in tables.items()} == expected
    _one_line(report)
    with pytest.raises(ImportFailed) as caught:  # none is laid out as netmap's people sheet
        read_file("xlsx", path)
    assert str(caught.value).startswith(path.name) and "\n" not in str(caught.value)


def test_a_vertical_merge_in_a_real_workbook_is_filled_and_reported() -> None:
    path = TESTDATA / "spreadsheets" / "calamine" / "merge_cells.xlsx"
    book = openpyxl.load_workbook(path)
    vertical = [
        (sheet.title, str(r))
        for sheet in book.worksheets
        for r in sheet.merged_cells.ranges
        if r.max_row > r.min_row and sheet.cell(r.min_row, r.min_col).value not in (None, "")
    ]
    report = ImportReport()
    xlsx_tables(path, report)
    assert vertical and {
        p.where.removeprefix("cells ") for p in report.problems if p.what == "merged cells filled"
    } == {ref for _, ref in vertical}
