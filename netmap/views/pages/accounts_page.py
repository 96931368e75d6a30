"""Accounts page (admins): who may sign in, with which role and which cases; add an account, give and
take away a case, switch an account off or on, set a new password. Every change is audited by the
users service."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netmap.models import Role, User
from netmap.renderers.audit_lines import audit_lines, kind_of
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import phrase, words
from netmap.services.access import Actor
from netmap.services.users import CASELESS_ROLES, PERSON_ROLES
from netmap.views.components.audit_table import audit_table
from netmap.views.feedback import attempt, show_flash
from netmap.views.session import current_actor, get_services
from netmap.views.widgets import on_demand

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


def _add_form(actor: Actor, titles: dict[str, str]) -> None:
    """A new account: its role decides whether it names someone in a map (so the page reruns as it
    is chosen: no form here)."""
    st.subheader("Add an account")
    left, right = st.columns(2)
    username = left.text_input("Username", max_chars=80, key="accounts-new-name")
    role = right.selectbox("Role", list(Role), format_func=words, key="accounts-new-role")
    cases = st.multiselect("Cases", list(titles), format_func=titles.__getitem__, key="accounts-new-cases")
    person_id = None
    if role in PERSON_ROLES and cases:
        people = _people(actor, cases, young_people_only=role is Role.YOUNG_PERSON)
        person_id = st.selectbox(
            "Who they are", list(people), format_func=people.__getitem__, key="accounts-new-person"
        )
    left, right = st.columns(2)
    agency = left.text_input(
        "Agency (for example a probation service)", max_chars=200, key="accounts-new-agency"
    )
    authority = right.text_input(
        "Local authority (its referrals reach a coordinator or facilitator)",
        max_chars=200,
        key="accounts-new-la",
    )
    password = left.text_input(
        "Password", type="password", autocomplete="new-password", key="accounts-new-pw"
    )
    again = right.text_input(
        "The password again", type="password", autocomplete="new-password", key="accounts-new-pw2"
    )
    if st.button("Add the account") and role is not None and _the_same(password, again):
        attempt(
            lambda: get_services().users.add_user(
                actor,
                username.strip(),
                role,
                password,
                case_ids=tuple(cases),
                person_id=person_id,
                agency=agency,
                local_authority=authority,
            ),
            f"Added {username.strip()} ({words(role)}).",
        )


def _people(actor: Actor, case_ids: list[str], *, young_people_only: bool) -> dict[str, str]:
    """The people an account may be, by id: each chosen case's young person, or everyone in them."""
    people: dict[str, str] = {}
    for case_id in case_ids:
        network = get_services().cases.get_network(actor, case_id)
        chosen = [network.ego] if young_people_only else network.people
        people |= {p.id: f"{p.display_name} ({network.case.title})" for p in chosen}
    return people


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
    st.subheader("Role and signing in")
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
    _role_choice(actor, user)
    with st.form("accounts-password", clear_on_submit=True):
        password = st.text_input(
            "New password", type="password", autocomplete="new-password", key="accounts-pw"
        )
        again = st.text_input(
            "The new password again", type="password", autocomplete="new-password", key="accounts-pw2"
        )
        if st.form_submit_button("Set the new password") and _the_same(password, again):
            attempt(
                lambda: get_services().users.set_password(actor, username, password),
                f"{username} has a new password (and is no longer locked out).",
            )


def _role_choice(actor: Actor, user: User) -> None:
    """Another role for ``user``: not for one's own account, nor for an account that is someone in a map."""
    if user.id == actor.username:
        return
    if user.role in PERSON_ROLES:
        st.caption(
            markdown_text(
                f"{user.id} is someone in a map (a {phrase(user.role)}): their account keeps its role. "
                "To give them another, switch this account off and add a new one."
            )
        )
        return
    roles = [r for r in Role if r not in PERSON_ROLES and r is not user.role]
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    role = left.selectbox(
        f"Another role (now {phrase(user.role)})", roles, format_func=words, key=f"accounts-role-{user.id}"
    )
    if role is not None and right.button("Change the role"):
        cases = " and no longer works on any case" if role in CASELESS_ROLES else ""
        attempt(
            lambda: get_services().users.set_role(actor, user.id, role),
            f"{user.id}'s role is now {phrase(role)}{cases}; an open session of theirs takes the new role within "
            "a minute.",
        )


# The newest entries of the whole trail searched for sign-ins, account changes and exports.
TRAIL_READ = 5000
TRAIL_SHOWN = 200
_WATCHED = {"sign-ins", "access and exports"}


def _access_trail(actor: Actor) -> None:
    """Sign-ins (failed and locked out too), changes to accounts and access, exports and reports across
    the whole service, newest first: made only while the section is open."""
    box = on_demand("Sign-ins, account changes and exports", key="accounts-trail")
    if box is None:
        return
    events = get_services().cases.history(actor, None, limit=TRAIL_READ)
    watched = [
        e for e in events if kind_of(e.action) in _WATCHED or e.action in {"person.sar", "person.erase"}
    ]
    lines = audit_lines(watched, {})[:TRAIL_SHOWN]
    if not lines:
        box.info("No sign-in, account change or export is recorded yet.")
        return
    box.caption(
        f"Sign-ins, changes to accounts and access, and exports among the service's last {TRAIL_READ:,} "
        "recorded actions, newest first (UK time). `netmap audit` prints the whole trail."
    )
    box.dataframe(audit_table(lines), hide_index=True, width="stretch")


def _the_same(password: str, again: str) -> bool:
    """Whether a password was typed the same twice; if not, the page says so."""
    if password != again:
        st.error("The two passwords are not the same.")
    return password == again


def render() -> None:
    actor = current_actor()
    assert actor is not None
    st.title("Accounts")
    show_flash()
    services = get_services()
    accounts = services.users.list_users(actor)
    titles = {case.id: case.title for case in services.cases.list_cases(actor)}
    st.dataframe(_table(accounts, titles), hide_index=True)
    _add_form(actor, titles)
    _cases_form(actor, {user.id: cases for user, cases in accounts}, titles)
    _account_form(actor, {user.id: user for user, _ in accounts})
    _access_trail(actor)
