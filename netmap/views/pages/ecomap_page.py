"""Ecomap page: the chosen case's map on rings and sectors, with filters and HTML/SVG/PNG downloads."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from netmap.models import Network, Perspective, Role, Sector, SupportDomain, Valence
from netmap.renderers.ecomap import render_ecomap
from netmap.renderers.ecomap_layout import SECTOR_LABELS, EcomapFilters, build_scene
from netmap.views.downloads import ecomap_downloads
from netmap.views.session import open_case_page

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


def _members_table(network: Network, filters: EcomapFilters) -> pd.DataFrame:
    scene = build_scene(network, filters=filters)
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


def render() -> None:
    opened = open_case_page("Ecomap")
    if opened is None:
        return
    actor, network = opened
    filters = _filters(actor.role is Role.YOUNG_PERSON)
    page = render_ecomap(network, filters=filters, height="720px")
    # the iframe runs script with access to the app: safe only because render_ecomap escapes every text
    st.iframe(page, height=900)
    ecomap_downloads(actor, network.case.id, filters)
    st.subheader("Who is on the map")
    st.dataframe(_members_table(network, filters), hide_index=True)
