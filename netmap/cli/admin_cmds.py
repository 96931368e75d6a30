"""Operator commands: keys new/rotate, sar, erase, check, backup, restore."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from netmap.cli.common import AsOption, DbOption, acting, fail, handle_errors, open_services, private_output
from netmap.crypto import new_key
from netmap.graph.adapters.encrypted import EncryptedStore
from netmap.graph.transfer import backup as backup_store
from netmap.graph.transfer import mac_path
from netmap.graph.transfer import restore as restore_store
from netmap.graph.urls import redact_url
from netmap.settings import Settings

__all__ = ["backup", "check", "erase", "keys_new", "keys_rotate", "restore", "sar"]

PersonArg = Annotated[str, typer.Argument(metavar="PERSON_ID", help="The person's id.")]


def keys_new() -> None:
    """Print a fresh key; put it first in NETMAP_SECRET_KEY, keeping the old one after a comma."""
    typer.echo(new_key())


@handle_errors
def keys_rotate(db: DbOption = None) -> None:
    """Re-encrypt every record with the newest key in NETMAP_SECRET_KEY, in one batch."""
    with open_services(db) as services:
        store = services.store
        assert isinstance(store, EncryptedStore)
        count = store.rotate(acting(services, None).username, services.cases.clock())
    typer.echo(f"Re-encrypted {count} record{'s' if count != 1 else ''} with the newest key.")


@handle_errors
def sar(
    person_id: PersonArg,
    output: Annotated[Path, typer.Option("-o", "--output", help="New JSON file to write.")],
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Subject access: export everything held about one person (admin only; audited)."""
    if output.exists():
        fail(f"{output} already exists; choose a new file name.")
    with open_services(db) as services:
        report = services.privacy.subject_access(acting(services, as_user), person_id)
    with private_output(output) as path:
        path.write_text(
            json.dumps(report, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
        )
    typer.echo(f"Wrote everything held about {person_id} to {output}.")


@handle_errors
def erase(
    person_id: PersonArg,
    with_cases: Annotated[
        bool, typer.Option("--with-cases", help="Also erase the cases where they are the young person.")
    ] = False,
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Erase one person from every case, tie, snapshot and conference (admin only; audited)."""
    with open_services(db) as services:
        counts = services.privacy.erase(acting(services, as_user), person_id, with_own_cases=with_cases)
    detail = ", ".join(f"{n} {name}" for name, n in sorted(counts.items()) if n) or "nothing else"
    typer.echo(f"Erased {person_id}: {detail}.")


@handle_errors
def check(db: DbOption = None) -> None:
    """Check the store's integrity; print each problem and exit 1 if there are any."""
    with open_services(db) as services:
        problems = services.store.check()
        url = services.store.url
    for problem in problems:
        typer.echo(problem)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"{redact_url(url)}: no problems found.")


@handle_errors
def backup(
    output: Annotated[Path, typer.Option("-o", "--output", help="New backup file.")],
    db: DbOption = None,
) -> None:
    """Back up the store (SQLite: online backup; others: backup lines), authenticated by a MAC under its key."""
    backup_store(Settings().store_url(db), output)
    typer.echo(f"Backed up to {output} (owner-only), authenticated by {mac_path(output).name}.")


@handle_errors
def restore(
    path: Annotated[Path, typer.Argument(metavar="FILE", help="A backup made by netmap backup.")],
    db: DbOption = None,
) -> None:
    """Verify a backup's MAC with the key, then restore it into an empty store, all or nothing."""
    url = Settings().store_url(db)
    counts = restore_store(path, url)
    records = sum(n for table, n in counts.items() if table != "audit")
    typer.echo(
        f"Restored {records} records and {counts.get('audit', 0)} audit events into {redact_url(url)}."
    )
