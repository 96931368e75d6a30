"""Ecomap page: the chosen case's map on rings and sectors, edited in place, in words, and as downloads."""

from __future__ import annotations

from datetime import date

import streamlit as st

from netmap.models import Network, Perspective, Role, Sector, Snapshot, SnapshotEvent, SupportDomain, Valence
from netmap.renderers.ecomap_layout import SECTOR_LABELS, EcomapFilters
from netmap.renderers.words import uk_date, words
from netmap.services.access import Action, Actor, allowed
from netmap.views.components.ecomap_editor import ecomap_editor, may_edit
from netmap.views.components.map_list import map_list
from netmap.views.downloads import ecomap_downloads
from netmap.views.feedback import attempt, show_flash
from netmap.views.session import current_actor, get_services, load_case_network, open_case_page
from netmap.views.widgets import date_field, on_demand

__all__ = ["render"]

_VIEWS = {
    "All views": None,
    "The young person's view": Perspective.YOUNG_PERSON,
    "The practitioner's view": Perspective.PRACTITIONER,
}


def _filters(young_person: bool) -> EcomapFilters:
    with st.sidebar:
        st.markdown("**Ecomap filters**")
        sectors = st.multiselect(
            "Sectors", list(Sector), format_func=SECTOR_LABELS.__getitem__, key="eco-sectors"
        )
        domains = st.multiselect(
            "Kinds of support", list(SupportDomain), format_func=words, key="eco-domains"
        )
        valences = st.multiselect(
            "Kinds of relationship", list(Valence), format_func=words, key="eco-valences"
        )
        views = list(_VIEWS)
        view = st.radio("Whose view", views, index=1 if young_person else 0, key="eco-view")
        as_of = date_field(st, "Map as of", value=date.today(), key="eco-as-of")
    return EcomapFilters(
        sectors=set(sectors),
        domains=set(domains),
        valences=set(valences),
        perspective=_VIEWS[view],
        as_of=as_of if isinstance(as_of, date) else None,
    )


@st.fragment
def _map_section(filters: EcomapFilters, saved: Snapshot | None = None) -> None:
    """The map, with everyone on it in words: an edit on it runs only this part of the page again.

    A saved map (``saved``) is shown as it was, and cannot be changed.
    """
    actor = current_actor()
    network = load_case_network()
    if actor is None or network is None:
        return
    view = filters.perspective
    if saved is not None:
        st.caption(f"The map saved on {uk_date(saved.taken_on)}: {saved.label or words(saved.event)}.")
        ecomap_editor(actor, saved.network, view=view, editable=False, key="ecomap-saved")
        return
    # a map of an earlier day is a record of it: changes are made to today's map
    today = filters.as_of in (None, date.today())
    if not today:
        st.caption("This is the map as it was on that day. Choose today's date to change it.")
    elif view is None:
        st.caption("Showing every view. Relationships you draw here are recorded as the practitioner's view.")
    ecomap_editor(actor, network, view=view, filters=filters, editable=today)


def _keyboard_section(actor: Actor, network: Network, filters: EcomapFilters) -> None:
    """The map's edits as plain widgets; outside the map's fragment, so an edit on the map sends only the map.

    They are made only once opened (``on_demand``): drawn with the page, they held the map back.
    """
    view = filters.perspective
    if filters.as_of in (None, date.today()) and may_edit(actor, view):
        st.subheader("Change the map with the keyboard")
        box = on_demand("Move, add and link people with the keyboard", key="eco-keyboard")
        if box is not None:
            with box:
                map_list(actor, network, view=view, filters=filters)


def _downloads(actor: Actor, network: Network, filters: EcomapFilters) -> None:
    st.subheader("Download the map")
    box = on_demand("HTML, SVG, PNG and PDF, and a blank worksheet", key="eco-downloads")
    if box is not None:
        with box:
            ecomap_downloads(actor, network.case.id, filters)


TODAY = "__today__"


def _saved_maps(actor: Actor, network: Network) -> Snapshot | None:
    """A slider stepping through the maps saved at referral, the plan, each review and by hand; the
    saved map chosen, or None for today's. Those who may change the map can save today's with a label."""
    services = get_services()
    snapshots = services.cases.list_snapshots(actor, network.case.id)
    if snapshots:
        by_id = {s.id: s for s in snapshots}
        options = [*by_id, TODAY]

        def label(choice: str) -> str:
            if choice == TODAY:
                return "Today"
            saved = by_id[choice]
            return f"{saved.label or words(saved.event)}, {uk_date(saved.taken_on)}"

        chosen = st.select_slider(
            "Step through the saved maps", options, value=TODAY, format_func=label, key="eco-saved"
        )
        if chosen != TODAY:
            return by_id[chosen]
    box = None
    if allowed(actor, Action.NETWORK_EDIT) and actor.role is not Role.YOUNG_PERSON:
        box = on_demand("Save the map as it is today", key="eco-save-open")
    if box is not None:
        with box:
            name = st.text_input(
                "What to call it", placeholder="Before the family meeting", key="eco-save-label"
            )
            if st.button("Save today's map", key="eco-save"):
                attempt(
                    lambda: services.cases.take_snapshot(
                        actor, network.case.id, SnapshotEvent.OTHER, label=name
                    ),
                    f"Saved the map of {uk_date(date.today())}" + (f" as {name}." if name else "."),
                )
    return None


def render() -> None:
    opened = open_case_page("Ecomap")
    if opened is None:
        return
    actor, network = opened
    show_flash()
    filters = _filters(actor.role is Role.YOUNG_PERSON)
    saved = _saved_maps(actor, network)
    _map_section(filters, saved)
    if saved is not None:
        return
    _keyboard_section(actor, network, filters)
    _downloads(actor, network, filters)
