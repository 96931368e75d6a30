"""Genogram page: the family over the generations, worked on in place — choose someone, add their parent,
child, partner or sibling (named or not yet known), mark them deceased, remove a link — with downloads."""

from __future__ import annotations

import functools

import pandas as pd
import streamlit as st

from netmap.models import Gender, KinType, Network, Person
from netmap.planning.placeholders import is_placeholder
from netmap.planning.relatives import KINDS_FOR, Relation
from netmap.renderers.escape import markdown_text
from netmap.renderers.genogram import render_genogram
from netmap.renderers.words import words
from netmap.services.access import Action, Actor, allowed
from netmap.views.components.genogram_picker import genogram_picker
from netmap.views.downloads import genogram_downloads, restriction_details
from netmap.views.feedback import attempt, show_flash
from netmap.views.session import get_services, open_case_page

__all__ = ["render"]

SOMEONE_NEW = "__new__"
_CHOSEN = "genogram-chosen"
_RELATIONS = {
    Relation.PARENT: "a parent",
    Relation.CHILD: "a child",
    Relation.PARTNER: "a partner or former partner",
    Relation.SIBLING: "a brother or sister",
}


def _kin_table(network: Network) -> pd.DataFrame:
    names = {p.id: p.display_name for p in network.people}
    rows = [
        {
            "From": names.get(k.from_id, k.from_id),
            "Relationship": words(k.kind),
            "To": names.get(k.to_id, k.to_id),
            "Certainty": words(k.certainty),
        }
        for k in sorted(network.kin, key=lambda k: (k.kind.value, k.from_id, k.to_id))
    ]
    return pd.DataFrame(rows, columns=["From", "Relationship", "To", "Certainty"])


def _add_relative(actor: Actor, network: Network, person: Person) -> None:
    others = {p.id: p.display_name for p in network.people if p.id != person.id and not is_placeholder(p.id)}
    st.markdown(f"**Add a relative of {markdown_text(person.display_name)}**")
    # outside the form, so the kinds of link below follow the relation as soon as it is chosen
    relation = st.radio(
        "Who to add",
        list(_RELATIONS),
        format_func=_RELATIONS.__getitem__,
        horizontal=True,
        key="genogram-relation",
    )
    with st.form("genogram-add", clear_on_submit=True):
        kind = st.selectbox("Kind of link", KINDS_FOR[relation or Relation.PARENT], format_func=words)
        who = st.selectbox(
            "Someone in this map, or someone new",
            [SOMEONE_NEW, *others],
            format_func=lambda pid: "Someone new" if pid == SOMEONE_NEW else others[pid],
        )
        name = st.text_input("Their name (leave empty if it is not known yet)")
        gender = st.selectbox("Their sex, for the symbol", list(Gender), format_func=words)
        deceased = st.checkbox("They have died")
        if st.form_submit_button("Add to the family tree", type="primary") and relation and kind:
            attempt(
                lambda: get_services().family.add_relative(
                    actor,
                    network.case.id,
                    person.id,
                    relation,
                    KinType(kind),
                    relative_id=None if who == SOMEONE_NEW else who,
                    name=name,
                    gender=gender or Gender.UNKNOWN,
                    deceased=deceased,
                ),
                f"Added {_RELATIONS[relation]} of {person.display_name} to the family tree.",
            )


def _person_actions(actor: Actor, network: Network, person: Person) -> None:
    if not person.deceased and st.button(
        markdown_text(f"Mark {person.display_name} as deceased"), key="genogram-deceased"
    ):
        attempt(
            lambda: get_services().network.update_person(
                actor, network.case.id, person.model_copy(update={"deceased": True})
            ),
            f"Recorded that {person.display_name} has died.",
        )
    names = {p.id: p.display_name for p in network.people}
    links = [k for k in network.kin if person.id in (k.from_id, k.to_id) and not is_placeholder(k.id)]
    for link in links:
        other = link.to_id if link.from_id == person.id else link.from_id
        described = f"{names.get(link.from_id, '')} — {words(link.kind)} — {names.get(link.to_id, '')}"
        if st.button(markdown_text(f"Remove the link: {described}"), key=f"genogram-unlink-{link.id}"):
            attempt(
                functools.partial(
                    get_services().network.remove_kin, actor, network.case.id, link.id, link.version
                ),
                f"Removed the link between {person.display_name} and {names.get(other, 'them')}.",
            )


def render() -> None:
    opened = open_case_page("Genogram")
    if opened is None:
        return
    actor, _ = opened
    show_flash()
    network, hidden = get_services().cases.family_tree(actor, opened[1].case.id)
    if hidden:
        st.info(
            "Some relatives are not shown here at the young person's request; grey boxes keep the tree joined up."
        )
    if not network.kin:
        st.info("No family links are recorded yet: choose the young person below and add their family.")
    svg = render_genogram(network, restriction_details=restriction_details(actor))
    label = f"Genogram of the family of {network.ego.display_name}"
    editable = allowed(actor, Action.NETWORK_EDIT)
    chosen_now = (
        genogram_picker(svg, label=label, selected=st.session_state.get(_CHOSEN)) if editable else None
    )
    if not editable:
        # an SVG shown as an image cannot run script, whatever the names in it say
        st.image(svg, width="stretch", alt=label)
    genogram_downloads(actor, network.case.id)
    if editable:
        people = {p.id: p for p in network.people if not is_placeholder(p.id)}
        if chosen_now in people:
            st.session_state[_CHOSEN] = chosen_now
        current = st.session_state.get(_CHOSEN) or network.case.ego_id
        # the same choice without a pointer: every person in a list a keyboard and a screen reader reach
        chosen = st.selectbox(
            "Working on",
            list(people),
            index=list(people).index(current) if current in people else 0,
            format_func=lambda pid: people[pid].display_name,
            help="Or select someone on the tree above.",
        )
        if chosen:
            st.session_state[_CHOSEN] = chosen
            _add_relative(actor, network, people[chosen])
            _person_actions(actor, network, people[chosen])
    st.subheader("Family links")
    st.dataframe(_kin_table(network), hide_index=True)
