"""The family links an accepted lead's relation implies, placed on the family already recorded.

"Maternal aunt" means the sister of the young person's mother: if the mother is recorded she is
reused, otherwise an unnamed mother is proposed too, so the genogram can be drawn before names
are found. Only people the recorded kin pins down are reused (a person has one birth mother and
one birth father); brothers, sisters and children are open sets, so a relative reached through
one is a new placeholder. When a relation could hang from more than one recorded person (an aunt
with no side, when a parent is recorded), nothing is proposed and ``question`` says what to ask.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pydantic import BaseModel, ConfigDict

from netmap.models import Certainty, Gender, Kin, KinType, LeadSource, Person, new_id
from netmap.planning.kin_paths import (
    ADOPTIVE,
    CHILD,
    EX_PARTNER,
    FOSTER,
    HALF_SIBLING,
    KINSHIP,
    PARENT,
    PARTNER,
    SIBLING,
    SIDES,
    SPOUSE,
    STEP_PARENT,
    Path,
    Step,
    path_of,
    relation_name,
    side_of,
)

__all__ = ["PLACEHOLDER", "FamilyLinks", "family_links"]

PLACEHOLDER = "(name not known)"

# How a step other than parent, child or sibling links the person it reaches (``to``) to where it starts.
_LINKS: dict[str, tuple[KinType, bool]] = {  # kind, and whether the link runs from ``to``
    HALF_SIBLING: (KinType.HALF_SIBLING, False),
    STEP_PARENT: (KinType.STEP_PARENT, True),
    FOSTER: (KinType.FOSTER_PARENT, True),
    ADOPTIVE: (KinType.ADOPTIVE_PARENT, True),
    KINSHIP: (KinType.KINSHIP_CARER, True),
    PARTNER: (KinType.PARTNER, False),
    SPOUSE: (KinType.MARRIED, False),
    EX_PARTNER: (KinType.EX_PARTNER, False),
}


class FamilyLinks(BaseModel):
    """A proposal for the coordinator to confirm: unnamed ``people`` to create, then ``links`` to add.

    ``question`` is set (and nothing else) when the relation cannot be placed without a choice.
    """

    model_config = ConfigDict(frozen=True)
    people: list[Person] = []
    links: list[Kin] = []
    question: str = ""


class _Unplaced(Exception):
    """The relation could hang from more than one person; the message is the question to ask."""


def family_links(
    ego_id: str,
    person_id: str,
    relation: str,
    *,
    side: str = "",
    kin: Sequence[Kin] = (),
    people: Sequence[Person] = (),
    certainty: Certainty = Certainty.PROBABLE,
    source: LeadSource = LeadSource.CASE_FILE,
    make_id: Callable[[str], str] = new_id,
) -> FamilyLinks:
    """The placeholders and kin links that make ``person_id`` the young person's ``relation``.

    ``relation`` and ``side`` are a lead's (words of ``netmap.planning.kin_paths``, such as "aunt",
    "half-brother", "mother's ex-partner"); ``kin`` and ``people`` are what is recorded already.
    A relation outside the family ("godmother", "friend", "social worker") implies no links.
    Links already recorded are not proposed again.

    >>> ids = iter(f"x{n}" for n in range(1, 99))
    >>> proposal = family_links("kai", "sharon", "aunt", side="maternal", make_id=lambda _: next(ids))
    >>> [(p.id, p.name) for p in proposal.people]
    [('x1', 'Mother (name not known)')]
    >>> [(k.from_id, k.kind.value, k.to_id) for k in proposal.links]
    [('x1', 'birth_parent', 'kai'), ('x1', 'sibling', 'sharon')]
    >>> mum = Kin(id="k1", from_id="stacey", to_id="kai", kind=KinType.BIRTH_PARENT)
    >>> people = [Person(id="stacey", name="Stacey", gender=Gender.FEMALE)]
    >>> proposal = family_links("kai", "pat", "grandmother", side="maternal", kin=[mum], people=people)
    >>> proposal.people, [(k.from_id, k.kind.value, k.to_id) for k in proposal.links]
    ([], [('pat', 'birth_parent', 'stacey')])
    >>> family_links("kai", "jo", "aunt", kin=[mum], people=people).question
    'Is the aunt related through the mother or the father?'
    """
    path = path_of(relation, side)
    if not path:
        return FamilyLinks()
    family = _Family(kin, people, certainty, source, make_id)
    try:
        here = ego_id
        for n, step in enumerate(path[:-1]):
            here = family.reach(here, step, path[: n + 1], relation)
        family.join(here, person_id, path[-1], path, relation)
        if path[0].kind == HALF_SIBLING and side in SIDES:
            parent = family.reach(ego_id, Step(PARENT, SIDES[side]), (Step(PARENT, SIDES[side]),), relation)
            family.join(parent, person_id, Step(CHILD), path, relation)
    except _Unplaced as unplaced:
        return FamilyLinks(question=str(unplaced))
    return FamilyLinks(people=family.new_people, links=family.new_links)


class _Family:
    """The recorded kin with the proposal so far, so each step sees the placeholders before it."""

    def __init__(
        self,
        kin: Sequence[Kin],
        people: Sequence[Person],
        certainty: Certainty,
        source: LeadSource,
        make_id: Callable[[str], str],
    ) -> None:
        self.kin = list(kin)
        self.gender = {p.id: p.gender for p in people}
        self.names = {p.id: p.display_name for p in people}
        self.certainty, self.source, self.make_id = certainty, source, make_id
        self.new_people: list[Person] = []
        self.new_links: list[Kin] = []

    def parents(self, child: str) -> list[str]:
        return [k.from_id for k in self.kin if k.kind is KinType.BIRTH_PARENT and k.to_id == child]

    def reach(self, here: str, step: Step, so_far: Path, relation: str) -> str:
        """The person one step on from ``here``: a recorded parent when there is exactly one, else a placeholder."""
        if step.kind == PARENT:
            found = self._parent(here, step.gender, so_far, relation)
            if found:
                return found
        placeholder = self._placeholder(so_far)
        self.join(here, placeholder, step, so_far, relation)
        return placeholder

    def _parent(self, child: str, gender: Gender, so_far: Path, relation: str) -> str:
        """The recorded birth parent of that gender, "" when a new one may be added, or raise when unsure."""
        parents = self.parents(child)
        same = [p for p in parents if self.gender.get(p, Gender.UNKNOWN) is gender]
        if gender is not Gender.UNKNOWN and len(same) == 1:
            return same[0]
        unsure = [p for p in parents if self.gender.get(p, Gender.UNKNOWN) is Gender.UNKNOWN]
        if not parents or (gender is not Gender.UNKNOWN and not same and not unsure and len(parents) < 2):
            return ""
        ways = [_described((*so_far[:-1], Step(PARENT, g))) for g in (Gender.FEMALE, Gender.MALE)]
        raise _Unplaced(f"Is the {relation} related through the {ways[0]} or the {ways[1]}?")

    def join(self, here: str, there: str, step: Step, so_far: Path, relation: str) -> None:
        """Link ``there`` to ``here`` as the step says: parent, child, sibling, partner, carer…"""
        if there == here:
            role = relation_name(so_far[:-1]) or "young person"
            raise _Unplaced(
                f"{self.names.get(there, there)} is the {role} here, so cannot also be the {relation}."
            )
        if step.kind == PARENT:
            self._check_parent_free(here, there, step.gender, so_far)
            self._add(there, here, KinType.BIRTH_PARENT)
        elif step.kind == CHILD:
            self._add(here, there, KinType.BIRTH_PARENT)
        elif step.kind == SIBLING:
            for parent in self.parents(here) or [""]:
                self._add(parent or here, there, KinType.BIRTH_PARENT if parent else KinType.SIBLING)
        else:
            kind, from_there = _LINKS[step.kind]
            self._add(*((there, here) if from_there else (here, there)), kind)

    def _check_parent_free(self, child: str, parent: str, gender: Gender, so_far: Path) -> None:
        """Refuse a third birth parent, or a second mother or father."""
        taken = [p for p in self.parents(child) if p != parent]
        if parent in self.parents(child) or not taken:
            return
        same = [p for p in taken if gender is not Gender.UNKNOWN and self.gender.get(p) is gender]
        if same:
            who = self.names.get(same[0], same[0])
            raise _Unplaced(
                f"{who} is already recorded as the {relation_name(so_far)}; is this the same person?"
            )
        if len(taken) >= 2:
            whose = f"the {relation_name(so_far[:-1])}'s" if len(so_far) > 1 else "the young person's"
            who = " and ".join(self.names.get(p, p) for p in taken)
            raise _Unplaced(f"Both of {whose} parents are already recorded ({who}); is this one of them?")

    def _placeholder(self, so_far: Path) -> str:
        words = _described(so_far)
        person = Person(
            id=self.make_id("p"),
            name=f"{words[:1].upper()}{words[1:]} {PLACEHOLDER}",
            gender=so_far[-1].gender,
        )
        self.new_people.append(person)
        self.gender[person.id] = person.gender
        self.names[person.id] = person.name
        return person.id

    def _add(self, from_id: str, to_id: str, kind: KinType) -> None:
        symmetric = not kind.is_parent
        for k in self.kin:
            ends = {(k.from_id, k.to_id), (k.to_id, k.from_id)} if symmetric else {(k.from_id, k.to_id)}
            if k.kind is kind and (from_id, to_id) in ends:
                return
        link = Kin(
            id=self.make_id("k"),
            from_id=from_id,
            to_id=to_id,
            kind=kind,
            source=self.source,
            certainty=self.certainty,
        )
        self.kin.append(link)
        self.new_links.append(link)


def _described(path: Path) -> str:
    """ "maternal aunt or uncle", "mother": a relation with its side."""
    side = side_of(path)
    return f"{side} {relation_name(path)}" if side else relation_name(path)
