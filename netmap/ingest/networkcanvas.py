"""Network Canvas interviews (GraphML export, or the CSV export's ego, attribute and edge lists) into a case."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from netmap.errors import ImportFailed
from netmap.ingest import graphml
from netmap.ingest.builder import Builder
from netmap.ingest.cells import cell_text, is_truthy, vocab
from netmap.ingest.files import MAX_BYTES, decode_text, digest, read_bytes
from netmap.models import Dataset, Perspective, Sector

__all__ = ["DEFAULT_MAPPING", "read"]

DEFAULT_MAPPING: dict[str, Any] = {
    "name": ["name", "alter_name", "label", "nickname", "first_name"],
    "relationship": ["relationship", "relation", "rel", "relationship_type", "role"],
    "closeness": ["closeness", "relstrength", "rel_strength", "tie_strength", "strength", "close"],
    "frequency": ["contactfreq", "contact_freq", "contact_frequency", "frequency"],
    "support_to_ego": ["support_received", "gives_support", "support_from_alter"],
    "support_from_ego": ["support_given", "receives_support", "support_to_alter"],
    "domains": {
        d: [f"support_{d}", f"{d}_support", f"{d}support"]
        for d in (
            "emotional",
            "practical",
            "housing",
            "money",
            "education_work",
            "health",
            "advice",
            "leisure",
        )
    },
    "gender": ["gender", "sex"],
    "ego_name": ["ego_name", "name"],
    "closeness_values": {
        "very_close": 1,
        "extremely_close": 1,
        "close": 2,
        "somewhat_close": 2,
        "not_very_close": 3,
        "distant": 3,
        "not_close_at_all": 4,
        "not_close": 4,
    },
    "frequency_values": {
        "daily": "daily",
        "weekly": "weekly",
        "less_than_weekly": "monthly",
        "monthly": "monthly",
        "few_times_a_year": "few_times_a_year",
        "yearly": "yearly",
        "less_than_yearly": "rarely",
        "rarely": "rarely",
        "never": "none",
    },
    "relationship_sectors": {
        "family": [
            "mother",
            "father",
            "parent",
            "sister",
            "brother",
            "sibling",
            "aunt",
            "uncle",
            "cousin",
            "grand",
            "nan",
            "family",
            "son",
            "daughter",
        ],
        "professionals": [
            "worker",
            "officer",
            "teacher",
            "doctor",
            "professional",
            "coordinator",
            "advisor",
            "mentor",
            "keyworker",
        ],
    },
}
_NC_RESERVED = {
    "nodeid",
    "networkcanvasegouuid",
    "networkcanvasuuid",
    "networkcanvassourceuuid",
    "networkcanvastargetuuid",
    "edgeid",
    "from",
    "to",
    "null",
}
_SESSION = re.compile(r"^(?P<prefix>.+?)_(?:ego|attributeList_[^/]+|edgeList_[^/]+)\.csv$")


def _pick(attrs: Mapping[str, Any], names: list[str], values: Mapping[str, Any] | None = None) -> Any:
    """The first of ``names`` that has a value (one of ``values``, when given)."""
    lowered = {k.lower(): v for k, v in attrs.items()}
    found = (lowered[n] for n in names if cell_text(lowered.get(n)))
    return next((v for v in found if values is None or vocab(v) in values), None)


_GENDER_WORDS = {
    "female": "female",
    "woman": "female",
    "f": "female",
    "male": "male",
    "man": "male",
    "m": "male",
    "non_binary": "nonbinary",
    "nonbinary": "nonbinary",
    "genderqueer": "nonbinary",
    "agender": "nonbinary",
}


def _gender(attrs: Mapping[str, Any], mapping: Mapping[str, Any]) -> str:
    value = vocab(_pick(attrs, mapping["gender"], _GENDER_WORDS))
    if not value:
        flags = [
            vocab(k.split("_", 1)[1])
            for k, v in attrs.items()
            if k.lower().startswith("gender_") and is_truthy(v)
        ]
        value = flags[0] if len(flags) == 1 else ""
    return _GENDER_WORDS.get(value, "")


def _sector(relationship: str, mapping: Mapping[str, Any]) -> str:
    word = relationship.lower()
    for sector, hints in mapping["relationship_sectors"].items():
        if any(h in word for h in hints):
            return sector
    return Sector.FRIENDS.value


def _alter(
    builder: Builder, where: str, key: str, attrs: Mapping[str, Any], mapping: Mapping[str, Any]
) -> None:
    """One alter: a person, a membership (ring from closeness) and a tie from the young person."""
    relationship = cell_text(_pick(attrs, mapping["relationship"])).replace("_", " ")
    closeness = vocab(_pick(attrs, mapping["closeness"], mapping["closeness_values"]))
    ring = mapping["closeness_values"].get(closeness)
    person = {
        "name": cell_text(_pick(attrs, mapping["name"])) or f"Alter {key}",
        "gender": _gender(attrs, mapping),
    }
    membership = {"sector": _sector(relationship, mapping), "ring": ring, "role_label": relationship}
    pid = builder.person(where, key, person, membership, noun="variable")
    to_ego = is_truthy(_pick(attrs, mapping["support_to_ego"]))
    from_ego = is_truthy(_pick(attrs, mapping["support_from_ego"]))
    direction = "both" if to_ego and from_ego else "to_ego" if to_ego else "from_ego" if from_ego else "none"
    domains = [d for d, names in mapping["domains"].items() if is_truthy(_pick(attrs, names))]
    fields = {
        "strength": {1: 3, 2: 2, 3: 1, 4: 1}.get(ring) if ring else None,
        "direction": direction,
        "frequency": mapping["frequency_values"].get(
            vocab(_pick(attrs, mapping["frequency"], mapping["frequency_values"]))
        ),
        "domains": domains,
        "perspective": Perspective.YOUNG_PERSON,
        "source": "Network Canvas",
    }
    if builder.ego_id:
        builder.keys.setdefault("\x00ego", builder.ego_id)
        builder.keys.setdefault(f"\x00{pid}", pid)
        builder.tie(where, "\x00ego", f"\x00{pid}", fields, noun="variable")


def _ego(builder: Builder, label: str, attrs: Mapping[str, Any], mapping: Mapping[str, Any]) -> None:
    name = cell_text(_pick(attrs, mapping["ego_name"])) or f"Young person ({label})"
    builder.person(
        "ego",
        "\x00ego-record",
        {"name": name, "gender": _gender(attrs, mapping)},
        {"sector": Sector.FAMILY},
        ego=True,
        noun="variable",
    )


def _from_graphml(path: Path, data: bytes, builder: Builder, mapping: Mapping[str, Any]) -> str:
    graphs = graphml.parse(data, path.name)
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
        builder.tie(
            f"edge {edge_id or number!r}",
            source,
            target,
            {"perspective": Perspective.YOUNG_PERSON, "source": f"Network Canvas {kind}".strip()},
        )
    return label


def _csv_rows(name: str, data: bytes) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(decode_text(data, name), newline=""))
    try:
        return [{k: v for k, v in row.items() if k is not None} for row in reader]
    except csv.Error as error:
        raise ImportFailed(f"{name}: the CSV is malformed ({error}).") from None


def _session_files(path: Path) -> dict[str, bytes]:
    """The CSV files of one interview, from a folder, a zip, or any one file of the set."""
    if path.suffix.lower() == ".zip":
        try:
            with zipfile.ZipFile(io.BytesIO(read_bytes(path))) as archive:
                infos = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
                if sum(i.file_size for i in infos) > MAX_BYTES:
                    raise ImportFailed(f"{path.name}: unpacks to more than 20 MB; netmap refuses it.")
                files = {Path(i.filename).name: archive.read(i) for i in infos}
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            raise ImportFailed(f"{path.name}: is not a readable zip file.") from None
    elif path.is_dir():
        files = {p.name: read_bytes(p) for p in sorted(path.glob("*.csv"))}
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
        for number, row in enumerate(_csv_rows(name, files[name]), start=2):
            key = cell_text(row.get("nodeID"))
            if not key:
                raise ImportFailed(f"{name} row {number}, column 'nodeID': is empty.")
            builder.name = name
            _alter(builder, f"row {number}", key, row, mapping)
    for name in sorted(n for n in files if "_edgeList_" in n):
        kind = name.rsplit("_edgeList_", 1)[1].removesuffix(".csv")
        builder.name = name
        for number, row in enumerate(_csv_rows(name, files[name]), start=2):
            builder.tie(
                f"row {number}",
                cell_text(row.get("from")),
                cell_text(row.get("to")),
                {"perspective": Perspective.YOUNG_PERSON, "source": f"Network Canvas {kind}"},
            )
    builder.name = path.name
    return label


def read(
    path: Path,
    *,
    case_id: str | None = None,
    ego_id: str | None = None,
    mapping: Mapping[str, Any] | None = None,
) -> Dataset:
    """One Network Canvas interview: the ego as the young person, alters as members, edges as ties.

    Every alter gets a tie from the young person (their view) with strength and ring from closeness,
    contact frequency, support direction and domains, found through ``mapping`` (variable names,
    case-insensitive; see :data:`DEFAULT_MAPPING`, whose entries a caller may override one by one).
    Alter-alter edges become ties whose source names the edge type. Variables not in the mapping
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
    if path.suffix.lower() == ".graphml":
        data = read_bytes(path)
        builder = Builder(path.name, digest(data), case_id=case_id, ego_id=ego_id)
        label = _from_graphml(path, data, builder, full)
    else:
        content = digest(b"".join(_session_files(path).values()))
        builder = Builder(path.name, content, case_id=case_id, ego_id=ego_id)
        label = _from_csv(path, builder, full)
    return builder.dataset(title=f"Network Canvas interview {label}".strip())
