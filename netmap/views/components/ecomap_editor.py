"""The ecomap you edit in place: a bidirectional Streamlit component (``st.components.v2``) drawing the map
as SVG in the page, with its JavaScript and CSS shipped in this package (nothing fetched at run time).

Each gesture reaches Python as one ``edit`` trigger value. The component's ``on_edit_change`` callback
applies it through the services before the page runs again, so the map the page then draws is the
stored one. Undo, the change kept after a conflict and the last message live in the session, per
case and view.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from typing import Any

import streamlit as st
from pydantic import ValidationError

from netmap.errors import ConflictError, NetmapError
from netmap.models import Network, Perspective, Role
from netmap.renderers.ecomap_layout import EcomapFilters, EcomapScene
from netmap.services.access import Action, Actor, allowed
from netmap.views.components.ecomap_payload import editor_scene, scene_payload
from netmap.views.components.map_changes import (
    Change,
    DrawTie,
    MapChanges,
    Place,
    RemoveTie,
    Retry,
    Undo,
    parse_change,
)
from netmap.views.feedback import problem_sentence
from netmap.views.session import get_services

__all__ = [
    "EditorMemory",
    "drawn",
    "ecomap_editor",
    "editor_memory",
    "map_changes",
    "may_edit",
    "perform",
    "perform_as_drawn",
]

_JS_PARTS = (
    "ecomap_geometry.js",
    "ecomap_notation.js",
    "ecomap_draw.js",
    "ecomap_panels.js",
    "ecomap_editor.js",
)
_UNDO_DEPTH = 30


@functools.cache
def _component() -> Callable[..., Any]:
    assets = resources.files("netmap.views.components") / "assets"
    js = "\n".join((assets / name).read_text(encoding="utf-8") for name in _JS_PARTS)
    css = (assets / "ecomap_editor.css").read_text(encoding="utf-8")
    return st.components.v2.component("netmap.ecomap_editor", js=js, css=css)


@dataclass
class EditorMemory:
    """What one session keeps for one map and view: undo steps, a change that met a conflict, a message."""

    seq: int = 0
    undo: list[tuple[str, tuple[Change, ...]]] = field(default_factory=list)
    pending: Change | None = None
    notice: dict[str, Any] | None = None
    # people whose records the map changed, for pages whose own forms about them must start afresh
    touched: set[str] = field(default_factory=set)
    drawn: tuple[tuple[object, ...], EcomapScene, dict[str, Any]] | None = None

    def say(self, level: str, text: str, *, retry: bool = False) -> None:
        self.notice = {"level": level, "text": text, "retry": retry}


def editor_memory(case_id: str, view: Perspective | None) -> EditorMemory:
    key = f"ecomap-editor-memory:{case_id}:{view.value if view else 'all'}"
    memory = st.session_state.get(key)
    if not isinstance(memory, EditorMemory):
        memory = st.session_state[key] = EditorMemory()
    return memory


def may_edit(actor: Actor, view: Perspective | None) -> bool:
    """Whether ``actor`` edits the map in ``view``: a young person only their own view."""
    if not allowed(actor, Action.NETWORK_EDIT):
        return False
    return actor.role is not Role.YOUNG_PERSON or view is Perspective.YOUNG_PERSON


def map_changes(actor: Actor, case_id: str, view: Perspective | None) -> MapChanges:
    return MapChanges(get_services(), actor, case_id, view)


def perform(changes: MapChanges, memory: EditorMemory, change: Change | Undo | Retry) -> None:
    """Make ``change`` (or undo, or make the change kept after a conflict) and say what happened."""
    memory.seq += 1
    if isinstance(change, Undo):
        _undo(changes, memory)
        return
    if isinstance(change, Retry):
        if memory.pending is None:
            memory.say("info", "There is no change waiting to be made.")
            return
        try:
            change = changes.on_current_version(memory.pending)
        except NetmapError as exc:
            memory.pending = None
            memory.say("error", str(exc))
            return
    try:
        done = changes.apply(change)
    except ConflictError:
        memory.pending = change
        memory.say(
            "error",
            f"Someone else changed {changes.subject(change)} after you opened this map. The map now shows "
            "their change; yours is not saved. You can make your change again on top of theirs.",
            retry=True,
        )
        return
    except ValidationError as exc:
        memory.say("error", problem_sentence(exc))
        return
    except NetmapError as exc:
        memory.say("error", str(exc))
        return
    memory.pending = None
    memory.touched |= done.people
    if done.undo is None:
        memory.undo.clear()
    else:
        memory.undo = [*memory.undo, (done.message.rstrip("."), done.undo)][-_UNDO_DEPTH:]
    memory.say("success", done.message)


def perform_as_drawn(changes: MapChanges, memory: EditorMemory, change: Change | Undo | Retry) -> None:
    """``perform`` on the version of the record in the map as last drawn for this person: what they saw.

    For widgets outside the map's fragment (drawn before the map's latest edits): a change on top of
    the person's own edit is made, one on top of someone else's newer version is refused.
    """
    payload = memory.drawn[2] if memory.drawn is not None else {"nodes": [], "edges": []}
    if isinstance(change, Place):
        shown = next((n["version"] for n in payload["nodes"] if n["id"] == change.person), change.version)
        change = change.model_copy(update={"version": shown})
    elif isinstance(change, DrawTie | RemoveTie) and change.id is not None:
        shown = next((e["version"] for e in payload["edges"] if e["id"] == change.id), change.version)
        change = change.model_copy(update={"version": shown})
    perform(changes, memory, change)


def _undo(changes: MapChanges, memory: EditorMemory) -> None:
    if not memory.undo:
        memory.say("info", "There is nothing to undo.")
        return
    label, steps = memory.undo.pop()
    try:
        for step in steps:
            memory.touched |= changes.apply(step).people
    except ConflictError:
        memory.say(
            "error",
            f"Someone else changed the map after your change ({label}), so it was not undone. "
            "The map now shows their change.",
        )
        return
    except NetmapError as exc:
        memory.say("error", f"That change could not be undone: {exc}")
        return
    memory.say("success", f"Undone: {label}.")


def _on_edit(key: str, changes: MapChanges, memory: EditorMemory, editable: bool) -> None:
    raw = (st.session_state.get(key) or {}).get("edit")
    if raw is None:
        return
    if not editable:  # a read-only map sends no edits; anything that arrives anyway is not made
        memory.seq += 1
        memory.say("error", "This map cannot be changed here.")
        return
    try:
        change = parse_change(raw)
    except ValidationError as exc:
        memory.seq += 1
        memory.say("error", problem_sentence(exc))
        return
    perform(changes, memory, change)


def _stamp(network: Network, view: Perspective | None, filters: EcomapFilters | None) -> tuple[object, ...]:
    """Everything the drawn scene depends on: the view, the filters and every record's version."""
    return (
        view,
        filters.model_dump_json() if filters else None,
        date.today(),
        network.case.version,
        tuple((p.id, p.version) for p in network.people),
        tuple((m.id, m.version) for m in network.memberships),
        tuple((t.id, t.version) for t in network.ties),
    )


def drawn(
    network: Network, view: Perspective | None, filters: EcomapFilters | None = None, details: bool = False
) -> tuple[EcomapScene, dict[str, Any]]:
    """The scene of ``network`` in ``view`` and the editor's data for it, kept per case and version.

    A rerun that changed nothing on the map sends the same data, which the browser recognises and
    does not draw again.
    """
    memory = editor_memory(network.case.id, view)
    stamp = (*_stamp(network, view, filters), details)
    if memory.drawn is None or memory.drawn[0] != stamp:
        scene = editor_scene(network, view, filters, details)
        memory.drawn = (stamp, scene, scene_payload(network, scene, view))
    return memory.drawn[1], memory.drawn[2]


def ecomap_editor(
    actor: Actor,
    network: Network,
    *,
    view: Perspective | None,
    filters: EcomapFilters | None = None,
    editable: bool = True,
    key: str = "ecomap-editor",
) -> None:
    """Show ``network``'s ecomap in ``view``; editable (unless ``editable`` is False) when ``actor`` may
    change it in that view."""
    memory = editor_memory(network.case.id, view)
    editable = editable and may_edit(actor, view)
    _, scene = drawn(network, view, filters, allowed(actor, Action.RESTRICTED_READ))
    undo = memory.undo[-1][0] if memory.undo and editable else None
    data = {
        **scene,
        "seq": memory.seq,
        "notice": memory.notice,
        "undo": undo,
        "editable": editable,
        "label": f"Ecomap of {network.ego.display_name}'s network" + (", editable" if editable else ""),
    }
    changes = map_changes(actor, network.case.id, view)
    _component()(
        key=key,
        data=data,
        on_edit_change=functools.partial(_on_edit, key, changes, memory, editable),
    )
