"""History: every change to the case, newest first: who made it, when, and what changed.

The audit trail was written with every change from the start; this page is where the people who
may read it (``audit.read``: coordinators, facilitators, admins) do: who took someone off the map,
who changed a restriction and from what, who exported the case.
"""

from __future__ import annotations

import streamlit as st

from netmap.renderers.audit_lines import audit_lines, concerns, kind_of
from netmap.renderers.escape import markdown_text
from netmap.views.components.audit_table import audit_table
from netmap.views.session import get_services, open_case_page

__all__ = ["SHOWN", "render"]

# The newest changes the table shows at once: enough for a review, few enough to draw at once.
SHOWN = 200
_EVERYONE = "Everyone"
_EVERYTHING = "Anyone and anything"
_EVERY_KIND = "Every kind"


def render() -> None:
    opened = open_case_page("History")
    if opened is None:
        return
    actor, network = opened
    st.caption(
        "Every change to this case, newest first: who made it, when (UK time) and what changed. "
        "Nobody can change this trail; `netmap check` verifies its seal."
    )
    # with the names of everyone the trail is about, those no longer in the map too (who took them off?)
    events, names = get_services().cases.named_history(actor, network.case.id)
    if not events:
        st.info("Nothing has been recorded for this case yet.")
        return
    left, middle, right = st.columns(3)
    who = left.selectbox("Whose changes", [_EVERYONE, *sorted({e.actor for e in events})], key="history-who")
    about = middle.selectbox(
        "About",
        [_EVERYTHING, *sorted(names, key=names.__getitem__)],
        format_func=lambda pid: names.get(pid, pid),
        key="history-about",
    )
    kinds = sorted({kind_of(e.action) for e in events})
    kind = right.selectbox("Kind of change", [_EVERY_KIND, *kinds], key="history-kind")
    chosen = [
        e
        for e in events
        if (who == _EVERYONE or e.actor == who)
        and (about == _EVERYTHING or concerns(e, about))
        and (kind == _EVERY_KIND or kind_of(e.action) == kind)
    ]
    lines = audit_lines(chosen, names)
    if not lines:
        st.info("No change matches these choices.")
        return
    showing = f"history-showing-{network.case.id}"  # how many of the newest lines the table shows
    shown = st.session_state.get(showing, SHOWN)
    st.dataframe(audit_table(lines[:shown]), hide_index=True, width="stretch")
    if len(lines) > shown:
        st.caption(markdown_text(f"The newest {shown} of {len(lines)} changes."))
        st.button(
            "Show older changes",
            key="history-older",
            on_click=lambda: st.session_state.update({showing: shown + SHOWN}),
        )
