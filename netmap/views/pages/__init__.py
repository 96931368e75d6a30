"""The app's pages and which roles see them.

Each page module has ``render() -> None`` and calls only Services with the session's actor.
Add a page by adding one ``PageSpec`` to ``PAGES``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import streamlit as st

from netmap.models import Role
from netmap.services.access import MATRIX, Action, Actor

__all__ = ["ALL_ROLES", "PAGES", "PRACTICE_ROLES", "YOUNG_PERSON", "PageSpec", "pages_for"]

# Every role that opens cases: a commissioner opens none, only the service report.
ALL_ROLES = frozenset(role for role, actions in MATRIX.items() if Action.CASE_READ in actions)
PRACTICE_ROLES = ALL_ROLES - {Role.YOUNG_PERSON}


@dataclass(frozen=True)
class PageSpec:
    module: str
    title: str
    icon: str
    url_path: str
    roles: frozenset[Role] = ALL_ROLES
    section: str = "Case"


YOUNG_PERSON = frozenset({Role.YOUNG_PERSON})
REFERRERS = frozenset({Role.ADMIN, Role.COORDINATOR, Role.FACILITATOR, Role.PRACTITIONER})
DATA_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.FACILITATOR})

PAGES: list[PageSpec] = [
    PageSpec(
        "netmap.views.pages.my_map_page", "My map", ":material/person_pin:", "my-map", YOUNG_PERSON, "Me"
    ),
    PageSpec(
        "netmap.views.pages.cases_page", "Cases", ":material/folder_shared:", "cases", ALL_ROLES, "Work"
    ),
    PageSpec("netmap.views.pages.ecomap_page", "Ecomap", ":material/hub:", "ecomap"),
    PageSpec("netmap.views.pages.genogram_page", "Genogram", ":material/family_history:", "genogram"),
    PageSpec("netmap.views.pages.people_page", "People", ":material/group:", "people", PRACTICE_ROLES),
    PageSpec("netmap.views.pages.insights_page", "Insights", ":material/insights:", "insights"),
    PageSpec(
        "netmap.views.pages.outcomes_page",
        "Outcomes",
        ":material/trending_up:",
        "outcomes",
        frozenset(r for r, actions in MATRIX.items() if Action.OUTCOMES_READ in actions) - YOUNG_PERSON,
    ),
    PageSpec("netmap.views.pages.who_does_what_page", "Who does what", ":material/badge:", "who-does-what"),
    PageSpec(
        "netmap.views.pages.intake_page", "Referrals", ":material/person_add:", "referrals", REFERRERS, "Work"
    ),
    PageSpec(
        "netmap.views.pages.directory_page",
        "Local services",
        ":material/storefront:",
        "services",
        PRACTICE_ROLES,
        "Work",
    ),
    PageSpec(
        "netmap.views.pages.service_report_page",
        "Service report",
        ":material/monitoring:",
        "service-report",
        frozenset(
            role for role, actions in MATRIX.items() if actions & {Action.COHORT_READ, Action.COHORT_FIGURES}
        ),
        "Work",
    ),
    PageSpec(
        "netmap.views.pages.import_page",
        "Import and export",
        ":material/sync_alt:",
        "import-export",
        DATA_ROLES,
        "Work",
    ),
    PageSpec(
        "netmap.views.pages.discovery_page",
        "Discovery",
        ":material/person_search:",
        "discovery",
        PRACTICE_ROLES - {Role.VIEWER},
    ),
    PageSpec(
        "netmap.views.pages.conference_page", "Conference", ":material/groups:", "conference", PRACTICE_ROLES
    ),
    PageSpec(
        "netmap.views.pages.plan_page", "My plan", ":material/checklist:", "my-plan", YOUNG_PERSON, "Me"
    ),
]


def pages_for(actor: Actor) -> dict[str, list[st.Page]]:
    """The navigation for this actor: sections of pages their role may open."""
    sections: dict[str, list[st.Page]] = {}
    for spec in PAGES:
        if actor.role in spec.roles:
            render = importlib.import_module(spec.module).render
            page = st.Page(render, title=spec.title, icon=spec.icon, url_path=spec.url_path)
            sections.setdefault(spec.section, []).append(page)
    return sections
