"""Erasure scrubs the person out of earlier audit entries, on every store adapter, all or nothing."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netmap.bootstrap import Services, bootstrap
from netmap.errors import ConflictError
from netmap.graph.adapters.cypher.store import CypherStore
from netmap.graph.adapters.sqlite.migrations import MIGRATIONS
from netmap.graph.store import AuditScrub, GraphStore, Put, WriteBatch
from netmap.models import (
    AuditEvent,
    Case,
    Conference,
    Invitee,
    Membership,
    Person,
    PlanItem,
    Record,
    Sector,
    Snapshot,
    SnapshotEvent,
    Tie,
)
from netmap.services.users import SYSTEM_ACTOR

ADMIN = SYSTEM_ACTOR
ERASED_ID = "p-delphine"
# Every name Delphine has had, and what she was known as: none may survive the erasure.
HER_TRACES = ("Delphine Marsh", "Delphine Marsh-Ojo", "Del", ERASED_ID)
KEPT = "Tobias Quill"


def _mentions(text: str, term: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, re.IGNORECASE) is not None


def _event_text(event: AuditEvent) -> str:
    return json.dumps(event.model_dump(mode="json", exclude={"seq"}), ensure_ascii=False)


def _content(event: AuditEvent) -> str:
    """Everything an entry says except which record it is about (an opaque id, kept by design)."""
    return json.dumps(event.model_dump(mode="json", exclude={"seq", "entity_id"}), ensure_ascii=False)


def _seed(services: Services) -> None:
    """A case around Rowan with Delphine and Tobias, edited, snapshotted and conferenced through services."""
    rowan = Person(id="p-rowan", name="Rowan Ashby")
    services.cases.create_case(ADMIN, Case(id="c-9", title="Rowan's map", ego_id=rowan.id), rowan)
    # Role labels are plain text in the audit trail; notes are restricted, so sealed there.
    for person, role in (
        (Person(id=ERASED_ID, name="Delphine Marsh", birth_date=date(1970, 4, 2)), "Aunt on mum's side"),
        (Person(id="p-tobias", name=KEPT, phone="07700 900777"), "Delphine Marsh's partner"),
    ):
        services.network.add_member(
            ADMIN, "c-9", person, Membership.make("c-9", person.id, sector=Sector.FAMILY, role_label=role)
        )
    delphine = services.store.get(Person, ERASED_ID)
    assert delphine is not None
    delphine = services.network.update_person(
        ADMIN, "c-9", delphine.model_copy(update={"name": "Delphine Marsh-Ojo", "known_as": "Del"})
    )
    services.network.update_person(
        ADMIN, "c-9", delphine.model_copy(update={"safeguarding_notes": "Ask Del before any visit."})
    )
    services.network.add_tie(ADMIN, Tie(id="t-1", case_id="c-9", from_id="p-rowan", to_id=ERASED_ID))
    services.cases.take_snapshot(ADMIN, "c-9", SnapshotEvent.REFERRAL, on=date(2025, 3, 1))
    services.conferences.create_conference(
        ADMIN,
        Conference(
            id="f-9",
            case_id="c-9",
            invitees=[Invitee(person_id=ERASED_ID, role="aunt"), Invitee(person_id="p-tobias")],
            plan=[
                PlanItem(id="i-1", what="Del drives Rowan to college", owner_id=ERASED_ID),
                PlanItem(id="i-2", what="Tobias brings lunch", owner_id="p-tobias"),
            ],
        ),
    )


@pytest.fixture
def svc(store_url: str) -> Iterator[Services]:
    with bootstrap(store_url) as services:
        _seed(services)
        yield services


def _unsealed(event: AuditEvent) -> AuditEvent:
    """An entry without its seal: an erasure seals every entry after the first it rewrites again."""
    return event.model_copy(update={"chain": ""})


def _erase(svc: Services) -> tuple[list[AuditEvent], list[AuditEvent], dict[str, int]]:
    before = svc.store.audit_log()
    counts = svc.privacy.erase(ADMIN, ERASED_ID)
    return before, svc.store.audit_log(), counts


def test_no_audit_entry_keeps_her_names_or_id_beyond_the_ids_of_her_own_records(svc: Services):
    before, after, counts = _erase(svc)
    *earlier, stone = after
    assert any(_mentions(_content(e), "Delphine Marsh") for e in before)  # the test would see a leak
    for event in after:
        assert not [t for t in HER_TRACES if _mentions(_content(event), t)], _content(event)
    her_records = {ERASED_ID, "c-9|p-delphine", "t-1"}
    assert {e.entity_id for e in after if _mentions(e.entity_id, ERASED_ID)} == her_records - {"t-1"}
    assert all(e.before in (None, {"erased": True}) for e in after if e.entity_id in her_records)
    assert stone.action == "person.erase" and stone.entity_id == ERASED_ID
    assert stone.after == {"counts": counts}
    changed = [old for old, new in zip(before, earlier, strict=True) if _unsealed(old) != _unsealed(new)]
    assert counts["audit_entries_scrubbed"] == len(changed) >= 6
    assert svc.store.check() == []  # the trail's seals hold after the rewrite


def test_her_own_entries_keep_who_what_and_when_but_lose_their_content(svc: Services):
    before, after, _ = _erase(svc)
    own = [(old, new) for old, new in zip(before, after, strict=False) if old.entity_id in {ERASED_ID, "t-1"}]
    assert [old.action for old, _ in own] == ["member.add", "person.update", "person.update", "tie.add"]
    for old, new in own:
        kept = {"before", "after", "chain"}
        assert new.model_dump(exclude=kept) == old.model_dump(exclude=kept)
        assert new.after == {"erased": True}
        assert new.before == (None if old.before is None else {"erased": True})


def test_other_people_s_entries_keep_their_own_content(svc: Services):
    before, after, _ = _erase(svc)
    by_action = {e.action: e for e in after if e.entity in {"snapshot", "conference"}}
    snapshot = by_action["snapshot.create"].after
    assert snapshot is not None
    assert [p["name"] for p in snapshot["network"]["people"]] == ["Rowan Ashby", KEPT]
    assert [m["person_id"] for m in snapshot["network"]["memberships"]] == ["p-rowan", "p-tobias"]
    assert snapshot["network"]["ties"] == []
    tobias = next(p for p in snapshot["network"]["people"] if p["name"] == KEPT)
    assert tobias["phone"] == "07700 900777"  # a sealed value of someone else, opened as before
    conference = by_action["conference.create"].after
    assert conference is not None
    assert [i["person_id"] for i in conference["invitees"]] == ["p-tobias"]
    assert [i["what"] for i in conference["plan"]] == ["Tobias brings lunch"]
    [tobias_added] = [e for e in after if e.entity_id == "c-9|p-tobias"]
    assert tobias_added.after is not None and tobias_added.after["role_label"] == "[erased]'s partner"
    untouched = [
        (old, new)
        for old, new in zip(before, after, strict=False)
        if not any(_mentions(_event_text(old), t) for t in HER_TRACES) and old.entity_id != "t-1"
    ]
    assert untouched and all(_unsealed(old) == _unsealed(new) for old, new in untouched)


def test_sqlite_refuses_changes_outside_the_payloads_and_its_file_forgets_her(tmp_path: Path):
    path = tmp_path / "netmap.db"
    svc = bootstrap(f"sqlite:///{path}")
    _seed(svc)
    svc.privacy.erase(ADMIN, ERASED_ID)
    conn = sqlite3.connect(path)
    for change in ("action = 'x'", "at = '2020-01-01T00:00:00Z'", "after = '{}', outcome = 'x'"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            conn.execute(f"UPDATE audit SET {change} WHERE seq = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM audit WHERE seq = 1")
    conn.execute("UPDATE audit SET after = '{\"erased\": true}' WHERE seq = 1")  # what erasure does
    conn.rollback()
    conn.close()
    # Read while the store is still open: its write-ahead log must not keep the old pages either.
    raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    svc.close()
    # Her later name and her birth date were only ever in her record, the snapshot and the trail.
    assert b"Marsh-Ojo" not in raw and b"1970-04-02" not in raw


class _RacedStore:
    """The services' real store, but another user edits the snapshot just before the erasure commits."""

    def __init__(self, inner: GraphStore) -> None:
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def apply(self, batch: WriteBatch) -> list[Record]:
        if batch.scrub is not None:
            snapshot = next(s for s in self.inner.list(Snapshot) if s.taken_on.year == 2025)  # the seed's
            self.inner.apply(WriteBatch(puts=[Put(snapshot.model_copy(update={"label": "FGC"}), 1)]))
        return self.inner.apply(batch)


def test_an_erasure_that_fails_midway_scrubs_nothing(svc: Services):
    raced = _RacedStore(svc.store)
    svc.privacy.store = raced  # type: ignore[assignment]
    before = svc.store.audit_log()
    with pytest.raises(ConflictError, match="snapshot .* was changed by someone else"):
        svc.privacy.erase(ADMIN, ERASED_ID)
    assert svc.store.audit_log() == before
    assert svc.store.get(Person, ERASED_ID) is not None


@pytest.mark.falkordb
def test_the_cypher_store_replans_when_the_trail_grows_between_its_read_and_its_write(falkordb_url: str):
    def mention(seq_note: str) -> AuditEvent:
        return AuditEvent(
            at="2025-06-01T09:00:00Z", actor="amy", action="member.update", entity="membership",
            entity_id="c-1|p-other", after={"role_label": seq_note},
        )  # fmt: skip

    class RacedCypherStore(CypherStore):
        """Another writer appends a mention of her after the scrub was planned, once."""

        raced = False

        def _plan_rewrite(self, unit: Any, batch: WriteBatch) -> Any:
            planned = super()._plan_rewrite(unit, batch)
            if batch.scrub is not None and not self.raced:
                self.raced = True
                with CypherStore(falkordb_url) as other:
                    other.append_audit([mention("Delphine Marsh's neighbour")])
            return planned

    with RacedCypherStore(falkordb_url) as store:
        store.append_audit([mention("Delphine Marsh's partner"), mention("Tobias Quill's partner")])
        stone = AuditEvent(
            at="2025-06-02T09:00:00Z", actor="amy", action="person.erase", entity="person",
            entity_id=ERASED_ID, after={"counts": {}},
        )  # fmt: skip
        store.apply(WriteBatch(scrub=AuditScrub(ERASED_ID, stone, names=("Delphine Marsh",))))
        events = store.audit_log()
    assert store.raced
    assert [e.after["role_label"] for e in events[:-1] if e.after] == [
        "[erased]'s partner",
        "Tobias Quill's partner",
        "[erased]'s neighbour",
    ]
    assert events[-1].after == {"counts": {"audit_entries_scrubbed": 2}}


def test_a_store_made_before_erasure_scrubbed_the_trail_is_upgraded(tmp_path: Path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    number, name, script = MIGRATIONS[0]
    conn.executescript(script)
    conn.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '2025-01-01')", (number, name))
    conn.commit()
    conn.close()
    with bootstrap(f"sqlite:///{path}") as services:
        _seed(services)
        counts = services.privacy.erase(ADMIN, ERASED_ID)
        assert counts["audit_entries_scrubbed"] >= 6
    # the audit trail's own triggers (the kept cohort rows have theirs on the record tables)
    triggers = (
        sqlite3.connect(path)
        .execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")
        .fetchall()
    )
    assert sorted(triggers) == [("audit_no_delete",), ("audit_rewrite_only",)]


def test_the_file_forgets_her_even_while_another_connection_is_reading(tmp_path: Path):
    """Medium 10: with a reader holding a snapshot, the main file still held the erased name."""
    import threading

    path = tmp_path / "netmap.db"
    svc = bootstrap(f"sqlite:///{path}")
    _seed(svc)
    reader = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    reader.execute("BEGIN")
    assert reader.execute("SELECT count(*) FROM person").fetchone()[0] > 0  # a read snapshot is held
    release = threading.Timer(1.0, lambda: reader.execute("COMMIT"))
    release.start()
    svc.privacy.erase(ADMIN, ERASED_ID)  # waits for the reader to move on, then compacts the file
    release.join()
    raw = b"".join(p.read_bytes() for p in path.parent.glob(path.name + "*"))
    reader.close()
    svc.close()
    assert b"Marsh-Ojo" not in raw and b"1970-04-02" not in raw
