"""Discovery page: the Lifelong Links funnel, leads, contact log, reminders due, lead finder, open questions."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from netmap.errors import NetmapError
from netmap.models import (
    Case,
    ContactEvent,
    ContactMethod,
    DiscoveryStatus,
    LeadSource,
    Network,
    new_id,
)
from netmap.planning.discovery import OUTCOMES, PIPELINE, allowed_next, next_step, status_label
from netmap.planning.due import DueItem
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import words
from netmap.services.access import Action, Actor, allowed
from netmap.views.components.plan_items import long_date, name_of
from netmap.views.feedback import attempt, seen, show_flash
from netmap.views.lead_review import family_proposals, lead_finder
from netmap.views.session import get_services, open_case_page
from netmap.views.widgets import date_field

__all__ = ["funnel_table", "leads_table", "render"]

_SOURCE_WORDS = {
    LeadSource.CASE_FILE: "Case file",
    LeadSource.YOUNG_PERSON: "The young person",
    LeadSource.RELATIVE: "A relative",
    LeadSource.SEARCH: "Search",
    LeadSource.PRACTITIONER: "A practitioner",
    LeadSource.IMPORT: "Import",
}
_DUE_KINDS = {"contact": "Contact", "plan_item": "Plan item", "review": "Review", "transition": "Transition"}


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def funnel_table(counts: dict[DiscoveryStatus, int]) -> pd.DataFrame:
    """The funnel as rows of stage and number of people, pipeline stages first, in order.

    >>> funnel_table({DiscoveryStatus.IDENTIFIED: 3, DiscoveryStatus.DECLINED: 1}).values.tolist()
    [['Identified', 3, 'Stage'], ['Declined', 1, 'Outcome']]
    """
    rows = [
        {"Stage": _cap(status_label(s)), "People": counts[s], "Kind": "Stage" if s in PIPELINE else "Outcome"}
        for s in (*PIPELINE, *OUTCOMES)
        if s in counts
    ]
    return pd.DataFrame(rows, columns=["Stage", "People", "Kind"])


def _open_reminders(contacts: list[ContactEvent]) -> dict[str, date]:
    soonest: dict[str, date] = {}
    for e in contacts:
        if e.reminder_on is not None and not e.done:
            soonest[e.person_id] = min(e.reminder_on, soonest.get(e.person_id, e.reminder_on))
    return soonest


def leads_table(network: Network, contacts: list[ContactEvent]) -> pd.DataFrame:
    """Everyone in the discovery pipeline (a status or a lead source), with their next reminder."""
    reminders = _open_reminders(contacts)
    rows = []
    for m in network.memberships:
        if m.person_id == network.case.ego_id or (m.status is None and m.lead_source is None):
            continue
        rows.append(
            {
                "Name": name_of(network, m.person_id),
                "Relation": m.role_label,
                "Status": _cap(status_label(m.status)),
                "Source": _SOURCE_WORDS[m.lead_source] if m.lead_source else "",
                "Lead date": m.lead_date,
                "Confidence": m.confidence.value.capitalize() if m.confidence else "",
                "Next reminder": reminders.get(m.person_id),
            }
        )
    columns = ["Name", "Relation", "Status", "Source", "Lead date", "Confidence", "Next reminder"]
    return pd.DataFrame(sorted(rows, key=lambda r: str(r["Name"]).casefold()), columns=columns)


# --------------------------------------------------------------------------- funnel and leads


def _funnel(actor: Actor, network: Network, contacts: list[ContactEvent]) -> None:
    counts = get_services().discovery.funnel(actor, network.case.id)
    table = funnel_table(counts)
    if not any(counts.values()):
        st.info(
            "Nobody is in the discovery pipeline yet. Paste case notes in 'Find leads' or give someone "
            "a status under 'One person' to start."
        )
    else:
        st.bar_chart(
            table[table["Kind"] == "Stage"], x="Stage", y="People", horizontal=True, sort=False, height=360
        )
        st.caption("Someone who reached a later stage is counted at every earlier stage too.")
        st.dataframe(table, hide_index=True)
    leads = leads_table(network, contacts)
    st.subheader("Leads")
    if leads.empty:
        st.info("No leads yet.")
    else:
        st.dataframe(leads, hide_index=True)


# --------------------------------------------------------------------------- one person


def _status_form(actor: Actor, network: Network, person_id: str) -> None:
    membership = network.membership(person_id)
    assert membership is not None
    name = name_of(network, person_id)
    # The choices follow the status this person saw: if someone changed it since, the service says why not.
    status, version = seen(f"member-{person_id}", (membership.status, membership.version))
    st.markdown(f"**Status:** {markdown_text(_cap(status_label(status)))}")
    with st.form(f"status-{person_id}"):
        choices = allowed_next(status)
        following = next_step(status)
        new = st.selectbox(
            "Move to",
            choices,
            index=choices.index(following) if following in choices else 0,
            format_func=lambda s: _cap(status_label(s)),
            key=f"status-new-{person_id}",
        )
        if st.form_submit_button("Move"):
            attempt(
                lambda: get_services().discovery.set_status(actor, network.case.id, person_id, new, version),
                f"{name} is now {status_label(new)}.",
            )


def _contact_log(actor: Actor, network: Network, person_id: str, contacts: list[ContactEvent]) -> None:
    mine = [e for e in contacts if e.person_id == person_id]
    name = name_of(network, person_id)
    if mine:
        log = pd.DataFrame(
            [
                {
                    "Date": e.on,
                    "How": e.method.value.capitalize(),
                    "Outcome": e.outcome,
                    "Next step": e.next_step,
                    "Reminder": e.reminder_on,
                    "Done": e.done,
                    "By": e.by,
                }
                for e in mine
            ]
        )
        st.dataframe(log, hide_index=True)
    else:
        st.info(f"No contact with {markdown_text(name)} is logged yet.")
    with st.form(f"contact-{person_id}", clear_on_submit=True):
        st.markdown("**Log a contact**")
        left, right = st.columns(2)
        method = left.selectbox("How", list(ContactMethod), format_func=words)
        on = date_field(right, "When", value=date.today(), max_value=date.today())
        outcome = st.text_input("What happened", max_chars=200)
        next_step = st.text_input("Next step", max_chars=200)
        reminder = date_field(st, "Remind me on", value=None, min_value=date(2000, 1, 1))
        notes = st.text_area("Notes", max_chars=5000)
        if st.form_submit_button("Log contact"):
            attempt(
                lambda: get_services().discovery.log_contact(
                    actor,
                    ContactEvent(
                        id=new_id("e"),
                        case_id=network.case.id,
                        person_id=person_id,
                        on=on or date.today(),  # a cleared date is today's
                        method=method or ContactMethod.NOTE,
                        outcome=outcome,
                        next_step=next_step,
                        reminder_on=reminder,
                        notes=notes,
                    ),
                ),
                f"The contact with {name} was logged.",
            )
    _done_form(
        actor, [e for e in mine if e.reminder_on and not e.done], {person_id: name}, f"one-{person_id}"
    )


def _done_form(actor: Actor, events: list[ContactEvent], names: dict[str, str], key: str) -> None:
    """Mark one open reminder done; ``events`` carry the version the change is based on."""
    if not events:
        return
    by_id = {e.id: e for e in events}
    with st.form(f"done-{key}"):
        event_id = st.selectbox(
            "Reminder",
            list(by_id),
            format_func=lambda i: (
                f"{long_date(by_id[i].reminder_on)}: {by_id[i].next_step or 'follow up'} "
                f"({names.get(by_id[i].person_id, 'someone')})"
            ),
            key=f"done-pick-{key}",
        )
        if st.form_submit_button("Mark reminder done"):
            event = by_id[event_id]
            attempt(
                lambda: get_services().discovery.complete_reminder(
                    actor, event.case_id, event.id, event.version
                ),
                "The reminder is marked done.",
            )


def _one_person(actor: Actor, network: Network, contacts: list[ContactEvent]) -> None:
    members = sorted(
        (m.person_id for m in network.memberships if m.person_id != network.case.ego_id),
        key=lambda p: name_of(network, p).casefold(),
    )
    if not members:
        st.info("Only the young person is in this map so far; add people on the People page.")
        return
    person_id = st.selectbox(
        "Person", members, format_func=lambda p: name_of(network, p), key=f"disc-person-{network.case.id}"
    )
    _status_form(actor, network, person_id)
    _contact_log(actor, network, person_id, contacts)


# --------------------------------------------------------------------------- due this week


def _due(actor: Actor) -> None:
    services = get_services()
    try:
        items: list[DueItem] = services.discovery.due_this_week(actor)
        titles = {c.id: c.title for c in services.cases.list_cases(actor)}
        networks = {cid: services.cases.get_network(actor, cid) for cid in {i.case_id for i in items}}
        open_events = [
            e
            for cid in networks
            for e in services.discovery.list_contacts(actor, cid)
            if e.id in {i.ref_id for i in items if i.kind == "contact"}
        ]
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    if not items:
        st.info("Nothing is due in the next seven days across your cases.")
        return
    rows = [
        {
            "Due": i.due_on,
            "Overdue": "Overdue" if i.overdue else "",
            "Case": titles.get(i.case_id, i.case_id),
            "Kind": _DUE_KINDS[i.kind],
            "What": i.what,
            "Who": name_of(networks[i.case_id], i.person_id) if i.person_id else "",
        }
        for i in items
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    st.caption("Plan items and reviews are updated on the Conference page.")
    names = {p.id: p.display_name for n in networks.values() for p in n.people}
    _done_form(actor, open_events, names, "due")


def _questions(actor: Actor, case: Case) -> None:
    if case.questions:
        st.markdown("\n".join(f"{n}. {markdown_text(q)}" for n, q in enumerate(case.questions, start=1)))
    else:
        st.info("No open questions. Note here what you still need to find out, such as who a father is.")
    if not allowed(actor, Action.CASE_EDIT):
        return
    version = seen(f"case-{case.id}", case.version)

    def save(questions: list[str], done: str) -> None:
        attempt(
            lambda: get_services().cases.update_case(
                actor, Case.model_validate({**case.model_dump(), "questions": questions, "version": version})
            ),
            done,
        )

    with st.form(f"question-add-{case.id}", clear_on_submit=True):
        question = st.text_input("A question still to answer", max_chars=200)
        if st.form_submit_button("Add question"):
            if question.strip():
                save([*case.questions, question.strip()], "The question was added.")
            else:
                st.error("Write the question first.")
    if case.questions:
        with st.form(f"question-remove-{case.id}"):
            index = st.selectbox(
                "Answered or no longer needed",
                range(len(case.questions)),
                format_func=case.questions.__getitem__,
            )
            if st.form_submit_button("Remove question"):
                rest = [q for n, q in enumerate(case.questions) if n != index]
                save(rest, "The question was removed.")


def render() -> None:
    opened = open_case_page("Discovery")
    if opened is None:
        return
    actor, network = opened
    show_flash()
    try:
        contacts = get_services().discovery.list_contacts(actor, network.case.id)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    funnel, person, due, finder, questions = st.tabs(
        ["Funnel and leads", "One person", "Due this week", "Find leads", "Open questions"]
    )
    with funnel:
        _funnel(actor, network, contacts)
    with person:
        _one_person(actor, network, contacts)
    with due:
        _due(actor)
    with finder:
        lead_finder(actor, network)
        family_proposals(actor, network)
    with questions:
        _questions(actor, network.case)
