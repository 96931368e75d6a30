"""The questions a young person answers about their life, in plain words: the LSNS-6 (Lubben et al. 2006)
and ONS-4 personal wellbeing; shared by My map and the Outcomes page."""

from __future__ import annotations

from datetime import date

import streamlit as st

from netmap.graph.analytics.evidence import suggest_point
from netmap.models import Lsns6, Ons4, ReviewPoint
from netmap.renderers.words import words

__all__ = ["BANDS", "LSNS_QUESTIONS", "ONS_QUESTIONS", "lsns6_inputs", "ons4_inputs", "point_input"]

BANDS = {
    0: "Nobody",
    1: "1 person",
    2: "2 people",
    3: "3 or 4 people",
    4: "5 to 8 people",
    5: "9 or more people",
}
"""The LSNS-6 answers and the item score each gives."""
LSNS_QUESTIONS = {
    "relatives_seen": "How many of your family do you see or hear from at least once a month?",
    "relatives_private": "How many of your family do you feel at ease with, so you can talk about private things?",
    "relatives_help": "How many of your family do you feel close to, so that you could ask them for help?",
    "friends_seen": "How many of your friends do you see or hear from at least once a month?",
    "friends_private": "How many of your friends do you feel at ease with, so you can talk about private things?",
    "friends_help": "How many of your friends do you feel close to, so that you could ask them for help?",
}
ONS_QUESTIONS = {
    "life_satisfaction": "Overall, how satisfied are you with your life nowadays?",
    "worthwhile": "Overall, to what extent do you feel the things you do in your life are worthwhile?",
    "happy": "Overall, how happy did you feel yesterday?",
    "anxious": "Overall, how anxious did you feel yesterday?",
}


def lsns6_inputs(key: str, earlier: Lsns6 | None = None) -> Lsns6:
    """The six LSNS-6 questions, family first ("family" counts anyone they feel is family)."""
    st.caption(
        "Family means your relatives, and anyone you count as family. Friends are everyone else you know."
    )
    answers = {
        field: st.radio(
            question,
            list(BANDS),
            index=getattr(earlier, field) if earlier else 0,
            format_func=BANDS.__getitem__,
            horizontal=True,
            key=f"{key}-{field}",
        )
        for field, question in LSNS_QUESTIONS.items()
    }
    return Lsns6.model_validate(answers)


def ons4_inputs(key: str) -> Ons4:
    """The four ONS personal wellbeing questions, each 0 (not at all) to 10 (completely)."""
    st.caption("0 means not at all, 10 means completely.")
    return Ons4.model_validate(
        {
            field: st.slider(question, 0, 10, 5, key=f"{key}-{field}")
            for field, question in ONS_QUESTIONS.items()
        }
    )


def point_input(key: str, on: date, referred: date | None, plan_on: date | None) -> ReviewPoint | None:
    """Which review point a reading stands for, suggested from the dates."""
    options: list[ReviewPoint | None] = [None, *ReviewPoint]
    suggested = suggest_point(on, referred, plan_on)
    return st.selectbox(
        "Which review is this?",
        options,
        index=options.index(suggested),
        format_func=lambda p: "None in particular" if p is None else words(p),
        key=f"{key}-point",
    )
