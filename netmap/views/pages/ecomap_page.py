"""Ecomap page: the chosen case's map on rings and sectors, edited in place, in words, and as downloads."""

from __future__ import annotations

from datetime import date

import streamlit as st

from netmap.models import Network, Perspective, Role, Sector, SupportDomain, Valence
from netmap.renderers.ecomap_layout import SECTOR_LABELS, EcomapFilters
from netmap.services.access import Actor
from netmap.views.components.ecomap_editor import ecomap_editor, may_edit
from netmap.views.components.map_list import map_list
from netmap.views.downloads import ecomap_downloads
from netmap.views.session import current_actor, load_case_network, open_case_page

__all__ = ["render"]

_VIEWS = {
    "All views": None,
    "The young person's view": Perspective.YOUNG_PERSON,
    "The practitioner's view": Perspective.PRACTITIONER,
}


def _words(value: str) -> str:
    return value.replace("_", " ").capitalize()


def _filters(young_person: bool) -> EcomapFilters:
    with st.sidebar:
        st.markdown("**Ecomap filters**")
        sectors = st.multiselect(
            "Sectors", list(Sector), format_func=SECTOR_LABELS.__getitem__, key="eco-sectors"
        )
        domains = st.multiselect(
            "Kinds of support", list(SupportDomain), format_func=_words, key="eco-domains"
        )
        valences = st.multiselect(
            "Kinds of relationship", list(Valence), format_func=_words, key="eco-valences"
        )
        views = list(_VIEWS)
        view = st.radio("Whose view", views, index=1 if young_person else 0, key="eco-view")
        as_of = st.date_input("Map as of", value=date.today(), key="eco-as-of")
    return EcomapFilters(
        sectors=set(sectors),
        domains=set(domains),
        valences=set(valences),
        perspective=_VIEWS[view],
        as_of=as_of if isinstance(as_of, date) else None,
    )


@st.fragment
def _map_section(filters: EcomapFilters) -> None:
    """The map, with everyone on it in words: an edit on it runs only this part of the page again."""
    actor = current_actor()
    network = load_case_network()
    if actor is None or network is None:
        return
    view = filters.perspective
    # a map of an earlier day is a record of it: changes are made to today's map
    today = filters.as_of in (None, date.today())
    if not today:
        st.caption("This is the map as it was on that day. Choose today's date to change it.")
    elif view is None:
        st.caption("Showing every view. Relationships you draw here are recorded as the practitioner's view.")
    ecomap_editor(actor, network, view=view, filters=filters, editable=today)


def _keyboard_section(actor: Actor, network: Network, filters: EcomapFilters) -> None:
    """The map's edits as plain widgets; outside the map's fragment, so an edit on the map sends only the map."""
    view = filters.perspective
    if filters.as_of in (None, date.today()) and may_edit(actor, view):
        st.subheader("Change the map with the keyboard")
        map_list(actor, network, view=view, filters=filters)


def render() -> None:
    opened = open_case_page("Ecomap")
    if opened is None:
        return
    actor, network = opened
    filters = _filters(actor.role is Role.YOUNG_PERSON)
    _map_section(filters)
    _keyboard_section(actor, network, filters)
    st.subheader("Download the map")
    ecomap_downloads(actor, network.case.id, filters)
