"""The ecomap laid out: filters, people on concentric rings and sector wedges, Hartman ties, placed labels.

:func:`build_scene` is the one layout every ecomap renderer and the map editor draw from.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import replace
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from netmap.models import (
    DiscoveryStatus,
    MapPoint,
    Membership,
    Network,
    Person,
    PersonKind,
    Perspective,
    Sector,
    SupportDomain,
    Tie,
    Valence,
)
from netmap.planning.history import network_as_of
from netmap.planning.placeholders import is_placeholder
from netmap.renderers.ecomap_geometry import (
    EDGE_LABEL_FONT,
    EGO_LABEL_FONT,
    LABEL_FONT,
    NOTE_FONT,
    RING_FONT,
    RING_GAP,
    RINGS,
    SECTOR_ORDER,
    arc_points,
    curve_point,
    map_point_xy,
    ring_at,
    ring_band,
    ring_extent,
    ring_number_point,
    sector_at,
    sector_name,
    sector_span,
    symbol_size,
    trimmed,
)
from netmap.renderers.ecomap_labels import PAD, ROW, BoxIndex, LabelRequest, place_label
from netmap.renderers.ecomap_marks import node_extent
from netmap.renderers.ecomap_notation import (
    LEAD_STATUSES,
    TENUOUS_DASHES,
    arrows,
    node_title,
    restriction_lines,
    tie_style,
    tie_title,
)
from netmap.renderers.ecomap_scene import BackdropText, Box, EcomapEdge, EcomapNode, EcomapScene
from netmap.renderers.palette import EGO_FILL, SECTOR_COLOURS, VALENCE_COLOURS
from netmap.renderers.text_metrics import text_width
from netmap.renderers.words import STRENGTH_WORDS, name_not_known, words

__all__ = [
    "RINGS",
    "RING_GAP",
    "SECTOR_COLOURS",
    "SECTOR_LABELS",
    "SECTOR_ORDER",
    "STRENGTH_WORDS",
    "TENUOUS_DASHES",
    "VALENCE_COLOURS",
    "EcomapEdge",
    "EcomapFilters",
    "EcomapNode",
    "EcomapScene",
    "build_scene",
    "map_point_xy",
    "ring_at",
    "ring_band",
    "ring_extent",
    "sector_at",
    "sector_span",
]

SECTOR_LABELS = {sector: words(sector) for sector in SECTOR_ORDER}  # the names drawn on the map


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


def build_scene(
    network: Network,
    *,
    perspective: Perspective | None = None,
    filters: EcomapFilters | None = None,
    restriction_details: bool = False,
) -> EcomapScene:
    """Filter ``network`` and lay it out: the young person at (0, 0), members on rings and wedges.

    ``perspective``, when given, overrides ``filters.perspective``. Only names, roles, sectors,
    rings, statuses and agencies are used: restricted fields never reach the picture. A person under
    a restriction carries a marker; what the restriction is (its kind, whom it concerns, until when)
    is shown only when ``restriction_details`` is true, for readers allowed to see restrictions.
    Placeholders for hidden relatives belong to the genogram and are left out.
    """
    filters = filters or EcomapFilters()
    view = perspective or filters.perspective
    as_of = filters.as_of or date.today()
    if as_of < date.today():
        network = network_as_of(network, as_of)  # only who was recorded by then
    scene = EcomapScene(
        title=network.case.title, as_of=as_of, perspective=view, restriction_details=restriction_details
    )
    ego_id = network.case.ego_id
    people = {p.id: p for p in network.people}
    if ego_id in people:
        scene.nodes.append(_node(network, people[ego_id], None, 0, (0.0, 0.0), restriction_details, as_of))
    for person, sector, ring, point in _place_members(network, filters, view):
        scene.nodes.append(_node(network, person, sector, ring, point, restriction_details, as_of))
    shown = {n.id: n for n in scene.nodes}
    ties = [t for t in network.ties if {t.from_id, t.to_id} <= set(shown) and _keep(t, filters, view, as_of)]
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
            scene.edges.append(_edge(tie, ego_id, names, curve, shown[tie.from_id], shown[tie.to_id]))
    scene.backdrop_text = _backdrop_text()
    _place_labels(scene)
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


def _placement(
    person: Person, membership: Membership | None, view: Perspective | None
) -> tuple[Sector, int, MapPoint | None]:
    """Sector, ring and hand-placed point in ``view``: the young person's own placement where they made one."""
    if membership is None:
        return (*_default_place(person), None)
    own = membership.young_person_place
    if view is Perspective.YOUNG_PERSON and own is not None:
        return own.sector, own.ring, own.point
    return membership.sector, membership.ring, membership.map_point


def _place_members(
    network: Network, filters: EcomapFilters, view: Perspective | None
) -> list[tuple[Person, Sector, int, tuple[float, float]]]:
    groups: dict[tuple[Sector, int], list[tuple[Person, MapPoint | None]]] = defaultdict(list)
    for person in network.people:
        if person.id == network.case.ego_id or is_placeholder(person.id):
            continue
        sector, ring, point = _placement(person, network.membership(person.id), view)
        if filters.sectors and sector not in filters.sectors:
            continue
        # a point left behind by a change of ring or sector made elsewhere no longer says where they are
        if point is not None and (sector_at(point.angle) is not sector or ring_at(point.distance) != ring):
            point = None
        groups[(sector, ring)].append((person, point))
    placed = []
    for (sector, ring), members in sorted(
        groups.items(), key=lambda g: (SECTOR_ORDER.index(g[0][0]), g[0][1])
    ):
        members.sort(key=lambda item: (item[0].display_name.casefold(), item[0].id))
        spread = iter(arc_points(sector, ring, sum(point is None for _, point in members)))
        for person, point in members:
            placed.append((person, sector, ring, next(spread) if point is None else map_point_xy(point)))
    return placed


def _node(
    network: Network,
    person: Person,
    sector: Sector | None,
    ring: int,
    point: tuple[float, float],
    restriction_details: bool,
    as_of: date,
) -> EcomapNode:
    is_ego = sector is None
    membership = network.membership(person.id)
    status = membership.status if membership else None
    restriction = restriction_lines(network, membership, details=restriction_details, today=as_of)
    unknown = name_not_known(person)
    if is_ego:
        title = f"{person.display_name}\nThe young person" + "".join(f"\n{line}" for line in restriction)
    else:
        title = node_title(person, membership, ring, restriction, unknown)
    return EcomapNode(
        person.id,
        person.display_name,
        title,
        round(point[0], 1),
        round(point[1], 1),
        EGO_FILL if sector is None else SECTOR_COLOURS[sector],
        is_ego=is_ego,
        is_service=person.kind is PersonKind.SERVICE,
        sector=sector,
        ring=ring,
        size=float(symbol_size(is_ego)),
        deceased=person.deceased or status is DiscoveryStatus.DECEASED,
        name_unknown=unknown,
        restricted=bool(restriction),
        lead=status in LEAD_STATUSES,
        note=words(status) if status and status is not DiscoveryStatus.DECEASED else "",
        label_size=float(EGO_LABEL_FONT if is_ego else LABEL_FONT),
        note_size=float(NOTE_FONT),
    )


def _edge(
    tie: Tie, ego_id: str, names: dict[str, str], curve: int, a: EcomapNode, b: EcomapNode
) -> EcomapEdge:
    style, width = tie_style(tie)
    at_source, at_target = arrows(tie, ego_id)
    start, control, end = trimmed((a.x, a.y), (b.x, b.y), curve, a.size + 2, b.size + 2)
    return EcomapEdge(
        id=tie.id,
        source=tie.from_id,
        target=tie.to_id,
        valence=tie.valence,
        strength=tie.strength,
        width=width,
        colour=style.colour,
        dashes=style.dashes,
        arrow_at_source=at_source,
        arrow_at_target=at_target,
        label="harmful" if tie.valence is Valence.HARMFUL else "",
        title=tie_title(tie, names),
        curve=curve,
        pattern=style.pattern,
        start=start,
        end=end,
        control=control,
        label_size=float(EDGE_LABEL_FONT),
    )


def _backdrop_text() -> list[BackdropText]:
    """Sector names centred just outside their wedges; ring numbers in round badges on their rings."""
    texts = [sector_name(sector) for sector in SECTOR_ORDER]
    for ring in range(1, RINGS + 1):
        x, y = ring_number_point(ring)
        radius = RING_FONT * 0.8
        baseline = y + RING_FONT * 0.36  # digits are about 0.72 em high
        box = Box(x - radius, y - radius, x + radius, y + radius)
        texts.append(BackdropText("ring", str(ring), x, baseline, RING_FONT, box))
    return texts


def _place_labels(scene: EcomapScene) -> None:
    """Give every node and every labelled tie a label position where it overlaps nothing else."""
    taken = BoxIndex([text.box for text in scene.backdrop_text])
    for node in scene.nodes:
        taken.add(node_extent(node))
    order = sorted(scene.nodes, key=lambda n: (not n.is_ego, n.ring, math.atan2(n.y, n.x), n.id))
    placed = {}
    for node in order:
        request = LabelRequest(
            node.x, node.y, node.size, node.label, node.note, node.label_size, node.note_size, node.is_ego
        )
        label = place_label(request, taken)
        placed[node.id] = replace(
            node,
            label_lines=label.lines,
            label_x=round(label.x, 1),
            label_y=round(label.y, 1),
            label_box=label.box,
            abbreviated=label.abbreviated,
            leader=label.leader,
        )
    scene.nodes = [placed[n.id] for n in scene.nodes]
    scene.edges = [_edge_label(edge, taken) for edge in scene.edges]


def _edge_label(edge: EcomapEdge, taken: BoxIndex) -> EcomapEdge:
    """The tie's label at the first clear point near the middle of its line, or none if there is none."""
    if not edge.label:
        return edge
    size = edge.label_size
    width, height = text_width(edge.label, size, bold=True), ROW * size
    for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        x, y = curve_point(edge.start, edge.control, edge.end, t)
        box = Box(x - width / 2 - PAD, y - height / 2 - PAD, x + width / 2 + PAD, y + height / 2 + PAD)
        if taken.clear(box):
            taken.add(box)
            return replace(edge, label_x=round(x, 1), label_y=round(y - height / 2, 1), label_box=box)
    return replace(edge, label="")
