"""The netmap command line: one typer app; each area registers its commands from its own module."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="netmap",
    help="Map and strengthen the support network around care-experienced young people.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Each module defines ``register(app: typer.Typer) -> None``.
COMMAND_MODULES = [
    "netmap.cli.app_cmds",
    "netmap.cli.data_cmds",
    "netmap.cli.user_cmds",
    "netmap.cli.analytics_cmds",
    "netmap.cli.bench_cmds",
    "netmap.cli.store_cmds",
    "netmap.cli.planning_cmds",
    "netmap.cli.admin_cmds",
]

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    app()
