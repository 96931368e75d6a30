"""Widgets the pages share, set up the one way netmap uses them."""

from __future__ import annotations

from datetime import date
from typing import Any

__all__ = ["UK_DATE_FORMAT", "date_field"]

UK_DATE_FORMAT = "DD/MM/YYYY"


def date_field(where: Any, label: str, **options: Any) -> date | None:
    """A date input in ``where`` (``st``, a column, a form) typed day, month, year, as in the UK."""
    chosen = where.date_input(label, format=UK_DATE_FORMAT, **options)
    return chosen if isinstance(chosen, date) else None
