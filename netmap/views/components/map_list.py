"""The map by keyboard: the same people, places and relationships as the drawn ecomap, with the same
edits made through plain Streamlit widgets, for keyboards, screen readers and anyone who prefers a
list. Every edit goes through ``perform``, so undo and conflicts work exactly as on the map; each is
made on the version the person last saw drawn, since these widgets may sit outside the map's fragment.
"""

from __future__ import annotations

import streamlit as st
from pydantic import ValidationError

from netmap.models import Network, Perspective, SupportDomain, Tie, Valence
from netmap.renderers.ecomap_layout import SECTOR_LABELS, SECTOR_ORDER, EcomapFilters, EcomapScene
from netmap.renderers.escape import markdown_text
from netmap.services.access import Action, Actor, allowed
from netmap.views.components.ecomap_editor import (
    EditorMemory,
    drawn,
    editor_memory,
    map_changes,
    may_edit,
    perform,
    perform_as_drawn,
)
from netmap.views.components.ecomap_payload import flow_words, view_words
from netmap.views.components.map_changes import (
    AddPerson,
    DrawTie,
    Flow,
    MapChanges,
    Place,
    RemoveTie,
    Retry,
    Undo,
    flow_of,
)
from netmap.views.feedback import problem_sentence

__all__ = ["map_list"]

_FLOWS: tuple[Flow, ...] = ("a_to_b", "b_to_a", "both", "none")
_RINGS = (1, 2, 3, 4)


def _notice(memory: EditorMemory, changes: MapChanges) -> None:
    notice = memory.notice
    if not notice:
        return
    text = markdown_text(str(notice["text"]))
    if notice["level"] == "error":
        st.error(text)
        if notice["retry"]:
            st.button(
                "Make my change anyway",
                key="maplist-retry",
                on_click=perform,
                args=(changes, memory, Retry()),
            )
    elif notice["level"] == "success":
        st.success(text)
    else:
        st.info(text)


def _move_form(network: Network, scene: EcomapScene, changes: MapChanges, memory: EditorMemory) -> None:
    people = {n.id: n for n in scene.nodes if not n.is_ego}
    if not people:
        return
    versions = {m.person_id: m.version for m in network.memberships}
    with st.form("maplist-move"):
        st.markdown("**Move someone to another ring or sector**")
        st.selectbox("Who", list(people), format_func=lambda p: people[p].label, key="maplist-move-who")
        st.selectbox(
            "Sector",
            [None, *SECTOR_ORDER],
            format_func=lambda s: "Keep their sector" if s is None else SECTOR_LABELS[s],
            key="maplist-move-sector",
        )
        st.radio("Ring", _RINGS, format_func=lambda r: f"Ring {r}", horizontal=True, key="maplist-move-ring")
        st.form_submit_button("Move", on_click=_move, args=(changes, memory, versions))


def _move(changes: MapChanges, memory: EditorMemory, versions: dict[str, int]) -> None:
    person = st.session_state["maplist-move-who"]
    sector, ring = st.session_state["maplist-move-sector"], st.session_state["maplist-move-ring"]
    perform_as_drawn(
        changes, memory, Place(person=person, version=versions.get(person, 0), sector=sector, ring=ring)
    )


def _add_form(changes: MapChanges, memory: EditorMemory) -> None:
    with st.form("maplist-add", clear_on_submit=True):
        st.markdown("**Add someone to the map**")
        st.text_input("Name", max_chars=120, key="maplist-add-name")
        st.selectbox(
            "Sector", list(SECTOR_ORDER), format_func=SECTOR_LABELS.__getitem__, key="maplist-add-sector"
        )
        st.radio(
            "Ring",
            _RINGS,
            index=1,
            format_func=lambda r: f"Ring {r}",
            horizontal=True,
            key="maplist-add-ring",
        )
        st.form_submit_button("Add to the map", on_click=_add, args=(changes, memory))


def _add(changes: MapChanges, memory: EditorMemory) -> None:
    sector, ring = st.session_state["maplist-add-sector"], st.session_state["maplist-add-ring"]
    try:
        change = AddPerson(name=st.session_state["maplist-add-name"], sector=sector, ring=ring)
    except ValidationError as exc:
        memory.seq += 1
        memory.say("error", problem_sentence(exc))
        return
    perform(changes, memory, change)


def _tie_section(network: Network, scene: EcomapScene, changes: MapChanges, memory: EditorMemory) -> None:
    names = {n.id: n.label for n in scene.nodes}
    ties = {t.id: t for t in network.ties if t.id in {e.id for e in scene.edges}}
    st.markdown("**Draw or change a relationship**")
    chosen = st.selectbox(
        "Relationship",
        [None, *ties],
        format_func=lambda t: (
            "A new relationship" if t is None else f"{names[ties[t].from_id]} and {names[ties[t].to_id]}"
        ),
        key="maplist-tie",
    )
    tie = ties.get(chosen) if chosen else None
    if tie is None:
        left, right = st.columns(2)
        a = left.selectbox("Between", list(names), format_func=names.__getitem__, key="maplist-tie-a")
        b = right.selectbox(
            "And", [p for p in names if p != a], format_func=names.__getitem__, key="maplist-tie-b"
        )
        if a is None or b is None:
            return
        tie = Tie(id="t-new", case_id=network.case.id, from_id=a, to_id=b)
    words = view_words(scene.perspective)
    a_name, b_name = names[tie.from_id], names[tie.to_id]
    # keyed by the record and its version: a newer version shows its own values
    suffix = f"{chosen or 'new'}-{tie.version}"
    strength = st.radio(
        "How strong",
        (1, 2, 3),
        index=tie.strength - 1,
        format_func=words.strength.__getitem__,
        horizontal=True,
        key=f"maplist-strength-{suffix}",
    )
    valence = st.radio(
        "What kind",
        list(Valence),
        index=list(Valence).index(tie.valence),
        format_func=words.valence.__getitem__,
        horizontal=True,
        key=f"maplist-valence-{suffix}",
    )
    flow = st.radio(
        "Support",
        _FLOWS,
        index=_FLOWS.index(flow_of(tie, network.case.ego_id)),
        format_func=lambda f: flow_words(f, a_name, b_name),
        key=f"maplist-flow-{suffix}",
    )
    domains = st.multiselect(
        "Kinds of support",
        list(SupportDomain),
        default=tie.domains,
        format_func=words.domains.__getitem__,
        key=f"maplist-domains-{suffix}",
    )
    change = DrawTie(
        a=tie.from_id,
        b=tie.to_id,
        id=chosen,
        version=tie.version if chosen else 0,
        strength=strength or 2,
        valence=valence or Valence.POSITIVE,
        flow=flow or "none",
        domains=domains,
    )
    left, right = st.columns(2)
    left.button(
        "Save relationship",
        key=f"maplist-tie-save-{suffix}",
        on_click=perform_as_drawn,
        args=(changes, memory, change),
    )
    if chosen:
        remove = RemoveTie(id=chosen, version=tie.version)
        right.button(
            "Remove relationship",
            key=f"maplist-tie-remove-{suffix}",
            on_click=perform_as_drawn,
            args=(changes, memory, remove),
        )


def map_list(
    actor: Actor,
    network: Network,
    *,
    view: Perspective | None,
    filters: EcomapFilters | None = None,
    editable: bool = True,
    add_form: bool = True,
) -> None:
    """The map's edits as keyboard-friendly widgets, for those who may change it (the map itself lists
    everyone in words under its legend). ``add_form`` False leaves adding people to the page's own form.
    """
    if not (editable and may_edit(actor, view)):
        return
    scene, _ = drawn(network, view, filters, allowed(actor, Action.RESTRICTED_READ))
    memory = editor_memory(network.case.id, view)
    changes = map_changes(actor, network.case.id, view)
    _notice(memory, changes)
    if memory.undo:
        label = f"Undo: {memory.undo[-1][0]}"
        st.button(label, key="maplist-undo", on_click=perform, args=(changes, memory, Undo()))
    _move_form(network, scene, changes, memory)
    if add_form:
        _add_form(changes, memory)
    _tie_section(network, scene, changes, memory)
