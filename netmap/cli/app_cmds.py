"""Commands that serve the app: demo, serve, load-samples."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Annotated

import typer

from netmap.cli.common import DbOption, acting, fail, handle_errors, open_services
from netmap.crypto import KEY_ENV, demo_key_file
from netmap.graph.adapters.sqlite.store import sqlite_path
from netmap.graph.factory import DEFAULT_URL
from netmap.graph.store import redact_url
from netmap.services.demo import ensure_demo_users

__all__ = ["register"]

APP_FILE = Path(__file__).resolve().parents[2] / "app.py"
PortOption = Annotated[int, typer.Option("--port", help="Port to serve on.")]


def _serve(db: str | None, port: int) -> None:
    if not APP_FILE.exists():
        fail(f"{APP_FILE} is missing: install netmap from its source checkout (pip install -e .).")
    env = {**os.environ, "NETMAP_DB": db or os.environ.get("NETMAP_DB") or DEFAULT_URL}
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP_FILE),
        "--server.port", str(port), "--server.headless", "true",
        "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
    ]  # fmt: skip
    typer.echo(f"netmap is serving {redact_url(env['NETMAP_DB'])} at http://localhost:{port}")
    raise typer.Exit(subprocess.call(command, env=env))


def _load(db: str | None, demo_users: bool) -> None:
    with open_services(db) as services:
        actor = acting(services, None)
        for summary in services.data.load_samples(actor):
            typer.echo(summary.sentence())
        if demo_users:
            typer.echo("Demo logins (for this demo only):")
            for user in ensure_demo_users(services, actor):
                typer.echo(
                    f"  {user.username:<13} password {user.password:<24} {user.role.value}: {user.note}"
                )


def _use_demo_key(db: str | None) -> None:
    """Without NETMAP_SECRET_KEY, the demo keeps its own key beside its SQLite file (demo data only)."""
    url = db or os.environ.get("NETMAP_DB") or DEFAULT_URL
    if os.environ.get(KEY_ENV) or not url.startswith("sqlite:") or url == "sqlite:///:memory:":
        return
    path = sqlite_path(url)
    os.environ[KEY_ENV] = demo_key_file(path)
    typer.echo(f"Using the demo-only encryption key in {path}.key (see docs/security.md).")


def register(app: typer.Typer) -> None:
    @app.command()
    @handle_errors
    def demo(db: DbOption = None, port: PortOption = 8501) -> None:
        """Load the sample cases and demo logins (idempotent), then serve the app."""
        _use_demo_key(db)
        _load(db, demo_users=True)
        _serve(db, port)

    @app.command()
    @handle_errors
    def serve(db: DbOption = None, port: PortOption = 8501) -> None:
        """Serve the Streamlit app (same as: streamlit run app.py)."""
        _serve(db, port)

    @app.command("load-samples")
    @handle_errors
    def load_samples(
        db: DbOption = None,
        demo_users: Annotated[
            bool, typer.Option("--demo-users", help="Also create the demo logins.")
        ] = False,
    ) -> None:
        """Load the synthetic sample cases through the real import code (idempotent)."""
        _load(db, demo_users)
