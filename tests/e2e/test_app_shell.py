"""The app shell in AppTest: logging in, the case list per role, logging out."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from netmap.bootstrap import bootstrap
from netmap.models import Case
from netmap.services.users import LOGIN_REFUSED


def test_login_page_is_shown_first(app_for: Callable[[str | None], AppTest]) -> None:
    at = app_for(None)
    assert not at.exception
    assert at.title[0].value == "netmap"
    assert [t.label for t in at.text_input] == ["Username", "Password"]


def test_wrong_password_is_refused(app_for: Callable[[str | None], AppTest]) -> None:
    at = app_for(None)
    at.text_input[0].input("coordinator")
    at.text_input[1].input("not-the-password")
    at.button[0].click().run()
    assert not at.exception
    assert [e.value for e in at.error] == [LOGIN_REFUSED]


def test_coordinator_sees_every_sample_case(app_for: Callable[[str | None], AppTest], demo_db: str) -> None:
    at = app_for("coordinator")
    assert not at.exception
    assert at.title[0].value == "Cases"
    with bootstrap(demo_db) as services:
        titles = {c.title for c in services.store.list(Case)}
    shown = set(at.dataframe[0].value["Case"])
    assert shown == titles and len(shown) >= 5


def test_young_person_lands_on_their_own_map_and_sees_no_other_case(
    app_for: Callable[[str | None], AppTest], demo_db: str
) -> None:
    at = app_for("jordan")
    assert not at.exception
    shown = " ".join(str(e.value) for e in [*at.title, *at.header, *at.subheader, *at.markdown, *at.caption])
    assert "My map" in shown
    with bootstrap(demo_db) as services:
        cases = services.store.list(Case)
    own = next(c for c in cases if c.ego_id == "p-ah-jordan")
    for other in cases:
        if other.id != own.id:
            assert other.title not in shown


def test_viewer_sees_only_granted_cases_and_cannot_create(app_for: Callable[[str | None], AppTest]) -> None:
    at = app_for("viewer")
    assert not at.exception
    assert len(at.dataframe[0].value) == 1
    assert "Create case" not in [b.label for b in at.button]


def test_log_out_returns_to_the_login_page(app_for: Callable[[str | None], AppTest]) -> None:
    at = app_for("coordinator")
    next(b for b in at.sidebar.button if b.label == "Log out").click().run()
    assert not at.exception
    assert at.title[0].value == "netmap"


def test_single_sign_on_is_offered_only_when_configured(demo_db: str, monkeypatch) -> None:
    from tests.e2e.conftest import APP

    monkeypatch.setenv("NETMAP_DB", demo_db)
    plain = AppTest.from_file(APP, default_timeout=30).run()
    assert "Log in with single sign-on" not in [b.label for b in plain.button]
    configured = AppTest.from_file(APP, default_timeout=30)
    configured.secrets["auth"] = {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-test-cookie-secret",
        "client_id": "netmap",
        "client_secret": "not-a-real-secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
    configured.run()
    assert not configured.exception
    assert "Log in with single sign-on" in [b.label for b in configured.button]
    assert [t.label for t in configured.text_input] == ["Username", "Password"]


def _navigation(at: AppTest) -> list[str]:
    """The page titles the app registered with ``st.navigation`` on its last run, in order.

    AppTest keeps the navigation apart from the element tree; its registry is the only record of it.
    """
    return [str(info.get("page_name")) for info in at._registered_pages.values()]


def test_young_persons_navigation_holds_only_their_own_pages(
    app_for: Callable[[str | None], AppTest],
) -> None:
    jordan = app_for("jordan")
    assert not jordan.exception
    assert _navigation(jordan) == ["My map", "My plan", "Who does what"]
    # nothing on their pages offers an isolation score or the practitioner's view of the map
    shown = " ".join(
        str(e.value)
        for e in [*jordan.title, *jordan.header, *jordan.subheader, *jordan.markdown, *jordan.caption]
    )
    assert "LSNS" not in shown and "isolation" not in shown.lower()
    labels = [w.label for w in [*jordan.radio, *jordan.selectbox]]
    assert "Whose view" not in labels
    practitioner = app_for("practitioner")
    assert {"Ecomap", "Genogram", "People", "Safety"} <= set(_navigation(practitioner))
    assert "My map" not in _navigation(practitioner)
