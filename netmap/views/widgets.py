"""Widgets the pages share, set up the one way netmap uses them."""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

__all__ = ["UK_DATE_FORMAT", "date_field", "download_button", "on_demand"]

UK_DATE_FORMAT = "DD/MM/YYYY"


def date_field(where: Any, label: str, **options: Any) -> date | None:
    """A date input in ``where`` (``st``, a column, a form) typed day, month, year, as in the UK."""
    chosen = where.date_input(label, format=UK_DATE_FORMAT, **options)
    return chosen if isinstance(chosen, date) else None


def download_button(where: Any, label: str, data: Any, **options: Any) -> None:
    """A download button in ``where`` that leaves the page as it is: a download changes nothing, so
    the page is not run again (a click on a second download while a run redraws it would be lost)."""
    where.download_button(label, data, on_click="ignore", **options)


def on_demand(label: str, key: str) -> Any | None:
    """An expander whose contents the page makes only while it is open, or None while it is closed.

    Closed, nothing in it is run, sent or drawn, so the page before it shows sooner; opening it (a
    person's own click, or Enter on it with the keyboard) runs the page again with it open, and it
    stays open until closed or the page is left. Streamlit tracks its state only with a key and
    ``on_change``.
    """
    box = st.expander(label, key=key, on_change="rerun")
    return box if box.open else None
