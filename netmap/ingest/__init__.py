"""Readers and writers per file format, looked up by the format's name.

A reader is ``read(path, *, case_id=None, ego_id=None, report=None) -> Dataset`` (``ego_id`` names
the young person of the case imported into). Given an :class:`ImportReport`, a reader skips or
repairs each record it cannot use and lists it there; without one it refuses the file at the first
such record. Either way a file of the wrong shape, or past a limit (:mod:`netmap.ingest.limits`),
raises ``ImportFailed`` with one sentence naming the file, row and field. :func:`read_file` is the
one call for entrypoints. A writer is ``write(network, path) -> None``. Committing a Dataset to a
store is the services' job (``Services.data.import_dataset``), so every format is validated and
committed alike.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from netmap.errors import UsageError
from netmap.ingest import csv_xlsx, gedcom, graphml, json_format, kumu, networkcanvas
from netmap.ingest.report import ImportReport, Problem
from netmap.models import Dataset, Network

__all__ = ["MAPPABLE", "READERS", "WRITERS", "ImportReport", "Problem", "read_file", "reader", "writer"]

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


def read_file(fmt: str, path: Path, *, strict: bool = False, **options: Any) -> tuple[Dataset, ImportReport]:
    """The records of ``path`` in format ``fmt`` and the report of what was skipped or repaired.

    ``options`` are the reader's: ``case_id`` and ``ego_id`` (the case imported into and its young
    person), ``young_person`` (an id, name or known-as naming the young person in the file, which
    overrides any mark in it; with ``case_id`` and ``ego_id`` that record is merged into the case's
    young person and the report says so) and ``mapping`` (csv, xlsx, networkcanvas). With ``strict``
    the first record netmap cannot use refuses the whole file instead (``ImportFailed``).

    >>> read_file("kumu", Path("no-such.json"))
    Traceback (most recent call last):
    ...
    netmap.errors.ImportFailed: no-such.json: the file does not exist.
    """
    report = ImportReport(strict=strict)
    return reader(fmt)(path, report=report, **options), report


def writer(fmt: str) -> Writer:
    try:
        return WRITERS[fmt]
    except KeyError:
        raise UsageError(
            f"Unknown export format {fmt!r}: choose one of {', '.join(sorted(WRITERS))}."
        ) from None
