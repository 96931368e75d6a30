"""A table of figures as people read it: a title, column headings and rows, a cell None when suppressed."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["Cell", "Table"]

Cell = str | int | float | None


class Table(BaseModel):
    """One table of the service's figures; ``name`` is short enough for a spreadsheet tab (31 characters)."""

    model_config = ConfigDict(frozen=True)
    name: str
    title: str
    columns: list[str]
    rows: list[list[Cell]]
