"""Backup and restore with checksums, and `netmap check`, through the command line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import typer
from typer.testing import CliRunner

from netmap.bootstrap import bootstrap
from netmap.crypto import KEY_ENV, Keyring, new_key
from netmap.graph.factory import open_store
from netmap.graph.transfer import mac_path
from netmap.models import Person
from netmap.services.users import SYSTEM_ACTOR
from tests.integration.conftest import another_empty_store

OTHER = new_key()


def _filled(url: str) -> dict[str, int]:
    with bootstrap(url) as services:
        services.data.load_samples(SYSTEM_ACTOR)
        return services.store.counts()


def test_backup_and_restore_round_trip_on_every_adapter(
    store_url: str, tmp_path: Path, admin_cli: typer.Typer, runner: CliRunner
):
    counts = _filled(store_url)
    with open_store(store_url) as original:
        people = original.list(Person)
        unsealed = [e.model_copy(update={"chain": ""}) for e in original.audit_log()]
    out = tmp_path / "backup.nmb"
    made = runner.invoke(admin_cli, ["backup", "-o", str(out), "--db", store_url])
    assert made.exit_code == 0, made.output
    assert mac_path(out).read_text().startswith("netmap-backup-mac v1 ")
    assert out.stat().st_mode & 0o077 == 0
    assert b"Refuge" not in out.read_bytes()  # restricted fields stay sealed in the backup
    target = another_empty_store(store_url, "restored")
    done = runner.invoke(admin_cli, ["restore", str(out), "--db", target])
    assert done.exit_code == 0, done.output
    with open_store(target) as restored:
        assert restored.counts() == counts
        assert restored.list(Person) == people
        assert [e.model_copy(update={"chain": ""}) for e in restored.audit_log()] == unsealed
    checked = runner.invoke(admin_cli, ["check", "--db", target])
    assert checked.exit_code == 0 and "no problems found" in checked.output


def test_a_changed_backup_is_refused_even_with_a_fresh_checksum(
    tmp_path: Path, admin_cli: typer.Typer, runner: CliRunner
):
    """Medium 8: a planted admin, deleted audit rows and a dropped guard restored cleanly once."""
    url = f"sqlite:///{tmp_path / 'a.db'}"
    _filled(url)
    out = tmp_path / "backup.db"
    assert runner.invoke(admin_cli, ["backup", "-o", str(out), "--db", url]).exit_code == 0
    with sqlite3.connect(out) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit WHERE seq < 5")
        conn.execute(
            """INSERT INTO "user" (id, version, person_id, data) VALUES ('mallory', 1, NULL,
            '{"id": "mallory", "version": 1, "role": "admin", "display_name": "M"}')"""
        )
    import hashlib

    # what an attacker can do with a plain checksum: make a new one
    Path(f"{out}.sha256").write_text(hashlib.sha256(out.read_bytes()).hexdigest() + f"  {out.name}\n")
    target = tmp_path / "b.db"
    result = runner.invoke(admin_cli, ["restore", str(out), "--db", f"sqlite:///{target}"])
    assert result.exit_code == 1
    assert "does not match its MAC" in result.output and "nothing was restored" in result.output
    assert not target.exists()  # the target is as it was: not there
    mac_path(out).unlink()
    result = runner.invoke(admin_cli, ["restore", str(out), "--db", f"sqlite:///{target}"])
    assert result.exit_code == 1 and "is missing" in result.output


def test_a_restore_under_another_key_touches_nothing(
    tmp_path: Path, admin_cli: typer.Typer, runner: CliRunner, monkeypatch
):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    _filled(url)
    out = tmp_path / "backup.db"
    assert runner.invoke(admin_cli, ["backup", "-o", str(out), "--db", url]).exit_code == 0
    target = tmp_path / "b.db"
    open_store(f"sqlite:///{target}", keys=Keyring([OTHER])).close()  # an empty store with another key
    before = target.read_bytes()
    monkeypatch.setenv(KEY_ENV, OTHER)
    result = runner.invoke(admin_cli, ["restore", str(out), "--db", f"sqlite:///{target}"])
    assert result.exit_code == 1 and "made with another key" in result.output
    assert target.read_bytes() == before


def test_restore_refuses_a_store_that_already_holds_data(
    tmp_path: Path, admin_cli: typer.Typer, runner: CliRunner
):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    _filled(url)
    out = tmp_path / "backup.db"
    assert runner.invoke(admin_cli, ["backup", "-o", str(out), "--db", url]).exit_code == 0
    result = runner.invoke(admin_cli, ["restore", str(out), "--db", url])
    assert result.exit_code == 1 and "is not empty" in result.output
    assert runner.invoke(admin_cli, ["backup", "-o", str(out), "--db", url]).exit_code == 1


def test_check_prints_each_problem_and_exits_1(tmp_path: Path, admin_cli: typer.Typer, runner: CliRunner):
    db = tmp_path / "a.db"
    url = f"sqlite:///{db}"
    _filled(url)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute('DELETE FROM person WHERE id = (SELECT ego_id FROM "case" LIMIT 1)')
    conn.commit()
    conn.close()
    result = runner.invoke(admin_cli, ["check", "--db", url])
    assert result.exit_code == 1
    assert result.output.strip() and "no problems" not in result.output


def test_keys_new_prints_a_usable_key_and_never_the_same_one(admin_cli: typer.Typer, runner: CliRunner):
    from netmap.crypto import Keyring

    first, second = runner.invoke(admin_cli, ["keys", "new"]), runner.invoke(admin_cli, ["keys", "new"])
    assert first.exit_code == second.exit_code == 0
    keys = [first.stdout.strip(), second.stdout.strip()]
    assert keys[0] != keys[1] and all(len(key) == 44 for key in keys)
    ring = Keyring(keys)
    assert Keyring([keys[0]]).open(ring.seal("07700 900123")) == "07700 900123"


def test_exports_are_owner_only_and_a_failed_export_leaves_no_file(
    tmp_path: Path, admin_cli: typer.Typer, runner: CliRunner, monkeypatch
):
    """Low: exports, the plaintext JSON included, were world-readable; a failed export left a partial file."""
    url = f"sqlite:///{tmp_path / 'a.db'}"
    _filled(url)
    for args, name in (
        (["export", "json"], "all.json"),
        (["export", "csv", "--case", "c-fgc-jade"], "jade.csv"),
        (["export", "pack", "--case", "c-fgc-jade"], "jade.pdf"),
        (["sar", "p-jade-jade"], "jade-sar.json"),
    ):
        out = tmp_path / name
        result = runner.invoke(admin_cli, [*args, "-o", str(out), "--db", url])
        assert result.exit_code == 0, result.output
        assert out.stat().st_mode & 0o777 == 0o600, name
    from netmap.ingest import csv_xlsx

    def broken(network, path):  # noqa: ANN001, ANN202 - a writer that fails halfway
        path.write_text("name,role\nJade,", encoding="utf-8")
        raise OSError(28, "No space left on device")

    monkeypatch.setitem(csv_xlsx.__dict__, "write", broken)
    monkeypatch.setattr("netmap.services.files.writer", lambda fmt: broken)
    failed = tmp_path / "failed.csv"
    result = runner.invoke(
        admin_cli, ["export", "csv", "--case", "c-fgc-jade", "-o", str(failed), "--db", url]
    )
    assert result.exit_code != 0
    assert not failed.exists() and not list(tmp_path.glob(".*.partial"))
    assert (tmp_path / "jade_ties.csv").stat().st_mode & 0o777 == 0o600  # a CSV export's second file too
