"""An admin gives an account another role: what the account works on follows the role, the change is
audited, and the accounts that are someone in a map keep theirs."""

from __future__ import annotations

import pytest

from netmap.bootstrap import Services
from netmap.errors import AccessDenied, NotFound, ValidationFailed
from netmap.models import Case, Grant, Role
from netmap.services.users import SYSTEM_ACTOR

PASSWORD = "a long enough password"


@pytest.fixture
def services(sample_services: Services) -> Services:
    """The sample cases and the demo accounts."""
    return sample_services


def _cases(services: Services, username: str) -> set[str]:
    return {g.case_id for g in services.store.list(Grant) if g.username == username}


def test_a_practitioner_made_a_viewer_keeps_their_cases_and_loses_what_a_practitioner_may_do(
    services: Services,
) -> None:
    services.users.add_user(SYSTEM_ACTOR, "pat", Role.PRACTITIONER, PASSWORD, case_ids=("c-fgc-jade",))
    services.users.set_role(SYSTEM_ACTOR, "pat", Role.VIEWER)
    pat = services.users.actor_for("pat")
    assert (pat.role, pat.case_ids) == (Role.VIEWER, {"c-fgc-jade"})
    with pytest.raises(AccessDenied):
        services.network.remove_member(pat, "c-fgc-jade", "p-liam", 1)


def test_a_commissioner_or_a_peer_mentor_keeps_no_case(services: Services) -> None:
    for username, role in (("cara", Role.COMMISSIONER), ("pete", Role.PEER_MENTOR)):
        services.users.add_user(
            SYSTEM_ACTOR, username, Role.VIEWER, PASSWORD, case_ids=("c-fgc-jade", "c-always-hope")
        )
        trail = len(services.store.audit_log())
        services.users.set_role(SYSTEM_ACTOR, username, role)
        assert _cases(services, username) == set()
        entries = services.store.audit_log()[trail:]
        assert sorted(e.action for e in entries) == ["user.role", "user.role", "user.role"]
        assert services.users.actor_for(username).case_ids == frozenset()


def test_a_coordinator_is_given_the_cases_referred_to_their_authority(services: Services) -> None:
    authority = next(c.local_authority for c in services.store.list(Case) if c.local_authority)
    services.users.add_user(SYSTEM_ACTOR, "vic", Role.VIEWER, PASSWORD, local_authority=authority)
    assert _cases(services, "vic") == set()
    services.users.set_role(SYSTEM_ACTOR, "vic", Role.COORDINATOR)
    # what a coordinator added with that authority would hold
    services.users.add_user(SYSTEM_ACTOR, "cleo", Role.COORDINATOR, PASSWORD, local_authority=authority)
    assert _cases(services, "vic") == _cases(services, "cleo")


@pytest.mark.parametrize(
    ("username", "role", "refusal"),
    [
        ("jordan", Role.PRACTITIONER, ValidationFailed),  # a young person's account keeps its role
        ("practitioner", Role.YOUNG_PERSON, ValidationFailed),  # and no account becomes one
        ("practitioner", Role.FAMILY, ValidationFailed),
        ("nobody", Role.VIEWER, NotFound),
    ],
)
def test_refused_changes_change_nothing(
    services: Services, username: str, role: Role, refusal: type[Exception]
) -> None:
    before = services.store.audit_log()
    with pytest.raises(refusal):
        services.users.set_role(SYSTEM_ACTOR, username, role)
    assert services.store.audit_log() == before


def test_only_an_admin_changes_roles_and_never_their_own(services: Services) -> None:
    coordinator = services.users.actor_for("coordinator")
    with pytest.raises(AccessDenied):
        services.users.set_role(coordinator, "practitioner", Role.VIEWER)
    admin = services.users.actor_for("admin")
    with pytest.raises(ValidationFailed, match="your own role"):
        services.users.set_role(admin, "admin", Role.VIEWER)
    assert services.users.actor_for("admin").role is Role.ADMIN
