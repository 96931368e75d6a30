"""People and ties from CSV files or an Excel workbook, and a case back out with formulas neutralised."""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl

from netmap.errors import ImportFailed
from netmap.ingest.builder import Builder
from netmap.ingest.cells import cell_text, neutralise, unquote
from netmap.ingest.columns import (
    CASE_COLUMNS,
    PEOPLE_COLUMNS,
    TIE_COLUMNS,
    case_fields,
    case_row,
    person_parts,
    person_row,
    tie_parts,
    tie_row,
)
from netmap.ingest.files import digest, read_bytes
from netmap.ingest.report import ImportReport, Problem
from netmap.ingest.tables import Table, csv_table, find_header, xlsx_tables
from netmap.models import Dataset, Network

__all__ = ["read", "template", "ties_path", "write", "write_xlsx"]


def ties_path(people: Path) -> Path:
    """Where the ties CSV sits beside a people CSV: ``network.csv`` -> ``network_ties.csv``.

    >>> ties_path(Path("out/network.csv")).as_posix()
    'out/network_ties.csv'
    """
    return people.with_name(f"{people.stem}_ties{people.suffix or '.csv'}")


def _mapped(title: str, mapping: Mapping[str, str]) -> str:
    return mapping.get(title, title).strip().lower().replace(" ", "_")


def _columns(table: Table, allowed: list[str], required: list[str], mapping: Mapping[str, str]) -> list[str]:
    """netmap column per header cell ("" = ignored); refuse unknown or missing columns by name."""
    columns = []
    for title in table.header:
        column = mapping.get(title, title).strip()
        key = _mapped(title, mapping)
        if column in ("", "-"):
            columns.append("")
        elif key in allowed:
            columns.append(key)
        else:
            raise ImportFailed(
                f"{table.where}: column {title!r} is not a netmap column; rename it, map it "
                f"(their column=netmap column) or map it to '-' to leave it out."
            )
    for column in required:
        if column not in columns:
            raise ImportFailed(f"{table.where}: the required column {column!r} is missing.")
    duplicated = {c for c in columns if c and columns.count(c) > 1}
    if duplicated:
        raise ImportFailed(f"{table.where}: column {sorted(duplicated)[0]!r} appears twice.")
    return columns


def _header(table: Table, required: str, mapping: Mapping[str, str], report: ImportReport) -> Table:
    """``table`` with its header found below any title rows: the first row naming the ``required`` column."""
    return find_header(table, lambda cells: required in {_mapped(c, mapping) for c in cells}, report)


def _rows(
    table: Table, columns: list[str], report: ImportReport
) -> list[tuple[str, dict[str, Any], dict[str, str]]]:
    label = {c: h for c, h in zip(columns, table.header, strict=True) if c}
    out = []
    for number, row in table.rows:
        if len(row) > len(columns) and any(cell_text(c) for c in row[len(columns) :]):
            report.add(
                Problem(
                    table.where,
                    f"row {number}",
                    "cells left out",
                    "has more cells than the header has columns",
                )
            )
        values = {c: unquote(row[i]) if i < len(row) else None for i, c in enumerate(columns) if c}
        out.append((f"row {number}", values, label))
    return out


def _build(
    content: str,
    people: Table,
    ties: Table | None,
    case_id: str | None,
    ego_id: str | None,
    mapping: Mapping[str, str],
    report: ImportReport,
    young_person: str | None,
) -> Dataset:
    builder = Builder(
        people.where, content, case_id=case_id, ego_id=ego_id, report=report, young_person=young_person
    )
    people = _header(people, "name", mapping, report)
    people_rows = _rows(people, _columns(people, PEOPLE_COLUMNS + CASE_COLUMNS, ["name"], mapping), report)
    title = _exported_case(builder, people_rows)
    by_name: dict[str, list[str]] = {}
    for where, values, label in people_rows:
        person, membership, ego, given = person_parts(values)
        key = given or cell_text(values.get("name")) or where
        pid = builder.person(
            where, key, person, membership, given_id=given, ego=ego, label=label, noun="column"
        )
        if pid:
            by_name.setdefault(cell_text(values.get("name")).casefold(), []).append(pid)
    if ties is not None:
        ties = _header(ties, "from", mapping, report)
        builder.name = ties.where
        for where, values, label in _rows(ties, _columns(ties, TIE_COLUMNS, ["from", "to"], mapping), report):
            ends = []
            for end in ("from", "to"):
                key = cell_text(values.get(end))
                if key not in builder.keys and len(by_name.get(key.casefold(), [])) == 1:
                    builder.keys[key] = by_name[key.casefold()][0]
                ends.append(key)
            builder.tie(
                where,
                ends[0],
                ends[1],
                tie_parts(values),
                given_id=cell_text(values.get("id")),
                label=label,
                noun="column",
            )
        builder.name = people.where
    return builder.dataset(title=title)


def _exported_case(builder: Builder, rows: list[tuple[str, dict[str, Any], dict[str, str]]]) -> str:
    """Land ``builder`` in the case named by the ``case_id`` column and return the ``case_title``."""
    found: dict[str, tuple[str, str]] = {}
    for where, values, label in rows:
        for column in CASE_COLUMNS:
            value = cell_text(values.get(column))
            if value and found.setdefault(column, (where, value))[1] != value:
                first_where, first = found[column]
                raise ImportFailed(
                    f"{builder.name} {where}, column {label[column]!r}: {value!r} differs from {first!r} "
                    f"on {first_where}; one sheet holds one case."
                )
    if "case_id" in found:
        where, value = found["case_id"]
        builder.use_exported_case(value, f"{where}, column 'case_id'")
        builder.case_fields = case_fields({column: v for column, (_, v) in found.items()})
    return found.get("case_title", ("", ""))[1]


def read(
    path: Path,
    *,
    case_id: str | None = None,
    ego_id: str | None = None,
    mapping: Mapping[str, str] | None = None,
    report: ImportReport | None = None,
    young_person: str | None = None,
) -> Dataset:
    """People (and ties) from a CSV pair or a workbook with sheets ``People`` and ``Ties``.

    A CSV ``x.csv`` holds people; ties, if any, are in ``x_ties.csv`` beside it. ``mapping`` renames
    the file's columns to netmap columns (``{"Full name": "name", "Rel": "role_label", "Junk": "-"}``).
    Without ``case_id`` exactly one person must have ``young_person=yes`` (or be named by
    ``young_person``: id, name or known-as); a ``case_id`` column (as
    netmap's own export writes) then names the case to land in, otherwise a new case id is made.
    Rows netmap cannot use go to ``report`` (see :mod:`netmap.ingest.report`); without one, the
    first refuses the file.
    """
    path = Path(path)
    mapping = dict(mapping or {})
    report = report if report is not None else ImportReport(strict=True)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        sheets = xlsx_tables(path, report)
        if "elements" in sheets and "connections" in sheets:
            raise ImportFailed(
                f"{path.name}: is a Kumu spreadsheet (Elements, Connections); import it as kumu."
            )
        people = sheets.get("people") or (next(iter(sheets.values())) if len(sheets) == 1 else None)
        if people is None:
            raise ImportFailed(f"{path.name}: needs a sheet named 'People' (and optionally 'Ties').")
        content = digest(read_bytes(path))
        return _build(content, people, sheets.get("ties"), case_id, ego_id, mapping, report, young_person)
    if path.stem.endswith("_ties"):
        path = path.with_name(path.stem.removesuffix("_ties") + path.suffix)
    people_data = read_bytes(path)
    tie_file = ties_path(path)
    ties_data = read_bytes(tie_file) if tie_file.exists() else None
    ties_table = csv_table(ties_data, tie_file.name) if ties_data is not None else None
    content = digest(people_data + (ties_data or b""))
    people_table = csv_table(people_data, path.name)
    return _build(content, people_table, ties_table, case_id, ego_id, mapping, report, young_person)


def _tables(network: Network | None) -> tuple[list[list[Any]], list[list[Any]]]:
    """People and ties tables; an export names its case on the young person's row (else the first)."""
    people = [PEOPLE_COLUMNS]
    ties = [TIE_COLUMNS]
    if network is not None:
        ids = [p.id for p in network.people]
        marked = {network.case.ego_id} if network.case.ego_id in ids else set(ids[:1])
        people = [PEOPLE_COLUMNS + CASE_COLUMNS]
        for person in network.people:
            case = list(case_row(network.case).values()) if person.id in marked else [""] * len(CASE_COLUMNS)
            people.append([*person_row(network, person).values(), *case])
        ties += [list(tie_row(t).values()) for t in network.ties]
    return people, ties


def _safe(value: Any) -> Any:
    return value if isinstance(value, int) and not isinstance(value, bool) else neutralise(value)


def _write(network: Network | None, path: Path, excel: bool = False) -> None:
    path = Path(path)
    people, ties = _tables(network)
    if excel or path.suffix.lower() == ".xlsx":
        book = openpyxl.Workbook()
        for ws, rows in zip((book.active, book.create_sheet()), (people, ties), strict=True):
            ws.title = "People" if rows is people else "Ties"
            for row in rows:
                ws.append([_safe(v) for v in row])
        book.save(path)
        return
    for target, rows in ((path, people), (ties_path(path), ties)):
        with target.open("w", newline="", encoding="utf-8") as handle:
            csv.writer(handle).writerows([[_safe(v) for v in row] for row in rows])


def write(network: Network, path: Path) -> None:
    """Write a case as ``PATH`` (people) and ``PATH_ties.csv``, or one ``.xlsx`` with People and Ties.

    The young person's row carries ``case_id`` and ``case_title``, so importing the file again without
    ``--case`` lands in the same case. Every text cell that a spreadsheet would run as a formula gets a
    leading single quote.
    """
    _write(network, path)


def write_xlsx(network: Network, path: Path) -> None:
    """Write a case as one workbook with sheets People and Ties, whatever the file name says."""
    _write(network, path, excel=True)


def template(path: Path) -> None:
    """Write the empty people/ties template (headers only) as CSV pair or ``.xlsx``."""
    _write(None, path)
