"""GRAPH.BULK's binary format, read back by a reader written from the format's rules (the server's
own reading is in tests/integration/test_falkordb_bulk.py)."""

from __future__ import annotations

import struct
from typing import Any

import pytest

from netmap.graph.adapters.cypher.bulk_format import Chunk, NodeToken, Unencodable, encode_value


def _cstring(data: bytes, at: int) -> tuple[str, int]:
    end = data.index(b"\x00", at)
    return data[at:end].decode(), end + 1


def _value(data: bytes, at: int) -> tuple[Any, int]:
    kind, at = data[at], at + 1
    if kind == 0:
        return None, at
    if kind == 1:
        return bool(data[at]), at + 1
    if kind == 2:
        return struct.unpack_from("<d", data, at)[0], at + 8
    if kind == 3:
        return _cstring(data, at)
    if kind == 4:
        return struct.unpack_from("<q", data, at)[0], at + 8
    assert kind == 5, kind
    (length,), at = struct.unpack_from("<q", data, at), at + 8
    items = []
    for _ in range(length):
        item, at = _value(data, at)
        items.append(item)
    return items, at


def read_token(data: bytes) -> tuple[list[str], list[str], list[list[Any]]]:
    """A node token as the server reads it: labels, property names, each node's values."""
    labels, at = _cstring(data, 0)
    (count,), at = struct.unpack_from("<I", data, at), at + 4
    keys = []
    for _ in range(count):
        key, at = _cstring(data, at)
        keys.append(key)
    nodes = []
    while at < len(data):
        node = []
        for _ in keys:
            value, at = _value(data, at)
            node.append(value)
        nodes.append(node)
    return labels.split(":"), keys, nodes


VALUES = [
    "",
    'O\'Dell "Mo" \\ ` ${x}',
    "Zoë 你好 🙂\n\r\t\u202e",
    "long " * 10_000,
    0,
    -1,
    2**63 - 1,
    -(2**63),
    True,
    False,
    1.5,
    -0.0,
    None,
    [1, "a", None, [False, 2.5], []],
]


def test_every_value_reads_back_as_written_with_its_type() -> None:
    token = NodeToken(("Record", "Person"), [f"p{n}" for n in range(len(VALUES))])
    token.add(VALUES)
    token.add(reversed(VALUES))
    labels, keys, nodes = read_token(token.data())
    assert labels == ["Record", "Person"] and keys == [f"p{n}" for n in range(len(VALUES))]
    for node, expected in zip(nodes, [VALUES, list(reversed(VALUES))], strict=True):
        assert [(type(v), v) for v in node] == [
            (type(v), list(v) if isinstance(v, tuple) else v) for v in expected
        ]


def test_a_chunk_has_a_token_per_label_set_and_counts_its_nodes() -> None:
    chunk, other = Chunk(), Chunk()
    chunk.token(("Audit",), ("seq",)).add([1])
    other.token(("Audit",), ("seq",)).add([2])
    other.token(("Record", "Case"), ("id",)).add(["c-1"])
    chunk.extend(other)
    nodes, edges, node_tokens, edge_tokens, *tokens = chunk.arguments()
    assert (nodes, edges, node_tokens, edge_tokens) == (3, 0, 2, 0)
    assert [read_token(t) for t in tokens] == [
        (["Audit"], ["seq"], [[1], [2]]),
        (["Record", "Case"], ["id"], [["c-1"]]),
    ]
    assert chunk.size == sum(len(t) for t in tokens)


@pytest.mark.parametrize(
    "value",
    ["a\x00b", "\ud800", 2**63, -(2**63) - 1, {"a": 1}, b"bytes", ["ok", "no\x00"]],
    ids=["nul", "lone-surrogate", "too-big", "too-small", "map", "bytes", "nul-in-list"],
)
def test_a_value_the_format_cannot_carry_exactly_is_refused(value: Any) -> None:
    with pytest.raises(Unencodable):
        encode_value(value)
    with pytest.raises(Unencodable):
        NodeToken(("X",), ("v",)).add([value])


@pytest.mark.parametrize("name", ["", "a:b", "a\x00b"], ids=["empty", "colon", "nul"])
def test_a_label_or_property_name_the_format_cannot_carry_is_refused(name: str) -> None:
    with pytest.raises(Unencodable):
        NodeToken((name,), ("v",))
    with pytest.raises(Unencodable):
        NodeToken(("X",), (name,))
