"""Commands that move data in and out: import FORMAT PATH, export FORMAT."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from netmap.cli.common import AsOption, DbOption, acting, fail, handle_errors, open_services
from netmap.ingest import json_format, reader, writer

__all__ = ["register"]

CaseOption = Annotated[str | None, typer.Option("--case", help="The case to import into or export.")]


def register(app: typer.Typer) -> None:
    @app.command("import")
    @handle_errors
    def import_(
        fmt: Annotated[
            str,
            typer.Argument(metavar="FORMAT", help="json, csv, xlsx, gedcom, networkcanvas, kumu, graphml"),
        ],
        path: Annotated[Path, typer.Argument(help="The file (or folder, for Network Canvas CSV) to import.")],
        case: CaseOption = None,
        dry_run: Annotated[
            bool, typer.Option("--dry-run", help="Validate and show what would change; write nothing.")
        ] = False,
        db: DbOption = None,
        as_user: AsOption = None,
    ) -> None:
        """Import a file: validated first, then committed all-or-nothing."""
        dataset = reader(fmt)(path, case_id=case)
        with open_services(db) as services:
            summary = services.data.import_dataset(
                acting(services, as_user), dataset, dry_run=dry_run, source=path.name
            )
        typer.echo(summary.sentence())

    @app.command("export")
    @handle_errors
    def export(
        fmt: Annotated[
            str, typer.Argument(metavar="FORMAT", help="json, graphml, gedcom, kumu, csv, xlsx, pack")
        ],
        case: CaseOption = None,
        output: Annotated[
            Path | None,
            typer.Option("-o", "--output", help="File to write (default: standard output for json)."),
        ] = None,
        db: DbOption = None,
        as_user: AsOption = None,
    ) -> None:
        """Export the whole store or one case (json), or one case in another format."""
        with open_services(db) as services:
            actor = acting(services, as_user)
            if fmt == "json":
                text = json_format.dumps(services.data.export_dataset(actor, case))
                if output is None:
                    sys.stdout.write(text)
                else:
                    output.write_text(text, encoding="utf-8")
                return
            write = writer(fmt)
            if case is None or output is None:
                fail(f"Exporting {fmt} needs --case ID and -o PATH.")
            assert case is not None and output is not None
            write(services.data.export_network(actor, case), output)
        typer.echo(f"Wrote {output}.")
