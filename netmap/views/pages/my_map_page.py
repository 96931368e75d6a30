"""My map: the young person's own ecomap in their own view, and who practitioners may see on it."""

from __future__ import annotations

import streamlit as st

from netmap.errors import ConflictError, NetmapError
from netmap.models import Network, Perspective, Role, Sharing
from netmap.services.access import Actor
from netmap.views.ecomap import render_ecomap
from netmap.views.escape import markdown_text
from netmap.views.session import current_actor, get_services, select_case

__all__ = ["render"]


def _own_network(actor: Actor) -> Network | None:
    services = get_services()
    own = [c for c in services.cases.list_cases(actor) if c.ego_id == actor.person_id]
    if not own:
        st.info("Your map has not been started yet. Your coordinator will set it up with you.")
        return None
    select_case(own[0].id)
    return services.cases.get_network(actor, own[0].id)


def _sharing_form(actor: Actor, network: Network) -> None:
    case = network.case
    names = {p.id: p.display_name for p in network.people if p.id != case.ego_id}
    # the version seen when the form was first shown: a save fails if the map's settings changed since
    seen = st.session_state.setdefault("sharing-seen-version", case.version)
    with st.form("sharing"):
        st.markdown("**Who practitioners can see**")
        st.caption(
            "Your coordinator always sees your whole map. People you tick here are left off the map for "
            "probation, prison, leaving-care and other practitioners."
        )
        hidden = st.multiselect(
            "Keep these people private",
            list(names),
            default=[p for p in case.sharing.hidden_people if p in names],
            format_func=names.__getitem__,
        )
        if st.form_submit_button("Save my choices"):
            st.session_state.pop("sharing-seen-version", None)
            sharing = Sharing(hidden_people=sorted(hidden), hidden_from=case.sharing.hidden_from)
            try:
                get_services().cases.set_sharing(actor, case.id, sharing, seen)
            except ConflictError as exc:
                st.error(
                    markdown_text(f"{exc} Your map changed while you were choosing; please choose again.")
                )
            except NetmapError as exc:
                st.error(markdown_text(str(exc)))
            else:
                st.session_state["my-map-flash"] = "Your choices are saved."
                st.rerun()


def render() -> None:
    actor = current_actor()
    assert actor is not None
    if actor.role is not Role.YOUNG_PERSON:
        st.info("This page is the young person's own view of their map.")
        return
    try:
        network = _own_network(actor)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    if network is None:
        return
    st.title("My map")
    if flash := st.session_state.pop("my-map-flash", None):
        st.success(markdown_text(flash))
    st.caption("How you see the people around you. Add people and relationships on the People page.")
    st.iframe(render_ecomap(network, perspective=Perspective.YOUNG_PERSON, height="640px"), height=820)
    _sharing_form(actor, network)
