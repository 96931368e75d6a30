"""The case details a coordinator keeps up to date: stage, prison and release, licence and sentence
end, consent, keeping the personal adviser to 25, and moves between prisons (the custody history)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import streamlit as st

from netmap.errors import ValidationFailed
from netmap.models import Case, CaseStage, CustodyReason, CustodySpell
from netmap.renderers.words import words
from netmap.views.feedback import attempt, seen
from netmap.views.widgets import date_field

__all__ = ["case_details_form", "custody_form"]

_EARLIEST = date(2000, 1, 1)


def case_details_form(case: Case, save: Callable[[Case], Case]) -> None:
    """The details form; ``save(case)`` writes the changed case (the Cases page passes the service call)."""
    version = seen(f"case-{case.id}", case.version)
    with st.form(f"case-details-{case.id}"):
        st.markdown("**Case details**")
        stages = list(CaseStage)
        left, right = st.columns(2)
        stage = left.selectbox("Stage", stages, index=stages.index(case.stage), format_func=words)
        prison = right.text_input("Prison now", value=case.prison, max_chars=200)
        cols = st.columns(3)
        release = date_field(cols[0], "Release date", value=case.release_date, min_value=_EARLIEST)
        licence = date_field(cols[1], "Licence ends", value=case.licence_end, min_value=_EARLIEST)
        sentence = date_field(cols[2], "Sentence ends", value=case.sentence_end, min_value=_EARLIEST)
        keep = st.checkbox(
            "The young person asked to keep their personal adviser until 25",
            value=case.keep_adviser_to_25,
        )
        st.markdown("**Consent**")
        given = st.checkbox("The young person has given consent", value=case.consent.given)
        left, right = st.columns(2)
        given_by = left.text_input("Given by", value=case.consent.given_by, max_chars=200)
        given_on = date_field(
            right,
            "Given on",
            value=case.consent.on,
            min_value=_EARLIEST,
            max_value=date.today(),
        )
        notes = st.text_area("Notes about consent", value=case.consent.notes, max_chars=5000)
        if st.form_submit_button("Save case details"):
            fields = {
                "stage": stage,
                "prison": prison,
                "release_date": release,
                "licence_end": licence,
                "sentence_end": sentence,
                "keep_adviser_to_25": keep,
                "consent": {"given": given, "given_by": given_by, "on": given_on, "notes": notes},
                "version": version,
            }
            attempt(
                lambda: save(Case.model_validate({**case.model_dump(), **fields})),
                "The case details were saved.",
            )


def custody_form(case: Case, save: Callable[[Case], Case]) -> None:
    """Record a move into a prison (a transfer, a recall, remand or a new sentence): the spell before it
    ends the day before, and the prison now becomes the new one."""
    version = seen(f"case-{case.id}", case.version)
    with st.form(f"custody-{case.id}", clear_on_submit=True):
        st.markdown("**Record a move into prison**")
        left, middle, right = st.columns(3)
        prison = left.text_input("Prison", max_chars=120)
        reasons = list(CustodyReason)
        reason = middle.selectbox(
            "Why", reasons, index=reasons.index(CustodyReason.TRANSFER), format_func=words
        )
        since = date_field(right, "From", value=date.today(), min_value=_EARLIEST, max_value=date.today())
        if st.form_submit_button("Record the move"):

            def moved() -> Case:
                if since is None:
                    raise ValidationFailed("Say from which day they were in this prison.")
                spell = CustodySpell(prison=prison, reason=reason, from_on=since)
                history = [
                    s.model_copy(update={"to_on": since - timedelta(days=1)})
                    if s.to_on is None and s.from_on and s.from_on < since
                    else s
                    for s in case.custody
                ]
                return Case.model_validate(
                    {
                        **case.model_dump(),
                        "custody": [*history, spell.model_dump()],
                        "prison": spell.prison,
                        "version": version,
                    }
                )

            attempt(lambda: save(moved()), f"The move to {prison.strip() or 'prison'} was recorded.")
