"""Cases: the cases this person may open, choosing one to work on, and starting a new case."""

from __future__ import annotations

from datetime import date
from functools import partial

import pandas as pd
import streamlit as st

from netmap.errors import NetmapError
from netmap.models import Case, CaseStage, Person, new_id
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import uk_date, words
from netmap.services.access import Action, allowed
from netmap.views.components.case_details import case_details_form, custody_form
from netmap.views.components.transitions import transition_warning
from netmap.views.feedback import show_flash
from netmap.views.session import current_actor, current_case_id, get_services, refresh_actor, select_case
from netmap.views.widgets import date_field

__all__ = ["render"]


def _table(cases: list[Case]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Case": c.title,
                "Stage": words(c.stage),
                "Local authority": c.local_authority,
                "Prison": c.prison,
                "Release date": uk_date(c.release_date) if c.release_date else "",
                "Coordinator": c.coordinator,
            }
            for c in cases
        ]
    )


def _new_case_form() -> None:
    actor = current_actor()
    assert actor is not None
    with st.form("new-case", clear_on_submit=True):
        st.markdown("**Start a new case**")
        name = st.text_input("Young person's full name", max_chars=120)
        known_as = st.text_input("Known as", max_chars=200)
        birth = date_field(
            st, "Date of birth", value=None, min_value=date(1990, 1, 1), max_value=date.today()
        )
        authority = st.text_input("Home local authority", max_chars=200)
        if st.form_submit_button("Create case"):
            try:
                person = Person(id=new_id("p"), name=name, known_as=known_as, birth_date=birth)
                case = Case(
                    id=new_id("c"),
                    title=known_as or name,
                    ego_id=person.id,
                    stage=CaseStage.REFERRAL,
                    local_authority=authority,
                    referral_date=date.today(),
                )
                created = get_services().cases.create_case(actor, case, person)
            except (NetmapError, ValueError) as exc:
                st.error(markdown_text(str(exc)))
            else:
                refresh_actor()
                select_case(created.id)
                st.success(f"Case {markdown_text(created.title)} created.")


def render() -> None:
    actor = current_actor()
    assert actor is not None
    cases = get_services().cases.list_cases(actor)
    st.title("Your case" if len(cases) == 1 and not allowed(actor, Action.CASE_CREATE) else "Cases")
    show_flash()
    titles = {c.id: c.title for c in cases}
    for t in get_services().plans.transitions(actor):
        transition_warning(t, title=titles.get(t.case_id, ""))
    if not cases:
        st.info("No cases are shared with you yet. Ask your coordinator or an admin to grant you a case.")
    else:
        st.dataframe(_table(cases), hide_index=True, width="stretch")
        ids = [c.id for c in cases]
        chosen = current_case_id()
        picked = st.selectbox(
            "Work on case",
            ids,
            index=ids.index(chosen) if chosen in ids else 0,
            format_func=titles.__getitem__,
            key="case-picker",
        )
        if picked != chosen:
            select_case(picked)
        network = get_services().cases.get_network(actor, picked)
        st.caption(
            f"{len(network.people) - 1} people around {markdown_text(network.ego.display_name)}; "
            f"{len(network.ties)} relationships recorded. Open the pages in the menu to see and edit the map."
        )
        if allowed(actor, Action.CASE_EDIT):
            with st.expander("Change case details"):
                save = partial(get_services().cases.update_case, actor)
                case_details_form(network.case, save)
                custody_form(network.case, save)
    if allowed(actor, Action.CASE_CREATE):
        _new_case_form()
