"""Every hostile string through every renderer and writer: shown as text, never run."""

from __future__ import annotations

import csv
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from pydantic import ValidationError
from pypdf import PdfReader

from netmap.ingest import WRITERS
from netmap.ingest.csv_xlsx import ties_path
from netmap.models import (
    Case,
    Conference,
    Gender,
    Invitee,
    Kin,
    KinType,
    Membership,
    Network,
    Person,
    PlanItem,
    Sector,
    Tie,
)
from netmap.renderers.ecomap import render_ecomap
from netmap.renderers.ecomap_picture import ecomap_svg
from netmap.renderers.genogram import render_genogram
from netmap.renderers.pack import render_pack
from netmap.renderers.printing import print_pdf
from tests.security.conftest import Figures
from tests.security.hostile import active_html, active_xml, formulas, hostile_strings

BATCH = 40


def _accepted(text: str) -> bool:
    """Whether the models take ``text`` in every field; refusals must name the field."""
    try:
        hostile_case([text])
    except ValidationError as exc:
        assert all(e["loc"] and e["msg"] for e in exc.errors())
        return False
    return True


def hostile_case(texts: list[str]) -> tuple[Network, Conference]:
    """A case whose every free-text field, for one person per text, holds that text."""
    ego = Person(id="p-ego", name="Jordan Vale", gender=Gender.MALE, birth_year=2005)
    people = [
        Person(id=f"p-{i}", name=t[:120], known_as=t[:200], agency=t[:200], area=t[:200], phone=t[:60],
               birth_year=1970 + i % 30)
        for i, t in enumerate(texts)
    ]  # fmt: skip
    case = Case(id="c-h", title=texts[0][:120], ego_id=ego.id, coordinator=texts[-1][:200], notes=texts[0])
    memberships = [Membership.make("c-h", ego.id, sector=Sector.FAMILY, ring=1)] + [
        Membership.make("c-h", p.id, sector=list(Sector)[i % 5], ring=1 + i % 4, role_label=t[:200], notes=t)
        for i, (p, t) in enumerate(zip(people, texts, strict=True))
    ]
    ties = [
        Tie(id=f"t-{i}", case_id="c-h", from_id=ego.id, to_id=p.id, source=t[:200], notes=t)
        for i, (p, t) in enumerate(zip(people, texts, strict=True))
    ]
    kin = [
        Kin(id=f"k-{i}", from_id=p.id, to_id=ego.id, kind=KinType.BIRTH_PARENT if i < 2 else KinType.SIBLING,
            notes=t)
        for i, (p, t) in enumerate(zip(people, texts, strict=True))
    ]  # fmt: skip
    conference = Conference(
        id="f-h", case_id="c-h", venue=texts[0][:200], agenda=texts[-1],
        invitees=[Invitee(person_id=p.id, role=t[:200], will_say=t[:200], notes=t)
                  for p, t in zip(people, texts, strict=True)],
        plan=[PlanItem(id=f"i-{i}", what=t[:200], owner_id=p.id, notes=t)
              for i, (p, t) in enumerate(zip(people, texts, strict=True))],
    )  # fmt: skip
    network = Network(case=case, people=[ego, *people], memberships=memberships, kin=kin, ties=ties)
    return network, conference


PAYLOADS = hostile_strings()
ACCEPTED = [s for s in PAYLOADS if _accepted(s)]
BATCHES = [ACCEPTED[i : i + BATCH] for i in range(0, len(ACCEPTED), BATCH)]


def _pdf_actions(data: bytes) -> Counter[str]:
    reader = PdfReader(__import__("io").BytesIO(data))
    root = reader.trailer["/Root"]
    found: Counter[str] = Counter(k for k in ("/OpenAction", "/AA", "/AcroForm") if k in root)
    if "/Names" in root and "/JavaScript" in root["/Names"]:
        found["/JavaScript"] += 1
    for page in reader.pages:
        found["/AA"] += "/AA" in page
        for annot in page.get("/Annots") or []:
            found[f"annot {annot.get_object().get('/Subtype')}"] += 1
    return found


def _cells_csv(path: Path) -> list[str]:
    cells: list[str] = []
    for target in (path, ties_path(path)):
        with target.open(newline="", encoding="utf-8") as handle:
            cells += [c for row in csv.reader(handle) for c in row]
    return cells


def _cells_xlsx(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [
        ("=" if cell.data_type == "f" else "") + str(cell.value)
        for sheet in book.worksheets for row in sheet.iter_rows() for cell in row if cell.value is not None
    ]  # fmt: skip


def _gedcom_records(path: Path) -> Counter[str]:
    return Counter(
        line.split()[2] if line.startswith("0 @") else line.split()[1]
        for line in path.read_text(encoding="utf-8-sig").splitlines()
        if line.startswith("0 ")
    )


# Each renderer: what in its output could run (compared with the same case holding harmless text).
def _ecomap_html(net: Network, conf: Conference, tmp: Path) -> Counter[str]:
    return active_html(render_ecomap(net))


def _ecomap_svg(net: Network, conf: Conference, tmp: Path) -> Counter[str]:
    return active_xml(ecomap_svg(net))


def _genogram(net: Network, conf: Conference, tmp: Path) -> Counter[str]:
    return active_xml(render_genogram(net))


def _ecomap_pdf(net: Network, conf: Conference, tmp: Path) -> Counter[str]:
    return _pdf_actions(print_pdf(ecomap_svg(net), title=net.case.title))


def _genogram_pdf(net: Network, conf: Conference, tmp: Path) -> Counter[str]:
    return _pdf_actions(print_pdf(render_genogram(net), title=net.case.title))


def _pack(net: Network, conf: Conference, tmp: Path) -> Counter[str]:
    return _pdf_actions(render_pack(net, conf, ecomap_png=None, genogram_png=None, contacts_visible=True))


def _writer(fmt: str, suffix: str, read: Callable[[Path], object]) -> Callable[..., Counter[str]]:
    def render(net: Network, conf: Conference, tmp: Path) -> Counter[str]:
        path = tmp / f"out-{fmt}{suffix}"
        WRITERS[fmt](net, path)
        found = read(path)
        return found if isinstance(found, Counter) else Counter(found)  # type: ignore[arg-type]

    return render


RENDERERS: dict[str, Callable[[Network, Conference, Path], Counter[str]]] = {
    "ecomap (pyvis HTML)": _ecomap_html,
    "ecomap (SVG)": _ecomap_svg,
    "genogram (SVG)": _genogram,
    "ecomap (PDF)": _ecomap_pdf,
    "genogram (PDF)": _genogram_pdf,
    "conference pack (PDF)": _pack,
    "CSV export": _writer("csv", ".csv", lambda p: formulas(_cells_csv(p))),
    "XLSX export": _writer("xlsx", ".xlsx", lambda p: formulas(_cells_xlsx(p))),
    "GraphML export": _writer("graphml", ".graphml", lambda p: active_xml(p.read_bytes())),
    "Kumu export": _writer(
        "kumu", ".json", lambda p: Counter(type(json.loads(p.read_text())).__name__ for _ in [0])
    ),
    "GEDCOM export": _writer("gedcom", ".ged", _gedcom_records),
}


@pytest.mark.parametrize("name", list(RENDERERS))
def test_no_hostile_string_runs_in_any_renderer(name: str, tmp_path: Path, figures: Figures):
    render = RENDERERS[name]
    executed: list[str] = []
    for batch in BATCHES:
        harmless = [f"Harmless text {i}" for i in range(len(batch))]
        baseline = render(*hostile_case(harmless), tmp_path)
        if render(*hostile_case(batch), tmp_path) != baseline:
            # Find the strings at fault, one at a time, for the failure message.
            alone = render(*hostile_case(["Harmless text 0"]), tmp_path)
            executed += [s for s in batch if render(*hostile_case([s]), tmp_path) != alone]
    assert executed == [], f"{name} would run: {executed[:5]}"
    figures.add("hostile_strings", len(PAYLOADS))
    figures.add("hostile_refused_at_input", len(PAYLOADS) - len(ACCEPTED))
    figures.add("hostile_renderers", 1)
    figures.add("hostile_executed", len(executed))
