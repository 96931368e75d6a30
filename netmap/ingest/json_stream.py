"""A netmap JSON file read as a stream: each record validated once, then read back table by table."""

from __future__ import annotations

import io
import json
import struct
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, BinaryIO, Protocol, TypeVar

import ijson
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from pydantic import ValidationError

from netmap.errors import ImportFailed
from netmap.ingest.json_layout import OffLayout, layout_records
from netmap.ingest.limits import MAX_JSON_DEPTH, MAX_JSON_VALUES
from netmap.models import DATASET_FIELDS, Dataset, Record

__all__ = [
    "MAX_BYTES",
    "DatasetSource",
    "JsonRecords",
    "RecordSource",
    "iter_records",
    "load_value",
    "open_records",
    "validation_sentence",
]

# netmap's own export of a whole service, snapshots included, is about 160 KB a case: 820 MB for
# 5,000 cases, 7.8 GB for 50,000 (it was capped at 2 GB, so such a backup could not be restored).
# The bound is a sanity check on a file given by path; uploads in the app have their own cap.
MAX_BYTES = 32 * 1024 * 1024 * 1024
# Below this size a syntax error is located exactly (line and column) by re-reading with ``json``,
# which holds the whole document: kept small so a broken file cannot cost much memory.
_EXACT_ERRORS_BYTES = 2 * 1024 * 1024
_BOM = b"\xef\xbb\xbf"
_KINDS: dict[str, type[Record]] = {name: kind for kind, name in DATASET_FIELDS.items()}
_SCALARS = ("format", "format_version")
RecordT = TypeVar("RecordT", bound=Record)


def validation_sentence(where: str, error: ValidationError, loc: tuple[str | int, ...] = ()) -> str:
    """One plain sentence for the first problem in ``error``, e.g. ``f.json people[2].name: …``.

    ``loc`` is where the validated value sits in the file (``("people", 2)`` for one record).

    >>> from netmap.models import Person
    >>> try:
    ...     Person.model_validate({"id": "p-1"})
    ... except ValidationError as exc:
    ...     print(validation_sentence("f.json", exc, ("people", 2)))
    f.json people[2].name: Field required.
    """
    first = error.errors()[0]
    path = ""
    for part in (*loc, *first["loc"]):
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    message = first["msg"].removeprefix("Value error, ")
    count = error.error_count()
    more = f" (and {count - 1} more problem{'s' if count > 2 else ''})" if count > 1 else ""
    return f"{where} {path or 'top level'}: {message}{more}."


class _LineCounter:
    """A binary stream that counts the lines it has handed on, to say where a syntax error lies."""

    def __init__(self, inner: BinaryIO) -> None:
        self.inner = inner
        self.lines_before = self.lines_read = 1

    def read(self, size: int = -1) -> bytes:
        data = self.inner.read(size)
        self.lines_before = self.lines_read
        self.lines_read += data.count(b"\n")
        return data


def _syntax_error(where: str, handle: BinaryIO, counter: _LineCounter, error: Exception) -> ImportFailed:
    reason = str(error).split("\n", 1)[0].strip(" .")
    if "UTF8" in reason:
        return ImportFailed(f"{where}: not UTF-8 text.")
    try:
        size = handle.seek(0, io.SEEK_END)
        if size <= _EXACT_ERRORS_BYTES:
            handle.seek(0)
            json.loads(handle.read())
    except json.JSONDecodeError as exc:
        return ImportFailed(f"{where} line {exc.lineno} column {exc.colno}: not valid JSON ({exc.msg}).")
    except (OSError, ValueError):
        pass
    # yajl's own message goes on to quote the text around the error: that may be someone's details.
    lines = f"line {counter.lines_before}" + (
        f"–{counter.lines_read}" if counter.lines_read > counter.lines_before else ""
    )
    return ImportFailed(f"{where} {lines}: not valid JSON ({reason.removeprefix('parse error: ')}).")


def _value(events: Iterator[tuple[str, Any]], event: str, value: Any, budget: list[int] | None = None) -> Any:
    """The whole JSON value that starts with (``event``, ``value``), nested at most ``MAX_JSON_DEPTH`` deep.

    Built here rather than by ``ijson.ObjectBuilder``: this loop runs for every event of the file.
    ``budget`` (one count, shared by the calls for one document) bounds the values built.
    """
    if event == "start_map":
        root: Any = {}
    elif event == "start_array":
        root = []
    else:
        return value
    stack = [root]
    key = ""
    for event, value in events:
        if event == "map_key":
            key = value
            continue
        if event == "end_map" or event == "end_array":
            stack.pop()
            if not stack:
                return root
            continue
        if budget is not None:
            budget[0] -= 1
            if budget[0] < 0:
                raise _TooBig(
                    f"holds more than {MAX_JSON_VALUES:,} values; netmap reads at most {MAX_JSON_VALUES:,}"
                )
        item = {} if event == "start_map" else [] if event == "start_array" else value
        top = stack[-1]
        if type(top) is dict:
            top[key] = item
        else:
            top.append(item)
        if event == "start_map" or event == "start_array":
            stack.append(item)
            if len(stack) > MAX_JSON_DEPTH:
                raise _TooBig(
                    f"nests values more than {MAX_JSON_DEPTH} deep; netmap reads at most {MAX_JSON_DEPTH}"
                )
    raise AssertionError("the parser ended inside a value")  # pragma: no cover - ijson raises first


class _TooBig(Exception):
    """A JSON document past a limit; the message completes "FILE: …"."""


def load_value(data: bytes, where: str) -> Any:
    """The JSON document in ``data``, with its depth and number of values bounded, so a small file
    cannot expand into gigabytes of objects; one sentence for broken JSON or a limit reached.

    >>> load_value(b'{"elements": [{"label": "A"}]}', "k.json")
    {'elements': [{'label': 'A'}]}
    >>> load_value(b"[" * 100 + b"]" * 100, "k.json")
    Traceback (most recent call last):
    ...
    netmap.errors.ImportFailed: k.json: nests values more than 64 deep; netmap reads at most 64.
    """
    handle = io.BytesIO(data[len(_BOM) :] if data.startswith(_BOM) else data)
    counter = _LineCounter(handle)
    events = iter(ijson.basic_parse(counter, use_float=True))
    try:
        event, value = next(events)
        document = _value(events, event, value, [MAX_JSON_VALUES])
        for _ in events:  # trailing text after the value is an error too
            pass
    except _TooBig as exc:
        raise ImportFailed(f"{where}: {exc}.") from None
    except UnicodeDecodeError:  # bytes yajl lets through (an overlong form) that are not UTF-8 text
        raise ImportFailed(f"{where}: not UTF-8 text.") from None
    except (ijson.JSONError, StopIteration) as exc:
        raise _syntax_error(where, handle, counter, exc) from None
    return document


def _skip(events: Iterator[tuple[str, Any]], event: str) -> None:
    depth = 1 if event in ("start_map", "start_array") else 0
    while depth:
        event, _ = next(events)
        depth += event in ("start_map", "start_array")
        depth -= event in ("end_map", "end_array")


def _table(events: Iterator[tuple[str, Any]], name: str, where: str, skip: list[int]) -> Iterator[Record]:
    kind = _KINDS[name]
    for index, (event, value) in enumerate(events):
        if event == "end_array":
            return
        if skip[0]:  # given already by the layout reader
            skip[0] -= 1
            _skip(events, event)
            continue
        try:
            yield kind.model_validate(_value(events, event, value))
        except ValidationError as exc:
            raise ImportFailed(validation_sentence(where, exc, (name, index))) from None


def _top_level(events: Iterator[tuple[str, Any]], where: str, skip: list[int]) -> Iterator[Record]:
    event, _ = next(events)
    if event != "start_map":
        raise ImportFailed(f'{where} top level: expected a JSON object with "format": "netmap".')
    seen: dict[str, Any] = {}
    for event, key in events:
        if event == "end_map":
            break
        if key in seen:
            raise ImportFailed(f"{where} top level: {key!r} appears twice.")
        event, value = next(events)
        if key in _KINDS and event == "start_array":
            seen[key] = []
            yield from _table(events, key, where, skip)
        elif key in _SCALARS and event not in ("start_map", "start_array"):
            seen[key] = value
        else:
            # Stands in for a value of the wrong type or an unknown field: the message needs no more.
            seen[key] = {}
            _skip(events, event)
    try:
        Dataset.model_validate(seen)
    except ValidationError as exc:
        raise ImportFailed(validation_sentence(where, exc)) from None


def iter_records(handle: BinaryIO, where: str) -> Iterator[Record]:
    """Every record of a netmap JSON stream in file order, validated; ``ImportFailed`` at the first problem.

    The format and version are checked once the whole object has been read, so the caller must
    exhaust the iterator before trusting what it yielded. A file in netmap's own layout is read by
    ``json_layout.layout_records``; at the first thing it does not take, the file is read again by
    the general parser here, which passes over the records given already and says what is wrong.

    >>> text = b'{"format": "netmap", "people": [{"id": "p-1", "name": "Ann"}]}'
    >>> [r.name for r in iter_records(io.BytesIO(text), "f.json")]
    ['Ann']
    >>> list(iter_records(io.BytesIO(b'{"people": [{"id": "p-1"}]}'), "f.json"))
    Traceback (most recent call last):
    netmap.errors.ImportFailed: f.json people[0].name: Field required.
    """
    if handle.read(len(_BOM)) != _BOM:
        handle.seek(0)
    given = [0]
    if handle.seekable():
        start = handle.tell()
        try:
            for record in layout_records(handle):
                given[0] += 1
                yield record
            return
        except OffLayout:
            handle.seek(start)
    counter = _LineCounter(handle)
    events = iter(ijson.basic_parse(counter, use_float=True))
    try:
        yield from _top_level(events, where, given)
        for _ in events:  # trailing text after the object is an error too
            pass
    except _TooBig as exc:
        raise ImportFailed(f"{where}: {exc}.") from None
    except UnicodeDecodeError:
        raise ImportFailed(f"{where}: not UTF-8 text.") from None
    except ijson.JSONError as exc:
        raise _syntax_error(where, handle, counter, exc) from None


class RecordSource(Protocol):
    """Records to import: all of them once in any order, then each table again in its own order."""

    def scan(self) -> Iterator[Record]:
        """Every record once, validated (tables may come in any order; each table in its order)."""
        ...

    def table(self, kind: type[RecordT]) -> Iterator[RecordT]:
        """The records of one table in their order, duplicates included (only after ``scan``)."""
        ...

    def dumped(self, record: Record) -> bytes:
        """``record.model_dump_json()`` as UTF-8 (the text of the record ``scan`` gave last may be
        kept rather than made again)."""
        ...


class DatasetSource:
    """A ``RecordSource`` over a ``Dataset`` already in memory."""

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def scan(self) -> Iterator[Record]:
        return iter(self.dataset.records())

    def table(self, kind: type[RecordT]) -> Iterator[RecordT]:
        return iter(getattr(self.dataset, DATASET_FIELDS[kind]))

    def dumped(self, record: Record) -> bytes:
        return record.model_dump_json().encode()


class _Spool:
    """Records kept on disk between the two passes, sealed with a key that lives only in this object."""

    def __init__(self) -> None:
        self._aead = AESGCM(AESGCM.generate_key(bit_length=128))
        self._files: dict[type[Record], IO[bytes]] = {}
        self._count = 0

    def add(self, record: Record, text: bytes) -> None:
        """Keep ``record``, whose ``model_dump_json`` is ``text``."""
        handle = self._files.get(type(record))
        if handle is None:
            handle = self._files[type(record)] = tempfile.TemporaryFile(prefix="netmap-import-")
        self._count += 1
        nonce = self._count.to_bytes(12, "big")
        sealed = self._aead.encrypt(nonce, text, None)
        handle.write(struct.pack(">I", len(sealed)) + nonce + sealed)

    def read(self, kind: type[RecordT]) -> Iterator[RecordT]:
        handle = self._files.get(kind)
        if handle is None:
            return
        handle.seek(0)
        while header := handle.read(4):
            (size,) = struct.unpack(">I", header)
            nonce, sealed = handle.read(12), handle.read(size)
            yield kind.model_validate_json(self._aead.decrypt(nonce, sealed, None))

    def close(self) -> None:
        for handle in self._files.values():
            handle.close()
        self._files.clear()


class JsonRecords:
    """A ``RecordSource`` over a netmap JSON stream, in memory bounded by one record.

    ``scan`` parses and validates the stream once and keeps each record, encrypted with a
    throwaway key, in temporary files (one per table) that ``table`` reads back. Use it as a
    context manager so those files are removed.
    """

    def __init__(self, handle: BinaryIO, where: str) -> None:
        self.handle = handle
        self.where = where
        self._spool = _Spool()
        self._scanned = False
        self._last: tuple[Record, bytes] | None = None

    def __enter__(self) -> JsonRecords:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._spool.close()

    def scan(self) -> Iterator[Record]:
        for record in iter_records(self.handle, self.where):
            text = record.model_dump_json().encode()
            self._spool.add(record, text)
            self._last = (record, text)
            yield record
        self._last = None
        self._scanned = True

    def dumped(self, record: Record) -> bytes:
        if self._last is not None and self._last[0] is record:
            return self._last[1]
        return record.model_dump_json().encode()

    def table(self, kind: type[RecordT]) -> Iterator[RecordT]:
        if not self._scanned:
            raise RuntimeError("JsonRecords.table needs a complete scan first.")
        return self._spool.read(kind)


@contextmanager
def open_records(path: Path) -> Iterator[JsonRecords]:
    """The records of the netmap JSON file at ``path`` (``ImportFailed`` if it cannot be read)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        handle = path.open("rb")
    except OSError as exc:
        raise ImportFailed(f"{path}: cannot be read ({exc.strerror}).") from None
    with handle:
        if size > MAX_BYTES:
            raise ImportFailed(
                # Rounded up, so a file just past the limit never reads as the limit itself.
                f"{path.name}: the file is {-(-size // 2**20)} MB, larger than the {MAX_BYTES // 2**20} MB limit."
            )
        with JsonRecords(handle, path.name) as records:
            yield records
