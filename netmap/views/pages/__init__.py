"""The app's pages and which roles see them.

Each page module has ``render() -> None`` and calls only Services with the session's actor.
Add a page by adding one ``PageSpec`` to ``PAGES``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

import streamlit as st

from netmap.models import Role
from netmap.services.access import Actor

__all__ = ["ALL_ROLES", "PAGES", "PRACTICE_ROLES", "YOUNG_PERSON", "PageSpec", "pages_for"]

ALL_ROLES = frozenset(Role)
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
