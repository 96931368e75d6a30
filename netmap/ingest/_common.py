"""Shared pieces of the foreign-format readers: safe file access, stable ids and a validating builder."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from pydantic import BaseModel, ValidationError

from netmap.errors import ImportFailed
from netmap.models import (
    Case,
    Dataset,
    Kin,
    LeadSource,
    Membership,
    Network,
    Person,
    Sector,
    Tie,
)

__all__ = [
    "kin_parts",
    "MAX_BYTES",
    "PEOPLE_COLUMNS",
    "TIE_COLUMNS",
    "Builder",
    "Sheet",
    "cell_text",
    "decode_text",
    "digest",
    "is_truthy",
    "local_name",
    "person_row",
    "tie_row",
    "neutralise",
    "parse_mapping",
    "parse_xml",
    "person_parts",
    "tie_parts",
    "read_bytes",
    "split_list",
    "stable_id",
    "unquote",
    "vocab",
    "xlsx_sheets",
]

MAX_BYTES = 20 * 1024 * 1024
Sheet = tuple[str, list[str], list[list[Any]]]
_TRUE = {"yes", "y", "true", "1", "x", "ego"}
_FALSE = {"no", "n", "false", "0", ""}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

PERSON_FIELDS = set(Person.model_fields) - {"id", "version"}
MEMBERSHIP_FIELDS = {
    "sector",
    "ring",
    "role_label",
    "status",
    "lead_source",
    "lead_date",
    "confidence",
    "notes",
}
TIE_FIELDS = set(Tie.model_fields) - {"id", "version", "case_id", "from_id", "to_id"}


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
    """Text of ``data``: UTF-8 or UTF-16 (by byte-order mark), else Windows-1252 as spreadsheets write it."""
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
    """A short hex digest of file content, so ids do not depend on where the file sits."""
    return hashlib.sha256(data).hexdigest()[:16]


def stable_id(prefix: str, *parts: object) -> str:
    """A deterministic id such as ``p-0c1d2e3f4a5b`` made from ``parts``.

    >>> stable_id("p", "abc", 1) == stable_id("p", "abc", 1)
    True
    >>> stable_id("p", "abc", 1)[:2]
    'p-'
    """
    text = "\x1f".join(str(p) for p in parts)
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


def is_truthy(value: object) -> bool:
    """Spreadsheet-style yes/no: ``yes``, ``y``, ``true``, ``1``, ``x`` are true.

    >>> is_truthy(" Yes "), is_truthy(""), is_truthy(None)
    (True, False, False)
    """
    if value is None:
        return False
    return str(value).strip().lower() in _TRUE


def cell_text(value: object) -> str:
    """A cell as text; empty for blanks and NaN, integers without a trailing ``.0``."""
    if value is None:
        return ""
    if isinstance(value, float):
        if value != value:
            return ""
        if value.is_integer():
            return str(int(value))
    if hasattr(value, "isoformat") and not isinstance(value, str):
        text = value.isoformat()
        return text[:10] if text.endswith("T00:00:00") else text
    return str(value).strip()


def neutralise(value: object) -> str:
    """A cell safe to open in a spreadsheet: text starting with = + - @ tab or CR gets a leading quote.

    >>> neutralise("=HYPERLINK(1)"), neutralise("Ann"), neutralise(3)
    ("'=HYPERLINK(1)", 'Ann', '3')
    """
    text = cell_text(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def vocab(value: object) -> str:
    """A vocabulary word from what people type: ``"Few times a year"`` -> ``few_times_a_year``.

    >>> vocab(" Safety-checked "), vocab(None)
    ('safety_checked', '')
    """
    return re.sub(r"[\s/-]+", "_", cell_text(value).lower())


def split_list(value: object) -> list[str]:
    """Items of a list cell separated by ``;``, ``,`` or ``|``, as vocabulary words.

    >>> split_list("Emotional; housing|money")
    ['emotional', 'housing', 'money']
    """
    return [vocab(v) for v in re.split(r"[;,|]", cell_text(value)) if v.strip()]


_GENDER = {
    "f": "female",
    "woman": "female",
    "girl": "female",
    "m": "male",
    "man": "male",
    "boy": "male",
    "x": "nonbinary",
    "nb": "nonbinary",
    "non_binary": "nonbinary",
    "u": "unknown",
    "": "",
}
_PERSON_ENUMS = {"kind", "gender"}
_MEMBERSHIP_ENUMS = {"sector", "status", "lead_source", "confidence"}
_TIE_ENUMS = {"valence", "frequency", "direction", "perspective"}
PEOPLE_COLUMNS = [
    "id",
    "name",
    "known_as",
    "young_person",
    "kind",
    "gender",
    "birth_year",
    "birth_date",
    "deceased",
    "death_year",
    "area",
    "agency",
    "sector",
    "ring",
    "role_label",
    "status",
    "lead_source",
    "lead_date",
    "confidence",
    "address",
    "phone",
    "email",
    "safeguarding_notes",
    "notes",
]
TIE_COLUMNS = [
    "id",
    "from",
    "to",
    "valence",
    "strength",
    "frequency",
    "direction",
    "domains",
    "since",
    "until",
    "perspective",
    "source",
    "recorded_on",
    "notes",
]


def person_parts(row: Mapping[str, object]) -> tuple[dict[str, Any], dict[str, Any], bool, str]:
    """Split a row keyed by :data:`PEOPLE_COLUMNS` into person fields, membership fields, ego flag and id.

    >>> person_parts({"name": "Ann", "gender": "F", "sector": "Family", "young_person": "yes"})[:3]
    ({'name': 'Ann', 'gender': 'female'}, {'sector': 'family'}, True)
    """
    person: dict[str, Any] = {}
    membership: dict[str, Any] = {}
    for column, raw in row.items():
        if column in ("id", "young_person"):
            continue
        value: Any = vocab(raw) if column in _PERSON_ENUMS | _MEMBERSHIP_ENUMS else cell_text(raw)
        if column == "gender":
            value = _GENDER.get(value, value)
        if column == "deceased" and value:
            value = is_truthy(value) if vocab(value) in _TRUE | _FALSE else value
        if column in MEMBERSHIP_FIELDS:
            membership[column] = value
        elif column in PERSON_FIELDS:
            person[column] = value
    return person, membership, is_truthy(row.get("young_person")), cell_text(row.get("id"))


def tie_parts(row: Mapping[str, object]) -> dict[str, Any]:
    """Tie fields from a row keyed by :data:`TIE_COLUMNS` (without id, from and to).

    >>> tie_parts({"from": "a", "valence": "Positive", "domains": "Housing; money", "strength": "3"})
    {'valence': 'positive', 'domains': ['housing', 'money'], 'strength': '3'}
    """
    fields: dict[str, Any] = {}
    for column, raw in row.items():
        if column == "domains":
            fields[column] = split_list(raw)
        elif column in _TIE_ENUMS:
            fields[column] = vocab(raw)
        elif column in TIE_FIELDS:
            fields[column] = cell_text(raw)
    return fields


def kin_parts(attrs: Mapping[str, object]) -> dict[str, Any]:
    """Kin fields from a foreign row's ``kin_kind``, ``certainty``, ``kin_source`` and ``notes``; blanks left out."""
    fields = {
        "kind": vocab(attrs.get("kin_kind")),
        "certainty": vocab(attrs.get("certainty")) or None,
        "source": vocab(attrs.get("kin_source")) or None,
        "notes": cell_text(attrs.get("notes")),
    }
    return {k: v for k, v in fields.items() if v not in ("", None)}


def unquote(value: Any) -> Any:
    """Undo :func:`neutralise`, so a sheet netmap wrote reads back exactly.

    >>> unquote("'=1+1"), unquote("'quoted")
    ('=1+1', "'quoted")
    """
    if isinstance(value, str) and value[:1] == "'" and value[1:2] in _FORMULA_START:
        return value[1:]
    return value


def parse_mapping(text: str) -> dict[str, str]:
    """A column mapping from ``"Their column=netmap_field, Other=name"``.

    >>> parse_mapping("Full name=name; Rel = role_label")
    {'Full name': 'name', 'Rel': 'role_label'}
    """
    mapping: dict[str, str] = {}
    for part in re.split(r"[;,\n]", text):
        if not part.strip():
            continue
        if "=" not in part:
            raise ImportFailed(f"Column mapping {part.strip()!r}: write it as 'their column=netmap field'.")
        source, target = part.split("=", 1)
        mapping[source.strip()] = target.strip()
    return mapping


def local_name(tag: str) -> str:
    """An XML tag or attribute name without its ``{namespace}``."""
    return tag.rsplit("}", 1)[-1]


def parse_xml(data: bytes, name: str) -> Any:
    """The root element of XML ``data``; DTDs and entities are refused (no XXE, no billion laughs)."""
    try:
        return SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except SafeET.ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        raise ImportFailed(f"{name} line {line}, column {column}: the XML is broken or cut short.") from None
    except DefusedXmlException:
        raise ImportFailed(
            f"{name}: the XML declares a DTD or entities, which netmap refuses for safety."
        ) from None
    except (ValueError, UnicodeError):
        raise ImportFailed(f"{name}: the file is not readable XML text.") from None


def _pydantic_sentence(error: ValidationError, where: str, label: Mapping[str, str], noun: str) -> str:
    first = error.errors()[0]
    loc = [str(p) for p in first.get("loc", ()) if not isinstance(p, int)]
    field = loc[0] if loc else ""
    message = str(first.get("msg", "is not valid")).removeprefix("Value error, ")
    message = message[:1].lower() + message[1:]
    if field:
        return f"{where}, {noun} {label.get(field, field)!r}: {message}."
    return f"{where}: {message}."


def _plain(value: object) -> Any:
    if isinstance(value, list):
        return "; ".join(str(getattr(v, "value", v)) for v in value)
    value = getattr(value, "value", value)
    if hasattr(value, "isoformat"):
        return value.isoformat()  # type: ignore[union-attr]
    return "" if value is None else value


def person_row(network: Network, person: Person) -> dict[str, Any]:
    """One person of ``network`` as a row keyed by :data:`PEOPLE_COLUMNS` (plain str/int/bool values)."""
    membership = network.membership(person.id)
    row: dict[str, Any] = {}
    for column in PEOPLE_COLUMNS:
        if column == "young_person":
            row[column] = "yes" if person.id == network.case.ego_id else ""
        elif column in MEMBERSHIP_FIELDS:
            row[column] = _plain(getattr(membership, column, None))
        else:
            row[column] = _plain(getattr(person, column))
    return row


def tie_row(tie: Tie) -> dict[str, Any]:
    """One tie as a row keyed by :data:`TIE_COLUMNS`."""
    names = {"from": "from_id", "to": "to_id"}
    return {column: _plain(getattr(tie, names.get(column, column))) for column in TIE_COLUMNS}


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


class Builder:
    """Collects people, memberships, ties and kin of one import, validating each as it arrives.

    Parameters
    ----------
    name : str
        The file name used in error sentences.
    content : str
        A digest of the file content; foreign ids are hashed with it so re-imports give the same ids.
    case_id, ego_id : str or None
        The existing case (and its young person) to add to; without ``case_id`` a new case is made.

    >>> b = Builder("x.csv", "abc", case_id="c-1")
    >>> pid = b.person("row 2", "k1", {"name": "Ann"}, {"sector": "family"})
    >>> [p.name for p in b.dataset().people], b.dataset().memberships[0].case_id
    (['Ann'], 'c-1')
    """

    def __init__(
        self, name: str, content: str, *, case_id: str | None = None, ego_id: str | None = None
    ) -> None:
        self.name = name
        self.content = content
        self.case_id = case_id or stable_id("c", content)
        self.new_case = case_id is None
        self.ego_id = ego_id
        self.given_ego = ego_id if case_id else None
        self.people: dict[str, Person] = {}
        self.memberships: dict[str, Membership] = {}
        self.ties: list[Tie] = []
        self.kin: list[Kin] = []
        self.keys: dict[str, str] = {}
        self.case_fields: dict[str, Any] = {}
        self.faithful = False

    def build(
        self, model: type[BaseModel], where: str, fields: dict[str, Any], label: Mapping[str, str], noun: str
    ) -> Any:
        try:
            return model.model_validate(fields)
        except ValidationError as error:
            raise ImportFailed(_pydantic_sentence(error, f"{self.name} {where}", label, noun)) from None

    def person_id(self, key: str, given: str = "") -> str:
        """The id for a foreign record ``key``: ``given`` if it is a valid netmap id, else a stable hash."""
        if given and re.fullmatch(r"[A-Za-z0-9_.:|@-]{1,80}", given):
            return given
        return stable_id("p", self.content, key)

    def person(
        self,
        where: str,
        key: str,
        fields: dict[str, Any],
        membership: dict[str, Any] | None = None,
        *,
        given_id: str = "",
        ego: bool = False,
        label: Mapping[str, str] | None = None,
        noun: str = "field",
    ) -> str:
        """Add one person (and their membership) from the record called ``where``; return the person id."""
        label = label or {}
        if key in self.keys:
            raise ImportFailed(
                f"{self.name} {where}: {key!r} appears twice; each person needs their own key."
            )
        if ego and self.given_ego:
            self.keys[key] = self.given_ego
            return self.given_ego
        if ego and self.ego_id:
            raise ImportFailed(
                f"{self.name} {where}: a second young person is marked; a case has exactly one."
            )
        if ego and not self.new_case:
            raise ImportFailed(
                f"{self.name} {where}: marks the young person, but the case they are added to already has one; "
                "remove the mark or import without --case."
            )
        pid = self.person_id(key, given_id)
        if pid in self.people:
            raise ImportFailed(f"{self.name} {where}: the id {pid!r} is used by two people.")
        clean = {k: v for k, v in fields.items() if v not in ("", None)}
        person = self.build(Person, where, {"id": pid, **clean}, label, noun)
        mfields = {k: v for k, v in (membership or {}).items() if v not in ("", None)}
        mfields.setdefault("sector", Sector.FAMILY if ego else Sector.FRIENDS)
        if not self.faithful and "lead_source" not in (membership or {}):
            mfields["lead_source"] = LeadSource.IMPORT
        if ego:
            mfields["ring"] = 1
            self.ego_id = pid
        m = self.build(
            Membership,
            where,
            {**mfields, "id": f"{self.case_id}|{pid}", "case_id": self.case_id, "person_id": pid},
            label,
            noun,
        )
        self.people[pid] = person
        self.memberships[pid] = m
        self.keys[key] = pid
        return pid

    def resolve(self, where: str, key: str, noun: str) -> str:
        try:
            return self.keys[key]
        except KeyError:
            raise ImportFailed(
                f"{self.name} {where}, {noun}: {key!r} is not a person in this file."
            ) from None

    def tie(
        self,
        where: str,
        source: str,
        target: str,
        fields: dict[str, Any],
        *,
        given_id: str = "",
        label: Mapping[str, str] | None = None,
        noun: str = "field",
    ) -> Tie:
        """Add one tie between two keys already added as people."""
        a = self.resolve(where, source, "from")
        b = self.resolve(where, target, "to")
        tid = (
            given_id
            if given_id and re.fullmatch(r"[A-Za-z0-9_.:|@-]{1,80}", given_id)
            else stable_id("t", self.content, source, target, len(self.ties))
        )
        clean = {k: v for k, v in fields.items() if v not in ("", None)}
        tie = self.build(
            Tie,
            where,
            {"id": tid, "case_id": self.case_id, "from_id": a, "to_id": b, **clean},
            label or {},
            noun,
        )
        self.ties.append(tie)
        return tie

    def add_kin(self, where: str, a: str, b: str, fields: dict[str, Any], *, given_id: str = "") -> Kin:
        kid = (
            given_id
            if given_id and re.fullmatch(r"[A-Za-z0-9_.:|@-]{1,80}", given_id)
            else stable_id("k", self.content, a, b, fields.get("kind", ""))
        )
        kin = self.build(Kin, where, {"id": kid, "from_id": a, "to_id": b, **fields}, {}, "field")
        self.kin.append(kin)
        return kin

    def dataset(self, *, title: str = "") -> Dataset:
        """The validated Dataset; a new case needs exactly one young person."""
        cases: list[Case] = []
        if self.new_case:
            if not self.ego_id:
                raise ImportFailed(
                    f"{self.name}: no young person is marked (young_person=yes); "
                    "mark one or import into an existing case with --case."
                )
            fields = {
                "id": self.case_id,
                "title": title or self.people[self.ego_id].name,
                "ego_id": self.ego_id,
                **self.case_fields,
            }
            cases.append(self.build(Case, "case", fields, {}, "field"))
        try:
            return Dataset(
                people=list(self.people.values()),
                cases=cases,
                memberships=list(self.memberships.values()),
                ties=self.ties,
                kin=self.kin,
            )
        except ValidationError as error:
            raise ImportFailed(_pydantic_sentence(error, self.name, {}, "field")) from None
