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

__all__ = ["ALL_ROLES", "PAGES", "PRACTICE_ROLES", "PageSpec", "pages_for"]

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


PAGES: list[PageSpec] = [
    PageSpec("netmap.views.pages.cases_page", "Cases", ":material/folder_shared:", "cases", ALL_ROLES, "Work"),
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
