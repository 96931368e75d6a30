"""Every command of the command line, run as a commissioner: refused, unless it gives suppressed figures
that name nobody. A command that takes no --as is the operator's at the shell and cannot run as anyone."""

from __future__ import annotations

import inspect
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from netmap.bootstrap import Services
from netmap.cli import COMMANDS, app, keys, users
from netmap.models import Person, PersonKind
from netmap.services.access import Actor

runner = CliRunner()
SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "turning-25.json"


def _args(tmp: Path) -> dict[str, list[str]]:
    """Each command's arguments besides --as and --db: enough for it to run if it were allowed."""
    notes = tmp / "notes.txt"
    notes.write_text("His nan Pat Example rang.", encoding="utf-8")
    services_csv = tmp / "services.csv"
    services_csv.write_text("name,area\nA Hub,Westbrook\n", encoding="utf-8")
    return {
        "import": ["json", str(SAMPLE), "--dry-run"],
        "export": ["json", "--case", "c-always-hope"],
        "users add": ["someone", "--role", "viewer"],
        "users list": [],
        "users grant": ["viewer", "c-always-hope"],
        "users revoke": ["viewer", "c-turning-25"],
        "users role": ["viewer", "practitioner"],
        "users disable": ["viewer"],
        "users enable": ["viewer"],
        "users password": ["viewer"],
        "metrics": ["c-always-hope", "--json"],
        "cohort": ["--json"],
        "due": ["--json"],
        "leads": ["c-always-hope", str(notes)],
        "directory-import": [str(services_csv), "--dry-run"],
        "sar": ["p-ah-jordan", "-o", str(tmp / "sar.json")],
        "erase": ["p-ah-kyle"],
        "audit": ["c-always-hope", "--json"],
    }


def _path(group: object, name: str) -> list[str]:
    prefix = {id(users): ["users"], id(keys): ["keys"]}.get(id(group), [])
    return [*prefix, name]


COMMAND_CELLS = [(" ".join(_path(g, n)), f) for g, n, f in COMMANDS]


@pytest.mark.parametrize(("command", "function"), COMMAND_CELLS, ids=[c for c, _ in COMMAND_CELLS])
def test_every_command_as_a_commissioner(
    command: str,
    function: object,
    sample_services: Services,
    demo_actors: dict[str, Actor],
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NETMAP_NEW_PASSWORD", "a-long-password-2026")
    before = sample_services.store.counts()
    takes_as = "as_user" in inspect.signature(function).parameters  # type: ignore[arg-type]
    args = _args(tmp_path)
    if not takes_as:
        result = runner.invoke(app, [*command.split(), "--as", "commissioner"])
        assert result.exit_code == 2 and "No such option" in result.output, result.output
        return
    assert command in args, f"add {command!r} to _args so it is tried as a commissioner"
    result = runner.invoke(app, [*command.split(), *args[command], "--as", "commissioner", "--db", db_url])
    people = [p for p in sample_services.store.list(Person) if p.kind is PersonKind.PERSON]
    names = {p.name for p in people} | {p.display_name for p in people}
    assert not [n for n in names if n in result.output], f"{command} named a person"
    if command == "cohort":
        assert result.exit_code == 0, result.output
        figures = json.loads(result.stdout)
        assert figures["per_case"] is None
        return
    assert result.exit_code == 1 and "commissioner (commissioner) may not" in result.stderr, result.output
    after = sample_services.store.counts()
    assert {k: v for k, v in after.items() if k != "audit"} == {
        k: v for k, v in before.items() if k != "audit"
    }
