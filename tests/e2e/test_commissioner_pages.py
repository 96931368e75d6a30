"""Every page of the app, opened as a commissioner: only the Service report is in their navigation, and
every other page, even opened directly with a case chosen, is refused and names nobody."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from streamlit.testing.v1 import AppTest

from netmap.bootstrap import bootstrap
from netmap.models import Case, Person, PersonKind, Role
from netmap.services.access import Actor
from netmap.views.pages import PAGES, visible
from tests.e2e.conftest import PASSWORDS, PageAs

REPORT = "netmap.views.pages.service_report_page"
COMMISSIONER = Actor("commissioner", Role.COMMISSIONER)
OTHERS = [spec.module for spec in PAGES if not visible(spec, COMMISSIONER)]


def _text(at: AppTest) -> str:
    kinds = ("title", "header", "subheader", "markdown", "caption", "info", "warning", "error", "success")
    parts = [str(e.value) for kind in kinds for e in getattr(at, kind)]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    parts += [str(getattr(w, "options", "")) for w in [*at.selectbox, *at.multiselect, *at.radio]]
    return "\n".join(parts)


def _names(demo_db: str) -> set[str]:
    with bootstrap(demo_db) as services:
        people = [p for p in services.store.list(Person) if p.kind is PersonKind.PERSON]
        titles = {c.title for c in services.store.list(Case)}
    return {p.name for p in people} | {p.display_name for p in people} | titles


def test_a_commissioner_lands_on_the_service_report_and_nothing_else(
    app_for: Callable[[str | None], AppTest],
) -> None:
    at = app_for("commissioner")
    assert not at.exception
    assert at.title[0].value == "Service report"
    assert [spec.module for spec in PAGES if visible(spec, COMMISSIONER)] == [REPORT]


def test_the_service_report_names_nobody(page_as: PageAs, demo_db: str) -> None:
    at = page_as(REPORT, "commissioner", None)
    assert not at.exception and not at.error
    text = _text(at)
    assert "Service report" in text
    assert not [n for n in _names(demo_db) if n in text]


def _guarded_page(module: str, username: str, password: str, case_id: str | None) -> None:
    """A page run as the app runs it: a netmap error is shown as its one sentence (app.py's guard)."""
    import importlib

    import streamlit as st

    from netmap.errors import NetmapError
    from netmap.views.session import current_actor, log_in, select_case

    if current_actor() is None:
        log_in(username, password)
        if case_id:
            select_case(case_id)
    try:
        importlib.import_module(module).render()
    except NetmapError as exc:
        st.error(str(exc))


@pytest.mark.parametrize("case_id", [None, "c-always-hope"], ids=["no-case", "case-chosen"])
@pytest.mark.parametrize("module", OTHERS, ids=[m.rsplit(".", 1)[1] for m in OTHERS])
def test_every_other_page_is_refused_and_names_nobody(
    demo_db: str, monkeypatch: pytest.MonkeyPatch, module: str, case_id: str | None
) -> None:
    monkeypatch.setenv("NETMAP_DB", demo_db)
    args = (module, "commissioner", PASSWORDS["commissioner"], case_id)
    at = AppTest.from_function(_guarded_page, args=args, default_timeout=60).run()
    assert not at.exception
    refusals = [e.value for e in [*at.error, *at.info]]
    assert refusals, f"{module} showed something to a commissioner"
    assert not [n for n in _names(demo_db) if n in _text(at)]
