"""A young person's needs as directory categories (the needs recorded, else their own words read for
keywords), and whether a directory service meets one."""

from __future__ import annotations

import re

from netmap.models import Case, Person, ServiceCategory

__all__ = ["NEED_WORDS", "case_needs", "needs_from_text", "same_area", "serves"]

# What the young person asks for in their own words, as directory categories.
NEED_WORDS: dict[ServiceCategory, tuple[str, ...]] = {
    ServiceCategory.HOUSING: ("housing", "home", "accommodation", "somewhere to live", "flat", "homeless"),
    ServiceCategory.MENTAL_HEALTH: ("mental health", "anxiety", "depress", "counsel", "wellbeing", "therapy"),
    ServiceCategory.SUBSTANCE_MISUSE: ("drug", "alcohol", "substance", "drinking", "addiction"),
    ServiceCategory.FAMILY_SUPPORT: ("family", "mum", "dad", "brother", "sister", "relatives", "my kids"),
    ServiceCategory.EDUCATION_WORK: ("job", "work", "college", "course", "training", "education", "employ"),
    ServiceCategory.ADVOCACY: ("advocate", "advocacy", "my rights", "speak up"),
}
RECORDED = "recorded"
WORDS = "words"


def needs_from_text(text: str) -> set[ServiceCategory]:
    """The directory categories a young person's own words ask for.

    >>> sorted(c.value for c in needs_from_text("Somewhere to live and a college course"))
    ['education_work', 'housing']
    >>> needs_from_text("my support network")
    set()
    """
    lowered = text.casefold()
    return {
        category
        for category, words in NEED_WORDS.items()
        if any(re.search(rf"\b{re.escape(w)}", lowered) for w in words)
    }


def case_needs(case: Case) -> tuple[list[ServiceCategory], str]:
    """The case's needs and where they come from: ``recorded`` needs when any were recorded, else the
    keywords of what the young person wants help with (``words``), else none (``""``).

    >>> case_needs(Case(id="c-1", title="A", ego_id="p-1", needs=["housing"], wants_help_with="a job"))
    ([<ServiceCategory.HOUSING: 'housing'>], 'recorded')
    >>> case_needs(Case(id="c-1", title="A", ego_id="p-1", wants_help_with="a job"))
    ([<ServiceCategory.EDUCATION_WORK: 'education_work'>], 'words')
    """
    if case.needs:
        return sorted(set(case.needs), key=list(ServiceCategory).index), RECORDED
    found = sorted(needs_from_text(case.wants_help_with), key=list(ServiceCategory).index)
    return found, WORDS if found else ""


def same_area(service_area: str, case_area: str) -> bool:
    """Whether a service's area serves a young person's area; a service with no area serves everywhere.

    >>> same_area("Westbrook", "Westbrook City Council"), same_area("Kelby", "Westbrook"), same_area("", "X")
    (True, False, True)
    """
    a, b = service_area.strip().casefold(), case_area.strip().casefold()
    return not a or (bool(b) and (a in b or b in a))


def serves(service: Person, need: ServiceCategory, area: str, age: int | None) -> bool:
    """Whether a directory service meets ``need`` for a young person of ``age`` in ``area``.

    >>> from netmap.models import ServiceInfo
    >>> info = ServiceInfo(categories=["housing"], age_min=16, age_max=25)
    >>> s = Person(id="p-1", name="Young Homes", kind="service", area="Westbrook", service_info=info)
    >>> serves(s, ServiceCategory.HOUSING, "Westbrook City Council", 19), serves(s, ServiceCategory.HOUSING, "Westbrook", 30)
    (True, False)
    """
    info = service.service_info
    return (
        info is not None
        and need in info.categories
        and same_area(service.area, area)
        and info.serves_age(age)
    )
