"""The ecomap as a picture: filters, the concentric ring/sector layout and Hartman line styles."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from netmap.models import (
    Membership,
    Network,
    Person,
    PersonKind,
    Perspective,
    Sector,
    SupportDirection,
    SupportDomain,
    Tie,
    Valence,
)

__all__ = [
    "RINGS",
    "RING_GAP",
    "SECTOR_COLOURS",
    "SECTOR_LABELS",
    "SECTOR_ORDER",
    "STRESSFUL_DASHES",
    "TENUOUS_DASHES",
    "VALENCE_COLOURS",
    "EcomapEdge",
    "EcomapFilters",
    "EcomapNode",
    "EcomapScene",
    "build_scene",
    "ring_band",
    "ring_extent",
    "sector_span",
]

RING_GAP = 160.0
RINGS = 4
# room beyond the outer ring for the sector names, so the first view shows every wedge and its name
LABEL_ROOM = 70.0
SECTOR_ORDER: tuple[Sector, ...] = (
    Sector.FAMILY,
    Sector.FRIENDS,
    Sector.PEERS_COMMUNITY,
    Sector.PROFESSIONALS,
    Sector.SERVICES,
)
SECTOR_LABELS = {
    Sector.FAMILY: "Family",
    Sector.FRIENDS: "Friends",
    Sector.PEERS_COMMUNITY: "Peers & community",
    Sector.PROFESSIONALS: "Professionals",
    Sector.SERVICES: "Services",
}
# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
SECTOR_COLOURS = {
    Sector.FAMILY: "#E69F00",
    Sector.FRIENDS: "#56B4E9",
    Sector.PEERS_COMMUNITY: "#009E73",
    Sector.PROFESSIONALS: "#0072B2",
    Sector.SERVICES: "#CC79A7",
}
EGO_COLOUR = "#F0E442"
VALENCE_COLOURS = {
    Valence.POSITIVE: "#3a3a3a",
    Valence.MIXED: "#7570b3",
    Valence.STRESSFUL: "#d55e00",
    Valence.HARMFUL: "#c00000",
}
STRENGTH_WIDTHS = {1: 1.5, 2: 3.0, 3: 6.0}
HARMFUL_WIDTH = 7.0
TENUOUS_DASHES = (8, 6)
STRESSFUL_DASHES = (2, 2)
STRENGTH_WORDS = {1: "tenuous", 2: "moderate", 3: "strong"}
_SECTOR_SPAN = 360.0 / len(SECTOR_ORDER)
_START = -90.0 - _SECTOR_SPAN / 2  # the family wedge is centred at the top
_MARGIN = 6.0  # degrees kept clear at each wedge edge
_MIN_SPACING = 70.0
_MAX_ROWS = 3


class EcomapFilters(BaseModel):
    """What to show; an empty set means "all". A tie whose ``until`` is before ``as_of`` is dropped.

    >>> EcomapFilters(sectors=["family"]).sectors == {Sector.FAMILY}
    True
    """

    model_config = ConfigDict(extra="forbid")
    sectors: set[Sector] = Field(default_factory=set)
    domains: set[SupportDomain] = Field(default_factory=set)
    valences: set[Valence] = Field(default_factory=set)
    perspective: Perspective | None = None
    as_of: date | None = None


@dataclass(frozen=True)
class EcomapNode:
    id: str
    label: str
    title: str
    x: float
    y: float
    colour: str
    is_ego: bool = False
    is_service: bool = False
    sector: Sector | None = None
    ring: int = 0


@dataclass(frozen=True)
class EcomapEdge:
    id: str
    source: str
    target: str
    valence: Valence
    strength: int
    width: float
    colour: str
    dashes: tuple[int, ...] | None
    arrow_at_source: bool
    arrow_at_target: bool
    label: str
    title: str
    curve: int = 0  # 0 straight; ±k bends the k-th of several ties between the same two people


@dataclass
class EcomapScene:
    title: str
    as_of: date
    perspective: Perspective | None
    nodes: list[EcomapNode] = field(default_factory=list)
    edges: list[EcomapEdge] = field(default_factory=list)

    def node(self, node_id: str) -> EcomapNode:
        return next(n for n in self.nodes if n.id == node_id)


def ring_band(ring: int) -> tuple[float, float]:
    """The radii between which members of ``ring`` are placed.

    >>> ring_band(1)
    (80.0, 240.0)
    """
    return ring * RING_GAP - RING_GAP / 2, ring * RING_GAP + RING_GAP / 2


def ring_extent() -> dict[str, float]:
    """The part of the plane the first view must show: the outer ring and the sector names around it.

    >>> ring_extent()["right"] == (RINGS + 0.5) * RING_GAP + LABEL_ROOM
    True
    """
    outer = (RINGS + 0.5) * RING_GAP
    # no sector name sits below the centre (the bottom is the professionals/peers boundary)
    return {
        "left": -outer - LABEL_ROOM,
        "right": outer + LABEL_ROOM,
        "top": -outer - LABEL_ROOM,
        "bottom": outer + 10,
    }


def sector_span(sector: Sector) -> tuple[float, float]:
    """Start and end angle of ``sector``'s wedge in degrees (screen coordinates, clockwise).

    >>> sector_span(Sector.FAMILY)
    (-126.0, -54.0)
    """
    start = _START + SECTOR_ORDER.index(sector) * _SECTOR_SPAN
    return start, start + _SECTOR_SPAN


def build_scene(
    network: Network,
    *,
    perspective: Perspective | None = None,
    filters: EcomapFilters | None = None,
) -> EcomapScene:
    """Filter ``network`` and lay it out: the young person at (0, 0), members on rings and wedges.

    ``perspective``, when given, overrides ``filters.perspective``. Only names, roles, sectors,
    rings, statuses and agencies are used: restricted fields never reach the picture.
    """
    filters = filters or EcomapFilters()
    view = perspective or filters.perspective
    as_of = filters.as_of or date.today()
    scene = EcomapScene(title=network.case.title, as_of=as_of, perspective=view)
    ego_id = network.case.ego_id
    placed = _place_members(network, filters)
    people = {p.id: p for p in network.people}
    if ego_id in people:
        ego = people[ego_id]
        scene.nodes.append(
            EcomapNode(
                ego.id,
                ego.display_name,
                f"{ego.display_name}\nThe young person",
                0.0,
                0.0,
                EGO_COLOUR,
                is_ego=True,
                is_service=ego.kind is PersonKind.SERVICE,
            )
        )
    for person, sector, ring, (x, y) in placed:
        membership = network.membership(person.id)
        scene.nodes.append(
            EcomapNode(
                person.id,
                person.display_name,
                _node_title(person, membership, sector, ring),
                round(x, 1),
                round(y, 1),
                SECTOR_COLOURS[sector],
                is_service=person.kind is PersonKind.SERVICE,
                sector=sector,
                ring=ring,
            )
        )
    shown = {n.id for n in scene.nodes}
    ties = [t for t in network.ties if {t.from_id, t.to_id} <= shown and _keep(t, filters, view, as_of)]
    ties.sort(key=lambda t: (min(t.from_id, t.to_id), max(t.from_id, t.to_id), t.perspective.value, t.id))
    by_pair: dict[frozenset[str], list[Tie]] = defaultdict(list)
    for tie in ties:
        by_pair[frozenset((tie.from_id, tie.to_id))].append(tie)
    names = {n.id: n.label for n in scene.nodes}
    for pair_ties in by_pair.values():
        for i, tie in enumerate(pair_ties):
            # a lone tie is drawn straight; several between the same two people fan out
            curve = 0 if len(pair_ties) == 1 else (i // 2 + 1) * (1 if i % 2 == 0 else -1)
            if tie.from_id > tie.to_id:
                curve = -curve  # curves bend relative to from→to; fan out from one fixed side
            scene.edges.append(_edge(tie, ego_id, names, curve))
    return scene


def _keep(tie: Tie, filters: EcomapFilters, view: Perspective | None, as_of: date) -> bool:
    if view is not None and tie.perspective is not view:
        return False
    if filters.valences and tie.valence not in filters.valences:
        return False
    if filters.domains and not filters.domains.intersection(tie.domains):
        return False
    if tie.until is not None and tie.until < as_of:
        return False
    return tie.since is None or tie.since <= as_of


def _default_place(person: Person) -> tuple[Sector, int]:
    return (Sector.SERVICES if person.kind is PersonKind.SERVICE else Sector.PEERS_COMMUNITY), RINGS


def _place_members(
    network: Network, filters: EcomapFilters
) -> list[tuple[Person, Sector, int, tuple[float, float]]]:
    groups: dict[tuple[Sector, int], list[Person]] = defaultdict(list)
    for person in network.people:
        if person.id == network.case.ego_id:
            continue
        membership = network.membership(person.id)
        sector, ring = (membership.sector, membership.ring) if membership else _default_place(person)
        if filters.sectors and sector not in filters.sectors:
            continue
        groups[(sector, ring)].append(person)
    placed = []
    for (sector, ring), members in sorted(groups.items(), key=_group_order):
        members.sort(key=lambda p: (p.display_name.casefold(), p.id))
        for person, point in zip(members, _arc_points(sector, ring, len(members)), strict=True):
            placed.append((person, sector, ring, point))
    return placed


def _group_order(item: tuple[tuple[Sector, int], list[Person]]) -> tuple[int, int]:
    (sector, ring), _ = item
    return SECTOR_ORDER.index(sector), ring


def _arc_points(sector: Sector, ring: int, count: int) -> list[tuple[float, float]]:
    """``count`` points spread across the wedge; crowded arcs zig-zag between up to three radii."""
    start, end = sector_span(sector)
    start, end = start + _MARGIN, end - _MARGIN
    radius = ring * RING_GAP
    arc_length = math.radians(end - start) * radius
    rows = min(_MAX_ROWS, max(1, math.ceil(count * _MIN_SPACING / arc_length)))
    offsets = [0.0] if rows == 1 else [(-0.3 + 0.6 * i / (rows - 1)) * RING_GAP for i in range(rows)]
    points = []
    for i in range(count):
        # odd and even rings are offset by a quarter step so ties to the centre do not run through people
        stagger = 0.25 if ring % 2 else -0.25
        angle = math.radians(start + (end - start) * (i + 0.5 + stagger) / count)
        r = radius + offsets[i % rows]
        points.append((r * math.cos(angle), r * math.sin(angle)))
    return points


def _node_title(person: Person, membership: Membership | None, sector: Sector, ring: int) -> str:
    lines = [person.display_name]
    if person.known_as and person.known_as != person.name:
        lines.append(f"({person.name})")
    if membership and membership.restrictions:
        lines.append("Some details are withheld.")
        return "\n".join(lines)
    if membership and membership.role_label:
        lines.append(membership.role_label)
    if person.agency:
        lines.append(person.agency)
    lines.append(f"{SECTOR_LABELS[sector]}, ring {ring}")
    if membership and membership.status:
        lines.append(f"Status: {membership.status.value.replace('_', ' ')}")
    return "\n".join(lines)


def _arrows(tie: Tie, ego_id: str) -> tuple[bool, bool]:
    """(arrow at from_id, arrow at to_id). Between two members, "to ego" reads "towards to_id"."""
    towards_to = tie.direction in (SupportDirection.TO_EGO, SupportDirection.BOTH)
    towards_from = tie.direction in (SupportDirection.FROM_EGO, SupportDirection.BOTH)
    if tie.from_id == ego_id and tie.direction in (SupportDirection.TO_EGO, SupportDirection.FROM_EGO):
        towards_to, towards_from = towards_from, towards_to
    return towards_from, towards_to


def _edge(tie: Tie, ego_id: str, names: dict[str, str], curve: int) -> EcomapEdge:
    harmful = tie.valence is Valence.HARMFUL
    if tie.valence is Valence.STRESSFUL:
        dashes: tuple[int, ...] | None = STRESSFUL_DASHES
    elif tie.strength == 1 and not harmful:
        dashes = TENUOUS_DASHES
    else:
        dashes = None
    at_source, at_target = _arrows(tie, ego_id)
    lines = [
        f"{names[tie.from_id]} – {names[tie.to_id]}",
        f"{tie.valence.value}, {STRENGTH_WORDS[tie.strength]}",
        f"View: {tie.perspective.value.replace('_', ' ')}",
    ]
    if tie.direction is not SupportDirection.NONE:
        lines.append(f"Support: {tie.direction.value.replace('_', ' ')}")
    if tie.domains:
        lines.append("Domains: " + ", ".join(d.value.replace("_", " ") for d in tie.domains))
    if tie.frequency:
        lines.append(f"Contact: {tie.frequency.value.replace('_', ' ')}")
    if tie.since or tie.until:
        lines.append(f"{tie.since or '…'} to {tie.until or 'now'}")
    if tie.notes:
        lines.append(tie.notes[:300])
    return EcomapEdge(
        id=tie.id,
        source=tie.from_id,
        target=tie.to_id,
        valence=tie.valence,
        strength=tie.strength,
        width=HARMFUL_WIDTH if harmful else STRENGTH_WIDTHS[tie.strength],
        colour=VALENCE_COLOURS[tie.valence],
        dashes=dashes,
        arrow_at_source=at_source,
        arrow_at_target=at_target,
        label="harmful" if harmful else "",
        title="\n".join(lines),
        curve=curve,
    )
