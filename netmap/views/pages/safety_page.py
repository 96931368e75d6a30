"""Safety: who must not meet whom, whose location is withheld, and recording, changing or ending a restriction."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from netmap.models import Network, Restriction, RestrictionKind
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import phrase, uk_date, words
from netmap.services.access import Action, Actor, allowed
from netmap.services.restrictions import SafetyPanel
from netmap.views.feedback import attempt, show_flash
from netmap.views.session import get_services, open_case_page

__all__ = ["render"]

NOBODY = "__nobody__"


def _when(day: date | None) -> str:
    return uk_date(day) if day else ""


def _panel_table(panel: SafetyPanel) -> pd.DataFrame:
    rows = [
        {
            "Person": row.person,
            "Restriction": words(row.kind) if row.kind else "",
            "With": row.other,
            "Protects": row.protects,
            "Order or condition": " · ".join(x for x in (row.source, row.court, _when(row.made_on)) if x),
            "Vetted": " on ".join(x for x in (row.vetted_by, _when(row.vetted_on)) if x),
            "In force": "yes" if row.in_force else f"ended {_when(row.until)}",
        }
        for row in panel.rows
    ]
    return pd.DataFrame(
        rows,
        columns=["Person", "Restriction", "With", "Protects", "Order or condition", "Vetted", "In force"],
    )


def _record_form(actor: Actor, network: Network) -> None:
    names = {p.id: p.display_name for p in network.people}
    with st.form("restriction-add", clear_on_submit=True):
        st.subheader("Record a restriction")
        person = st.selectbox("Who it binds", list(names), format_func=names.__getitem__, key="rs-person")
        kind = st.selectbox("What it is", list(RestrictionKind), format_func=words, key="rs-kind")
        others = [NOBODY, *names]
        label = {NOBODY: "Nobody named", **names}.__getitem__
        other = st.selectbox("Who they must not meet or contact", others, format_func=label, key="rs-other")
        protects = st.selectbox("Who it protects", others, format_func=label, key="rs-protects")
        source = st.text_input("Order or condition (for example: a non-molestation order)", key="rs-source")
        court = st.text_input("Court or authority that made it", key="rs-court")
        made_on = st.date_input("Made on", value=None, format="DD/MM/YYYY", key="rs-made")
        vetted_by = st.text_input("Vetted by", key="rs-vetted-by")
        vetted_on = st.date_input("Vetted on", value=None, format="DD/MM/YYYY", key="rs-vetted-on")
        until = st.date_input(
            "Applies until (leave empty while in force)", value=None, format="DD/MM/YYYY", key="rs-until"
        )
        details = st.text_area(
            "Details (restricted: only roles that may read them see these)", key="rs-details"
        )
        if st.form_submit_button("Record the restriction", type="primary") and kind and person:
            attempt(
                lambda: get_services().restrictions.record(
                    actor,
                    network.case.id,
                    person,
                    Restriction(
                        kind=kind,
                        other_person_id=None if other == NOBODY else other,
                        protects_id=None if protects == NOBODY else protects,
                        source=source,
                        court=court,
                        made_on=made_on,
                        vetted_by=vetted_by,
                        vetted_on=vetted_on,
                        until=until,
                        details=details,
                    ),
                ),
                f"Recorded {phrase(kind)} on {names[person]}.",
            )


def _end_form(actor: Actor, network: Network, panel: SafetyPanel) -> None:
    live = [row for row in panel.rows if row.in_force and row.restriction_id]
    if not live:
        return
    st.subheader("End a restriction")
    choice = st.selectbox(
        "Restriction",
        [row.restriction_id for row in live],
        format_func=lambda rid: next(
            f"{r.person}: {words(r.kind)}" for r in live if r.restriction_id == rid and r.kind
        ),
        key="rs-end-choice",
    )
    row = next(r for r in live if r.restriction_id == choice)
    membership = network.membership(row.person_id)
    if membership is None:
        return
    if st.button("End it today (it stays on record)", key="rs-end"):
        attempt(
            lambda: get_services().restrictions.end(
                actor, network.case.id, row.person_id, choice, membership.version
            ),
            f"Ended the restriction on {row.person}: it applied until {uk_date(date.today())}.",
        )


def render() -> None:
    opened = open_case_page("Safety")
    if opened is None:
        return
    actor, network = opened
    show_flash()
    panel = get_services().restrictions.safety_panel(actor, network.case.id)
    if not panel.rows:
        st.info("No restriction is recorded for anyone in this map.")
    elif panel.details_shown:
        withheld = panel.location_withheld
        if withheld:
            st.warning(markdown_text("Never give out the address or area of: " + ", ".join(withheld) + "."))
        st.dataframe(_panel_table(panel), hide_index=True, width="stretch")
    else:
        people = sorted({row.person for row in panel.rows})
        st.warning(
            markdown_text(
                "A restriction applies to " + ", ".join(people) + ". Ask the coordinator before any contact."
            )
        )
    if allowed(actor, Action.RESTRICTED_EDIT):
        _record_form(actor, network)
        _end_form(actor, network, panel)
