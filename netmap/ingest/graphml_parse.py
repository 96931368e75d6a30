"""GraphML read as a stream: graphs, nodes and edges with their data, in bounded memory.

Keys may sit at the top or inside ``<graph>`` (some tools write them there), and are resolved once
the whole document is read. yEd keeps a node's label in a ``nodegraphics`` key's ``<y:NodeLabel>``;
it is read as the attribute ``label``. A value that is not of its key's type is kept as text.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from netmap.errors import ImportFailed
from netmap.ingest.limits import MAX_LINKS, MAX_PEOPLE, MAX_XML_ELEMENTS
from netmap.ingest.report import ImportReport, Problem
from netmap.ingest.safe_xml import local_name

__all__ = ["Graph", "parse"]

_LABEL_TAGS = {"NodeLabel", "EdgeLabel"}
_GRAPHICS = {"nodegraphics", "edgegraphics"}
Raw = list[tuple[str, str, bool]]  # (key id, text, whether the text is a yEd label)


@dataclass
class Graph:
    """One ``<graph>``: its own data, nodes ``(id, attrs)`` and edges ``(id, source, target, attrs)``."""

    data: dict[str, Any] = field(default_factory=dict)
    attributes: dict[str, str] = field(default_factory=dict)
    nodes: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    edges: list[tuple[str, str, str, dict[str, Any]]] = field(default_factory=list)


@dataclass
class _RawGraph:
    attributes: dict[str, str]
    data: Raw = field(default_factory=list)
    nodes: list[tuple[str, Raw]] = field(default_factory=list)
    edges: list[tuple[str, str, str, Raw]] = field(default_factory=list)


def _typed(text: str, kind: str) -> Any:
    if kind in ("int", "long"):
        return int(text)
    if kind in ("float", "double"):
        return float(text)
    if kind == "boolean":
        return text.strip().lower() in ("true", "1")
    return text


def _raw(element: Any) -> Raw:
    """The ``<data>`` children of ``element`` as (key, text, is label)."""
    found: Raw = []
    for child in element:
        if local_name(child.tag) != "data":
            continue
        labels = [e.text for e in child.iter() if local_name(e.tag) in _LABEL_TAGS and e.text]
        found.append(
            (child.get("key", ""), (labels[0] if labels else child.text or "").strip(), bool(labels))
        )
    return found


class _Resolver:
    def __init__(self, keys: dict[str, tuple[str, str]], name: str, report: ImportReport) -> None:
        self.keys, self.name, self.report = keys, name, report

    def __call__(self, raw: Raw, where: str) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, text, is_label in raw:
            attr, kind = self.keys.get(key, (key, "string"))
            if is_label:
                values[attr] = text
                continue
            try:
                values[attr] = _typed(text, kind)
            except ValueError:
                self.report.add(
                    Problem(
                        self.name,
                        f"{where}, data {attr!r}",
                        "value kept as text",
                        f"{text[:30]!r} is not a {kind}",
                    )
                )
                values[attr] = text
        return values


def _key(element: Any) -> tuple[str, tuple[str, str]]:
    if element.get("yfiles.type") in _GRAPHICS:
        return element.get("id", ""), ("label", "string")
    return element.get("id", ""), (
        element.get("attr.name") or element.get("id", ""),
        element.get("attr.type", "string"),
    )


def _within(name: str, what: str, count: int, limit: int) -> None:
    if count >= limit:
        raise ImportFailed(
            f"{name}: holds more than {limit:,} {what}; netmap imports at most {limit:,} at once."
        )


def parse(data: bytes, name: str, report: ImportReport | None = None) -> list[Graph]:
    """Every top-level ``<graph>`` of GraphML ``data`` (nested graphs' nodes and edges belong to it),
    with attribute names and types resolved from the keys; DTDs and entities are refused."""
    report = report if report is not None else ImportReport(strict=True)
    keys: dict[str, tuple[str, str]] = {}
    graphs: list[_RawGraph] = []
    stack: list[Any] = []
    count = 0
    events = iterparse(
        io.BytesIO(data), events=("start", "end"), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        for event, element in events:
            tag = local_name(element.tag)
            if event == "start":
                count += 1
                if count > MAX_XML_ELEMENTS:
                    raise ImportFailed(
                        f"{name}: has more than {MAX_XML_ELEMENTS:,} XML elements; netmap reads at most "
                        f"{MAX_XML_ELEMENTS:,}."
                    )
                if not stack and tag != "graphml":
                    raise ImportFailed(f"{name}: is not GraphML (the root element is <{tag}>).")
                if tag == "graph" and len(stack) == 1:
                    graphs.append(_RawGraph({local_name(k): v for k, v in element.attrib.items()}))
                stack.append(element)
                continue
            stack.pop()
            if tag == "key":
                key_id, value = _key(element)
                keys[key_id] = value
            elif tag == "node" and graphs:
                _within(name, "nodes", len(graphs[-1].nodes), MAX_PEOPLE)
                node_id = element.get("id", "")
                if node_id:
                    graphs[-1].nodes.append((node_id, _raw(element)))
                else:
                    report.add(
                        Problem(
                            name, f"node {len(graphs[-1].nodes) + 1}", "node skipped", "the <node> has no id"
                        )
                    )
            elif tag == "edge" and graphs:
                _within(name, "edges", len(graphs[-1].edges), MAX_LINKS)
                number = len(graphs[-1].edges) + 1
                source, target = element.get("source", ""), element.get("target", "")
                if source and target:
                    graphs[-1].edges.append((element.get("id", ""), source, target, _raw(element)))
                else:
                    where = f"edge {element.get('id') or number}"
                    report.add(
                        Problem(name, where, "edge skipped", "the edge needs both a source and a target")
                    )
            elif tag == "graph" and len(stack) == 1 and graphs:
                graphs[-1].data = _raw(element)
            else:
                continue
            if stack and tag in ("key", "node", "edge"):
                del stack[-1][-1]  # done with it: keep memory flat (it is its parent's last child)
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ImportFailed(f"{name} line {line}, column {column}: the XML is broken or cut short.") from None
    except DefusedXmlException:
        raise ImportFailed(
            f"{name}: the XML declares a DTD or entities, which netmap refuses for safety."
        ) from None
    except (ValueError, UnicodeError, LookupError):
        raise ImportFailed(f"{name}: the file is not readable XML text.") from None
    resolve = _Resolver(keys, name, report)
    return [
        Graph(
            data=resolve(g.data, "graph"),
            attributes=g.attributes,
            nodes=[(i, resolve(raw, f"node {i!r}")) for i, raw in g.nodes],
            edges=[(i, s, t, resolve(raw, f"edge {i or s + '->' + t!r}")) for i, s, t, raw in g.edges],
        )
        for g in graphs
    ]
