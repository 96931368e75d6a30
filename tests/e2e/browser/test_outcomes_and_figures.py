"""In Chromium: a commissioner sees the Service report and nothing else, and downloads tables that name
nobody; a coordinator records an outcome for Kieran on the Outcomes page."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from netmap.bootstrap import bootstrap
from netmap.models import Case, PersonKind
from tests.unit.test_samples import FILES, load

from .conftest import NetmapApp, Server

pytestmark = pytest.mark.e2e

OpenApp = Callable[..., NetmapApp]


def _names() -> set[str]:
    """Every sample person's name and every case title (other tests add people with one-letter names)."""
    data = [load(name) for name in FILES]
    people = [p for d in data for p in d.people if p.kind is PersonKind.PERSON]
    return (
        {p.name for p in people} | {p.display_name for p in people} | {c.title for d in data for c in d.cases}
    )


def test_a_commissioner_sees_only_the_service_report_and_downloads_tables_naming_nobody(
    open_app: OpenApp,
) -> None:
    app = open_app("commissioner")
    expect(app.page.get_by_role("heading", name="Service report").first).to_be_visible()
    # One page only, so Streamlit draws no navigation at all: there is nowhere else to go.
    expect(app.page.get_by_test_id("stSidebarNav")).to_have_count(0)
    app.settle()
    text = app.page.locator("body").inner_text()
    assert not [name for name in _names() if name in text]
    assert "Per-case report" not in text

    with app.page.expect_download() as download:
        app.page.get_by_role("button", name="Download the tables (CSV)").click()
    data = download.value.path().read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(data)))
    assert rows[0] == ["table", "row", "column", "value"] and len(rows) > 10
    assert not [name for name in _names() if name in data]
    assert not app.outside_requests and not app.page_errors


def test_a_coordinator_records_an_outcome_for_kieran(open_app: OpenApp, netmap_server: Server) -> None:
    app = open_app("coordinator")
    app.choose_case("Kieran — a strong network")
    app.open_page("Outcomes")
    table = app.page.get_by_test_id("stDataFrame").first
    expect(table).to_be_visible()
    with bootstrap(netmap_server.db_url) as services:
        before = len(services.store.get(Case, "c-well-connected").outcomes)  # type: ignore[union-attr]
    form = app.page.get_by_test_id("stForm").filter(has_text="Which review is this?").first
    app.pick("Accommodation", "Supported housing or lodgings", within=form)
    app.pick("Education, training or work", "In work", within=form)
    form.get_by_role("button", name="Save", exact=True).click()
    app.settle()
    expect(app.page.get_by_text("The outcomes are saved.")).to_be_visible()
    with bootstrap(netmap_server.db_url) as services:
        outcomes = services.store.get(Case, "c-well-connected").outcomes  # type: ignore[union-attr]
    assert len(outcomes) == before + 1
    latest = outcomes[-1]
    assert (latest.accommodation.value, latest.activity.value) == ("supported", "employed")  # type: ignore[union-attr]
    assert latest.recorded_by == "coordinator"
    assert not app.outside_requests and not app.page_errors
