"""The plan's parts shared by the Plan and release page and the conference page: the items in plain
words, the form to add or change an item, the owner's status form, and promised against delivered."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from netmap.models import (
    Conference,
    Network,
    Pathway,
    PlanItem,
    PlanItemStatus,
    ReleaseCheck,
    StatutoryPlan,
    new_id,
)
from netmap.planning.integrated_plan import PlanEntry, Tally
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import uk_date, words
from netmap.services.access import Action, Actor, allowed
from netmap.views.feedback import attempt, seen
from netmap.views.session import get_services
from netmap.views.widgets import date_field

__all__ = [
    "ITEM_COLUMNS",
    "item_form",
    "item_rows",
    "long_date",
    "name_of",
    "overdue_warnings",
    "status_form",
    "tally_table",
    "view_words",
]

ITEM_COLUMNS = ["What", "Who", "Pathway", "Serves", "By when", "Status", "Young person says", "If it fails"]
NOT_SHOWN = "Someone not shown to you"


def long_date(day: date | None, empty: str = "") -> str:
    """A date as people in the UK write it, or ``empty`` when there is none.

    >>> long_date(date(2027, 3, 5)), long_date(None, "No date set")
    ('5 March 2027', 'No date set')
    """
    return uk_date(day) if day else empty


def name_of(network: Network, person_id: str) -> str:
    """The name someone goes by, or a neutral phrase when they are not shown to this person."""
    person = next((p for p in network.people if p.id == person_id), None)
    return person.display_name if person else NOT_SHOWN


def view_words(item: PlanItem) -> str:
    """The young person's answer to an item, with their note, in their words ("I disagree: ...")."""
    view = item.young_person_view
    if view is None:
        return ""
    return f"{words(view.response)}: {view.note}" if view.note else words(view.response)


def _serves(item: PlanItem) -> str:
    return ", ".join(words(p) for p in item.serves)


def item_rows(entries: list[PlanEntry], today: date) -> pd.DataFrame:
    """The items as a table in plain words and UK dates, overdue marked."""
    rows = []
    for e in entries:
        item = e.item
        status = words(item.status) + (" (overdue)" if e.overdue else "")
        rows.append(
            {
                "What": item.what,
                "Who": f"{e.owner} ({e.agency})" if e.agency not in (e.owner, "") else e.owner,
                "Pathway": words(item.pathway) if item.pathway else "Not given",
                "Serves": _serves(item),
                "By when": uk_date(item.by_when) if item.by_when else "No date",
                "Status": status,
                "Young person says": view_words(item),
                "If it fails": item.contingency,
            }
        )
    return pd.DataFrame(rows, columns=ITEM_COLUMNS)


def tally_table(tallies: list[Tally], heading: str) -> pd.DataFrame:
    """Promised against delivered, one row per agency or pathway."""
    return pd.DataFrame(
        [
            {
                heading: words(t.pathway) if t.pathway else t.label,
                "Promised": t.promised,
                "Delivered": t.delivered,
                "Under way": t.in_progress,
                "Did not happen": t.not_done,
                "Overdue": t.overdue,
            }
            for t in tallies
        ],
        columns=[heading, "Promised", "Delivered", "Under way", "Did not happen", "Overdue"],
    )


def item_form(actor: Actor, network: Network, conference: Conference, item: PlanItem | None = None) -> None:
    """Add an item to ``conference``'s plan, or change ``item``: what, who, by when, pathway, the
    statutory plans it serves, a contingency and the release check it sees to."""
    if not allowed(actor, Action.CONFERENCE_EDIT):
        return
    version = seen(f"conference-{conference.id}", conference.version)
    members = [m.person_id for m in network.memberships]
    key = f"plan-{'edit-' + item.id if item else 'add'}-{conference.id}"
    with st.form(key, clear_on_submit=item is None):
        st.markdown("**Change this plan item**" if item else "**Add to the plan**")
        what = st.text_input("What will be done", value=item.what if item else "", max_chars=200)
        left, right = st.columns(2)
        owner = left.selectbox(
            "Who will do it",
            members,
            index=members.index(item.owner_id) if item and item.owner_id in members else 0,
            format_func=lambda p: name_of(network, p),
        )
        by_when = date_field(
            right,
            "By when",
            value=item.by_when if item else None,
            min_value=date(2000, 1, 1),
        )
        pathways: list[Pathway | None] = [None, *Pathway]
        pathway = left.selectbox(
            "Resettlement pathway",
            pathways,
            index=pathways.index(item.pathway) if item else 0,
            format_func=lambda p: words(p) if p else "Not given",
        )
        checks: list[ReleaseCheck | None] = [None, *ReleaseCheck]
        check = right.selectbox(
            "Release checklist",
            checks,
            index=checks.index(item.release_check) if item else 0,
            format_func=lambda c: words(c) if c else "Not on the release checklist",
        )
        serves = st.multiselect(
            "Serves these plans", list(StatutoryPlan), default=item.serves if item else [], format_func=words
        )
        contingency = st.text_input(
            "If it does not work out", value=item.contingency if item else "", max_chars=200
        )
        if not st.form_submit_button("Save the item" if item else "Add to the plan"):
            return
    fields = {
        "what": what,
        "owner_id": owner,
        "by_when": by_when,
        "pathway": pathway,
        "release_check": check,
        "serves": serves,
        "contingency": contingency,
    }
    conferences = get_services().conferences
    if item is None:
        attempt(
            lambda: conferences.add_plan_item(
                actor, conference.id, PlanItem.model_validate({"id": new_id("i"), **fields}), version
            ),
            "The plan item was added.",
        )
    else:
        attempt(
            lambda: conferences.update_plan_item(
                actor, conference.id, PlanItem.model_validate({**item.model_dump(), **fields}), version
            ),
            "The plan item was changed.",
        )


def status_form(actor: Actor, entries: list[PlanEntry], key: str) -> None:
    """Mark how items are going: those who edit conferences any item, an owner their own items."""
    editor = allowed(actor, Action.CONFERENCE_EDIT)
    mine = [e for e in entries if editor or (actor.person_id and e.item.owner_id == actor.person_id)]
    if not mine or not (editor or allowed(actor, Action.PLAN_OWN)):
        return
    by_id = {e.item.id: e for e in mine}
    with st.form(f"plan-status-{key}"):
        st.markdown("**Update a plan item**" if editor else "**Mark your own plan items**")
        item_id = st.selectbox(
            "Plan item",
            list(by_id),
            format_func=lambda i: f"{by_id[i].item.what} ({by_id[i].owner})",
            key=f"plan-item-{key}",
        )
        status = st.selectbox("Status", list(PlanItemStatus), format_func=words, key=f"plan-new-status-{key}")
        notes = st.text_input("How it is going (optional)", max_chars=200, key=f"plan-notes-{key}")
        if st.form_submit_button("Save status") and item_id is not None and status is not None:
            entry = by_id[item_id]
            version = seen(f"conference-{entry.conference_id}", entry.conference_version)
            attempt(
                lambda: get_services().conferences.set_plan_item_status(
                    actor, entry.conference_id, item_id, status, version, notes=notes or None
                ),
                f"{entry.item.what}: now {words(status).lower()}.",
            )


def overdue_warnings(entries: list[PlanEntry]) -> None:
    for e in entries:
        if e.overdue and e.item.by_when:
            st.warning(markdown_text(f"Overdue: {e.item.what} ({e.owner}, due {uk_date(e.item.by_when)})"))
