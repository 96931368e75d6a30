"""Change someone's details on the People page: who they are, and what they are to the young person.

The birth date, agency and role typed here are what the rules read (a children's social worker
ends at 18, a personal adviser at 21 or 25, a recorded end of support always wins), so a person
added in a hurry can be completed later instead of taken off and added again.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import streamlit as st

from netmap.models import Gender, Membership, Network, Person
from netmap.renderers.words import words
from netmap.services.access import Action, Actor, allowed
from netmap.views.feedback import attempt, seen
from netmap.views.session import get_services
from netmap.views.widgets import date_field

__all__ = ["change_details_form"]

_EARLIEST = date(1900, 1, 1)


def change_details_form(actor: Actor, network: Network) -> None:
    """Pick someone in the map and change their details; both parts are saved together or not at all."""
    people = {p.id: p for p in network.people}
    ego = network.case.ego_id
    chosen = st.selectbox(
        "Change someone's details",
        list(people),
        format_func=lambda pid: people[pid].display_name + (" (the young person)" if pid == ego else ""),
        key="details-pick",
    )
    if chosen is None:
        return
    person, membership = people[chosen], network.membership(chosen)
    if membership is None:
        return
    versions = seen(f"details-{chosen}", (person.version, membership.version))
    # Keyed by the versions first seen: what this person types is kept across reruns and saved
    # against those versions, so a change someone else saved meanwhile makes a conflict, not a silent
    # loss; after a save or a conflict the versions are seen afresh and the form shows what is stored.
    key = f"details-{chosen}-{versions[0]}-{versions[1]}"
    with st.form(key):
        about = _person_fields(person, allowed(actor, Action.RESTRICTED_EDIT), key)
        place = _membership_fields(membership, key) if chosen != ego else {}
        if st.form_submit_button("Save details"):
            attempt(
                lambda: get_services().network.update_member(
                    actor,
                    network.case.id,
                    Person.model_validate({**person.model_dump(), **about, "version": versions[0]}),
                    Membership.model_validate({**membership.model_dump(), **place, "version": versions[1]}),
                ),
                f"Saved the details of {about['known_as'] or about['name']}.",
            )


def _person_fields(person: Person, restricted: bool, key: str) -> dict[str, Any]:
    name = st.text_input("Full name", value=person.name, max_chars=120, key=f"{key}-name")
    known_as = st.text_input("Known as", value=person.known_as, max_chars=200, key=f"{key}-known-as")
    left, right = st.columns(2)
    gender = left.selectbox(
        "Gender",
        list(Gender),
        index=list(Gender).index(person.gender),
        format_func=words,
        key=f"{key}-gender",
    )
    born = date_field(
        right,
        "Date of birth",
        value=person.birth_date,
        min_value=_EARLIEST,
        max_value=date.today(),
        key=f"{key}-born",
    )
    year = left.number_input(
        "Year of birth, when the date is not known",
        min_value=_EARLIEST.year,
        max_value=date.today().year,
        value=None if person.birth_date else person.birth_year,
        step=1,
        key=f"{key}-birth-year",
    )
    deceased = right.checkbox("They have died", value=person.deceased, key=f"{key}-deceased")
    death_year = right.number_input(
        "Year they died (if known)",
        min_value=_EARLIEST.year,
        max_value=date.today().year,
        value=person.death_year,
        step=1,
        key=f"{key}-death-year",
    )
    fields: dict[str, Any] = {
        "name": name,
        "known_as": known_as,
        "gender": gender,
        "birth_date": born,
        "birth_year": born.year if born else year,
        "deceased": deceased,
        "death_year": death_year if deceased else None,
    }
    fields |= _texts(
        person,
        key,
        agency=("Organisation or agency", 200),
        work_contact=("Work phone or email", 200),
        area=("Area (a town or district, never an address)", 200),
    )
    if restricted:
        st.markdown("**Restricted details** (shown only to those who may read them)")
        fields |= _texts(
            person,
            key,
            address=("Address", 5000),
            phone=("Phone", 200),
            email=("Email", 200),
            safeguarding_notes=("Safeguarding notes", 5000),
        )
    return fields


def _membership_fields(membership: Membership, key: str) -> dict[str, Any]:
    st.markdown("**In this map**")
    fields: dict[str, Any] = _texts(
        membership,
        key,
        role_label=("Who they are to the young person (for example 'aunt', 'Ruby's social worker')", 200),
    )
    fields["support_ends"] = date_field(
        st,
        "Their support ends on (if an end is planned; it overrides the usual age or release rules)",
        value=membership.support_ends,
        min_value=_EARLIEST,
        key=f"{key}-support_ends",
    )
    return fields | _texts(
        membership, key, offer=("What they offer the young person", 200), notes=("Notes", 5000)
    )


def _texts(record: Person | Membership, key: str, **fields: tuple[str, int]) -> dict[str, str]:
    """A text input (or, for long text, a text area) per field, filled from ``record``."""
    return {
        name: (st.text_area if limit > 200 else st.text_input)(
            label, value=getattr(record, name), max_chars=limit, key=f"{key}-{name}"
        )
        for name, (label, limit) in fields.items()
    }
