"""Local accounts: argon2 password hashes, lockout after repeated failures, grants of cases."""

from __future__ import annotations

import functools
import secrets
from datetime import timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from pydantic import TypeAdapter, ValidationError

from netmap.errors import AccessDenied, ConflictError, NotFound, ValidationFailed
from netmap.graph.store import GraphStore
from netmap.models import Case, Grant, Id, Role, User
from netmap.services.access import Action, Actor, require
from netmap.services.base import Clock, Service, audit_event, utc_now
from netmap.services.intake import WORKLIST_ROLES, referred_cases
from netmap.services.kept_forget import forget_account

__all__ = [
    "CASELESS_ROLES",
    "LOCKOUT",
    "LOGIN_REFUSED",
    "MAX_FAILED_LOGINS",
    "MIN_PASSWORD_LENGTH",
    "PERSON_ROLES",
    "SYSTEM_ACTOR",
    "UserService",
]

MIN_PASSWORD_LENGTH = 10
MAX_FAILED_LOGINS = 5
LOCKOUT = timedelta(minutes=15)
SYSTEM_ACTOR = Actor(username="system", role=Role.ADMIN)
# One answer to every refused login: it must not tell whether the username exists or is locked.
LOGIN_REFUSED = (
    "Wrong username or password. After five wrong attempts an account is locked for 15 minutes; "
    "an admin can unlock it."
)
# The roles whose account is someone in a map: the young person themself, or a relative who owns plan items.
PERSON_ROLES = frozenset({Role.YOUNG_PERSON, Role.FAMILY})
# The roles that work on no case: suppressed figures only, or referrals only.
CASELESS_ROLES = frozenset({Role.COMMISSIONER, Role.PEER_MENTOR})
_COUNT_ATTEMPTS = 100
_USERNAME = TypeAdapter(Id)  # a username is an account's id


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(f"password: must be at least {MIN_PASSWORD_LENGTH} characters.")
    if password.strip() != password or len(set(password)) < 4:
        raise ValidationFailed("password: must not start or end with spaces or repeat one or two characters.")


def _public(user: User) -> User:
    return user.model_copy(update={"password_hash": ""})


class UserService(Service):
    """Accounts and logins. ``hasher`` is argon2 with its recommended costs unless a caller (a test)
    gives a cheaper one; a hash records its own costs, so either verifies the other's."""

    def __init__(
        self, store: GraphStore, clock: Clock = utc_now, hasher: PasswordHasher | None = None
    ) -> None:
        super().__init__(store, clock)
        self.hasher = hasher or PasswordHasher()

    def add_user(
        self,
        actor: Actor,
        username: str,
        role: Role,
        password: str,
        *,
        display_name: str = "",
        case_ids: tuple[str, ...] = (),
        person_id: str | None = None,
        agency: str = "",
        local_authority: str = "",
    ) -> User:
        """Create an account, granted ``case_ids``, in one audited write.

        A coordinator or facilitator whose account names a local authority is also granted every
        case referred to that authority so far, as if they had been there at the referral.
        """
        require(actor, Action.USERS_MANAGE)
        try:
            _USERNAME.validate_python(username)
        except ValidationError:
            raise ValidationFailed(
                "username: use 1 to 80 letters, digits or the signs . _ - @ : | (no spaces)."
            ) from None
        _check_password(password)
        if role is Role.YOUNG_PERSON and not person_id:
            raise ValidationFailed("person: a young person's account must name the person they are.")
        user = User(
            id=username,
            role=role,
            display_name=display_name or username,
            person_id=person_id,
            agency=agency,
            local_authority=local_authority,
            password_hash=self.hasher.hash(password),
        )
        if self.store.get(User, username) is not None:
            raise ValidationFailed(f"username: {username} is already taken.")
        changes: list[tuple[User | Grant | None, User | Grant | None]] = [(None, user)]
        changes += [(None, self._grant_for(username, case_id)) for case_id in case_ids]
        changes += self._worklist_grants(user, held=set(case_ids))
        self._write(actor, "user.add", changes)
        return _public(user.model_copy(update={"version": 1}))

    def _worklist_grants(self, user: User, held: set[str]) -> list[tuple[None, Grant]]:
        """For a coordinator or facilitator whose account names a local authority, the grants of the
        cases referred to it so far that ``held`` lacks (as if they had been there at the referral)."""
        if user.role not in WORKLIST_ROLES:
            return []
        referred = referred_cases(self.store.list(Case), user.local_authority)
        return [(None, Grant.make(user.id, c)) for c in referred if c not in held]

    def set_role(self, actor: Actor, username: str, role: Role) -> None:
        """Give an account another role, in one audited write (``user.role``) that also:

        - takes away its cases when the new role works on none (a commissioner, a peer mentor);
        - gives a coordinator or facilitator the cases referred to its local authority so far;
        - forgets the report rows kept for the account's old view of every case (``kept_forget``).

        An open session of the account takes the new role within a minute
        (``views.session.ACCESS_CHECK_SECONDS``). A young person's or a relative's account names who
        they are in a map, so it never changes role, nor does another account become one; nobody
        changes their own role (an admin could lock every admin out).
        """
        require(actor, Action.USERS_MANAGE)
        if username == actor.username:
            raise ValidationFailed("You cannot change your own role.")
        user = self.store.get(User, username)
        if user is None:
            raise NotFound(f"There is no user {username}.")
        if user.role is role:
            return
        if user.role in PERSON_ROLES or role in PERSON_ROLES:
            raise ValidationFailed(
                "role: a young person's or a relative's account names who they are in a map, so it "
                "keeps its role and no other account takes one of theirs: switch this account off and "
                "add a new one."
            )
        changed = user.model_copy(update={"role": role})
        grants = self._grants_of(username)
        changes: list[tuple[User | Grant | None, User | Grant | None]] = [(user, changed)]
        if role in CASELESS_ROLES:
            changes += [(g, None) for g in grants]
        changes += self._worklist_grants(changed, held={g.case_id for g in grants})
        self._write(actor, "user.role", changes, forget=forget_account(user.id, user.role))

    def _grants_of(self, username: str) -> list[Grant]:
        return [g for g in self.store.list(Grant) if g.username == username]

    def _grant_for(self, username: str, case_id: str) -> Grant:
        if self.store.get(Case, case_id) is None:
            raise NotFound(f"There is no case {case_id}.")
        return Grant.make(username, case_id)

    def grant(self, actor: Actor, username: str, case_id: str) -> None:
        require(actor, Action.USERS_MANAGE)
        if self.store.get(User, username) is None:
            raise NotFound(f"There is no user {username}.")
        if self.store.get(Grant, f"{username}|{case_id}") is None:
            self._write(actor, "grant.add", [(None, self._grant_for(username, case_id))])

    def revoke(self, actor: Actor, username: str, case_id: str) -> None:
        """Remove the grant, and in the same audited write forget the rows kept for the account's own
        view of the case (``kept_forget``)."""
        require(actor, Action.USERS_MANAGE)
        grant = self.store.get(Grant, f"{username}|{case_id}")
        if grant is not None:
            user = self.store.get(User, username)
            forget = [] if user is None else forget_account(user.id, user.role, [case_id])
            self._write(actor, "grant.remove", [(grant, None)], forget=forget)

    def list_users(self, actor: Actor) -> list[tuple[User, list[str]]]:
        """Every account (without password hashes) with the cases granted to it."""
        require(actor, Action.USERS_MANAGE)
        grants = self.store.list(Grant)
        return [
            (_public(u), sorted(g.case_id for g in grants if g.username == u.id))
            for u in self.store.list(User)
        ]

    def set_active(self, actor: Actor, username: str, active: bool) -> None:
        """Switch an account off (it cannot sign in, and an open session of it is signed out within a
        minute: ``views.session.ACCESS_CHECK_SECONDS``) or on again. Audited; an admin cannot switch
        off their own account, so one always remains who can switch others on."""
        require(actor, Action.USERS_MANAGE)
        if username == actor.username and not active:
            raise ValidationFailed("You cannot switch off your own account.")
        user = self.store.get(User, username)
        if user is None:
            raise NotFound(f"There is no user {username}.")
        if user.active != active:
            action = "user.enable" if active else "user.disable"
            self._write(actor, action, [(user, user.model_copy(update={"active": active}))])

    def set_password(self, actor: Actor, username: str, password: str) -> None:
        """An admin's password reset; also lifts a lockout."""
        require(actor, Action.USERS_MANAGE)
        _check_password(password)
        user = self.store.get(User, username)
        if user is None:
            raise NotFound(f"There is no user {username}.")
        updated = user.model_copy(
            update={"password_hash": self.hasher.hash(password), "failed_logins": 0, "locked_until": None}
        )
        self._write(actor, "user.password_reset", [(user, updated)])

    def actor_for(self, username: str) -> Actor:
        """The Actor for an existing, active account (used after login and by the CLI's ``--as``)."""
        user = self.store.get(User, username)
        if user is None or not user.active:
            raise NotFound(f"There is no active user {username}.")
        grants = frozenset(g.case_id for g in self._grants_of(username))
        return Actor(username=user.id, role=user.role, case_ids=grants, person_id=user.person_id)

    def authenticate_identity(self, email: str, provider: str, *, verified: bool) -> Actor:
        """Sign in someone whose identity provider vouched for ``email``: it must say the address is
        verified, and the account whose username is exactly that address must exist, be active and
        not locked. Audited like a login."""
        user = self.store.get(User, email) if email and verified else None
        now = self.clock()
        if user is None or not user.active:
            raise AccessDenied(
                f"There is no netmap account for {email or 'this sign-in'} with a verified e-mail address; "
                "ask an admin to add one."
            )
        who = Actor(username=user.id, role=user.role)
        if user.locked_until is not None and user.locked_until > now:
            self.store.append_audit([audit_event(now, who, "login.locked", user, user, outcome="refused")])
            raise AccessDenied(LOGIN_REFUSED)
        self.store.append_audit([audit_event(now, who, f"login.sso.{provider}", user, user)])
        return self.actor_for(user.id)

    def authenticate(self, username: str, password: str) -> Actor:
        """Check a password; five failures lock the account for 15 minutes. Every attempt is audited.

        Whatever is wrong (no such account, a wrong password, a lock) the answer is the same
        sentence after the same work (a password check against a stand-in hash when there is no
        account), so a login cannot tell which usernames exist. Failures are counted one by one
        even when attempts arrive in parallel (``_count_failure``).
        """
        user = self.store.get(User, username)
        if user is None or not user.active:
            self._verify(self._stand_in, password)
            raise AccessDenied(LOGIN_REFUSED)
        now = self.clock()
        who = Actor(username=user.id, role=user.role)
        right = self._verify(user.password_hash, password)
        if user.locked_until is not None and user.locked_until > now:
            self.store.append_audit([audit_event(now, who, "login.locked", user, user, outcome="refused")])
            raise AccessDenied(LOGIN_REFUSED)
        if not right:
            self._count_failure(who, username)
            raise AccessDenied(LOGIN_REFUSED)
        if user.failed_logins or user.locked_until:
            user = user.model_copy(update={"failed_logins": 0, "locked_until": None})
            self._write(who, "login.reset", [(self.store.get(User, username), user)])
        return self.actor_for(username)

    def _verify(self, password_hash: str, password: str) -> bool:
        try:
            return bool(self.hasher.verify(password_hash, password))
        except (VerificationError, InvalidHashError):
            return False

    @functools.cached_property
    def _stand_in(self) -> str:
        """A hash of nothing anyone types, checked when there is no account so the time is the same."""
        return self.hasher.hash(secrets.token_urlsafe(24))

    def _count_failure(self, who: Actor, username: str) -> None:
        """Add one failure to the account's count, locking it at the fifth: read, write with the
        version read, and on a conflict (another failure counted meanwhile) read again and retry."""
        for _attempt in range(_COUNT_ATTEMPTS):
            user = self.store.get(User, username)
            if user is None:
                return
            now = self.clock()
            if user.locked_until is not None and user.locked_until > now:
                self.store.append_audit(
                    [audit_event(now, who, "login.locked", user, user, outcome="refused")]
                )
                return
            failures = user.failed_logins + 1
            locked = now + LOCKOUT if failures >= MAX_FAILED_LOGINS else None
            update = {"failed_logins": 0 if locked else failures, "locked_until": locked}
            try:
                self._write(who, "login.failed", [(user, user.model_copy(update=update))])
            except ConflictError:
                continue
            return
        raise AccessDenied(LOGIN_REFUSED)
