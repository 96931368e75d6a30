"""The validating Builder every importer fills: people, memberships, ties and kin of one file, with stable ids."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from netmap.errors import ImportFailed
from netmap.ingest.limits import MAX_LINKS, MAX_PEOPLE
from netmap.ingest.repair import first_error, nfc, validate_leniently
from netmap.ingest.report import ImportReport, Problem
from netmap.models import Case, Dataset, Kin, LeadSource, Membership, Person, Sector, Tie

__all__ = ["Builder", "is_netmap_id", "stable_id"]

_ID = re.compile(r"[A-Za-z0-9_.:|@-]{1,80}")


def is_netmap_id(text: str) -> bool:
    """Whether ``text`` can be kept as a netmap id (the pattern of ``netmap.models.Id``).

    >>> is_netmap_id("c-jade"), is_netmap_id("=HYPERLINK(1)"), is_netmap_id("")
    (True, False, False)
    """
    return bool(_ID.fullmatch(text))


def stable_id(prefix: str, *parts: object) -> str:
    """A deterministic id such as ``p-0c1d2e3f4a5b`` made from ``parts``.

    >>> stable_id("p", "abc", 1) == stable_id("p", "abc", 1)
    True
    >>> stable_id("p", "abc", 1)[:2]
    'p-'
    """
    text = "\x1f".join(str(p) for p in parts)
    return f"{prefix}-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:12]}"


def _where(where: str, field: str, label: Mapping[str, str], noun: str) -> str:
    return f"{where}, {noun} {label.get(field, field)!r}" if field else where


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
    report : ImportReport or None
        Where records that cannot be used as written are listed, repaired or skipped; without one
        (or with a strict one) the first such record refuses the import.
    young_person : str or None
        The id, name or known-as of the young person, overriding any mark in the file; into an
        existing case (``case_id`` and ``ego_id``) that record is merged into the case's young person.

    >>> b = Builder("x.csv", "abc", case_id="c-1")
    >>> pid = b.person("row 2", "k1", {"name": "Ann"}, {"sector": "family"})
    >>> [p.name for p in b.dataset().people], b.dataset().memberships[0].case_id
    (['Ann'], 'c-1')
    """

    def __init__(
        self,
        name: str,
        content: str,
        *,
        case_id: str | None = None,
        ego_id: str | None = None,
        report: ImportReport | None = None,
        young_person: str | None = None,
    ) -> None:
        self.name = name
        self.content = content
        self.case_id = case_id or stable_id("c", content)
        self.new_case = case_id is None
        self.ego_id = ego_id
        self.given_ego = ego_id if case_id else None
        self.report = report if report is not None else ImportReport(strict=True)
        # Who the young person is, named by the importer (--young-person): their id, name or known-as.
        self.young_person = nfc(young_person or "").strip()
        self.young_matches: list[str] = []
        self.people: dict[str, Person] = {}
        self.memberships: dict[str, Membership] = {}
        self.ties: list[Tie] = []
        self.kin: list[Kin] = []
        self.keys: dict[str, str] = {}
        self.skipped: set[str] = set()
        self.case_fields: dict[str, Any] = {}
        self.faithful = False

    def problem(self, where: str, what: str, why: str) -> None:
        """List one problem (a strict report refuses the import with it)."""
        self.report.add(Problem(self.name, where, what, why))

    def use_exported_case(self, case_id: str, where: str) -> None:
        """Land in ``case_id``, the case a netmap export wrote into the file, unless ``--case`` chose one.

        Call it before adding people. A file that names its case is netmap's own export, so its ids
        and lead sources are kept as written.

        >>> b = Builder("x.csv", "abc")
        >>> b.use_exported_case("c-jade", "row 2")
        >>> b.case_id, b.faithful, Builder("x.csv", "abc", case_id="c-1").case_id
        ('c-jade', True, 'c-1')
        """
        if self.new_case and case_id:
            if not is_netmap_id(case_id):
                raise ImportFailed(
                    f"{self.name} {where}: the case id {case_id!r} is not a netmap id "
                    "(letters, digits and . _ : | @ -, at most 80); correct it or import with --case."
                )
            self.case_id = case_id
        self.faithful = self.faithful or bool(case_id)

    def build(
        self,
        model: type[BaseModel],
        where: str,
        fields: dict[str, Any],
        label: Mapping[str, str],
        noun: str,
        *,
        what: str,
    ) -> tuple[Any, list[str]]:
        """The validated ``model`` (None if the record had to be skipped) and text to keep in its notes.

        Values are put in Unicode NFC first. Each repair or skip is a problem in the report, named
        by ``what`` the record is ("person", "tie", "family link").
        """
        fields = {k: nfc(v) for k, v in fields.items()}
        if self.report.strict:
            try:
                return model.model_validate(fields), []
            except ValidationError as error:
                field, message, _ = first_error(error)
                self.problem(_where(where, field, label, noun), f"{what} skipped", message)
        record, fixes, notes = validate_leniently(model, fields)
        for fix in fixes:
            done = f"{what} skipped" if fix.what == "skipped" else fix.what
            self.problem(_where(where, fix.field, label, noun), done, fix.why)
        return record, notes

    def person_id(self, key: str, given: str = "") -> str:
        """The id for a foreign record ``key``: ``given`` if it is a valid netmap id, else a stable hash."""
        if given and is_netmap_id(given):
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
    ) -> str | None:
        """Add one person (and their membership) from the record called ``where``; return the person id,
        or None if the record was skipped."""
        label = label or {}
        if len(self.people) >= MAX_PEOPLE:
            raise ImportFailed(
                f"{self.name}: holds more than {MAX_PEOPLE:,} people; netmap imports at most {MAX_PEOPLE:,} at once."
            )
        if key in self.keys:
            self.problem(where, "person skipped", f"{key!r} appears twice; each person needs their own key")
            return None
        if self.young_person:
            ego = self._is_young_person(key, given_id, fields)
            self.young_matches += [where] if ego else []
        if ego and self.given_ego:
            if self.young_person:
                self.report.add(
                    Problem(
                        self.name,
                        where,
                        "merged with the young person",
                        f"{fields.get('name', key)!r} is taken to be the case's young person ({self.given_ego})",
                    ),
                    refuse=False,
                )
            self.keys[key] = self.given_ego
            return self.given_ego
        if ego and self.ego_id:
            self.problem(
                where, "young person mark ignored", "a second young person is marked; a case has exactly one"
            )
            ego = False
        if ego and not self.new_case:
            self.problem(
                where,
                "young person mark ignored",
                "marks the young person, but the case they are added to already has one; "
                "remove the mark or import without --case",
            )
            ego = False
        pid = self.person_id(key, given_id)
        if pid in self.people:
            self.problem(where, "person skipped", f"the id {pid!r} is used by two people")
            return None
        # Versions count only in netmap's own exports, where they let a re-import tell edits apart.
        kept_out = set() if self.faithful else {"version"}
        clean = {k: v for k, v in fields.items() if v not in ("", None) and k not in kept_out}
        person, kept = self.build(Person, where, {"id": pid, **clean}, label, noun, what="person")
        mfields = {k: v for k, v in (membership or {}).items() if v not in ("", None) and k not in kept_out}
        kept_out_values = [f"{k}: {fields[k]}" for k in kept_out if fields.get(k) not in ("", None)]
        if kept_out_values:  # a foreign file's own "version": not netmap's, so kept as text
            mfields["notes"] = "\n".join([mfields.get("notes", ""), *kept_out_values]).strip()
        if kept:
            mfields["notes"] = "\n".join([mfields.get("notes", ""), *kept]).strip()
        mfields.setdefault("sector", Sector.FAMILY if ego else Sector.FRIENDS)
        if not self.faithful and "lead_source" not in (membership or {}):
            mfields["lead_source"] = LeadSource.IMPORT
        if ego:
            mfields["ring"] = 1
        m, _ = (
            self.build(
                Membership,
                where,
                {**mfields, "id": f"{self.case_id}|{pid}", "case_id": self.case_id, "person_id": pid},
                label,
                noun,
                what="person",
            )
            if person is not None
            else (None, [])
        )
        if m is None:
            self.skipped.add(key)
            return None
        if ego:
            self.ego_id = pid
        self.people[pid] = person
        self.memberships[pid] = m
        self.keys[key] = pid
        return pid

    def _is_young_person(self, key: str, given_id: str, fields: Mapping[str, Any]) -> bool:
        wanted = self.young_person.casefold()
        names = {nfc(str(fields.get(f) or "")).strip().casefold() for f in ("name", "known_as")}
        return self.young_person in (key, given_id) or wanted in names

    def resolve(self, where: str, key: str, noun: str, *, what: str = "tie") -> str | None:
        """The person id of ``key``; a key that names nobody (or a skipped record) is a problem."""
        if key in self.keys:
            return self.keys[key]
        why = f"{key!r} was skipped" if key in self.skipped else f"{key!r} is not a person in this file"
        self.problem(f"{where}, {noun}", f"{what} skipped", why)
        return None

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
    ) -> Tie | None:
        """Add one tie between two keys already added as people (None if it was skipped)."""
        self._count_link()
        a = self.resolve(where, source, "from")
        b = self.resolve(where, target, "to") if a else None
        if a is None or b is None:
            return None
        tid = (
            given_id
            if given_id and is_netmap_id(given_id)
            else stable_id("t", self.content, source, target, len(self.ties))
        )
        clean = {k: v for k, v in fields.items() if v not in ("", None) and (self.faithful or k != "version")}
        fields = {"id": tid, "case_id": self.case_id, "from_id": a, "to_id": b, **clean}
        tie, kept = self.build(Tie, where, fields, label or {}, noun, what="tie")
        if tie is not None:
            self.ties.append(_with_notes(tie, kept))
        return tie

    def add_kin(
        self, where: str, a: str, b: str, fields: dict[str, Any], *, given_id: str = ""
    ) -> Kin | None:
        """Add one kinship link between two person ids (None if it was skipped)."""
        self._count_link()
        kid = (
            given_id
            if given_id and is_netmap_id(given_id)
            else stable_id("k", self.content, a, b, fields.get("kind", ""))
        )
        fields = {"id": kid, "from_id": a, "to_id": b, **fields}
        kin, kept = self.build(Kin, where, fields, {}, "field", what="family link")
        if kin is not None:
            self.kin.append(_with_notes(kin, kept))
        return kin

    def _count_link(self) -> None:
        if len(self.ties) + len(self.kin) >= MAX_LINKS:
            raise ImportFailed(
                f"{self.name}: holds more than {MAX_LINKS:,} ties and family links; netmap imports at most "
                f"{MAX_LINKS:,} at once."
            )

    def dataset(self, *, title: str = "") -> Dataset:
        """The validated Dataset; a new case needs exactly one young person."""
        if self.young_person and len(self.young_matches) != 1:
            raise ImportFailed(
                f"{self.name}: {self.young_person!r} names {len(self.young_matches)} people "
                f"({', '.join(self.young_matches[:3])}); give their id instead."
                if self.young_matches
                else f"{self.name}: no one in the file is {self.young_person!r} (by id, name or known-as)."
            )
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
            case, _ = self.build(Case, "case", fields, {}, "field", what="case")
            if case is None:
                raise ImportFailed(f"{self.name}: the case cannot be made from this file.")
            cases.append(case)
        try:
            return Dataset(
                people=list(self.people.values()),
                cases=cases,
                memberships=list(self.memberships.values()),
                ties=self.ties,
                kin=self.kin,
            )
        except ValidationError as error:
            field, message, _ = first_error(error)
            raise ImportFailed(f"{self.name}: {message}.") from None


RecordT = TypeVar("RecordT", Tie, Kin)


def _with_notes(record: RecordT, kept: list[str]) -> RecordT:
    """``record`` with ``kept`` (values left out of it, as written) added to its notes."""
    if not kept:
        return record
    text = "\n".join([record.notes, *kept]).strip()
    if len(text) > 5000:
        text = text[:4999] + "…"
    return type(record).model_validate({**record.model_dump(), "notes": text})
