"""Subject access and erasure: admin only, complete, audited without personal data."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from netmap.bootstrap import Services, bootstrap
from netmap.errors import AccessDenied, ValidationFailed
from netmap.graph.store import Put, WriteBatch
from netmap.models import (
    Case,
    Conference,
    ContactEvent,
    ContactMethod,
    Invitee,
    Kin,
    Membership,
    Person,
    PlanItem,
    Restriction,
    RestrictionKind,
    Role,
    Sector,
    Snapshot,
    SnapshotEvent,
    Tie,
    User,
)
from netmap.services.access import Actor
from netmap.services.users import SYSTEM_ACTOR
from tests.integration.conftest import build_case, network_records

NAN = "c-1-nan"


@pytest.fixture
def svc(store_url: str) -> Services:
    with bootstrap(store_url) as services:
        one = build_case("c-1")
        two = build_case("c-2")
        nan = one.person(NAN)
        other_case = two.case.model_copy(update={"sharing": two.case.sharing.model_copy(
            update={"hidden_people": [NAN]})})  # fmt: skip
        guard = Restriction(id="r-9", kind=RestrictionKind.NON_ASSOCIATION, other_person_id=NAN)
        two_memberships = [
            m.model_copy(update={"restrictions": [guard]}) if m.person_id == "c-2-ego" else m
            for m in two.memberships
        ]
        records = [
            *network_records(one),
            *two.people, other_case, *two_memberships, *two.kin, *two.ties,
            Membership.make("c-2", NAN, sector=Sector.FAMILY, ring=2),
            Tie(id="c-2-t9", case_id="c-2", from_id="c-2-ego", to_id=NAN),
            Snapshot(id="s-1", case_id="c-2", event=SnapshotEvent.REFERRAL, taken_on=date(2025, 1, 6),
                     network=two.model_copy(update={"people": [*two.people, nan], "memberships": [
                         *two.memberships, Membership.make("c-2", NAN, sector=Sector.FAMILY)]})),
            Conference(id="f-1", case_id="c-2", invitees=[Invitee(person_id=NAN), Invitee(person_id="c-2-sis")],
                       plan=[PlanItem(id="i-1", what="Sunday lunch", owner_id=NAN),
                             PlanItem(id="i-2", what="College forms", owner_id="c-2-pa")]),
            ContactEvent(id="e-1", case_id="c-1", person_id=NAN, on=date(2025, 2, 2), method=ContactMethod.CALL),
            User(id="nan.vale", role=Role.VIEWER, person_id=NAN),
        ]  # fmt: skip
        services.store.apply(WriteBatch(puts=[Put(r) for r in records]))
        yield services


def test_subject_access_exports_everything_held_including_restricted_details(svc: Services):
    report = svc.privacy.subject_access(SYSTEM_ACTOR, NAN)
    assert report["person"]["address"] == "Refuge"
    assert {m["case_id"] for m in report["memberships"]} == {"c-1", "c-2"}
    assert (
        report["memberships"][0]["restrictions"][0]["details"] == "Lives at a refuge; never record the town."
    )
    assert {t["id"] for t in report["ties"]} == {"c-1-t1", "c-1-t4", "c-2-t9"}
    assert {k["id"] for k in report["kin"]} == {"c-1-k1"}
    assert [e["id"] for e in report["contact_events"]] == ["e-1"]
    assert report["conferences"][0]["plan_items"][0]["what"] == "Sunday lunch"
    assert report["snapshots"][0]["person"][0]["name"] == "Maureen Vale"
    assert report["accounts"] == [
        {
            k: v
            for k, v in User(id="nan.vale", role=Role.VIEWER, person_id=NAN, version=1)
            .model_dump(mode="json")
            .items()
            if k != "password_hash"
        }  # fmt: skip
    ]
    json.dumps(report)
    assert svc.store.audit_log()[-1].action == "person.sar"


@pytest.mark.parametrize("role", [r for r in Role if r is not Role.ADMIN])
def test_only_an_admin_may_request_subject_access_or_erase(svc: Services, role: Role):
    actor = Actor(username="someone", role=role, case_ids=frozenset({"c-1", "c-2"}), person_id=NAN)
    with pytest.raises(AccessDenied, match="erase or export a person's data"):
        svc.privacy.subject_access(actor, NAN)
    with pytest.raises(AccessDenied):
        svc.privacy.erase(actor, NAN)
    assert svc.store.get(Person, NAN) is not None


def test_erasure_removes_the_person_everywhere_and_leaves_a_tombstone_without_personal_data(svc: Services):
    before_audit = len(svc.store.audit_log())
    counts = svc.privacy.erase(SYSTEM_ACTOR, NAN)
    store = svc.store
    assert store.get(Person, NAN) is None
    assert all(m.person_id != NAN for m in store.list(Membership))
    assert all(NAN not in (t.from_id, t.to_id) for t in store.list(Tie))
    assert all(NAN not in (k.from_id, k.to_id) for k in store.list(Kin))
    assert store.list(ContactEvent) == []
    assert store.get(User, "nan.vale") is None
    [snapshot] = store.list(Snapshot)
    assert NAN not in {p.id for p in snapshot.network.people}
    assert snapshot.network.membership(NAN) is None
    [conference] = store.list(Conference)
    assert [i.person_id for i in conference.invitees] == ["c-2-sis"]
    assert [i.id for i in conference.plan] == ["i-2"]
    assert NAN not in store.get(Case, "c-2").sharing.hidden_people
    assert store.get(Membership, "c-2|c-2-ego").restrictions == []
    assert counts["snapshots"] == 1 and counts["conferences"] == 1 and counts["accounts"] == 1
    events = store.audit_log()[before_audit:]
    assert [e.action for e in events] == ["person.erase"]
    assert events[0].before is None and set(events[0].after) == {"counts"}
    assert "Maureen" not in events[0].model_dump_json() and "Refuge" not in events[0].model_dump_json()
    assert store.check() == []


def test_a_young_person_s_own_cases_go_only_when_asked(svc: Services):
    with pytest.raises(ValidationFailed, match="young person of case c-1.*--with-cases"):
        svc.privacy.erase(SYSTEM_ACTOR, "c-1-ego")
    assert svc.store.get(Case, "c-1") is not None
    svc.privacy.erase(SYSTEM_ACTOR, "c-1-ego", with_own_cases=True)
    assert svc.store.get(Case, "c-1") is None and svc.store.get(Person, "c-1-ego") is None
    assert svc.store.get(Case, "c-2") is not None
    assert svc.store.check() == []


def test_sar_and_erase_on_the_command_line(tmp_path: Path, admin_cli: typer.Typer, runner: CliRunner):
    url = f"sqlite:///{tmp_path / 'n.db'}"
    with bootstrap(url) as services:
        services.store.apply(WriteBatch(puts=[Put(r) for r in network_records(build_case("c-1"))]))
    out = tmp_path / "sar.json"
    result = runner.invoke(admin_cli, ["sar", NAN, "-o", str(out), "--db", url])
    assert result.exit_code == 0, result.output
    assert json.loads(out.read_text())["person"]["address"] == "Refuge"
    assert out.stat().st_mode & 0o077 == 0
    again = runner.invoke(admin_cli, ["sar", NAN, "-o", str(out), "--db", url])
    assert again.exit_code == 1 and "already exists" in again.output
    result = runner.invoke(admin_cli, ["erase", NAN, "--db", url])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Erased {NAN}: ")
    missing = runner.invoke(admin_cli, ["erase", NAN, "--db", url])
    assert missing.exit_code == 1 and f"There is no person {NAN}." in missing.output
    raw = sqlite3.connect(tmp_path / "n.db").execute("SELECT data FROM person").fetchall()
    assert all("Maureen" not in data for (data,) in raw)
