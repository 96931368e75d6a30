"""Commands that move data in and out: import FORMAT PATH, export FORMAT."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any

import typer

from netmap.cli.common import AsOption, DbOption, acting, fail, handle_errors, open_services, private_output
from netmap.cli.planning_cmds import export_pack
from netmap.ingest import MAPPABLE, json_stream, reader, writer
from netmap.ingest.columns import parse_mapping
from netmap.ingest.csv_xlsx import template

__all__ = ["export", "import_"]

CaseOption = Annotated[str | None, typer.Option("--case", help="The case to import into or export.")]
FormatIn = Annotated[
    str, typer.Argument(metavar="FORMAT", help="json, csv, xlsx, gedcom, networkcanvas, kumu or graphml.")
]
FormatOut = Annotated[
    str, typer.Argument(metavar="FORMAT", help="json, csv, xlsx, gedcom, kumu, graphml or pack.")
]
Output = Annotated[Path | None, typer.Option("-o", "--output", help="File to write (json: default stdout).")]
DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Validate and show what would change; write nothing.")
]
Mapping = Annotated[
    str | None,
    typer.Option(
        "--mapping", help="Rename columns: 'Their column=netmap column; Other=-' (csv, xlsx, networkcanvas)."
    ),
]
Template = Annotated[bool, typer.Option("--template", help="csv/xlsx: write the empty column template.")]


@handle_errors
def import_(
    fmt: FormatIn,
    path: Annotated[Path, typer.Argument(help="The file (or folder, for Network Canvas CSV) to import.")],
    case: CaseOption = None,
    dry_run: DryRun = False,
    mapping: Mapping = None,
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Import a file: validated first, then committed all-or-nothing."""
    read = reader(fmt)
    options: dict[str, Any] = {}
    if mapping:
        if fmt not in MAPPABLE:
            fail(f"--mapping applies to {', '.join(sorted(MAPPABLE))}, not {fmt}.")
        options["mapping"] = parse_mapping(mapping)
    with open_services(db) as services:
        actor = acting(services, as_user)
        if case is not None:
            options.update(case_id=case, ego_id=services.cases.get_case(actor, case).ego_id)
        with ExitStack() as stack:
            # A whole-store backup can be hundreds of MB: streamed, never held as one Dataset.
            records = (
                stack.enter_context(json_stream.open_records(path))
                if fmt == "json"
                else read(path, **options)
            )
            summary = services.data.import_dataset(actor, records, dry_run=dry_run, source=path.name)
    typer.echo(summary.sentence())


@handle_errors
def export(
    fmt: FormatOut,
    case: CaseOption = None,
    output: Output = None,
    template_only: Template = False,
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Export the whole store or one case (json), or one case in another format."""
    if template_only:
        if fmt not in {"csv", "xlsx"} or output is None:
            fail("--template writes a csv or xlsx template and needs -o PATH.")
        assert output is not None
        with private_output(output) as path:
            template(path)
        typer.echo(f"Wrote {output}.")
        return
    with open_services(db) as services:
        actor = acting(services, as_user)
        if fmt == "json":
            pieces = services.data.export_json(actor, case)
            if output is None:
                sys.stdout.writelines(pieces)
            else:
                with private_output(output) as path, path.open("w", encoding="utf-8") as out:
                    out.writelines(pieces)
            return
        if case is None or output is None:
            fail(f"Exporting {fmt} needs --case ID and -o PATH.")
        assert case is not None and output is not None
        if fmt == "pack":
            export_pack(services, actor, case, output)
        else:
            network = services.data.export_network(actor, case)
            with private_output(output) as path:
                writer(fmt)(network, path)
    typer.echo(f"Wrote {output}.")
