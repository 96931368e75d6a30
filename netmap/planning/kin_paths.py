"""Relations to the young person as paths of family steps: a maternal aunt is mother, then sister.

A relation is a ``Path``: the steps from the young person (the case's ego) to the relative. Words
name paths ("aunt" is parent → sibling), a chain of possessives joins them ("mum's sister" is
mother + sister, so an aunt), and a path with no single word is named as a chain ("mother's
partner"). The lead finder and the family links it implies both read relations through here.
"""

from __future__ import annotations

from typing import NamedTuple

from netmap.models import Gender

__all__ = [
    "ADOPTIVE",
    "CHILD",
    "EX_PARTNER",
    "FOSTER",
    "HALF_SIBLING",
    "KINDS",
    "KINSHIP",
    "PARENT",
    "PARTNER",
    "RELATION_PATHS",
    "SIBLING",
    "SPOUSE",
    "STEP_PARENT",
    "Path",
    "Step",
    "path_of",
    "reduce",
    "relation_name",
    "side_of",
    "with_side",
]

PARENT, CHILD, SIBLING, HALF_SIBLING = "parent", "child", "sibling", "half_sibling"
STEP_PARENT, FOSTER, ADOPTIVE, KINSHIP = "step_parent", "foster_parent", "adoptive_parent", "kinship_carer"
PARTNER, SPOUSE, EX_PARTNER = "partner", "spouse", "ex_partner"

KINDS = {
    PARENT,
    CHILD,
    SIBLING,
    HALF_SIBLING,
    STEP_PARENT,
    FOSTER,
    ADOPTIVE,
    KINSHIP,
    PARTNER,
    SPOUSE,
    EX_PARTNER,
}

F, M, U = Gender.FEMALE, Gender.MALE, Gender.UNKNOWN
SIDES = {"maternal": F, "paternal": M}


class Step(NamedTuple):
    """One step of a path: its kind and the gender it lands on.

    The kinds in ``KINDS`` are family steps; any other kind is a relation outside the family ("friend",
    "social worker") that names itself, so "friend's mother" is a path too, if not a family one.
    """

    kind: str
    gender: Gender = U


Path = tuple[Step, ...]


def _named(female: str, male: str, either: str, *kinds: str) -> dict[str, Path]:
    """Three names of one path whose last step lands on a woman, a man, or either."""
    lead = tuple(Step(kind) for kind in kinds[:-1])
    return {name: (*lead, Step(kinds[-1], g)) for name, g in ((female, F), (male, M), (either, U))}


# Names that also name paths in chains ("mother's partner"), most general last so they win.
_NAMING: dict[str, Path] = {
    **_named("mother", "father", "parent", PARENT),
    **_named("sister", "brother", "sibling", SIBLING),
    **_named("half-sister", "half-brother", "half-sibling", HALF_SIBLING),
    **_named("daughter", "son", "child", CHILD),
    **_named("grandmother", "grandfather", "grandparent", PARENT, PARENT),
    **_named("great-grandmother", "great-grandfather", "great-grandparent", PARENT, PARENT, PARENT),
    **_named(
        "great-great-grandmother",
        "great-great-grandfather",
        "great-great-grandparent",
        PARENT,
        PARENT,
        PARENT,
        PARENT,
    ),
    **_named("granddaughter", "grandson", "grandchild", CHILD, CHILD),
    **_named("aunt", "uncle", "aunt or uncle", PARENT, SIBLING),
    **_named("great-aunt", "great-uncle", "great-aunt or great-uncle", PARENT, PARENT, SIBLING),
    **_named("niece", "nephew", "niece or nephew", SIBLING, CHILD),
    **_named("great-niece", "great-nephew", "great-niece or great-nephew", SIBLING, CHILD, CHILD),
    **_named("cousin", "cousin", "cousin", PARENT, SIBLING, CHILD),
    **_named("step-mother", "step-father", "step-parent", STEP_PARENT),
    **_named("step-sister", "step-brother", "step-sibling", STEP_PARENT, CHILD),
    **_named("foster mother", "foster father", "foster carer", FOSTER),
    **_named("adoptive mother", "adoptive father", "adoptive parent", ADOPTIVE),
    **_named("kinship carer", "kinship carer", "kinship carer", KINSHIP),
    **_named("wife", "husband", "spouse", SPOUSE),
    **_named("partner", "partner", "partner", PARTNER),
    **_named("ex-partner", "ex-partner", "ex-partner", EX_PARTNER),
}
# Every relation word the lead finder reports, with its path; words outside it have no path.
RELATION_PATHS: dict[str, Path] = {
    **_NAMING,
    **_named("girlfriend", "boyfriend", "partner", PARTNER),
    **_named("ex-girlfriend", "ex-boyfriend", "ex-partner", EX_PARTNER),
    "special guardian": (Step(KINSHIP),),
}
_NAMES: dict[tuple[tuple[str, ...], Gender], str] = {
    (tuple(s.kind for s in path), path[-1].gender): name for name, path in _NAMING.items()
}


def path_of(relation: str, side: str = "") -> Path | None:
    """The path a relation names, with its side on the first parent step; None if it names none.

    >>> [(s.kind, s.gender.value) for s in path_of("aunt", "maternal")]
    [('parent', 'female'), ('sibling', 'female')]
    >>> [s.kind for s in path_of("mother's ex-partner")]
    ['parent', 'ex_partner']
    >>> path_of("social worker") is None
    True
    """
    path: Path = ()
    for part in relation.split("'s "):
        found = RELATION_PATHS.get(part)
        if found is None:
            return None
        path += found
    return with_side(path, side)


def with_side(path: Path, side: str) -> Path:
    """``path`` with its first step set to mother (maternal) or father (paternal) when it goes through one."""
    gender = SIDES.get(side)
    if gender is None or len(path) < 2 or path[0].kind != PARENT or path[0].gender is not U:
        return path
    return (Step(PARENT, gender), *path[1:])


def side_of(path: Path) -> str:
    """ "maternal" or "paternal" when the path goes up through the mother or the father."""
    if len(path) < 2 or path[0].kind != PARENT:
        return ""
    return next((side for side, gender in SIDES.items() if gender is path[0].gender), "")


def reduce(path: Path) -> Path:
    """The same person by the shortest path: a sibling's parent is a parent; a child's parent, the parent.

    >>> relation_name(reduce(path_of("uncle's mother")))
    'grandmother'
    >>> relation_name(reduce(path_of("cousin's mother")))
    'aunt'
    """
    out: list[Step] = []
    for step in path:
        if step.kind == PARENT and out and out[-1].kind == SIBLING:
            out[-1] = step
        elif step.kind == PARENT and len(out) > 1 and out[-1].kind == CHILD:
            out.pop()
            before = out[-1]
            if before.gender in (U, step.gender):
                out[-1] = before._replace(gender=step.gender)
            else:  # an aunt's son's father is the aunt's partner
                out.append(Step(PARTNER, step.gender))
        else:
            out.append(step)
    return tuple(out)


def relation_name(path: Path) -> str:
    """The word for a path, or the shortest chain of words ("mother's cousin", not "grandparent's niece").

    >>> relation_name(path_of("mother's sister"))
    'aunt'
    >>> relation_name(path_of("mother's cousin"))
    "mother's cousin"
    >>> relation_name(path_of("sister's foster carer"))
    "sister's foster carer"
    >>> relation_name((Step("friend"), Step(PARENT, Gender.FEMALE)))
    "friend's mother"
    """
    if not path:
        return ""
    # best[i]: the fewest words naming path[i:], and the cut after the first of them.
    best: dict[int, tuple[int, int]] = {len(path): (0, len(path))}
    for start in range(len(path) - 1, -1, -1):
        options = [
            (best[end][0] + 1, end)
            for end in range(start + 1, len(path) + 1)
            if _word(path[start:end]) and best.get(end)
        ]
        if options:
            best[start] = min(options)
    if 0 not in best:
        return ""
    words, start = [], 0
    while start < len(path):
        end = best[start][1]
        words.append(_word(path[start:end]))
        start = end
    return "'s ".join(words)


def _word(segment: Path) -> str:
    if len(segment) == 1 and segment[0].kind not in KINDS:
        return segment[0].kind
    kinds = tuple(s.kind for s in segment)
    return _NAMES.get((kinds, segment[-1].gender)) or _NAMES.get((kinds, U), "")
