"""Changes made on the ecomap editor, applied through the real services on a SQLite store of the samples.

The browser tests drive the same code from Chromium; these check every rule of it directly: the two
views kept apart, the flow of support, undo, a stale version refused and then made on purpose.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from netmap.bootstrap import Services
from netmap.models import (
    MapPlace,
    MapPoint,
    Membership,
    Perspective,
    Sector,
    SupportDirection,
    SupportDomain,
    Tie,
    Valence,
)
from netmap.renderers.ecomap_layout import RING_GAP, build_scene, map_point_xy
from netmap.services.access import Actor
from netmap.views.components.ecomap_editor import EditorMemory, may_edit, perform
from netmap.views.components.map_changes import (
    AddPerson,
    DrawTie,
    MapChanges,
    Place,
    RemoveTie,
    Retry,
    Undo,
    parse_change,
)

CASE = "c-always-hope"
EGO = "p-ah-jordan"
LINDA = "p-ah-linda"  # family, ring 4, no young person's view of her


def _member(services: Services, person_id: str) -> Membership:
    membership = services.store.get(Membership, f"{CASE}|{person_id}")
    assert membership is not None
    return membership


def _changes(services: Services, actor: Actor, view: Perspective | None) -> MapChanges:
    return MapChanges(services, actor, CASE, view)


def test_a_drop_in_the_practitioners_view_stores_sector_ring_and_point(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    coordinator = demo_actors["coordinator"]
    before = _member(sample_services, LINDA)
    memory = EditorMemory()
    # dropped at 80 degrees (peers & community), just outside ring 1
    perform(
        _changes(sample_services, coordinator, None),
        memory,
        Place(person=LINDA, version=before.version, angle=80, distance=1.2),
    )
    after = _member(sample_services, LINDA)
    assert (after.sector, after.ring, after.map_point) == (
        Sector.PEERS_COMMUNITY,
        1,
        MapPoint(angle=80, distance=1.2),
    )
    assert after.young_person_place is None and after.version == before.version + 1
    assert memory.notice == {
        "level": "success",
        "text": "Linda Okafor is now in ring 1, Peers & community.",
        "retry": False,
    }
    scene = build_scene(sample_services.store.get_network(CASE))
    node = scene.node(LINDA)
    assert (node.x, node.y) == map_point_xy(MapPoint(angle=80, distance=1.2)), (
        "the person stays where they were put"
    )


def test_the_young_persons_placement_is_their_own(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    jordan = demo_actors["jordan"]
    before = _member(sample_services, LINDA)
    memory = EditorMemory()
    perform(
        _changes(sample_services, jordan, Perspective.YOUNG_PERSON),
        memory,
        Place(person=LINDA, version=before.version, angle=-100, distance=1.0),
    )
    after = _member(sample_services, LINDA)
    assert after.young_person_place == MapPlace(
        sector=Sector.FAMILY, ring=1, point=MapPoint(angle=-100, distance=1.0)
    )
    assert (after.sector, after.ring, after.map_point) == (before.sector, before.ring, before.map_point)
    network = sample_services.store.get_network(CASE)
    theirs = build_scene(network, perspective=Perspective.YOUNG_PERSON).node(LINDA)
    ours = build_scene(network, perspective=Perspective.PRACTITIONER).node(LINDA)
    assert theirs.ring == 1 and ours.ring == 4
    assert round((theirs.x**2 + theirs.y**2) ** 0.5) == RING_GAP


def test_a_young_person_cannot_edit_the_practitioners_view(demo_actors: dict[str, Actor]) -> None:
    jordan = demo_actors["jordan"]
    assert may_edit(jordan, Perspective.YOUNG_PERSON)
    assert not may_edit(jordan, Perspective.PRACTITIONER) and not may_edit(jordan, None)
    assert not may_edit(demo_actors["viewer"], None)
    assert may_edit(demo_actors["practitioner"], Perspective.YOUNG_PERSON)


def test_moving_in_or_out_keeps_the_chosen_angle(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    changes = _changes(sample_services, demo_actors["coordinator"], None)
    memory = EditorMemory()
    perform(
        changes,
        memory,
        Place(person=LINDA, version=_member(sample_services, LINDA).version, angle=-70, distance=3.9),
    )
    perform(changes, memory, Place(person=LINDA, version=_member(sample_services, LINDA).version, ring=2))
    after = _member(sample_services, LINDA)
    assert (after.sector, after.ring, after.map_point) == (Sector.FAMILY, 2, MapPoint(angle=-70, distance=2))


def test_a_relationship_drawn_in_the_young_persons_view_is_theirs(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    memory = EditorMemory()
    # drawn from Linda to Jordan: stored from Jordan, with the support still flowing from Linda to him
    change = DrawTie(
        a=LINDA, b=EGO, strength=3, valence=Valence.POSITIVE, flow="a_to_b", domains=[SupportDomain.MONEY]
    )
    perform(_changes(sample_services, demo_actors["jordan"], Perspective.YOUNG_PERSON), memory, change)
    (tie,) = [
        t
        for t in sample_services.store.list(Tie, case_id=CASE)
        if t.to_id == LINDA and t.perspective is Perspective.YOUNG_PERSON
    ]
    assert (tie.from_id, tie.strength, tie.valence, tie.direction, tie.domains, tie.source) == (
        EGO,
        3,
        Valence.POSITIVE,
        SupportDirection.TO_EGO,
        [SupportDomain.MONEY],
        "jordan",
    )
    practitioners = sample_services.store.get(Tie, "t-ah-linda")
    assert practitioners is not None and practitioners.perspective is Perspective.PRACTITIONER


def test_a_relationship_between_two_members_and_its_change(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    changes = _changes(sample_services, demo_actors["coordinator"], Perspective.PRACTITIONER)
    memory = EditorMemory()
    perform(
        changes,
        memory,
        DrawTie(a="p-ah-reece", b="p-ah-marcus", strength=1, valence=Valence.STRESSFUL, flow="b_to_a"),
    )
    (tie,) = [
        t
        for t in sample_services.store.list(Tie, case_id=CASE)
        if {t.from_id, t.to_id} == {"p-ah-reece", "p-ah-marcus"}
    ]
    # between two members "to ego" means towards to_id: Marcus supports Reece
    assert (tie.from_id, tie.to_id, tie.direction, tie.perspective) == (
        "p-ah-reece",
        "p-ah-marcus",
        SupportDirection.FROM_EGO,
        Perspective.PRACTITIONER,
    )
    perform(
        changes,
        memory,
        DrawTie(
            a=tie.from_id,
            b=tie.to_id,
            id=tie.id,
            version=tie.version,
            strength=2,
            valence=Valence.MIXED,
            flow="both",
        ),
    )
    changed = sample_services.store.get(Tie, tie.id)
    assert changed is not None and (changed.strength, changed.valence, changed.direction) == (
        2,
        Valence.MIXED,
        SupportDirection.BOTH,
    )
    perform(changes, memory, RemoveTie(id=tie.id, version=changed.version))
    assert sample_services.store.get(Tie, tie.id) is None


def test_undo_restores_each_change_in_turn(sample_services: Services, demo_actors: dict[str, Actor]) -> None:
    changes = _changes(sample_services, demo_actors["coordinator"], None)
    memory = EditorMemory()
    first = _member(sample_services, LINDA)
    perform(changes, memory, Place(person=LINDA, version=first.version, ring=1))
    perform(changes, memory, DrawTie(a=LINDA, b="p-ah-reece", strength=2, valence=Valence.POSITIVE))
    perform(changes, memory, AddPerson(name="Auntie Bev", angle=-90, distance=2.0))
    assert len(memory.undo) == 3
    perform(changes, memory, Undo())
    assert not [p for p in sample_services.store.get_network(CASE).people if p.name == "Auntie Bev"]
    perform(changes, memory, Undo())
    assert not [
        t
        for t in sample_services.store.list(Tie, case_id=CASE)
        if {t.from_id, t.to_id} == {LINDA, "p-ah-reece"}
    ]
    perform(changes, memory, Undo())
    restored = _member(sample_services, LINDA)
    assert restored.ring == first.ring and restored.version == first.version + 2
    assert restored.model_dump(exclude={"version"}) == first.model_dump(exclude={"version"})
    assert memory.undo == [] and memory.notice is not None and memory.notice["text"].startswith("Undone:")


def test_a_stale_version_is_refused_kept_and_made_on_purpose(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    seen = _member(sample_services, LINDA).version
    mine, theirs = EditorMemory(), EditorMemory()
    perform(
        _changes(sample_services, demo_actors["admin"], None),
        theirs,
        Place(person=LINDA, version=seen, ring=1),
    )
    assert theirs.notice is not None and theirs.notice["level"] == "success"
    changes = _changes(sample_services, demo_actors["coordinator"], None)
    perform(changes, mine, Place(person=LINDA, version=seen, ring=3))
    assert mine.notice is not None and mine.notice["level"] == "error" and mine.notice["retry"]
    assert "Someone else changed Linda Okafor" in mine.notice["text"]
    assert _member(sample_services, LINDA).ring == 1, "the other person's change is kept"
    assert mine.undo == []
    perform(changes, mine, Retry())
    assert _member(sample_services, LINDA).ring == 3
    assert mine.pending is None and mine.notice["level"] == "success"


def test_the_young_persons_additions_stay_theirs(
    sample_services: Services, demo_actors: dict[str, Actor]
) -> None:
    memory = EditorMemory()
    changes = _changes(sample_services, demo_actors["jordan"], Perspective.YOUNG_PERSON)
    perform(changes, memory, Place(person=LINDA, version=_member(sample_services, LINDA).version, ring=2))
    perform(changes, memory, AddPerson(name="Coach Dee", angle=50, distance=3.1))
    (dee,) = [p for p in sample_services.store.get_network(CASE).people if p.name == "Coach Dee"]
    membership = _member(sample_services, dee.id)
    assert membership.young_person_place == MapPlace(
        sector=Sector.PEERS_COMMUNITY, ring=3, point=MapPoint(angle=50, distance=3.1)
    )
    assert (membership.sector, membership.ring, membership.added_by) == (Sector.PEERS_COMMUNITY, 3, "jordan")
    # the services do not let a young person take someone off their map, so the add is not undoable here
    assert memory.undo == []


@pytest.mark.parametrize(
    "raw",
    [
        {"op": "place", "person": "p-1", "version": -1, "ring": 1},
        {"op": "place", "person": "<script>", "version": 0},
        {"op": "tie", "a": "p-1", "b": "p-2", "strength": 9, "valence": "positive"},
        {"op": "add", "name": "   "},
        {"op": "drop_table"},
        {"op": "place", "person": "p-1", "version": 0, "extra": 1},
    ],
)
def test_what_a_browser_sends_is_checked(raw: object) -> None:
    with pytest.raises(ValidationError):
        parse_change(raw)
