"""What the ecomap editor draws, as JSON: the laid-out scene with record versions, the geometry and the words.

The layout is the renderers' (``build_scene``); this module adds what editing needs: each
membership's and tie's version, the flow of support in the editor's terms, the ring and sector
geometry for turning a drop point into a place, and the words of the view being edited.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from netmap.models import Network, Perspective, Sector, SupportDomain, Tie, Valence
from netmap.renderers.ecomap_geometry import ring_number_point
from netmap.renderers.ecomap_layout import (
    RING_GAP,
    RINGS,
    SECTOR_COLOURS,
    SECTOR_LABELS,
    SECTOR_ORDER,
    STRENGTH_WORDS,
    EcomapFilters,
    EcomapNode,
    EcomapScene,
    build_scene,
    ring_extent,
    sector_span,
)
from netmap.renderers.ecomap_legend import legend_entries
from netmap.renderers.ecomap_style import VIEW_WORDS
from netmap.views.components.map_changes import flow_of

__all__ = [
    "VALENCE_WORDS",
    "ViewWords",
    "editor_scene",
    "flow_words",
    "map_description",
    "scene_payload",
    "view_words",
]

VALENCE_WORDS = {
    Valence.POSITIVE: "Positive",
    Valence.MIXED: "Mixed",
    Valence.STRESSFUL: "Stressful",
    Valence.HARMFUL: "Harmful",
}
# the young person's own words for the same scales (as on My map)
_OWN_STRENGTH = {1: "Not close", 2: "Quite close", 3: "Really close"}
_OWN_VALENCE = {
    Valence.POSITIVE: "Good for me",
    Valence.MIXED: "Mixed: good and bad",
    Valence.STRESSFUL: "Stresses me out",
    Valence.HARMFUL: "Harmful: it hurts me",
}
_DOMAIN_WORDS = {
    SupportDomain.EMOTIONAL: "Feelings",
    SupportDomain.PRACTICAL: "Everyday things",
    SupportDomain.HOUSING: "Somewhere to live",
    SupportDomain.MONEY: "Money",
    SupportDomain.EDUCATION_WORK: "School, college or work",
    SupportDomain.HEALTH: "Health",
    SupportDomain.ADVICE: "Advice",
    SupportDomain.LEISURE: "Fun and free time",
}


@dataclass(frozen=True)
class ViewWords:
    """The words of the scales in one view: the young person's own words in theirs."""

    view: str
    strength: dict[int, str]
    valence: dict[Valence, str]
    domains: dict[SupportDomain, str]


def view_words(view: Perspective | None) -> ViewWords:
    """
    >>> view_words(Perspective.YOUNG_PERSON).strength[3]
    'Really close'
    """
    own = view is Perspective.YOUNG_PERSON
    return ViewWords(
        view=VIEW_WORDS[view],
        strength=_OWN_STRENGTH if own else {k: v.capitalize() for k, v in STRENGTH_WORDS.items()},
        valence=_OWN_VALENCE if own else VALENCE_WORDS,
        domains=_DOMAIN_WORDS,
    )


def flow_words(flow: str, a: str, b: str) -> str:
    """Which way support flows between ``a`` and ``b``, in words.

    >>> flow_words("b_to_a", "JJ", "Nan")
    'Nan supports JJ'
    """
    return {
        "a_to_b": f"{a} supports {b}",
        "b_to_a": f"{b} supports {a}",
        "both": "Both ways",
        "none": "Neither, or not known",
    }[flow]


def editor_scene(
    network: Network, view: Perspective | None, filters: EcomapFilters | None, details: bool = False
) -> EcomapScene:
    """The scene the editor shows: the view chooses both the ties and where people are placed;
    ``details`` says what a restriction is, for readers allowed to see it (everyone sees its mark)."""
    return build_scene(network, perspective=view, filters=filters, restriction_details=details)


def map_description(scene: EcomapScene) -> str:
    """One or two sentences saying what the map holds, for its accessible description."""
    ego = next((n.label for n in scene.nodes if n.is_ego), "the young person")
    sectors = {n.sector for n in scene.nodes if n.sector is not None}
    people = len(scene.nodes) - 1 if any(n.is_ego for n in scene.nodes) else len(scene.nodes)
    return (
        f"Ecomap of {ego}'s network, {VIEW_WORDS[scene.perspective].lower()}, as of "
        f"{scene.as_of.day} {scene.as_of:%B %Y}: {people} people and services in {len(sectors)} "
        f"sectors and {len(scene.edges)} relationships. Ring 1 is the closest. "
        "Everyone on the map is also listed in words below it."
    )


def _by_sector_and_name(node: EcomapNode) -> tuple[int, str]:
    return SECTOR_ORDER.index(node.sector) if node.sector else -1, node.label.casefold()


def _tie_words(tie: Tie, names: dict[str, str], words: ViewWords, ego_id: str) -> str:
    flow = flow_of(tie, ego_id)
    support = flow_words(flow, names[tie.from_id], names[tie.to_id])
    if flow in ("both", "none"):
        support = support[0].lower() + support[1:]
    kinds = f"; help with {', '.join(words.domains[d].lower() for d in tie.domains)}" if tie.domains else ""
    return (
        f"{names[tie.from_id]} and {names[tie.to_id]}: {words.strength[tie.strength].lower()}, "
        f"{words.valence[tie.valence].lower()}; support: {support}{kinds}."
    )


def _about(node: EcomapNode) -> list[str]:
    marks = (
        (node.deceased, "has died"),
        (node.name_unknown, "name not known yet"),
        (node.restricted, "a restriction applies"),
    )
    return [SECTOR_LABELS[node.sector] if node.sector else "", *(words for on, words in marks if on)]


def map_in_words(network: Network, scene: EcomapScene) -> list[str]:
    """The map as plain sentences: who is in each ring and sector, then each relationship shown."""
    names = {n.id: n.label for n in scene.nodes}
    words = view_words(scene.perspective)
    lines = []
    for ring in range(1, RINGS + 1):
        people = sorted((n for n in scene.nodes if n.ring == ring and not n.is_ego), key=_by_sector_and_name)
        if people:
            listed = "; ".join(f"{n.label} ({', '.join(_about(n))})" for n in people if n.sector)
            lines.append(f"Ring {ring}{' (closest)' if ring == 1 else ''}: {listed}.")
    ties = {t.id: t for t in network.ties}
    lines.extend(_tie_words(ties[e.id], names, words, network.case.ego_id) for e in scene.edges)
    return lines


def _words(view: Perspective | None) -> dict[str, Any]:
    words = view_words(view)
    return {
        "strength": [[k, words.strength[k]] for k in (1, 2, 3)],
        "valence": [[v.value, words.valence[v]] for v in Valence],
        "domains": [[d.value, words.domains[d]] for d in SupportDomain],
        # the browser fills {a} and {b} in with names as text, never as markup
        "flow": [[flow, flow_words(flow, "{a}", "{b}")] for flow in ("a_to_b", "b_to_a", "both", "none")],
        "view": words.view,
    }


def _geometry() -> dict[str, Any]:
    return {
        "ringGap": RING_GAP,
        "rings": RINGS,
        "extent": ring_extent(),
        "ringNumberAngle": math.degrees(math.atan2(*reversed(ring_number_point(1)))),
        "sectors": [
            {
                "id": sector.value,
                "label": SECTOR_LABELS[sector],
                "colour": SECTOR_COLOURS[sector],
                "start": sector_span(sector)[0],
                "end": sector_span(sector)[1],
            }
            for sector in SECTOR_ORDER
        ],
    }


def _legend(scene: EcomapScene) -> list[list[Any]]:
    """The legend of netmap's pictures: sections of (caption, SVG sample made from constants only)."""
    return [[heading, [[e.caption, e.sample] for e in entries]] for heading, entries in legend_entries(scene)]


def scene_payload(network: Network, scene: EcomapScene, view: Perspective | None) -> dict[str, Any]:
    """The editor's data for ``scene`` of ``network``: everything but what changes with each edit's message."""
    ego_id = network.case.ego_id
    versions = {m.person_id: m.version for m in network.memberships}
    ties = {t.id: t for t in network.ties}
    nodes = [
        {
            "id": node.id,
            "label": node.label,
            "title": node.title,
            "x": node.x,
            "y": node.y,
            "colour": node.colour,
            "ego": node.is_ego,
            "service": node.is_service,
            "sector": node.sector.value if isinstance(node.sector, Sector) else None,
            "ring": node.ring,
            "deceased": node.deceased,
            "unknown": node.name_unknown,
            "restricted": node.restricted,
            "lead": node.lead,
            "note": node.note,
            "version": versions.get(node.id, 0),
        }
        for node in scene.nodes
    ]
    edges = [
        {
            "id": edge.id,
            "source": edge.source,
            "target": edge.target,
            "colour": edge.colour,
            "width": edge.width,
            "dashes": list(edge.dashes or ()),
            "arrowSource": edge.arrow_at_source,
            "arrowTarget": edge.arrow_at_target,
            "curve": edge.curve,
            "pattern": edge.pattern,
            "label": edge.label,
            "title": edge.title,
            "strength": edge.strength,
            "valence": edge.valence.value,
            "flow": flow_of(ties[edge.id], ego_id),
            "domains": [d.value for d in ties[edge.id].domains],
            "perspective": ties[edge.id].perspective.value,
            "version": ties[edge.id].version,
        }
        for edge in scene.edges
    ]
    return {
        "caseId": network.case.id,
        "egoId": ego_id,
        "asOf": f"{scene.as_of.day} {scene.as_of:%B %Y}",
        "view": view.value if view else None,
        "tiePerspective": (view or Perspective.PRACTITIONER).value,
        "description": map_description(scene),
        "geometry": _geometry(),
        "words": _words(view),
        "legend": _legend(scene),
        "inWords": map_in_words(network, scene),
        "nodes": nodes,
        "edges": edges,
    }
