"""Backup and restore with checksums, and `netmap check`, through the command line."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import typer
from typer.testing import CliRunner

from netmap.bootstrap import bootstrap
from netmap.graph.backup import checksum_path
from netmap.graph.factory import open_store
from netmap.models import Person
from netmap.services.users import SYSTEM_ACTOR


def _filled(url: str) -> dict[str, int]:
    with bootstrap(url) as services:
        services.data.load_samples(SYSTEM_ACTOR)
        return services.store.counts()


def test_backup_and_restore_round_trip_on_every_adapter(
    store_url: str, tmp_path: Path, admin_cli: typer.Typer, runner: CliRunner
):
    counts = _filled(store_url)
    out = tmp_path / "backup.nmb"
    made = runner.invoke(admin_cli, ["backup", "-o", str(out), "--db", store_url])
    assert made.exit_code == 0, made.output
    assert checksum_path(out).read_text().split()[1] == out.name
    assert out.stat().st_mode & 0o077 == 0
    assert b"Refuge" not in out.read_bytes()  # restricted fields stay sealed in the backup
    target = f"sqlite:///{tmp_path / 'restored.db'}" if store_url.startswith("sqlite") else store_url + "-r"
    done = runner.invoke(admin_cli, ["restore", str(out), "--db", target])
    assert done.exit_code == 0, done.output
    with open_store(store_url) as a, open_store(target) as b:
        assert b.counts() == counts
        assert b.list(Person) == a.list(Person)
        assert b.audit_log() == a.audit_log()
    checked = runner.invoke(admin_cli, ["check", "--db", target])
    assert checked.exit_code == 0 and "no problems found" in checked.output


def test_a_backup_that_does_not_match_its_checksum_is_refused(
    tmp_path: Path, admin_cli: typer.Typer, runner: CliRunner
):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    _filled(url)
    out = tmp_path / "backup.db"
    assert runner.invoke(admin_cli, ["backup", "-o", str(out), "--db", url]).exit_code == 0
    data = bytearray(out.read_bytes())
    data[-100] ^= 0xFF
    out.write_bytes(bytes(data))
    target = tmp_path / "b.db"
    result = runner.invoke(admin_cli, ["restore", str(out), "--db", f"sqlite:///{target}"])
    assert result.exit_code == 1
    assert "does not match its checksum" in result.output and "nothing was restored" in result.output
    assert not target.exists()
    checksum_path(out).unlink()
    result = runner.invoke(admin_cli, ["restore", str(out), "--db", f"sqlite:///{target}"])
    assert result.exit_code == 1 and "is missing" in result.output


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
