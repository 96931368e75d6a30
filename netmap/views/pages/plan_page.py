"""My plan: the young person's one plan by pathway, their answer to each item, their own words, and
the items they own themselves."""

from __future__ import annotations

import streamlit as st

from netmap.errors import NetmapError
from netmap.models import Case, OwnWords, PlanResponse, PlanView
from netmap.planning.integrated_plan import IntegratedPlan, PlanEntry
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import uk_date, words
from netmap.services.access import Action, Actor, allowed
from netmap.views.components.plan_items import status_form, view_words
from netmap.views.feedback import attempt, seen, show_flash
from netmap.views.session import current_actor, current_case_id, get_services

__all__ = ["own_words_form", "render"]

_OWN_WORDS = (
    ("hopes", "My hopes"),
    ("strengths", "My strengths"),
    ("who_i_want_to_be", "Who I want to be"),
    ("what_matters", "What matters to me"),
)


def own_words_form(actor: Actor, case: Case) -> None:
    """The young person writes their hopes, strengths, who they want to be and what matters to them,
    and chooses whether the plan and the pack show them."""
    words_now = case.own_words
    version = seen(f"case-{case.id}", case.version)
    with st.form(f"own-words-{case.id}"):
        st.markdown("**In my own words**")
        st.caption("Say it your way. Nobody changes what you write here.")
        fields = {
            name: st.text_area(label, value=getattr(words_now, name), max_chars=5000, key=f"own-{name}")
            for name, label in _OWN_WORDS
        }
        shared = st.checkbox(
            "Show these in my plan and in the pack for my meetings", value=words_now.shared, key="own-shared"
        )
        if st.form_submit_button("Save my words"):
            attempt(
                lambda: get_services().plans.set_own_words(
                    actor, case.id, OwnWords.model_validate({**fields, "shared": shared}), version
                ),
                "Your words were saved."
                + (" Everyone working on your plan can read them." if shared else ""),
            )


def _answer_form(actor: Actor, entry: PlanEntry) -> None:
    item = entry.item
    current = item.young_person_view
    choices = list(PlanResponse)
    with st.form(f"answer-{item.id}"):
        response = st.radio(
            "What do you think?",
            choices,
            index=choices.index(current.response) if current else None,
            format_func=words,
            horizontal=True,
            key=f"answer-response-{item.id}",
        )
        note = st.text_input(
            "Anything to add, in your words",
            value=current.note if current else "",
            max_chars=5000,
            key=f"answer-note-{item.id}",
        )
        if st.form_submit_button("Save my answer"):
            if response is None:
                st.error("Choose one answer first.")
                return
            version = seen(f"conference-{entry.conference_id}", entry.conference_version)
            attempt(
                lambda: get_services().plans.respond(
                    actor, entry.conference_id, item.id, PlanView(response=response, note=note), version
                ),
                "Your answer was saved. Everyone working on your plan can see it.",
            )


def _card(actor: Actor, entry: PlanEntry) -> None:
    """One plan item as a card: it reads whole on a phone, where a wide table would hide its last columns."""
    item = entry.item
    with st.container(border=True):
        st.markdown(f"**{markdown_text(item.what)}**")
        lines = [
            f"Who: {markdown_text(entry.owner)}",
            f"By when: {uk_date(item.by_when) if item.by_when else 'No date set'}"
            + (" (overdue)" if entry.overdue else ""),
            f"How it is going: {words(item.status)}",
        ]
        if item.contingency:
            lines.append(f"If it does not work out: {markdown_text(item.contingency)}")
        if item.young_person_view:
            lines.append(f"You said: {markdown_text(view_words(item))}")
        st.markdown("  \n".join(lines))
        if allowed(actor, Action.PLAN_RESPOND):
            _answer_form(actor, entry)


def _plan(actor: Actor, plan: IntegratedPlan) -> None:
    if plan.days_to_release is not None and plan.release_on:
        st.info(f"{plan.days_to_release} days until you are released, on {uk_date(plan.release_on)}.")
    for pathway, entries in plan.pathway_groups():
        st.subheader(words(pathway) if pathway else "Other things in your plan")
        for entry in entries:
            _card(actor, entry)
    status_form(actor, plan.entries, "mine")


def render() -> None:
    actor = current_actor()
    assert actor is not None
    st.title("My plan")
    show_flash()
    case_id = current_case_id()
    if case_id is None:
        st.info("Your plan will show here once your worker has set up your map.")
        return
    services = get_services()
    try:
        case = services.cases.get_case(actor, case_id)
        plan = services.plans.integrated_plan(actor, case_id)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    if not plan.entries:
        st.info(
            "There is no plan yet. When your planning meeting or family group conference agrees a plan, "
            "it will show here: who will do what, and by when."
        )
    else:
        st.caption(
            "One plan for everyone: prison, probation, leaving care, your family and you. Say what you "
            "think of each part; everyone working on your plan sees your answer."
        )
        _plan(actor, plan)
    if allowed(actor, Action.PLAN_RESPOND):
        own_words_form(actor, case)
    elif case.own_words.written:
        st.markdown("**In their own words**")
        for name, label in _OWN_WORDS:
            if getattr(case.own_words, name):
                st.markdown(f"*{label}:* {markdown_text(getattr(case.own_words, name))}")
