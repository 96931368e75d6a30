"""AppTest of the Accounts page: an admin gives and takes away cases, switches accounts off and on, and
sets passwords; nobody else sees the page."""

from __future__ import annotations

from typing import Any

import pytest

from netmap.bootstrap import bootstrap
from netmap.cli.demo_users import DEMO_USERS
from netmap.errors import AccessDenied
from netmap.models import Grant, Role, User
from netmap.renderers.escape import markdown_text
from netmap.services.access import Actor
from netmap.views.pages import PAGES, visible
from tests.conftest import CHEAP_HASHER
from tests.e2e.conftest import PageAs

ACCOUNTS = "netmap.views.pages.accounts_page"
LEAH = "c-turning-25"


def _button(at: Any, label: str) -> Any:
    return next(b for b in at.button if b.label == label)


def _new_account(at: Any, username: str, password: str, again: str | None = None) -> None:
    """Type a new account's username and its password twice (``again``: a different second one)."""
    at.text_input(key="accounts-new-name").input(username)
    at.text_input(key="accounts-new-pw").input(password)
    at.text_input(key="accounts-new-pw2").input(password if again is None else again)


def _grants(url: str, username: str) -> set[str]:
    with bootstrap(url) as services:
        return {g.case_id for g in services.store.list(Grant) if g.username == username}


def _actions(url: str, entity_id: str) -> list[str]:
    with bootstrap(url) as services:
        return [e.action for e in services.store.audit_log(entity_id=entity_id)]


def test_only_an_admin_sees_the_accounts_page() -> None:
    spec = next(p for p in PAGES if p.module == ACCOUNTS)
    assert [u.username for u in DEMO_USERS if visible(spec, Actor(u.username, u.role))] == ["admin"]


def test_the_admin_gives_a_case_and_takes_it_away(fresh_page_as: PageAs, fresh_db: str) -> None:
    at = fresh_page_as(ACCOUNTS, "admin", None)
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["Username"]) >= {"coordinator", "practitioner", "jordan", "viewer"}
    at.selectbox(key="accounts-cases-user").select("practitioner").run()
    at.selectbox(key="accounts-give").select(LEAH).run()
    _button(at, "Give the case").click().run()
    assert not at.exception
    assert at.success[0].value.startswith("practitioner may now work on Leah")
    assert LEAH in _grants(fresh_db, "practitioner")
    at.selectbox(key="accounts-cases-user").select("practitioner").run()
    at.selectbox(key="accounts-take").select(LEAH).run()
    _button(at, "Take the case away").click().run()
    assert not at.exception
    assert LEAH not in _grants(fresh_db, "practitioner")
    assert _actions(fresh_db, f"practitioner|{LEAH}") == ["grant.add", "grant.remove"]


def test_the_admin_switches_an_account_off_and_on(fresh_page_as: PageAs, fresh_db: str) -> None:
    at = fresh_page_as(ACCOUNTS, "admin", None)
    at.selectbox(key="accounts-sign-in-user").select("viewer").run()
    _button(at, "Switch this account off").click().run()
    assert not at.exception
    with bootstrap(fresh_db, hasher=CHEAP_HASHER) as services:
        user = services.store.get(User, "viewer")
        assert user is not None and not user.active
        with pytest.raises(AccessDenied):
            services.users.authenticate(
                "viewer", next(u.password for u in DEMO_USERS if u.username == "viewer")
            )
    assert "switched off" in set(at.dataframe[0].value["Can sign in"])
    at.selectbox(key="accounts-sign-in-user").select("viewer").run()
    _button(at, "Switch this account on").click().run()
    with bootstrap(fresh_db) as services:
        user = services.store.get(User, "viewer")
    assert user is not None and user.active
    assert _actions(fresh_db, "viewer")[-2:] == ["user.disable", "user.enable"]


def test_the_admin_cannot_switch_off_their_own_account(fresh_page_as: PageAs, fresh_db: str) -> None:
    at = fresh_page_as(ACCOUNTS, "admin", None)
    at.selectbox(key="accounts-sign-in-user").select("admin").run()
    _button(at, "Switch this account off").click().run()
    assert at.error[0].value == "You cannot switch off your own account\\."
    with bootstrap(fresh_db) as services:
        user = services.store.get(User, "admin")
    assert user is not None and user.active


def test_the_admin_makes_a_viewer_a_commissioner(fresh_page_as: PageAs, fresh_db: str) -> None:
    at = fresh_page_as(ACCOUNTS, "admin", None)
    at.selectbox(key="accounts-sign-in-user").select("viewer").run()
    box = at.selectbox(key="accounts-role-viewer")
    assert box.label == "Another role (now viewer)"
    # nobody becomes a young person or a relative: those accounts name who they are in a map
    assert Role.YOUNG_PERSON not in box.options and "Young person" not in box.options
    box.select(Role.COMMISSIONER).run()
    _button(at, "Change the role").click().run()
    assert not at.exception
    assert at.success[0].value.startswith(
        markdown_text("viewer's role is now commissioner and no longer works on any case;")
    )
    with bootstrap(fresh_db) as services:
        user = services.store.get(User, "viewer")
    assert user is not None and user.role is Role.COMMISSIONER
    assert _grants(fresh_db, "viewer") == set()
    assert "user.role" in _actions(fresh_db, "viewer")
    assert "Commissioner" in list(
        at.dataframe[0].value.loc[at.dataframe[0].value["Username"] == "viewer", "Role"]
    )


def test_a_young_person_s_account_and_one_s_own_keep_their_role(fresh_page_as: PageAs) -> None:
    at = fresh_page_as(ACCOUNTS, "admin", None)
    at.selectbox(key="accounts-sign-in-user").select("jordan").run()
    assert not [b for b in at.selectbox if b.key == "accounts-role-jordan"]
    assert any("their account keeps its role" in c.value for c in at.caption)
    at.selectbox(key="accounts-sign-in-user").select("admin").run()
    assert not [b for b in at.selectbox if b.key == "accounts-role-admin"]


def test_a_new_password_is_typed_twice_and_then_works(fresh_page_as: PageAs, fresh_db: str) -> None:
    at = fresh_page_as(ACCOUNTS, "admin", None)
    at.selectbox(key="accounts-sign-in-user").select("viewer").run()
    at.text_input(key="accounts-pw").input("a-brand-new-pass-1")
    at.text_input(key="accounts-pw2").input("a-different-pass-2")
    _button(at, "Set the new password").click().run()
    assert at.error[0].value == "The two passwords are not the same."
    at.text_input(key="accounts-pw").input("a-brand-new-pass-1")
    at.text_input(key="accounts-pw2").input("a-brand-new-pass-1")
    _button(at, "Set the new password").click().run()
    assert not at.exception and at.success
    with bootstrap(fresh_db, hasher=CHEAP_HASHER) as services:
        assert services.users.authenticate("viewer", "a-brand-new-pass-1").username == "viewer"


def test_the_admin_adds_a_practitioner_with_a_case(fresh_page_as: PageAs, fresh_db: str) -> None:
    at = fresh_page_as(ACCOUNTS, "admin", None)
    _new_account(at, "pat.new", "a-long-password-9")
    at.selectbox(key="accounts-new-role").select(Role.PRACTITIONER)
    at.multiselect(key="accounts-new-cases").select(LEAH)
    at.text_input(key="accounts-new-agency").input("Westbrook Probation Delivery Unit")
    _button(at, "Add the account").click().run()
    assert not at.exception
    assert at.success[0].value == markdown_text("Added pat.new (Practitioner).")
    with bootstrap(fresh_db, hasher=CHEAP_HASHER) as services:
        user = services.store.get(User, "pat.new")
        assert user is not None and (user.role, user.agency) == (
            Role.PRACTITIONER,
            "Westbrook Probation Delivery Unit",
        )
        assert services.users.authenticate("pat.new", "a-long-password-9").case_ids == frozenset({LEAH})
    assert _actions(fresh_db, "pat.new")[0] == "user.add"


def test_a_young_person_s_account_names_the_young_person_of_the_case(
    fresh_page_as: PageAs, fresh_db: str
) -> None:
    at = fresh_page_as(ACCOUNTS, "admin", None)
    _new_account(at, "kai.h", "a-long-password-9")
    at.selectbox(key="accounts-new-role").select(Role.YOUNG_PERSON).run()
    at.multiselect(key="accounts-new-cases").select("c-discovery-kai").run()
    assert at.selectbox(key="accounts-new-person").options == [
        "Kai Holloway (Kai — Lifelong Links discovery)"
    ]
    _button(at, "Add the account").click().run()
    assert not at.exception
    with bootstrap(fresh_db) as services:
        user = services.store.get(User, "kai.h")
    assert user is not None and (user.role, user.person_id) == (Role.YOUNG_PERSON, "p-hol-kai")


def test_a_new_account_s_passwords_must_match(fresh_page_as: PageAs, fresh_db: str) -> None:
    at = fresh_page_as(ACCOUNTS, "admin", None)
    _new_account(at, "sam.x", "a-long-password-9", again="a-long-password-8")
    _button(at, "Add the account").click().run()
    assert at.error[0].value == "The two passwords are not the same."
    with bootstrap(fresh_db) as services:
        assert services.store.get(User, "sam.x") is None


def test_a_username_with_spaces_is_refused_in_words(fresh_page_as: PageAs, fresh_db: str) -> None:
    at = fresh_page_as(ACCOUNTS, "admin", None)
    _new_account(at, "pat new", "a-long-password-9")
    _button(at, "Add the account").click().run()
    assert at.error[0].value == markdown_text(
        "username: use 1 to 80 letters, digits or the signs . _ - @ : | (no spaces)."
    )
    with bootstrap(fresh_db) as services:
        assert services.store.get(User, "pat new") is None


def test_the_admin_sees_sign_ins_account_changes_and_exports_on_request(
    fresh_page_as: PageAs, fresh_db: str
) -> None:
    from netmap.services.users import SYSTEM_ACTOR

    with bootstrap(fresh_db, hasher=CHEAP_HASHER) as services:
        with pytest.raises(AccessDenied):
            services.users.authenticate("viewer", "not the password at all")
        services.data.export_dataset(services.users.actor_for("coordinator"), LEAH)
        services.users.set_active(SYSTEM_ACTOR, "family", False)
    at = fresh_page_as(ACCOUNTS, "admin", None)
    tables = len(at.dataframe)  # closed, the section makes nothing
    at.session_state["accounts-trail"] = True
    at.run()
    assert not at.exception and len(at.dataframe) == tables + 1
    trail = at.dataframe[-1].value
    newest = trail.iloc[:3][["Who", "What", "About"]].values.tolist()
    assert newest == [
        ["system", "switched an account off", "family's account"],
        ["coordinator", "exported the case", f"case {LEAH}"],
        ["viewer", "failed to sign in", "viewer's account"],
    ]
    # the case work in the same stretch of the trail is not in this table
    assert not {"imported", "changed in the map"} & set(trail["What"])
