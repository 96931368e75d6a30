"""Reading import files safely: the size limit, text decoding, zips checked before unpacking, content digests."""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path

from netmap.errors import ImportFailed
from netmap.ingest.limits import MAX_BYTES, MAX_UNZIPPED_BYTES, MAX_ZIP_ENTRIES, megabytes

__all__ = ["MAX_BYTES", "checked_zip", "decode_text", "digest", "read_bytes", "utf16_without_bom"]


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
            f"{path.name}: the file is {megabytes(size)}; netmap imports files up to {megabytes(MAX_BYTES)}."
        )
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFailed(f"{path.name}: the file cannot be read ({error.strerror}).") from None


def utf16_without_bom(data: bytes) -> str:
    """``"utf-16-le"`` or ``"utf-16-be"`` when ``data`` looks like UTF-16 text without a byte-order mark.

    Text in a Latin script has a zero byte in every other position: after each character in
    little-endian, before it in big-endian.

    >>> utf16_without_bom("name,ring".encode("utf-16-be")), utf16_without_bom(b"name,ring")
    ('utf-16-be', '')
    """
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return ""
    even = sum(1 for i in range(0, 2 * pairs, 2) if sample[i] == 0)
    odd = sum(1 for i in range(1, 2 * pairs, 2) if sample[i] == 0)
    if odd > pairs * 0.4 and even < pairs * 0.05:
        return "utf-16-le"
    if even > pairs * 0.4 and odd < pairs * 0.05:
        return "utf-16-be"
    return ""


def decode_text(data: bytes, name: str) -> str:
    """Text of ``data``: UTF-16 (with or without a byte-order mark), UTF-8, else Windows-1252 as
    spreadsheets write it.

    >>> decode_text("Zoë".encode("cp1252"), "x.csv"), decode_text("\\ufeffZoë".encode(), "x.csv")
    ('Zoë', 'Zoë')
    >>> decode_text("Zoë,1".encode("utf-16-be"), "x.csv")
    'Zoë,1'
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFailed(f"{name}: the file claims UTF-16 but is not valid UTF-16 text.") from None
    wide = utf16_without_bom(data)
    if wide:
        try:
            return data.decode(wide)
        except UnicodeDecodeError:
            raise ImportFailed(f"{name}: the file looks like UTF-16 but is not valid UTF-16 text.") from None
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


def checked_zip(data: bytes, name: str, *, what: str = "zip file") -> zipfile.ZipFile:
    """``data`` opened as a zip after checking what it would unpack to, before anything is unpacked.

    Python's zip reader never returns more than an entry declares, so bounding the declared sizes
    bounds what is read (an entry that lies about its size fails its checksum instead).

    >>> checked_zip(b"not a zip", "x.xlsx", what="Excel workbook (.xlsx)")
    Traceback (most recent call last):
    ...
    netmap.errors.ImportFailed: x.xlsx: is not a readable Excel workbook (.xlsx).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        raise ImportFailed(f"{name}: is not a readable {what}.") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        archive.close()
        raise ImportFailed(f"{name}: holds {len(infos)} files; netmap opens at most {MAX_ZIP_ENTRIES}.")
    unpacked = sum(i.file_size for i in infos)
    if unpacked > MAX_UNZIPPED_BYTES:
        archive.close()
        raise ImportFailed(
            f"{name}: unpacks to {megabytes(unpacked)}; netmap unpacks at most {megabytes(MAX_UNZIPPED_BYTES)}."
        )
    return archive
