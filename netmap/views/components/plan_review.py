"""The conference's review (promised against delivered per owner, suggested discovery statuses) and
its pack download, for the conference page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netmap.errors import NetmapError
from netmap.models import Conference, Network
from netmap.planning.discovery import status_label
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import uk_date
from netmap.services.access import Action, Actor, allowed
from netmap.views.components.plan_items import name_of
from netmap.views.feedback import attempt
from netmap.views.session import get_services
from netmap.views.widgets import download_button

__all__ = ["pack_section", "review_section"]


def review_section(actor: Actor, network: Network, conference: Conference) -> None:
    """Promised against delivered, overdue items and proposed discovery statuses, with an apply button."""
    try:
        review = get_services().conferences.review(actor, conference.id)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    left, middle, right = st.columns(3)
    left.metric("Promised", review.promised)
    middle.metric("Delivered", review.delivered)
    right.metric("Overdue", len(review.overdue_item_ids))
    if not review.promised:
        st.info("There is nothing to review until the plan has items.")
        return
    owners = pd.DataFrame(
        [
            {
                "Who": name_of(network, o.owner_id),
                "Promised": o.promised,
                "Delivered": o.delivered,
                "Under way": o.in_progress,
                "Did not happen": o.not_done,
                "Overdue": o.overdue,
            }
            for o in review.owners
        ],
        columns=["Who", "Promised", "Delivered", "Under way", "Did not happen", "Overdue"],
    )
    st.dataframe(owners, hide_index=True)
    overdue = [item for item in conference.plan if item.id in set(review.overdue_item_ids)]
    for item in overdue:
        st.warning(
            markdown_text(
                f"Overdue: {item.what} ({name_of(network, item.owner_id)}, due {uk_date(item.by_when) if item.by_when else 'no date'})"
            )
        )
    if not review.updates:
        st.caption("No discovery status changes are suggested by this plan yet.")
        return
    st.markdown("**Suggested status changes**")
    updates = pd.DataFrame(
        [
            {
                "Who": name_of(network, u.person_id),
                "Now": status_label(u.current),
                "Suggested": status_label(u.proposed),
                "Why": u.reason,
            }
            for u in review.updates
        ],
        columns=["Who", "Now", "Suggested", "Why"],
    )
    st.dataframe(updates, hide_index=True)
    if allowed(actor, Action.CONFERENCE_EDIT) and st.button(
        "Apply these status changes", key=f"review-apply-{conference.id}"
    ):
        attempt(
            lambda: get_services().conferences.review(actor, conference.id, apply=True),
            "The suggested status changes were applied.",
        )


def pack_section(actor: Actor, case_id: str, conference: Conference) -> None:
    """The conference pack as a PDF, made only when someone downloads it (each download is audited)."""
    if not allowed(actor, Action.EXPORT_CASE):
        return
    services = get_services()

    def make_pack() -> bytes:
        return services.conferences.pack(actor, case_id, conference_id=conference.id)

    download_button(
        st,
        "Download conference pack (PDF)",
        data=make_pack,
        file_name=f"conference-pack-{conference.id}.pdf",
        mime="application/pdf",
        key=f"pack-{conference.id}",
    )
