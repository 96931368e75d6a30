"""Who does what: every practitioner's and service's part in the young person's support, in plain words."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netmap.errors import NetmapError
from netmap.models import Role
from netmap.renderers.escape import markdown_text
from netmap.services.directory import DOMAIN_WORDS, SupportRole, long_date
from netmap.views.session import current_actor, current_case_id, get_services

__all__ = ["render"]


def _table(roles: list[SupportRole]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Name": r.name,
                "Agency": r.agency,
                "Role": r.role,
                "Offers": r.offer,
                "Helps with": ", ".join(DOMAIN_WORDS[d] for d in r.domains),
                "How to reach": r.contact,
                "Until": long_date(r.support_ends) if r.support_ends else "",
            }
            for r in roles
        ],
        columns=["Name", "Agency", "Role", "Offers", "Helps with", "How to reach", "Until"],
    )


def render() -> None:
    actor = current_actor()
    assert actor is not None
    case_id = current_case_id()
    if case_id is None:
        st.info("Choose a case on the Cases page first.")
        return
    services = get_services()
    try:
        roles = services.directory.who_does_what(actor, case_id)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    yours = actor.role is Role.YOUNG_PERSON
    st.title("Who does what" if yours else "Who does what for this young person")
    st.caption(
        "The workers and services around you, what each of them does for you, and until when."
        if yours
        else "Each practitioner's and service's part, as the young person sees it on their own page."
    )
    if not roles:
        st.info("No workers or services are in the map yet.")
        return
    today = services.directory.clock().date()
    for role in roles:
        st.markdown("- " + markdown_text(role.sentence(today)))
    if not yours:
        st.dataframe(_table(roles), hide_index=True, width="stretch")
    _library(roles, yours)


def _library(roles: list[SupportRole], yours: bool) -> None:
    """What each role around the young person does and does not do, and when it usually ends."""
    cards = list({r.card.key: r.card for r in roles if r.card is not None}.values())
    if not cards:
        return
    st.subheader("What each role is for" if yours else "The role library")
    for card in cards:
        with st.expander(card.title):
            st.markdown("**What they do:** " + markdown_text(" ".join(card.does)))
            st.markdown("**What they do not do:** " + markdown_text(" ".join(card.does_not)))
            st.markdown("**Usually until:** " + markdown_text(card.ends))
