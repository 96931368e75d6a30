"""AppTest of the referral, who-does-what, local services and import/export pages, for every demo role."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from netmap.bootstrap import bootstrap
from netmap.cli.demo_users import DEMO_USERS
from netmap.graph.store import Put, WriteBatch
from netmap.models import (
    Case,
    CaseStage,
    Grant,
    Person,
    PersonKind,
    ServiceCategory,
    SupportDomain,
    User,
    restricted_fields,
)
from netmap.planning.support_ends import birthday
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import uk_date, words
from netmap.services.access import Actor
from netmap.services.directory import DirectoryService
from netmap.services.partnership import Partnership
from netmap.services.users import SYSTEM_ACTOR
from netmap.views.pages import PAGES, visible
from tests.conftest import copy_samples
from tests.e2e.conftest import CASE_USERS, PASSWORDS, ROLE_CASES, PageAs, page_maker
from tests.story_days import told

INTAKE = "netmap.views.pages.intake_page"
WHO = "netmap.views.pages.who_does_what_page"
DIRECTORY = "netmap.views.pages.directory_page"
IMPORT = "netmap.views.pages.import_page"
_PARTNERSHIP = "Agencies, the same support twice and needs no service meets"
WESTBROOK = "Westbrook City Council"


@pytest.fixture
def page_for(page_as: PageAs) -> PageAs:
    """A page run as a demo user on the shared sample store (for tests that change nothing)."""
    return page_as


@pytest.fixture
def fresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_store_file: Path) -> tuple[PageAs, str]:
    """A page runner on a store of its own; the coordinator and facilitator work for Westbrook."""
    url = copy_samples(sample_store_file, f"sqlite:///{tmp_path / 'netmap.db'}")
    with bootstrap(url) as services:
        for username in ("coordinator", "facilitator"):
            user = services.store.get(User, username)
            assert user is not None
            changed = user.model_copy(update={"local_authority": WESTBROOK})
            services.store.apply(WriteBatch(puts=[Put(changed, user.version)]))
    return page_maker(url, monkeypatch), url


def _by_label(widgets: Any, label: str) -> Any:
    return next(w for w in widgets if w.label == label)


def _roles(module: str) -> list[str]:
    specs = [p for p in PAGES if p.module == module]
    return [u.username for u in DEMO_USERS if any(visible(spec, Actor(u.username, u.role)) for spec in specs)]


def test_the_pages_are_in_the_navigation() -> None:
    assert _roles(INTAKE) == ["admin", "coordinator", "facilitator", "practitioner", "peermentor"]
    assert _roles(WHO) == [u for u in PASSWORDS if u in CASE_USERS]
    assert "jordan" not in _roles(DIRECTORY)
    assert _roles(IMPORT) == ["admin", "coordinator", "facilitator"]


# --------------------------------------------------------------------------- referral


@pytest.mark.parametrize("username", _roles(INTAKE))
def test_referral_page_for_each_role(page_for: PageAs, username: str) -> None:
    at = page_for(INTAKE, username)
    assert not at.exception
    assert at.title[0].value == "Referrals"
    assert any(b.label == "Send referral" for b in at.button)
    assert ("Identified through referral" in [m.label for m in at.metric]) is (
        username not in ("viewer", "peermentor")
    )


def _fill_referral(at: AppTest, name: str, *, consent: bool = True) -> AppTest:
    _by_label(at.checkbox, at.checkbox[0].label).set_value(consent)
    _by_label(at.text_input, "Full name").input(name)
    _by_label(at.text_input, "Which council looked after them").input(WESTBROOK)
    _by_label(at.text_input, "Prison (if in custody)").input("HMP Ashbourne Fields")
    _by_label(at.text_area, "What they want help with, in their words").input("Somewhere to live; my nan")
    return _by_label(at.button, "Send referral").click().run()


def test_a_practitioner_refers_and_the_coordinator_sees_it(fresh: tuple[PageAs, str]) -> None:
    make, url = fresh
    at = _fill_referral(make(INTAKE, "practitioner"), "Tam **Rowe** [x](http://evil.example)")
    assert not at.exception
    assert at.success[0].value.startswith(markdown_text("Tam **Rowe** [x](http://evil.example)"))
    with bootstrap(url) as services:
        (case,) = [c for c in services.store.list(Case) if c.referred_by == "practitioner"]
        holders = {g.username for g in services.store.list(Grant) if g.case_id == case.id}
    assert (case.stage, case.local_authority, case.prison) == (
        CaseStage.REFERRAL,
        WESTBROOK,
        "HMP Ashbourne Fields",
    )
    assert case.consent.given and holders == {"practitioner", "coordinator", "facilitator"}
    waiting = make(INTAKE, "coordinator").dataframe[0].value
    assert list(waiting["Young person"]) == [case.title]
    assert list(waiting["Wants help with"]) == ["Somewhere to live; my nan"]


def test_no_consent_no_referral(fresh: tuple[PageAs, str]) -> None:
    make, url = fresh
    with bootstrap(url) as services:
        before = services.store.counts()
    at = _fill_referral(make(INTAKE, "practitioner"), "Tam Rowe", consent=False)
    assert not at.exception
    assert at.error[0].value == markdown_text(
        "consent: the young person must agree to the referral before anything is recorded."
    )
    with bootstrap(url) as services:
        assert services.store.counts() == before


def test_a_blank_name_is_named_in_one_sentence(fresh: tuple[PageAs, str]) -> None:
    at = _fill_referral(fresh[0](INTAKE, "practitioner"), "   ")
    assert at.error[0].value == markdown_text("Full name: must not be blank.")


# --------------------------------------------------------------------------- who does what


@pytest.mark.parametrize("username", _roles(WHO))
def test_who_does_what_for_each_role(page_for: PageAs, demo_db: str, username: str) -> None:
    at = page_for(WHO, username)
    assert not at.exception
    with bootstrap(demo_db) as services:
        roles = services.directory.who_does_what(services.users.actor_for(username), ROLE_CASES[username])
    items = [m.value for m in at.markdown if m.value.startswith("- ")]
    assert len(items) == len(roles) > 0
    assert bool(at.dataframe) is (username != "jordan")


def test_the_young_person_reads_plain_words_without_restricted_details(
    page_for: PageAs, demo_db: str
) -> None:
    at = page_for(WHO, "jordan")
    assert at.title[0].value == "Who does what"
    text = " ".join(m.value for m in at.markdown)
    assert (
        markdown_text(
            "Priya Nandra, personal adviser (leaving care) at Westbrook Leaving Care Team, helps you with "
            # Jordan's 25th birthday, from his birth date as told (a day off a moved 14 March 2032 when the
            # move crosses a 29 February)
            f"practical help, housing, money and advice until {uk_date(birthday(told(date(2007, 3, 14)), 25))}."
        )
        in text
    )
    with bootstrap(demo_db) as services:
        full = services.store.get_network("c-always-hope")
    secrets = [
        getattr(p, field) for p in full.people for field in restricted_fields(Person) if getattr(p, field)
    ]
    assert secrets and not [s for s in secrets if markdown_text(s) in text or s in text]
    hidden = full.person(full.case.sharing.hidden_people[0])
    practitioner_text = " ".join(m.value for m in page_for(WHO, "practitioner").markdown)
    assert hidden.name not in practitioner_text


def test_who_does_what_asks_for_a_case(page_for: PageAs) -> None:
    at = page_for(WHO, "coordinator", None)
    assert at.info[0].value == "Choose a case on the Cases page first."


# --------------------------------------------------------------------------- local services and partnership


@pytest.mark.parametrize("username", _roles(DIRECTORY))
def test_directory_page_for_each_role(page_for: PageAs, username: str) -> None:
    at = page_for(DIRECTORY, username)
    assert not at.exception
    assert at.title[0].value == "Local services"
    buttons = {b.label for b in at.button}
    assert ("Save service" in buttons) is (username in {"admin", "coordinator"})
    assert ("Add to this map" in buttons) is (username != "viewer")
    assert bool(at.header and at.header[0].value == "Partnership") is (username != "viewer")
    if username != "viewer":
        opened = _partnership_opened(at)
        assert not opened.exception and _table(opened, "Agency", "Young people", "Workers involved").size


def _partnership_opened(at: AppTest) -> AppTest:
    """The partnership section opened, as a person's click on it does."""
    at.session_state["svc-partnership"] = True
    return at.run()


def _table(at: AppTest, *columns: str) -> Any:
    """The one table on the page with these columns."""
    (found,) = [d.value for d in at.dataframe if list(d.value.columns) == list(columns)]
    return found


def _captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


JORDAN = "Jordan — Always Hope release plan"
PROBATION = "Westbrook Probation Delivery Unit"


def _partnership_today(template: Path, tmp_path: Path, username: str) -> Partnership:
    """The partnership the service makes today for a demo user, on a copy of the samples (the page's
    store is shared and must keep nothing): who works with whom depends on the day (a prison's
    part ends at release), and the page uses today's date, so the test takes its numbers from here."""
    url = copy_samples(template, f"sqlite:///{tmp_path / f'{username}.db'}")
    with bootstrap(url) as services:
        return services.directory.partnership(services.users.actor_for(username))


def test_partnership_shows_agencies_and_duplicated_support(
    page_for: PageAs, sample_store_file: Path, tmp_path: Path
) -> None:
    made = _partnership_today(sample_store_file, tmp_path, "coordinator")
    agency_counts = [[a.agency, a.young_people, a.workers] for a in made.agencies()]
    closed = page_for(DIRECTORY, "coordinator")
    tables = len(closed.dataframe)
    assert [e.label for e in closed.get("expander")] == [_PARTNERSHIP]
    at = _partnership_opened(closed)
    # the agencies, the same support twice as counts and as rows, and the needs no service meets
    assert not at.exception and len(at.dataframe) == tables + 4
    assert len(made.young_people) == 7 and len(agency_counts) >= 5
    caption = f"7 young people in the cases you hold; {len(agency_counts)} agencies work with them."
    assert caption in _captions(at)
    agencies = _table(at, "Agency", "Young people", "Workers involved")
    assert agencies.values.tolist() == agency_counts  # most young people first
    assert agencies.iloc[0].tolist()[0] == "Westbrook Leaving Care Team"
    by_kind = _table(at, "Support", "Young people")
    assert dict(zip(by_kind["Support"], by_kind["Young people"], strict=True)) == {
        words(domain): count for domain, count in made.duplicated_support()
    }
    duplicates = _table(at, "Young person", "Support", "Agencies")
    assert set(duplicates["Agencies"]) == {", ".join(d.agencies) for d in made.duplicates}
    assert (JORDAN, SupportDomain.ADVICE) in {(d.young_person, d.domain) for d in made.duplicates}
    needs = _table(at, "Area", "Kind of help", "Young people")
    assert ("Westbrook City Council", "Family support", 1) in set(needs.itertuples(index=False, name=None))

    # one kind of support, one agency, one young person
    at = _by_label(at.selectbox, "Young people with the same support from several agencies").select("Advice")
    at = _by_label(at.run().selectbox, "Agency").select(PROBATION).run()
    assert not at.exception
    assert set(_table(at, "Young person", "Support", "Agencies")["Support"]) == {"Advice"}
    assert _table(at, "Young person", "Its people working with them")["Young person"].tolist() == [JORDAN]
    at = _by_label(at.text_input, "Young person's name, or part of it").input("JORDAN").run()
    links = _table(at, "Young person", "Agency", "Its people")
    assert set(links["Young person"]) == {JORDAN} and PROBATION in set(links["Agency"])
    (row,) = _table(
        at, "Young person", "The same support from several agencies", "Needs no local service meets"
    ).values.tolist()
    (advice,) = [d for d in made.duplicates if d.young_person == JORDAN and d.domain is SupportDomain.ADVICE]
    assert row[0] == JORDAN and f"Advice ({advice.agencies[0]}" in row[1]
    at = _by_label(at.text_input, "Young person's name, or part of it").input("<b>Nobody</b>").run()
    assert at.info[-1].value == (
        f"No young person in the cases you hold is called “{markdown_text('<b>Nobody</b>')}”."
    )

    # a practitioner holds Jordan's case only
    seen_by_them = _partnership_today(sample_store_file, tmp_path, "practitioner")
    practitioner = _partnership_opened(page_for(DIRECTORY, "practitioner"))
    workers = len(seen_by_them.agencies())
    assert f"1 young person in the cases you hold; {workers} agencies work with them." in _captions(
        practitioner
    )
    seen = _table(practitioner, "Agency", "Young people", "Workers involved")
    assert set(seen["Young people"]) == {1} and PROBATION in set(seen["Agency"]) and len(seen) == workers
    assert set(_table(practitioner, "Young person", "Support", "Agencies")["Young person"]) == {JORDAN}


def test_the_partnership_reads_no_case_until_it_is_opened(
    page_for: PageAs, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading every case held, it made the directory wait minutes at 50,000 cases; closed, nothing."""
    asked: list[str] = []
    real = DirectoryService.partnership
    monkeypatch.setattr(
        DirectoryService, "partnership", lambda self, actor: asked.append("") or real(self, actor)
    )
    at = page_for(DIRECTORY, "admin")
    assert not at.exception and not asked
    _partnership_opened(at)
    assert not at.exception and len(asked) == 1
    # a look-up runs the page again, with the partnership already made (nothing has changed)
    at = _by_label(at.selectbox, "Agency").select(PROBATION).run()
    assert not at.exception and len(asked) == 1


def test_the_partnership_is_made_again_after_a_change(fresh: tuple[PageAs, str]) -> None:
    make, _ = fresh
    at = _partnership_opened(make(DIRECTORY, "coordinator"))
    unmet = ("Westbrook City Council", "Family support", 1)
    assert unmet in set(_table(at, "Area", "Kind of help", "Young people").itertuples(index=False, name=None))
    _by_label(at.text_input, "Name").input("Westbrook Family Links")
    _by_label(at.text_input, "Area it serves (blank: everywhere)").input("Westbrook")
    _by_label(at.multiselect, "Kinds of help").select(ServiceCategory.FAMILY_SUPPORT)
    at = _by_label(at.button, "Save service").click().run()
    assert not at.exception
    after = set(_table(at, "Area", "Kind of help", "Young people").itertuples(index=False, name=None))
    assert unmet not in after and ("Kelby Borough Council", "Family support", 1) in after


def test_a_coordinator_adds_a_service_and_links_it(fresh: tuple[PageAs, str]) -> None:
    make, url = fresh
    at = make(DIRECTORY, "coordinator")
    _by_label(at.text_input, "Name").input("Westbrook <b>Foyer</b>")
    _by_label(at.text_input, "Area it serves (blank: everywhere)").input("Westbrook")
    _by_label(at.multiselect, "Kinds of help").select("housing")
    _by_label(at.text_input, "How to contact it").input("0300 555 0199")
    at = _by_label(at.button, "Save service").click().run()
    assert not at.exception
    assert at.success[0].value == markdown_text("Westbrook <b>Foyer</b>") + " is saved in the directory."
    assert "Westbrook <b>Foyer</b>" in set(at.dataframe[0].value["Service"])
    with bootstrap(url) as services:
        (foyer,) = [p for p in services.store.list(Person) if p.name == "Westbrook <b>Foyer</b>"]
    assert (
        foyer.kind is PersonKind.SERVICE
        and foyer.service_info
        and foyer.service_info.contact == "0300 555 0199"
    )

    at = make(DIRECTORY, "practitioner")
    at.selectbox(key="svc-link-pick").set_value(foyer.id)
    _by_label(at.text_input, "What it offers this young person (blank: its usual offer)").input(
        "a room on release"
    )
    at = _by_label(at.button, "Add to this map").click().run()
    assert not at.exception and at.success
    sentences = " ".join(m.value for m in make(WHO, "jordan").markdown)
    assert markdown_text(
        "Westbrook <b>Foyer</b> helps you with a room on release. Reach them on 0300 555 0199."
    ) in (sentences)


def test_a_service_without_a_name_is_refused(fresh: tuple[PageAs, str]) -> None:
    make, url = fresh
    at = _by_label(make(DIRECTORY, "coordinator").button, "Save service").click().run()
    assert at.error[0].value == markdown_text("Name: must not be blank.")


# --------------------------------------------------------------------------- import and export

CSV = b"name,young_person,sector,agency\nRowan Ashby,yes,family,\nBea Kent,,professionals,Westbrook Foyer\n"


@pytest.mark.parametrize("username", _roles(IMPORT))
def test_import_page_for_each_role(page_for: PageAs, username: str) -> None:
    at = page_for(IMPORT, username)
    assert not at.exception
    headers = [h.value for h in at.header]
    assert headers == (
        ["Export", "Column template"]
        if username == "facilitator"
        else ["Import", "Export", "Column template"]
    )
    labels = [b.proto.label for b in at.get("download_button")]
    assert labels == ["Download the CSV template", "Download the Excel template"]


def test_preview_writes_nothing_and_import_commits(fresh: tuple[PageAs, str]) -> None:
    make, url = fresh
    with bootstrap(url) as services:
        before = services.store.counts()
    at = make(IMPORT, "coordinator")
    at.selectbox(key="imp-format").set_value("csv")
    at.file_uploader(key="imp-files").set_value(("rowan.csv", CSV, "text/csv"))
    at = at.run()
    assert at.button(key="imp-commit").disabled
    at = at.button(key="imp-preview-button").click().run()
    assert not at.exception
    assert at.info[0].value.startswith(markdown_text("Would add 1 case"))
    assert (
        dict(zip(at.dataframe[0].value["Records"], at.dataframe[0].value["To add"], strict=True))["person"]
        == 2
    )
    with bootstrap(url) as services:
        assert services.store.counts() == before
    at = at.button(key="imp-commit").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(markdown_text("Added 1 case"))
    with bootstrap(url) as services:
        after = services.store.counts()
    assert after["person"] == before["person"] + 2 and after["case"] == before["case"] + 1


def test_a_bad_or_oversized_file_gets_one_sentence(fresh: tuple[PageAs, str]) -> None:
    make, url = fresh
    at = make(IMPORT, "coordinator")
    at.selectbox(key="imp-format").set_value("csv")
    at.file_uploader(key="imp-files").set_value(("people.csv", b"name,colour\nAsh,red\n", "text/csv"))
    at = at.run().button(key="imp-preview-button").click().run()
    assert not at.exception and at.error[0].value.startswith(markdown_text("people.csv: column 'colour'"))
    at.file_uploader(key="imp-files").set_value(
        ("huge.json", b" " * (20 * 1024 * 1024 + 1), "application/json")
    )
    at = at.run()
    assert at.error[0].value == markdown_text(
        "huge.json: the file is larger than the 20 MB limit; nothing was read."
    )


def test_export_prepares_a_download(page_for: PageAs) -> None:
    at = page_for(IMPORT, "coordinator")
    at.selectbox(key="exp-format").set_value("csv")
    at.selectbox(key="exp-case").set_value("c-always-hope")
    at = at.button(key="exp-prepare").click().run()
    assert not at.exception
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Download netmap-c-always-hope-csv.zip" in labels


def test_exported_files_read_back(demo_db: str) -> None:
    from netmap.ingest import json_format
    from netmap.views.pages.import_page import _export_bytes

    with bootstrap(demo_db) as services:
        coordinator = services.users.actor_for("coordinator")
        name, data, mime = _export_bytes(services, coordinator, "json", "c-always-hope")
        assert (name, mime) == ("netmap-c-always-hope.json", "application/json")
        assert [c.id for c in json_format.loads(data).cases] == ["c-always-hope"]
        name, data, mime = _export_bytes(services, coordinator, "csv", "c-always-hope")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sorted(archive.namelist()) == ["netmap-c-always-hope.csv", "netmap-c-always-hope_ties.csv"]
        people = archive.read("netmap-c-always-hope.csv").decode()
    assert "Priya Nandra" in people and "07700 900905" not in people


def test_each_need_is_named_in_bold_with_the_services_that_meet_it(page_for: PageAs, demo_db: str) -> None:
    at = page_for(DIRECTORY, "admin", "c-well-connected")
    assert not at.exception
    with bootstrap(demo_db) as services:
        matched = services.directory.services_for(SYSTEM_ACTOR, "c-well-connected")
    assert matched, "Kieran's case has needs recorded"
    shown = [m.value for m in at.markdown if m.value.startswith("**")]
    assert shown == [
        f"**{markdown_text(words(need))}**: "
        + markdown_text(
            ", ".join(p.name for p in offering) or "no service in the directory here, for their age"
        )
        for need, offering in matched
    ]
