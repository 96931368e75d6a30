"""Network Canvas Interviewer exports of invented interviews: the CSV export, GraphML and a protocol file.

The CSV export keeps the layout Interviewer writes: one ``<case>_<session>_ego.csv``, one
``attributeList_Person.csv`` whose header ends in a ``null`` column (each row ends in an empty
field), and one ``edgeList_<type>.csv`` per edge type that has edges, numbered on from the alters,
with the sensitive edge types ``DrugTie`` and ``SexTie`` beside ``Close``. The GraphML carries the
interview's identity as ``nc:`` attributes on ``<graph>`` and the ego's data under a key for="graph".
"""

from __future__ import annotations

import io
import json
import random
import zipfile

from tests.data.generate.common import GIVEN_FEMALE, GIVEN_MALE, Files, seeded, stable_uuid, stable_zip

__all__ = ["CSV_FOLDER", "FIRST_INTERVIEW", "INTERVIEWS", "write_all"]

FOLDER = "networkcanvas/generated"
CSV_FOLDER = f"{FOLDER}/csv-export"
PROTOCOL = "Support_Network_Protocol"
INTERVIEWS = 7
CLOSENESS = ("Very_close", "Somewhat_close", "Not_very_close", "Not_close_at_all")
FREQUENCY = ("Daily", "Weekly", "Less_than_weekly", "Few_times_a_year", "Less_than_yearly")
RELATIONSHIPS = ("Mother", "Sister", "Friend", "Foster_carer", "Youth_worker", "Cousin", "Neighbour", "Nan")
GENDERS = ("Female", "Male", "Non-binary", "Dont_know")
# The first interview is fixed so tests can name what they expect: (name, gender, closeness, frequency).
FIRST_INTERVIEW = (
    ("Rafe", "Male", "Very_close", "Daily"),
    ("Nell", "Female", "Somewhat_close", "Weekly"),
    ("Cormac", "Male", "Not_close_at_all", "Less_than_weekly"),
    ("Amara", "Female", "Very_close", "Weekly"),
    ("Sky", "Non-binary", "Not_very_close", "Few_times_a_year"),
)
ATTRIBUTES = (
    ["nodeID", "networkCanvasEgoUUID", "networkCanvasUUID", "Close", "Cords_x", "Cords_y", "Age",
     "ContactFreq", "RelStrength", "Relationship", "SupportPractical", "SupportEmotional"]
    + [f"Gender_{g}" for g in GENDERS]
    + ["PlaceMet_School", "PlaceMet_Care_home", "PlaceMet_Somewhere_else", "name", "LastSeen", "null"]
)  # fmt: skip
EDGE_COLUMNS = ["edgeID", "from", "to", "networkCanvasEgoUUID", "networkCanvasUUID",
                "networkCanvasSourceUUID", "networkCanvasTargetUUID"]  # fmt: skip
EGO = ["networkCanvasEgoUUID", "networkCanvasCaseID", "networkCanvasSessionID", "networkCanvasProtocolName",
       "sessionStart", "sessionFinish", "sessionExported", "HasKeyworker", "InCare", "AgeGroup_16_18",
       "AgeGroup_19_21", "AgeGroup_22_25"]  # fmt: skip


def _bool(value: bool | None) -> str:
    return "" if value is None else "true" if value else "false"


def _row(values: list[str]) -> str:
    return ",".join(values) + "\n"


def _alters(rng: random.Random, number: int) -> list[tuple[str, str, str, str]]:
    if number == 1:
        return list(FIRST_INTERVIEW)
    alters = []
    for _ in range(rng.randint(3, 9)):
        gender = rng.choice(GENDERS)
        pool = (
            GIVEN_MALE
            if gender == "Male"
            else GIVEN_FEMALE
            if gender == "Female"
            else GIVEN_MALE + GIVEN_FEMALE
        )
        alters.append((rng.choice(pool), gender, rng.choice(CLOSENESS), rng.choice(FREQUENCY)))
    return alters


def _interview(files: Files, rng: random.Random, number: int) -> None:
    ego, session = stable_uuid(rng), stable_uuid(rng)
    prefix = f"{CSV_FOLDER}/case_{number}_{session}"
    day = f"2025-03-{number + 3:02d}"
    files.write(
        f"{prefix}_ego.csv",
        _row(EGO)
        + _row([ego, f"case_{number}", session, PROTOCOL, f"{day}T10:0{number}:12.204Z", f"{day}T10:4{number}:55.918Z",
                f"{day}T16:20:03.377Z", _bool(rng.random() < 0.7), "true", *(_bool(i == number % 3) for i in range(3))]),
    )  # fmt: skip
    alters = _alters(rng, number)
    uuids = [stable_uuid(rng) for _ in alters]
    rows = []
    for node, (name, gender, close, freq) in enumerate(alters, start=1):
        met = rng.randrange(3)
        rows.append(
            [str(node), ego, uuids[node - 1], "true", f"{rng.random():.15f}", f"{rng.random():.15f}",
             str(rng.randint(14, 70)), freq, close, rng.choice(RELATIONSHIPS),
             _bool(rng.choice((True, False, None))), _bool(rng.choice((True, None)))]
            + [_bool(g == gender) for g in GENDERS]
            + [_bool(i == met) for i in range(3)]
            + [name, f"2025-0{rng.randint(1, 2)}-{rng.randint(10, 28)}" if rng.random() < 0.6 else "", ""]
        )  # fmt: skip
    files.write(f"{prefix}_attributeList_Person.csv", _row(ATTRIBUTES) + "".join(_row(r) for r in rows))
    edge_id = 0
    pairs = [(a, b) for a in range(1, len(alters) + 1) for b in range(a + 1, len(alters) + 1)]
    kinds = {
        "Close": (3, 8),
        "DrugTie": (0, 2) if number % 3 else (1, 3),
        "SexTie": (0, 2) if number % 2 else (1, 2),
    }
    if number == 1:
        kinds = {"Close": (4, 4), "DrugTie": (1, 1), "SexTie": (1, 1)}
    for kind, (low, high) in kinds.items():
        chosen = rng.sample(pairs, min(len(pairs), rng.randint(low, high)))
        if not chosen:
            continue  # Interviewer writes no file for an edge type without edges
        trailing = kind != "DrugTie"  # Close and SexTie carry an edge variable, mostly empty
        lines = _row(EDGE_COLUMNS + (["AlterSexTie"] if trailing else []))
        for a, b in chosen:
            edge_id += 1
            a, b = (b, a) if rng.random() < 0.5 else (a, b)
            values = [str(edge_id), str(a), str(b), ego, stable_uuid(rng), uuids[a - 1], uuids[b - 1]]
            lines += _row(values + ([""] if trailing else []))
        files.write(f"{prefix}_edgeList_{kind}.csv", lines)


NC_NS = "http://schema.networkcanvas.com/xmlns"


def _graph(rng: random.Random, case: str, ego: str, alters: list[str], edges: list[tuple[int, int]]) -> str:
    nodes = "".join(
        f'        <node id="n{i}">\n            <data key="alter_name">{name}</data>\n        </node>\n'
        for i, name in enumerate(alters)
    )
    links = "".join(f'        <edge source="n{a}" target="n{b}"/>\n' for a, b in edges)
    return (
        f'    <graph\n\t\tedgedefault="undirected"\n\t\tnc:caseId="{case}"\n\t\tnc:sessionUUID="{stable_uuid(rng)}"\n'
        f'\t\tnc:protocolName="{PROTOCOL}"\n\t\tnc:protocolUID="{rng.getrandbits(256):064x}"\n'
        '\t\tnc:sessionExportTime="2025-04-02T11:15:40.102Z"\n\t\tnc:sessionStartTime="2025-04-01T09:30:00.000Z"\n'
        '\t\tnc:sessionFinishTime="2025-04-01T10:12:31.560Z"\n\t>\n'
        f'        <data key="ego_name">{ego}</data>\n{nodes}{links}    </graph>\n'
    )


def _graphml(graphs: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<graphml\n    xmlns="http://graphml.graphdrawing.org/xmlns"\n'
        '    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"\n'
        f'    xsi:schemaLocation="{NC_NS} {NC_NS}/1.0/graphml+netcanvas.xsd"\n    xmlns:nc="{NC_NS}"\n>\n'
        '    <key id="ego_name" attr.name="ego_name" attr.type="string" for="graph" />\n'
        '    <key id="alter_name" attr.name="alter_name" attr.type="string" for="node" />\n'
        + "".join(graphs)
        + "</graphml>\n"
    )


def _protocol() -> bytes:
    """A ``.netcanvas`` protocol: a zip holding ``protocol.json`` with its codebook and stages."""
    variable = {
        "type": "categorical",
        "options": [{"label": c.replace("_", " "), "value": c} for c in CLOSENESS],
    }
    protocol = {
        "name": PROTOCOL,
        "schemaVersion": 7,
        "description": "Invented protocol for netmap's tests: who is around a young person.",
        "lastModified": "2025-02-20T12:00:00.000Z",
        "codebook": {
            "ego": {"variables": {"v-keyworker": {"name": "HasKeyworker", "type": "boolean"}}},
            "node": {"n-person": {"name": "Person", "color": "node-color-seq-1", "variables": {
                "v-name": {"name": "name", "type": "text"},
                "v-close": {"name": "RelStrength", **variable},
                "v-freq": {"name": "ContactFreq", "type": "ordinal",
                           "options": [{"label": f.replace("_", " "), "value": f} for f in FREQUENCY]},
            }}},
            "edge": {f"e-{kind.lower()}": {"name": kind, "color": f"edge-color-seq-{i}"}
                     for i, kind in enumerate(("Close", "DrugTie", "SexTie"), start=1)},
        },
        "stages": [
            {"id": "s-names", "type": "NameGenerator", "label": "Who is around you?", "subject": {"entity": "node", "type": "n-person"}},
            {"id": "s-close", "type": "OrdinalBin", "label": "How close?", "subject": {"entity": "node", "type": "n-person"}},
            {"id": "s-ties", "type": "Sociogram", "label": "Who knows whom?", "subject": {"entity": "node", "type": "n-person"}},
        ],
    }  # fmt: skip
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w") as archive:
        archive.writestr("protocol.json", json.dumps(protocol, indent=2))
        archive.writestr("assets/", "")
    return stable_zip(raw.getvalue())


def write_all(files: Files) -> None:
    rng = seeded("network-canvas")
    for number in range(1, INTERVIEWS + 1):
        _interview(files, rng, number)
    one = _graph(rng, "Case 014", "Dara", ["Keziah", "Otis"], [(0, 1)])
    two = _graph(rng, "Case 015", "Ronan", ["Hana", "Yusuf", "Thea"], [(0, 2), (1, 2)])
    files.write(f"{FOLDER}/graphml/one-interview.graphml", _graphml([one]))
    files.write(f"{FOLDER}/graphml/two-interviews.graphml", _graphml([one, "\n" + two]))
    files.write(f"{FOLDER}/{PROTOCOL}.netcanvas", _protocol())
