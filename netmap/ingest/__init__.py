"""Readers and writers per file format, looked up by the format's name.

A reader is ``read(path, *, case_id=None) -> Dataset`` and raises ``ImportFailed`` naming the file,
row and field; a writer is ``write(network, path) -> None``. Committing a Dataset to a store is the
services' job (``Services.data.import_dataset``), so every format is validated and committed alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from netmap.errors import UsageError
from netmap.ingest import json_format
from netmap.models import Dataset, Network

__all__ = ["READERS", "WRITERS", "reader", "writer"]

Reader = Callable[..., Dataset]
Writer = Callable[[Network, Path], None]

READERS: dict[str, Reader] = {
    "json": json_format.read,
}
WRITERS: dict[str, Writer] = {}


def reader(fmt: str) -> Reader:
    try:
        return READERS[fmt]
    except KeyError:
        raise UsageError(
            f"Unknown import format {fmt!r}: choose one of {', '.join(sorted(READERS))}."
        ) from None


def writer(fmt: str) -> Writer:
    try:
        return WRITERS[fmt]
    except KeyError:
        raise UsageError(
            f"Unknown export format {fmt!r}: choose one of {', '.join(sorted(WRITERS))}."
        ) from None
