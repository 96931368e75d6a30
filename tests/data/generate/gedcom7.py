"""GEDCOM 7 files that each exercise one part of the 7.0/7.1 grammar, with invented people.

They stand in for conformance files whose licence does not allow copying: the same constructs
(``@VOID@`` pointers, odd cross-reference ids, extension tags and ``SCHMA``, ``@@`` escapes, ``AGE``
and ``LANG`` payloads, shared notes, remarriage, same-sex couples), none of the same text.
"""

from __future__ import annotations

from itertools import combinations

from tests.data.generate.common import Files

__all__ = ["write_all"]

FOLDER = "gedcom/generated/gedcom7"
BOM = "\ufeff"
HEAD = "0 HEAD\n1 GEDC\n2 VERS 7.0\n"
COVERAGE = (
    "1 NOTE Written by netmap's test generator to cover one part of GEDCOM 7; the people are invented.\n"
)


def _ages() -> str:
    lines = [HEAD, COVERAGE, "0 @P1@ INDI\n", "1 NAME Orla /Quarrie/\n"]
    units = (("y", 97), ("m", 11), ("w", 3), ("d", 6))
    for size in range(1, 5):
        for chosen in combinations(units, size):
            for zero in (True, False):
                age = " ".join(f"{0 if zero else n}{u}" for u, n in chosen)
                for bound in ("", "< ", "> "):
                    lines.append(f"1 EVEN\n2 TYPE Age check\n2 AGE {bound}{age}\n")
    lines.append("1 EVEN\n2 TYPE Age as a phrase\n2 AGE\n3 PHRASE Newborn\n")
    lines.append("1 EVEN\n2 TYPE Unnormalised age\n2 AGE 2y 27m 60w 900d\n")
    lines.append("0 TRLR\n")
    return BOM + "".join(lines)


def _escapes() -> str:
    return BOM + (
        HEAD
        + COVERAGE
        + "0 @P1@ INDI\n1 NAME Tobias /Wragg/\n"
        + "1 NOTE Write to tobias@example.org; the at sign inside a line is not escaped.\n"
        + "2 CONT @@tobias_w is a handle whose leading at sign is doubled.\n"
        + "2 CONT @@@@ starts with two at signs, of which only the first is doubled.\n"
        + "0 @N1@ SNOTE @@ leading, then a space\n"
        + "0 @N2@ SNOTE @@leading with no space\n"
        + "0 @N3@ SNOTE inside @@ a line both stay\n"
        + "0 @N4@ SNOTE inside@@a word both stay\n"
        + "0 @N5@ SNOTE one @ inside a line\n"
        + "0 @N6@ SNOTE one@inside a word\n"
        + "0 @N7@ SNOTE @@ at the start and @ inside\n1 CONT @@ after CONT and @ inside it as well.\n"
        + "0 TRLR\n"
    )


def _extensions() -> str:
    return (
        HEAD
        + "1 SCHMA\n"
        + "2 TAG _KINDRED https://example.net/netmap-test/kindred-record\n"
        + "2 TAG _LINK https://example.net/netmap-test/link\n"
        + "2 TAG _KIND https://example.net/netmap-test/kind-value\n"
        + "2 TAG _HELPER https://gedcom.io/terms/v7/record-SUBM\n"
        + "2 TAG _WROTE https://gedcom.io/terms/v7/SUBM\n"
        + "2 TAG _NOTE7 https://gedcom.io/terms/v7/PHRASE\n"
        + "2 TAG _GATHERING https://example.net/netmap-test/gathering\n"
        + COVERAGE
        + "0 @H1@ _HELPER\n1 NAME A submitter under an extension tag\n"
        + "0 @H2@ SUBM\n1 NAME A submitter under the standard tag\n"
        + "0 @P1@ INDI\n1 NAME Maud /Fenwick/\n1 _WROTE @H1@\n1 _WROTE @H2@\n"
        + "1 FAMC @VOID@\n2 _NOTE7 A family nobody recorded\n2 PEDI _KIND\n"
        + "1 FAMC @VOID@\n2 PEDI _UNDECLARED\n"
        + "1 _LINK @K1@\n"
        + "0 @K1@ _KINDRED an extension record with a value\n1 _SEEN @E1@\n2 ROLE CHIL\n"
        + "0 INDI\n1 NOTE An individual without a cross-reference id.\n1 SUBM @H1@\n"
        + "1 ASSO @P1@\n2 ROLE _KIND\n"
        + "1 BIRT\n2 DATE _LUNAR 3 _MOON 1904\n"
        + "1 _GATHERING @G1@\n2 ROLE HOST\n"
        + "0 @G1@ _GATHERING\n1 NAME Harvest supper\n1 DATE FROM 1951 TO 1953\n2 PHRASE Held for three autumns\n"
        + "0 TRLR\n"
    )


LANGUAGES = (
    "af sq am ar hy as be bn bg my yue ca ca-ES cu cs da nl en eo et fo fi fr ka de el gu haw he hi hu is "
    "id it ja kn km kok ko lo lv lt mk ml cmn mr nv ne no or pa fa pl pt ps ro ru sa sr sk sl es sv tl "
    "ta te th bo tr uk ur vi yi cy gd ga kw"
).split()


def _languages() -> str:
    lines = [HEAD.replace("0 HEAD\n", "0 HEAD\n1 SUBM @U1@\n1 LANG cy\n"), COVERAGE]
    lines.append("0 @U1@ SUBM\n1 NAME Idris Holloway\n1 LANG en\n1 LANG cy\n")
    lines.append("0 @U2@ SUBM\n1 NAME Every language tag\n")
    lines += [f"1 LANG {tag}\n" for tag in LANGUAGES]
    lines.append("0 TRLR\n")
    return BOM + "".join(lines)


def _tree(events: bool) -> str:
    """Four people, two families, a child pointer to @VOID@; with ``events`` most INDI and FAM events too."""
    fam_events = (
        "1 NCHI 2\n2 TYPE Children counted\n1 RESI Mill Lane\n2 TYPE Home\n1 FACT Kept bees\n2 TYPE Pastime\n"
        + "".join(
            f"1 {tag} Y\n" for tag in ("ANUL", "CENS", "DIV", "DIVF", "ENGA", "MARB", "MARC", "MARL", "MARS")
        )
        if events
        else ""
    )
    indi_events = (
        "".join(
            f"1 {tag} {value}\n2 TYPE {tag.lower()} kind\n"
            for tag, value in (
                ("CAST", "None"),
                ("DSCR", "Tall"),
                ("EDUC", "College"),
                ("IDNO", "88"),
                ("NATI", "Welsh"),
                ("NCHI", "1"),
                ("NMR", "1"),
                ("OCCU", "Boat builder"),
                ("PROP", "Cottage"),
                ("RELI", "Chapel"),
                ("RESI", "Harbour Row"),
                ("TITL", "Mr"),
                ("FACT", "Left-handed"),
            )
        )  # fmt: skip
        + "".join(
            f"1 {tag}\n2 TYPE {tag.lower()} kind\n"
            for tag in (
                "BAPM",
                "BARM",
                "BASM",
                "BLES",
                "CHRA",
                "CONF",
                "CREM",
                "EMIG",
                "FCOM",
                "GRAD",
                "IMMI",
                "NATU",
                "ORDN",
                "PROB",
                "RETI",
                "WILL",
                "ADOP",
            )
        )  # fmt: skip
        if events
        else ""
    )
    return BOM + (
        HEAD
        + COVERAGE
        + "0 @F1@ FAM\n"
        + fam_events
        + "1 MARR Y\n2 DATE 14 AUG 2021\n2 PLAC Aberaeron\n"
        + "1 HUSB @P1@\n1 WIFE @P2@\n1 CHIL @P4@\n1 CHIL @VOID@\n"
        + "0 @F2@ FAM\n1 MARR\n2 DATE 1996\n1 CHIL @P1@\n"
        + '0 @P1@ INDI\n1 NAME Capt. Ifan "Ifs" /ap Rhys/ II\n'
        + ("2 TYPE BIRTH\n" if events else "")
        + "1 NAME Ifan /Pryce/\n1 NAME Ifs\n1 NAME Ifan Price (anglicised)\n1 SEX M\n"
        + indi_events
        + "1 BURI\n2 DATE 20 SEP 2023\n1 DEAT\n2 DATE 16 SEP 2023\n2 PLAC Lampeter\n"
        + "1 BIRT\n2 DATE 2 FEB 1999\n1 CHR\n2 DATE 28 FEB 1999\n"
        + "1 FAMC @F2@\n1 FAMS @VOID@\n1 FAMS @F1@\n1 SOUR @S1@\n2 PAGE 4\n1 SOUR @S2@\n"
        + "0 @P2@ INDI\n1 NAME Birth Name\n1 NAME Married Name\n1 NAME Stage Name\n1 SEX F\n1 FAMS @F1@\n"
        + "0 @P3@ INDI\n1 SEX X\n"
        + "0 @P4@ INDI\n1 SEX U\n1 FAMC @F1@\n"
        + "0 @S1@ SOUR\n1 AUTH A parish clerk\n1 TITL Register of the chapel\n1 ABBR Register\n"
        + "1 PUBL Kept in the vestry\n0 @S2@ SOUR\n1 TITL A second register\n"
        + "0 TRLR\n"
    )


def _notes() -> str:
    return BOM + (
        "0 HEAD\n1 SOUR netmap-test\n1 SUBM @1@\n1 GEDC\n2 VERS 7.0\n1 NOTE A note in the header\n"
        + "0 @1@ SUBM\n1 NAME Pearl Dunmore\n1 NOTE A note written inline\n1 SNOTE @11@\n"
        + "0 @2@ SOUR\n1 SNOTE @10@\n1 SNOTE @11@\n1 SNOTE @12@\n"
        + "0 @10@ SNOTE A shared note used once\n1 CHAN\n2 DATE 3 JUN 2024\n"
        + "0 @11@ SNOTE A shared note used twice\n1 CHAN\n2 DATE 3 JUN 2024\n"
        + "0 @12@ SNOTE A shared note that points back at its source\n1 SOUR @2@\n"
        + "0 TRLR\n"
    )


# The remarried couple: (name, sex, death date); Rosa's death year is what the test checks.
REMARRIAGE = (
    ("Arthur Q /Penhallow/", "M", ""),
    ("Lena /Marchetti/", "F", ""),
    ("Rosa /Okonkwo/", "", "2 FEB 1958"),
)


def _remarriage() -> str:
    (arthur, _, _), (lena, _, _), (rosa, _, rosa_died) = REMARRIAGE
    return BOM + (
        HEAD
        + f"0 @A1@ INDI\n1 NAME {arthur}\n1 SEX M\n1 FAMS @U1@\n1 FAMS @U2@\n"
        + f"0 @A2@ INDI\n1 NAME {lena}\n1 SEX F\n1 FAMS @U1@\n"
        + f"0 @A3@ INDI\n1 NAME {rosa}\n1 DEAT\n2 DATE {rosa_died}\n1 FAMS @U2@\n"
        + "0 @U1@ FAM\n1 HUSB @A1@\n1 WIFE @A2@\n1 MARR\n2 DATE 9 MAY 1953\n1 DIV\n2 DATE 1 OCT 1955\n"
        + "1 MARR\n2 DATE 12 APR 1959\n"
        + "0 @U2@ FAM\n1 HUSB @A1@\n1 WIFE @A3@\n1 MARR\n2 DATE 7 NOV 1956\n"
        + "0 TRLR\n"
    )


def _same_sex() -> str:
    return BOM + (
        HEAD
        + "0 @A1@ INDI\n1 NAME Kit /Marlow/\n1 SEX M\n1 FAMS @U1@\n"
        + "0 @A2@ INDI\n1 NAME Emeka /Okafor/\n1 SEX M\n1 FAMS @U1@\n"
        + "0 @U1@ FAM\n1 HUSB @A1@\n1 WIFE @A2@\n1 MARR\n2 DATE 30 JUL 2016\n"
        + "0 TRLR\n"
    )


def _void() -> str:
    return BOM + (
        HEAD
        + "0 @A1@ INDI\n1 NAME Silas /Garside/\n"
        + "1 FAMS @VOID@\n2 NOTE An earlier marriage that nobody recorded, so Edie is his second wife.\n"
        + "1 FAMS @U1@\n1 FAMC @VOID@\n2 PEDI ADOPTED\n"
        + "0 @A2@ INDI\n1 NAME Edie /Jessop/\n1 FAMS @U1@\n"
        + "0 @U1@ FAM\n1 HUSB @A1@\n1 WIFE @A2@\n1 CHIL @VOID@\n"
        + "0 TRLR\n"
    )


XREFS = (
    "@A1@",
    "@A@",
    "@7@",
    "@_@",
    "@0X7FFF@",
    "@" + "AVERYLONGCROSSREFERENCEIDBECAUSETHEGRAMMARSETSNOLIMIT" * 2 + "@",
)


def _xrefs() -> str:
    records = "0 INDI\n1 NOTE No cross-reference id on this individual.\n"
    records += "".join(f"0 {xref} INDI\n" for xref in XREFS)
    return BOM + HEAD + COVERAGE + records + "0 TRLR\n"


def write_all(files: Files) -> None:
    files.write(f"{FOLDER}/minimal70.ged", HEAD + "0 TRLR\n")
    files.write(f"{FOLDER}/minimal71.ged", HEAD.replace("7.0", "7.1") + "0 TRLR\n")
    files.write(f"{FOLDER}/ages.ged", _ages())
    files.write(f"{FOLDER}/escapes.ged", _escapes())
    files.write(f"{FOLDER}/extensions.ged", _extensions())
    files.write(f"{FOLDER}/languages.ged", _languages())
    files.write(f"{FOLDER}/tree-basic.ged", _tree(events=False))
    files.write(f"{FOLDER}/tree-events.ged", _tree(events=True))
    files.write(f"{FOLDER}/note-records.ged", _notes())
    files.write(f"{FOLDER}/remarriage.ged", _remarriage())
    files.write(f"{FOLDER}/same-sex-marriage.ged", _same_sex())
    files.write(f"{FOLDER}/void-pointers.ged", _void())
    files.write(f"{FOLDER}/xrefs.ged", _xrefs())
