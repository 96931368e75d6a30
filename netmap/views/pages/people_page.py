"""People page (practice roles): who is in the chosen case's map and how they relate; add people, change
their details, record ties."""

from __future__ import annotations

import functools
from datetime import date

import pandas as pd
import streamlit as st

from netmap.models import (
    ContactFrequency,
    Gender,
    Membership,
    Network,
    Person,
    PersonKind,
    Perspective,
    Role,
    Sector,
    SupportDirection,
    SupportDomain,
    Tie,
    Valence,
    new_id,
)
from netmap.renderers.ecomap_layout import SECTOR_LABELS, STRENGTH_WORDS
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import phrase, uk_date, words
from netmap.services.access import Action, Actor, allowed
from netmap.views.components.member_details import change_details_form
from netmap.views.feedback import attempt, show_flash
from netmap.views.session import current_actor, get_services, open_case_page
from netmap.views.widgets import date_field

__all__ = ["render"]

_DIRECTIONS = {
    SupportDirection.NONE: "Not recorded",
    SupportDirection.TO_EGO: "Supports the young person",
    SupportDirection.FROM_EGO: "The young person supports them",
    SupportDirection.BOTH: "Both ways",
}


def _people_table(network: Network) -> pd.DataFrame:
    rows = []
    for person in sorted(
        network.people, key=lambda p: (p.id != network.case.ego_id, p.display_name.casefold())
    ):
        membership = network.membership(person.id)
        rows.append(
            {
                "Name": person.name,
                "Known as": person.known_as,
                "Sector": SECTOR_LABELS[membership.sector] if membership else "",
                "Ring": membership.ring if membership else None,
                "Role": membership.role_label if membership else "The young person",
                "Status": words(membership.status) if membership and membership.status else "",
            }
        )
    return pd.DataFrame(rows, columns=["Name", "Known as", "Sector", "Ring", "Role", "Status"])


def _ties_table(network: Network) -> pd.DataFrame:
    names = {p.id: p.display_name for p in network.people}
    rows = [
        {
            "From": names[t.from_id],
            "To": names[t.to_id],
            "Relationship": words(t.valence),
            "Strength": STRENGTH_WORDS[t.strength],
            "Support": _DIRECTIONS[t.direction],
            "Kinds of support": ", ".join(words(d) for d in t.domains),
            "Whose view": words(t.perspective),
        }
        for t in sorted(
            network.ties, key=lambda t: (names[t.from_id].casefold(), names[t.to_id].casefold(), t.id)
        )
    ]
    columns = ["From", "To", "Relationship", "Strength", "Support", "Kinds of support", "Whose view"]
    return pd.DataFrame(rows, columns=columns)


def _add_person_form(actor: Actor, network: Network) -> None:
    with st.form("add-person", clear_on_submit=True):
        st.markdown("**Add someone to the map**")
        name = st.text_input("Full name", max_chars=120)
        known_as = st.text_input("Known as", max_chars=200)
        left, right = st.columns(2)
        gender = left.selectbox("Gender", list(Gender), index=3, format_func=words)
        kind = right.selectbox("Person or service", list(PersonKind), format_func=words)
        sector = left.selectbox("Sector", list(Sector), format_func=SECTOR_LABELS.__getitem__)
        ring = right.select_slider("Closeness (1 closest, 4 furthest)", options=[1, 2, 3, 4], value=2)
        role_label = st.text_input(
            "Who they are to the young person (for example 'aunt', 'probation officer')"
        )
        if st.form_submit_button("Add to map"):

            def write() -> None:
                person = Person(
                    id=new_id("p"),
                    name=name,
                    known_as=known_as,
                    gender=gender or Gender.UNKNOWN,
                    kind=kind or PersonKind.PERSON,
                )
                membership = Membership.make(
                    network.case.id, person.id, sector=sector, ring=ring, role_label=role_label
                )
                get_services().network.add_member(actor, network.case.id, person, membership)

            attempt(write, f"{name.strip()} was added to the map.")


def _tie_fields(tie: Tie | None, prefix: str) -> dict[str, object]:
    """The relationship inputs of a form, filled from ``tie`` when changing one."""
    left, right = st.columns(2)
    valence = left.selectbox(
        "Relationship",
        list(Valence),
        index=list(Valence).index(tie.valence) if tie else 0,
        format_func=words,
        key=f"{prefix}-valence",
    )
    strength = right.select_slider(
        "Strength",
        options=[1, 2, 3],
        value=tie.strength if tie else 2,
        format_func=STRENGTH_WORDS.__getitem__,
        key=f"{prefix}-strength",
    )
    direction = left.selectbox(
        "Direction of support",
        list(_DIRECTIONS),
        format_func=_DIRECTIONS.__getitem__,
        index=list(_DIRECTIONS).index(tie.direction) if tie else 0,
        key=f"{prefix}-direction",
    )
    domains = right.multiselect(
        "Kinds of support",
        list(SupportDomain),
        default=tie.domains if tie else [],
        format_func=words,
        key=f"{prefix}-domains",
    )
    frequencies: list[ContactFrequency | None] = [None, *ContactFrequency]
    frequency = left.selectbox(
        "How often they are in touch",
        frequencies,
        index=frequencies.index(tie.frequency) if tie else 0,
        format_func=lambda f: words(f) if f else "Not recorded",
        key=f"{prefix}-frequency",
    )
    since = date_field(
        right,
        "Since",
        value=tie.since if tie else None,
        min_value=date(1900, 1, 1),
        max_value=date.today(),
        key=f"{prefix}-since",
    )
    until = date_field(
        left,
        "Until (if it ends)",
        value=tie.until if tie else None,
        min_value=date(1900, 1, 1),
        key=f"{prefix}-until",
    )
    notes = st.text_area("Notes", value=tie.notes if tie else "", max_chars=5000, key=f"{prefix}-notes")
    return {
        "valence": valence,
        "strength": strength,
        "direction": direction,
        "domains": domains,
        "frequency": frequency,
        "since": since,
        "until": until,
        "notes": notes,
    }


def _add_tie_form(actor: Actor, network: Network) -> None:
    ids = [p.id for p in network.people]
    names = {p.id: p.display_name for p in network.people}
    with st.form("add-tie", clear_on_submit=True):
        st.markdown("**Record a relationship**")
        left, right = st.columns(2)
        from_id = left.selectbox("Between", ids, format_func=names.__getitem__, key="tie-from")
        to_id = right.selectbox(
            "And", ids, index=min(1, len(ids) - 1), format_func=names.__getitem__, key="tie-to"
        )
        fields = _tie_fields(None, "new-tie")
        # practitioners record their own view; the young person records theirs on My map
        views = [Perspective.PRACTITIONER, Perspective.YOUNG_PERSON]
        perspective = st.radio("Whose view is this", views, format_func=words, horizontal=True)
        if st.form_submit_button("Save relationship"):

            def write() -> None:
                tie = Tie(
                    id=new_id("t"),
                    case_id=network.case.id,
                    from_id=from_id,
                    to_id=to_id,
                    perspective=perspective,
                    source=actor.username,
                    **fields,  # type: ignore[arg-type]
                )
                get_services().network.add_tie(actor, tie)

            attempt(write, "The relationship was saved.")


def _change_tie_form(actor: Actor, network: Network) -> None:
    ties = network.ties
    if not ties:
        return
    names = {p.id: p.display_name for p in network.people}
    by_id = {t.id: t for t in ties}
    chosen = st.selectbox(
        "Change a relationship",
        list(by_id),
        format_func=lambda i: (
            f"{names[by_id[i].from_id]} – {names[by_id[i].to_id]} ({phrase(by_id[i].perspective)})"
        ),
        key="tie-pick",
    )
    tie = by_id[chosen]
    # the version this person saw when they opened the tie; a save based on it fails if someone saved since
    seen = st.session_state.setdefault(f"tie-seen-{tie.id}", tie.version)
    with st.form(f"change-tie-{tie.id}"):
        fields = _tie_fields(tie, f"edit-{tie.id}")
        if st.form_submit_button("Save changes"):
            st.session_state.pop(f"tie-seen-{tie.id}", None)
            updated = tie.model_copy(update={"version": seen})
            attempt(
                lambda: get_services().network.update_tie(
                    actor, Tie.model_validate({**updated.model_dump(), **fields})
                ),
                "The relationship was changed.",
            )


@st.dialog("Take someone off this map")
def _confirm_removal(actor: Actor, network: Network, person_id: str, name: str, version: int) -> None:
    st.markdown(
        markdown_text(
            f"Take {name} off this map? Their relationships in this map go too. They stay in any other "
            "case, and you can put them back from “Taken off this map” below."
        )
    )
    left, right = st.columns(2)
    if left.button("Take them off", type="primary"):
        attempt(
            lambda: get_services().network.remove_member(actor, network.case.id, person_id, version),
            f"{name} was taken off this map.",
        )
    if right.button("Keep them"):
        st.rerun()


def _remove_person(actor: Actor, network: Network) -> None:
    members = [m for m in network.memberships if m.person_id != network.case.ego_id]
    if not members:
        return
    names = {p.id: p.display_name for p in network.people}
    by_person = {m.person_id: m for m in members}
    person_id = st.selectbox(
        "Take someone off this map", list(by_person), format_func=names.__getitem__, key="remove-person"
    )
    if person_id and st.button("Remove from map…"):
        _confirm_removal(actor, network, person_id, names[person_id], by_person[person_id].version)


def _removed(actor: Actor, network: Network) -> None:
    removed = get_services().network.removed(actor, network.case.id)
    if not removed:
        return
    st.subheader("Taken off this map")
    for removal in removed:
        left, right = st.columns([3, 1])
        left.markdown(markdown_text(f"{removal.name}, by {removal.by} on {uk_date(removal.at.date())}"))
        if right.button("Put back", key=f"restore-{removal.person_id}"):
            attempt(
                functools.partial(
                    get_services().network.restore_removed, actor, network.case.id, removal.person_id
                ),
                f"{removal.name} is back on this map, with their relationships.",
            )


def render() -> None:
    actor = current_actor()
    assert actor is not None
    if actor.role is Role.YOUNG_PERSON:
        st.info("Your own map is on the My map page: add people and say how you see them there.")
        return
    opened = open_case_page("People")
    if opened is None:
        return
    _, network = opened
    show_flash()
    st.dataframe(_people_table(network), hide_index=True)
    st.subheader("Relationships")
    st.dataframe(_ties_table(network), hide_index=True)
    if not allowed(actor, Action.NETWORK_EDIT):
        st.caption("You can read this map; ask the coordinator to record changes.")
        return
    _add_person_form(actor, network)
    change_details_form(actor, network)
    _add_tie_form(actor, network)
    _change_tie_form(actor, network)
    _remove_person(actor, network)
    _removed(actor, network)
