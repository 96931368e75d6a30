"""Family links as a coordinator adds them: "add a parent of Donna", "a half-sister of Jordan".

A relation is said from the person it is added to; it becomes one ``Kin`` record (parent kinds read
"from is a parent of to"). An unknown relative is drawn before their name is found, named by what
they are ("Father (name not known)").
"""

from __future__ import annotations

from enum import StrEnum

from netmap.models import Gender, Kin, KinType, new_id

__all__ = ["KINDS_FOR", "Relation", "kin_for", "placeholder_name", "relation_word"]

PLACEHOLDER = "(name not known)"


class Relation(StrEnum):
    PARENT = "parent"
    CHILD = "child"
    PARTNER = "partner"
    SIBLING = "sibling"


_PARENT_KINDS = (
    KinType.BIRTH_PARENT,
    KinType.ADOPTIVE_PARENT,
    KinType.STEP_PARENT,
    KinType.FOSTER_PARENT,
    KinType.KINSHIP_CARER,
)
# The kinds of link each relation may be, the usual one first.
KINDS_FOR: dict[Relation, tuple[KinType, ...]] = {
    Relation.PARENT: _PARENT_KINDS,
    Relation.CHILD: _PARENT_KINDS,
    Relation.PARTNER: (
        KinType.MARRIED,
        KinType.COHABITING,
        KinType.PARTNER,
        KinType.SEPARATED,
        KinType.DIVORCED,
        KinType.EX_PARTNER,
    ),
    Relation.SIBLING: (KinType.SIBLING, KinType.HALF_SIBLING),
}


def kin_for(relation: Relation, kind: KinType, person_id: str, relative_id: str) -> Kin:
    """The link that makes ``relative_id`` the ``relation`` of ``person_id``.

    >>> k = kin_for(Relation.PARENT, KinType.BIRTH_PARENT, "p-jordan", "p-donna")
    >>> (k.from_id, k.to_id, k.kind.value)
    ('p-donna', 'p-jordan', 'birth_parent')
    >>> kin_for(Relation.SIBLING, KinType.BIRTH_PARENT, "p-a", "p-b")
    Traceback (most recent call last):
    ...
    ValueError: a sibling link is sibling or half sibling, not birth parent
    """
    if kind not in KINDS_FOR[relation]:
        allowed = " or ".join(k.value.replace("_", " ") for k in KINDS_FOR[relation])
        raise ValueError(f"a {relation.value} link is {allowed}, not {kind.value.replace('_', ' ')}")
    if relation is Relation.PARENT:
        ends = (relative_id, person_id)
    elif relation is Relation.CHILD:
        ends = (person_id, relative_id)
    else:
        ends = (person_id, relative_id)
    return Kin(id=new_id("k"), from_id=ends[0], to_id=ends[1], kind=kind)


_WORDS: dict[Relation, tuple[str, str, str]] = {  # female, male, either
    Relation.PARENT: ("mother", "father", "parent"),
    Relation.CHILD: ("daughter", "son", "child"),
    Relation.PARTNER: ("partner", "partner", "partner"),
    Relation.SIBLING: ("sister", "brother", "sibling"),
}
_PREFIX = {
    KinType.ADOPTIVE_PARENT: "adoptive ",
    KinType.STEP_PARENT: "step",
    KinType.FOSTER_PARENT: "foster ",
    KinType.HALF_SIBLING: "half-",
}


def relation_word(relation: Relation, kind: KinType, gender: Gender) -> str:
    """The word for the relative: "mother", "stepfather", "half-sister", "foster parent".

    >>> relation_word(Relation.PARENT, KinType.STEP_PARENT, Gender.MALE), relation_word(Relation.SIBLING, KinType.HALF_SIBLING, Gender.FEMALE)
    ('stepfather', 'half-sister')
    >>> relation_word(Relation.PARENT, KinType.KINSHIP_CARER, Gender.UNKNOWN)
    'kinship carer'
    """
    if kind is KinType.KINSHIP_CARER and relation is Relation.PARENT:
        return "kinship carer"
    female, male, either = _WORDS[relation]
    word = {Gender.FEMALE: female, Gender.MALE: male}.get(gender, either)
    prefix = _PREFIX.get(kind, "") if relation in (Relation.PARENT, Relation.SIBLING) else ""
    return f"{prefix}{word}"


def placeholder_name(relation: Relation, kind: KinType, gender: Gender, *, of: str | None = None) -> str:
    """The name of a relative not yet known: "Father (name not known)", or whose relative they are.

    >>> placeholder_name(Relation.PARENT, KinType.BIRTH_PARENT, Gender.MALE)
    'Father (name not known)'
    >>> placeholder_name(Relation.PARENT, KinType.BIRTH_PARENT, Gender.FEMALE, of="Donna Ashby")
    "Donna Ashby's mother (name not known)"
    """
    word = relation_word(relation, kind, gender)
    named = f"{of}'s {word}" if of else word[:1].upper() + word[1:]
    return f"{named} {PLACEHOLDER}"[:120]
