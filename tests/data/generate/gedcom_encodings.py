"""One small GEDCOM 5.5.5 tree written three ways: UTF-8 with a byte-order mark and LF endings, and
UTF-16 little- and big-endian with byte-order marks and CRLF endings, as the 5.5.5 samples come.

The tree has an adoption (a second ``FAMC`` with ``PEDI adopted`` and an ``ADOP`` event), a man in
two families, dates with mixed-case months and a ``from … to`` period, and a cited source.
"""

from __future__ import annotations

from tests.data.generate.common import Files

__all__ = ["PEOPLE", "write_all"]

FOLDER = "gedcom/generated/encodings"
PEOPLE = ("Gideon Hale /Ashdown/", "Winifred May /Inchley/", "Barnaby /Ashdown/")
TREE = f"""0 HEAD
1 GEDC
2 VERS 5.5.5
2 FORM LINEAGE-LINKED
3 VERS 5.5.5
1 CHAR {{charset}}
1 SOUR NETMAP_TESTS
2 NAME netmap test generator
2 VERS 1.0
1 DATE 4 Mar 2025
2 TIME 9:30:00
1 FILE sample555.ged
1 LANG English
1 SUBM @U1@
0 @U1@ SUBM
1 NAME Test Generator
1 ADDR
2 ADR1 1 Example Row
2 CITY Kestle
2 POST KE1 1AA
2 CTRY United Kingdom
0 @I1@ INDI
1 NAME {PEOPLE[0]}
2 SURN Ashdown
2 GIVN Gideon Hale
1 SEX M
1 BIRT
2 DATE 14 Feb 1891
2 PLAC Lowmoor, Yorkshire, England
2 SOUR @S1@
3 PAGE Folio 12
1 DEAT
2 DATE 3 Nov 1960
2 PLAC Kestle, Yorkshire, England
1 FAMS @F1@
1 FAMS @F2@
1 RESI
2 DATE from 1950 to 1960
0 @I2@ INDI
1 NAME {PEOPLE[1]}
2 SURN Inchley
2 GIVN Winifred May
1 SEX F
1 BIRT
2 DATE BEF 1895
2 PLAC Yorkshire, England
1 FAMS @F1@
0 @I3@ INDI
1 NAME {PEOPLE[2]}
2 SURN Ashdown
2 GIVN Barnaby
1 SEX M
1 BIRT
2 DATE 9 Jun 1921
2 PLAC Marrick, Yorkshire, England
1 FAMC @F1@
1 FAMC @F2@
2 PEDI adopted
1 ADOP
2 DATE 21 Mar 1924
0 @F1@ FAM
1 HUSB @I1@
1 WIFE @I2@
1 CHIL @I3@
1 MARR
2 DATE Aug 1919
2 PLAC Lowmoor, Yorkshire, England
0 @F2@ FAM
1 HUSB @I1@
1 CHIL @I3@
0 @S1@ SOUR
1 TITL Register of births, Lowmoor
1 AUTH Registrar
0 TRLR
"""


def write_all(files: Files) -> None:
    files.write(f"{FOLDER}/sample555.ged", "\ufeff" + TREE.format(charset="UTF-8"))
    wide = TREE.format(charset="UNICODE").replace("\n", "\r\n")
    files.write(f"{FOLDER}/sample555-utf16le.ged", "\ufeff".encode("utf-16-le") + wide.encode("utf-16-le"))
    files.write(f"{FOLDER}/sample555-utf16be.ged", "\ufeff".encode("utf-16-be") + wide.encode("utf-16-be"))
