"""Every bound on what an import may read, in one place: a file under the upload cap must import (or be
refused with one sentence) in bounded memory and time, whatever it unpacks or nests to.

The bounds sit far above any real case (a case is tens to hundreds of people) and above the public
files in ``tests/data``; ``tests/security/test_import_limits.py`` measures the peak memory of
hostile files built to reach them.
"""

from __future__ import annotations

__all__ = [
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_GEDCOM_LINES",
    "MAX_JSON_DEPTH",
    "MAX_LINKS",
    "MAX_PEOPLE",
    "MAX_JSON_VALUES",
    "MAX_PROBLEMS",
    "MAX_RECORD_LINES",
    "MAX_ROWS",
    "MAX_UNZIPPED_BYTES",
    "MAX_XLSX_PART_BYTES",
    "MAX_XML_ELEMENTS",
    "MAX_ZIP_ENTRIES",
    "megabytes",
]

# Size of one uploaded file (the app's server.maxUploadSize says the same).
MAX_BYTES = 20 * 1024 * 1024
# A zip (xlsx, Network Canvas export): what all its entries unpack to, and how many entries it has.
MAX_UNZIPPED_BYTES = 50 * 1024 * 1024
MAX_ZIP_ENTRIES = 2_000
# One part of a workbook other than its sheets and shared strings (styles, workbook, themes), which
# openpyxl reads whole rather than as a stream.
MAX_XLSX_PART_BYTES = 4 * 1024 * 1024
# A sheet or CSV: data rows per table, and cells over the whole file.
MAX_ROWS = 50_000
MAX_CELLS = 1_000_000
# GraphML: elements (nodes, edges and their data) in the whole document.
MAX_XML_ELEMENTS = 600_000
# JSON: how deep values nest (netmap's own files and Kumu blueprints), and how many values a Kumu
# blueprint holds (netmap's own files are streamed record by record instead).
MAX_JSON_DEPTH = 64
MAX_JSON_VALUES = 1_000_000
# GEDCOM: lines in a file, and in one record (a real individual's record has tens to hundreds).
MAX_GEDCOM_LINES = 3_000_000
MAX_RECORD_LINES = 20_000
# People, and ties and family links together, in one import: far above any case, and what keeps a
# file under the upload cap within the memory target once every record is a validated model.
MAX_PEOPLE = 50_000
MAX_LINKS = 100_000
# Problems an import report lists one by one; more are counted, not listed.
MAX_PROBLEMS = 1_000


def megabytes(size: int) -> str:
    """A size in whole megabytes for a sentence.

    >>> megabytes(MAX_BYTES), megabytes(MAX_UNZIPPED_BYTES)
    ('20 MB', '50 MB')
    """
    return f"{size // (1024 * 1024)} MB"
