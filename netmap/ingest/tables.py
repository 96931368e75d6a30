"""Tables from CSV files and Excel workbooks as people save them.

CSV: the delimiter is sniffed (comma, semicolon, tab or bar; Excel's ``sep=`` line is honoured) and
the encoding too (UTF-8, UTF-16 with or without a byte-order mark, Windows-1252). Workbooks: merged
cells are filled from their first cell and formulas whose value the file does not store are
reported, never read as silently blank. Both: a title row above the header is found, row numbers are
those a spreadsheet shows, and rows and cells are bounded.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.utils.cell import range_boundaries

from netmap.errors import ImportFailed
from netmap.ingest.cells import cell_text
from netmap.ingest.files import checked_zip, decode_text, read_bytes
from netmap.ingest.limits import MAX_CELLS, MAX_ROWS, MAX_XLSX_PART_BYTES, megabytes
from netmap.ingest.report import ImportReport, Problem
from netmap.ingest.safe_xml import local_name

__all__ = ["Table", "csv_table", "find_header", "sniff_delimiter", "xlsx_tables"]

_DELIMITERS = (",", ";", "\t", "|")
_SHEET_ROWS = 1_048_576  # Excel's own limit: a row number past it is a crafted file
_HEADER_SEARCH = 10


@dataclass
class Table:
    """One sheet: where it is (for sentences), its header, and its rows with their row numbers."""

    where: str
    header: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)
    header_row: int = 1


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits the most of ``lines`` into the same number (>1) of fields.

    >>> sniff_delimiter(["name;ring", "Ann;1", "Bo;2"]), sniff_delimiter(["name", "Ann"])
    (';', ',')
    >>> sniff_delimiter(['name,notes', '"Ann","a; b; c"'])
    ','
    """
    best, best_score = ",", 0
    for delimiter in _DELIMITERS:
        try:
            widths = [len(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:  # a stray carriage return: the full read below says where
            continue
        common = Counter(w for w in widths if w > 1).most_common(1)
        score = common[0][1] * 1000 + common[0][0] if common else 0
        if score > best_score:
            best, best_score = delimiter, score
    return best


class _Budget:
    """Counts rows and cells of one file against the limits."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.cells = 0

    def row(self, where: str, number: int, cells: int) -> None:
        self.cells += cells
        if number > MAX_ROWS + _HEADER_SEARCH:
            raise ImportFailed(
                f"{where}: has more than {MAX_ROWS:,} rows; netmap imports at most {MAX_ROWS:,}."
            )
        if self.cells > MAX_CELLS:
            raise ImportFailed(
                f"{self.name}: has more than {MAX_CELLS:,} cells; netmap imports at most {MAX_CELLS:,}."
            )


def csv_table(data: bytes, name: str) -> Table:
    """The rows of CSV ``data`` (blank rows left out), with its delimiter and encoding sniffed."""
    text = decode_text(data, name)
    budget = _Budget(name)
    head = [line for line in itertools.islice(io.StringIO(text), 50) if line.strip()]
    sep = re.fullmatch(r'"?sep=(.)"?,*', head[0].strip()) if head else None
    if sep:  # Excel's hint line: the delimiter, then the header on the next line
        text = text.split("\n", 1)[1] if "\n" in text else ""
        head = head[1:]
    delimiter = sep[1] if sep else sniff_delimiter([line.rstrip("\r\n") for line in head])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[Any]]] = []
    try:
        for number, row in enumerate(reader, start=1):
            budget.row(name, number, len(row))
            if any(cell.strip() for cell in row):
                rows.append((number, row))
    except csv.Error as error:
        raise ImportFailed(f"{name} row {reader.line_num}: the CSV is malformed ({error}).") from None
    if not rows:
        raise ImportFailed(f"{name}: the file has no header row.")
    (header_row, header), *body = rows
    return Table(name, [cell_text(h) for h in header], body, header_row)


def find_header(table: Table, looks_like_header: Callable[[list[str]], bool], report: ImportReport) -> Table:
    """``table`` with its header moved down to the first of its first rows that ``looks_like_header``;
    rows above it (a title, a note) are reported as left out. Unchanged if no row looks like one."""
    if looks_like_header(table.header):
        return table
    for index, (number, row) in enumerate(table.rows[: _HEADER_SEARCH - 1]):
        cells = [cell_text(c) for c in row]
        if looks_like_header(cells):
            skipped = [table.header_row] + [n for n, _ in table.rows[:index]]
            for above in skipped:
                report.add(
                    Problem(
                        table.where, f"row {above}", "row left out", f"it sits above the header row {number}"
                    )
                )
            return Table(table.where, cells, table.rows[index + 1 :], number)
    return table


def xlsx_tables(path: Path, report: ImportReport) -> dict[str, Table]:
    """Non-empty sheets of a workbook by lower-cased title."""
    data = read_bytes(path)
    archive = checked_zip(data, path.name, what="Excel workbook (.xlsx)")
    for info in archive.infolist():
        if info.file_size > MAX_XLSX_PART_BYTES and not info.filename.startswith(
            ("xl/worksheets/", "xl/sharedStrings")
        ):
            raise ImportFailed(
                f"{path.name}: its part {info.filename} unpacks to {megabytes(info.file_size)}; "
                f"netmap reads parts up to {megabytes(MAX_XLSX_PART_BYTES)}."
            )
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, OSError, TypeError, IndexError):
        raise ImportFailed(f"{path.name}: is not a readable Excel workbook (.xlsx).") from None
    except DefusedXmlException:
        raise ImportFailed(
            f"{path.name}: the workbook declares XML entities, which netmap refuses."
        ) from None
    tables: dict[str, Table] = {}
    budget = _Budget(path.name)
    try:
        for ws in book.worksheets:
            where = f"{path.name} sheet {ws.title!r}"
            ws.reset_dimensions()  # trust the cells, not the size the file claims
            rows = []
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if number > _SHEET_ROWS:
                    raise ImportFailed(f"{where}: has rows past Excel's last row; the file is damaged.")
                budget.row(where, number, len(row))
                if any(cell_text(c) for c in row):
                    rows.append((number, list(row)))
            _merged_and_formulas(archive, ws, where, rows, report)
            if rows:
                (header_row, header), *body = rows
                tables[ws.title.strip().lower()] = Table(
                    where, [cell_text(h) for h in header], body, header_row
                )
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, TypeError, IndexError):
        raise ImportFailed(f"{path.name}: the workbook is damaged and cannot be read.") from None
    except DefusedXmlException:
        raise ImportFailed(
            f"{path.name}: the workbook declares XML entities, which netmap refuses."
        ) from None
    finally:
        book.close()
        archive.close()
    return tables


def _merged_and_formulas(
    archive: zipfile.ZipFile, ws: Any, where: str, rows: list[tuple[int, list[Any]]], report: ImportReport
) -> None:
    """Fill merged ranges from their first cell and report formulas without a stored value.

    openpyxl's streaming reader shows neither, so the sheet's XML is read once more, as a stream.
    """
    merged: list[str] = []
    formulas: list[str] = []
    sheet_data: Any = None
    with archive.open(ws._worksheet_path) as source:
        events = iterparse(
            source, events=("start", "end"), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
        for event, element in events:
            tag = local_name(element.tag)
            if event == "start":
                sheet_data = element if tag == "sheetData" else sheet_data
            elif tag == "c":
                parts = {local_name(child.tag): child for child in element}
                value = parts.get("v")
                if "f" in parts and (value is None or not (value.text or "").strip()):
                    formulas.append(element.get("r", ""))
            elif tag == "row" and sheet_data is not None:
                sheet_data.clear()  # rows already read: keep memory flat
            elif tag == "mergeCell":
                merged.append(element.get("ref", ""))
    by_number = dict(rows)
    for ref in formulas:
        report.add(
            Problem(
                where,
                f"cell {ref}",
                "value left out",
                "the cell holds a formula whose result the file does not store; open the workbook in "
                "Excel or LibreOffice, save it and import it again",
            )
        )
    for ref in merged:
        try:
            column, first_row, _, last_row = range_boundaries(ref)
        except (TypeError, ValueError):
            continue
        top = by_number.get(first_row)
        value = top[column - 1] if top and len(top) >= column else None
        if value is None or last_row == first_row:
            continue  # a merge along one row hides only empty cells
        for number in range(first_row + 1, last_row + 1):
            cells = by_number.get(number)
            if cells is not None:  # a row that holds nothing else stays out
                cells.extend([None] * (column - len(cells)))
                cells[column - 1] = value
        report.add(
            Problem(
                where,
                f"cells {ref}",
                "merged cells filled",
                f"the cells are merged; each row takes the value of {ref.split(':')[0]}",
            )
        )
