"""Commands that serve the app: demo, serve, load-samples."""

from __future__ import annotations

import errno
import os
import socket
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer

from netmap.cli.common import DbOption, acting, fail, handle_errors, open_services
from netmap.cli.demo_users import ensure_demo_users
from netmap.crypto import write_demo_key
from netmap.graph.urls import redact_url
from netmap.settings import Settings, demo_key_path, export_line

__all__ = ["demo", "load_samples", "serve"]

APP_FILE = Path(__file__).resolve().parents[2] / "app.py"
PortOption = Annotated[int, typer.Option("--port", help="Port to serve on.")]
AddressOption = Annotated[
    str,
    typer.Option(
        "--address",
        help="Address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 exposes it to the network).",
    ),
]
DemoUsersOption = Annotated[bool, typer.Option("--demo-users", help="Also create the demo logins.")]
ToldOnOption = Annotated[
    datetime | None,
    typer.Option(
        "--told-on",
        formats=["%Y-%m-%d"],
        help="Tell the story as of this day (YYYY-MM-DD), not today; 2026-11-24 keeps the files' own dates.",
    ),
]


def _check_port(address: str, port: int) -> None:
    """Refuse a port something else already holds, before saying netmap serves there."""
    with socket.socket(socket.AF_INET6 if ":" in address else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((address, port))
        except OSError as exc:
            why = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
            fail(f"Port {port} on {address} {why}: stop what holds it or choose another with --port.")


def _serve(db: str | None, port: int, address: str) -> None:
    """Check the key, the store and the port, then become Streamlit (exec), so signals reach it."""
    if not APP_FILE.exists():
        fail(f"{APP_FILE} is missing: install netmap from its source checkout (pip install -e .).")
    url = Settings().store_url(db)
    with open_services(url):
        pass  # a missing or wrong key, or an unreachable store, is one sentence here
    _check_port(address, port)
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP_FILE),
        "--server.port", str(port), "--server.address", address, "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        # What .streamlit/config.toml says, for a server started from any folder: no traceback or
        # error link ever reaches a browser, uploads stay under netmap's cap.
        "--client.showErrorDetails", "none", "--client.showErrorLinks", "false",
        "--client.toolbarMode", "minimal", "--server.maxUploadSize", "20",
        # no table offers its rows as a file: data leaves netmap only through Export, checked and audited
        "--client.disableDataExport", "true",
        # Streamlit's full collection after every run takes ~50 ms of netmap's heap while holding the
        # GIL, so each edit on the map waits for it; Python's own generational GC still runs
        "--runner.postScriptGC", "false",
    ]  # fmt: skip
    shown = "localhost" if address in {"127.0.0.1", "localhost"} else address
    typer.echo(f"netmap is serving {redact_url(url)} at http://{shown}:{port}")
    sys.stdout.flush()
    sys.stderr.flush()
    os.execve(sys.executable, command, {**os.environ, "NETMAP_DB": url})


def _load(db: str | None, demo_users: bool, told_on: date | None = None) -> None:
    with open_services(db) as services:
        actor = acting(services, None)
        for summary in services.data.load_samples(actor, told_on=told_on):
            typer.echo(summary.sentence())
        if demo_users:
            typer.echo("Demo logins (for this demo only):")
            for user in ensure_demo_users(services, actor):
                typer.echo(
                    f"  {user.username:<13} password {user.password:<24} {user.role.value}: {user.note}"
                )


def _demo_key(db: str | None) -> None:
    """Without NETMAP_SECRET_KEY, the demo keeps its own key beside its SQLite file (demo data only)."""
    settings = Settings()
    url = settings.store_url(db)
    key_file = demo_key_path(url)
    if settings.secret_key is not None or key_file is None:
        return
    if write_demo_key(key_file):
        typer.echo(f"Made a demo-only encryption key in {key_file} (see docs/security.md).")
    typer.echo(
        f"Other netmap commands on this demo store find that key; to set it yourself: {export_line(key_file)}"
    )


@handle_errors
def demo(db: DbOption = None, port: PortOption = 8501, address: AddressOption = "127.0.0.1") -> None:
    """Load the sample cases and demo logins (idempotent), then serve the app."""
    _demo_key(db)
    _load(db, demo_users=True)
    _serve(db, port, address)


@handle_errors
def serve(db: DbOption = None, port: PortOption = 8501, address: AddressOption = "127.0.0.1") -> None:
    """Serve the Streamlit app (same as: streamlit run app.py), on this machine only unless --address says otherwise."""
    _serve(db, port, address)


@handle_errors
def load_samples(
    db: DbOption = None, demo_users: DemoUsersOption = False, told_on: ToldOnOption = None
) -> None:
    """Load the synthetic sample cases through the real import code (idempotent).

    Their dates move so the story is told today: releases, birthdays and meetings are as near
    as the story says. Cases already loaded keep the dates they were given.
    """
    _load(db, demo_users, told_on.date() if told_on else None)
