"""Commands for local accounts: users add, list, grant, revoke, role, disable, enable and password."""

from __future__ import annotations

from typing import Annotated

import typer

from netmap.cli.common import AsOption, DbOption, acting, handle_errors, open_services
from netmap.models import Role
from netmap.settings import Settings

__all__ = ["add", "disable", "enable", "grant", "list_", "password", "revoke", "role"]

NameArg = Annotated[str, typer.Argument(metavar="NAME", help="The account's username.")]
CaseArg = Annotated[str, typer.Argument(metavar="CASE_ID", help="The case.")]


@handle_errors
def add(
    name: str,
    role: Annotated[
        Role,
        typer.Option("--role", help=f"One of: {', '.join(r.value for r in Role)}."),
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
    password = _new_password(name)
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


def _new_password(name: str) -> str:
    """$NETMAP_NEW_PASSWORD, or the password typed twice at a prompt that does not echo it."""
    given = Settings().new_password
    if given:
        return given.get_secret_value()
    return str(typer.prompt(f"Password for {name}", hide_input=True, confirmation_prompt=True))


@handle_errors
def list_(db: DbOption = None, as_user: AsOption = None) -> None:
    """List accounts with their roles and granted cases."""
    with open_services(db) as services:
        for user, cases in services.users.list_users(acting(services, as_user)):
            state = "" if user.active else " (inactive)"
            typer.echo(f"{user.id}\t{user.role.value}{state}\t{','.join(cases) or '-'}")


@handle_errors
def grant(name: NameArg, case_id: CaseArg, db: DbOption = None, as_user: AsOption = None) -> None:
    """Let an account work on a case (audited; nothing changes if it already may)."""
    with open_services(db) as services:
        services.users.grant(acting(services, as_user), name, case_id)
    typer.echo(f"{name} may work on {case_id}.")


@handle_errors
def revoke(name: NameArg, case_id: CaseArg, db: DbOption = None, as_user: AsOption = None) -> None:
    """Take a case away from an account (audited), with what was kept for the account's own view of it.

    An open app session of that account loses the case within a minute.
    """
    with open_services(db) as services:
        services.users.revoke(acting(services, as_user), name, case_id)
    typer.echo(f"{name} no longer works on {case_id}.")


@handle_errors
def role(
    name: NameArg,
    new_role: Annotated[Role, typer.Argument(metavar="ROLE", help="The account's new role.")],
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Give an account another role (audited). A commissioner or peer mentor keeps no case.

    A young person's or a relative's account keeps its role. An open app session of the account
    takes the new role within a minute.
    """
    with open_services(db) as services:
        services.users.set_role(acting(services, as_user), name, new_role)
    typer.echo(f"{name} is now {new_role.value}.")


@handle_errors
def disable(name: NameArg, db: DbOption = None, as_user: AsOption = None) -> None:
    """Switch an account off (audited): it cannot sign in, and an open session of it ends within a minute."""
    with open_services(db) as services:
        services.users.set_active(acting(services, as_user), name, False)
    typer.echo(f"{name} can no longer sign in.")


@handle_errors
def enable(name: NameArg, db: DbOption = None, as_user: AsOption = None) -> None:
    """Switch an account on again (audited)."""
    with open_services(db) as services:
        services.users.set_active(acting(services, as_user), name, True)
    typer.echo(f"{name} can sign in again.")


@handle_errors
def password(name: NameArg, db: DbOption = None, as_user: AsOption = None) -> None:
    """Set a new password (audited; it also lifts a lockout), read from $NETMAP_NEW_PASSWORD or asked for twice."""
    new = _new_password(name)
    with open_services(db) as services:
        services.users.set_password(acting(services, as_user), name, new)
    typer.echo(f"{name} has a new password.")
