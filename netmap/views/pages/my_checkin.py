"""On My map: the young person answers, in their own words, how many people they have around them
(the LSNS-6), how they feel (ONS-4), and who they could call at 2 a.m."""

from __future__ import annotations

from datetime import date

import streamlit as st

from netmap.models import ConferenceStage, Network, OutcomeReading
from netmap.renderers.words import uk_date
from netmap.services.access import Actor
from netmap.views.components.checkin_questions import lsns6_inputs, ons4_inputs, point_input
from netmap.views.feedback import attempt
from netmap.views.session import get_services

__all__ = ["plan_date", "questions_section"]

_PLANNED = (ConferenceStage.PLAN_AGREED, ConferenceStage.REVIEW)


def plan_date(actor: Actor, case_id: str) -> date | None:
    """The day the first plan was agreed, for suggesting which review a reading is."""
    conferences = get_services().conferences.list_conferences(actor, case_id)
    days = [c.conference_on for c in conferences if c.stage in _PLANNED and c.conference_on]
    return min(days) if days else None


def questions_section(actor: Actor, network: Network) -> None:
    """The questions, then the young person's earlier answers; saved as their own reading."""
    services, case = get_services(), network.case
    st.subheader("The people around you, and how you feel")
    mine = [
        r for r in services.outcomes.list_outcomes(actor, case.id) if r.perspective.value == "young_person"
    ]
    answered = [r for r in mine if r.lsns6 is not None]
    if answered:
        st.caption(f"You last answered on {uk_date(answered[-1].on)}. You can answer again at any time.")
    with st.expander("Answer the questions", expanded=not answered), st.form("my-checkin"):
        today = date.today()
        lsns = lsns6_inputs("my-checkin", answered[-1].lsns6 if answered else None)
        st.markdown("**How you feel**")
        feelings = ons4_inputs("my-checkin")
        rating = st.slider("How good is your support network right now? (0 poor, 10 great)", 0, 10, 5)
        call = st.number_input(
            "Who could you call at 2 in the morning if you needed to? (how many people)", 0, 99, 0
        )
        words = st.text_area(
            "Anything you want to say in your own words (you can leave this empty)", max_chars=1000
        )
        point = point_input("my-checkin", today, case.referral_date, plan_date(actor, case.id))
        if st.form_submit_button("Save my answers"):
            reading = OutcomeReading(
                on=today,
                point=point,
                lsns6=lsns,
                wellbeing=feelings,
                network_rating=rating,
                call_at_2am=int(call),
                own_words=words,
            )
            attempt(
                lambda: services.outcomes.record_outcome(actor, case.id, reading, case.version),
                "Your answers are saved. Thank you.",
            )
