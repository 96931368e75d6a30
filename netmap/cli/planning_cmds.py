"""Commands for discovery and conferences: due, leads; and the pack writer behind ``export pack``."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from netmap.bootstrap import Services
from netmap.cli.common import AsOption, DbOption, acting, handle_errors, open_services, private_output
from netmap.errors import ValidationFailed
from netmap.services.access import Actor

__all__ = ["due", "export_pack", "leads"]


def export_pack(services: Services, actor: Actor, case_id: str, output: Path) -> None:
    """Write the case's conference pack to ``output``; nothing is written if it cannot be made."""
    pdf = services.conferences.pack(actor, case_id)
    with private_output(output) as path:
        path.write_bytes(pdf)


@handle_errors
def due(
    days: Annotated[int, typer.Option("--days", min=1, max=366, help="How many days ahead.")] = 7,
    today: Annotated[
        datetime | None,
        typer.Option("--today", formats=["%Y-%m-%d"], help="Check as of this day (YYYY-MM-DD), not today."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (a list of due items).")] = False,
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Reminders, plan items, reviews and transitions due across your cases (overdue first).

    Transitions (turning 18, 21 or 25, release, licence and sentence end) are listed from 90 days
    before, with whose support ends that day and who remains.
    """
    with open_services(db) as services:
        items = services.discovery.due_this_week(
            acting(services, as_user), days=days, today=today.date() if today else None
        )
    if as_json:
        typer.echo(json.dumps([i.model_dump(mode="json") for i in items], indent=2))
        return
    for i in items:
        flag = "OVERDUE " if i.overdue else ""
        typer.echo(f"{i.due_on.isoformat()}\t{flag}{i.case_id}\t{i.kind}\t{i.what}")
        if i.kind == "transition":
            ends = "; ".join(f"{w.name} ({w.role})" if w.role else w.name for w in i.ends) or "nobody"
            remains = "; ".join(w.name for w in i.remains) or "nobody"
            typer.echo(f"\t\tends: {ends}\n\t\tremains: {remains}")
    if not items:
        typer.echo("Nothing due.")


@handle_errors
def leads(
    case: Annotated[str, typer.Argument(metavar="CASE_ID", help="The case the notes belong to.")],
    path: Annotated[Path, typer.Argument(help="A UTF-8 text file of pasted case notes.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (a list of leads).")] = False,
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Propose people named in case notes (nothing is added until a lead is accepted)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationFailed(f"{path}: cannot be read as UTF-8 text ({exc}).") from exc
    with open_services(db) as services:
        found = services.discovery.find_leads(acting(services, as_user), case, text)
    if as_json:
        typer.echo(json.dumps([lead.model_dump(mode="json") for lead in found], indent=2))
        return
    for lead in found:
        linked = f"\tmatches {','.join(lead.matches)}" if lead.matches else ""
        typer.echo(f"{lead.name or '(no name)'}\t{lead.term}\t{lead.relation}{linked}")
    if not found:
        typer.echo("No people found in these notes.")
