"""The signed-in person and the chosen case for one browser session; the shared Services."""

from __future__ import annotations

import time

import streamlit as st

from netmap.bootstrap import Services, bootstrap
from netmap.errors import NetmapError, NotFound
from netmap.models import Network
from netmap.renderers.escape import markdown_text
from netmap.services.access import Actor
from netmap.settings import Settings

__all__ = [
    "ACCESS_CHECK_SECONDS",
    "IDLE_CHECK_SECONDS",
    "IDLE_TIMEOUT_SECONDS",
    "current_actor",
    "current_case_id",
    "get_services",
    "idle_expired",
    "load_case_network",
    "open_case_page",
    "log_in",
    "log_in_with_identity",
    "sso_configured",
    "log_out",
    "refresh_actor",
    "select_case",
    "sign_out_idle",
]

# How long a session may sit idle (NETMAP_IDLE_SECONDS, 30 minutes unless set), and how often an
# open page checks, so an idle screen is cleared without waiting for someone to click.
IDLE_TIMEOUT_SECONDS = Settings().idle_seconds
IDLE_CHECK_SECONDS = max(1, min(60, IDLE_TIMEOUT_SECONDS // 3))
# How often a signed-in session reads its account and grants again, so a grant removed, an account
# switched off or erased, or a role changed reaches a session already open within this many seconds
# (every service call checks the actor a session holds; this keeps that actor true).
ACCESS_CHECK_SECONDS = 60
NO_LONGER_ACTIVE = "You were signed out: your account is no longer active. Ask a netmap administrator."


@st.cache_resource(show_spinner=False)
def _services(url: str) -> Services:
    # Shared by every session: it holds the store connection and the cohort rows (numbers per case,
    # never shown without the access check of the next report), no person's data.
    return bootstrap(url)


def get_services() -> Services:
    return _services(Settings().store_url())


def log_in(username: str, password: str) -> Actor:
    """Check the password (raises AccessDenied) and remember the actor for this session."""
    return _start(get_services().users.authenticate(username.strip(), password))


def sso_configured() -> bool:
    """Whether `.streamlit/secrets.toml` configures single sign-on (an ``[auth]`` section)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all: Streamlit raises its own not-found error
        return False


def log_in_with_identity() -> Actor | None:
    """After a single sign-on round trip: the netmap account named by the identity's e-mail, or None.

    Raises AccessDenied when the identity has no active netmap account.
    """
    if not sso_configured() or not st.user.get("is_logged_in", False):
        return None
    email = str(st.user.get("email") or "")
    # Only an address the identity provider says it verified names an account, exactly as written.
    verified = st.user.get("email_verified") is True
    return _start(get_services().users.authenticate_identity(email, "oidc", verified=verified))


def _start(actor: Actor) -> Actor:
    st.session_state.clear()
    st.session_state["actor"] = actor
    st.session_state["last_seen"] = st.session_state["access_checked"] = time.monotonic()
    return actor


def refresh_actor() -> Actor:
    """Reload the signed-in actor after their grants changed (a case they created or referred)."""
    actor = current_actor()
    assert actor is not None
    st.session_state["actor"] = fresh = get_services().users.actor_for(actor.username)
    st.session_state["access_checked"] = time.monotonic()
    return fresh


def log_out() -> None:
    st.session_state.clear()


def idle_expired() -> bool:
    """Whether a signed-in session has been idle too long (reading this is not activity)."""
    if st.session_state.get("actor") is None:
        return False
    return time.monotonic() - st.session_state.get("last_seen", 0.0) > IDLE_TIMEOUT_SECONDS


def sign_out_idle() -> None:
    log_out()
    st.session_state["expired"] = True


def current_actor() -> Actor | None:
    """The signed-in actor, or None; a session idle for 30 minutes is signed out."""
    actor = st.session_state.get("actor")
    if actor is None:
        return None
    if idle_expired():
        sign_out_idle()
        return None
    st.session_state["last_seen"] = time.monotonic()
    return _access_rechecked(actor)


def _access_rechecked(actor: Actor) -> Actor | None:
    """``actor`` as the store has it now, read at most every ``ACCESS_CHECK_SECONDS``: the cases
    granted since sign-in, without those taken away (a case chosen among them is let go); None, with
    the session signed out, when the account is no longer active."""
    now = time.monotonic()
    if now - st.session_state.get("access_checked", 0.0) < ACCESS_CHECK_SECONDS:
        return actor
    try:
        fresh = get_services().users.actor_for(actor.username)
    except NotFound:
        log_out()
        st.session_state["signed_out"] = NO_LONGER_ACTIVE
        return None
    st.session_state["access_checked"] = now
    if fresh != actor:
        st.session_state["actor"] = fresh
        if not fresh.is_admin and st.session_state.get("case_id") not in fresh.case_ids:
            st.session_state.pop("case_id", None)
    return fresh


def current_case_id() -> str | None:
    """The case being worked on; someone who holds exactly one case is taken straight to it."""
    case_id = st.session_state.get("case_id")
    actor = st.session_state.get("actor")
    if case_id is None and actor is not None and len(actor.case_ids) == 1:
        case_id = next(iter(actor.case_ids))
        select_case(case_id)
    return case_id


def open_case_page(heading: str) -> tuple[Actor, Network] | None:
    """The signed-in actor and the chosen case's network, with the page titled "heading: case";
    None (after saying why) when there is nothing to show."""
    actor = current_actor()
    assert actor is not None
    network = load_case_network()
    if network is None:
        return None
    st.title(f"{heading}: {markdown_text(network.case.title)}")
    return actor, network


def load_case_network() -> Network | None:
    """The chosen case's network as the signed-in actor may see it; a message and None otherwise."""
    actor = current_actor()
    assert actor is not None
    case_id = current_case_id()
    if case_id is None:
        st.info("Choose a case on the Cases page first.")
        return None
    try:
        return get_services().cases.get_network(actor, case_id)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return None


def select_case(case_id: str | None) -> None:
    st.session_state["case_id"] = case_id
