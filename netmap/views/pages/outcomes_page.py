"""Outcomes page: the young person's outcomes over time (accommodation, education and work, wellbeing,
contact with family, recalls and reoffending, their own answers), recorded by those who know them, and
the equality monitoring held about them (restricted)."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import pandas as pd
import streamlit as st

from netmap.models import (
    Accommodation,
    Activity,
    Answer,
    CareStatus,
    ContactFrequency,
    Ethnicity,
    JusticeEvent,
    Network,
    OutcomeReading,
)
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import uk_date, words
from netmap.services.access import Action, Actor, allowed
from netmap.views.components.checkin_questions import lsns6_inputs, ons4_inputs, point_input
from netmap.views.feedback import attempt, show_flash
from netmap.views.pages.my_checkin import plan_date
from netmap.views.session import get_services, open_case_page
from netmap.views.widgets import date_field

__all__ = ["readings_table", "render"]

_NOT_RECORDED = "Not recorded"
_EQUALITY = {
    "ethnicity": ("Ethnic group (ONS 2021 Census groups)", Ethnicity),
    "disabled": ("Disabled", Answer),
    "neurodivergent": ("Neurodivergent (for example autistic, ADHD, dyslexic)", Answer),
    "care_status": ("Care status", CareStatus),
    "parent_or_carer": ("A parent or carer", Answer),
}


def _word(value: StrEnum | None) -> str:
    return "" if value is None else words(value)


def readings_table(readings: list[OutcomeReading]) -> pd.DataFrame:
    """Every reading, oldest first, in plain words."""
    rows = [
        {
            "Date": uk_date(r.on),
            "Review": _word(r.point),
            "Whose view": words(r.perspective),
            "Accommodation": _word(r.accommodation) + (" (night of release)" if r.release_night else ""),
            "Education, training or work": _word(r.activity),
            "Family contact": _word(r.family_contact),
            "Life satisfaction (0-10)": "" if r.wellbeing is None else str(r.wellbeing.life_satisfaction),
            "LSNS-6 (0-30)": "" if r.lsns6 is None else str(r.lsns6.total),
            "Own rating (0-10)": "" if r.network_rating is None else str(r.network_rating),
            "Could call at 2 a.m.": "" if r.call_at_2am is None else str(r.call_at_2am),
            "Event": _word(r.event),
            "In their words": r.own_words,
        }
        for r in readings
    ]
    return pd.DataFrame(rows)


def _choice(label: str, options: list, key: str) -> object:
    return st.selectbox(
        label, [None, *options], format_func=lambda v: _NOT_RECORDED if v is None else words(v), key=key
    )


def _record_form(actor: Actor, network: Network) -> None:
    case = network.case
    st.subheader("Record outcomes")
    with st.form("outcome-form", clear_on_submit=True):
        on = date_field(st, "On", value=date.today(), max_value=date.today()) or date.today()
        point = point_input("outcome", on, case.referral_date, plan_date(actor, case.id))
        left, right = st.columns(2)
        with left:
            accommodation = _choice("Accommodation", list(Accommodation), "outcome-accommodation")
            release_night = st.checkbox("This is where they slept on the night of release")
            activity = _choice("Education, training or work", list(Activity), "outcome-activity")
        with right:
            contact = _choice("Contact with family", list(ContactFrequency), "outcome-contact")
            event = _choice("Recall or reoffence", list(JusticeEvent), "outcome-event")
        asked_lsns = st.checkbox("I asked the LSNS-6 questions in a session")
        with st.expander("LSNS-6 answers"):
            lsns = lsns6_inputs("outcome")
        asked_ons = st.checkbox("I asked the ONS-4 wellbeing questions")
        with st.expander("ONS-4 answers"):
            feelings = ons4_inputs("outcome")
        words_given = st.text_area("In the young person's words (optional)", max_chars=1000)
        if not st.form_submit_button("Save"):
            return
    fields = {
        "on": on,
        "point": point,
        "accommodation": accommodation,
        "release_night": release_night,
        "activity": activity,
        "family_contact": contact,
        "event": event,
        "lsns6": lsns if asked_lsns else None,
        "wellbeing": feelings if asked_ons else None,
        "own_words": words_given,
    }
    attempt(
        lambda: get_services().outcomes.record_outcome(
            actor, case.id, OutcomeReading.model_validate(fields), case.version
        ),
        "The outcomes are saved.",
    )


def _equality(actor: Actor, network: Network) -> None:
    if not allowed(actor, Action.RESTRICTED_READ):
        return
    ego = network.ego
    st.subheader("Equality monitoring")
    st.caption(
        "Optional, and restricted: only coordinators and facilitators see it. It is used in this young "
        "person's own plan and in the service's figures, where no group under five is shown."
    )
    if not allowed(actor, Action.RESTRICTED_EDIT):
        for field, (label, vocabulary) in _EQUALITY.items():
            value = getattr(ego, field)
            st.markdown(markdown_text(f"{label}: {words(vocabulary(value)) if value else _NOT_RECORDED}"))
        return
    with st.form("equality-form"):
        chosen = {}
        for field, (label, vocabulary) in _EQUALITY.items():
            current = getattr(ego, field)
            options = [None, *vocabulary]
            chosen[field] = st.selectbox(
                label,
                options,
                index=options.index(vocabulary(current)) if current else 0,
                format_func=lambda v: _NOT_RECORDED if v is None else words(v),
                key=f"equality-{field}",
            )
        if st.form_submit_button("Save equality monitoring"):
            update = {field: value.value if value else "" for field, value in chosen.items()}
            attempt(
                lambda: get_services().network.update_person(
                    actor, network.case.id, ego.model_copy(update=update)
                ),
                "Saved.",
            )


def render() -> None:
    opened = open_case_page("Outcomes")
    if opened is None:
        return
    actor, network = opened
    show_flash()
    readings = get_services().outcomes.list_outcomes(actor, network.case.id)
    if readings:
        st.dataframe(readings_table(readings), hide_index=True, width="stretch")
        wellbeing = [(r.on, r.wellbeing.life_satisfaction) for r in readings if r.wellbeing is not None]
        if len(wellbeing) > 1:
            st.markdown("**Life satisfaction over time (ONS, 0-10)**")
            st.line_chart(pd.DataFrame(wellbeing, columns=["Date", "Life satisfaction"]), x="Date")
    else:
        st.info("No outcomes are recorded for this young person yet.")
    if allowed(actor, Action.OUTCOMES_EDIT):
        _record_form(actor, network)
    _equality(actor, network)
