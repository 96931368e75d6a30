"""Reading a GEDCOM 5.x or 7.x family tree into people, family members and kin, one record at a time."""

from __future__ import annotations

import re
from pathlib import Path

from netmap.errors import ImportFailed
from netmap.ingest.builder import Builder
from netmap.ingest.files import digest, read_bytes
from netmap.ingest.gedcom.families import Family, Links, add_links, kin_links, without_cycles
from netmap.ingest.gedcom.lines import Node, decode, records, text_of
from netmap.ingest.gedcom.people import person_fields
from netmap.ingest.limits import MAX_PEOPLE
from netmap.ingest.report import ImportReport
from netmap.models import Dataset, Sector

__all__ = ["read"]

_LABELS = {
    "name": "NAME",
    "gender": "SEX",
    "birth_date": "BIRT DATE",
    "birth_year": "BIRT DATE",
    "death_year": "DEAT DATE",
}
# 5.0x is how some programs label 5.5 files; 4.0 and older differ in ways netmap does not read.
_KNOWN_VERSION = re.compile(r"^(5\.\d|7\.)")
_INDI = re.compile(r"^[ \t]*0[ \t]+(?:@[^@\s]+@[ \t]+)?INDI\b", re.M)


def _version(builder: Builder, head: Node) -> None:
    gedc = head.first("GEDC")
    version = text_of(gedc.first("VERS")) if gedc else ""
    if version and not _KNOWN_VERSION.match(version):
        builder.problem(
            f"line {head.line} (HEAD)",
            "read as GEDCOM 5.5.1",
            f"GEDCOM version {version} is not one netmap knows (5.x or 7.x)",
        )


def read(
    path: Path,
    *,
    case_id: str | None = None,
    ego_id: str | None = None,
    report: ImportReport | None = None,
    young_person: str | None = None,
) -> Dataset:
    """Individuals and families of a GEDCOM file as people, kin and (with ``case_id``) family members.

    A GEDCOM file does not say who the young person is: it is imported into an existing case, or
    ``young_person`` (an id, ``_NETMAP_ID``, name or nickname) names them, for a new case or to merge
    their record into the existing case's young person. Every individual becomes a member in sector
    family. Dates before 1880 stay in the membership notes.
    """
    path = Path(path)
    data = read_bytes(path)
    if case_id is None and not young_person:
        raise ImportFailed(
            f"{path.name}: a GEDCOM family tree does not say who the young person is; "
            "import it into an existing case with --case, or name them with --young-person."
        )
    builder = Builder(
        path.name, digest(data), case_id=case_id, ego_id=ego_id, report=report, young_person=young_person
    )
    text = decode(data, path.name)
    if len(_INDI.findall(text)) > MAX_PEOPLE:  # refused before anything is built
        raise ImportFailed(
            f"{path.name}: holds more than {MAX_PEOPLE:,} people; netmap imports at most {MAX_PEOPLE:,} at once."
        )
    seen: dict[str, int] = {}
    families: list[Family] = []
    links = Links()
    shaped = False
    for record in records(text, path.name, builder.report):
        shaped = shaped or record.tag in ("HEAD", "INDI", "FAM", "TRLR")
        if record.tag == "HEAD":
            _version(builder, record)
        if record.tag not in ("INDI", "FAM"):
            continue
        if record.xref and record.xref in seen:
            builder.problem(
                f"line {record.line}",
                f"{'person' if record.tag == 'INDI' else 'family'} skipped",
                f"the id {record.xref} is already used on line {seen[record.xref]}; each record needs its own id",
            )
            continue
        key = record.xref or f"@line{record.line}@"
        seen[key] = record.line
        if record.tag == "FAM":
            families.append(Family.of(record))
            continue
        fields, note = person_fields(record)
        builder.person(
            f"line {record.line} (INDI {key})",
            key,
            fields,
            {"sector": Sector.FAMILY, "notes": note},
            given_id=text_of(record.first("_NETMAP_ID")),
            label=_LABELS,
            noun="tag",
        )
        links.note(key, record)
    if not shaped:
        raise ImportFailed(f"{path.name}: is not a GEDCOM file (no HEAD, INDI or FAM records).")
    names = {key: builder.people[pid].name for key, pid in builder.keys.items() if pid in builder.people}
    found = list(kin_links(builder, families, links, set(builder.keys)))
    add_links(builder, without_cycles(builder, found, names), builder.keys)
    return builder.dataset()
