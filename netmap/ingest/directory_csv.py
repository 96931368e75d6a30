"""Local services for the directory from a CSV file, one service a row; any problem refuses the whole file.

Columns (the header names them, in any order; only ``name`` is required): ``name``, ``area``,
``categories`` (directory kinds of help, separated by ``;``, ``,`` or ``|``), ``offer``,
``eligibility``, ``age_min``, ``age_max``, ``referral_route``, ``capacity``,
``culturally_specific``, ``contact``, ``website``.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from netmap.errors import ImportFailed
from netmap.ingest.cells import cell_text, split_list, unquote, vocab
from netmap.ingest.tables import csv_table
from netmap.models import ServiceCategory, ServiceInfo

__all__ = ["DIRECTORY_COLUMNS", "DirectoryRow", "read_directory"]

DIRECTORY_COLUMNS = (
    "name",
    "area",
    "categories",
    "offer",
    "eligibility",
    "age_min",
    "age_max",
    "referral_route",
    "capacity",
    "culturally_specific",
    "contact",
    "website",
)
_NUMBERS = ("age_min", "age_max")
_CATEGORY_WORDS = {vocab(c.value): c for c in ServiceCategory}

DirectoryRow = tuple[int, str, str, ServiceInfo]
"""(row number, name, area, what the service offers)."""


def _age(where: str, column: str, text: str) -> int | None:
    if not text:
        return None
    if not text.isdigit():
        raise ImportFailed(f"{where} {column}: {text!r} is not a whole number of years.")
    return int(text)


def _row(where: str, cells: dict[str, str]) -> tuple[str, str, ServiceInfo]:
    name = cells.get("name", "")
    if not name:
        raise ImportFailed(f"{where} name: a service needs a name.")
    unknown = [c for c in split_list(cells.get("categories", "")) if c not in _CATEGORY_WORDS]
    if unknown:
        allowed = ", ".join(sorted(_CATEGORY_WORDS))
        raise ImportFailed(f"{where} categories: {unknown[0]!r} is not a kind of help (use {allowed}).")
    fields: dict[str, Any] = {
        k: cells.get(k, "") for k in DIRECTORY_COLUMNS if k not in ("name", "area", "categories")
    }
    fields.update({k: _age(where, k, fields[k]) for k in _NUMBERS})
    fields["categories"] = sorted(
        {_CATEGORY_WORDS[c] for c in split_list(cells.get("categories", ""))}, key=list(ServiceCategory).index
    )
    try:
        info = ServiceInfo.model_validate(fields)
    except ValidationError as error:
        first = error.errors()[0]
        column = ".".join(str(part) for part in first["loc"]) or "age_max"
        message = first["msg"].removeprefix("Value error, ").rstrip(".")
        raise ImportFailed(f"{where} {column}: {message}.") from None
    return name, cells.get("area", ""), info


def read_directory(data: bytes, name: str) -> list[DirectoryRow]:
    """Every service in the CSV ``data``; the first problem is one sentence naming the file, row and column.

    >>> rows = read_directory(b"name,categories,age_min\\nYoung Homes,housing;advocacy,16\\n", "services.csv")
    >>> [(n, [c.value for c in info.categories], info.age_min) for _, n, _, info in rows]
    [('Young Homes', ['housing', 'advocacy'], 16)]
    """
    table = csv_table(data, name)
    header = [vocab(h) for h in table.header]
    unknown = [h for h in header if h and h not in DIRECTORY_COLUMNS]
    if unknown:
        raise ImportFailed(
            f"{name} row {table.header_row}: unknown column {unknown[0]!r} (use {', '.join(DIRECTORY_COLUMNS)})."
        )
    if "name" not in header:
        raise ImportFailed(f"{name} row {table.header_row}: the header has no name column.")
    rows: list[DirectoryRow] = []
    seen: dict[tuple[str, str], int] = {}
    for number, values in table.rows:
        where = f"{name} row {number}"
        cells = {h: cell_text(unquote(v)) for h, v in zip(header, values, strict=False) if h}
        service, area, info = _row(where, cells)
        key = (service.casefold(), area.casefold())
        if key in seen:
            raise ImportFailed(
                f"{where} name: {service} in {area or 'every area'} is already on row {seen[key]}."
            )
        seen[key] = number
        rows.append((number, service, area, info))
    return rows
