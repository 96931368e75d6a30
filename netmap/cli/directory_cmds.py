"""Commands on the local services directory: a bulk import from CSV."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from netmap.cli.common import AsOption, DbOption, acting, handle_errors, open_services

__all__ = ["directory_import"]


@handle_errors
def directory_import(
    path: Annotated[Path, typer.Argument(help="A CSV file of services, one a row (see docs/formats.md).")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check every row and write nothing.")] = False,
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Add or change local services in the directory from a CSV file: every row or none."""
    from netmap.ingest.files import read_bytes

    data = read_bytes(path)
    with open_services(db) as services:
        added, changed = services.directory.import_services(
            acting(services, as_user), data, path.name, dry_run=dry_run
        )
    verb = "Would add" if dry_run else "Added"
    typer.echo(
        f"{verb} {added} service{'s' if added != 1 else ''} and {'would change' if dry_run else 'changed'} {changed}."
    )
