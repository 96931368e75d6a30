"""FalkorDB's ``GRAPH.BULK`` binary format: nodes encoded as the server reads them.

A command is ``GRAPH.BULK <graph> [BEGIN] <nodes> <edges> <node tokens> <edge tokens> <token>...``;
``BEGIN`` (first command only) makes the graph, which must not exist yet. A node token holds the
nodes of one label set: the labels joined by ``:`` and a NUL, the number of properties (4 bytes),
each property's name and a NUL, then for every node one value per property, a type byte and its
payload: null (0, nothing; the node gets no such property), bool (1, one byte), double (2, 8 bytes),
string (3, UTF-8 and a NUL), integer (4, 8 bytes signed), array (5, an 8-byte length and the
values). Numbers are little-endian. The server checks little of this, so every value is checked
here: a string holding a NUL (it would end the string early), an integer beyond 64 bits, text that
is not valid Unicode, or a value of any other type is ``Unencodable``.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable, Sequence
from typing import Any

__all__ = ["Chunk", "NodeToken", "Unencodable", "encode_value"]

_LONG = struct.Struct("<q")
_DOUBLE = struct.Struct("<d")
_COUNT = struct.Struct("<I")
_NULL, _BOOL, _DOUBLE_T, _STRING, _LONG_T, _ARRAY = (bytes([t]) for t in range(6))
_TRUE, _FALSE = _BOOL + b"\x01", _BOOL + b"\x00"


class Unencodable(ValueError):
    """A value, label or property name the bulk format cannot carry exactly."""


def _text(value: str) -> bytes:
    try:
        data = value.encode()
    except UnicodeEncodeError:
        raise Unencodable(f"{value!r} is not valid Unicode text") from None
    if b"\x00" in data:
        raise Unencodable(f"{value!r} holds a NUL character")
    return data


def encode_value(value: Any) -> bytes:
    """One property value as the bulk format writes it.

    >>> encode_value("añ"), encode_value(7), encode_value(None), encode_value(True)
    (b'\\x03a\\xc3\\xb1\\x00', b'\\x04\\x07\\x00\\x00\\x00\\x00\\x00\\x00\\x00', b'\\x00', b'\\x01\\x01')
    >>> encode_value([1.5, ""])
    b'\\x05\\x02\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x00\\x00\\x00\\x00\\x00\\xf8?\\x03\\x00'
    >>> encode_value("a\\x00b")
    Traceback (most recent call last):
    ...
    netmap.graph.adapters.cypher.bulk_format.Unencodable: 'a\\x00b' holds a NUL character
    """
    kind = type(value)
    if kind is str:
        return _STRING + _text(value) + b"\x00"
    if value is None:
        return _NULL
    if kind is bool:
        return _TRUE if value else _FALSE
    if kind is int:
        try:
            return _LONG_T + _LONG.pack(value)
        except struct.error:
            raise Unencodable(f"{value} does not fit in 64 bits") from None
    if kind is float:
        return _DOUBLE_T + _DOUBLE.pack(value)
    if kind is list or kind is tuple:
        return _ARRAY + _LONG.pack(len(value)) + b"".join(encode_value(v) for v in value)
    raise Unencodable(f"a {kind.__name__} is not a property value")


def _name(name: str) -> bytes:
    data = _text(name)
    if not data or b":" in data:
        raise Unencodable(f"{name!r} cannot name a label or property")
    return data


class NodeToken:
    """The nodes of one label set with the same property names, as one token.

    >>> token = NodeToken(("Record", "Person"), ("id", "n"))
    >>> token.add(["p-1", 2]); token.add(["p-2", None])
    >>> token.count, token.data()[:28]
    (2, b'Record:Person\\x00\\x02\\x00\\x00\\x00id\\x00n\\x00\\x03p-1\\x00')
    """

    def __init__(self, labels: Sequence[str], keys: Sequence[str]) -> None:
        self.keys = tuple(keys)
        header = b":".join(_name(label) for label in labels) + b"\x00" + _COUNT.pack(len(self.keys))
        self._header = header + b"".join(_name(key) + b"\x00" for key in self.keys)
        self._body = bytearray()
        self.count = 0

    @property
    def size(self) -> int:
        return len(self._header) + len(self._body)

    def add(self, values: Iterable[Any]) -> None:
        """One node: a value per property name, in their order (None: the node lacks it). After
        ``Unencodable`` the token holds part of a node: throw it away."""
        node = self._body
        for value in values:
            if value.__class__ is str:  # most values
                node += _STRING
                node += _text(value)
                node += b"\x00"
            elif value is None:
                node += _NULL
            else:
                node += encode_value(value)
        self.count += 1

    def extend(self, other: NodeToken) -> None:
        """Take the nodes of ``other`` (the same labels and property names)."""
        self._body += other._body
        self.count += other.count

    def data(self) -> bytes:
        return self._header + self._body


class Chunk:
    """The node tokens of one ``GRAPH.BULK`` command, one per label set and property names.

    >>> chunk = Chunk()
    >>> chunk.token(("Audit",), ("seq",)).add([1])
    >>> chunk.count, chunk.arguments()[:4]
    (1, [1, 0, 1, 0])
    """

    def __init__(self) -> None:
        self._tokens: dict[tuple[tuple[str, ...], tuple[str, ...]], NodeToken] = {}

    def token(self, labels: Sequence[str], keys: Sequence[str]) -> NodeToken:
        """The token taking nodes with these labels and property names (made on first use)."""
        key = (tuple(labels), tuple(keys))
        token = self._tokens.get(key)
        if token is None:
            token = self._tokens[key] = NodeToken(labels, keys)
        return token

    def extend(self, other: Chunk) -> None:
        """Take every node of ``other``."""
        for (labels, keys), token in other._tokens.items():
            self.token(labels, keys).extend(token)

    @property
    def count(self) -> int:
        return sum(token.count for token in self._tokens.values())

    @property
    def size(self) -> int:
        return sum(token.size for token in self._tokens.values())

    def __bool__(self) -> bool:
        return bool(self._tokens)

    def arguments(self) -> list[Any]:
        """The command's arguments after the graph's name (and ``BEGIN``)."""
        tokens = [token.data() for token in self._tokens.values()]
        return [self.count, 0, len(tokens), 0, *tokens]
