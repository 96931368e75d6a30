"""Reading import files safely: the size limit, text decoding, workbook sheets and content digests."""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from pathlib import Path
from typing import Any

import openpyxl

from netmap.errors import ImportFailed
from netmap.ingest.cells import cell_text

__all__ = ["MAX_BYTES", "Sheet", "decode_text", "digest", "read_bytes", "xlsx_sheets"]

MAX_BYTES = 20 * 1024 * 1024
Sheet = tuple[str, list[str], list[list[Any]]]


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, refusing missing, directory and over-large files with one sentence.

    >>> read_bytes(Path("/no/such/file.csv"))
    Traceback (most recent call last):
    ...
    netmap.errors.ImportFailed: file.csv: the file does not exist.
    """
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ImportFailed(f"{path.name}: the file does not exist.") from None
    except OSError as error:
        raise ImportFailed(f"{path.name}: the file cannot be read ({error.strerror}).") from None
    if path.is_dir():
        raise ImportFailed(f"{path.name}: is a folder, not a file.")
    if size > MAX_BYTES:
        raise ImportFailed(
            f"{path.name}: the file is {size // (1024 * 1024)} MB; netmap imports files up to 20 MB."
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFailed(f"{path.name}: the file cannot be read ({error.strerror}).") from None


def decode_text(data: bytes, name: str) -> str:
    """Text of ``data``: UTF-8 or UTF-16 (by byte-order mark), else Windows-1252 as spreadsheets write it.

    >>> decode_text("Zoë".encode("cp1252"), "x.csv"), decode_text("\\ufeffZoë".encode(), "x.csv")
    ('Zoë', 'Zoë')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailed(f"{name}: the file claims UTF-16 but is not valid UTF-16 text.") from None
    if b"\x00" in data[:4096]:
        raise ImportFailed(f"{name}: the file is binary, not text.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def digest(data: bytes) -> str:
    """A short hex digest of file content, so ids do not depend on where the file sits.

    >>> len(digest(b"abc")), digest(b"abc") == digest(b"abc")
    (16, True)
    """
    return hashlib.sha256(data).hexdigest()[:16]


def xlsx_sheets(path: Path) -> dict[str, Sheet]:
    """Non-empty sheets of a workbook by lower-cased title: ``(where, header, rows)``."""
    data = read_bytes(path)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, OSError, TypeError, IndexError):
        raise ImportFailed(f"{path.name}: is not a readable Excel workbook (.xlsx).") from None
    sheets: dict[str, Sheet] = {}
    try:
        for ws in book.worksheets:
            rows = [list(r) for r in ws.iter_rows(values_only=True) if any(cell_text(c) for c in r)]
            if rows:
                sheets[ws.title.strip().lower()] = (
                    f"{path.name} sheet {ws.title!r}",
                    [cell_text(h) for h in rows[0]],
                    rows[1:],
                )
    except (zipfile.BadZipFile, zlib.error, EOFError, KeyError, ValueError, TypeError, IndexError):
        raise ImportFailed(f"{path.name}: the workbook is damaged and cannot be read.") from None
    finally:
        book.close()
    return sheets
