"""GEDCOM text as records: decoding by byte-order mark, zero bytes and ``CHAR``, and level-0 records
read one at a time, tolerant of what real exporters write, in bounded memory."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import ged4py  # noqa: F401  (registers the ANSEL codecs "ansel" and "gedcom")

from netmap.errors import ImportFailed
from netmap.ingest.files import utf16_without_bom
from netmap.ingest.limits import MAX_GEDCOM_LINES, MAX_RECORD_LINES
from netmap.ingest.report import ImportReport, Problem

__all__ = ["Node", "decode", "records", "text_of"]

_LINE = re.compile(r"^(\d+)[ \t]+(?:(@[^@\s]+@)[ \t]+)?([A-Za-z0-9_]+)(?:[ \t](.*))?$")
_CHAR = re.compile(rb"^\s*1\s+CHAR\s+(\S+)", re.MULTILINE)
_CODECS = {"ANSEL": "gedcom", "ANSI": "cp1252", "IBMPC": "cp437", "ASCII": "utf-8", "WINDOWS": "cp1252"}
# Records whose content netmap reads; the others are only counted.
KEPT = frozenset({"HEAD", "INDI", "FAM"})


@dataclass(slots=True)
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


def decode(data: bytes, name: str) -> str:
    """The text of a GEDCOM file: UTF-16 by byte-order mark or zero bytes (either byte order), else the
    ``CHAR`` the header names (ANSEL, ANSI, IBMPC, ASCII, UTF-8), else UTF-8 or Windows-1252.

    >>> decode("0 HEAD\\n".encode("utf-16-be"), "t.ged")
    '0 HEAD\\n'
    """
    wide = "utf-16" if data.startswith((b"\xff\xfe", b"\xfe\xff")) else utf16_without_bom(data)
    if wide:
        try:
            return data.decode(wide)
        except UnicodeDecodeError:
            raise ImportFailed(f"{name}: the file looks like UTF-16 but is not valid UTF-16 text.") from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    match = _CHAR.search(data[:4096])
    charset = match.group(1).decode("ascii", "replace").upper() if match else "UTF-8"
    try:
        return data.decode(_CODECS.get(charset, "utf-8"))
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace")


def text_of(node: Node | None) -> str:
    """A line's value with its ``CONC``/``CONT`` continuations, ``@@`` unescaped."""
    if node is None:
        return ""
    value = node.value
    for child in node.children:
        if child.tag == "CONC":
            value += child.value
        elif child.tag == "CONT":
            value += "\n" + child.value
    return value.replace("@@", "@").strip()


def records(text: str, name: str, report: ImportReport) -> Iterator[Node]:
    """The level-0 records of GEDCOM ``text`` one at a time (only HEAD, INDI and FAM with their lines).

    Blank lines are skipped, a line without a level continues the line before it, a level that
    jumps deeper than allowed attaches to the deepest open line, and a line that is not GEDCOM is
    a problem for the report.

    >>> [(r.tag, r.xref) for r in records("0 HEAD\\n1 GEDC\\n0 @I1@ INDI\\n1 NAME Ann\\n0 TRLR", "t.ged", ImportReport())]
    [('HEAD', ''), ('INDI', '@I1@'), ('TRLR', '')]
    """
    record: Node | None = None
    stack: list[tuple[int, Node]] = []
    size = 0
    for number, raw in enumerate(io.StringIO(text, newline=None), start=1):
        if number > MAX_GEDCOM_LINES:
            raise ImportFailed(
                f"{name}: has more than {MAX_GEDCOM_LINES:,} lines; netmap reads at most {MAX_GEDCOM_LINES:,}."
            )
        line = raw.strip("\ufeff").strip()
        if not line:
            continue
        match = _LINE.match(line)
        if not match:
            if stack and not line[:1].isdigit():
                stack[-1][1].value += "\n" + line
                continue
            report.add(
                Problem(
                    name,
                    f"line {number}",
                    "line left out",
                    f"{line[:40]!r} is not a GEDCOM line (level, tag, value)",
                )
            )
            continue
        level, xref, tag, value = int(match[1]), match[2] or "", match[3].upper(), match[4] or ""
        if level == 0:
            if record is not None:
                yield record
            record = Node(number, tag, value, xref)
            stack = [(0, record)]
            size = 0
            continue
        if record is None:
            report.add(
                Problem(
                    name,
                    f"line {number}",
                    "line left out",
                    "the file must start with a level-0 line such as '0 HEAD'",
                )
            )
            continue
        if record.tag not in KEPT:
            continue
        size += 1
        if size > MAX_RECORD_LINES:
            raise ImportFailed(
                f"{name} line {record.line}: the record has more than {MAX_RECORD_LINES:,} lines; netmap reads at most {MAX_RECORD_LINES:,}."
            )
        node = Node(number, tag, value, xref)
        while len(stack) > 1 and stack[-1][0] >= level:
            stack.pop()
        stack[-1][1].children.append(node)
        stack.append((level, node))
    if record is not None:
        yield record
