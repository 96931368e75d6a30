"""Readers and writers per file format, looked up by the format's name.

A reader is ``read(path, *, case_id=None, ego_id=None) -> Dataset`` (``ego_id`` names the young
person of the case imported into) and raises ``ImportFailed`` naming the file,
row and field; a writer is ``write(network, path) -> None``. Committing a Dataset to a store is the
services' job (``Services.data.import_dataset``), so every format is validated and committed alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from netmap.errors import UsageError
from netmap.ingest import csv_xlsx, gedcom, graphml, json_format, kumu, networkcanvas
from netmap.models import Dataset, Network

__all__ = ["MAPPABLE", "READERS", "WRITERS", "reader", "writer"]

Reader = Callable[..., Dataset]
Writer = Callable[[Network, Path], None]

READERS: dict[str, Reader] = {
    "json": json_format.read,
    "csv": csv_xlsx.read,
    "xlsx": csv_xlsx.read,
    "gedcom": gedcom.read,
    "networkcanvas": networkcanvas.read,
    "kumu": kumu.read,
    "graphml": graphml.read,
}
WRITERS: dict[str, Writer] = {
    "csv": csv_xlsx.write,
    "xlsx": csv_xlsx.write_xlsx,
    "gedcom": gedcom.write,
    "kumu": kumu.write,
    "graphml": graphml.write,
}
# Readers that accept a column ``mapping`` ("Their column=netmap column" pairs).
MAPPABLE = frozenset({"csv", "xlsx", "networkcanvas"})


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
