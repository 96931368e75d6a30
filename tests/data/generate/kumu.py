"""Kumu files of invented maps: a full project blueprint, the small blueprint shapes Kumu documents,
and two Elements/Connections workbooks.

The project blueprint keeps what a Kumu export holds: ``_id`` on every item, fields under
``attributes`` (numbers, text, ``element type``), connections by element ``_id`` with ``direction``,
``delayed`` and ``reversed``, and the map, perspective and attribute lists netmap ignores. The
``funding-flows`` workbook has connections naming labels that no element row holds, which Kumu
turns into new elements.
"""

from __future__ import annotations

import io
import json
import random
import string

import openpyxl

from tests.data.generate.common import FAMILY_NAMES, GIVEN_FEMALE, GIVEN_MALE, Files, seeded, stable_zip

__all__ = ["write_all"]

FOLDER = "kumu/generated"
AREAS = ("North", "South", "East", "West", "Central")
SERVICE_TYPES = ("Housing", "Youth club", "College", "Health centre", "Food bank", "Sports club", "Advice")
TOWNS = ("Ashby", "Bramwell", "Cotterdale", "Dunhope", "Elmsworth", "Fairleigh", "Greyhaven", "Hollin Bridge",
         "Kestle", "Lowmoor", "Marrick", "Nethercott")  # fmt: skip


def _kumu_id(rng: random.Random, prefix: str) -> str:
    return f"{prefix}-" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(8))


def _project(rng: random.Random) -> dict:
    elements = []
    for number in range(51):
        kind = rng.choice(SERVICE_TYPES)
        before, after = rng.randint(40, 900), rng.randint(40, 900)
        elements.append(
            {
                "_id": _kumu_id(rng, "elem"),
                "attributes": {
                    "label": f"{rng.choice(TOWNS)} {kind} {number + 1}",
                    "places 2023": before,
                    "places 2025": after,
                    "percentage change": f"{round(100 * (after - before) / before)}%",
                    "relative growth": (after - before) / before,
                    "area": rng.choice(AREAS),
                    "element type": "Service",
                },
            }
        )
    connections = []
    pairs = [(a, b) for a in range(len(elements)) for b in range(a + 1, len(elements))]
    for a, b in rng.sample(pairs, 113):
        attributes = {"connection type": "Referral"} if rng.random() < 0.3 else {}
        connections.append(
            {
                "_id": _kumu_id(rng, "conn"),
                "direction": rng.choice(("undirected", "directed")),
                "delayed": False,
                "reversed": False,
                "attributes": attributes,
                "from": elements[a]["_id"],
                "to": elements[b]["_id"],
            }
        )
    map_id, perspective_id = _kumu_id(rng, "map"), _kumu_id(rng, "pers")
    return {
        "name": "Services across the region",
        "description": "",
        "proxyImages": True,
        "defaultMap": map_id,
        "defaultPerspective": None,
        "attributeRelevance": {},
        "attributes": [{"_id": _kumu_id(rng, "attr"), "name": name, "type": kind}
                       for name, kind in (("label", "text"), ("places 2023", "number"), ("places 2025", "number"),
                                          ("percentage change", "text"), ("area", "category"))],
        "elements": elements,
        "connections": connections,
        "loops": [],
        "maps": [{"_id": map_id, "name": "The region", "description": "", "scale": 1, "center": {"x": 0, "y": 0},
                  "defaultPerspective": perspective_id,
                  "elements": [{"_id": _kumu_id(rng, "node"), "pinned": True, "element": e["_id"],
                                "position": {"x": rng.uniform(-1200, 1200), "y": rng.uniform(-1200, 1200)}}
                               for e in elements],
                  "connections": [{"_id": _kumu_id(rng, "edge"), "connection": c["_id"]} for c in connections]}],
        "perspectives": [{"_id": perspective_id, "name": "By area",
                          "style": '@settings {\n  element-color: categorize("area", set2);\n}\n'
                                   'element {\n  scale: scale("places 2025", 0.5, 3);\n}\n'}],
    }  # fmt: skip


MINIMAL = {
    "elements": [{"label": "Harbour"}, {"label": "Lantern"}],
    "connections": [{"from": "Harbour", "to": "Lantern"}],
}
WITH_FIELDS = {
    "elements": [
        {
            "label": "North",
            "type": "Compass",
            "description": "Where the wind comes from",
            "tags": ["red", "blue"],
        },
        {"label": "South", "type": "Compass", "Favourite Walk": "canal towpath"},
    ],
    "connections": [{"from": "North", "to": "South", "type": "visits"}],
}
WITH_IDS = {
    "elements": [{"id": "k1", "label": "Twin"}, {"id": "k2", "label": "Twin"}],
    "connections": [{"id": "j1", "from": "k1", "to": "k2"}],
}


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    book = openpyxl.Workbook()
    for number, (title, rows) in enumerate(sheets.items()):
        sheet = book.active if number == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
    raw = io.BytesIO()
    book.save(raw)
    return stable_zip(raw.getvalue())


def _people_workbook(rng: random.Random) -> bytes:
    header = ["Label", "Type", "Tags", "Description", "Attribution", "Board", "Home Town", "Education",
              "Email", "Image", "Influence", "Hours a week", "Region", "Website"]  # fmt: skip
    labels: list[str] = []
    elements = [header]
    for number in range(34):
        person = number < 24
        if person:
            label = f"{rng.choice(GIVEN_FEMALE + GIVEN_MALE)} {rng.choice(FAMILY_NAMES)}"
            while label in labels:
                label += " II"
        else:
            label = f"{rng.choice(TOWNS)} {rng.choice(SERVICE_TYPES)}"
            while label in labels:
                label += " (second site)"
        labels.append(label)
        description = (
            f"{label} has volunteered locally for {rng.randint(2, 20)} years.\n\n"
            f"Before that: {rng.choice(('a nurse', 'a teacher', 'a chef', 'a driver'))}.\n\nSource: [local paper](https://example.org/{number})"
            if rng.random() < 0.5
            else None
        )
        elements.append(
            [label, "Person" if person else "Organization", "Volunteers" if person else "Services", description,
             "Photo via [the volunteer centre](https://example.org/photos)" if rng.random() < 0.6 else None,
             None, rng.choice(TOWNS) if rng.random() < 0.4 else None, None,
             f"{label.split()[0].lower()}@example.org" if person and rng.random() < 0.3 else None,
             f"https://example.org/img/{number}.jpg" if rng.random() < 0.7 else None,
             rng.choice(("High", "Medium", "Low")) if rng.random() < 0.5 else None,
             rng.randint(1, 40) if person and rng.random() < 0.5 else None,
             rng.choice(AREAS) if rng.random() < 0.5 else None, None]
        )  # fmt: skip
    connections = [["From", "To", "Label", "Type", "Tags", "Description", *header[4:]]]
    for _ in range(49):
        a, b = rng.sample(labels, 2)
        label = "" if rng.random() < 0.3 else None  # Kumu writes empty strings as well as blanks
        connections.append(
            [a, b, label, rng.choice(("Volunteer", "Founder", "Trustee", "Friend")), *[None] * 12]
        )
    return _workbook({"Elements": elements, "Connections": connections})


def _flows_workbook(rng: random.Random) -> bytes:
    header = ["Label", "Type", "Tags", "Description", "Amount (thousands)", "Budget (millions)", "Pressure"]
    towns = list(TOWNS)
    elements = [header] + [
        [town, "Council", None, None, None, f"{rng.uniform(0.2, 15):.1f}", rng.choice(("No", "High", "Some"))]
        for town in towns[:11]
    ]
    connections = [["From", "To", "Label", "Type", *header[2:]]]
    outside = ["Regional Fund", "Lottery Grant", "Health Trust"]  # named only by connections
    for _ in range(45):
        a = rng.choice(towns[:11] + outside)
        b = rng.choice([t for t in towns if t != a])
        connections.append(
            [a, b, None, None, None, None, f"{rng.uniform(1, 90):.1f}", None, rng.choice(("No", "High"))]
        )
    return _workbook({"Elements": elements, "Connections": connections})


def write_all(files: Files) -> None:
    rng = seeded("kumu")
    dump = {"indent": 1, "ensure_ascii": False}
    files.write(f"{FOLDER}/blueprints/regional-services-project.json", json.dumps(_project(rng), **dump))
    files.write(f"{FOLDER}/doc-shapes/blueprint-minimal.json", json.dumps(MINIMAL, indent=2))
    files.write(f"{FOLDER}/doc-shapes/blueprint-with-fields.json", json.dumps(WITH_FIELDS, indent=4))
    files.write(f"{FOLDER}/doc-shapes/blueprint-with-ids.json", json.dumps(WITH_IDS, indent=4))
    files.write(f"{FOLDER}/spreadsheets/volunteers.xlsx", _people_workbook(rng))
    files.write(f"{FOLDER}/spreadsheets/funding-flows.xlsx", _flows_workbook(rng))
