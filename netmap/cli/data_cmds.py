"""Commands that move data in and out: import FORMAT PATH, export FORMAT."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from netmap.cli.common import AsOption, DbOption, acting, fail, handle_errors, open_services, private_output

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
YoungPerson = Annotated[
    str | None,
    typer.Option("--young-person", help="Who the young person is in the file: an id or a name."),
]
Strict = Annotated[
    bool, typer.Option("--strict", help="Refuse the whole file at the first record netmap cannot use.")
]
ReportOption = Annotated[
    Path | None, typer.Option("--report", help="Write every skipped or repaired record to this CSV file.")
]


@handle_errors
def import_(
    fmt: FormatIn,
    path: Annotated[Path, typer.Argument(help="The file (or folder, for Network Canvas CSV) to import.")],
    case: CaseOption = None,
    young_person: YoungPerson = None,
    dry_run: DryRun = False,
    strict: Strict = False,
    report: ReportOption = None,
    mapping: Mapping = None,
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Import a file: what cannot be used is reported, what is kept is committed all or nothing."""
    with open_services(db) as services:
        outcome = services.files.import_file(
            acting(services, as_user),
            fmt,
            path,
            case_id=case,
            young_person=young_person,
            mapping=mapping,
            strict=strict,
            dry_run=dry_run,
        )
    for line in outcome.sentences():
        typer.echo(line)
    for problem in outcome.report.problems[: 20 if report is None else 0]:
        typer.echo(f"  {problem.sentence()} ({problem.what})")
    if outcome.report.count > 20 and report is None:
        typer.echo(f"  ... and {outcome.report.count - 20} more: --report FILE writes them all as CSV.")
    if report is not None:
        with private_output(report) as written:
            written.write_text(outcome.report.to_csv(), encoding="utf-8")
        typer.echo(f"Wrote the import report to {report}.")


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
        from netmap.ingest.csv_xlsx import template

        with private_output(output) as path:
            template(path)
        typer.echo(f"Wrote {output}.")
        return
    if output is None and fmt != "json":
        fail(f"Exporting {fmt} needs -o PATH.")
    with open_services(db) as services:
        actor = acting(services, as_user)
        if output is None:
            sys.stdout.writelines(services.data.export_json(actor, case))
            return
        with private_output(output) as path:
            services.files.export_files(actor, fmt, case, path.parent, name=path.name)
    typer.echo(f"Wrote {output}.")
