"""``netmap audit``: the audit trail of a case, or of the whole store (admins), in words or as JSON."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from netmap.cli.common import AsOption, DbOption, JsonOption, acting, handle_errors, open_services
from netmap.renderers.audit_lines import audit_lines

__all__ = ["audit"]


@handle_errors
def audit(
    case_id: Annotated[
        str | None,
        typer.Argument(metavar="[CASE_ID]", help="The case; without it, the whole store (admins)."),
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="The newest N entries.")] = 50,
    as_json: JsonOption = False,
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Who changed what and when, newest first: one case's trail (``audit.read``), or every entry of
    the store, sign-ins, accounts and exports included (admins). Reading it changes nothing."""
    with open_services(db) as services:
        actor = acting(services, as_user)
        names: dict[str, str] = {}
        if case_id is None:
            events = services.cases.history(actor, None, limit=limit)
        else:
            events, names = services.cases.named_history(actor, case_id, limit=limit)
    if as_json:
        typer.echo(
            json.dumps([e.model_dump(mode="json", exclude={"chain"}) for e in reversed(events)], indent=2)
        )
        return
    lines = audit_lines(events, names)
    for line in lines:
        outcome = f" [{line.outcome}]" if line.outcome else ""
        changes = f"\t{line.changes}" if line.changes else ""
        typer.echo(f"{line.when}\t{line.who}\t{line.what}{outcome}\t{line.about}{changes}")
    if not lines:
        typer.echo("Nothing recorded.")
