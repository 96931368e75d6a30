"""What the first pass of an import found, small enough to hold for a whole store: each table's ids,
which occurrence of each is imported, and the cases the records belong to.

A 50,000-case service is 7.2 million records. Held as a dict of id text to position and digest, the
index took about 130 bytes a record (950 MB), the most of the bench's peak memory. Here each table
keeps its distinct ids sorted in one array of fixed-width bytes and one flag a record (about 30
bytes a record); the ids are kept exactly, so nothing depends on a hash being unique.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from netmap.errors import ImportFailed
from netmap.models import Record

__all__ = ["RecordIndex"]

# Ids gathered as a Python list before they join the table's array (bounds what is held as objects).
_CHUNK = 65_536


def _dumped(record: Record) -> bytes:
    return record.model_dump_json().encode()


def _digest(text: bytes) -> int:
    """64 bits of a record's content (its ``model_dump_json``), to tell a repeated record from a
    different one with its id."""
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "big")


class _Gathering:
    """One table's ids and content digests in file order, while the scan runs."""

    def __init__(self) -> None:
        self.chunks: list[np.ndarray] = []
        self.pending: list[bytes] = []
        self.digests = array("Q")

    def add(self, record: Record, text: bytes) -> None:
        self.pending.append(record.id.encode("utf-8"))
        self.digests.append(_digest(text))
        if len(self.pending) >= _CHUNK:
            self._flush()

    def _flush(self) -> None:
        if self.pending:
            self.chunks.append(np.array(self.pending))
            self.pending = []

    def done(self, where: str, table: str) -> _Table:
        """The table as it is kept; a record repeated with different content is ``ImportFailed``."""
        self._flush()
        ids = np.concatenate(self.chunks)
        self.chunks = []
        order = np.argsort(ids, kind="stable")  # stable: the first occurrence of an id comes first
        ordered = ids[order]
        del ids
        starts = np.ones(len(ordered), dtype=bool)
        starts[1:] = ordered[1:] != ordered[:-1]
        if not starts.all():
            self._same_content(where, table, ordered, order, starts)
        first = np.zeros(len(ordered), dtype=bool)
        first[order[starts]] = True
        return _Table(ids=ordered[starts], first=first)

    def _same_content(
        self, where: str, table: str, ordered: np.ndarray, order: np.ndarray, starts: np.ndarray
    ) -> None:
        digests = np.frombuffer(self.digests, dtype=np.uint64)[order]
        group = np.cumsum(starts) - 1
        differ = np.flatnonzero(digests != digests[np.flatnonzero(starts)][group])
        if differ.size:
            earliest = differ[np.argmin(order[differ])]
            record_id = bytes(ordered[earliest]).decode("utf-8")
            raise ImportFailed(f"{where}{table} {record_id}: appears twice with different content.")


@dataclass(frozen=True)
class _Table:
    ids: np.ndarray  # the distinct ids, sorted, as fixed-width bytes
    first: np.ndarray  # per position in the table: whether it is its id's first occurrence

    def has(self, record_id: str) -> bool:
        key = record_id.encode("utf-8")
        at = self.ids.searchsorted(key)
        return bool(at < len(self.ids) and self.ids[at] == key)  # an item of ids is a bytes


@dataclass
class RecordIndex:
    """Per table, the ids a scan found and which occurrence of each is imported; and the cases the
    records belong to."""

    tables: dict[type[Record], _Table] = field(default_factory=dict)
    case_keys: set[str] = field(default_factory=set)

    @classmethod
    def build(
        cls, records: Iterable[Record], where: str, dumped: Callable[[Record], bytes] = _dumped
    ) -> RecordIndex:
        """Index ``records``; a record appearing twice with different content is ``ImportFailed``.
        ``dumped`` gives a record's ``model_dump_json`` as UTF-8 (a ``RecordSource`` may have it already).

        >>> from netmap.models import Person
        >>> ann = Person(id="p-1", name="Ann")
        >>> RecordIndex.build([ann, ann], "f.json").first(ann, 1)
        False
        >>> RecordIndex.build([ann, ann.model_copy(update={"name": "Bo"})], "f.json ")
        Traceback (most recent call last):
        netmap.errors.ImportFailed: f.json person p-1: appears twice with different content.
        """
        index = cls()
        gathering: dict[type[Record], _Gathering] = {}
        for record in records:
            kind = type(record)
            table = gathering.get(kind)
            if table is None:
                table = gathering[kind] = _Gathering()
            table.add(record, dumped(record))
            if record.case_key:
                index.case_keys.add(record.case_key)
        for kind in list(gathering):
            index.tables[kind] = gathering.pop(kind).done(where, kind.table)
        return index

    def has(self, kind: type[Record], record_id: str) -> bool:
        """Whether a record of ``kind`` with ``record_id`` is in the scan.

        >>> from netmap.models import Person
        >>> index = RecordIndex.build([Person(id="p-10", name="Ann")], "")
        >>> index.has(Person, "p-10"), index.has(Person, "p-1"), index.has(Person, "p-100")
        (True, False, False)
        """
        table = self.tables.get(kind)
        return table is not None and table.has(record_id)

    def first(self, record: Record, position: int) -> bool:
        """Whether ``record`` at ``position`` of its table is the first with its id (the one imported)."""
        return bool(self.tables[type(record)].first[position])

    def count(self, kind: type[Record]) -> int:
        """How many distinct ids of ``kind`` the scan found."""
        table = self.tables.get(kind)
        return 0 if table is None else len(table.ids)

    def ids(self, kind: type[Record]) -> Iterator[str]:
        """The distinct ids of ``kind``, sorted."""
        table = self.tables.get(kind)
        return iter(()) if table is None else (bytes(found).decode("utf-8") for found in table.ids)
