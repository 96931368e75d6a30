"""Medium 9: the audit trail is tamper-evident, and rotation leaves nothing under the old key (High 4).

Someone with the store file (or the graph) but not the key drops the guard, deletes entries and
edits a name: ``netmap check`` now names each change. A key rotation re-encrypts the audit trail
and seals it again, so the old key opens nothing afterwards.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from falkordb import FalkorDB
from typer.testing import CliRunner

from netmap.bootstrap import bootstrap
from netmap.cli import app
from netmap.crypto import KEY_ENV, Keyring, new_key
from netmap.graph.adapters.encrypted import EncryptedStore
from netmap.graph.factory import open_store
from netmap.models import Person
from netmap.services.users import SYSTEM_ACTOR
from tests.integration.conftest import build_case, network_records


def _seed(url: str, keys: Keyring | None = None) -> None:
    with bootstrap(url, store=open_store(url, keys=keys)) as services:
        network = build_case("c-1")
        services.data.import_dataset(SYSTEM_ACTOR, _dataset(network))
        ego = services.store.get(Person, network.case.ego_id)
        assert ego is not None
        for name in ("Jo Example-Vale", "Jo Vale"):
            ego = services.network.update_person(SYSTEM_ACTOR, "c-1", ego.model_copy(update={"name": name}))


def _dataset(network):  # noqa: ANN001, ANN202
    from netmap.models import Dataset

    records = network_records(network)
    fields: dict[str, list] = {}
    for record in records:
        name = {"person": "people", "case": "cases", "membership": "memberships", "kin": "kin", "tie": "ties"}
        fields.setdefault(name[record.table], []).append(record)
    return Dataset(**fields)


def test_a_sealed_trail_checks_clean_on_every_store(store_url: str) -> None:
    _seed(store_url)
    with open_store(store_url) as store:
        events = store.audit_log()
        assert len(events) > 5 and all(e.chain for e in events)
        assert store.check() == []


def test_sqlite_tampering_is_named_by_check(tmp_path: Path) -> None:
    path = tmp_path / "n.db"
    url = f"sqlite:///{path}"
    _seed(url)
    with sqlite3.connect(path) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DROP TRIGGER audit_rewrite_only")
        conn.execute("DELETE FROM audit WHERE seq IN (3, 4)")
        row = conn.execute("SELECT seq, after FROM audit WHERE after LIKE '%Jo Vale%'").fetchone()
        conn.execute(
            "UPDATE audit SET after = ? WHERE seq = ?", (row[1].replace("Jo Vale", "Jo Smith"), row[0])
        )
    result = CliRunner().invoke(app, ["check", "--db", url])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "The audit trail's guard audit_no_delete is missing: the trail can be changed or deleted." in lines
    assert (
        "The audit trail's guard audit_rewrite_only is missing: the trail can be changed or deleted." in lines
    )
    assert "Audit entries 3 to 4 are missing: the trail was cut." in lines
    assert f"Audit entry {row[0]} does not match its seal: it or the entry before it was changed." in lines


def test_falkordb_tampering_is_named_by_check(falkordb_url: str) -> None:
    _seed(falkordb_url)
    host, rest = falkordb_url.removeprefix("falkordb://").split("/", 1)
    graph = FalkorDB(host=host.split(":")[0], port=int(host.split(":")[1])).select_graph(rest)
    graph.query("MATCH (a:Audit {seq: 2}) DELETE a")
    data = graph.query("MATCH (a:Audit) WHERE a.data CONTAINS 'Jo Vale' RETURN a.seq, a.data").result_set[0]
    edited = json.loads(data[1])
    edited["after"]["name"] = "Jo Smith"
    graph.query(
        "MATCH (a:Audit {seq: $seq}) SET a.data = $data", {"seq": data[0], "data": json.dumps(edited)}
    )
    with open_store(falkordb_url) as store:
        problems = store.check()
    assert "Audit entry 2 is missing: the trail was cut." in problems
    assert (
        f"Audit entry {data[0]} does not match its seal: it or the entry before it was changed." in problems
    )


def test_rotation_leaves_no_audit_value_under_the_old_key(store_url: str) -> None:
    old, new = new_key(), new_key()
    _seed(store_url, Keyring([old]))
    with open_store(store_url, keys=Keyring([old])) as store:
        assert isinstance(store, EncryptedStore)
        sealed_before = _sealed_audit_values(store)
        assert sealed_before  # restricted values really sit in the trail
    with open_store(store_url, keys=Keyring([new, old])) as store:
        assert any("older key" in p for p in store.check())  # check names what still needs the old key
        assert isinstance(store, EncryptedStore)
        store.rotate("cli:test")
        assert store.check() == []
    with open_store(store_url, keys=Keyring([new])) as store:
        assert isinstance(store, EncryptedStore)
        after = _sealed_audit_values(store)
        assert len(after) == len(sealed_before)
        old_ring = Keyring([old])
        for value in after:
            try:
                old_ring.open(value)
            except Exception:  # noqa: BLE001 - the old key must fail on every value
                continue
            raise AssertionError("an audit value still opens with the retired key")
        assert store.check() == []


def test_keys_rotate_on_the_command_line_moves_the_store_to_the_new_key(tmp_path: Path, monkeypatch) -> None:
    url = f"sqlite:///{tmp_path / 'n.db'}"
    old, new = new_key(), new_key()
    _seed(url, Keyring([old]))
    monkeypatch.setenv(KEY_ENV, f"{new},{old}")
    assert CliRunner().invoke(app, ["keys", "rotate", "--db", url]).exit_code == 0
    monkeypatch.setenv(KEY_ENV, new)
    checked = CliRunner().invoke(app, ["check", "--db", url])
    assert checked.exit_code == 0, checked.stdout
    monkeypatch.setenv(KEY_ENV, old)
    refused = CliRunner().invoke(app, ["check", "--db", url])
    assert refused.exit_code == 1 and "not the key the store" in refused.stderr


def _sealed_audit_values(store: EncryptedStore) -> list[str]:
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str) and value.startswith("enc1:"):
            found.append(value)

    for event in store.inner.audit_log():
        walk(event.before)
        walk(event.after)
    return found
