"""The Discovery page's lead finder: leads read from pasted case notes, accepted one by one, and the
family links each accepted lead implies, proposed for the coordinator to confirm."""

from __future__ import annotations

import functools

import streamlit as st

from netmap.errors import NetmapError
from netmap.models import Kin, Membership, Network
from netmap.planning.lead_finder import MAX_TEXT, Lead
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import words
from netmap.services.access import Actor
from netmap.views.components.plan_items import name_of
from netmap.views.feedback import attempt, flash
from netmap.views.session import get_services

__all__ = ["family_proposals", "lead_finder"]


def lead_finder(actor: Actor, network: Network) -> None:
    key = f"leads-{network.case.id}"
    with st.form(f"lead-finder-{network.case.id}"):
        text = st.text_area(
            "Paste case notes",
            max_chars=MAX_TEXT,
            height=200,
            help="Names with a family or other relation (for example 'his maternal aunt Sharon Miles') "
            "are proposed as leads. Nothing is saved until you accept a lead.",
        )
        if st.form_submit_button("Find leads"):
            try:
                st.session_state[key] = get_services().discovery.find_leads(actor, network.case.id, text)
            except NetmapError as exc:
                st.error(markdown_text(str(exc)))
            else:
                if not st.session_state[key]:
                    st.info("No people with a family or other relation were found in that text.")
    leads: list[Lead] = st.session_state.get(key, [])
    for index, lead in enumerate(leads):
        _lead_row(actor, network, leads, index, lead)


def _lead_row(actor: Actor, network: Network, leads: list[Lead], index: int, lead: Lead) -> None:
    key = f"leads-{network.case.id}"
    name = lead.name or f"{lead.label} (name not known)"
    extra = " (deceased)" if lead.deceased else ""
    st.markdown(f"**{markdown_text(name)}** — {markdown_text(lead.label)}{markdown_text(extra)}")
    st.caption(markdown_text(f"“{lead.excerpt}”"))
    remaining = [other for other in leads if other is not lead]
    left, right = st.columns(2)
    if lead.matches:
        matched = ", ".join(name_of(network, p) for p in lead.matches)
        left.caption(markdown_text(f"Already in this map as {matched}."))
    elif left.button("Accept", key=f"lead-accept-{index}-{lead.start}"):

        def accepted(membership: Membership) -> None:
            st.session_state[key] = remaining
            st.session_state[_PROPOSALS] = [
                *st.session_state.get(_PROPOSALS, []),
                (membership.person_id, lead),
            ]
            flash(
                "success", f"{name} was added to the map as {'deceased' if lead.deceased else 'identified'}."
            )

        attempt(lambda: get_services().discovery.accept_lead(actor, network.case.id, lead), accepted)
    if right.button("Reject", key=f"lead-reject-{index}-{lead.start}"):
        st.session_state[key] = remaining
        st.rerun()


_PROPOSALS = "family-proposals"


def _link_words(link: Kin, people: dict[str, str]) -> str:
    """A family link in a sentence: "Derek Holloway is a birth parent of Sharon Miles"."""
    first, second = people.get(link.from_id, link.from_id), people.get(link.to_id, link.to_id)
    if link.kind.is_parent:
        return f"{first} is a {words(link.kind).lower()} of {second}"
    return f"{first} and {second}: {words(link.kind).lower()}"


def family_proposals(actor: Actor, network: Network) -> None:
    """For each lead just accepted: the family links its relation implies, to confirm or leave."""
    waiting: list[tuple[str, Lead]] = st.session_state.get(_PROPOSALS, [])
    if not waiting:
        return
    services = get_services()
    st.subheader("Family links to confirm")
    for index, (person_id, lead) in enumerate(waiting):
        rest = [w for w in waiting if w[0] != person_id]
        name = name_of(network, person_id)
        try:
            proposal = services.family.propose_from_lead(
                actor, network.case.id, person_id, lead.relation, side=lead.side
            )
        except NetmapError as exc:
            st.caption(markdown_text(f"{name}: {exc}"))
            continue
        if proposal.question:
            st.info(
                markdown_text(
                    f"{name} ({lead.label}): {proposal.question} Add the links on the Genogram page."
                )
            )
        elif proposal.links:
            people = {p.id: p.display_name for p in [*network.people, *proposal.people]}
            described = "; ".join(_link_words(k, people) for k in proposal.links)
            st.markdown(
                f"**{markdown_text(name)}** ({markdown_text(lead.label)}): {markdown_text(described)}"
            )
        else:
            st.caption(markdown_text(f"{name} ({lead.label}): no family link follows from this relation."))
        left, right = st.columns(2)
        if proposal.links and left.button("Add these links", key=f"family-yes-{index}"):

            def done(_: object, rest: list[tuple[str, Lead]] = rest) -> None:
                st.session_state[_PROPOSALS] = rest
                flash("success", "The family tree now shows how they are related.")

            attempt(functools.partial(services.family.confirm_links, actor, network.case.id, proposal), done)
        if right.button("Not now", key=f"family-no-{index}"):
            st.session_state[_PROPOSALS] = rest
            st.rerun()


# --------------------------------------------------------------------------- open questions
