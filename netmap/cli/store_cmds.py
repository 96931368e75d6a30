"""Store operations on the command line: ``netmap copy SRC_URL DST_URL``."""

from __future__ import annotations

from contextlib import ExitStack
from typing import Annotated

import typer

from netmap.cli.common import handle_errors
from netmap.graph.factory import open_store
from netmap.graph.transfer import copy_store
from netmap.graph.urls import redact_url

__all__ = ["copy"]


@handle_errors
def copy(
    src_url: Annotated[str, typer.Argument(metavar="SRC_URL", help="Store to copy from.")],
    dst_url: Annotated[str, typer.Argument(metavar="DST_URL", help="Empty store to copy into.")],
) -> None:
    """Copy every record and the audit trail from SRC_URL into the empty store DST_URL, all or nothing."""
    with ExitStack() as stack:
        src = open_store(src_url)
        stack.callback(src.close)
        dst = open_store(dst_url)
        stack.callback(dst.close)
        counts = copy_store(src, dst)
    records = sum(n for table, n in counts.items() if table != "audit")
    typer.echo(
        f"Copied {records} records and {counts['audit']} audit events "
        f"from {redact_url(src_url)} to {redact_url(dst_url)}."
    )
    for table, n in counts.items():
        typer.echo(f"  {table}: {n}")
