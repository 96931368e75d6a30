"""Plan and release: the young adult's one plan across prison, probation, leaving care and family, by
resettlement pathway, with their own answers and words, the release countdown and checklist, the
custody history, the transitions ahead and promised against delivered per agency and pathway."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netmap.models import Case, Conference, Network, PlanResponse
from netmap.planning.integrated_plan import IntegratedPlan
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import uk_date, words
from netmap.services.access import Action, Actor, allowed
from netmap.views.components.plan_items import (
    item_form,
    item_rows,
    long_date,
    overdue_warnings,
    status_form,
    tally_table,
)
from netmap.views.components.transitions import transition_warning
from netmap.views.feedback import show_flash
from netmap.views.session import get_services, open_case_page

__all__ = ["render"]

_OWN_WORDS = (
    ("hopes", "Hopes"),
    ("strengths", "Strengths"),
    ("who_i_want_to_be", "Who they want to be"),
    ("what_matters", "What matters to them"),
)


def _release(case: Case, plan: IntegratedPlan) -> None:
    st.subheader("Release")
    if plan.days_to_release is not None and plan.release_on:
        st.metric("Days to release", plan.days_to_release, help=f"Release on {uk_date(plan.release_on)}")
    facts = [
        ("Release date", case.release_date),
        ("Licence ends", case.licence_end),
        ("Sentence ends", case.sentence_end),
    ]
    st.markdown(
        "  \n".join(f"**{label}:** {uk_date(day) if day else 'not recorded'}" for label, day in facts)
    )
    rows = []
    for line in plan.checklist:
        if not line.entries:
            rows.append(
                {"On release day": words(line.check), "Who": "Nobody yet: agree who", "Status": "", "By": ""}
            )
        for e in line.entries:
            rows.append(
                {
                    "On release day": words(line.check),
                    "Who": e.owner,
                    "Status": words(e.item.status),
                    "By": uk_date(e.item.by_when) if e.item.by_when else "",
                }
            )
    st.markdown("**Release checklist**")
    st.dataframe(pd.DataFrame(rows, columns=["On release day", "Who", "Status", "By"]), hide_index=True)
    if case.custody:
        st.markdown("**Custody history**")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        "Prison": spell.prison,
                        "Why": words(spell.reason),
                        "From": uk_date(spell.from_on) if spell.from_on else "",
                        "Until": uk_date(spell.to_on) if spell.to_on else "now",
                    }
                    for spell in case.custody
                ],
                columns=["Prison", "Why", "From", "Until"],
            ),
            hide_index=True,
        )


def _own_words(network: Network) -> None:
    own = network.case.own_words
    if not own.written:
        return
    st.subheader(f"In {network.ego.display_name}'s own words")
    for name, label in _OWN_WORDS:
        if getattr(own, name):
            st.markdown(f"**{label}:** {markdown_text(getattr(own, name))}")


def _answers(network: Network, plan: IntegratedPlan) -> None:
    """The young person's "I disagree" and "I'm not sure", shown to everyone who sees the plan."""
    name = network.ego.display_name
    for e in plan.views(PlanResponse.DISAGREE, PlanResponse.NOT_SURE):
        view = e.item.young_person_view
        assert view is not None
        said = f"{name} says \u201c{words(view.response)}\u201d to: {e.item.what}."
        st.warning(markdown_text(said + (f" In their words: {view.note}" if view.note else "")))


def _editing(actor: Actor, network: Network, plan: IntegratedPlan, conferences: list[Conference]) -> None:
    if not allowed(actor, Action.CONFERENCE_EDIT):
        return
    if not conferences:
        st.info("Start a planning meeting or family group conference on the Conference page to add a plan.")
        return
    by_id = {c.id: c for c in conferences}
    ids = list(by_id)
    chosen = st.selectbox(
        "Agreed at",
        ids,
        index=len(ids) - 1,
        format_func=lambda i: f"Meeting on {long_date(by_id[i].conference_on, 'a date not set')}",
        key=f"plan-at-{network.case.id}",
    )
    with st.expander("Add to the plan"):
        item_form(actor, network, by_id[chosen or ids[-1]])
    if plan.entries:
        entries = {e.item.id: e for e in plan.entries}
        with st.expander("Change a plan item"):
            picked = st.selectbox(
                "Plan item", list(entries), format_func=lambda i: entries[i].item.what, key="plan-change-pick"
            )
            entry = entries[picked or next(iter(entries))]
            item_form(actor, network, by_id[entry.conference_id], entry.item)


def render() -> None:
    opened = open_case_page("Plan and release")
    if opened is None:
        return
    actor, network = opened
    show_flash()
    services = get_services()
    case_id = network.case.id
    for t in services.plans.transitions(actor, case_id):
        transition_warning(t)
    plan = services.plans.integrated_plan(actor, case_id)
    conferences = services.conferences.list_conferences(actor, case_id)
    if network.case.prison or network.case.release_date:
        _release(network.case, plan)
    _own_words(network)
    st.subheader("The plan")
    st.caption(
        "One plan for prison, probation, leaving care, the family and the young person: each item says "
        "which pathway it is on and which statutory plans it serves."
    )
    _answers(network, plan)
    overdue_warnings(plan.entries)
    if not plan.entries:
        st.info("No plan items yet.")
    for pathway, entries in plan.pathway_groups():
        st.markdown(f"**{words(pathway) if pathway else 'Not on a pathway yet'}**")
        st.dataframe(item_rows(entries, services.plans.clock().date()), hide_index=True, width="stretch")
    status_form(actor, plan.entries, f"all-{case_id}")
    _editing(actor, network, plan, conferences)
    if plan.entries:
        st.subheader("Promised and delivered")
        left, right = st.columns(2)
        left.dataframe(tally_table(plan.by_agency, "Agency"), hide_index=True)
        right.dataframe(tally_table(plan.by_pathway, "Pathway"), hide_index=True)
