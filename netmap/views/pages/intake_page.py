"""Referral: the short intake with a young adult, the home authority's worklist, identified counts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from netmap.errors import NetmapError
from netmap.renderers.escape import markdown_text
from netmap.services.access import Action, Actor, allowed
from netmap.services.intake import Referral
from netmap.views.feedback import problem_sentence
from netmap.views.session import current_actor, get_services, refresh_actor, select_case
from netmap.views.widgets import date_field

__all__ = ["render"]

_LABELS = {
    "name": "Full name",
    "known_as": "Known as",
    "birth_date": "Date of birth",
    "local_authority": "Home local authority",
    "prison": "Prison",
    "wants_help_with": "What they want help with",
    "consent_notes": "Notes about consent",
}


def _referral_form(actor: Actor) -> None:
    with st.form("referral", clear_on_submit=False):
        st.subheader("Refer a young adult")
        st.caption(
            "Complete this with the young adult, who tells you they have been in care. "
            "Nothing is recorded unless they agree."
        )
        consent = st.checkbox("The young adult agrees to this referral and to their details being recorded")
        name = st.text_input("Full name", max_chars=120)
        known_as = st.text_input("Known as", max_chars=200)
        birth = date_field(
            st, "Date of birth", value=None, min_value=date(1990, 1, 1), max_value=date.today()
        )
        authority = st.text_input("Home local authority (the council that looked after them)", max_chars=120)
        prison = st.text_input("Prison (if in custody)", max_chars=200)
        release = date_field(st, "Expected release date", value=None, min_value=date(2000, 1, 1))
        wants = st.text_area("What they want help with, in their words", max_chars=5000)
        notes = st.text_area("Notes about consent", max_chars=5000)
        if not st.form_submit_button("Send referral", type="primary"):
            return
    fields = {
        "name": name,
        "known_as": known_as,
        "birth_date": birth,
        "local_authority": authority,
        "prison": prison,
        "release_date": release,
        "wants_help_with": wants,
        "consent_given": consent,
        "consent_notes": notes,
    }
    services = get_services()
    try:
        case = services.intake.refer(actor, Referral.model_validate(fields))
    except ValidationError as exc:
        st.error(markdown_text(problem_sentence(exc, _LABELS)))
        return
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    refresh_actor()
    select_case(case.id)
    st.success(
        f"{markdown_text(case.title)} is referred to {markdown_text(case.local_authority)}. "
        "The case is open for you and on the authority's worklist."
    )


def _worklist(actor: Actor) -> None:
    cases = get_services().intake.worklist(actor)
    st.subheader("Referrals waiting")
    if not cases:
        st.info("No referrals are waiting in your authority.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Young person": c.title,
                    "Home authority": c.local_authority,
                    "Prison": c.prison,
                    "Release date": c.release_date,
                    "Referred": c.referral_date,
                    "Referred by": c.referred_by,
                    "Wants help with": c.wants_help_with,
                }
                for c in cases
            ]
        ),
        hide_index=True,
        width="stretch",
    )


def _counts(actor: Actor) -> None:
    counts = get_services().intake.identified_counts(actor)
    st.subheader("Young adults identified")
    st.metric("Identified through referral", counts.total)
    if counts.total:
        st.dataframe(
            pd.DataFrame(
                counts.by_prison_and_authority, columns=["Prison", "Home authority", "Young adults"]
            ),
            hide_index=True,
            width="stretch",
        )


def render() -> None:
    actor = current_actor()
    assert actor is not None
    st.title("Referrals")
    if allowed(actor, Action.CASE_REFER):
        _referral_form(actor)
    else:
        st.info("Referrals are made by prison, probation, leaving-care and Lifelong Links workers.")
    _worklist(st.session_state.get("actor", actor))
    if allowed(actor, Action.COHORT_READ):
        _counts(st.session_state.get("actor", actor))
