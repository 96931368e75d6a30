"""netmap's Streamlit app: log in, then the pages your role may open (see netmap/views/pages)."""

from __future__ import annotations

import logging

import streamlit as st
from streamlit.navigation.page import StreamlitPage

from netmap.errors import AccessDenied, NetmapError
from netmap.renderers.escape import markdown_text
from netmap.views.pages import pages_for
from netmap.views.session import (
    IDLE_CHECK_SECONDS,
    IDLE_TIMEOUT_SECONDS,
    current_actor,
    get_services,
    idle_expired,
    log_in,
    log_in_with_identity,
    log_out,
    sign_out_idle,
    sso_configured,
)

log = logging.getLogger("netmap.app")


def _idle_time() -> str:
    """How long a session may sit idle, in words ("30 minutes", as NETMAP_IDLE_SECONDS sets it)."""
    minutes, seconds = divmod(IDLE_TIMEOUT_SECONDS, 60)
    amount, unit = (minutes, "minute") if minutes and not seconds else (IDLE_TIMEOUT_SECONDS, "second")
    return f"{amount} {unit}{'' if amount == 1 else 's'}"


def _login() -> None:
    st.title("netmap")
    st.caption("Support networks for care-experienced young people")
    if st.session_state.pop("expired", False):
        st.warning(f"You were signed out after {_idle_time()} without activity.")
    if signed_out := st.session_state.pop("signed_out", None):
        st.warning(signed_out)
    if sso_configured():
        try:
            if log_in_with_identity() is not None:
                st.rerun()
        except AccessDenied as exc:
            st.error(str(exc))
            st.button("Sign out of single sign-on", on_click=st.logout)
        st.button("Log in with single sign-on", on_click=st.login)
        st.caption("Or with a netmap account:")
    with st.form("login"):
        username = st.text_input("Username", autocomplete="username")
        password = st.text_input("Password", type="password", autocomplete="current-password")
        if st.form_submit_button("Log in", type="primary"):
            try:
                log_in(username, password)
            except AccessDenied as exc:
                st.error(str(exc))
            else:
                st.rerun()


def _sidebar() -> None:
    actor = current_actor()
    assert actor is not None
    with st.sidebar:
        st.markdown(
            f"Signed in as **{markdown_text(actor.username)}** ({actor.role.value.replace('_', ' ')})"
        )
        if st.button("Log out"):
            log_out()
            if sso_configured() and st.user.get("is_logged_in", False):
                st.logout()
            st.rerun()


@st.fragment(run_every=IDLE_CHECK_SECONDS)
def _idle_watch() -> None:
    """Signs an idle session out when its time is up, and clears the screen, without waiting for a click."""
    if idle_expired():
        sign_out_idle()
        st.rerun(scope="app")


def _guarded(page: StreamlitPage) -> None:
    """Run the page; any error that is not a plain netmap sentence is logged and shown as one line."""
    try:
        page.run()
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
    except Exception:  # noqa: BLE001 - a person never sees a traceback; the log keeps it
        log.exception("A page failed")
        st.error(
            "Something went wrong on this page, and nothing was saved. Try again, or tell your administrator."
        )


def run() -> None:
    # No page_icon: a Material icon favicon is fetched from a font CDN, and netmap works offline.
    st.set_page_config(page_title="netmap", layout="wide")
    try:
        get_services()
    except NetmapError as exc:
        # Without the key (or the store) nothing is shown: never ciphertext, never a plaintext write.
        st.error(f"netmap cannot start: {exc}")
        st.stop()
    actor = current_actor()
    if actor is None:
        _guarded(st.navigation([st.Page(_login, title="Log in")]))
        return
    _sidebar()
    _idle_watch()
    _guarded(st.navigation(pages_for(actor), expanded=True))


run()
