"""Cohort rows kept in the store: a case's generation rises with every write its row depends on, and
only then; a row is kept only at its case's current generation; a batch forgets the rows it names
in its own unit, and no others (every adapter)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest

from netmap.crypto import Keyring, is_sealed
from netmap.errors import ConflictError
from netmap.graph.adapters.encrypted import EncryptedStore
from netmap.graph.store import Delete, ForgetKept, GraphStore, KeptRow, KeptViews, Put, WriteBatch
from netmap.models import (
    AuditEvent,
    Conference,
    ConferenceStage,
    ContactEvent,
    ContactMethod,
    Grant,
    Kin,
    KinType,
    Membership,
    Network,
    Person,
    PlanItem,
    Record,
    Role,
    Sector,
    Snapshot,
    SnapshotEvent,
    Tie,
    User,
)
from tests.integration.conftest import kept_at_rest

Seed = Callable[[Network], list[Record]]
VIEW = "full"


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


def _gens(store: GraphStore) -> dict[str, int]:
    return store.cohort_rows(VIEW).gens


def _changed(store: GraphStore, write: Callable[[], None]) -> set[str]:
    before = _gens(store)
    write()
    after = _gens(store)
    return {case_id for case_id in before.keys() | after.keys() if before.get(case_id) != after.get(case_id)}


def _keep_all(store: GraphStore, data: str = "row") -> None:
    store.keep_cohort_rows(KeptRow(case_id, VIEW, gen, data) for case_id, gen in _gens(store).items())


def test_every_case_has_a_generation_and_reading_changes_none(store: GraphStore, two_cases) -> None:
    gens = _gens(store)
    assert set(gens) == {"c-1", "c-2"}
    store.get_network("c-1")
    _keep_all(store)
    assert _gens(store) == gens
    assert store.cohort_rows(VIEW).rows == {"c-1": "row", "c-2": "row"}
    assert store.cohort_rows("practitioner:pat").rows == {}


def test_a_tie_edit_changes_only_its_own_case(store: GraphStore, two_cases) -> None:
    tie = _stored(store, Tie, "c-1-t1")
    _keep_all(store)
    assert _changed(store, lambda: _write(store, tie.model_copy(update={"strength": 1}))) == {"c-1"}
    assert store.cohort_rows(VIEW).rows == {"c-2": "row"}  # c-1's row is stale now


def test_a_conference_and_its_plan_change_only_their_case(store: GraphStore, two_cases) -> None:
    conference = Conference(id="f-1", case_id="c-2", stage=ConferenceStage.PREPARATION)
    assert _changed(store, lambda: _write(store, conference)) == {"c-2"}
    item = PlanItem(what="Ring weekly", owner_id="c-1-nan", by_when=date(2026, 4, 1))
    stored = _stored(store, Conference, "f-1")
    assert _changed(store, lambda: _write(store, stored.model_copy(update={"plan": [item]}))) == {"c-2"}
    stored = _stored(store, Conference, "f-1")
    assert _changed(store, lambda: _write(store, deletes=(Delete(Conference, "f-1", stored.version),))) == {
        "c-2"
    }


def test_kept_rows_are_sealed_at_rest_and_one_that_will_not_open_is_not_kept(
    store: GraphStore, two_cases
) -> None:
    assert isinstance(store, EncryptedStore)
    _keep_all(store, "the young person's equality answers")
    at_rest = store.inner.cohort_rows(VIEW).rows
    assert set(at_rest) == {"c-1", "c-2"} and all(is_sealed(text) for text in at_rest.values())
    # sealed with a key this store no longer holds: computed again rather than misread
    other = Keyring.generate().seal("row")
    store.inner.keep_cohort_rows([KeptRow("c-1", VIEW, _gens(store)["c-1"], other)])
    assert store.cohort_rows(VIEW).rows == {"c-2": "the young person's equality answers"}


def test_a_shared_person_edit_changes_every_case_they_are_in(store: GraphStore, two_cases) -> None:
    nan = _stored(store, Person, "c-1-nan")
    assert _changed(store, lambda: _write(store, nan.model_copy(update={"birth_year": 1950}))) == {
        "c-1",
        "c-2",
    }
    ego = _stored(store, Person, "c-1-ego")  # the young person of both cases
    assert _changed(store, lambda: _write(store, ego.model_copy(update={"birth_year": 2004}))) == {
        "c-1",
        "c-2",
    }


def test_kin_among_members_changes_the_cases_holding_both_ends(store: GraphStore, two_cases) -> None:
    kin = Kin(id="k-new", from_id="c-1-nan", to_id="c-1-sis", kind=KinType.BIRTH_PARENT)
    assert _changed(store, lambda: _write(store, kin)) == {"c-1", "c-2"}
    stored = _stored(store, Kin, "k-new")
    assert _changed(store, lambda: _write(store, deletes=(Delete(Kin, "k-new", stored.version),))) == {
        "c-1",
        "c-2",
    }


def test_members_snapshots_and_deletes_change_the_case(store: GraphStore, two_cases) -> None:
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
    tie = _stored(store, Tie, "c-2-t4")
    assert _changed(store, lambda: _write(store, deletes=(Delete(Tie, tie.id, tie.version),))) == {"c-2"}
    # deleting a person deletes their memberships (and ties) in every case
    sister = _stored(store, Person, "c-1-sis")
    assert _changed(store, lambda: _write(store, deletes=(Delete(Person, sister.id, sister.version),))) == {
        "c-1",
        "c-2",
    }


def test_what_a_row_is_not_computed_from_changes_no_case(store: GraphStore, two_cases) -> None:
    stranger = Person(id="p-stranger", name="Ola Reyes")
    assert _changed(store, lambda: _write(store, stranger)) == set()
    contact = ContactEvent(
        id="e-1", case_id="c-1", person_id="c-1-nan", on=date(2025, 3, 1), method=ContactMethod.CALL
    )
    assert _changed(store, lambda: _write(store, contact)) == set()
    event = AuditEvent(
        at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        actor="coord.amy",
        action="member.add",
        entity="membership",
        entity_id="c-2|c-1-nan",
        case_id="c-2",
    )
    assert _changed(store, lambda: store.append_audit([event])) == set()


def test_a_row_computed_before_a_write_is_not_kept(store: GraphStore, two_cases) -> None:
    gen = _gens(store)["c-1"]
    tie = _stored(store, Tie, "c-1-t1")
    _write(store, tie.model_copy(update={"strength": 1}))  # after the row's reading, before its keeping
    store.keep_cohort_rows(
        [KeptRow("c-1", VIEW, gen, "old"), KeptRow("c-2", VIEW, _gens(store)["c-2"], "new")]
    )
    assert store.cohort_rows(VIEW).rows == {"c-2": "new"}


def test_a_deleted_case_loses_its_rows_and_a_case_made_again_starts_afresh(
    store: GraphStore, two_cases
) -> None:
    _, second = two_cases
    _keep_all(store)
    old_gen = _gens(store)["c-2"]
    case = _stored(store, type(second.case), "c-2")
    _write(store, deletes=(Delete(type(second.case), "c-2", case.version),))
    assert set(_gens(store)) == {"c-1"}
    store.keep_cohort_rows([KeptRow("c-2", VIEW, old_gen, "gone")])  # a case that no longer exists
    assert store.cohort_rows(VIEW).rows == {"c-1": "row"}
    store.apply(
        WriteBatch(puts=[Put(r, restore=True) for r in (second.case, *second.memberships, *second.ties)])
    )
    assert _gens(store)["c-2"] > old_gen
    store.keep_cohort_rows([KeptRow("c-2", VIEW, old_gen, "stale")])
    assert "c-2" not in store.cohort_rows(VIEW).rows


def test_rows_are_not_records(store: GraphStore, two_cases) -> None:
    counts = store.counts()
    _keep_all(store)
    assert store.counts() == counts
    assert store.check() == []


def test_kept_views_name_each_view_kept_for_a_case_and_the_generation_it_was_kept_at(
    store: GraphStore, two_cases
) -> None:
    assert store.kept_views(["c-1", "c-2", "c-none"]) == {
        "c-1": KeptViews(_gens(store)["c-1"], {}),
        "c-2": KeptViews(_gens(store)["c-2"], {}),
    }
    _keep_all(store)
    store.keep_cohort_rows([KeptRow("c-1", "practitioner:pat", _gens(store)["c-1"], "row")])
    kept_at = _gens(store)["c-1"]
    tie = _stored(store, Tie, two_cases[0].ties[0].id)
    _write(store, tie.model_copy(update={"strength": 1}))
    gen = _gens(store)["c-1"]
    assert gen > kept_at
    # a view whose row is stale is still named, with the generation its row was kept at
    assert store.kept_views(["c-1"]) == {"c-1": KeptViews(gen, {VIEW: kept_at, "practitioner:pat": kept_at})}
    assert store.kept_views([]) == {}


# ------------------------------------------------------------------ forgetting kept rows

PAT, PAT_PARTNERSHIP = "practitioner:pat", "partnership:practitioner:pat"
OTHER_VIEWS = (VIEW, "evidence", "partnership:full", "practitioner:pia")


def _keep_views(store: GraphStore, *views: str) -> None:
    store.keep_cohort_rows(
        KeptRow(case_id, view, gen, f"{view} of {case_id}")
        for case_id, gen in _gens(store).items()
        for view in views
    )


def _without(rows: dict[tuple[str, str], Any], *gone: tuple[str, str]) -> dict[tuple[str, str], Any]:
    assert set(gone) <= set(rows), "the test keeps what it forgets"
    return {key: value for key, value in rows.items() if key not in gone}


def test_a_batch_forgets_a_views_rows_of_the_cases_it_names_and_nothing_else(
    store: GraphStore, store_url: str, two_cases
) -> None:
    _keep_views(store, PAT, PAT_PARTNERSHIP, *OTHER_VIEWS)
    before, gens = kept_at_rest(store_url), _gens(store)
    assert (
        store.apply(
            WriteBatch(
                forget=[ForgetKept(PAT, frozenset({"c-1"})), ForgetKept(PAT_PARTNERSHIP, frozenset({"c-1"}))]
            )
        )
        == []
    )
    # read at rest: every other row as it was, byte for byte, and no case made stale
    assert kept_at_rest(store_url) == _without(before, ("c-1", PAT), ("c-1", PAT_PARTNERSHIP))
    assert _gens(store) == gens
    assert store.cohort_rows(PAT).rows == {"c-2": f"{PAT} of c-2"}


def test_a_batch_forgets_a_views_rows_of_every_case(store: GraphStore, store_url: str, two_cases) -> None:
    _keep_views(store, PAT, *OTHER_VIEWS)
    before = kept_at_rest(store_url)
    store.apply_all([WriteBatch(forget=[ForgetKept(PAT)])])
    assert kept_at_rest(store_url) == _without(before, ("c-1", PAT), ("c-2", PAT))


def test_the_rows_are_forgotten_in_the_unit_of_the_write_that_ends_the_access(
    store: GraphStore, store_url: str, two_cases
) -> None:
    store.apply(WriteBatch(puts=[Put(User(id="pat", role=Role.PRACTITIONER)), Put(Grant.make("pat", "c-1"))]))
    grant = _stored(store, Grant, "pat|c-1")
    _keep_views(store, PAT, PAT_PARTNERSHIP, *OTHER_VIEWS)
    before = kept_at_rest(store_url)
    forget = [ForgetKept(PAT, frozenset({"c-1"})), ForgetKept(PAT_PARTNERSHIP, frozenset({"c-1"}))]
    # a grant removal refused (someone changed the grant meanwhile) forgets nothing
    stale = WriteBatch(deletes=[Delete(Grant, grant.id, grant.version + 1)], forget=forget)
    with pytest.raises(ConflictError):
        store.apply(stale)
    assert kept_at_rest(store_url) == before
    assert store.get(Grant, grant.id) is not None
    store.apply(WriteBatch(deletes=[Delete(Grant, grant.id, grant.version)], forget=forget))
    assert store.get(Grant, grant.id) is None
    assert kept_at_rest(store_url) == _without(before, ("c-1", PAT), ("c-1", PAT_PARTNERSHIP))


def test_a_batch_may_forget_the_rows_of_a_case_it_deletes(
    store: GraphStore, store_url: str, two_cases
) -> None:
    _keep_views(store, PAT, *OTHER_VIEWS)
    before = kept_at_rest(store_url)
    case = _stored(store, type(two_cases[1].case), "c-2")
    store.apply(WriteBatch(deletes=[Delete(type(case), "c-2", case.version)], forget=[ForgetKept(PAT)]))
    assert kept_at_rest(store_url) == {
        key: value for key, value in _without(before, ("c-1", PAT)).items() if key[0] == "c-1"
    }


def test_forgetting_rows_no_store_holds_changes_nothing(store: GraphStore, store_url: str, two_cases) -> None:
    _keep_views(store, *OTHER_VIEWS)
    before, gens, audit = kept_at_rest(store_url), _gens(store), store.audit_log()
    store.apply(WriteBatch(forget=[ForgetKept(PAT, frozenset({"c-1", "c-none"})), ForgetKept("viewer:kim")]))
    assert (kept_at_rest(store_url), _gens(store), store.audit_log()) == (before, gens, audit)
