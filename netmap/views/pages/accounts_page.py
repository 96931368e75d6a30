"""Accounts page (admins): who may sign in, with which role and which cases; give and take away a case,
switch an account off or on, set a new password. Every change is audited by the users service."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netmap.models import User
from netmap.renderers.words import words
from netmap.services.access import Actor
from netmap.views.feedback import attempt, show_flash
from netmap.views.session import current_actor, get_services

__all__ = ["render"]


def _table(accounts: list[tuple[User, list[str]]], titles: dict[str, str]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "Username": user.id,
                "Role": words(user.role),
                "Can sign in": "yes" if user.active else "switched off",
                "Cases": ", ".join(titles.get(c, c) for c in cases) or "none",
            }
            for user, cases in accounts
        ]
    )


def _cases_form(actor: Actor, accounts: dict[str, list[str]], titles: dict[str, str]) -> None:
    st.subheader("Cases")
    username = st.selectbox("Whose cases", list(accounts), key="accounts-cases-user")
    if username is None:
        return
    held = accounts[username]
    left, right = st.columns(2)
    given = left.selectbox(
        "Give a case",
        [c for c in titles if c not in held],
        format_func=titles.__getitem__,
        key="accounts-give",
    )
    if given and left.button("Give the case"):
        attempt(
            lambda: get_services().users.grant(actor, username, given),
            f"{username} may now work on {titles[given]}.",
        )
    taken = right.selectbox(
        "Take a case away", held, format_func=lambda c: titles.get(c, c), key="accounts-take"
    )
    if taken and right.button("Take the case away"):
        attempt(
            lambda: get_services().users.revoke(actor, username, taken),
            f"{username} no longer works on {titles.get(taken, taken)}; an open session of theirs lets it go "
            "within a minute.",
        )


def _account_form(actor: Actor, accounts: dict[str, User]) -> None:
    st.subheader("Signing in")
    username = st.selectbox("Whose account", list(accounts), key="accounts-sign-in-user")
    if username is None:
        return
    user = accounts[username]
    if user.active:
        if st.button("Switch this account off"):
            attempt(
                lambda: get_services().users.set_active(actor, username, False),
                f"{username} can no longer sign in; an open session of theirs ends within a minute.",
            )
    elif st.button("Switch this account on"):
        attempt(
            lambda: get_services().users.set_active(actor, username, True), f"{username} can sign in again."
        )
    with st.form("accounts-password", clear_on_submit=True):
        password = st.text_input("New password", type="password", autocomplete="new-password")
        again = st.text_input("The new password again", type="password", autocomplete="new-password")
        if st.form_submit_button("Set the new password"):
            if password != again:
                st.error("The two passwords are not the same.")
            else:
                attempt(
                    lambda: get_services().users.set_password(actor, username, password),
                    f"{username} has a new password (and is no longer locked out).",
                )


def render() -> None:
    actor = current_actor()
    assert actor is not None
    st.title("Accounts")
    show_flash()
    services = get_services()
    accounts = services.users.list_users(actor)
    titles = {case.id: case.title for case in services.cases.list_cases(actor)}
    st.dataframe(_table(accounts, titles), hide_index=True)
    st.caption("New accounts are added with `netmap users add NAME --role ROLE` (README.md, Command line).")
    _cases_form(actor, {user.id: cases for user, cases in accounts}, titles)
    _account_form(actor, {user.id: user for user, _ in accounts})
