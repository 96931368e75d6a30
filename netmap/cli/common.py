"""What every command shares: the --db, --as and --json options, opening services, one-sentence errors."""

from __future__ import annotations

import functools
import getpass
import logging
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from netmap.errors import NetmapError, UsageError, ValidationFailed
from netmap.models import Role
from netmap.services.access import Actor

if TYPE_CHECKING:
    from netmap.bootstrap import Services

__all__ = [
    "AsOption",
    "DbOption",
    "JsonOption",
    "acting",
    "fail",
    "handle_errors",
    "open_services",
    "private_output",
]

DbOption = Annotated[
    str | None, typer.Option("--db", help="Store URL (default: $NETMAP_DB or sqlite:///netmap.db).")
]
AsOption = Annotated[
    str | None,
    typer.Option(
        "--as", help="Act as this netmap user, with their access rules (default: the operator, as admin)."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the documented JSON instead of text.")]

P = ParamSpec("P")
R = TypeVar("R")


def fail(message: str) -> None:
    typer.echo(message, err=True)
    raise typer.Exit(1)


def handle_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Turn any NetmapError into one sentence on stderr and exit status 1; warnings go to stderr too."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        _warnings_to_stderr()
        try:
            return command(*args, **kwargs)
        except NetmapError as exc:
            fail(str(exc))
            raise AssertionError("unreachable") from exc

    return wrapper


class _Stderr(logging.Handler):
    """Each warning as one plain line on whatever stderr is at the time (typer's test runner swaps it)."""

    def emit(self, record: logging.LogRecord) -> None:
        typer.echo(self.format(record), err=True)


def _warnings_to_stderr() -> None:
    """netmap's own warnings (a demo key in use) as plain lines on stderr."""
    logger = logging.getLogger("netmap")
    if not any(isinstance(h, _Stderr) for h in logger.handlers):
        logger.addHandler(_Stderr(logging.WARNING))
        logger.setLevel(logging.WARNING)


@contextmanager
def private_output(output: Path) -> Iterator[Path]:
    """A path in a new owner-only folder beside ``output`` to write the export to; once complete, every
    file written there (a CSV's ties file too) is made owner-only and moved beside ``output``.

    Exports hold people's details: nobody else on the machine may read them (mode 0600), and a
    failed export leaves no partial file behind.
    """
    folder = output.with_name(f".{output.name}.partial")
    try:
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(mode=0o700)
    except OSError as exc:
        raise ValidationFailed(f"Could not write {output}: {exc.strerror or exc}.") from exc
    try:
        yield folder / output.name
        for written in sorted(folder.iterdir()):
            written.chmod(0o600)
            written.replace(output.with_name(written.name))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def open_services(db: str | None) -> Iterator[Services]:
    # Imported here: commands that never open a store (keys new, --help) do not load the store.
    from netmap.bootstrap import bootstrap

    services = bootstrap(db)
    try:
        yield services
    finally:
        services.close()


def acting(services: Services, as_user: str | None) -> Actor:
    """The actor for a command: a named user, or the operator at the shell acting as admin.

    Whoever can run commands on the server can read the store file itself, so the shell operator
    is an admin; their audit entries carry ``cli:<login name>``. ``--as`` with an empty name is
    refused rather than read as "no one", which would act as admin.
    """
    if as_user is not None:
        if not as_user.strip():
            raise UsageError("--as needs a netmap user name; leave it out to act as the operator (admin).")
        return services.users.actor_for(as_user)
    return Actor(username=f"cli:{getpass.getuser()}", role=Role.ADMIN)
