"""Referral: the short self-identification and referral form (with a young adult, by a worker or a prison
peer mentor), who picks it up, the home authority's worklist, the admin's alerts, identified counts."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from netmap.errors import NetmapError
from netmap.models import FormerRelevantChild
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import uk_date, words
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
    "care_history.from_year": "In care from (year)",
    "care_history.to_year": "In care until (year)",
    "care_history": "Years in care",
}
_YEARS = list(range(date.today().year, 1989, -1))


def _referral_form(actor: Actor) -> None:
    with st.form("referral", clear_on_submit=False):
        st.subheader("Refer a young adult who has been in care")
        st.caption(
            "Fill this in with the young adult, who tells you they have been in care: they can do it "
            "with a peer mentor or key worker. Nothing is recorded unless they agree."
        )
        consent = st.checkbox("The young adult agrees to this referral and to their details being recorded")
        name = st.text_input("Full name", max_chars=120)
        known_as = st.text_input("Known as", max_chars=200)
        birth = date_field(
            st, "Date of birth", value=None, min_value=date(1990, 1, 1), max_value=date.today()
        )
        prison = st.text_input("Prison (if in custody)", max_chars=200)
        release = date_field(st, "Expected release date", value=None, min_value=date(2000, 1, 1))
        st.markdown("**Their time in care**")
        authority = st.text_input("Which council looked after them", max_chars=120)
        left, right = st.columns(2)
        from_year = left.selectbox("In care from (year)", _YEARS, index=None, placeholder="Not known")
        to_year = right.selectbox("In care until (year)", _YEARS, index=None, placeholder="Not known")
        relevant = st.radio(
            "Were they in care for at least 13 weeks after turning 14, including on their 16th or 17th "
            "birthday (a former relevant child)?",
            list(FormerRelevantChild),
            index=2,
            format_func=words,
            horizontal=True,
        )
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
        "care_history": {"from_year": from_year, "to_year": to_year, "former_relevant_child": relevant},
        "consent_given": consent,
        "consent_notes": notes,
    }
    services = get_services()
    try:
        receipt = services.intake.refer(actor, Referral.model_validate(fields))
    except ValidationError as exc:
        st.error(markdown_text(problem_sentence(exc, _LABELS)))
        return
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    if receipt.case is not None:
        refresh_actor()
        select_case(receipt.case_id)
    who = name.strip() if not known_as.strip() else known_as.strip()
    text = f"{who} is referred to {receipt.authority}. {receipt.message}"
    (st.warning if receipt.admin_alerted else st.success)(markdown_text(text))


def _alerts(actor: Actor) -> None:
    """The admin's alerts: referrals to an authority where nobody uses netmap yet."""
    waiting = get_services().intake.unassigned(actor)
    st.subheader("Referrals nobody can pick up yet")
    if not waiting:
        st.caption("Every referral has reached someone in its home authority.")
        return
    st.warning(
        "These young adults were referred to an authority with no coordinator or facilitator on netmap. "
        "Pass each referral to the authority's leaving-care team, or add an account for them: it is "
        "granted the authority's referrals at once."
    )
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Young person": c.title,
                    "Home authority": c.local_authority,
                    "Prison": c.prison,
                    "Referred": uk_date(c.referral_date) if c.referral_date else "",
                    "Referred by": c.referred_by,
                }
                for c in waiting
            ],
            columns=["Young person", "Home authority", "Prison", "Referred", "Referred by"],
        ),
        hide_index=True,
        width="stretch",
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
                    "Release date": uk_date(c.release_date) if c.release_date else "",
                    "Referred": uk_date(c.referral_date) if c.referral_date else "",
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
    if allowed(actor, Action.USERS_MANAGE):
        _alerts(actor)
    if allowed(actor, Action.CASE_LIST):
        _worklist(st.session_state.get("actor", actor))
    if allowed(actor, Action.COHORT_READ):
        _counts(st.session_state.get("actor", actor))
