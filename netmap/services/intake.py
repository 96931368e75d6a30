"""Identification and referral: the short intake (with a young adult, a peer mentor or a worker), the
care-history questions, who picks a referral up, the home authority's worklist, identified counts."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from netmap.errors import ValidationFailed
from netmap.graph.analytics.cohort import IdentifiedCounts, identified_counts
from netmap.models import (
    CareHistory,
    Case,
    CaseStage,
    ConsentRecord,
    Grant,
    LongText,
    Membership,
    Name,
    PastDate,
    Person,
    Record,
    Role,
    Sector,
    ShortText,
    User,
    new_id,
)
from netmap.renderers.words import words
from netmap.services.access import Action, Actor, allowed, require, visible_case
from netmap.services.base import Service
from netmap.services.snapshots import at_referral

__all__ = [
    "UNASSIGNED",
    "WORKLIST_ROLES",
    "IntakeService",
    "Referral",
    "ReferralReceipt",
    "referred_cases",
    "same_authority",
]

# The audit action of the alert an admin sees when a referral reaches an authority without an account.
UNASSIGNED = "referral.unassigned"

# Who a referral reaches in the young person's home authority: Lifelong Links coordinators and
# FGC facilitators (leaving-care practitioners reach it through their coordinator's grant).
WORKLIST_ROLES = frozenset({Role.COORDINATOR, Role.FACILITATOR})


def same_authority(a: str, b: str) -> bool:
    """Whether two local authority names are the same, ignoring case and spacing.

    >>> same_authority("Westbrook  City Council", "westbrook city council")
    True
    >>> same_authority("", "")
    False
    """
    a, b = " ".join(a.split()).casefold(), " ".join(b.split()).casefold()
    return bool(a) and a == b


def _described(user: User) -> str:
    """How a referrer hears of the worker who picks their referral up."""
    return f"{user.display_name or user.id} ({words(user.role).lower()})"


def referred_cases(cases: Iterable[Case], authority: str) -> list[str]:
    """Ids of the cases referred through intake (``referred_by`` set) whose home authority is ``authority``.

    A coordinator or facilitator of that authority holds these, whether their account existed at
    the referral or was added later.

    >>> north = Case(id="c-1", title="Riley", ego_id="p-1", local_authority="North", referred_by="dee")
    >>> created = Case(id="c-2", title="Sam", ego_id="p-2", local_authority="North")
    >>> referred_cases([created, north], " north ")
    ['c-1']
    """
    return sorted(c.id for c in cases if c.referred_by and same_authority(c.local_authority, authority))


class Referral(BaseModel):
    """What the intake asks a young adult who says they are care experienced."""

    model_config = ConfigDict(extra="forbid")
    name: Name
    known_as: ShortText = ""
    birth_date: PastDate | None = None
    local_authority: Name = Field(description="the home local authority that looked after them")
    prison: ShortText = ""
    release_date: date | None = None
    wants_help_with: LongText = ""
    care_history: CareHistory | None = None
    consent_given: bool = False
    consent_notes: LongText = ""


class ReferralReceipt(BaseModel):
    """What the referrer is told: who will pick the referral up, in plain words.

    ``case`` is the new case as the referrer may see it, or None for a referrer who may read no
    case (a peer mentor).
    """

    model_config = ConfigDict(frozen=True)
    case_id: str
    authority: str
    picked_up_by: list[str]
    admin_alerted: bool
    case: Case | None = None

    @property
    def message(self) -> str:
        if self.admin_alerted:
            return (
                f"Nobody at {self.authority} uses netmap yet, so the netmap administrator has been told "
                f"and will pass this referral to {self.authority}'s leaving-care team. The administrator, "
                "not you, will make sure it reaches them."
            )
        who = (
            " and ".join(self.picked_up_by)
            if len(self.picked_up_by) < 3
            else (", ".join(self.picked_up_by[:-1]) + " and " + self.picked_up_by[-1])
        )
        return f"{who} at {self.authority} will pick this referral up: it is on their worklist now."


class IntakeService(Service):
    def refer(self, actor: Actor, referral: Referral) -> ReferralReceipt:
        """Create the young person and their case at the referral stage, and say who picks it up.

        The grant goes to every active coordinator and facilitator whose account names the case's
        home authority, so the case lands on their worklist, and to the referrer if they may read
        cases (a peer mentor may not). When nobody there has an account the admin is alerted (an
        audited ``referral.unassigned`` event, listed by ``unassigned``).
        """
        require(actor, Action.CASE_REFER)
        if not referral.consent_given:
            raise ValidationFailed(
                "consent: the young person must agree to the referral before anything is recorded."
            )
        today = self.clock().date()
        if referral.release_date is not None and not referral.prison:
            raise ValidationFailed("prison: give the prison when there is an expected release date.")
        ego = Person(
            id=new_id("p"), name=referral.name, known_as=referral.known_as, birth_date=referral.birth_date
        )
        case = Case(
            id=new_id("c"),
            title=referral.known_as or referral.name,
            ego_id=ego.id,
            stage=CaseStage.REFERRAL,
            local_authority=referral.local_authority,
            prison=referral.prison,
            release_date=referral.release_date,
            referral_date=today,
            referred_by=actor.username,
            wants_help_with=referral.wants_help_with,
            care_history=referral.care_history,
            consent=ConsentRecord(
                given=True, given_by=ego.display_name, on=today, notes=referral.consent_notes
            ),
        )
        workers = self._authority_users(referral.local_authority)
        holders = {u.id for u in workers}
        if not actor.is_admin and allowed(actor, Action.CASE_READ):
            holders.add(actor.username)
        member = Membership.make(
            case.id, ego.id, sector=Sector.FAMILY, ring=1, role_label="Young person", added_on=today
        )
        changes: list[tuple[Record | None, Record | None]] = [
            (None, ego),
            (None, case),
            (None, member),
            (None, at_referral(case, ego, [member], today)),
            *((None, Grant.make(username, case.id)) for username in sorted(holders)),
        ]
        self._write(actor, "case.refer", changes)
        if not workers:
            after = {"local_authority": referral.local_authority}
            self.store.append_audit(
                [self._event(actor, UNASSIGNED, Case.table, case.id, case_id=case.id, after=after)]
            )
        stored = self.store.get(Case, case.id)
        assert stored is not None
        return ReferralReceipt(
            case_id=case.id,
            authority=referral.local_authority,
            picked_up_by=[_described(u) for u in sorted(workers, key=lambda u: (u.role.value, u.id))],
            admin_alerted=not workers,
            case=visible_case(actor, stored) if allowed(actor, Action.CASE_READ) else None,
        )

    def unassigned(self, actor: Actor) -> list[Case]:
        """Referrals still waiting for someone in their home authority (the admin's alerts): at the
        referral stage, with no active coordinator or facilitator of that authority on netmap."""
        require(actor, Action.USERS_MANAGE)
        waiting = [
            c
            for c in self.store.list(Case)
            if c.stage is CaseStage.REFERRAL
            and c.referred_by
            and not self._authority_users(c.local_authority)
        ]
        return sorted(waiting, key=lambda c: (c.referral_date or date.min, c.id))

    def _authority_users(self, authority: str) -> list[User]:
        return [
            u
            for u in self.store.list(User)
            if u.active and u.role in WORKLIST_ROLES and same_authority(u.local_authority, authority)
        ]

    def worklist(self, actor: Actor) -> list[Case]:
        """Cases at the referral stage waiting in the actor's authority, oldest referral first.

        An admin sees every authority's; anyone else sees the cases they hold in their account's
        local authority, or every referral they hold when their account names no authority.
        """
        require(actor, Action.CASE_LIST)
        cases = [c for c in self.store.list(Case) if c.stage is CaseStage.REFERRAL]
        if not actor.is_admin:
            user = self.store.get(User, actor.username)
            authority = user.local_authority if user is not None else ""
            cases = [
                c
                for c in cases
                if c.id in actor.case_ids and (not authority or same_authority(c.local_authority, authority))
            ]
            if actor.role is Role.YOUNG_PERSON:
                cases = [c for c in cases if c.ego_id == actor.person_id]
        return sorted(cases, key=lambda c: (c.referral_date or date.min, c.title.casefold(), c.id))

    def identified_counts(self, actor: Actor) -> IdentifiedCounts:
        """How many young adults were identified through intake, over the cases the actor may see."""
        require(actor, Action.COHORT_READ)
        return identified_counts(c for c in self.store.list(Case) if actor.is_admin or c.id in actor.case_ids)
