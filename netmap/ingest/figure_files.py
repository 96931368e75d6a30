"""Tables of figures out as one CSV file or one Excel workbook (a sheet per table), formulas neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

import openpyxl

from netmap.graph.analytics.tables import Cell, Table
from netmap.ingest.cells import neutralise

__all__ = ["tables_csv", "tables_xlsx"]

ABOUT = "About"


def _cell(value: Cell, suppressed: str) -> str | int | float:
    if value is None:
        return suppressed
    if isinstance(value, int | float) and not isinstance(value, bool):
        return round(value, 4) if isinstance(value, float) else value
    return neutralise(value)


def tables_csv(about: Sequence[Sequence[Cell]], tables: Sequence[Table], *, suppressed: str) -> bytes:
    """One CSV in long form, readable by any tool: ``table, row, column, value``, one line per cell.

    ``about`` (pairs of what and value) comes first under the table name "About"; a suppressed cell is
    written as ``suppressed``.

    >>> t = Table(name="T", title="A table", columns=["Group", "Cases"], rows=[["Settled", 12], ["Other", None]])
    >>> print(tables_csv([["Cases", 14]], [t], suppressed="[c]").decode().strip())
    table,row,column,value
    About,Cases,,14
    A table,Settled,Cases,12
    A table,Other,Cases,[c]
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["table", "row", "column", "value"])
    for what, value in about:
        writer.writerow([ABOUT, _cell(what, suppressed), "", _cell(value, suppressed)])
    for table in tables:
        for row in table.rows:
            for column, value in zip(table.columns[1:], row[1:], strict=True):
                writer.writerow(
                    [
                        neutralise(table.title),
                        _cell(row[0], suppressed),
                        neutralise(column),
                        _cell(value, suppressed),
                    ]
                )
    return out.getvalue().encode("utf-8")


def tables_xlsx(about: Sequence[Sequence[Cell]], tables: Sequence[Table], *, suppressed: str) -> bytes:
    """One workbook: an "About" sheet, then one sheet per table with its title above its columns."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = ABOUT
    for row in about:
        sheet.append([_cell(v, suppressed) for v in row])
    for table in tables:
        sheet = book.create_sheet(table.name[:31])
        sheet.append([neutralise(table.title)])
        sheet.append([neutralise(c) for c in table.columns])
        for row in table.rows:
            sheet.append([_cell(v, suppressed) for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
