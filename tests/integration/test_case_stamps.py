"""A case's stamp changes with every write its network or snapshots see, and only then (every adapter)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from netmap.graph.store import Delete, GraphStore, Put, WriteBatch
from netmap.models import (
    AuditEvent,
    Kin,
    KinType,
    Membership,
    Network,
    Person,
    Record,
    Sector,
    Snapshot,
    SnapshotEvent,
    Tie,
)

Seed = Callable[[Network], list[Record]]


@pytest.fixture
def two_cases(store: GraphStore, seed: Seed, make_case: Callable[..., Network]) -> tuple[Network, Network]:
    # c-2 shares its people with c-1 (same prefix), as sibling cases share relatives.
    first, second = make_case("c-1"), make_case("c-2", prefix="c-1")
    seed(first)
    store.apply(
        WriteBatch(
            puts=[Put(second.case), *(Put(r) for r in second.memberships), *(Put(t) for t in second.ties)]
        )
    )
    return first, second


def _stored(store: GraphStore, kind: type[Record], record_id: str) -> Record:
    record = store.get(kind, record_id)
    assert record is not None
    return record


def _write(store: GraphStore, *puts: Record, deletes: tuple[Delete, ...] = ()) -> None:
    store.apply(
        WriteBatch(puts=[Put(r, r.version if r.version else None) for r in puts], deletes=list(deletes))
    )


def _changed(store: GraphStore, write: Callable[[], None]) -> set[str]:
    before = store.case_stamps()
    write()
    after = store.case_stamps()
    return {case_id for case_id in before.keys() | after.keys() if before.get(case_id) != after.get(case_id)}


def test_every_case_has_a_stamp_and_reading_changes_none(store: GraphStore, two_cases) -> None:
    stamps = store.case_stamps()
    assert set(stamps) == {"c-1", "c-2"} and stamps["c-1"] != stamps["c-2"]
    store.get_network("c-1")
    assert store.case_stamps() == stamps


def test_a_tie_edit_changes_only_its_own_case(store: GraphStore, two_cases) -> None:
    tie = _stored(store, Tie, "c-1-t1")
    assert _changed(store, lambda: _write(store, tie.model_copy(update={"strength": 1}))) == {"c-1"}


def test_a_shared_person_edit_changes_every_case_they_are_in(store: GraphStore, two_cases) -> None:
    nan = _stored(store, Person, "c-1-nan")
    assert _changed(store, lambda: _write(store, nan.model_copy(update={"birth_year": 1950}))) == {
        "c-1",
        "c-2",
    }


def test_kin_among_members_changes_the_cases_holding_both_ends(store: GraphStore, two_cases) -> None:
    kin = Kin(id="k-new", from_id="c-1-nan", to_id="c-1-sis", kind=KinType.BIRTH_PARENT)
    assert _changed(store, lambda: _write(store, kin)) == {"c-1", "c-2"}


def test_membership_added_or_removed_and_snapshots_change_the_case(store: GraphStore, two_cases) -> None:
    first, _ = two_cases
    newcomer = Person(id="p-new", name="Priya Shah", birth_year=1980)
    joined = Membership.make("c-2", newcomer.id, sector=Sector.FRIENDS)
    assert _changed(store, lambda: _write(store, newcomer, joined)) == {"c-2"}
    gone = _stored(store, Membership, joined.id)
    assert _changed(store, lambda: _write(store, deletes=(Delete(Membership, gone.id, gone.version),))) == {
        "c-2"
    }
    snapshot = Snapshot(
        id="s-1", case_id="c-1", event=SnapshotEvent.REFERRAL, taken_on=date(2025, 1, 6), network=first
    )
    assert _changed(store, lambda: _write(store, snapshot)) == {"c-1"}


def test_an_unrelated_person_changes_no_case(store: GraphStore, two_cases) -> None:
    stranger = Person(id="p-stranger", name="Ola Reyes")
    assert _changed(store, lambda: _write(store, stranger)) == set()


def test_an_audit_entry_filed_under_the_case_changes_it(store: GraphStore, two_cases) -> None:
    # A record deleted and created again starts at version 1 again; its audit entry tells.
    event = AuditEvent(
        at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        actor="coord.amy",
        action="member.add",
        entity="membership",
        entity_id="c-2|c-1-nan",
        case_id="c-2",
    )
    assert _changed(store, lambda: store.append_audit([event])) == {"c-2"}
