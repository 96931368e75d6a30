"""Writing people and kin as GEDCOM 5.5.1 that genealogy programs read as meant.

Every person carries ``FAMC``/``FAMS`` pointers matching the families' ``HUSB``/``WIFE``/``CHIL``
lines; ``HUSB`` and ``WIFE`` follow sex; one family per couple holds that couple's children, and a
parent without a recorded partner gets one family for all their other children. A link other than
birth is written as ``PEDI`` (adopted, foster) where the child's link to every parent of the family
is of that kind, as an ``ADOP`` event for adoption, and as ``_FREL``/``_MREL`` under ``CHIL`` (the
Gramps, Family Tree Maker and Legacy convention) for step and kinship carers and for mixed kinds.
Separations and divorces are family events; siblings netmap records are ``ASSO`` with ``RELA``.
The only netmap tag is ``_NETMAP_ID``, so a file coming back keeps its ids.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from netmap.models import Gender, Kin, KinType, Network, Person, PersonKind

__all__ = ["gedcom_name", "write"]

_SEX = {Gender.MALE: "M", Gender.FEMALE: "F", Gender.NONBINARY: "X"}
_PEDI = {KinType.BIRTH_PARENT: "birth", KinType.ADOPTIVE_PARENT: "adopted", KinType.FOSTER_PARENT: "foster"}
_REL = {
    KinType.BIRTH_PARENT: "Birth",
    KinType.ADOPTIVE_PARENT: "Adopted",
    KinType.FOSTER_PARENT: "Foster",
    KinType.STEP_PARENT: "Stepchild",
    KinType.KINSHIP_CARER: "Guardian",
}
# Couple kinds as family events: (married, the event that ends or qualifies it).
_EVENTS = {
    KinType.MARRIED: (True, ""),
    KinType.DIVORCED: (True, "1 DIV Y"),
    KinType.SEPARATED: (True, "1 EVEN\n2 TYPE Separation"),
    KinType.EX_PARTNER: (False, "1 EVEN\n2 TYPE Separation"),
    KinType.COHABITING: (False, "1 EVEN\n2 TYPE Cohabitation"),
    KinType.PARTNER: (False, ""),
}
_PARTICLES = {
    "de",
    "da",
    "di",
    "du",
    "del",
    "della",
    "der",
    "den",
    "van",
    "von",
    "la",
    "le",
    "ap",
    "ó",
    "o'",
    "mac",
    "bin",
    "bint",
    "al",
}


def _value(text: str) -> str:
    """A value safe on one GEDCOM line: no line breaks, ``@`` doubled."""
    return re.sub(r"[\r\n]+", " ", text).replace("@", "@@")


def gedcom_name(name: str) -> str:
    """A name with its surname between slashes: the last word, with any particles before it.

    >>> gedcom_name("Jade Example"), gedcom_name("Nanna"), gedcom_name("Ana de la Cruz")
    ('Jade /Example/', 'Nanna', 'Ana /de la Cruz/')
    """
    words = name.replace("/", " ").split()
    if len(words) < 2:
        return " ".join(words)
    start = len(words) - 1
    while start > 1 and words[start - 1].lower() in _PARTICLES:
        start -= 1
    return f"{' '.join(words[:start])} /{' '.join(words[start:])}/"


def _date(when: date | None, year: int | None) -> str:
    if when:
        return f"{when.day} {when.strftime('%b').upper()} {when.year}"
    return str(year) if year else ""


@dataclass
class _Family:
    parents: list[str]
    couple: KinType | None = None
    children: list[tuple[str, dict[str, KinType]]] = field(default_factory=list)  # child, parent -> kind


def _families(kin: list[Kin], sex: dict[str, Gender]) -> list[_Family]:
    """One family per couple (with the children they parent together) and one per lone parent."""
    families: list[_Family] = []
    couples: dict[frozenset[str], _Family] = {}
    for k in kin:
        pair = frozenset((k.from_id, k.to_id))
        if k.kind.is_couple and pair not in couples:
            couples[pair] = _Family(_order([k.from_id, k.to_id], sex), k.kind)
            families.append(couples[pair])
    parents_of: dict[str, dict[str, KinType]] = {}
    for k in kin:
        if k.kind.is_parent:
            parents_of.setdefault(k.to_id, {}).setdefault(k.from_id, k.kind)
    alone: dict[str, _Family] = {}
    for child, parents in parents_of.items():
        left = dict(parents)
        for pair, family in couples.items():
            if pair <= set(left):
                family.children.append((child, {p: left.pop(p) for p in pair}))
        for parent, kind in left.items():
            # A step-parent goes into the family with the partner whose child this is.
            shared = next(
                (f for pair, f in couples.items() if parent in pair and (pair - {parent}) <= set(parents)),
                None,
            )
            if shared is not None:
                other = next(iter(set(shared.parents) - {parent}))
                shared.children.append((child, {parent: kind, other: parents[other]}))
                continue
            if parent not in alone:
                alone[parent] = _Family([parent])
                families.append(alone[parent])
            alone[parent].children.append((child, {parent: kind}))
    return families


def _order(pair: list[str], sex: dict[str, Gender]) -> list[str]:
    """HUSB first: a man before anyone else, anyone before a woman; otherwise as recorded."""
    rank = {Gender.MALE: 0, Gender.FEMALE: 2}
    return sorted(pair, key=lambda p: rank.get(sex.get(p, Gender.UNKNOWN), 1))


def _couple_lines(kind: KinType | None) -> list[str]:
    if kind is None:
        return []
    married, event = _EVENTS.get(kind, (False, ""))
    return (["1 MARR Y"] if married else []) + ([event] if event else [])


def _person_lines(p: Person, ref: str) -> list[str]:
    name = gedcom_name(p.name)
    lines = [f"0 {ref} INDI", f"1 NAME {_value(name)}"]
    if "/" in name:
        given, surname = name.split(" /", 1)
        lines += [f"2 GIVN {_value(given)}", f"2 SURN {_value(surname.rstrip('/'))}"]
    if p.known_as:
        lines.append(f"2 NICK {_value(p.known_as)}")
    lines += [f"1 SEX {_SEX.get(p.gender, 'U')}"]
    if p.birth_year or p.birth_date:
        lines += ["1 BIRT", f"2 DATE {_date(p.birth_date, p.birth_year)}"]
    if p.deceased or p.death_year:
        lines += ["1 DEAT Y"] + ([f"2 DATE {p.death_year}"] if p.death_year else [])
    return lines


def write(network: Network, path: Path) -> None:
    """Write the network's people and the kin among them as a GEDCOM 5.5.1 file (UTF-8)."""
    people = [p for p in network.people if p.kind is PersonKind.PERSON]
    ref = {p.id: f"@I{i}@" for i, p in enumerate(people, start=1)}
    sex = {p.id: p.gender for p in people}
    kin = [k for k in network.kin if k.from_id in ref and k.to_id in ref]
    families = _families(kin, sex)
    fam_ref = {id(f): f"@F{i}@" for i, f in enumerate(families, start=1)}
    extra: dict[str, list[str]] = {p.id: [] for p in people}
    for family in families:
        for parent in family.parents:
            extra[parent].append(f"1 FAMS {fam_ref[id(family)]}")
        slots = dict(zip(family.parents, _slots(family, sex), strict=True))
        for child, kinds in family.children:
            extra[child] += _child_lines(fam_ref[id(family)], slots, kinds)
    for k in kin:
        if k.kind in (KinType.SIBLING, KinType.HALF_SIBLING):
            rela = "Sibling" if k.kind is KinType.SIBLING else "Half-sibling"
            extra[k.from_id] += [f"1 ASSO {ref[k.to_id]}", f"2 RELA {rela}"]
    lines = [
        "0 HEAD", "1 SOUR NETMAP", "2 NAME netmap", "1 GEDC", "2 VERS 5.5.1", "2 FORM LINEAGE-LINKED",
        "1 CHAR UTF-8", "1 SUBM @U1@", "0 @U1@ SUBM", "1 NAME netmap",
    ]  # fmt: skip
    for p in people:
        lines += [*_person_lines(p, ref[p.id]), *extra[p.id], f"1 _NETMAP_ID {p.id}"]
    for family in families:
        lines.append(f"0 {fam_ref[id(family)]} FAM")
        for tag, parent in zip(_slots(family, sex), family.parents, strict=True):
            lines.append(f"1 {tag} {ref[parent]}")
        lines += _couple_lines(family.couple)
        for child, kinds in family.children:
            lines.append(f"1 CHIL {ref[child]}")
            if set(kinds.values()) != {KinType.BIRTH_PARENT}:
                for tag, parent in zip(_slots(family, sex), family.parents, strict=True):
                    if parent in kinds:
                        lines.append(f"2 {'_FREL' if tag == 'HUSB' else '_MREL'} {_REL[kinds[parent]]}")
    lines.append("0 TRLR")
    Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")


def _slots(family: _Family, sex: dict[str, Gender]) -> list[str]:
    """HUSB/WIFE for the family's parents: by sex where one is given, HUSB first otherwise."""
    if len(family.parents) == 1:
        return ["WIFE" if sex.get(family.parents[0]) is Gender.FEMALE else "HUSB"]
    return ["HUSB", "WIFE"]


def _child_lines(fam: str, slots: dict[str, str], kinds: dict[str, KinType]) -> list[str]:
    """The child's FAMC (with PEDI where every link in the family is one kind GEDCOM names) and ADOP."""
    lines = [f"1 FAMC {fam}"]
    found = set(kinds.values())
    if len(found) == 1 and (only := next(iter(found))) in _PEDI:
        lines.append(f"2 PEDI {_PEDI[only]}")
    adopters = [slots[p] for p, k in kinds.items() if k is KinType.ADOPTIVE_PARENT]
    if adopters:
        lines += ["1 ADOP Y", f"2 FAMC {fam}", f"3 ADOP {'BOTH' if len(adopters) == 2 else adopters[0]}"]
    return lines
