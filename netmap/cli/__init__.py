"""The netmap command line: one typer app; each command is a module-level function in an area's module."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer

from netmap.cli import (
    admin_cmds,
    analytics_cmds,
    app_cmds,
    audit_cmds,
    bench_cmds,
    data_cmds,
    directory_cmds,
    planning_cmds,
    store_cmds,
    user_cmds,
)

__all__ = ["app", "main"]

app = typer.Typer(
    name="netmap",
    help="Map and strengthen the support network around care-experienced young people.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
keys = typer.Typer(help="Field encryption keys (NETMAP_SECRET_KEY).", no_args_is_help=True)
users = typer.Typer(help="Manage local accounts.", no_args_is_help=True)
app.add_typer(keys, name="keys")
app.add_typer(users, name="users")

# (group, command name, function): the whole command line in one table.
COMMANDS: list[tuple[typer.Typer, str, Callable[..., Any]]] = [
    (app, "demo", app_cmds.demo),
    (app, "serve", app_cmds.serve),
    (app, "load-samples", app_cmds.load_samples),
    (app, "import", data_cmds.import_),
    (app, "export", data_cmds.export),
    (users, "add", user_cmds.add),
    (users, "list", user_cmds.list_),
    (users, "grant", user_cmds.grant),
    (users, "revoke", user_cmds.revoke),
    (users, "role", user_cmds.role),
    (users, "disable", user_cmds.disable),
    (users, "enable", user_cmds.enable),
    (users, "password", user_cmds.password),
    (app, "metrics", analytics_cmds.metrics_),
    (app, "cohort", analytics_cmds.cohort),
    (app, "directory-import", directory_cmds.directory_import),
    (app, "due", planning_cmds.due),
    (app, "leads", planning_cmds.leads),
    (app, "copy", store_cmds.copy),
    (app, "bench", bench_cmds.bench),
    (keys, "new", admin_cmds.keys_new),
    (keys, "rotate", admin_cmds.keys_rotate),
    (app, "check", admin_cmds.check),
    (app, "backup", admin_cmds.backup),
    (app, "restore", admin_cmds.restore),
    (app, "sar", admin_cmds.sar),
    (app, "erase", admin_cmds.erase),
    (app, "audit", audit_cmds.audit),
]
for group, name, function in COMMANDS:
    group.command(name)(function)


def main() -> None:
    app()
