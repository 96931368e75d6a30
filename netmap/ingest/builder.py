"""The validating Builder every importer fills: people, memberships, ties and kin of one file, with stable ids."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from netmap.errors import ImportFailed
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


def _pydantic_sentence(error: ValidationError, where: str, label: Mapping[str, str], noun: str) -> str:
    first = error.errors()[0]
    loc = [str(p) for p in first.get("loc", ()) if not isinstance(p, int)]
    field = loc[0] if loc else ""
    message = str(first.get("msg", "is not valid")).removeprefix("Value error, ")
    message = message[:1].lower() + message[1:]
    if field:
        return f"{where}, {noun} {label.get(field, field)!r}: {message}."
    return f"{where}: {message}."


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
        self, model: type[BaseModel], where: str, fields: dict[str, Any], label: Mapping[str, str], noun: str
    ) -> Any:
        try:
            return model.model_validate(fields)
        except ValidationError as error:
            raise ImportFailed(_pydantic_sentence(error, f"{self.name} {where}", label, noun)) from None

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
            if given_id and is_netmap_id(given_id)
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
            if given_id and is_netmap_id(given_id)
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
