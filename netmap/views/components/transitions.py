"""Transitions ahead as warnings: when, what happens, whose support ends and who remains after."""

from __future__ import annotations

import streamlit as st

from netmap.planning.transitions import Transition
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import uk_date

__all__ = ["transition_warning"]


def transition_warning(t: Transition, *, title: str = "") -> None:
    """One transition as a warning: when, what happens, whose support ends, who remains."""
    when = "today" if t.days_left == 0 else f"in {t.days_left} days, on {uk_date(t.on)}"
    ends = ", ".join(f"{w.name} ({w.role})" if w.role else w.name for w in t.ends) or "nobody recorded"
    remains = ", ".join(w.name for w in t.remains) or "nobody"
    prefix = f"{title}: " if title else ""
    st.warning(
        markdown_text(f"{prefix}{when.capitalize()}. {t.what}")
        + "  \n"
        + markdown_text(f"Support ending: {ends}.")
        + "  \n"
        + markdown_text(f"Still there after that day: {remains}.")
    )
