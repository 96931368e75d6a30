"""netmap's own layout of a JSON file read fast: each record's text cut out by its indent and parsed
whole by orjson, instead of event by event in Python.

netmap writes a dataset (``json_format.iter_tables``) as an object of tables, two-space indent,
each record of a table starting on a line ``    {`` and ending on a line ``    }``. A file in that
layout is read here a record at a time; the first thing that departs from it (another layout, a
record orjson refuses, a record that does not validate, a number past what the general parser
reads) raises ``OffLayout``, and ``json_stream.iter_records`` reads the file again with the general
parser, which gives the same records and the same errors (it passes over the records already
given). So this is only a faster way to the same result, never a second set of rules.

What orjson and the general parser (ijson over yajl) build from a record's text is the same wherever
orjson accepts it, except integers past 64 bits (orjson reads them, yajl refuses them): a record
with a number of 19 digits or more is left to the general parser. A record that validates is no
deeper than the models allow, well under ``MAX_JSON_DEPTH`` (tests check both).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

import orjson
from pydantic import ValidationError

from netmap.models import DATASET_FIELDS, Dataset, Record

__all__ = ["OffLayout", "layout_records"]

_KINDS: dict[bytes, type[Record]] = {f'  "{name}": '.encode(): kind for kind, name in DATASET_FIELDS.items()}
_SCALARS = (b'  "format": ', b'  "format_version": ')
_RECORD_HEAD = b"    {\n"
_RECORD_END = b"\n    }"
# Nineteen digits in a row, where a number past what yajl reads would show (i64 ends at
# 9223372036854775807); found by mapping every digit to 0 (a regular expression took three times
# as long as parsing the record).
_DIGITS = bytes(48 if 48 <= byte <= 57 else 32 for byte in range(256))
_LONG_NUMBER = b"0" * 19
_WHITESPACE = b" \t\r\n"
_BLOCK = 1 << 20
# Longer than any line or record netmap writes (a snapshot's network is a few hundred KB): past
# these the buffer would only grow, so the general parser, which streams, reads the file instead.
_LONGEST_LINE = 1 << 16
_LONGEST_RECORD = 1 << 25


class OffLayout(Exception):
    """The file departs from netmap's own layout (or holds a problem): read it with the general parser."""


class _Buffer:
    """A binary stream read in blocks, taken a line or a marked piece at a time."""

    def __init__(self, handle: BinaryIO) -> None:
        self.handle = handle
        self.data = b""
        self.pos = 0

    def _more(self) -> None:
        block = self.handle.read(_BLOCK)
        if not block:
            raise OffLayout
        self.data = self.data[self.pos :] + block
        self.pos = 0

    def through(self, marker: bytes, start: int = 0, longest: int = _LONGEST_LINE) -> bytes:
        """The text from here up to and including the first ``marker`` found ``start`` bytes on,
        at most ``longest`` bytes long."""
        searched = start
        while (end := self.data.find(marker, self.pos + searched)) < 0:
            searched = max(start, len(self.data) - self.pos - len(marker) + 1)
            if searched > longest:
                raise OffLayout
            self._more()
        end += len(marker)
        piece = self.data[self.pos : end]
        self.pos = end
        return piece

    def line(self) -> bytes:
        return self.through(b"\n")

    def starts_with(self, head: bytes) -> bool:
        while len(self.data) - self.pos < len(head):
            self._more()
        return self.data.startswith(head, self.pos)

    def only_whitespace_left(self) -> bool:
        rest = self.data[self.pos :]
        while True:
            if rest.strip(_WHITESPACE):
                return False
            rest = self.handle.read(_BLOCK)
            if not rest:
                return True


def _record(kind: type[Record], text: bytes) -> Record:
    if _LONG_NUMBER in text.translate(_DIGITS):
        raise OffLayout
    try:
        return kind.model_validate(orjson.loads(text))
    except (orjson.JSONDecodeError, ValidationError):
        raise OffLayout from None


def _table(buffer: _Buffer, kind: type[Record]) -> Iterator[Record]:
    """The records of a table whose opening line was read; ends after its closing ``  ]`` line."""
    while True:
        if not buffer.starts_with(_RECORD_HEAD):
            raise OffLayout
        yield _record(kind, buffer.through(_RECORD_END, len(_RECORD_HEAD), _LONGEST_RECORD))
        after = buffer.line()
        if after == b",\n":
            continue
        if after != b"\n":
            raise OffLayout
        return


def _scalar(text: bytes) -> Any:
    try:
        value = orjson.loads(text)
    except orjson.JSONDecodeError:
        raise OffLayout from None
    if isinstance(value, dict | list):
        raise OffLayout
    return value


def layout_records(handle: BinaryIO) -> Iterator[Record]:
    """Every record of a netmap JSON stream in netmap's own layout, in file order, validated;
    ``OffLayout`` as soon as the stream departs from that layout or holds any problem (the general
    parser then says which). The format and version are checked at the end, as the general parser does.
    """
    buffer = _Buffer(handle)
    if buffer.line() != b"{\n":
        raise OffLayout
    seen: dict[str, Any] = {}
    comma = True  # whether the entry before ended with a comma (the opening brace needs none)
    while True:
        line = buffer.line()
        if line == b"}\n":
            if comma and seen:
                raise OffLayout
            break
        if not comma:
            raise OffLayout
        head, _, rest = line.partition(b": ")
        head += b": "
        name = head[3:-3].decode("utf-8", "replace")
        if name in seen:
            raise OffLayout
        if head in _KINDS and rest == b"[\n":
            seen[name] = []
            yield from _table(buffer, _KINDS[head])
            rest = buffer.line()
            if rest not in (b"  ],\n", b"  ]\n"):
                raise OffLayout
        elif head in _KINDS and rest in (b"[],\n", b"[]\n"):
            seen[name] = []
        elif head in _SCALARS:
            seen[name] = _scalar(rest.removesuffix(b"\n").removesuffix(b","))
        else:
            raise OffLayout
        comma = rest.endswith(b",\n")
    if not buffer.only_whitespace_left():
        raise OffLayout
    try:
        Dataset.model_validate(seen)
    except ValidationError:
        raise OffLayout from None
