"""Restricted fields are encrypted at rest in every store, and nothing opens without the key."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from falkordb import FalkorDB
from neo4j import GraphDatabase

from netmap.bootstrap import bootstrap
from netmap.crypto import KEY_ENV, Keyring, new_key
from netmap.errors import UsageError, WrongKey
from netmap.graph.adapters.cypher.backends import parse_url
from netmap.graph.adapters.encrypted import EncryptedStore
from netmap.graph.factory import open_store
from netmap.graph.store import Put, WriteBatch
from netmap.models import AuditEvent, Membership, Person, Snapshot, SnapshotEvent
from netmap.services.users import SYSTEM_ACTOR
from tests.conftest import TEST_SECRET_KEY as TEST_KEY
from tests.integration.conftest import build_case, network_records

# Every restricted value build_case fills in, as typed.
SECRETS = [
    "Flat 2, 12 Example Road",
    "07700 900123",
    "jo@example.org",
    "Placement address must not be shared with birth family.",
    "Refuge",
    "01632 960001",
    "Lives at a refuge; never record the town.",
]


def _seed(url: str, keys: Keyring | None = None) -> None:
    network = build_case("c-1")
    with open_store(url, keys=keys) as store:
        store.apply(WriteBatch(puts=[Put(r) for r in network_records(network)]))
        snapshot = Snapshot(id="s-1", case_id="c-1", event=SnapshotEvent.REFERRAL, taken_on="2025-01-06",
                            network=network)  # fmt: skip
        before = network.people[0]
        store.apply(
            WriteBatch(
                puts=[Put(snapshot)],
                audit=[
                    AuditEvent(
                        at="2025-01-06T10:00:00Z",
                        actor="coord.amy",
                        action="person.edit",
                        entity="person",
                        entity_id=before.id,
                        case_id="c-1",
                        before=before.model_dump(mode="json"),
                        after=before.model_dump(mode="json"),
                    )
                ],
            )  # fmt: skip
        )


def _raw_graph_text(url: str) -> str:
    """Every property of every node, read with the server's own client, not through netmap."""
    address = parse_url(url)
    query = "MATCH (n) RETURN properties(n)"
    if address.scheme == "falkordb":
        db = FalkorDB(host=address.host, port=address.port, username=address.user, password=address.password)
        rows = [row[0] for row in db.select_graph(address.database).query(query).result_set]
    else:
        auth = (address.user or "", address.password or "")
        with GraphDatabase.driver(address.driver_uri, auth=auth) as driver:
            rows = [record[0] for record in driver.execute_query(query, database_=address.database).records]
    return json.dumps(rows, ensure_ascii=False)


def test_the_raw_sqlite_file_holds_no_restricted_plaintext(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'netmap.db'}"
    _seed(url)
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir() if p.name.startswith("netmap.db"))
    for secret in SECRETS:
        assert secret.encode() not in raw, secret
    assert b"Jordan Vale" in raw  # names stay readable, so the test would see plaintext if it were there
    with open_store(url) as store:
        assert store.get(Person, "c-1-ego").address == SECRETS[0]
        assert store.get_network("c-1").membership("c-1-nan").restrictions[0].details == SECRETS[6]
        [snapshot] = store.list(Snapshot)
        assert snapshot.network.people[0].phone == SECRETS[1]
        assert store.audit_log()[-1].before["email"] == SECRETS[2]
        assert store.check() == []


@pytest.mark.parametrize(
    "server",
    [pytest.param("falkordb", marks=pytest.mark.falkordb), pytest.param("neo4j", marks=pytest.mark.neo4j)],
)
def test_the_raw_graph_holds_no_restricted_plaintext(server: str, request: pytest.FixtureRequest):
    url = request.getfixturevalue(f"{server}_url")
    _seed(url)
    raw = _raw_graph_text(url)
    assert "Jordan Vale" in raw
    for secret in SECRETS:
        assert secret not in raw, secret
    with open_store(url) as store:
        assert store.get(Person, "c-1-ego").email == SECRETS[2]
        assert store.check() == []


def test_empty_restricted_values_stay_empty_so_none_recorded_shows(tmp_path: Path):
    with open_store(f"sqlite:///{tmp_path / 'n.db'}") as store:
        store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann"))]))
        raw = store.inner.get(Person, "p-1")
        assert (raw.address, raw.phone, raw.email, raw.safeguarding_notes) == ("", "", "", "")


def test_without_a_key_no_store_opens_and_the_sentence_says_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.delenv(KEY_ENV)
    db = tmp_path / "netmap.db"
    with pytest.raises(UsageError, match=f"Set {KEY_ENV}"):
        open_store(f"sqlite:///{db}")
    assert not db.exists()  # refused before anything was written


def test_a_malformed_key_is_refused_with_one_sentence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv(KEY_ENV, "not-a-key")
    with pytest.raises(UsageError, match="not a Fernet key"):
        open_store(f"sqlite:///{tmp_path / 'n.db'}")


def test_the_wrong_key_is_refused_for_reads_and_writes_alike(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'n.db'}"
    _seed(url)
    before = (tmp_path / "n.db").read_bytes()
    with pytest.raises(WrongKey, match="not the key the store"):
        open_store(url, keys=Keyring([new_key()]))
    with pytest.raises(WrongKey):
        open_store(url, keys=Keyring([new_key(), new_key()]))
    assert (tmp_path / "n.db").read_bytes() == before  # nothing was read into, nothing written


def test_a_store_from_before_key_fingerprints_refuses_a_key_that_does_not_open_it(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'n.db'}"
    _seed(url)
    with sqlite3.connect(tmp_path / "n.db") as conn:
        conn.execute("DELETE FROM meta")  # as a store written before netmap recorded its key
    with pytest.raises(WrongKey, match="does not open"):
        open_store(url, keys=Keyring([new_key()]))
    with open_store(url) as store:  # the right key is adopted and recorded again
        assert store.meta("key_fingerprint") == Keyring([TEST_KEY]).fingerprints()[0]


def test_the_wrong_key_is_refused_on_every_adapter(store_url: str):
    _seed(store_url)
    with pytest.raises(WrongKey, match="not the key the store"):
        open_store(store_url, keys=Keyring([new_key()]))
    with open_store(store_url) as store:  # the right key still opens it, untouched
        assert store.get(Person, "c-1-ego").address == SECRETS[0]


def test_rotation_reencrypts_every_record_and_the_old_key_can_then_go(store_url: str):
    old, new = new_key(), new_key()
    _seed(store_url, Keyring([old]))
    with open_store(store_url, keys=Keyring([new, old])) as store:
        assert store.rotate("cli:test") == 5  # ego, nan, worker; a membership; the snapshot
        assert store.rotate("cli:test") == 0  # everything is already under the newest key
        assert store.get(Person, "c-1-ego").version == 2
    with open_store(store_url, keys=Keyring([new])) as store:
        assert store.get(Person, "c-1-ego").phone == SECRETS[1]
        assert store.list(Snapshot)[0].network.people[0].address == SECRETS[0]
        # The audit trail was re-encrypted too: nothing in it needs the retired key.
        assert store.audit_log(entity_id="c-1-ego")[-1].before["email"] == SECRETS[2]
        assert store.check() == []
        assert store.audit_log()[-1].action == "keys.rotate"


def test_rotation_seals_plaintext_written_before_encryption(store_url: str):
    with open_store(store_url) as store:
        assert isinstance(store, EncryptedStore)
        store.inner.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann", phone="07700 900555"))]))
        assert store.check() == ["person p-1 phone is stored unencrypted (run: netmap keys rotate)."]
        assert store.rotate("cli:test") == 1
        assert store.check() == []
        assert store.inner.get(Person, "p-1").phone.startswith("enc1:")


def test_a_value_as_long_as_the_model_allows_is_stored_encrypted(tmp_path: Path):
    email = "a" * 187 + "@example.org"
    with open_store(f"sqlite:///{tmp_path / 'n.db'}") as store:
        store.apply(WriteBatch(puts=[Put(Person(id="p-1", name="Ann", email=email))]))
        assert store.get(Person, "p-1").email == email
        assert store.inner.get(Person, "p-1").email.startswith("enc1:")


def test_export_import_export_is_byte_identical_and_exports_are_plaintext(tmp_path: Path):
    with bootstrap(f"sqlite:///{tmp_path / 'a.db'}") as a:
        a.data.load_samples(SYSTEM_ACTOR)
        first = a.data.export_dataset(SYSTEM_ACTOR).model_dump_json()
    with bootstrap(f"sqlite:///{tmp_path / 'b.db'}") as b:
        from netmap.models import Dataset

        b.data.import_dataset(SYSTEM_ACTOR, Dataset.model_validate_json(first))
        second = b.data.export_dataset(SYSTEM_ACTOR).model_dump_json()
    assert first == second
    assert "enc1:" not in first


def test_membership_restriction_details_are_sealed_inside_the_record(tmp_path: Path):
    with open_store(f"sqlite:///{tmp_path / 'n.db'}") as store:
        network = build_case("c-1")
        store.apply(WriteBatch(puts=[Put(r) for r in network_records(network)]))
        raw = store.inner.get(Membership, "c-1|c-1-nan")
        assert raw.restrictions[0].details.startswith("enc1:")
        assert raw.restrictions[0].vetted_by == "coord.amy"


def test_the_demo_keeps_its_own_key_file_beside_its_database_only_when_no_key_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner
):
    from netmap.cli import app

    monkeypatch.delenv(KEY_ENV)
    db = f"sqlite:///{tmp_path / 'demo.db'}"
    made = runner.invoke(app, ["load-samples", "--db", db])
    assert made.exit_code == 1 and f"Set {KEY_ENV}" in made.stderr  # no key, no demo file: refused
    from netmap.cli.app_cmds import _demo_key

    _demo_key(db)
    key_file = tmp_path / "demo.db.key"
    assert key_file.stat().st_mode & 0o777 == 0o600
    Keyring([key_file.read_text().strip()])
    monkeypatch.setenv(KEY_ENV, new_key())
    _demo_key(f"sqlite:///{tmp_path / 'other.db'}")
    assert not (tmp_path / "other.db.key").exists()  # a key is set: no demo key file


def test_after_the_demo_every_command_finds_the_demo_key_and_says_how_to_set_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, runner
):
    from netmap.cli import app
    from netmap.cli.app_cmds import _demo_key

    monkeypatch.delenv(KEY_ENV)
    monkeypatch.chdir(tmp_path)  # the README's commands run with the default store, netmap.db, here
    _demo_key(None)
    loaded = runner.invoke(app, ["load-samples"])
    assert loaded.exit_code == 0, loaded.output
    monkeypatch.setattr("netmap.settings._WARNED", set())  # each command is a new process in real use
    metrics = runner.invoke(app, ["metrics", "c-always-hope"])
    assert metrics.exit_code == 0, metrics.stderr
    assert "Case c-always-hope" in metrics.stdout
    assert f"export {KEY_ENV}=$(cat netmap.db.key)" in metrics.stderr
    # following that line works, and then no warning is needed
    monkeypatch.setenv(KEY_ENV, (tmp_path / "netmap.db.key").read_text().strip())
    again = runner.invoke(app, ["metrics", "c-always-hope"])
    assert again.exit_code == 0 and "demo-only" not in again.stderr


def test_keys_rotate_on_the_command_line(store_url: str, monkeypatch: pytest.MonkeyPatch, admin_cli, runner):
    old, new = new_key(), new_key()
    _seed(store_url, Keyring([old]))
    monkeypatch.setenv(KEY_ENV, f"{new},{old}")
    result = runner.invoke(admin_cli, ["keys", "rotate", "--db", store_url])
    assert result.exit_code == 0 and result.output == "Re-encrypted 5 records with the newest key.\n"
    monkeypatch.setenv(KEY_ENV, new)
    assert runner.invoke(admin_cli, ["check", "--db", store_url]).exit_code == 0
