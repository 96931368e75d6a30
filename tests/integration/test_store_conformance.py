"""Every GraphStore behaviour, written once and run against each adapter through the ``store`` fixture."""

from __future__ import annotations

import itertools
import json
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from netmap.errors import ConflictError, NotFound
from netmap.graph.store import Delete, GraphStore, Put, WriteBatch
from netmap.models import (
    RECORD_TYPES,
    AuditEvent,
    Case,
    CaseStage,
    Certainty,
    Conference,
    ConferenceStage,
    ContactEvent,
    ContactMethod,
    DiscoveryStatus,
    Grant,
    Invitee,
    InviteeNeed,
    Kin,
    KinType,
    Membership,
    Network,
    Person,
    PersonKind,
    PlanItem,
    Record,
    Role,
    Sector,
    Snapshot,
    SnapshotEvent,
    Tie,
    User,
    Valence,
)
from tests.paths import PAYLOADS

TABLES = [kind.table for kind in RECORD_TYPES]


def _at(minute: int) -> datetime:
    return datetime(2025, 6, 1, 9, minute, 30, 123456, tzinfo=UTC)


def _event(entity_id: str, *, case_id: str | None = "c-1", minute: int = 0, **fields: Any) -> AuditEvent:
    values: dict[str, Any] = {"at": _at(minute), "actor": "coord.amy", "action": "update", "entity": "person"}
    return AuditEvent(**{**values, "entity_id": entity_id, "case_id": case_id, **fields})


def _changed(record: Record, **changes: Any) -> Record:
    return type(record).model_validate({**record.model_dump(), **changes})


def _sample(kind: type[Record], net: Network) -> tuple[list[Record], Record, dict[str, Any]]:
    """(records it needs, a new record of ``kind`` for the seeded case c-1, a change to make to it)."""
    c, ego, nan, sis, pa = "c-1", "c-1-ego", "c-1-nan", "c-1-sis", "c-1-pa"
    newcomer = Person(id="p-new", name="Priya Shah", birth_year=1980)
    samples: dict[type[Record], tuple[list[Record], Record, dict[str, Any]]] = {
        Person: ([], newcomer, {"known_as": "Auntie Priya", "phone": "01632 960002"}),
        Case: ([], Case(id="c-new", title="A second map", ego_id=ego), {"stage": CaseStage.REVIEW}),
        Membership: (
            [newcomer],
            Membership.make(c, newcomer.id, sector=Sector.FRIENDS),
            {"ring": 4, "status": DiscoveryStatus.WILLING},
        ),
        Kin: (
            [],
            Kin(id="k-new", from_id=sis, to_id=nan, kind=KinType.SIBLING),
            {"certainty": Certainty.POSSIBLE},
        ),
        Tie: (
            [],
            Tie(id="t-new", case_id=c, from_id=sis, to_id=pa),
            {"strength": 1, "valence": Valence.HARMFUL},
        ),
        ContactEvent: (
            [],
            ContactEvent(
                id="e-1",
                case_id=c,
                person_id=nan,
                on=date(2025, 3, 1),
                method=ContactMethod.CALL,
                reminder_on=date(2031, 1, 1),
            ),
            {"done": True, "outcome": "Agreed to meet"},
        ),
        Conference: (
            [],
            Conference(
                id="f-1",
                case_id=c,
                conference_on=date(2025, 9, 1),
                invitees=[Invitee(person_id=nan, needs=[InviteeNeed.TRAVEL], information_giver=True)],
                plan=[PlanItem(id="i-1", what="Monthly visit", owner_id=nan, by_when=date(2026, 1, 1))],
            ),
            {"stage": ConferenceStage.PLAN_AGREED},
        ),
        Snapshot: (
            [],
            Snapshot(id="s-1", case_id=c, event=SnapshotEvent.FGC, taken_on=date(2025, 5, 1), network=net),
            {"label": "After the conference"},
        ),
        User: (
            [],
            User(id="coord.amy", role=Role.COORDINATOR, locked_until=datetime(2026, 1, 1, 9, 30, tzinfo=UTC)),
            {"failed_logins": 2, "display_name": "Amy"},
        ),
        Grant: ([User(id="viewer.kim", role=Role.VIEWER)], Grant.make("viewer.kim", c), {}),
    }
    return samples[kind]


@pytest.fixture
def net(make_case: Any, seed: Any) -> Network:
    network = make_case("c-1")
    seed(network)
    return network


# --------------------------------------------------------------------------- create, read, update, delete


@pytest.mark.parametrize("kind", RECORD_TYPES, ids=TABLES)
def test_every_record_type_is_created_read_updated_and_deleted(
    store: GraphStore, net: Network, kind: type[Record]
):
    needs, record, changes = _sample(kind, net)
    store.apply(WriteBatch(puts=[Put(r) for r in needs]))

    [created] = store.apply(WriteBatch(puts=[Put(record)]))
    assert created.version == 1
    assert created == record.model_copy(update={"version": 1})
    assert store.get(kind, record.id) == created
    assert record.id in [r.id for r in store.list(kind)]

    [updated] = store.apply(WriteBatch(puts=[Put(_changed(created, **changes), expected_version=1)]))
    assert updated.version == 2
    assert store.get(kind, record.id) == updated
    for field, value in changes.items():
        assert getattr(store.get(kind, record.id), field) == value

    store.apply(WriteBatch(deletes=[Delete(kind, record.id, expected_version=2)]))
    assert store.get(kind, record.id) is None
    assert record.id not in [r.id for r in store.list(kind)]


def test_get_of_a_missing_id_is_none(store: GraphStore):
    assert store.get(Person, "p-nobody") is None


def test_versions_increment_on_every_update(store: GraphStore):
    [person] = store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann Lee"))]))
    for expected in range(1, 5):
        [person] = store.apply(
            WriteBatch(puts=[Put(_changed(person, area=f"Area {expected}"), expected_version=expected)])
        )
        assert person.version == expected + 1
    assert store.get(Person, "p-1") == person


def test_list_is_sorted_by_id_whatever_the_write_order(store: GraphStore):
    ids = ["p-c", "p-a", "p-b", "p-10", "p-1"]
    store.apply(WriteBatch(puts=[Put(Person(id=i, name=f"Person {i}")) for i in ids]))
    assert [p.id for p in store.list(Person)] == sorted(ids)


def test_list_services_finds_every_service_and_nobody_else(store: GraphStore):
    services = [Person(id=f"p-s{i}", name=f"Housing {i}", kind=PersonKind.SERVICE) for i in (3, 1, 2)]
    # a person whose name reads like a service's stored text is still a person
    tricky = Person(id="p-0", name='"kind":"service"', safeguarding_notes='"kind":"service"')
    store.apply(WriteBatch(puts=[Put(p) for p in [*services, tricky, Person(id="p-9", name="Kai")]]))
    assert store.list_services() == sorted((store.get(Person, p.id) for p in services), key=lambda p: p.id)


def test_list_by_case(store: GraphStore, make_case: Any, seed: Any):
    one, two = make_case("c-1"), make_case("c-2")
    seed(one)
    seed(two)
    store.apply(WriteBatch(puts=[Put(User(id="u-kim", role=Role.VIEWER)), Put(Grant.make("u-kim", "c-2"))]))
    assert store.list(Case, case_id="c-2") == [store.get(Case, "c-2")]
    assert [p.id for p in store.list(Person, case_id="c-1")] == sorted(p.id for p in one.people)
    assert [m.id for m in store.list(Membership, case_id="c-2")] == sorted(m.id for m in two.memberships)
    assert [t.id for t in store.list(Tie, case_id="c-1")] == sorted(t.id for t in one.ties)
    assert [k.id for k in store.list(Kin, case_id="c-2")] == sorted(k.id for k in two.kin)
    assert [u.id for u in store.list(User, case_id="c-2")] == ["u-kim"]
    assert store.list(User, case_id="c-1") == []
    assert [g.id for g in store.list(Grant, case_id="c-2")] == ["u-kim|c-2"]
    assert store.list(Tie, case_id="c-unknown") == []


# --------------------------------------------------------------------------- versions and conflicts


def test_create_over_an_existing_id_conflicts_and_writes_nothing(store: GraphStore):
    store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann Lee"))]))
    batch = WriteBatch(
        puts=[Put(Person(id="p-2", name="Bo Grant")), Put(Person(id="p-1", name="Someone Else"))],
        audit=[_event("p-2")],
    )
    with pytest.raises(ConflictError, match="p-1") as caught:
        store.apply(batch)
    assert (caught.value.entity, caught.value.entity_id) == ("person", "p-1")
    assert "person" in str(caught.value)
    assert store.get(Person, "p-1").name == "Ann Lee"
    assert store.get(Person, "p-2") is None
    assert store.audit_log() == []


def test_stale_update_conflicts_and_nothing_from_the_batch_is_written(store: GraphStore, net: Network):
    [case] = store.apply(WriteBatch(puts=[Put(_changed(net.case, notes="first edit"), expected_version=1)]))
    batch = WriteBatch(
        puts=[
            Put(Person(id="p-new", name="Priya Shah")),
            Put(_changed(net.people[1], area="Eastdale"), expected_version=1),
            Put(_changed(net.case, notes="edit made from an old copy"), expected_version=1),
        ],
        audit=[_event("c-1")],
    )
    with pytest.raises(ConflictError) as caught:
        store.apply(batch)
    assert caught.value.entity_id == "c-1"
    assert "case c-1" in str(caught.value)
    assert store.get(Case, "c-1") == case
    assert store.get(Person, "p-new") is None
    assert store.get(Person, net.people[1].id).version == 1
    assert store.audit_log() == []


def test_stale_delete_conflicts_and_nothing_from_the_batch_is_written(store: GraphStore, net: Network):
    tie = net.ties[0]
    store.apply(WriteBatch(puts=[Put(_changed(tie, strength=1), expected_version=1)]))
    with pytest.raises(ConflictError, match=tie.id):
        store.apply(
            WriteBatch(
                deletes=[
                    Delete(Tie, net.ties[1].id, expected_version=1),
                    Delete(Tie, tie.id, expected_version=1),
                ],
                audit=[_event(tie.id)],
            )
        )
    assert store.get(Tie, tie.id).version == 2
    assert store.get(Tie, net.ties[1].id) is not None
    assert store.audit_log() == []


def test_update_or_delete_of_a_missing_record_is_not_found(store: GraphStore):
    with pytest.raises(NotFound, match="p-ghost"):
        store.apply(WriteBatch(puts=[Put(Person(id="p-ghost", name="Nobody Here"), expected_version=1)]))
    with pytest.raises(NotFound, match="p-ghost"):
        store.apply(WriteBatch(deletes=[Delete(Person, "p-ghost")]))
    assert store.counts()["person"] == 0


def test_a_conflict_in_the_last_put_rolls_back_earlier_puts_deletes_and_audit(
    store: GraphStore, net: Network
):
    before = store.counts()
    batch = WriteBatch(
        puts=[
            Put(Person(id="p-a", name="Aisha Khan")),
            Put(Person(id="p-b", name="Ben Cole")),
            Put(_changed(net.case, stage=CaseStage.CLOSED), expected_version=1),
            Put(_changed(net.people[0], known_as="J"), expected_version=7),
        ],
        deletes=[Delete(Tie, net.ties[0].id)],
        audit=[_event("p-a"), _event("p-b")],
    )
    with pytest.raises(ConflictError):
        store.apply(batch)
    assert store.counts() == before
    assert store.get(Case, "c-1").stage is CaseStage.DISCOVERY
    assert store.get(Tie, net.ties[0].id) is not None
    assert store.audit_log() == []


def test_apply_returns_the_written_records_in_batch_order(store: GraphStore):
    people = [Person(id=f"p-{i}", name=f"Person {i}") for i in (3, 1, 2)]
    written = store.apply(WriteBatch(puts=[Put(p) for p in people]))
    assert [(r.id, r.version) for r in written] == [("p-3", 1), ("p-1", 1), ("p-2", 1)]
    assert store.apply(WriteBatch()) == []


def test_restore_puts_write_records_verbatim_including_version(store: GraphStore):
    store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann Lee"))]))
    restored = [
        Person(id="p-1", name="Ann Lee-Hart", version=9),
        Person(id="p-2", name="Bo Grant", version=4),
    ]
    written = store.apply(WriteBatch(puts=[Put(p, restore=True) for p in restored]))
    assert written == restored
    assert store.list(Person) == restored
    [updated] = store.apply(
        WriteBatch(puts=[Put(_changed(restored[1], area="Westfield"), expected_version=4)])
    )
    assert updated.version == 5


def test_records_may_come_in_any_order_within_a_batch(store: GraphStore, make_case: Any):
    network = make_case("c-1")
    records = [*network.ties, *network.memberships, network.case, *network.kin, *network.people]
    store.apply(WriteBatch(puts=[Put(r) for r in records]))
    assert len(store.get_network("c-1").ties) == len(network.ties)


# --------------------------------------------------------------------------- references and cascades


def test_a_membership_for_a_missing_person_is_refused(store: GraphStore, net: Network):
    with pytest.raises(NotFound, match="p-ghost"):
        store.apply(
            WriteBatch(
                puts=[
                    Put(Person(id="p-x", name="Xan Field")),
                    Put(Membership.make("c-1", "p-ghost", sector=Sector.FRIENDS)),
                ]
            )
        )
    assert store.get(Person, "p-x") is None


def test_a_tie_to_someone_outside_the_case_is_refused(store: GraphStore, net: Network):
    store.apply(WriteBatch(puts=[Put(Person(id="p-out", name="Olly Stone"))]))
    with pytest.raises(NotFound, match="p-out"):
        store.apply(WriteBatch(puts=[Put(Tie(id="t-out", case_id="c-1", from_id="c-1-ego", to_id="p-out"))]))
    assert store.get(Tie, "t-out") is None


def test_a_grant_for_an_unknown_user_or_case_is_refused(store: GraphStore, net: Network):
    with pytest.raises(NotFound, match="u-ghost"):
        store.apply(WriteBatch(puts=[Put(Grant.make("u-ghost", "c-1"))]))
    store.apply(WriteBatch(puts=[Put(User(id="u-kim", role=Role.VIEWER))]))
    with pytest.raises(NotFound, match="c-ghost"):
        store.apply(WriteBatch(puts=[Put(Grant.make("u-kim", "c-ghost"))]))


def test_deleting_a_person_removes_their_memberships_ties_kin_and_contact_events(
    store: GraphStore, net: Network
):
    nan = "c-1-nan"
    store.apply(
        WriteBatch(
            puts=[
                Put(
                    ContactEvent(
                        id="e-1",
                        case_id="c-1",
                        person_id=nan,
                        on=date(2025, 3, 1),
                        method=ContactMethod.VISIT,
                    )
                )
            ]
        )
    )
    audit = [_event(nan, action="delete")]
    store.apply(WriteBatch(deletes=[Delete(Person, nan, expected_version=1)], audit=audit))
    network = store.get_network("c-1")
    assert nan not in [p.id for p in network.people]
    assert nan not in [m.person_id for m in network.memberships]
    assert all(nan not in (t.from_id, t.to_id) for t in network.ties)
    assert all(nan not in (k.from_id, k.to_id) for k in store.list(Kin))
    assert store.get(ContactEvent, "e-1") is None
    assert {t.id for t in network.ties} == {"c-1-t2", "c-1-t3"}
    assert [e.entity_id for e in store.audit_log()] == [nan]
    assert store.check() == []


def test_deleting_a_case_removes_everything_of_that_case_only(
    store: GraphStore, net: Network, make_case: Any, seed: Any
):
    seed(make_case("c-2"))
    extras = [
        ContactEvent(
            id="e-1", case_id="c-1", person_id="c-1-nan", on=date(2025, 3, 1), method=ContactMethod.CALL
        ),
        Conference(id="f-1", case_id="c-1"),
        Snapshot(
            id="s-1", case_id="c-1", event=SnapshotEvent.REFERRAL, taken_on=date(2025, 1, 6), network=net
        ),
        User(id="u-kim", role=Role.VIEWER),
        Grant.make("u-kim", "c-1"),
        Grant.make("u-kim", "c-2"),
    ]
    store.apply(WriteBatch(puts=[Put(r) for r in extras], audit=[_event("c-1")]))
    store.apply(WriteBatch(deletes=[Delete(Case, "c-1", expected_version=1)]))
    counts = store.counts()
    assert store.get(Case, "c-1") is None
    assert [counts[t] for t in ("membership", "tie", "contact_event", "conference", "snapshot", "grant")] == [
        5,
        4,
        0,
        0,
        0,
        1,
    ]
    assert counts["person"] == 10 and counts["kin"] == 4 and counts["user"] == 1 and counts["audit"] == 1
    assert store.get_network("c-2").ties == store.list(Tie, case_id="c-2")


def test_deleting_a_case_s_young_person_is_refused_while_the_case_exists(store: GraphStore, net: Network):
    before = store.get_network("c-1")
    with pytest.raises(ConflictError, match="c-1-ego"):
        store.apply(WriteBatch(deletes=[Delete(Person, "c-1-ego")]))
    assert store.get_network("c-1") == before
    store.apply(WriteBatch(deletes=[Delete(Case, "c-1"), Delete(Person, "c-1-ego")]))
    assert store.get(Person, "c-1-ego") is None


def test_a_person_named_by_a_user_account_cannot_be_deleted_before_the_account(
    store: GraphStore, net: Network
):
    with pytest.raises(NotFound, match="p-ghost"):
        store.apply(WriteBatch(puts=[Put(User(id="u-jo", role=Role.YOUNG_PERSON, person_id="p-ghost"))]))
    store.apply(WriteBatch(puts=[Put(User(id="u-nan", role=Role.VIEWER, person_id="c-1-nan"))]))
    with pytest.raises(ConflictError, match="u-nan"):
        store.apply(WriteBatch(deletes=[Delete(Person, "c-1-nan")]))
    assert store.get(Person, "c-1-nan") is not None
    store.apply(WriteBatch(deletes=[Delete(User, "u-nan"), Delete(Person, "c-1-nan")]))
    assert store.check() == []


def test_removing_a_membership_removes_the_case_s_ties_to_that_person(store: GraphStore, net: Network):
    store.apply(WriteBatch(deletes=[Delete(Membership, "c-1|c-1-sis", expected_version=1)]))
    network = store.get_network("c-1")
    assert {t.id for t in network.ties} == {"c-1-t1", "c-1-t3"}
    assert store.get(Person, "c-1-sis") is not None
    assert store.check() == []


# --------------------------------------------------------------------------- networks and snapshots


def test_get_network_returns_the_case_as_written(store: GraphStore, net: Network):
    expected = Network(
        case=net.case.model_copy(update={"version": 1}),
        people=sorted((p.model_copy(update={"version": 1}) for p in net.people), key=lambda r: r.id),
        memberships=sorted(
            (m.model_copy(update={"version": 1}) for m in net.memberships), key=lambda r: r.id
        ),
        kin=sorted((k.model_copy(update={"version": 1}) for k in net.kin), key=lambda r: r.id),
        ties=sorted((t.model_copy(update={"version": 1}) for t in net.ties), key=lambda r: r.id),
    )
    network = store.get_network("c-1")
    assert network == expected
    assert network.person("c-1-ego").safeguarding_notes.startswith("Placement address")
    assert (
        network.membership("c-1-nan").restrictions[0].details == "Lives at a refuge; never record the town."
    )


def test_get_network_holds_only_members_and_kin_among_them(store: GraphStore, net: Network):
    outsider = Person(id="p-dad", name="Lee Vale")
    shared_case = Case(id="c-2", title="Cousin's map", ego_id="p-cousin")
    store.apply(
        WriteBatch(
            puts=[
                Put(outsider),
                Put(Person(id="p-cousin", name="Rio Vale")),
                Put(shared_case),
                Put(Membership.make("c-2", "p-cousin", sector=Sector.FAMILY)),
                Put(Membership.make("c-2", "c-1-nan", sector=Sector.FAMILY)),
                Put(Membership.make("c-2", "p-dad", sector=Sector.FAMILY)),
                Put(Tie(id="c-2-t1", case_id="c-2", from_id="p-cousin", to_id="c-1-nan")),
                Put(Kin(id="k-dad", from_id="p-dad", to_id="c-1-ego", kind=KinType.BIRTH_PARENT)),
                Put(Kin(id="k-cousin", from_id="p-dad", to_id="p-cousin", kind=KinType.BIRTH_PARENT)),
            ]
        )
    )
    one, two = store.get_network("c-1"), store.get_network("c-2")
    assert [p.id for p in one.people] == ["c-1-ego", "c-1-hmp", "c-1-nan", "c-1-pa", "c-1-sis"]
    assert [k.id for k in one.kin] == ["c-1-k1", "c-1-k2"]
    assert [t.id for t in one.ties] == ["c-1-t1", "c-1-t2", "c-1-t3", "c-1-t4"]
    assert [p.id for p in two.people] == ["c-1-nan", "p-cousin", "p-dad"]
    assert [k.id for k in two.kin] == ["k-cousin"]
    assert [t.id for t in two.ties] == ["c-2-t1"]
    assert [m.id for m in two.memberships] == ["c-2|c-1-nan", "c-2|p-cousin", "c-2|p-dad"]


def test_get_network_always_includes_the_young_person(store: GraphStore, net: Network):
    store.apply(WriteBatch(deletes=[Delete(Membership, "c-1|c-1-ego")]))
    network = store.get_network("c-1")
    assert "c-1-ego" in [p.id for p in network.people]
    assert network.membership("c-1-ego") is None
    assert {t.id for t in network.ties} == {"c-1-t4"}


def test_get_network_of_an_unknown_case_is_not_found(store: GraphStore):
    with pytest.raises(NotFound, match="c-nowhere"):
        store.get_network("c-nowhere")


def test_a_snapshot_holding_a_whole_network_round_trips_equal(store: GraphStore, net: Network):
    network = store.get_network("c-1")
    snapshot = Snapshot(
        id="s-1",
        case_id="c-1",
        event=SnapshotEvent.FGC,
        taken_on=date(2025, 5, 1),
        label="FGC",
        network=network,
    )
    store.apply(WriteBatch(puts=[Put(snapshot)]))
    stored = store.get(Snapshot, "s-1")
    assert stored.network == network
    assert stored == snapshot.model_copy(update={"version": 1})
    assert stored.network.membership("c-1-nan").restrictions[0].vetted_on == date(2025, 2, 1)


# --------------------------------------------------------------------------- audit trail


def test_audit_events_get_increasing_numbers_and_come_back_in_order(store: GraphStore):
    events = [_event(f"p-{i}", minute=i) for i in range(5)]
    store.append_audit(events[:3])
    store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann Lee"))], audit=events[3:]))
    log = store.audit_log()
    assert [e.entity_id for e in log] == [f"p-{i}" for i in range(5)]
    assert all(e.seq > 0 for e in log)
    assert [e.seq for e in log] == sorted({e.seq for e in log})
    assert [e.model_copy(update={"seq": 0, "chain": ""}) for e in log] == events
    assert all(e.chain for e in log)  # every entry sealed to the one before it


def test_audit_log_filters_and_limit(store: GraphStore):
    store.append_audit(
        [
            _event("p-1", case_id="c-1", minute=1),
            _event("p-2", case_id="c-2", minute=2),
            _event("p-1", case_id="c-2", minute=3),
            _event("u-amy", case_id=None, minute=4, outcome="denied"),
            _event("p-1", case_id="c-1", minute=5),
        ]
    )
    assert [e.at.minute for e in store.audit_log(entity_id="p-1")] == [1, 3, 5]
    assert [e.at.minute for e in store.audit_log(case_id="c-2")] == [2, 3]
    assert [e.at.minute for e in store.audit_log(entity_id="p-1", case_id="c-1")] == [1, 5]
    assert [e.at.minute for e in store.audit_log(limit=2)] == [4, 5]
    assert [e.at.minute for e in store.audit_log(entity_id="p-1", limit=2)] == [3, 5]
    assert store.audit_log(limit=0) == []
    assert store.audit_log(entity_id="p-none") == []
    assert store.audit_log(entity_id="u-amy")[0].outcome == "denied"


def test_audit_events_with_a_given_seq_are_kept_as_given(store: GraphStore):
    store.append_audit([_event("p-1", seq=40, minute=1), _event("p-2", seq=7, minute=2)])
    store.append_audit([_event("p-3", minute=3)])
    log = store.audit_log()
    assert [(e.seq, e.entity_id) for e in log[:2]] == [(7, "p-2"), (40, "p-1")]
    assert log[2].entity_id == "p-3" and log[2].seq > 40
    with pytest.raises(ConflictError, match="40"):
        store.append_audit([_event("p-4", seq=40)])
    assert len(store.audit_log()) == 3


def test_audit_before_and_after_round_trip(store: GraphStore):
    before = {"name": "Zoë Ñúñez", "ring": 2, "domains": ["housing"], "nested": {"ok": True, "none": None}}
    after = {"name": 'Zoë 🌱 "Z" <b>', "ring": 1.5, "domains": []}
    store.append_audit(
        [
            _event(
                "p-1",
                before=before,
                after=after,
                at=datetime(2025, 6, 1, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5))),
            )
        ]
    )
    [event] = store.audit_log()
    assert (event.before, event.after) == (before, after)
    assert event.at == datetime(2025, 6, 1, 23, 59, 59, 999999, tzinfo=timezone(timedelta(hours=-5)))


def test_deleting_records_leaves_the_audit_trail_alone(store: GraphStore, net: Network):
    store.append_audit([_event("c-1", action="create"), _event("c-1-nan", action="create")])
    store.apply(
        WriteBatch(
            deletes=[Delete(Case, "c-1"), Delete(Person, "c-1-nan")], audit=[_event("c-1", action="delete")]
        )
    )
    assert [e.action for e in store.audit_log(case_id="c-1")] == ["create", "create", "delete"]


# --------------------------------------------------------------------------- counts and check


def test_counts_of_an_empty_and_a_seeded_store(store: GraphStore, make_case: Any, seed: Any):
    assert store.counts() == {**dict.fromkeys(TABLES, 0), "audit": 0}
    seed(make_case("c-1"))
    store.append_audit([_event("c-1")])
    expected = {
        **dict.fromkeys(TABLES, 0),
        "person": 5,
        "case": 1,
        "membership": 5,
        "kin": 2,
        "tie": 4,
        "audit": 1,
    }
    assert store.counts() == expected


def test_check_of_a_healthy_store_is_empty(store: GraphStore, net: Network):
    assert store.check() == []


# --------------------------------------------------------------------------- text, dates and times


def _hostile_strings() -> list[str]:
    strings = json.loads((PAYLOADS / "naughty-strings" / "blns.json").read_text(encoding="utf-8"))
    for name in ("PayloadsAllTheThings_CSV-Injection_extracted.txt", "payloadbox_csv-payload.txt"):
        strings += (PAYLOADS / "csv-injection" / name).read_text(encoding="utf-8").splitlines()
    return [s for s in strings if s]


def _valid_or(kind: type[Record], field: str, value: str, fallback: str) -> str:
    try:
        kind.__pydantic_validator__.validate_assignment(kind.model_construct(), field, value)
    except ValidationError:
        return fallback
    return value


def test_hostile_and_unicode_strings_round_trip_byte_exact(store: GraphStore):
    strings = _hostile_strings()
    assert len(strings) > 500
    people = [
        Person(
            id=f"p-{i:04d}",
            name=_valid_or(Person, "name", s, f"Person {i}"),
            known_as=_valid_or(Person, "known_as", s, ""),
            address=_valid_or(Person, "address", s, ""),
            safeguarding_notes=_valid_or(Person, "safeguarding_notes", s + "\n" + s, ""),
        )
        for i, s in enumerate(strings)
    ]
    store.apply(
        WriteBatch(
            puts=[Put(p) for p in people], audit=[_event("p-0000", after={"text": s}) for s in strings[:50]]
        )
    )
    stored = store.list(Person)
    assert stored == [p.model_copy(update={"version": 1}) for p in people]
    for original, back in zip(people, stored, strict=True):
        assert back.address.encode("utf-8") == original.address.encode("utf-8")
        assert back.name.encode("utf-8") == original.name.encode("utf-8")
    assert [e.after["text"] for e in store.audit_log()] == strings[:50]


_ids = itertools.count()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=["Cs", "Cc", "Zl", "Zp"], whitelist_characters="\n\t\r"),
        max_size=300,
    )
)
def test_any_notes_text_round_trips(store: GraphStore, text: str):
    person = Person(id=f"p-h{next(_ids)}", name="Hypo Thesis", safeguarding_notes=text)
    store.apply(WriteBatch(puts=[Put(person)]))
    assert store.get(Person, person.id).safeguarding_notes == text


def test_dates_and_datetimes_round_trip(store: GraphStore, net: Network):
    moments = [
        datetime(2026, 1, 1, 9, 30, 0, 1, tzinfo=UTC),
        datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(hours=1))),
        datetime(2026, 7, 4, 12, 0),
    ]
    users = [User(id=f"u-{i}", role=Role.PRACTITIONER, locked_until=m) for i, m in enumerate(moments)]
    event = ContactEvent(
        id="e-1",
        case_id="c-1",
        person_id="c-1-nan",
        on=date(2024, 2, 29),
        method=ContactMethod.LETTER,
        reminder_on=date(2099, 12, 31),
    )
    store.apply(WriteBatch(puts=[Put(r) for r in (*users, event)]))
    assert [u.locked_until for u in store.list(User)] == moments
    assert store.list(User)[2].locked_until.tzinfo is None
    assert store.get(ContactEvent, "e-1").reminder_on == date(2099, 12, 31)
    assert store.get(ContactEvent, "e-1").on == date(2024, 2, 29)
    ego = store.get(Person, "c-1-ego")
    assert (ego.birth_date, ego.birth_year) == (date(2005, 3, 14), 2005)
    assert store.get(Case, "c-1").release_date == date(2031, 2, 1)


# --------------------------------------------------------------------------- several batches as one unit


def test_apply_all_lands_every_batch_with_its_audit_in_order(store: GraphStore, make_case: Any):
    network = make_case("c-9")
    records = [*network.people, network.case, *network.memberships, *network.ties]
    batches = [
        WriteBatch(
            puts=[Put(r) for r in records[i : i + 2]],
            audit=[_event(r.id, case_id=None) for r in records[i : i + 2]],
        )
        for i in range(0, len(records), 2)
    ]
    assert store.apply_all(iter(batches)) == len(records)
    for record in records:
        assert store.get(type(record), record.id) == record.model_copy(update={"version": 1})
    assert [e.entity_id for e in store.audit_log()] == [r.id for r in records]
    assert store.check() == []


def test_apply_all_accepts_a_reference_that_a_later_batch_satisfies(store: GraphStore, make_case: Any):
    network = make_case("c-9")
    later = WriteBatch(puts=[Put(p) for p in network.people])
    first = WriteBatch(puts=[Put(network.case), *(Put(m) for m in network.memberships)])
    assert store.apply_all([first, later]) == 1 + len(network.memberships) + len(network.people)
    stored = store.get_network("c-9").people
    assert stored == sorted((p.model_copy(update={"version": 1}) for p in network.people), key=lambda p: p.id)


def test_a_failing_later_batch_leaves_nothing_of_the_earlier_ones(store: GraphStore, net: Network):
    before = store.counts()
    newcomer = Person(id="p-new", name="Priya Shah")
    first = WriteBatch(puts=[Put(newcomer)], audit=[_event("p-new")])
    clash = WriteBatch(puts=[Put(Person(id="c-1-nan", name="Not Nan"))], audit=[_event("c-1-nan")])
    with pytest.raises(ConflictError):
        store.apply_all([first, clash])
    assert store.get(Person, "p-new") is None
    assert store.counts() == before


def test_a_dangling_reference_across_batches_leaves_nothing(store: GraphStore, net: Network):
    before = store.counts()
    newcomer = Person(id="p-new", name="Priya Shah")
    stray = Membership.make("c-nowhere", "p-new", sector=Sector.FRIENDS)
    with pytest.raises(NotFound):
        store.apply_all([WriteBatch(puts=[Put(newcomer)]), WriteBatch(puts=[Put(stray)])])
    assert store.get(Person, "p-new") is None
    assert store.counts() == before


def test_an_error_from_the_batches_themselves_leaves_nothing(store: GraphStore, net: Network):
    before = store.counts()

    def batches():
        yield WriteBatch(puts=[Put(Person(id="p-new", name="Priya Shah"))], audit=[_event("p-new")])
        raise ValueError("the source of the batches failed")

    with pytest.raises(ValueError, match="source of the batches"):
        store.apply_all(batches())
    assert store.get(Person, "p-new") is None
    assert store.counts() == before


def test_each_reads_every_record_of_a_kind_in_id_order_across_pages(store: GraphStore) -> None:
    # More records than one SQLite page, written in an order that is not theirs.
    people = [Person(id=f"p-{n:05d}", name=f"Person {n}") for n in range(2500)]
    store.apply(WriteBatch(puts=[Put(p) for p in reversed(people)]))
    assert [p.id for p in store.each(Person)] == [p.id for p in people]
    assert list(store.each(Person)) == store.list(Person)
    assert list(store.each(Kin)) == []
    assert list(store.each_json(Person)) == [p.model_dump(mode="json") for p in store.list(Person)]
    assert list(store.each_json(Kin)) == []
