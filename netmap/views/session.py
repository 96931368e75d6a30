"""The signed-in person and the chosen case for one browser session; the shared Services."""

from __future__ import annotations

import os
import time

import streamlit as st

from netmap.bootstrap import Services, bootstrap
from netmap.graph.store import DEFAULT_URL
from netmap.services.access import Actor

__all__ = [
    "IDLE_TIMEOUT_SECONDS",
    "current_actor",
    "current_case_id",
    "get_services",
    "log_in",
    "log_out",
    "select_case",
]

IDLE_TIMEOUT_SECONDS = 30 * 60


@st.cache_resource(show_spinner=False)
def _services(url: str) -> Services:
    # Shared by every session: it holds no person's data, only the store connection.
    return bootstrap(url)


def get_services() -> Services:
    return _services(os.environ.get("NETMAP_DB") or DEFAULT_URL)


def log_in(username: str, password: str) -> Actor:
    """Check the password (raises AccessDenied) and remember the actor for this session."""
    actor = get_services().users.authenticate(username.strip(), password)
    st.session_state.clear()
    st.session_state["actor"] = actor
    st.session_state["last_seen"] = time.monotonic()
    return actor


def log_out() -> None:
    st.session_state.clear()


def current_actor() -> Actor | None:
    """The signed-in actor, or None; a session idle for 30 minutes is signed out."""
    actor = st.session_state.get("actor")
    if actor is None:
        return None
    if time.monotonic() - st.session_state.get("last_seen", 0.0) > IDLE_TIMEOUT_SECONDS:
        log_out()
        st.session_state["expired"] = True
        return None
    st.session_state["last_seen"] = time.monotonic()
    return actor


def current_case_id() -> str | None:
    return st.session_state.get("case_id")


def select_case(case_id: str | None) -> None:
    st.session_state["case_id"] = case_id
