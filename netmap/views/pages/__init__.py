"""The app's pages, and which roles see them: each page names the actions it needs from the access matrix.

Each page module has ``render() -> None`` and calls only Services with the session's actor.
Add a page by adding one ``PageSpec`` to ``PAGES``; who sees it follows from ``MATRIX``
(netmap/services/access.py), so the navigation and the services can never disagree.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import streamlit as st

from netmap.services.access import Action, Actor, allowed

__all__ = ["PAGES", "PageSpec", "pages_for", "visible"]

A = Action


@dataclass(frozen=True)
class PageSpec:
    module: str
    title: str
    url_path: str
    needs: frozenset[Action]  # every one of these
    any_of: frozenset[Action] = frozenset()  # and, when given, at least one of these
    section: str = "Case"


def _spec(
    module: str,
    title: str,
    path: str,
    section: str,
    *needs: Action,
    any_of: tuple[Action, ...] = (),
) -> PageSpec:
    return PageSpec(f"netmap.views.pages.{module}", title, path, frozenset(needs), frozenset(any_of), section)


PAGES: list[PageSpec] = [
    _spec("my_map_page", "My map", "my-map", "Me", A.OWN_MAP),
    _spec("plan_page", "My plan", "my-plan", "Me", A.OWN_MAP),
    _spec("who_does_what_page", "Who does what", "who-does-what", "Me", A.OWN_MAP),
    _spec("cases_page", "Cases", "cases", "Work", A.CASEWORK, A.CASE_LIST),
    _spec("ecomap_page", "Ecomap", "ecomap", "Case", A.CASEWORK, A.CASE_READ),
    _spec("genogram_page", "Genogram", "genogram", "Case", A.CASEWORK, A.CASE_READ),
    _spec("people_page", "People", "people", "Case", A.CASEWORK, A.CASE_READ),
    _spec("safety_page", "Safety", "safety", "Case", A.CASEWORK, A.CASE_READ),
    _spec("insights_page", "Insights", "insights", "Case", A.CASEWORK, A.METRICS_READ),
    _spec("outcomes_page", "Outcomes", "outcomes", "Case", A.CASEWORK, A.CASE_READ, A.OUTCOMES_READ),
    _spec("who_does_what_page", "Who does what", "roles", "Case", A.CASEWORK, A.CASE_READ),
    _spec(
        "discovery_page",
        "Discovery",
        "discovery",
        "Case",
        A.CASEWORK,
        A.DISCOVERY_EDIT,
    ),
    _spec(
        "conference_page",
        "Conference",
        "conference",
        "Case",
        A.CASEWORK,
        A.CONFERENCE_READ,
    ),
    _spec("release_plan_page", "Plan and release", "plan", "Case", A.CASEWORK, A.CONFERENCE_READ),
    _spec("history_page", "History", "history", "Case", A.CASEWORK, A.AUDIT_READ),
    _spec("my_part_page", "My part in the plan", "my-part", "Me", A.PLAN_PART, A.PLAN_OWN),
    _spec("intake_page", "Referrals", "referrals", "Work", A.CASE_REFER),
    _spec("directory_page", "Local services", "services", "Work", A.CASEWORK),
    _spec("accounts_page", "Accounts", "accounts", "Work", A.USERS_MANAGE),
    # Managers with case grants and commissioners alike: the page shows each only what they may see.
    _spec(
        "service_report_page",
        "Service report",
        "service-report",
        "Work",
        any_of=(A.COHORT_READ, A.COHORT_FIGURES),
    ),
    _spec(
        "import_page",
        "Import and export",
        "import-export",
        "Work",
        A.CASEWORK,
        any_of=(A.IMPORT, A.EXPORT_CASE),
    ),  # fmt: skip
]


def visible(spec: PageSpec, actor: Actor) -> bool:
    """Whether ``actor`` may open the page: every action it needs, and one of ``any_of`` if given."""
    if not all(allowed(actor, action) for action in spec.needs):
        return False
    return not spec.any_of or any(allowed(actor, action) for action in spec.any_of)


def pages_for(actor: Actor) -> dict[str, list[st.Page]]:
    """The navigation for this actor: sections of pages their role may open."""
    sections: dict[str, list[st.Page]] = {}
    for spec in PAGES:
        if visible(spec, actor):
            render = importlib.import_module(spec.module).render
            page = st.Page(render, title=spec.title, url_path=spec.url_path)
            sections.setdefault(spec.section, []).append(page)
    return sections
