"""The command line on real SQLite files: JSON backup and restore, samples, users."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netmap.cli import app

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def loaded(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'a.db'}"
    code, out, err = run("load-samples", "--db", url)
    assert code == 0, err
    return url


def test_load_samples_is_idempotent(loaded: str) -> None:
    code, out, err = run("load-samples", "--db", loaded)
    assert code == 0, err
    assert "Added nothing" in out


def test_export_import_export_is_byte_identical(loaded: str, tmp_path: Path) -> None:
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert run("export", "json", "--db", loaded, "-o", str(first))[0] == 0
    empty = f"sqlite:///{tmp_path / 'b.db'}"
    code, out, err = run("import", "json", str(first), "--db", empty)
    assert code == 0, err
    assert run("export", "json", "--db", empty, "-o", str(second))[0] == 0
    assert first.read_bytes() == second.read_bytes()
    assert len(json.loads(first.read_text())["cases"]) >= 5


def test_one_case_exports_only_that_case(loaded: str, tmp_path: Path) -> None:
    everything = json.loads(run("export", "json", "--db", loaded)[1])
    case_id = everything["cases"][0]["id"]
    one = json.loads(run("export", "json", "--case", case_id, "--db", loaded)[1])
    assert [c["id"] for c in one["cases"]] == [case_id]
    assert {t["case_id"] for t in one["ties"]} <= {case_id}
    assert one["users"] == [] and one["grants"] == []


def _export(url: str) -> str:
    code, out, err = run("export", "json", "--db", url)
    assert code == 0, err
    return out


def test_truncated_json_is_refused_naming_the_place_and_nothing_changes(loaded: str, tmp_path: Path) -> None:
    before = _export(loaded)
    bad = tmp_path / "cut.json"
    bad.write_text(before[: len(before) // 2])
    code, out, err = run("import", "json", str(bad), "--db", loaded)
    assert code == 1
    assert "cut.json line" in err and "not valid JSON" in err
    assert "Traceback" not in err and err.count("\n") == 1
    assert _export(loaded) == before


def test_ill_typed_json_names_the_field_and_writes_nothing(loaded: str, tmp_path: Path) -> None:
    data = json.loads(_export(loaded))
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    data["ties"][3]["strength"] = 7
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    code, out, err = run("import", "json", str(bad), "--db", empty)
    assert code == 1
    assert "bad.json ties[3].strength" in err
    assert json.loads(_export(empty))["people"] == []


def test_a_dangling_reference_refuses_the_whole_file(loaded: str, tmp_path: Path) -> None:
    data = json.loads(_export(loaded))
    data["ties"][0]["to_id"] = "p-nobody"
    bad = tmp_path / "dangling.json"
    bad.write_text(json.dumps(data))
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    code, out, err = run("import", "json", str(bad), "--db", empty)
    assert code == 1 and "p-nobody" in err
    assert json.loads(_export(empty))["cases"] == []


def test_dry_run_reports_and_writes_nothing(loaded: str, tmp_path: Path) -> None:
    backup = tmp_path / "all.json"
    run("export", "json", "--db", loaded, "-o", str(backup))
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    code, out, err = run("import", "json", str(backup), "--dry-run", "--db", empty)
    assert code == 0 and out.startswith("Would add")
    assert json.loads(_export(empty))["people"] == []


def test_a_different_record_under_an_existing_id_is_refused(loaded: str, tmp_path: Path) -> None:
    data = json.loads(_export(loaded))
    data["people"][0]["name"] = "Someone Else Entirely"
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data))
    before = _export(loaded)
    code, out, err = run("import", "json", str(changed), "--db", loaded)
    assert code == 1 and "already stored" in err
    assert _export(loaded) == before


def test_users_add_and_list(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'u.db'}"
    code, out, err = run(
        "users", "add", "sam", "--role", "viewer", "--db", url, env={"NETMAP_NEW_PASSWORD": "a-long-password"}
    )
    assert code == 0, err
    code, out, err = run("users", "list", "--db", url)
    assert "sam\tviewer" in out


def test_acting_as_a_user_applies_their_rules(loaded: str) -> None:
    run("load-samples", "--demo-users", "--db", loaded)
    code, out, err = run("export", "json", "--as", "viewer", "--db", loaded)
    assert code == 1 and "may not export the whole store" in err


def test_unknown_store_url_is_one_sentence(tmp_path: Path) -> None:
    code, out, err = run("users", "list", "--db", "postgres://x")
    assert code == 1 and "Unknown store URL" in err and "Traceback" not in err
