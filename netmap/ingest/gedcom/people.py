"""An INDI record as person fields: name, known-as, sex, birth and death, with what netmap's fields
cannot hold (dates before 1880, dates it cannot read) kept as written for the notes."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ged4py.calendar import GregorianDate
from ged4py.date import DateValue

from netmap.ingest.gedcom.lines import Node, text_of
from netmap.models import Gender, PersonKind

__all__ = ["event_date", "person_fields"]

_SEX = {"M": Gender.MALE, "F": Gender.FEMALE, "X": Gender.NONBINARY, "U": Gender.UNKNOWN}
FIRST_YEAR = 1880  # earlier dates belong to family history, not to a living network: kept as text


def _name(record: Node) -> str:
    name = text_of(record.first("NAME")).replace("/", " ")
    return (
        re.sub(r"\s+", " ", name).strip()
        or f"Unnamed ({record.xref.strip('@') or 'line ' + str(record.line)})"
    )


def event_date(record: Node, tag: str) -> tuple[date | None, int | None, str]:
    """The exact date, the year, and the date as written, of the first ``tag`` event.

    A date ged4py cannot read (a Julian dual year, a calendar it does not know) is kept as written.

    >>> event_date(Node(1, "INDI", children=[Node(2, "BIRT", children=[Node(3, "DATE", "@#DJULIAN@ 11 FEB 1731/32")])]), "BIRT")
    (None, None, '@#DJULIAN@ 11 FEB 1731/32')
    """
    node = record.first(tag)
    written = text_of(node.first("DATE")) if node else ""
    if not written:
        return None, None, ""
    try:
        value = DateValue.parse(written)
    except Exception:  # ged4py raises bare ValueErrors and worse on dates it cannot read
        return None, None, written
    simple = getattr(value, "date", None) or getattr(value, "date1", None)
    if not isinstance(simple, GregorianDate) or not isinstance(simple.year, int):
        return None, None, written
    exact = None
    if value.kind.name == "SIMPLE" and simple.day and simple.month_num and not simple.dual_year:
        try:
            exact = date(simple.year, simple.month_num, simple.day)
        except ValueError:
            exact = None
    return exact, simple.year, written


def person_fields(record: Node) -> tuple[dict[str, Any], str]:
    """Person fields of an INDI record, and a note of what netmap's fields cannot hold."""
    fields: dict[str, Any] = {"name": _name(record), "kind": PersonKind.PERSON}
    nick = text_of(next((n for c in record.all("NAME") for n in c.all("NICK")), None))
    if nick:
        fields["known_as"] = nick
    sex = text_of(record.first("SEX"))[:1].upper()
    fields["gender"] = _SEX.get(sex, Gender.UNKNOWN)
    born, born_year, born_text = event_date(record, "BIRT")
    died, died_year, died_text = event_date(record, "DEAT")
    fields["deceased"] = record.first("DEAT") is not None
    kept = []
    if born_year and FIRST_YEAR <= born_year <= 2100 and (born is None or born <= date.today()):
        fields["birth_year"] = born_year
        if born:
            fields["birth_date"] = born
    elif born_text:
        kept.append(f"born {born_text}")
    if died_year and FIRST_YEAR <= died_year <= 2100:
        fields["death_year"] = died_year
    elif died_text:
        kept.append(f"died {died_text}")
    return fields, ("From GEDCOM: " + "; ".join(kept) + ".") if kept else ""
