"""Every command of the command line, and every option it takes, is documented for a newcomer."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from netmap.cli import app

ROOT = Path(__file__).resolve().parents[2]


def _commands(group: Any, prefix: str = "netmap") -> list[tuple[str, Any]]:
    """Every command under ``group`` with its full name (typer ships its own click: duck-typed)."""
    found: list[tuple[str, Any]] = []
    for name, command in sorted(group.commands.items()):
        if hasattr(command, "commands"):
            found += _commands(command, f"{prefix} {name}")
        else:
            found.append((f"{prefix} {name}", command))
    return found


COMMANDS = _commands(typer.main.get_group(app))


def _readme_commands() -> list[str]:
    """The lines of the README's command-line summary (its first code block under "Command line")."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Command line", 1)[1]
    block = re.search(r"```\n(.*?)```", section, re.S)
    assert block is not None, "README.md's Command line section has no code block"
    return block.group(1).splitlines()


def _documented(line: str, command: str) -> bool:
    """Whether ``line`` names ``command`` ("netmap keys new|rotate" names "netmap keys rotate")."""
    words = command.split()
    for part in line.split(";"):
        said = part.strip().split()
        if len(said) >= len(words) and said[: len(words) - 1] == words[:-1]:
            if words[-1] in said[len(words) - 1].split("|"):
                return True
    return False


def test_the_command_line_has_commands() -> None:
    names = {name for name, _ in COMMANDS}
    assert {"netmap demo", "netmap import", "netmap users add", "netmap keys rotate"} <= names


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_command_is_in_the_readme_summary(name: str, command: Any) -> None:
    lines = _readme_commands()
    assert any(_documented(line, name) for line in lines), f"README.md's command summary does not show {name}"


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[name for name, _ in COMMANDS])
def test_every_option_is_documented(name: str, command: Any) -> None:
    docs = (ROOT / "README.md").read_text(encoding="utf-8") + "".join(
        path.read_text(encoding="utf-8") for path in sorted((ROOT / "docs").glob("*.md"))
    )
    missing = [
        option
        for parameter in command.params
        if parameter.param_type_name == "option"
        for option in parameter.opts
        if option.startswith("--") and option != "--help" and not re.search(re.escape(option) + r"\b", docs)
    ]
    assert missing == [], f"{name}: {', '.join(missing)} not documented in README.md or docs/"
    assert command.help, f"{name} has no help text for `{name} --help`"
