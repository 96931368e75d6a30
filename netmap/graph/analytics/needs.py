"""A young person's needs as directory categories: the needs recorded, else their own words read for keywords."""

from __future__ import annotations

import re

from netmap.models import Case, ServiceCategory

__all__ = ["NEED_WORDS", "case_needs", "needs_from_text"]

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
