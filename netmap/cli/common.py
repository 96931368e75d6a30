"""What every command shares: the --db and --as options, opening services, one-sentence errors."""

from __future__ import annotations

import functools
import getpass
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, ParamSpec, TypeVar

import typer

from netmap.bootstrap import Services, bootstrap
from netmap.errors import NetmapError
from netmap.models import Role
from netmap.services.access import Actor

__all__ = ["AsOption", "DbOption", "acting", "fail", "handle_errors", "open_services"]

DbOption = Annotated[
    str | None, typer.Option("--db", help="Store URL (default: $NETMAP_DB or sqlite:///netmap.db).")
]
AsOption = Annotated[
    str | None,
    typer.Option(
        "--as", help="Act as this netmap user, with their access rules (default: the operator, as admin)."
    ),
]

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn any NetmapError into one sentence on stderr and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except NetmapError as exc:
            fail(str(exc))
            raise AssertionError("unreachable") from exc

    return wrapper


@contextmanager
def open_services(db: str | None) -> Iterator[Services]:
    services = bootstrap(db)
    try:
        yield services
    finally:
        services.close()


def acting(services: Services, as_user: str | None) -> Actor:
    """The actor for a command: a named user, or the operator at the shell acting as admin.

    Whoever can run commands on the server can read the store file itself, so the shell operator
    is an admin; their audit entries carry ``cli:<login name>``.
    """
    if as_user:
        return services.users.actor_for(as_user)
    return Actor(username=f"cli:{getpass.getuser()}", role=Role.ADMIN)
