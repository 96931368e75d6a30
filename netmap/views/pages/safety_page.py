"""Safety: who must not meet whom, whose location is withheld, and recording, changing or ending a restriction."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from netmap.models import Network, Restriction, RestrictionKind
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import phrase, uk_date, words
from netmap.services.access import Action, Actor, allowed
from netmap.services.restrictions import SafetyPanel
from netmap.views.feedback import attempt, show_flash
from netmap.views.session import get_services, open_case_page
from netmap.views.widgets import date_field

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


def _fields(network: Network, key: str, current: Restriction | None = None) -> dict[str, Any]:
    """The parts of a restriction as form widgets (filled from ``current`` when changing one)."""
    names = {p.id: p.display_name for p in network.people}
    others = [NOBODY, *names]
    label = {NOBODY: "Nobody named", **names}.__getitem__

    def who(chosen: str | None) -> int:
        return others.index(chosen) if chosen in others else 0

    kinds = list(RestrictionKind)
    kind = st.selectbox(
        "What it is",
        kinds,
        index=kinds.index(current.kind) if current else 0,
        format_func=words,
        key=f"{key}-kind",
    )
    other = st.selectbox(
        "Who they must not meet or contact",
        others,
        index=who(current.other_person_id if current else None),
        format_func=label,
        key=f"{key}-other",
    )
    protects = st.selectbox(
        "Who it protects",
        others,
        index=who(current.protects_id if current else None),
        format_func=label,
        key=f"{key}-protects",
    )
    return {
        "kind": kind,
        "other_person_id": None if other == NOBODY else other,
        "protects_id": None if protects == NOBODY else protects,
        "source": st.text_input(
            "Order or condition (for example: a non-molestation order)",
            value=current.source if current else "",
            key=f"{key}-source",
        ),
        "court": st.text_input(
            "Court or authority that made it", value=current.court if current else "", key=f"{key}-court"
        ),
        "made_on": date_field(st, "Made on", value=current.made_on if current else None, key=f"{key}-made"),
        "vetted_by": st.text_input(
            "Vetted by", value=current.vetted_by if current else "", key=f"{key}-vetted-by"
        ),
        "vetted_on": date_field(
            st,
            "Vetted on",
            value=current.vetted_on if current else None,
            key=f"{key}-vetted-on",
        ),
        "until": date_field(
            st,
            "Applies until (leave empty while in force)",
            value=current.until if current else None,
            key=f"{key}-until",
        ),
        "details": st.text_area(
            "Details (restricted: only roles that may read them see these)",
            value=current.details if current else "",
            key=f"{key}-details",
        ),
    }


def _record_form(actor: Actor, network: Network) -> None:
    names = {p.id: p.display_name for p in network.people}
    with st.form("restriction-add", clear_on_submit=True):
        st.subheader("Record a restriction")
        person = st.selectbox("Who it binds", list(names), format_func=names.__getitem__, key="rs-person")
        fields = _fields(network, "rs")
        if st.form_submit_button("Record the restriction", type="primary") and person:
            attempt(
                lambda: get_services().restrictions.record(
                    actor, network.case.id, person, Restriction.model_validate(fields)
                ),
                f"Recorded a restriction on {names[person]}: {phrase(fields['kind'])}.",
            )


def _change_form(actor: Actor, network: Network, panel: SafetyPanel) -> None:
    """Change any recorded restriction, or end one in force today (it stays on record)."""
    recorded = [row for row in panel.rows if row.restriction_id and row.kind]
    if not recorded:
        return
    st.subheader("Change or end a restriction")
    choice = st.selectbox(
        "Restriction",
        [row.restriction_id for row in recorded],
        format_func=lambda rid: next(
            f"{r.person}: {words(r.kind) if r.kind else ''}"
            + ("" if r.in_force else f" (ended {_when(r.until)})")
            for r in recorded
            if r.restriction_id == rid
        ),
        key="rs-change-choice",
    )
    row = next((r for r in recorded if r.restriction_id == choice), None)
    if row is None or choice is None:
        return
    membership = network.membership(row.person_id)
    current = next((r for r in membership.restrictions if r.id == choice), None) if membership else None
    if membership is None or current is None:
        return
    with st.form(f"restriction-change-{choice}"):
        fields = _fields(network, f"rs-change-{choice}", current)
        if st.form_submit_button("Save the changes"):
            attempt(
                lambda: get_services().restrictions.update(
                    actor,
                    network.case.id,
                    row.person_id,
                    Restriction.model_validate({**current.model_dump(), **fields}),
                    membership.version,
                ),
                f"Saved the changes to the restriction on {row.person}.",
            )
    if row.in_force and st.button("End it today (it stays on record)", key="rs-end"):
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
        _change_form(actor, network, panel)
