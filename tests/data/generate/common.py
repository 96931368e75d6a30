"""What every generator shares: invented names, seeded randomness and byte-stable files and zips."""

from __future__ import annotations

import io
import random
import re
import uuid
import zipfile
from pathlib import Path

__all__ = ["FAMILY_NAMES", "GIVEN_FEMALE", "GIVEN_MALE", "Files", "seeded", "stable_uuid", "stable_zip"]

# Invented people only: these names are combined at random and describe nobody.
GIVEN_FEMALE = (
    "Ada Bethan Carys Delphine Edie Freya Gwen Hattie Imogen Josie Keziah Lottie Maud Nell Orla Pearl "
    "Rhian Sadie Tamsin Una Violet Winnie Yasmin Zara Amara Noor Priya Chiamaka Leticia Agnieszka Zoë "
    "Siân Renée Łucja Ífe Marguerite Thea Elsie Blessing Hana"
).split()
GIVEN_MALE = (
    "Albie Bram Cai Dafydd Ezra Fergus Gideon Hal Idris Jago Kit Lorcan Magnus Nye Osian Percy Rafe "
    "Silas Tobias Ulric Vaughan Wilf Xander Yusuf Zeb Kwame Tariq Mateusz Rohan Emeka Søren José "
    "Ambrose Jethro Lemuel Barnaby Cormac Tomasz Ifan Otis"
).split()
FAMILY_NAMES = (
    "Ashdown Blackwood Carrow Dunmore Ellery Fenwick Garside Holloway Inchley Jessop Kettering "
    "Lindqvist Marlow Northey Oakridge Pennick Quarrie Rushworth Stannard Thorne Underhill Vexley "
    "Wragg Yelland Aldous Brackenbury Okafor Nowicki Ferreira Mäkelä Núñez Pryce-Jennet Ó Ceallaigh"
).split()

_EPOCH = (1980, 1, 1, 0, 0, 0)
_CORE_TIMES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def seeded(name: str) -> random.Random:
    """A random source fixed by ``name``, so every run writes the same files."""
    return random.Random(name)


def stable_uuid(rng: random.Random) -> str:
    """A version-4 UUID drawn from ``rng``."""
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def stable_zip(data: bytes) -> bytes:
    """``data`` (a zip, such as an xlsx) rewritten with fixed entry times and fixed document dates."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            if info.filename == "docProps/core.xml":
                body = _CORE_TIMES.sub(rb"\g<1>2025-01-01T00:00:00Z\g<2>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, body)
    return out.getvalue()


class Files:
    """Where generated files go: each is written under ``root`` and its relative path remembered."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.written: list[str] = []

    def write(self, relative: str, data: bytes | str) -> Path:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.written.append(relative)
        return path
