"""Realistic family trees as genealogy programs export them, with invented people.

``victorian-family.ged`` is a small 19th-century tree in GEDCOM 5.5 (dates before 1880, a place per
event, GIVN/SURN, an alias). ``large-family.ged`` is a 200-person tree over six generations in
GEDCOM 5.5.1 with a byte-order mark, as desktop programs write it: sources and citations, map
coordinates, change dates, reference numbers, notes over several lines, occupations, divorces,
remarriages, a same-sex couple and adopted and fostered children (``PEDI``).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from tests.data.generate.common import FAMILY_NAMES, GIVEN_FEMALE, GIVEN_MALE, Files, seeded

__all__ = ["LARGE_PEOPLE", "VICTORIAN_PATRIARCH", "write_all"]

FOLDER = "gedcom/generated/realistic"
LARGE_PEOPLE = 200
MONTHS = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split()
PLACES = (
    ("Whitby, Yorkshire, England", "N54.4858", "W0.6206"),
    ("Penzance, Cornwall, England", "N50.1186", "W5.5371"),
    ("Aberystwyth, Ceredigion, Wales", "N52.4153", "W4.0829"),
    ("Stirling, Stirlingshire, Scotland", "N56.1165", "W3.9369"),
    ("Lancaster, Lancashire, England", "N54.0466", "W2.8007"),
    ("Derry, County Londonderry, Northern Ireland", "N54.9966", "W7.3086"),
    ("Norwich, Norfolk, England", "N52.6309", "E1.2974"),
    ("Leeds, Yorkshire, England", "N53.8008", "W1.5491"),
)
OCCUPATIONS = (
    "Farm labourer", "Weaver", "Railway porter", "Schoolteacher", "Nurse", "Miner", "Shop assistant",
    "Fisherman", "Clerk", "Engineer", "Care worker", "Bus driver", "Midwife", "Electrician",
)  # fmt: skip

# (xref, name, sex, born, birthplace, died, note); the patriarch is born before 1880, which the tests check.
VICTORIAN_PATRIARCH = "Josiah"
VICTORIAN = (
    ("I01", "Josiah /Vanterpool/", "M", "3 NOV 1778", "Bridlington, Yorks.", "19 JUN 1859", "Ludlow"),
    ("I02", "Hepzibah /Carrow/", "F", "11 APR 1784", "Truro, Cornwall", "2 SEP 1830", ""),
    ("I03", "Hepzibah /Vanterpool/", "F", "20 JAN 1812", "Scarborough", "5 MAY 1826", ""),
    ("I04", "Tabitha /Vanterpool/", "F", "8 FEB 1813", "Scarborough", "9 JUN 1826", ""),
    ("I05", "Clementine /Vanterpool/", "F", "21 APR 1815", "Hunmanby, Nr. Filey", "31 MAR 1857", ""),
    ("I06", "Josiah Ambrose /Vanterpool/", "M", "26 JUN 1817", "Hunmanby, Nr. Filey", "24 SEP 1850", ""),
    ("I07", "Euphemia /Vanterpool/", "F", "30 JUL 1819", "Hunmanby, Nr. Filey", "19 DEC 1849", ""),
    ("I08", "Honora /Vanterpool/", "F", "17 JAN 1821", "Hunmanby, Nr. Filey", "28 MAY 1851", ""),
    ("I09", "Ezekiel /Vanterpool/", "M", "ABT 1750", "County Antrim", "", ""),
    ("I10", "Zillah /McCrum/", "F", "ABT 1755", "County Antrim", "", ""),
    ("I11", "Tobias /Carrow/", "M", "1745", "Truro, Cornwall", "1809", ""),
    ("I12", "Anne /Böhmer/", "F", "1752", "Truro, Cornwall", "1811", ""),
    ("I13", "Arthur Bell /Nicolls/", "M", "6 JAN 1819", "Killead, Antrim", "2 DEC 1906", ""),
    ("I14", "Margery /Tennant/", "F", "18 AUG 1830", "Hunmanby, Nr. Filey", "4 MAR 1902", ""),
)
# (xref, husband, wife, children, marriage)
VICTORIAN_FAMILIES = (
    ("F01", "I01", "I02", ("I03", "I04", "I05", "I06", "I07", "I08"), "29 DEC 1810"),
    ("F02", "I13", "I05", (), "29 JUN 1854"),
    ("F03", "I09", "I10", ("I01",), ""),
    ("F04", "I11", "I12", ("I02",), "1774"),
)


def _victorian() -> str:
    lines = [
        "0 HEAD\n1 SOUR family-chart\n2 VERS 2.3\n2 NAME Family Chart Printer\n1 DATE 14 MAR 2013\n",
        "1 FILE victorian-family.ged\n1 GEDC\n2 VERS 5.5\n2 FORM LINEAGE-LINKED\n1 CHAR UTF-8\n1 SUBM @SUB1@\n",
        "0 @SUB1@ SUBM\n1 NAME Family Chart Printer\n",
    ]
    spouse_in = {p: [f for f, h, w, _, _ in VICTORIAN_FAMILIES if p in (h, w)] for p, *_ in VICTORIAN}
    child_in = {c: f for f, _, _, kids, _ in VICTORIAN_FAMILIES for c in kids}
    for xref, name, sex, born, place, died, alias in VICTORIAN:
        given, surname = name.split(" /")
        lines.append(
            f"0 @{xref}@ INDI\n1 NAME {name}\n2 GIVN {given}\n2 SURN {surname.strip('/')}\n1 SEX {sex}\n"
        )
        lines.append(f"1 BIRT\n2 DATE {born}\n2 PLAC {place}\n")
        if died:
            lines.append(f"1 DEAT\n2 DATE {died}\n")
        if alias:
            lines.append(f"1 ALIA {alias}\n")
        if xref in child_in:
            lines.append(f"1 FAMC @{child_in[xref]}@\n")
        lines += [f"1 FAMS @{f}@\n" for f in spouse_in[xref]]
    for xref, husband, wife, children, married in VICTORIAN_FAMILIES:
        lines.append(f"0 @{xref}@ FAM\n1 HUSB @{husband}@\n1 WIFE @{wife}@\n")
        if married:
            lines.append(f"1 MARR\n2 DATE {married}\n")
        lines += [f"1 CHIL @{c}@\n" for c in children]
    lines.append("0 TRLR\n")
    return "".join(lines)


@dataclass
class _Person:
    xref: str
    given: str
    surname: str
    sex: str
    born: int
    died: int | None = None
    famc: list[tuple[str, str]] = field(default_factory=list)  # (family xref, pedigree)
    fams: list[str] = field(default_factory=list)


@dataclass
class _Family:
    xref: str
    partners: list[_Person]
    married: int
    divorced: int | None = None
    children: list[_Person] = field(default_factory=list)


class _Tree:
    """Grows a tree one person at a time until it holds exactly ``LARGE_PEOPLE``."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.people: list[_Person] = []
        self.families: list[_Family] = []

    @property
    def full(self) -> bool:
        return len(self.people) >= LARGE_PEOPLE

    def person(self, sex: str, surname: str, born: int) -> _Person:
        given = self.rng.choice(GIVEN_MALE if sex == "M" else GIVEN_FEMALE)
        lifespan = self.rng.randint(38, 96)
        died = born + lifespan if born + lifespan < 2024 else None
        person = _Person(f"@I{len(self.people) + 1}@", given, surname, sex, born, died)
        self.people.append(person)
        return person

    def family(self, partners: list[_Person], married: int) -> _Family:
        family = _Family(f"@F{len(self.families) + 1}@", partners, married)
        for partner in partners:
            partner.fams.append(family.xref)
        self.families.append(family)
        return family

    def child(self, family: _Family, born: int, pedigree: str = "birth") -> _Person:
        father = next((p for p in family.partners if p.sex == "M"), family.partners[0])
        sex = self.rng.choice("MF")
        kid = self.person(sex, father.surname, born)
        kid.famc.append((family.xref, pedigree))
        family.children.append(kid)
        return kid

    def grow(self) -> None:
        waiting: list[_Person] = []
        while not self.full:
            if not waiting:  # a new branch: a founder born in the mid-19th century
                waiting.append(self.person("M", self.rng.choice(FAMILY_NAMES), self.rng.randint(1838, 1852)))
            person = waiting.pop(0)
            if person.born > 2000 or self.rng.random() < 0.2:
                continue
            spouse_sex = "F" if person.sex == "M" else "M"
            if person.born > 1975 and self.rng.random() < 0.15:
                spouse_sex = person.sex
            spouse = self.person(
                spouse_sex, self.rng.choice(FAMILY_NAMES), person.born + self.rng.randint(-4, 4)
            )
            married = max(person.born, spouse.born) + self.rng.randint(19, 31)
            family = self.family([person, spouse], married)
            for number in range(self.rng.randint(1, 4)):
                if self.full:
                    return
                same_sex = spouse_sex == person.sex
                pedigree = "adopted" if same_sex else "foster" if number == 3 and married > 1950 else "birth"
                waiting.append(
                    self.child(family, married + 1 + 2 * number + self.rng.randint(0, 1), pedigree)
                )
            if married > 1930 and self.rng.random() < 0.25 and not self.full:
                family.divorced = married + self.rng.randint(3, 12)
                again = self.person(
                    spouse_sex, self.rng.choice(FAMILY_NAMES), spouse.born + self.rng.randint(-6, 6)
                )
                second = self.family([person, again], family.divorced + self.rng.randint(1, 4))
                if not self.full:
                    waiting.append(self.child(second, second.married + 1))


def _date(rng: random.Random, year: int, precise: bool = True) -> str:
    if year < 1880 and rng.random() < 0.3:
        return rng.choice((f"ABT {year}", f"BEF {year + 1}", f"BET {year - 1} AND {year + 1}"))
    if not precise:
        return f"{rng.choice(MONTHS)} {year}"
    return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"


def _event(rng: random.Random, tag: str, year: int) -> str:
    place, lat, lon = rng.choice(PLACES)
    text = f"1 {tag}\n2 DATE {_date(rng, year, rng.random() < 0.85)}\n2 PLAC {place}\n"
    if rng.random() < 0.8:
        text += f"3 MAP\n4 LATI {lat}\n4 LONG {lon}\n"
    if rng.random() < 0.3:
        text += (
            f"2 SOUR @S{rng.randint(1, 6)}@\n3 PAGE p. {rng.randint(2, 400)}\n3 QUAY {rng.randint(0, 3)}\n"
        )
    return text


def _change(rng: random.Random) -> str:
    return (
        f"1 CHAN\n2 DATE {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2016, 2021)}\n"
        f"3 TIME {rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:{rng.randint(0, 59):02d}\n"
    )


def _large(tree: _Tree, rng: random.Random) -> str:
    lines = [
        "\ufeff0 HEAD\n1 SUBM @B1@\n1 SOUR FAMILYDESK\n2 VERS 11.2.4\n2 NAME Family Desk\n2 CORP Family Desk Team\n",
        "1 DEST ANY\n1 DATE 8 FEB 2021\n2 TIME 21:10:46\n1 FILE large-family.ged\n1 GEDC\n2 VERS 5.5.1\n",
        "2 FORM LINEAGE-LINKED\n1 CHAR UTF-8\n1 LANG English\n1 PLAC\n2 FORM City, County, Country\n",
    ]
    for number in range(1, 7):
        lines.append(f"0 @S{number}@ SOUR\n1 TITL Parish register volume {number}\n")
        if number % 2:
            lines.append(
                f"1 TEXT Transcribed from the volume kept at the record office, item {number * 37}.\n"
            )
        lines.append(_change(rng))
    for person in tree.people:
        suffix = " Jr." if rng.random() < 0.05 else ""
        lines.append(f"0 {person.xref} INDI\n1 NAME {person.given} /{person.surname}/{suffix}\n")
        lines.append(
            f"2 GIVN {person.given}\n2 SURN {person.surname}\n"
            + (f"2 NSFX {suffix.strip()}\n" if suffix else "")
        )
        lines.append(f"1 SEX {person.sex}\n")
        lines.append(_event(rng, "BIRT", person.born))
        if rng.random() < 0.2:
            lines.append(_event(rng, "CHR", person.born))
        if person.died:
            lines.append(_event(rng, "DEAT", person.died))
            if rng.random() < 0.4:
                lines.append(_event(rng, "BURI", person.died))
        if person.born < 2000 and rng.random() < 0.3:
            lines.append(f"1 OCCU {rng.choice(OCCUPATIONS)}\n")
        if rng.random() < 0.15:
            lines.append(
                f"1 NOTE Remembered by the family as a keen walker.\n2 CONT Letters from {person.born + 20} survive.\n"
                "2 CONC  They are kept by a cousin.\n"
            )
        for family, pedigree in person.famc:
            lines.append(f"1 FAMC {family}\n" + (f"2 PEDI {pedigree}\n" if pedigree != "birth" else ""))
        lines += [f"1 FAMS {f}\n" for f in person.fams]
        lines.append(f"1 REFN {person.xref.strip('@I')}\n")
        lines.append(_change(rng))
    for family in tree.families:
        lines.append(f"0 {family.xref} FAM\n")
        males = [p for p in family.partners if p.sex == "M"]
        husband = males[0] if len(males) == 1 else family.partners[0]
        wife = next(p for p in family.partners if p is not husband)
        lines.append(f"1 HUSB {husband.xref}\n1 WIFE {wife.xref}\n")
        lines.append(_event(rng, "MARR", family.married))
        if family.divorced:
            lines.append(f"1 DIV\n2 DATE {_date(rng, family.divorced)}\n")
        lines += [f"1 CHIL {c.xref}\n" for c in family.children]
        lines.append(_change(rng))
    lines.append("0 @B1@ SUBM\n1 NAME Family Desk user\n0 TRLR\n")
    return "".join(lines)


def write_all(files: Files) -> None:
    files.write(f"{FOLDER}/victorian-family.ged", _victorian())
    rng = seeded("large-family")
    tree = _Tree(rng)
    tree.grow()
    assert len(tree.people) == LARGE_PEOPLE, len(tree.people)
    files.write(f"{FOLDER}/large-family.ged", _large(tree, rng))
