"""GEDCOM 5.5, 5.5.1, 5.5.5 and 7.0 family trees into people and kin, and kin back out as GEDCOM 5.5.1."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import ged4py  # noqa: F401  (registers the ANSEL codecs "ansel" and "gedcom")
from ged4py.calendar import GregorianDate
from ged4py.date import DateValue

from netmap.errors import ImportFailed
from netmap.ingest.builder import Builder
from netmap.ingest.files import digest, read_bytes
from netmap.models import Dataset, Gender, KinType, LeadSource, Network, PersonKind, Sector

__all__ = ["Node", "parse", "read", "write"]

_LINE = re.compile(r"^(\d+)[ \t]+(?:(@[^@\s]+@)[ \t]+)?([A-Za-z0-9_]+)(?:[ \t](.*))?$")
_CHAR = re.compile(rb"^\s*1\s+CHAR\s+(\S+)", re.MULTILINE)
_SEX = {"M": Gender.MALE, "F": Gender.FEMALE, "X": Gender.NONBINARY, "U": Gender.UNKNOWN}
_PEDIGREE = {
    "adopted": KinType.ADOPTIVE_PARENT,
    "adoptive": KinType.ADOPTIVE_PARENT,
    "foster": KinType.FOSTER_PARENT,
    "step": KinType.STEP_PARENT,
    "kinship": KinType.KINSHIP_CARER,
    "guardian": KinType.KINSHIP_CARER,
}
_PEDIGREE_OUT = {
    KinType.BIRTH_PARENT: "Natural",
    KinType.ADOPTIVE_PARENT: "Adopted",
    KinType.FOSTER_PARENT: "Foster",
    KinType.STEP_PARENT: "Step",
    KinType.KINSHIP_CARER: "Kinship",
}
_LABELS = {
    "name": "NAME",
    "gender": "SEX",
    "birth_date": "BIRT DATE",
    "birth_year": "BIRT DATE",
    "death_year": "DEAT DATE",
    "kind": "FAM",
}


@dataclass
class Node:
    """One GEDCOM line with the lines nested under it."""

    line: int
    tag: str
    value: str = ""
    xref: str = ""
    children: list[Node] = field(default_factory=list)

    def first(self, tag: str) -> Node | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[Node]:
        return [c for c in self.children if c.tag == tag]


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or data[1:2] == b"\x00" or data[:1] == b"\x00":
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailed(f"{name}: the file looks like UTF-16 but is not valid UTF-16 text.") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    match = _CHAR.search(data[:4096])
    charset = match.group(1).decode("ascii", "replace").upper() if match else "UTF-8"
    codec = {"ANSEL": "gedcom", "ANSI": "cp1252", "IBMPC": "cp437", "ASCII": "utf-8"}.get(charset, "utf-8")
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace")


def parse(text: str, name: str = "file.ged") -> list[Node]:
    """The level-0 records of GEDCOM ``text``, tolerant of what real exporters write.

    Blank lines are skipped, a line without a level continues the line before it, and a level that
    jumps deeper than allowed attaches to the deepest open line.

    >>> [(r.tag, r.xref) for r in parse("0 HEAD\\n1 GEDC\\n2 VERS 7.0\\n0 @I1@ INDI\\n1 NAME Ann\\n0 TRLR")]
    [('HEAD', ''), ('INDI', '@I1@'), ('TRLR', '')]
    """
    records: list[Node] = []
    stack: list[tuple[int, Node]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip("\ufeff").strip()
        if not line:
            continue
        match = _LINE.match(line)
        if not match:
            if stack and not line[:1].isdigit():
                stack[-1][1].value += "\n" + line
                continue
            raise ImportFailed(
                f"{name} line {number}: {line[:40]!r} is not a GEDCOM line (level, tag, value)."
            )
        level, xref, tag, value = int(match[1]), match[2] or "", match[3].upper(), match[4] or ""
        node = Node(number, tag, value, xref)
        if level == 0:
            records.append(node)
            stack = [(0, node)]
            continue
        if not stack:
            raise ImportFailed(
                f"{name} line {number}: the file must start with a level-0 line such as '0 HEAD'."
            )
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        stack[-1][1].children.append(node)
        stack.append((level, node))
    return records


def _text(node: Node | None) -> str:
    if node is None:
        return ""
    value = node.value
    for child in node.children:
        if child.tag == "CONC":
            value += child.value
        elif child.tag == "CONT":
            value += "\n" + child.value
    return value.replace("@@", "@").strip()


def _name(record: Node) -> str:
    name = _text(record.first("NAME")).replace("/", " ")
    return (
        re.sub(r"\s+", " ", name).strip()
        or f"Unnamed ({record.xref.strip('@') or 'line ' + str(record.line)})"
    )


def _event(record: Node, tag: str) -> tuple[date | None, int | None, str]:
    """The exact date, the year, and the date as written, of the first ``tag`` event."""
    node = record.first(tag)
    written = _text(node.first("DATE")) if node else ""
    if not written:
        return None, None, ""
    value = DateValue.parse(written)
    simple = getattr(value, "date", None) or getattr(value, "date1", None)
    if not isinstance(simple, GregorianDate) or not isinstance(simple.year, int):
        return None, None, written
    exact = None
    if value.kind.name == "SIMPLE" and simple.day and simple.month_num and not simple.dual_year:
        try:
            exact = date(simple.year, simple.month_num, simple.day)
        except ValueError:
            exact = None
    return exact, simple.year, written


def _person_fields(record: Node) -> tuple[dict[str, Any], str]:
    """Person fields of an INDI record, and a note of what netmap's fields cannot hold."""
    fields: dict[str, Any] = {"name": _name(record), "kind": PersonKind.PERSON}
    nick = _text(next((n for c in record.all("NAME") for n in c.all("NICK")), None))
    if nick:
        fields["known_as"] = nick
    sex = _text(record.first("SEX"))[:1].upper()
    fields["gender"] = _SEX.get(sex, Gender.UNKNOWN)
    born, born_year, born_text = _event(record, "BIRT")
    died, died_year, died_text = _event(record, "DEAT")
    fields["deceased"] = record.first("DEAT") is not None
    kept = []
    if born_year and 1880 <= born_year <= 2100 and (born is None or born <= date.today()):
        fields["birth_year"] = born_year
        if born:
            fields["birth_date"] = born
    elif born_text:
        kept.append(f"born {born_text}")
    if died_year and 1880 <= died_year <= 2100:
        fields["death_year"] = died_year
    elif died_text:
        kept.append(f"died {died_text}")
    return fields, ("From GEDCOM: " + "; ".join(kept) + ".") if kept else ""


def _version(records: list[Node]) -> str:
    head = next((r for r in records if r.tag == "HEAD"), None)
    gedc = head.first("GEDC") if head else None
    return _text(gedc.first("VERS")) if gedc else ""


def _check_records(records: list[Node], name: str) -> None:
    seen: dict[str, int] = {}
    for record in records:
        if record.xref and record.tag in ("INDI", "FAM"):
            if record.xref in seen:
                raise ImportFailed(
                    f"{name} line {record.line}: the id {record.xref} is already used on line {seen[record.xref]}; "
                    "each record needs its own id."
                )
            seen[record.xref] = record.line


def _pedigrees(people: dict[str, Node]) -> dict[tuple[str, str], str]:
    """``(child xref, family xref) -> PEDI`` as written on the child's FAMC line."""
    found = {}
    for xref, record in people.items():
        for famc in record.all("FAMC"):
            pedi = _text(famc.first("PEDI")).lower()
            if pedi:
                found[(xref, famc.value.strip())] = pedi
    return found


def _no_cycles(kin: list[tuple[str, str]], names: dict[str, str], name: str) -> None:
    children: dict[str, set[str]] = {}
    for parent, child in kin:
        children.setdefault(parent, set()).add(child)
    state: dict[str, int] = {}
    for start in children:
        stack = [(start, iter(children.get(start, ())))]
        state[start] = state.get(start, 0) or 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                raise ImportFailed(
                    f"{name}: the family links go round in a circle ({names.get(nxt, nxt)} is their own "
                    "ancestor); correct the tree in your genealogy program."
                )
            elif not state.get(nxt):
                state[nxt] = 1
                stack.append((nxt, iter(children.get(nxt, ()))))


def read(path: Path, *, case_id: str | None = None, ego_id: str | None = None) -> Dataset:
    """Individuals and families of a GEDCOM file as people, kin and (with ``case_id``) family members.

    A GEDCOM file has no young person, so it is imported into an existing case: every individual
    becomes a member in sector family. Dates before 1880 stay in the membership notes.
    """
    path = Path(path)
    data = read_bytes(path)
    if case_id is None:
        raise ImportFailed(
            f"{path.name}: a GEDCOM family tree does not say who the young person is; "
            "import it into an existing case with --case."
        )
    records = parse(_decode(data, path.name), path.name)
    if not any(r.tag in ("HEAD", "INDI", "FAM", "TRLR") for r in records):
        raise ImportFailed(f"{path.name}: is not a GEDCOM file (no HEAD, INDI or FAM records).")
    version = _version(records)
    if version and not re.match(r"^(5\.5|7\.)", version):
        raise ImportFailed(
            f"{path.name}: GEDCOM version {version} is not supported (5.5, 5.5.1, 5.5.5 or 7.x)."
        )
    _check_records(records, path.name)
    builder = Builder(path.name, digest(data), case_id=case_id, ego_id=ego_id)
    people = {r.xref or f"@line{r.line}@": r for r in records if r.tag == "INDI"}
    for xref, record in people.items():
        fields, note = _person_fields(record)
        given = _text(record.first("_NETMAP_ID"))
        builder.person(
            f"line {record.line} (INDI {xref})",
            xref,
            fields,
            {"sector": Sector.FAMILY, "notes": note},
            given_id=given,
            label=_LABELS,
            noun="tag",
        )
    _families(records, people, builder, path.name)
    return builder.dataset()


def _families(records: list[Node], people: dict[str, Node], builder: Builder, name: str) -> None:
    pedigrees = _pedigrees(people)
    links: dict[tuple[str, str, KinType], str] = {}
    for family in (r for r in records if r.tag == "FAM"):
        where = f"line {family.line} (FAM {family.xref})"
        husband, wife = (_text(family.first(t)) for t in ("HUSB", "WIFE"))
        parents = [(p, tag) for p, tag in ((husband, "_FREL"), (wife, "_MREL")) if p in people]
        marker = _text(family.first("_NETMAP_KIND")).lower()
        if len(parents) == 2:
            if parents[0][0] == parents[1][0]:
                raise ImportFailed(f"{name} {where}: the same person is both partners of the family.")
            events = [c.tag for c in family.children if c.tag in ("MARR", "DIV", "ANUL")]
            kind = {"MARR": KinType.MARRIED, "DIV": KinType.DIVORCED, "ANUL": KinType.DIVORCED}.get(
                events[-1] if events else "", KinType.PARTNER
            )
            if marker in KinType._value2member_map_:
                kind = KinType(marker)
            if marker != "none":
                links.setdefault((builder.keys[parents[0][0]], builder.keys[parents[1][0]], kind), where)
        children = [c for c in family.all("CHIL") if c.value.strip() in people]
        for child in children:
            cx = child.value.strip()
            for parent, rel_tag in parents:
                if parent == cx:
                    raise ImportFailed(f"{name} {where}: {cx} is listed as their own parent.")
                word = (_text(child.first(rel_tag)) or pedigrees.get((cx, family.xref), "")).lower()
                kind = _PEDIGREE.get(word, KinType.BIRTH_PARENT)
                links.setdefault((builder.keys[parent], builder.keys[cx], kind), where)
        if (
            not parents
            and marker in (KinType.SIBLING.value, KinType.HALF_SIBLING.value)
            and len(children) == 2
        ):
            a, b = (builder.keys[c.value.strip()] for c in children)
            links.setdefault((a, b, KinType(marker)), where)
    _no_cycles(
        [(a, b) for a, b, k in links if k.is_parent], {p.id: p.name for p in builder.people.values()}, name
    )
    for (a, b, kind), where in links.items():
        builder.add_kin(where, a, b, {"kind": kind, "source": LeadSource.IMPORT})


def _value(text: str) -> str:
    """A value safe on one GEDCOM line: no line breaks, ``@`` doubled."""
    return re.sub(r"[\r\n]+", " ", text).replace("@", "@@")


def _date(when: date | None, year: int | None) -> str:
    if when:
        return f"{when.day} {when.strftime('%b').upper()} {when.year}"
    return str(year) if year else ""


def write(network: Network, path: Path) -> None:
    """Write the network's people and the kin among them as a GEDCOM 5.5.1 file (UTF-8).

    Couples become families (MARR for married, MARR and DIV for divorced), parents become the
    family's HUSB/WIFE with each child's CHIL line carrying _FREL/_MREL (Natural, Adopted, Foster,
    Step, Kinship). netmap ids ride along in ``_NETMAP_ID`` so a round trip keeps them.
    """
    people = [p for p in network.people if p.kind is PersonKind.PERSON]
    xref = {p.id: f"@I{i}@" for i, p in enumerate(people, start=1)}
    kin = [k for k in network.kin if k.from_id in xref and k.to_id in xref]
    families: list[dict[str, Any]] = []
    couple_of: dict[frozenset[str], dict[str, Any]] = {}
    for k in kin:
        if k.kind.is_couple:
            fam: dict[str, Any] = {"parents": [k.from_id, k.to_id], "kind": k.kind, "children": []}
            families.append(fam)
            couple_of.setdefault(frozenset((k.from_id, k.to_id)), fam)
    parents_of: dict[str, list[tuple[str, KinType]]] = {}
    for k in kin:
        if k.kind.is_parent:
            parents_of.setdefault(k.to_id, []).append((k.from_id, k.kind))
    for child, parents in parents_of.items():
        left = list(parents)
        while left:
            first = left.pop(0)
            partner = next((p for p in left if frozenset((first[0], p[0])) in couple_of), None)
            if partner:
                left.remove(partner)
                fam = couple_of[frozenset((first[0], partner[0]))]
                kinds = {first[0]: first[1], partner[0]: partner[1]}
            else:
                fam = {"parents": [first[0]], "kind": None, "children": []}
                families.append(fam)
                kinds = {first[0]: first[1]}
            fam["children"].append((child, [kinds.get(p, KinType.BIRTH_PARENT) for p in fam["parents"]]))
    for k in kin:
        if k.kind in (KinType.SIBLING, KinType.HALF_SIBLING):
            families.append({"parents": [], "kind": k.kind, "children": [(k.from_id, []), (k.to_id, [])]})
    lines = ["0 HEAD", "1 SOUR netmap", "1 GEDC", "2 VERS 5.5.1", "2 FORM LINEAGE-LINKED", "1 CHAR UTF-8"]
    for p in people:
        lines += [f"0 {xref[p.id]} INDI", f"1 NAME {_value(p.name)}", f"1 _NETMAP_ID {p.id}"]
        sex = {Gender.MALE: "M", Gender.FEMALE: "F", Gender.NONBINARY: "X"}.get(p.gender, "U")
        lines.append(f"1 SEX {sex}")
        if p.birth_year or p.birth_date:
            lines += ["1 BIRT", f"2 DATE {_date(p.birth_date, p.birth_year)}"]
        if p.deceased or p.death_year:
            lines += ["1 DEAT Y"] + ([f"2 DATE {p.death_year}"] if p.death_year else [])
    for i, fam in enumerate(families, start=1):
        lines.append(f"0 @F{i}@ FAM")
        for tag, person in zip(("HUSB", "WIFE"), fam["parents"], strict=False):
            lines.append(f"1 {tag} {xref[person]}")
        kind = fam["kind"]
        lines.append(f"1 _NETMAP_KIND {kind.value if kind else 'none'}")
        if kind in (KinType.MARRIED, KinType.DIVORCED):
            lines.append("1 MARR Y")
        if kind is KinType.DIVORCED:
            lines.append("1 DIV Y")
        for child, child_kinds in fam["children"]:
            lines.append(f"1 CHIL {xref[child]}")
            for tag, kind_ in zip(("_FREL", "_MREL"), child_kinds, strict=False):
                lines.append(f"2 {tag} {_PEDIGREE_OUT[kind_]}")
    lines.append("0 TRLR")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")
