"""GEDCOM families as kin: couples from HUSB/WIFE and the family's events, parents from CHIL with the
kind of each link (``_FREL``/``_MREL``, ``PEDI``, ``ADOP``), siblings from parentless families and
``ASSO``/``RELA``; family links that would make someone their own ancestor are left out."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from netmap.ingest.builder import Builder
from netmap.ingest.gedcom.lines import Node, text_of
from netmap.models import KinType, LeadSource

__all__ = ["Family", "Links", "couple_kind", "link_kind"]

_WORDS = {
    "birth": KinType.BIRTH_PARENT,
    "natural": KinType.BIRTH_PARENT,
    "biological": KinType.BIRTH_PARENT,
    "adopted": KinType.ADOPTIVE_PARENT,
    "adoptive": KinType.ADOPTIVE_PARENT,
    "foster": KinType.FOSTER_PARENT,
    "step": KinType.STEP_PARENT,
    "stepchild": KinType.STEP_PARENT,
    "stepparent": KinType.STEP_PARENT,
    "kinship": KinType.KINSHIP_CARER,
    "guardian": KinType.KINSHIP_CARER,
    "sponsored": KinType.KINSHIP_CARER,
}
_SIBLINGS = {
    "sibling": KinType.SIBLING,
    "half_sibling": KinType.HALF_SIBLING,
    "half-sibling": KinType.HALF_SIBLING,
}


def link_kind(word: str) -> KinType | None:
    """The parent kind a pedigree word names (``_FREL``, ``_MREL`` or ``PEDI``); None if unknown.

    >>> link_kind("Stepchild"), link_kind("adopted"), link_kind("sealing")
    (<KinType.STEP_PARENT: 'step_parent'>, <KinType.ADOPTIVE_PARENT: 'adoptive_parent'>, None)
    """
    return _WORDS.get(word.strip().lower())


def _couple_event(node: Node) -> str:
    """MARR, DIV, SEP (separation) or COHAB for a family event line, "" for any other."""
    if node.tag in ("MARR", "DIV"):
        return node.tag
    if node.tag == "ANUL":
        return "DIV"
    if node.tag == "_SEPR":
        return "SEP"
    if node.tag == "EVEN":
        kind = (text_of(node.first("TYPE")) or node.value).lower()
        if "separat" in kind:
            return "SEP"
        if "cohabit" in kind or "unmarried" in kind or "living together" in kind:
            return "COHAB"
    return ""


def couple_kind(events: list[str], marker: str = "") -> KinType:
    """The couple's kind from its family events in file order: the last one says where they stand.

    >>> couple_kind(["MARR", "DIV", "MARR"]), couple_kind(["SEP"]), couple_kind(["MARR", "SEP"])
    (<KinType.MARRIED: 'married'>, <KinType.EX_PARTNER: 'ex_partner'>, <KinType.SEPARATED: 'separated'>)
    """
    if marker in KinType._value2member_map_:
        return KinType(marker)
    last = events[-1] if events else ""
    if last == "SEP":
        return KinType.SEPARATED if "MARR" in events else KinType.EX_PARTNER
    return {"MARR": KinType.MARRIED, "DIV": KinType.DIVORCED, "COHAB": KinType.COHABITING}.get(
        last, KinType.PARTNER
    )


@dataclass
class Family:
    """What netmap needs of one FAM record."""

    line: int
    xref: str
    husband: str
    wife: str
    children: list[tuple[str, str, str]]  # (child xref, _FREL, _MREL)
    events: list[str]
    marker: str

    @classmethod
    def of(cls, record: Node) -> Family:
        children = [
            (c.value.strip(), text_of(c.first("_FREL")), text_of(c.first("_MREL")))
            for c in record.all("CHIL")
        ]
        events = [e for e in (_couple_event(c) for c in record.children) if e]
        husband, wife = (text_of(record.first(t)) for t in ("HUSB", "WIFE"))
        return cls(
            record.line,
            record.xref,
            husband,
            wife,
            children,
            events,
            text_of(record.first("_NETMAP_KIND")).lower(),
        )


@dataclass
class Links:
    """Per-person facts from INDI records that families need, kept small while the file streams by."""

    pedigree: dict[tuple[str, str], str] = field(default_factory=dict)  # (child, family) -> PEDI word
    adopted: dict[tuple[str, str], str] = field(default_factory=dict)  # (child, family) -> HUSB|WIFE|BOTH
    associations: list[tuple[str, str, str, int]] = field(default_factory=list)  # (from, to, RELA, line)

    def note(self, xref: str, record: Node) -> None:
        for famc in record.all("FAMC"):
            pedi = text_of(famc.first("PEDI"))
            if pedi:
                self.pedigree[(xref, famc.value.strip())] = pedi
        for adop in record.all("ADOP"):
            family = adop.first("FAMC")
            if family is not None:
                self.adopted[(xref, family.value.strip())] = (text_of(family.first("ADOP")) or "BOTH").upper()
        for asso in record.all("ASSO"):
            rela = text_of(asso.first("RELA")).lower()
            if rela:
                self.associations.append((xref, asso.value.strip(), rela, asso.line))

    def parent_kind(
        self, builder: Builder, family: Family, child: tuple[str, str, str], role: str
    ) -> KinType:
        """The kind of the link from the family's ``role`` (HUSB or WIFE) to ``child``."""
        xref, frel, mrel = child
        adopted = self.adopted.get((xref, family.xref), "")
        if adopted in (role, "BOTH"):
            return KinType.ADOPTIVE_PARENT
        word = (frel if role == "HUSB" else mrel) or self.pedigree.get((xref, family.xref), "")
        kind = link_kind(word) if word else KinType.BIRTH_PARENT
        if kind is None:
            builder.problem(
                f"line {family.line} (FAM {family.xref})",
                "link read as birth",
                f"{word!r} is not a kind of parent netmap knows (birth, adopted, foster, step, guardian)",
            )
            return KinType.BIRTH_PARENT
        return kind


def kin_links(
    builder: Builder, families: list[Family], links: Links, xrefs: set[str]
) -> Iterator[tuple[str, str, KinType, str]]:
    """``(from xref, to xref, kind, where)`` for every family link in the file, each once."""
    seen: set[tuple[str, str, KinType]] = set()

    def once(a: str, b: str, kind: KinType, where: str) -> Iterator[tuple[str, str, KinType, str]]:
        if (a, b, kind) not in seen:
            seen.add((a, b, kind))
            yield a, b, kind, where

    for family in families:
        where = f"line {family.line} (FAM {family.xref})"
        parents = [(p, role) for p, role in ((family.husband, "HUSB"), (family.wife, "WIFE")) if p in xrefs]
        if len(parents) == 2 and family.marker != "none":
            if parents[0][0] == parents[1][0]:
                builder.problem(where, "couple left out", "the same person is both partners of the family")
            else:
                yield from once(
                    parents[0][0], parents[1][0], couple_kind(family.events, family.marker), where
                )
        children = [c for c in family.children if c[0] in xrefs]
        for child in children:
            for parent, role in parents:
                if parent == child[0]:
                    builder.problem(where, "family link skipped", f"{child[0]} is listed as their own parent")
                    continue
                yield from once(parent, child[0], links.parent_kind(builder, family, child, role), where)
        if not parents and len(children) > 1:
            kind = KinType.HALF_SIBLING if family.marker == KinType.HALF_SIBLING.value else KinType.SIBLING
            for i, (a, _, _) in enumerate(children):
                for b, _, _ in children[i + 1 :]:
                    yield from once(a, b, kind, where)
    for a, b, rela, line in links.associations:
        sibling = _SIBLINGS.get(rela.replace(" ", "_"))
        if sibling and a in xrefs and b in xrefs and a != b:
            yield from once(a, b, sibling, f"line {line} (ASSO {b})")


def without_cycles(
    builder: Builder, links: list[tuple[str, str, KinType, str]], names: dict[str, str]
) -> list[tuple[str, str, KinType, str]]:
    """``links`` less every parent link that would make someone their own ancestor (each a problem)."""
    children: dict[str, list[str]] = {}
    for a, b, kind, _ in links:
        if kind.is_parent:
            children.setdefault(a, []).append(b)
    if not _has_cycle(children):
        return links
    kept: list[tuple[str, str, KinType, str]] = []
    graph: dict[str, set[str]] = {}
    for a, b, kind, where in links:
        if kind.is_parent and (a == b or _reaches(graph, b, a)):
            builder.problem(
                where,
                "family link skipped",
                f"the family links go round in a circle ({names.get(a, a)} would be their own ancestor); "
                "correct the tree in your genealogy program",
            )
            continue
        if kind.is_parent:
            graph.setdefault(a, set()).add(b)
        kept.append((a, b, kind, where))
    return kept


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    stack, seen = [start], {start}
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        for nxt in graph.get(node, ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return False


def _has_cycle(children: dict[str, list[str]]) -> bool:
    state: dict[str, int] = {}
    for start in children:
        if state.get(start):
            continue
        state[start] = 1
        stack = [(start, iter(children.get(start, ())))]
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                return True
            elif not state.get(nxt):
                state[nxt] = 1
                stack.append((nxt, iter(children.get(nxt, ()))))
    return False


def add_links(builder: Builder, links: list[tuple[str, str, KinType, str]], keys: dict[str, str]) -> None:
    for a, b, kind, where in links:
        builder.add_kin(where, keys[a], keys[b], {"kind": kind, "source": LeadSource.IMPORT})
