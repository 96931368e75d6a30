"""Local services directory (search, add, change, link into a map) and the partnership view."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from netmap.errors import ConflictError, NetmapError
from netmap.models import Person, PersonKind, ServiceCategory, ServiceInfo, new_id
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import words
from netmap.services.access import Action, Actor, allowed
from netmap.views.feedback import attempt, problem_sentence, show_flash
from netmap.views.pages.partnership_section import render_partnership
from netmap.views.session import current_actor, current_case_id, get_services
from netmap.views.widgets import date_field, on_demand

__all__ = ["render", "services_table"]

NEW = "__new__"


def _ages(info: ServiceInfo) -> str:
    if info.age_min is None and info.age_max is None:
        return "Any age"
    if info.age_max is None:
        return f"{info.age_min} and over"
    return f"Up to {info.age_max}" if info.age_min is None else f"{info.age_min} to {info.age_max}"


_COLUMNS = [
    "Service",
    "Area",
    "Kinds of help",
    "Offers",
    "Who can use it",
    "Ages",
    "How to refer",
    "Places or wait",
    "Culturally specific for",
    "Contact",
    "Website",
]


def services_table(found: list[Person]) -> pd.DataFrame:
    """The directory as a table, every structured field in its own column."""
    rows = []
    for p in found:
        info = p.service_info or ServiceInfo()
        rows.append(
            [
                p.name,
                p.area or "Everywhere",
                ", ".join(words(c) for c in info.categories),
                info.offer,
                info.eligibility,
                _ages(info),
                info.referral_route,
                info.capacity,
                info.culturally_specific,
                info.contact,
                info.website,
            ]
        )
    return pd.DataFrame(rows, columns=_COLUMNS)


def _edit_form(actor: Actor, everything: list[Person]) -> None:
    st.subheader("Add or change a service")
    by_id = {p.id: p for p in everything}
    picked = st.selectbox(
        "Service to change",
        [NEW, *by_id],
        format_func=lambda i: "A new service" if i == NEW else by_id[i].name,
        key="svc-pick",
    )
    current = by_id.get(picked)
    info = (current.service_info if current else None) or ServiceInfo()
    with st.form(f"svc-form-{picked}"):
        name = st.text_input("Name", value=current.name if current else "", max_chars=120)
        area = st.text_input("Area it serves (blank: everywhere)", value=current.area if current else "")
        categories = st.multiselect(
            "Kinds of help", list(ServiceCategory), default=info.categories, format_func=words
        )
        offer = st.text_input("What it offers", value=info.offer, max_chars=200)
        eligibility = st.text_input("Who can use it", value=info.eligibility, max_chars=200)
        left, right = st.columns(2)
        age_min = left.number_input("Youngest age", min_value=0, max_value=120, value=info.age_min, step=1)
        age_max = right.number_input("Oldest age", min_value=0, max_value=120, value=info.age_max, step=1)
        referral_route = st.text_input("How to refer someone", value=info.referral_route, max_chars=200)
        capacity = st.text_input("Places free or waiting time", value=info.capacity, max_chars=200)
        culturally_specific = st.text_input(
            "If it is culturally specific, who it is for (blank: everyone)",
            value=info.culturally_specific,
            max_chars=200,
        )
        contact = st.text_input("How to contact it", value=info.contact, max_chars=200)
        website = st.text_input("Website", value=info.website, max_chars=200)
        if not st.form_submit_button("Save service"):
            return
    base = current.model_dump() if current else {"id": new_id("p"), "kind": PersonKind.SERVICE}
    info_fields = {
        "offer": offer,
        "eligibility": eligibility,
        "age_min": age_min,
        "age_max": age_max,
        "referral_route": referral_route,
        "capacity": capacity,
        "culturally_specific": culturally_specific,
        "contact": contact,
        "website": website,
    }
    try:
        service = Person.model_validate(
            {**base, "name": name, "area": area, "service_info": {"categories": categories, **info_fields}}
        )
        saved = get_services().directory.save_service(actor, service)
    except ValidationError as exc:
        st.error(markdown_text(problem_sentence(exc)))
    except ConflictError:
        st.error("Someone else saved a change to this service first. Reload the page to see it.")
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
    else:
        st.success(f"{markdown_text(saved.name)} is saved in the directory.")


def _link_form(actor: Actor, case_id: str, found: list[Person]) -> None:
    st.subheader("Add a service to this young person's map")
    if not found:
        st.info("No service matches the search above.")
        return
    by_id = {p.id: p for p in found}
    with st.form("svc-link"):
        service_id = st.selectbox(
            "Service", list(by_id), format_func=lambda i: by_id[i].name, key="svc-link-pick"
        )
        offer = st.text_input("What it offers this young person (blank: its usual offer)", max_chars=200)
        role = st.text_input("Their role, in a few words", max_chars=200)
        ends = date_field(st, "Support ends", value=None, min_value=date(2000, 1, 1))
        if not st.form_submit_button("Add to this map"):
            return
    try:
        get_services().directory.link_service(
            actor, case_id, service_id, offer=offer, role_label=role, support_ends=ends
        )
    except (NetmapError, ValidationError) as exc:
        st.error(markdown_text(problem_sentence(exc) if isinstance(exc, ValidationError) else str(exc)))
    else:
        st.success(f"{markdown_text(by_id[service_id].name)} is in the map.")


def _bulk_import(actor: Actor) -> None:
    st.subheader("Add many services from a CSV file")
    st.caption(
        "One service a row, with a header naming the columns: name, area, categories, offer, eligibility, "
        "age_min, age_max, referral_route, capacity, culturally_specific, contact, website. Every row is "
        "added, or none: a row naming a service already here (same name and area) changes it."
    )
    upload = st.file_uploader("CSV file of services", type=["csv"], key="svc-import")
    if upload is None or not st.button("Import these services", key="svc-import-go"):
        return
    try:
        added, changed = get_services().directory.import_services(actor, upload.getvalue(), upload.name)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
    else:
        st.success(f"Added {added} and changed {changed} services.")


def _needs(actor: Actor, case_id: str) -> None:
    services = get_services()
    st.subheader("What this young person needs, and who offers it here")
    if allowed(actor, Action.CASE_EDIT):
        case = services.cases.get_case(actor, case_id)
        with st.form("svc-needs"):
            chosen = st.multiselect(
                "Needs recorded for them", list(ServiceCategory), default=case.needs, format_func=words
            )
            if st.form_submit_button("Save their needs"):
                attempt(
                    lambda: services.cases.update_case(actor, case.model_copy(update={"needs": chosen})),
                    "Their needs are saved.",
                )
    matched = services.directory.services_for(actor, case_id)
    if not matched:
        st.caption("No needs are recorded for them, and none could be read from what they want help with.")
    for need, offering in matched:
        names = ", ".join(p.name for p in offering) or "no service in the directory here, for their age"
        st.markdown(f"**{markdown_text(words(need))}**: {markdown_text(names)}")


def render() -> None:
    actor = current_actor()
    assert actor is not None
    directory = get_services().directory
    st.title("Local services")
    show_flash()
    left, middle, right = st.columns(3)
    area = left.text_input("Area", key="svc-area")
    choice = middle.selectbox(
        "Kind of help",
        [None, *ServiceCategory],
        format_func=lambda c: "Any" if c is None else words(c),
        key="svc-category",
    )
    text = right.text_input("Search", key="svc-text")
    # The list sits above the forms but is filled after them, so a service just saved is in it.
    listing = st.container()
    if allowed(actor, Action.DIRECTORY_EDIT):
        _edit_form(actor, directory.list_services(actor))
        _bulk_import(actor)
    found = directory.list_services(actor, area=area, category=choice, text=text)
    case_id = current_case_id()
    if case_id is not None:
        _needs(actor, case_id)
    if case_id is not None and allowed(actor, Action.NETWORK_EDIT):
        _link_form(actor, case_id, found)
    with listing:
        if found:
            st.dataframe(services_table(found), hide_index=True, width="stretch")
        else:
            st.info("No service in the directory matches.")
    if allowed(actor, Action.COHORT_READ):
        st.header("Partnership")
        st.caption("Which agencies work with which young people, across the cases you hold.")
        # It reads every case the person holds: made only once asked for, so the directory shows at once.
        box = on_demand("Agencies, the same support twice and needs no service meets", key="svc-partnership")
        if box is not None:
            with box:
                render_partnership(actor)
