"""GraphML with typed attributes for Gephi, Cytoscape and yEd: a case out, and any graph in."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from netmap.errors import ImportFailed
from netmap.ingest.builder import Builder
from netmap.ingest.cells import cell_text
from netmap.ingest.columns import (
    CASE_COLUMNS,
    PEOPLE_COLUMNS,
    TIE_COLUMNS,
    case_fields,
    case_row,
    kin_parts,
    person_parts,
    person_row,
    tie_parts,
    tie_row,
)
from netmap.ingest.files import digest, read_bytes
from netmap.ingest.graphml_parse import Graph, parse
from netmap.ingest.report import ImportReport
from netmap.models import Certainty, Dataset, KinType, LeadSource, Network

__all__ = ["Graph", "parse", "read", "write"]

NS = "http://graphml.graphdrawing.org/xmlns"
_INT = {"birth_year", "death_year", "ring", "strength", "version", "membership_version"}
_BOOL = {"deceased"}
_NAME_KEYS = ("name", "label", "alter_name", "title")
_KIN_COLUMNS = ("kin_kind", "certainty", "kin_source")


def _extra_notes(attrs: dict[str, Any], known: set[str], notes: str) -> str:
    extra = [f"{k}: {cell_text(v)}" for k, v in attrs.items() if k not in known and cell_text(v)]
    return "\n".join(x for x in [notes, *extra] if x)


def read(
    path: Path,
    *,
    case_id: str | None = None,
    ego_id: str | None = None,
    report: ImportReport | None = None,
    young_person: str | None = None,
) -> Dataset:
    """People and ties from any GraphML file; a file netmap wrote comes back with its ids, case and kin.

    Node attributes named like netmap's people columns are used (``name``, ``label`` or a yEd label
    gives the name); other attributes are kept as lines of the membership or tie notes. Without
    ``case_id`` one node must carry ``young_person`` true.
    """
    path = Path(path)
    data = read_bytes(path)
    report = report if report is not None else ImportReport(strict=True)
    graphs = parse(data, path.name, report)
    if len(graphs) != 1:
        raise ImportFailed(f"{path.name}: holds {len(graphs)} graphs; netmap imports one graph per file.")
    graph = graphs[0]
    builder = Builder(
        path.name, digest(data), case_id=case_id, ego_id=ego_id, report=report, young_person=young_person
    )
    netmap_case = cell_text(graph.data.get("netmap_case_id"))
    if case_id is None and re.fullmatch(r"[A-Za-z0-9_.:|@-]{1,80}", netmap_case):
        builder.case_id = netmap_case
    builder.faithful = bool(netmap_case)
    if netmap_case:
        builder.case_fields = case_fields({k.removeprefix("netmap_"): v for k, v in graph.data.items()})
    person_known = set(PEOPLE_COLUMNS) | set(_NAME_KEYS)
    for node_id, attrs in graph.nodes:
        row = {k: v for k, v in attrs.items() if k in PEOPLE_COLUMNS}
        row["name"] = next((cell_text(attrs[k]) for k in _NAME_KEYS if cell_text(attrs.get(k))), node_id)
        row["notes"] = _extra_notes(attrs, person_known, cell_text(attrs.get("notes")))
        if isinstance(row.get("young_person"), bool):
            row["young_person"] = "yes" if row["young_person"] else ""
        person, membership, ego, _ = person_parts(row)
        given = node_id if netmap_case else ""
        builder.person(
            f"node {node_id!r}", node_id, person, membership, given_id=given, ego=ego, noun="attribute"
        )
    tie_known = set(TIE_COLUMNS) | set(_KIN_COLUMNS) | {"edge_kind"}
    for edge_id, source, target, attrs in graph.edges:
        where = f"edge {edge_id or source + '->' + target!r}"
        given = edge_id if netmap_case else ""
        if attrs.get("edge_kind") == "kin":
            a = builder.resolve(where, source, "source", what="family link")
            b = builder.resolve(where, target, "target", what="family link") if a else None
            if a and b:
                builder.add_kin(where, a, b, kin_parts(attrs), given_id=given)
            continue
        row = {k: v for k, v in attrs.items() if k in TIE_COLUMNS}
        row["notes"] = _extra_notes(attrs, tie_known, cell_text(attrs.get("notes")))
        builder.tie(where, source, target, tie_parts(row), given_id=given, noun="attribute")
    return builder.dataset(title=cell_text(graph.data.get("netmap_case_title")))


def _key(parent: Any, key_id: str, target: str, kind: str) -> None:
    ET.SubElement(parent, "key", {"id": key_id, "for": target, "attr.name": key_id, "attr.type": kind})


def _put(parent: Any, key: str, value: Any) -> None:
    if value in ("", None):
        return
    text = str(value).lower() if isinstance(value, bool) else str(value)
    ET.SubElement(parent, "data", {"key": key}).text = text


def write(network: Network, path: Path) -> None:
    """Write a case as directed GraphML: people as nodes, ties and kin as edges, all attributes typed."""
    root = ET.Element("graphml", {"xmlns": NS})
    for key in CASE_COLUMNS:
        _key(root, f"netmap_{key}", "graph", "string")
    _key(root, "label", "node", "string")
    for column in PEOPLE_COLUMNS[1:]:
        _key(root, column, "node", "int" if column in _INT else "boolean" if column in _BOOL else "string")
    for column in ("edge_kind", *TIE_COLUMNS[3:], *_KIN_COLUMNS):
        if column != "notes":
            _key(root, column, "edge", "int" if column in _INT else "string")
    _key(root, "notes", "edge", "string")
    graph = ET.SubElement(root, "graph", {"id": network.case.id, "edgedefault": "directed"})
    for key, value in case_row(network.case).items():
        _put(graph, f"netmap_{key}", value)
    for person in network.people:
        node = ET.SubElement(graph, "node", {"id": person.id})
        _put(node, "label", person.display_name)
        for column, value in list(person_row(network, person).items())[1:]:
            _put(node, column, value)
    for tie in network.ties:
        edge = ET.SubElement(graph, "edge", {"id": tie.id, "source": tie.from_id, "target": tie.to_id})
        _put(edge, "edge_kind", "tie")
        for column, value in list(tie_row(tie).items())[3:]:
            _put(edge, column, value)
    people = {p.id for p in network.people}
    for kin in (k for k in network.kin if k.from_id in people and k.to_id in people):
        edge = ET.SubElement(graph, "edge", {"id": kin.id, "source": kin.from_id, "target": kin.to_id})
        _put(edge, "edge_kind", "kin")
        _put(edge, "kin_kind", KinType(kin.kind).value)
        _put(edge, "certainty", Certainty(kin.certainty).value)
        _put(edge, "kin_source", LeadSource(kin.source).value if kin.source else "")
        _put(edge, "notes", kin.notes)
    ET.indent(root)
    Path(path).write_bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))
