"""Network Canvas interviews (GraphML export, or the CSV export's ego, attribute and edge lists) into a case."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from netmap.errors import ImportFailed
from netmap.ingest.builder import Builder
from netmap.ingest.cells import cell_text, is_truthy, vocab
from netmap.ingest.files import checked_zip, decode_text, digest, read_bytes
from netmap.ingest.graphml_parse import parse as parse_graphml
from netmap.ingest.limits import MAX_CELLS, MAX_ROWS
from netmap.ingest.networkcanvas_mapping import DEFAULT_MAPPING, gender, is_sensitive, pick, sector
from netmap.ingest.report import ImportReport, Problem
from netmap.models import Dataset, Perspective, Sector

__all__ = ["DEFAULT_MAPPING", "read"]

_SESSION = re.compile(r"^(?P<prefix>.+?)_(?:ego|attributeList_[^/]+|edgeList_[^/]+)\.csv$")
_EGO = "\x00ego"


def _alter(
    builder: Builder, where: str, key: str, attrs: Mapping[str, Any], mapping: Mapping[str, Any]
) -> None:
    """One alter: a person, a membership (ring from closeness) and a tie from the young person."""
    relationship = cell_text(pick(attrs, mapping["relationship"])).replace("_", " ")
    closeness = vocab(pick(attrs, mapping["closeness"], mapping["closeness_values"]))
    ring = mapping["closeness_values"].get(closeness)
    person = {
        "name": cell_text(pick(attrs, mapping["name"])) or f"Alter {key}",
        "gender": gender(attrs, mapping),
    }
    membership = {"sector": sector(relationship, mapping), "ring": ring, "role_label": relationship}
    pid = builder.person(where, key, person, membership, noun="variable")
    if pid is None or not builder.ego_id:
        return
    to_ego = is_truthy(pick(attrs, mapping["support_to_ego"]))
    from_ego = is_truthy(pick(attrs, mapping["support_from_ego"]))
    direction = "both" if to_ego and from_ego else "to_ego" if to_ego else "from_ego" if from_ego else "none"
    domains = [d for d, names in mapping["domains"].items() if is_truthy(pick(attrs, names))]
    fields = {
        "strength": {1: 3, 2: 2, 3: 1, 4: 1}.get(ring) if ring else None,
        "direction": direction,
        "frequency": mapping["frequency_values"].get(
            vocab(pick(attrs, mapping["frequency"], mapping["frequency_values"]))
        ),
        "domains": domains,
        "perspective": Perspective.YOUNG_PERSON,
        "source": "Network Canvas",
    }
    builder.keys.setdefault(_EGO, builder.ego_id)
    builder.keys.setdefault(f"\x00{pid}", pid)
    builder.tie(where, _EGO, f"\x00{pid}", fields, noun="variable")


def _ego(builder: Builder, label: str, attrs: Mapping[str, Any], mapping: Mapping[str, Any]) -> None:
    name = cell_text(pick(attrs, mapping["ego_name"])) or f"Young person ({label})"
    builder.person(
        "ego",
        "\x00ego-record",
        {"name": name, "gender": gender(attrs, mapping)},
        {"sector": Sector.FAMILY},
        ego=True,
        noun="variable",
    )


def _edge(builder: Builder, where: str, kind: str, ends: tuple[str, str], mapping: Mapping[str, Any]) -> None:
    """An alter-alter edge as a tie, unless its type is one netmap leaves out."""
    if is_sensitive(kind, mapping):
        builder.report.add(
            Problem(
                builder.name,
                where,
                "edge left out",
                f"edges of type {kind!r} record sex partners or drug use, which netmap never imports as support",
            ),
            refuse=False,
        )
        return
    fields = {"perspective": Perspective.YOUNG_PERSON, "source": f"Network Canvas {kind}".strip()}
    builder.tie(where, ends[0], ends[1], fields)


def _from_graphml(path: Path, data: bytes, builder: Builder, mapping: Mapping[str, Any]) -> str:
    graphs = parse_graphml(data, path.name, builder.report)
    if len(graphs) != 1:
        cases = ", ".join(g.attributes.get("caseId", "?") for g in graphs)
        raise ImportFailed(
            f"{path.name}: holds {len(graphs)} interviews ({cases}); export each interview "
            "to its own file and import them one at a time."
        )
    graph = graphs[0]
    label = graph.attributes.get("caseId", "") or path.stem
    _ego(builder, label, graph.data, mapping)
    for node_id, attrs in graph.nodes:
        _alter(builder, f"node {node_id!r}", node_id, attrs, mapping)
    for number, (edge_id, source, target, attrs) in enumerate(graph.edges, start=1):
        kind = cell_text(attrs.get("networkCanvasType") or attrs.get("type"))
        _edge(builder, f"edge {edge_id or number!r}", kind, (source, target), mapping)
    return label


def _csv_rows(name: str, data: bytes) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(decode_text(data, name), newline=""))
    rows = []
    cells = 0
    try:
        for row in reader:
            cells += len(row)
            if reader.line_num > MAX_ROWS or cells > MAX_CELLS:
                raise ImportFailed(
                    f"{name}: has more than {MAX_ROWS:,} rows or {MAX_CELLS:,} cells; netmap imports no more."
                )
            rows.append({k: v for k, v in row.items() if k is not None})
    except csv.Error as error:
        raise ImportFailed(f"{name}: the CSV is malformed ({error}).") from None
    return rows


def _from_zip(path: Path) -> dict[str, bytes]:
    with checked_zip(read_bytes(path), path.name) as archive:
        # A zip made on a Mac also holds __MACOSX/._name copies of each file's metadata.
        infos = [
            i
            for i in archive.infolist()
            if i.filename.lower().endswith(".csv")
            and not i.filename.startswith("__MACOSX/")
            and not Path(i.filename).name.startswith("._")
        ]
        try:
            return {Path(i.filename).name: archive.read(i) for i in infos}
        except (OSError, ValueError, NotImplementedError, EOFError, RuntimeError) as error:
            raise ImportFailed(f"{path.name}: is not a readable zip file ({error}).") from None


def _session_files(path: Path) -> dict[str, bytes]:
    """The CSV files of one interview, from a folder, a zip, or any one file of the set."""
    if path.suffix.lower() == ".zip":
        files = _from_zip(path)
    elif path.is_dir():
        files = {p.name: read_bytes(p) for p in sorted(path.glob("*.csv")) if not p.name.startswith("._")}
    else:
        match = _SESSION.match(path.name)
        if not match:
            raise ImportFailed(
                f"{path.name}: is not a Network Canvas CSV export (expected a file ending in "
                "_ego.csv, _attributeList_<type>.csv or _edgeList_<type>.csv)."
            )
        files = {p.name: read_bytes(p) for p in sorted(path.parent.glob(f"{match['prefix']}_*.csv"))}
    sessions = {m["prefix"] for m in (_SESSION.match(n) for n in files) if m}
    if len(sessions) != 1:
        raise ImportFailed(
            f"{path.name}: holds {len(sessions)} Network Canvas interviews; "
            "import one interview at a time (pick one of its files)."
        )
    return files


def _from_csv(path: Path, builder: Builder, mapping: Mapping[str, Any]) -> str:
    files = _session_files(path)
    ego_file = next((n for n in files if n.endswith("_ego.csv")), None)
    ego_rows = _csv_rows(ego_file, files[ego_file]) if ego_file else [{}]
    label = cell_text(ego_rows[0].get("networkCanvasCaseID")) if ego_rows else ""
    _ego(builder, label or path.stem, ego_rows[0] if ego_rows else {}, mapping)
    for name in sorted(n for n in files if "_attributeList_" in n):
        builder.name = name
        for number, row in enumerate(_csv_rows(name, files[name]), start=2):
            key = cell_text(row.get("nodeID")) or cell_text(row.get("networkCanvasUUID"))
            if not key:
                builder.problem(f"row {number}, column 'nodeID'", "person skipped", "is empty")
                continue
            _alter(builder, f"row {number}", key, row, mapping)
            uuid = cell_text(row.get("networkCanvasUUID"))
            if uuid and key in builder.keys:  # older exports link edges by UUID only
                builder.keys.setdefault(uuid, builder.keys[key])
    for name in sorted(n for n in files if "_edgeList_" in n):
        kind = name.rsplit("_edgeList_", 1)[1].removesuffix(".csv")
        builder.name = name
        for number, row in enumerate(_csv_rows(name, files[name]), start=2):
            source = cell_text(row.get("from")) or cell_text(row.get("networkCanvasSourceUUID"))
            target = cell_text(row.get("to")) or cell_text(row.get("networkCanvasTargetUUID"))
            _edge(builder, f"row {number}", kind, (source, target), mapping)
    builder.name = path.name
    return label


def read(
    path: Path,
    *,
    case_id: str | None = None,
    ego_id: str | None = None,
    mapping: Mapping[str, Any] | None = None,
    report: ImportReport | None = None,
    young_person: str | None = None,
) -> Dataset:
    """One Network Canvas interview: the ego as the young person, alters as members, edges as ties.

    Every alter gets a tie from the young person (their view) with strength and ring from closeness,
    contact frequency, support direction and domains, found through ``mapping`` (variable names,
    case-insensitive; see :data:`DEFAULT_MAPPING`, whose entries a caller may override one by one).
    Alter-alter edges become ties whose source names the edge type, except edge types recording sex
    partners or drug use, which are left out and listed in the report. Variables not in the mapping
    are not imported. Into an existing case (``case_id``) pass its young person as ``ego_id``.
    """
    path = Path(path)
    full = {**DEFAULT_MAPPING, **(mapping or {})}
    if path.suffix.lower() == ".netcanvas":
        raise ImportFailed(
            f"{path.name}: is a Network Canvas protocol, not an interview; export the interview "
            "from Interviewer as GraphML or CSV and import that."
        )
    if case_id and not ego_id:
        raise ImportFailed(
            f"{path.name}: to add an interview to case {case_id}, netmap needs that case's "
            "young person (ego_id)."
        )
    options: dict[str, Any] = {
        "case_id": case_id,
        "ego_id": ego_id,
        "report": report,
        "young_person": young_person,
    }
    if path.suffix.lower() == ".graphml":
        data = read_bytes(path)
        builder = Builder(path.name, digest(data), **options)
        label = _from_graphml(path, data, builder, full)
    else:
        content = digest(b"".join(_session_files(path).values()))
        builder = Builder(path.name, content, **options)
        label = _from_csv(path, builder, full)
    return builder.dataset(title=f"Network Canvas interview {label}".strip())
