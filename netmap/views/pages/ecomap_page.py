"""Ecomap page: the chosen case's map on rings and sectors, edited in place, in words, and as downloads."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from netmap.models import Perspective, Role, Sector, SupportDomain, Valence
from netmap.renderers.ecomap_layout import SECTOR_LABELS, EcomapFilters, EcomapScene
from netmap.views.components.ecomap_editor import drawn, ecomap_editor
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


def _members_table(scene: EcomapScene) -> pd.DataFrame:
    ties: dict[str, int] = {}
    for edge in scene.edges:
        for end in (edge.source, edge.target):
            ties[end] = ties.get(end, 0) + 1
    rows = [
        {
            "Name": node.label,
            "Sector": SECTOR_LABELS[node.sector] if node.sector else "The young person",
            "Ring": node.ring or None,
            "Ties shown": ties.get(node.id, 0),
        }
        for node in scene.nodes
    ]
    return pd.DataFrame(rows, columns=["Name", "Sector", "Ring", "Ties shown"])


@st.fragment
def _map_section(filters: EcomapFilters) -> None:
    """The map, the map in words and who is on it: an edit on the map runs only this part of the page again."""
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
    st.subheader("The map in words")
    map_list(actor, network, view=view, filters=filters, editable=today)
    st.subheader("Who is on the map")
    scene, _ = drawn(network, view, filters)
    st.dataframe(_members_table(scene), hide_index=True)


def render() -> None:
    opened = open_case_page("Ecomap")
    if opened is None:
        return
    actor, network = opened
    filters = _filters(actor.role is Role.YOUNG_PERSON)
    _map_section(filters)
    st.subheader("Download the map")
    ecomap_downloads(actor, network.case.id, filters)
