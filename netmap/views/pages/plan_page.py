"""The FGC plan: items, review and pack for the conference page, and "My plan" for the young person."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import pandas as pd
import streamlit as st

from netmap.errors import NetmapError
from netmap.models import Conference, ConferenceStage, Network, PlanItem, PlanItemStatus, new_id
from netmap.planning.discovery import status_label
from netmap.renderers.escape import markdown_text
from netmap.services.access import Action, Actor, allowed
from netmap.views.feedback import attempt, seen
from netmap.views.session import current_actor, current_case_id, get_services
from netmap.views.widgets import date_field

__all__ = [
    "ITEM_STATUS_WORDS",
    "long_date",
    "name_of",
    "pack_section",
    "plan_section",
    "render",
    "review_section",
]

T = TypeVar("T")
ITEM_STATUS_WORDS = {
    PlanItemStatus.AGREED: "Agreed",
    PlanItemStatus.IN_PROGRESS: "Under way",
    PlanItemStatus.DONE: "Done",
    PlanItemStatus.NOT_DONE: "Did not happen",
}
_AGREED_STAGES = {ConferenceStage.PLAN_AGREED, ConferenceStage.REVIEW}


# --------------------------------------------------------------------------- words


def long_date(day: date | None, empty: str = "") -> str:
    """A date as people write it.

    >>> long_date(date(2027, 3, 5))
    '5 March 2027'
    """
    return f"{day.day} {day:%B %Y}" if day else empty


def name_of(network: Network, person_id: str) -> str:
    """The name someone goes by, or a neutral phrase when they are not shown to this person."""
    person = next((p for p in network.people if p.id == person_id), None)
    return person.display_name if person else "Someone not shown to you"


# --------------------------------------------------------------------------- the plan (conference page)


def _plan_table(network: Network, items: list[PlanItem], today: date) -> pd.DataFrame:
    rows = [
        {
            "What": item.what,
            "Who": name_of(network, item.owner_id),
            "By when": item.by_when,
            "Status": ITEM_STATUS_WORDS[item.status],
            "Overdue": "Overdue"
            if item.by_when and item.by_when < today and item.status is not PlanItemStatus.DONE
            else "",
        }
        for item in items
    ]
    return pd.DataFrame(rows, columns=["What", "Who", "By when", "Status", "Overdue"])


def plan_section(actor: Actor, network: Network, conference: Conference) -> None:
    """Who does what by when, with forms to add items and change their status."""
    if items := conference.plan:
        st.dataframe(_plan_table(network, items, date.today()), hide_index=True)
    else:
        st.info("No plan items yet. Add who will do what, and by when, as the family agrees them.")
    if not allowed(actor, Action.CONFERENCE_EDIT):
        return
    version = seen(f"conference-{conference.id}", conference.version)
    members = [m.person_id for m in network.memberships]
    with st.form(f"plan-add-{conference.id}", clear_on_submit=True):
        st.markdown("**Add to the plan**")
        what = st.text_input("What will be done", max_chars=200)
        left, right = st.columns(2)
        owner = left.selectbox("Who will do it", members, format_func=lambda p: name_of(network, p))
        by_when = date_field(right, "By when", value=None, min_value=date(2000, 1, 1))
        if st.form_submit_button("Add to the plan"):
            attempt(
                lambda: get_services().conferences.add_plan_item(
                    actor,
                    conference.id,
                    PlanItem(id=new_id("i"), what=what, owner_id=owner, by_when=by_when),
                    version,
                ),
                "The plan item was added.",
            )
    if not conference.plan:
        return
    by_id = {item.id: item for item in conference.plan}
    with st.form(f"plan-status-{conference.id}"):
        st.markdown("**Update a plan item**")
        item_id = st.selectbox(
            "Plan item",
            list(by_id),
            format_func=lambda i: f"{by_id[i].what} ({name_of(network, by_id[i].owner_id)})",
            key=f"plan-item-{conference.id}",
        )
        status = st.selectbox(
            "Status",
            list(PlanItemStatus),
            format_func=ITEM_STATUS_WORDS.__getitem__,
            key=f"plan-new-status-{conference.id}",
        )
        if st.form_submit_button("Save status") and item_id is not None and status is not None:
            attempt(
                lambda: get_services().conferences.set_plan_item_status(
                    actor, conference.id, item_id, status, version
                ),
                "The plan item was updated.",
            )


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
                f"Overdue: {item.what} ({name_of(network, item.owner_id)}, due {long_date(item.by_when)})"
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

    st.download_button(
        "Download conference pack (PDF)",
        data=make_pack,
        file_name=f"conference-pack-{conference.id}.pdf",
        mime="application/pdf",
        key=f"pack-{conference.id}",
    )


# --------------------------------------------------------------------------- My plan (the young person)


def _my_plan_card(network: Network, item: PlanItem, today: date) -> None:
    """One plan item as a card: it reads whole on a phone, where a wide table would hide its last columns."""
    overdue = item.by_when is not None and item.by_when < today and item.status is not PlanItemStatus.DONE
    with st.container(border=True):
        st.markdown(f"**{markdown_text(item.what)}**")
        st.markdown(
            "  \n".join(
                [
                    f"Who: {markdown_text(name_of(network, item.owner_id))}",
                    f"By when: {long_date(item.by_when, 'No date set')}" + (" (overdue)" if overdue else ""),
                    f"How it is going: {ITEM_STATUS_WORDS[item.status]}",
                ]
            )
        )


def render() -> None:
    actor = current_actor()
    assert actor is not None
    st.title("My plan")
    case_id = current_case_id()
    if case_id is None:
        st.info("Your plan will show here once your worker has set up your map.")
        return
    services = get_services()
    try:
        network = services.cases.get_network(actor, case_id)
        conferences = services.conferences.list_conferences(actor, case_id)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    with_plans = [c for c in reversed(conferences) if c.plan]
    if not with_plans:
        st.info(
            "There is no plan yet. When your family group conference agrees a plan, "
            "it will show here: who will do what, and by when."
        )
        return
    for conference in with_plans:
        when = long_date(conference.conference_on)
        if conference.stage in _AGREED_STAGES:
            st.subheader(f"Agreed at your family meeting {('on ' + when) if when else ''}".strip())
        else:
            st.subheader(f"Being prepared for your family meeting {('on ' + when) if when else ''}".strip())
            st.caption("These are ideas so far; they are agreed at the meeting.")
        for item in sorted(conference.plan, key=lambda i: (i.by_when or date.max, i.what)):
            _my_plan_card(network, item, date.today())
        if conference.review_on:
            st.caption(f"Everyone checks how the plan is going on {long_date(conference.review_on)}.")
