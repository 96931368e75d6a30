"""Commands for local accounts: users add, users list."""

from __future__ import annotations

from typing import Annotated

import typer

from netmap.cli.common import AsOption, DbOption, acting, handle_errors, open_services
from netmap.models import Role
from netmap.settings import Settings

__all__ = ["add", "list_"]


@handle_errors
def add(
    name: str,
    role: Annotated[
        Role,
        typer.Option("--role", help="admin, coordinator, facilitator, practitioner, young_person or viewer."),
    ],
    case: Annotated[list[str] | None, typer.Option("--case", help="Grant this case (repeatable).")] = None,
    person: Annotated[
        str | None, typer.Option("--person", help="For a young person: their Person id.")
    ] = None,
    agency: Annotated[str, typer.Option("--agency", help="Their agency, e.g. a probation service.")] = "",
    authority: Annotated[
        str, typer.Option("--authority", help="Their local authority: referrals from it reach them.")
    ] = "",
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Add an account; the password is read from $NETMAP_NEW_PASSWORD or asked for."""
    given = Settings().new_password
    password = (
        given.get_secret_value()
        if given
        else typer.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True)
    )
    with open_services(db) as services:
        user = services.users.add_user(
            acting(services, as_user),
            name,
            role,
            password,
            case_ids=tuple(case or ()),
            person_id=person,
            agency=agency,
            local_authority=authority,
        )
    typer.echo(f"Added {user.id} ({user.role.value}).")


@handle_errors
def list_(db: DbOption = None, as_user: AsOption = None) -> None:
    """List accounts with their roles and granted cases."""
    with open_services(db) as services:
        for user, cases in services.users.list_users(acting(services, as_user)):
            state = "" if user.active else " (inactive)"
            typer.echo(f"{user.id}\t{user.role.value}{state}\t{','.join(cases) or '-'}")
