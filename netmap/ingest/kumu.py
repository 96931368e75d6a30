"""Kumu blueprint JSON and the Elements/Connections spreadsheet, in both directions."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl

from netmap.errors import ImportFailed
from netmap.ingest.builder import Builder
from netmap.ingest.cells import cell_text, neutralise, unquote, vocab
from netmap.ingest.columns import (
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
from netmap.ingest.json_stream import load_value
from netmap.ingest.report import ImportReport, Problem
from netmap.ingest.tables import Table, find_header, xlsx_tables
from netmap.models import Certainty, Dataset, KinType, LeadSource, Network, PersonKind

__all__ = ["read", "write"]

_SERVICE_TYPES = {"service", "organisation", "organization", "org", "agency", "school", "prison", "team"}
_KIN_FIELDS = ("kin_kind", "certainty", "kin_source")
Item = tuple[str, str, dict[str, Any]]


def _field(name: str) -> str:
    return re.sub(r"\s+", "_", name.strip().lower())


def _json_items(
    data: bytes, name: str, report: ImportReport
) -> tuple[list[Item], list[Item], dict[str, Any]]:
    doc = load_value(data, name)
    if (
        not isinstance(doc, dict)
        or not isinstance(doc.get("elements", []), list)
        or not isinstance(doc.get("connections", []), list)
    ):
        raise ImportFailed(f"{name}: is not a Kumu blueprint (needs lists 'elements' and 'connections').")
    items: list[list[Item]] = [[], []]
    for group, kind in enumerate(("elements", "connections")):
        for number, raw in enumerate(doc.get(kind, []), start=1):
            where = f"{kind[:-1]} {number}"
            if not isinstance(raw, dict):
                report.add(Problem(name, where, f"{kind[:-1]} skipped", "must be an object with a label"))
                continue
            attrs: dict[str, Any] = raw["attributes"] if isinstance(raw.get("attributes"), dict) else {}
            merged = {**{k: v for k, v in raw.items() if k != "attributes"}, **attrs}
            key = cell_text(merged.pop("_id", None) or merged.pop("id", None))
            items[group].append((where, key, {_field(k): v for k, v in merged.items()}))
    meta: dict[str, Any] = doc["netmap"] if isinstance(doc.get("netmap"), dict) else {}
    return items[0], items[1], meta


def _has_column(name: str) -> Callable[[list[str]], bool]:
    return lambda cells: name in {_field(c) for c in cells}


def _sheet_items(path: Path, report: ImportReport) -> tuple[list[Item], list[Item], dict[str, Any]]:
    sheets = xlsx_tables(path, report)
    if "elements" not in sheets:
        raise ImportFailed(f"{path.name}: a Kumu spreadsheet needs a sheet named 'Elements'.")
    out: list[list[Item]] = [[], []]
    for group, (title, needs) in enumerate((("elements", "label"), ("connections", "from"))):
        if title not in sheets:
            continue
        table = find_header(sheets[title], _has_column(needs), report)
        fields = [_field(h) for h in table.header]
        for number, row in table.rows:
            values = {
                f: unquote(row[i]) for i, f in enumerate(fields) if f and i < len(row) and cell_text(row[i])
            }
            key = cell_text(values.pop("id", None))
            out[group].append((f"sheet {title.title()!r} row {number}", key, values))
    return out[0], out[1], _about(sheets.get("about"))


def _about(table: Table | None) -> dict[str, Any]:
    """The ``field``/``value`` rows of the About sheet netmap writes; a sheet laid out otherwise is not ours."""
    if table is None or [h.lower() for h in table.header[:2]] != ["field", "value"]:
        return {}
    return {cell_text(row[0]).lower(): unquote(row[1]) for _, row in table.rows if len(row) > 1}


def _notes(attrs: dict[str, Any], known: set[str]) -> str:
    lines = [cell_text(attrs.get("notes"))]
    for key, value in attrs.items():
        if key in known:
            continue
        text = ", ".join(cell_text(v) for v in value) if isinstance(value, list) else cell_text(value)
        if text:
            lines.append(f"{key.replace('_', ' ')}: {text}")
    return "\n".join(x for x in lines if x)


def read(
    path: Path,
    *,
    case_id: str | None = None,
    ego_id: str | None = None,
    report: ImportReport | None = None,
    young_person: str | None = None,
) -> Dataset:
    """Elements as people and connections as ties from a Kumu blueprint (.json) or spreadsheet (.xlsx).

    ``label`` is the name; element type Person or Organisation/Service sets the kind; attributes named
    like netmap columns (``young person``, ``sector``, ``ring``, ``valence``, ``strength`` ...) are used and
    all other attributes are kept in the notes. A connection naming a label that has no element
    creates that element, as Kumu does. An element without a label is named after its id.
    """
    path = Path(path)
    data = read_bytes(path)
    report = report if report is not None else ImportReport(strict=True)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        elements, connections, meta = _sheet_items(path, report)
    else:
        elements, connections, meta = _json_items(data, path.name, report)
    builder = Builder(
        path.name, digest(data), case_id=case_id, ego_id=ego_id, report=report, young_person=young_person
    )
    netmap_case = cell_text(meta.get("case_id"))
    where = (
        "sheet 'About', field 'case_id'" if path.suffix.lower() in (".xlsx", ".xlsm") else "netmap.case_id"
    )
    builder.use_exported_case(netmap_case, where)
    if netmap_case:
        builder.case_fields = case_fields(meta)
    labels = _elements(builder, elements, bool(netmap_case))
    _connections(builder, connections, labels, bool(netmap_case))
    return builder.dataset(title=cell_text(meta.get("case_title")))


def _elements(builder: Builder, elements: list[Item], faithful: bool) -> dict[str, list[str]]:
    """Add every element as a person; return the person ids by label."""
    known = set(PEOPLE_COLUMNS) | {"label", "type", "element_type"}
    labels: dict[str, list[str]] = {}
    for where, key, attrs in elements:
        label = cell_text(attrs.get("label"))
        row = {k: v for k, v in attrs.items() if k in PEOPLE_COLUMNS and k != "notes"}
        row["name"] = cell_text(attrs.get("name")) or label
        if not row["name"]:
            builder.problem(where, "name given", "the element has no label")
            row["name"] = f"Unlabelled element ({key or where})"
        kind = vocab(attrs.get("element_type") or attrs.get("type"))
        row["kind"] = PersonKind.SERVICE.value if kind in _SERVICE_TYPES else PersonKind.PERSON.value
        extra_known = known if kind in _SERVICE_TYPES | {"person", ""} else known - {"type", "element_type"}
        row["notes"] = _notes(attrs, extra_known)
        person, membership, ego, _ = person_parts(row)
        pid = builder.person(
            where,
            key or f"label:{label or where}",
            person,
            membership,
            given_id=key if faithful else "",
            ego=ego,
            noun="field",
        )
        if pid and label:
            labels.setdefault(label, []).append(pid)
    return labels


def _end(builder: Builder, where: str, end: str, ref: str, labels: dict[str, list[str]]) -> bool:
    """Whether connection end ``ref`` names one element (made now, as Kumu does, if it names none)."""
    if not ref:
        builder.problem(f"{where}, field {end!r}", "connection skipped", "is empty")
        return False
    if ref in builder.keys:
        return True
    matches = labels.get(ref, [])
    if len(matches) > 1:
        builder.problem(
            f"{where}, field {end!r}",
            "connection skipped",
            f"{ref!r} names {len(matches)} elements; give each element an id and connect by id",
        )
        return False
    if matches:
        builder.keys[ref] = matches[0]
        return True
    pid = builder.person(where, ref, {"name": ref}, {"notes": "Created from a Kumu connection."})
    if pid:
        labels[ref] = [pid]
    return pid is not None


def _connections(
    builder: Builder, connections: list[Item], labels: dict[str, list[str]], faithful: bool
) -> None:
    tie_known = (
        set(TIE_COLUMNS) | set(_KIN_FIELDS) | {"from", "to", "support_direction", "delayed", "reversed"}
    )
    for where, key, attrs in connections:
        ends = [cell_text(attrs.get("from")), cell_text(attrs.get("to"))]
        if not all(
            _end(builder, where, end, ref, labels) for end, ref in zip(("from", "to"), ends, strict=True)
        ):
            continue
        kind = vocab(attrs.get("connection_type") or attrs.get("type"))
        if kind == "kin":
            builder.add_kin(
                where,
                builder.keys[ends[0]],
                builder.keys[ends[1]],
                kin_parts(attrs),
                given_id=key if faithful else "",
            )
            continue
        row = {k: v for k, v in attrs.items() if k in TIE_COLUMNS and k not in ("from", "to", "direction")}
        row["direction"] = attrs.get("support_direction")
        row["notes"] = _notes(attrs, tie_known | ({"type", "connection_type"} if kind == "tie" else set()))
        builder.tie(where, ends[0], ends[1], tie_parts(row), given_id=key if faithful else "", noun="field")


def _blueprint(network: Network) -> dict[str, Any]:
    elements = []
    for person in network.people:
        row = person_row(network, person)
        element = {
            "id": row.pop("id"),
            "label": person.display_name,
            "type": "Service" if person.kind is PersonKind.SERVICE else "Person",
        }
        element.update({k.replace("_", " "): v for k, v in row.items() if v not in ("", None)})
        elements.append(element)
    connections = []
    for tie in network.ties:
        row = tie_row(tie)
        connection = {
            "id": row.pop("id"),
            "from": row.pop("from"),
            "to": row.pop("to"),
            "type": "Tie",
            "direction": "directed",
        }
        row["support direction"] = row.pop("direction")
        connection.update({k.replace("_", " "): v for k, v in row.items() if v not in ("", None)})
        connections.append(connection)
    people = {p.id for p in network.people}
    for kin in (k for k in network.kin if k.from_id in people and k.to_id in people):
        connection = {
            "id": kin.id,
            "from": kin.from_id,
            "to": kin.to_id,
            "type": "Kin",
            "direction": "undirected" if not KinType(kin.kind).is_parent else "directed",
            "kin kind": KinType(kin.kind).value,
            "certainty": Certainty(kin.certainty).value,
        }
        if kin.source:
            connection["kin source"] = LeadSource(kin.source).value
        if kin.notes:
            connection["notes"] = kin.notes
        connections.append(connection)
    return {
        "netmap": case_row(network.case),
        "elements": elements,
        "connections": connections,
    }


def write(network: Network, path: Path) -> None:
    """Write a case as a Kumu blueprint (``.json``) or an Elements/Connections workbook (``.xlsx``).

    The JSON carries the case in a ``netmap`` block, the workbook in a third sheet ``About`` (rows
    ``case_id`` and ``case_title`` under the header ``field``, ``value``), so a re-import without
    ``--case`` lands in the same case. Workbook cells that a spreadsheet would run as formulas get a
    leading single quote.
    """
    path = Path(path)
    blueprint = _blueprint(network)
    if path.suffix.lower() != ".xlsx":
        path.write_text(json.dumps(blueprint, ensure_ascii=False, indent=2), encoding="utf-8")
        return
    book = openpyxl.Workbook()
    for ws, title in zip((book.active, book.create_sheet()), ("Elements", "Connections"), strict=True):
        ws.title = title
        items = blueprint[title.lower()]
        header = ["Label", "Type"] if title == "Elements" else ["From", "To", "Type"]
        for item in items:
            header += [k.title() for k in item if k.title() not in header and k != "netmap"]
        ws.append(header)
        for item in items:
            values = {k.title(): v for k, v in item.items()}
            ws.append(
                [
                    v if isinstance(v, int) and not isinstance(v, bool) else neutralise(v)
                    for v in (values.get(h, "") for h in header)
                ]
            )
    about = book.create_sheet("About")
    about.append(["field", "value"])
    for field, value in blueprint["netmap"].items():
        about.append([field, neutralise(value)])
    book.save(path)
