"""My part in the plan: for a relative who owns plan items, those items and the meeting's date and
venue, and nothing else about the young person's case."""

from __future__ import annotations

import streamlit as st

from netmap.models import PlanItem, PlanItemStatus
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import uk_date, words
from netmap.services.access import Actor
from netmap.services.plans import MyPart
from netmap.views.feedback import attempt, seen, show_flash
from netmap.views.session import current_actor, get_services

__all__ = ["render"]


def _item(actor: Actor, part: MyPart, item: PlanItem) -> None:
    with st.container(border=True):
        st.markdown(f"**{markdown_text(item.what)}**")
        lines = [
            f"By when: {uk_date(item.by_when) if item.by_when else 'No date set'}",
            f"How it is going: {words(item.status)}",
        ]
        if item.contingency:
            lines.append(f"If it does not work out: {markdown_text(item.contingency)}")
        st.markdown("  \n".join(lines))
        with st.form(f"mine-{item.id}"):
            statuses = list(PlanItemStatus)
            status = st.selectbox(
                "How is it going?",
                statuses,
                index=statuses.index(item.status),
                format_func=words,
                key=f"mine-status-{item.id}",
            )
            notes = st.text_input(
                "Anything to add", value=item.notes, max_chars=5000, key=f"mine-notes-{item.id}"
            )
            if st.form_submit_button("Save") and status is not None:
                version = seen(f"conference-{part.conference_id}", part.conference_version)
                attempt(
                    lambda: get_services().conferences.set_plan_item_status(
                        actor, part.conference_id, item.id, status, version, notes=notes
                    ),
                    "Thank you: your part of the plan was updated.",
                )


def _part(actor: Actor, part: MyPart) -> None:
    when = uk_date(part.conference_on) if part.conference_on else "a date still to be set"
    where = part.venue or "a place still to be set"
    st.subheader(f"The meeting on {when}")
    st.markdown(f"**Where:** {markdown_text(where)}")
    for item in part.items:
        _item(actor, part, item)


def render() -> None:
    actor = current_actor()
    assert actor is not None
    st.title("My part in the plan")
    show_flash()
    parts = get_services().plans.my_part(actor)
    if not parts:
        st.info("You have no part in a plan yet. The coordinator will tell you when the plan is agreed.")
        return
    st.caption("What you agreed to do, and when and where the meeting is. Mark each thing as it goes.")
    for part in parts:
        _part(actor, part)
