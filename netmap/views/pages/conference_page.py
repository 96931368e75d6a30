"""Family group conference page: the conference record, safety-gated invitations, plan, review and pack."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from netmap.errors import NetmapError
from netmap.models import (
    Conference,
    ConferenceStage,
    InvitationStatus,
    Invitee,
    InviteeNeed,
    Network,
    new_id,
)
from netmap.renderers.escape import markdown_text
from netmap.services.access import Action, Actor, allowed
from netmap.services.conferences import InviteResult
from netmap.views.components.plan_items import item_form, item_rows, long_date, name_of, status_form
from netmap.views.components.plan_review import pack_section, review_section
from netmap.views.feedback import attempt, flash, problem_sentence, seen, show_flash
from netmap.views.session import get_services, open_case_page
from netmap.views.widgets import date_field

__all__ = ["INVITATION_WORDS", "NEED_WORDS", "STAGE_WORDS", "render"]

STAGE_WORDS = {
    ConferenceStage.REFERRAL: "Referral",
    ConferenceStage.PREPARATION: "Preparation",
    ConferenceStage.INFORMATION_GIVING: "Information giving",
    ConferenceStage.PRIVATE_FAMILY_TIME: "Private family time",
    ConferenceStage.PLAN_AGREED: "Plan agreed",
    ConferenceStage.REVIEW: "Review",
}
INVITATION_WORDS = {
    InvitationStatus.PROPOSED: "Proposed",
    InvitationStatus.INVITED: "Invited",
    InvitationStatus.ACCEPTED: "Coming",
    InvitationStatus.DECLINED: "Declined",
    InvitationStatus.BLOCKED: "Blocked",
    InvitationStatus.ATTENDED: "Came",
}
NEED_WORDS = {
    InviteeNeed.ADVOCATE: "Advocate",
    InviteeNeed.INTERPRETER: "Interpreter",
    InviteeNeed.ACCESS: "Access",
    InviteeNeed.TRAVEL: "Travel",
}
_CHOOSABLE = [s for s in InvitationStatus if s is not InvitationStatus.BLOCKED]
_PENDING = "pending-invite"


def _label(conference: Conference) -> str:
    when = long_date(conference.conference_on, "date not set")
    return f"Conference on {when} ({STAGE_WORDS[conference.stage].lower()})"


def _start_form(actor: Actor, case_id: str) -> None:
    with st.form(f"conference-new-{case_id}", clear_on_submit=True):
        st.markdown("**Start a family group conference**")
        left, right = st.columns(2)
        referral_on = date_field(left, "Referral date", value=date.today(), min_value=date(2000, 1, 1))
        conference_on = date_field(right, "Conference date", value=None, min_value=date(2000, 1, 1))
        venue = st.text_input("Venue", max_chars=200)
        if st.form_submit_button("Start conference"):

            def chosen(created: Conference) -> None:
                # the picker widget already exists in this run; it takes the new id on the next one
                st.session_state[f"conference-new-{case_id}"] = created.id
                flash("success", "The conference was started.")

            attempt(
                lambda: get_services().conferences.create_conference(
                    actor,
                    Conference(
                        id=new_id("f"),
                        case_id=case_id,
                        referral_on=referral_on,
                        conference_on=conference_on,
                        venue=venue,
                    ),
                ),
                chosen,
            )


def _details(conference: Conference) -> None:
    facts = {
        "Stage": STAGE_WORDS[conference.stage],
        "Referral": long_date(conference.referral_on, "Not set"),
        "Conference": long_date(conference.conference_on, "Not set"),
        "Review": long_date(conference.review_on, "Not set"),
    }
    # Text that wraps, not metrics: a metric cuts a long date short ("23 Decembe…") in a quarter width.
    for column, (label, value) in zip(
        st.container(key="conference-facts").columns(4), facts.items(), strict=True
    ):
        column.markdown(f"{label}  \n**{value}**")
    st.markdown(f"**Venue:** {markdown_text(conference.venue) if conference.venue else 'not decided yet'}")
    family_time = "yes" if conference.private_family_time else "no"
    st.markdown(f"**Private family time:** {family_time}")
    if conference.agenda:
        st.markdown("**Agenda**")
        # st.text shows the agenda's own line breaks and never reads it as Markdown.
        st.text(conference.agenda)


def _details_form(actor: Actor, conference: Conference) -> None:
    version = seen(f"conference-{conference.id}", conference.version)
    with st.expander("Change the conference details"), st.form(f"conference-edit-{conference.id}"):
        stages = list(ConferenceStage)
        stage = st.selectbox(
            "Stage", stages, index=stages.index(conference.stage), format_func=STAGE_WORDS.__getitem__
        )
        cols = st.columns(3)
        fields: dict[str, Any] = {
            "stage": stage,
            "referral_on": date_field(
                cols[0], "Referral date", value=conference.referral_on, min_value=date(2000, 1, 1)
            ),
            "conference_on": date_field(
                cols[1], "Conference date", value=conference.conference_on, min_value=date(2000, 1, 1)
            ),
            "review_on": date_field(
                cols[2], "Review date", value=conference.review_on, min_value=date(2000, 1, 1)
            ),
            "venue": st.text_input("Venue", value=conference.venue, max_chars=200),
            "agenda": st.text_area("Agenda", value=conference.agenda, max_chars=5000),
            "private_family_time": st.checkbox(
                "Private family time (the family plan on their own)", value=conference.private_family_time
            ),
        }
        if st.form_submit_button("Save details"):
            attempt(
                lambda: get_services().conferences.update_conference(
                    actor,
                    Conference.model_validate({**conference.model_dump(), **fields, "version": version}),
                ),
                "The conference details were saved.",
            )


def _invitation_table(actor: Actor, network: Network, conference: Conference) -> pd.DataFrame:
    # Invitee notes are restricted: the service leaves them empty for those who may not read them.
    notes = any(invitee.notes for invitee in conference.invitees)
    rows = []
    for invitee in conference.invitees:
        row = {
            "Name": name_of(network, invitee.person_id),
            "Role": invitee.role,
            "Invitation": INVITATION_WORDS[invitee.status],
            "Needs": ", ".join(NEED_WORDS[n] for n in invitee.needs),
            "Information giver": "Yes" if invitee.information_giver else "",
            "Will say": invitee.will_say,
        }
        if notes:
            row["Notes"] = invitee.notes
        rows.append(row)
    columns = ["Name", "Role", "Invitation", "Needs", "Information giver", "Will say"]
    return pd.DataFrame(rows, columns=[*columns, "Notes"] if notes else columns)


def _after_invite(name: str, invitee: Invitee, version: int) -> Any:
    def done(result: InviteResult) -> None:
        st.session_state.pop(_PENDING, None)
        if result.blocks:
            for block in result.blocks:
                flash("error", block.reason)
            flash("warning", f"{name} is recorded as blocked and will not be invited.")
        elif not result.invited:
            st.session_state[_PENDING] = {
                "conference_id": result.conference.id,
                "invitee": invitee.model_dump(mode="json"),
                "version": version,
                "warnings": [w.reason for w in result.warnings],
            }
        else:
            flash("success", f"{name}'s invitation was saved.")

    return done


def _invite(
    actor: Actor, conference_id: str, name: str, invitee: Invitee, version: int, *, accept: bool
) -> None:
    attempt(
        lambda: get_services().conferences.invite(
            actor, conference_id, invitee, version, accept_warnings=accept
        ),
        _after_invite(name, invitee, version),
    )


def _invite_form(actor: Actor, network: Network, conference: Conference) -> None:
    version = seen(f"conference-{conference.id}", conference.version)
    invitees = {i.person_id: i for i in conference.invitees}
    members = [m.person_id for m in network.memberships]

    def option(person_id: str) -> str:
        status = invitees[person_id].status if person_id in invitees else None
        return name_of(network, person_id) + (f" ({INVITATION_WORDS[status].lower()})" if status else "")

    st.markdown("**Invite someone, or change their invitation**")
    person_id = st.selectbox("Person", members, format_func=option, key=f"invite-pick-{conference.id}")
    current = invitees.get(person_id)
    membership = network.membership(person_id)
    name = name_of(network, person_id)
    with st.form(f"invite-{conference.id}-{person_id}"):
        role = st.text_input(
            "Role at the conference",
            value=current.role if current else (membership.role_label if membership else ""),
            max_chars=200,
        )
        statuses = _CHOOSABLE
        status = st.selectbox(
            "Invitation",
            statuses,
            index=statuses.index(current.status) if current and current.status in statuses else 1,
            format_func=INVITATION_WORDS.__getitem__,
        )
        needs = st.multiselect(
            "Needs",
            list(InviteeNeed),
            default=current.needs if current else [],
            format_func=NEED_WORDS.__getitem__,
        )
        giver = st.checkbox("Information giver", value=current.information_giver if current else False)
        will_say = st.text_input(
            "What they will tell the family", value=current.will_say if current else "", max_chars=200
        )
        notes = st.text_area("Notes", value=current.notes if current else "", max_chars=5000)
        if st.form_submit_button("Invite"):
            try:
                invitee = Invitee(
                    person_id=person_id,
                    role=role,
                    status=status,
                    needs=needs,
                    information_giver=giver,
                    will_say=will_say,
                    notes=notes,
                )
            except ValidationError as exc:
                st.error(markdown_text(f"The invitation for {name} was not saved. {problem_sentence(exc)}"))
            else:
                _invite(actor, conference.id, name, invitee, version, accept=False)


def _pending_confirmation(actor: Actor, network: Network, conference: Conference) -> None:
    pending = st.session_state.get(_PENDING)
    if not pending or pending["conference_id"] != conference.id:
        return
    invitee = Invitee.model_validate(pending["invitee"])
    name = name_of(network, invitee.person_id)
    st.markdown(f"**Before inviting {markdown_text(name)}, please consider:**")
    for reason in pending["warnings"]:
        st.warning(markdown_text(reason))
    with st.form(f"invite-confirm-{conference.id}"):
        considered = st.checkbox("I have considered this", key=f"invite-considered-{conference.id}")
        left, right = st.columns(2)
        go = left.form_submit_button("Invite anyway")
        cancel = right.form_submit_button("Do not invite")
    if cancel:
        st.session_state.pop(_PENDING, None)
        flash("success", f"{name} was not invited.")
        st.rerun()
    if go and not considered:
        st.error(markdown_text(f"Tick 'I have considered this' to invite {name} despite these warnings."))
    elif go:
        _invite(actor, conference.id, name, invitee, pending["version"], accept=True)


def _plan(actor: Actor, network: Network, conference: Conference) -> None:
    """This conference's part of the young person's one plan (the Plan and release page shows it whole)."""
    services = get_services()
    entries = [
        e
        for e in services.plans.integrated_plan(actor, network.case.id).entries
        if e.conference_id == conference.id
    ]
    if entries:
        st.dataframe(item_rows(entries, services.plans.clock().date()), hide_index=True)
    else:
        st.info("No plan items yet. Add who will do what, and by when, as the family agrees them.")
    item_form(actor, network, conference)
    status_form(actor, entries, conference.id)


_CAME = {InvitationStatus.INVITED, InvitationStatus.ACCEPTED, InvitationStatus.ATTENDED}


def _attendance(actor: Actor, network: Network, conference: Conference) -> None:
    """Who came: recorded per invitee, and carried into the Lifelong Links funnel."""
    expected = [i for i in conference.invitees if i.status in _CAME]
    if not expected or conference.conference_on is None:
        return
    with st.form(f"attendance-{conference.id}"):
        st.markdown("**Who came to the conference**")
        came = {
            i.person_id: st.checkbox(
                markdown_text(name_of(network, i.person_id)),
                value=i.status is InvitationStatus.ATTENDED,
                key=f"came-{conference.id}-{i.person_id}",
            )
            for i in expected
        }
        if st.form_submit_button("Save who came"):
            changed = [i for i in expected if came[i.person_id] != (i.status is InvitationStatus.ATTENDED)]

            def save() -> int:
                version = conference.version
                for invitee in changed:
                    written = get_services().conferences.record_attendance(
                        actor, conference.id, invitee.person_id, came[invitee.person_id], version
                    )
                    version = written.version
                return len(changed)

            attempt(save, lambda n: flash("success", f"Saved who came ({n} changed)."))


def _choose(actor: Actor, network: Network) -> Conference | None:
    case_id = network.case.id
    try:
        conferences = get_services().conferences.list_conferences(actor, case_id)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return None
    editor = allowed(actor, Action.CONFERENCE_EDIT)
    if not conferences:
        st.info("No family group conference has been started for this case yet.")
        if editor:
            _start_form(actor, case_id)
        return None
    by_id = {c.id: c for c in reversed(conferences)}
    key = f"conference-pick-{case_id}"
    if created := st.session_state.pop(f"conference-new-{case_id}", None):
        st.session_state[key] = created
    if st.session_state.get(key) not in by_id:
        st.session_state.pop(key, None)
    chosen = st.selectbox("Conference", list(by_id), format_func=lambda i: _label(by_id[i]), key=key)
    if editor:
        with st.expander("Start another conference"):
            _start_form(actor, case_id)
    return by_id[chosen]


def render() -> None:
    opened = open_case_page("Family group conference")
    if opened is None:
        return
    actor, network = opened
    show_flash()
    conference = _choose(actor, network)
    if conference is None:
        return
    editor = allowed(actor, Action.CONFERENCE_EDIT)
    if not editor:
        st.caption("You can read this conference; the facilitator records changes.")
    _details(conference)
    if editor:
        _details_form(actor, conference)
    pack_section(actor, network.case.id, conference)
    invitations, plan, review = st.tabs(["Invitations", "Plan", "Review"])
    with invitations:
        if conference.invitees:
            st.dataframe(_invitation_table(actor, network, conference), hide_index=True)
        else:
            st.info("Nobody is on the invitation list yet.")
        if editor:
            _invite_form(actor, network, conference)
            _pending_confirmation(actor, network, conference)
            _attendance(actor, network, conference)
    with plan:
        _plan(actor, network, conference)
    with review:
        review_section(actor, network, conference)
