"""Who may do what: the role × action matrix of docs/access.md, checked once for every call."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from netmap.errors import AccessDenied
from netmap.models import Case, Network, OwnWords, Role, Sharing, Snapshot, redact
from netmap.planning.safety import safeguarding_parties

__all__ = [
    "MATRIX",
    "SAFEGUARDING_ROLES",
    "SHARING_APPLIES",
    "Action",
    "Actor",
    "allowed",
    "as_seen",
    "require",
    "require_case",
    "hidden_from",
    "visible_case",
    "visible_network",
    "visible_past",
]


class Action(StrEnum):
    CASE_LIST = "case.list"
    CASE_READ = "case.read"
    CASE_CREATE = "case.create"
    CASE_REFER = "case.refer"
    CASE_EDIT = "case.edit"
    NETWORK_EDIT = "network.edit"
    RESTRICTED_READ = "restricted.read"
    RESTRICTED_EDIT = "restricted.edit"
    SHARING_EDIT = "sharing.edit"
    DISCOVERY_EDIT = "discovery.edit"
    CONFERENCE_READ = "conference.read"
    CONFERENCE_EDIT = "conference.edit"
    AUDIT_READ = "audit.read"
    METRICS_READ = "metrics.read"
    COHORT_READ = "cohort.read"
    EXPORT_CASE = "export.case"
    EXPORT_ALL = "export.all"
    IMPORT = "import"
    USERS_MANAGE = "users.manage"
    PERSON_ERASE = "person.erase"
    DIRECTORY_EDIT = "directory.edit"
    COHORT_FIGURES = "cohort.figures"
    OUTCOMES_READ = "outcomes.read"
    OUTCOMES_EDIT = "outcomes.edit"
    PLAN_OWN = "plan.own"
    PLAN_RESPOND = "plan.respond"
    CASEWORK = "casework"
    OWN_MAP = "own_map"
    PLAN_PART = "plan_part"


_READ = {Action.CASE_LIST, Action.CASE_READ, Action.METRICS_READ, Action.CONFERENCE_READ, Action.CASEWORK}
_PRACTICE = _READ | {
    Action.CASE_REFER,
    Action.NETWORK_EDIT,
    Action.RESTRICTED_READ,
    Action.RESTRICTED_EDIT,
    Action.DISCOVERY_EDIT,
    Action.CONFERENCE_EDIT,
    Action.AUDIT_READ,
    Action.COHORT_READ,
    Action.EXPORT_CASE,
    Action.COHORT_FIGURES,
    Action.OUTCOMES_READ,
    Action.OUTCOMES_EDIT,
}

MATRIX: dict[Role, frozenset[Action]] = {
    # Not the young person's own pages, voice or words, nor a relative's page of their part.
    Role.ADMIN: frozenset(Action) - {Action.OWN_MAP, Action.PLAN_RESPOND, Action.PLAN_PART},
    Role.COORDINATOR: frozenset(
        _PRACTICE
        | {Action.CASE_CREATE, Action.CASE_EDIT, Action.SHARING_EDIT, Action.IMPORT, Action.DIRECTORY_EDIT}
        | {Action.PLAN_OWN}
    ),
    Role.FACILITATOR: frozenset(_PRACTICE | {Action.PLAN_OWN}),
    Role.PRACTITIONER: frozenset(
        _READ
        | {Action.CASE_REFER, Action.NETWORK_EDIT, Action.DISCOVERY_EDIT, Action.COHORT_READ}
        | {Action.COHORT_FIGURES, Action.OUTCOMES_READ, Action.OUTCOMES_EDIT}
        | {Action.PLAN_OWN}
    ),
    Role.YOUNG_PERSON: frozenset(
        {
            Action.CASE_LIST,
            Action.CASE_READ,
            Action.NETWORK_EDIT,
            Action.SHARING_EDIT,
            Action.METRICS_READ,
            Action.CONFERENCE_READ,
            Action.OUTCOMES_READ,
            Action.OUTCOMES_EDIT,
            Action.OWN_MAP,
        }
        | {Action.PLAN_OWN, Action.PLAN_RESPOND}
    ),
    Role.VIEWER: frozenset(_READ),
    # Suppressed figures across an authority or partnership, and nothing that names a person.
    Role.COMMISSIONER: frozenset({Action.COHORT_FIGURES}),
    # A relative who owns plan items: those items, and the date and venue of their conference.
    Role.FAMILY: frozenset({Action.PLAN_OWN, Action.PLAN_PART}),
    # A prison peer mentor helping a young adult refer themselves: referrals, and nothing to read.
    Role.PEER_MENTOR: frozenset({Action.CASE_REFER}),
}

# Roles who see only the people the young person chose to share with them.
SHARING_APPLIES = frozenset({Role.PRACTITIONER, Role.VIEWER})
# Of those, the roles that hold a safeguarding duty: a person party to a restriction that involves
# the young person (see ``planning.safety.safeguarding_parties``) is never hidden from them.
SAFEGUARDING_ROLES = frozenset({Role.PRACTITIONER})


@dataclass(frozen=True)
class Actor:
    """Who is acting: their username, role, the cases granted to them and, for an account that is
    someone in a map (a young person, or a relative or practitioner who owns plan items), who they are."""

    username: str
    role: Role
    case_ids: frozenset[str] = field(default_factory=frozenset)
    person_id: str | None = None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


def allowed(actor: Actor, action: Action) -> bool:
    return action in MATRIX[actor.role]


def require(actor: Actor, action: Action) -> None:
    if not allowed(actor, action):
        raise AccessDenied(f"{actor.username} ({actor.role.value}) may not {_describe(action)}.")


def require_case(actor: Actor, action: Action, case: Case) -> None:
    """Raise AccessDenied unless ``actor`` may do ``action`` on ``case``."""
    require(actor, action)
    if actor.is_admin:
        return
    own = actor.role is not Role.YOUNG_PERSON or case.ego_id == actor.person_id
    if case.id not in actor.case_ids or not own:
        raise AccessDenied(f"{actor.username} has no access to case {case.id}.")


def hidden_from(actor: Actor, case: Case, protected: Iterable[str] = ()) -> set[str]:
    """The people of ``case`` the young person's sharing choices hide from ``actor``.

    Safety before privacy: ``protected`` people (party to a restriction that involves the young
    person) stay visible to roles with a safeguarding duty whatever the young person chose.
    """
    if actor.role not in SHARING_APPLIES:
        return set()
    hidden = case.sharing.hidden_for(actor.username) - {case.ego_id}
    if actor.role in SAFEGUARDING_ROLES:
        hidden -= set(protected)
    return hidden


def visible_case(actor: Actor, case: Case) -> Case:
    """``case`` as ``actor`` may see it: who is hidden from whom only for those who may change it, the
    young person's own words only as they chose to share them, outcomes only for those who may read
    them, and restricted fields only for those who may read them."""
    if not allowed(actor, Action.SHARING_EDIT):
        # Who is hidden from whom is itself the young person's private choice.
        case = case.model_copy(update={"sharing": Sharing()})
    if not case.own_words.shared and not (actor.is_admin or actor.role is Role.YOUNG_PERSON):
        # The young person's own words reach the plan and the pack only with their consent.
        case = case.model_copy(update={"own_words": OwnWords()})
    if case.outcomes and not allowed(actor, Action.OUTCOMES_READ):
        case = case.model_copy(update={"outcomes": []})
    return case if allowed(actor, Action.RESTRICTED_READ) else redact(case)


def visible_network(actor: Actor, network: Network, *, protected: Iterable[str] | None = None) -> Network:
    """The part of ``network`` this actor may see: sharing choices applied (safety first), restricted
    fields dropped. ``protected`` defaults to the parties of the network's own restrictions."""
    if protected is None:
        protected = safeguarding_parties(network.memberships, ego_id=network.case.ego_id)
    hidden = hidden_from(actor, network.case, protected)
    network = Network(
        case=visible_case(actor, network.case),
        people=[p for p in network.people if p.id not in hidden],
        memberships=[m for m in network.memberships if m.person_id not in hidden],
        kin=[k for k in network.kin if k.from_id not in hidden and k.to_id not in hidden],
        ties=[t for t in network.ties if t.from_id not in hidden and t.to_id not in hidden],
    )
    return network if allowed(actor, Action.RESTRICTED_READ) else redact(network)


def visible_past(actor: Actor, now: Network, snapshot: Network) -> Network:
    """A snapshot's network seen through today's sharing choices and today's restrictions: hiding
    someone hides their past too, and a restriction recorded since keeps its parties in view."""
    then = snapshot.case.model_copy(update={"sharing": now.case.sharing})
    protected = safeguarding_parties(now.memberships, ego_id=now.case.ego_id)
    return visible_network(actor, snapshot.model_copy(update={"case": then}), protected=protected)


def as_seen(actor: Actor, now: Network, snapshots: Iterable[Snapshot]) -> tuple[Network, list[Snapshot]]:
    """A case's stored network and snapshots (oldest first) as ``actor`` may see them; the caller
    has checked that ``actor`` may read the case."""
    ordered = sorted(snapshots, key=lambda s: (s.taken_on, s.id))
    seen = [s.model_copy(update={"network": visible_past(actor, now, s.network)}) for s in ordered]
    return visible_network(actor, now), seen


def _describe(action: Action) -> str:
    return {
        Action.CASE_LIST: "list cases",
        Action.CASE_READ: "read this case",
        Action.CASE_CREATE: "create cases",
        Action.CASE_REFER: "refer a young person",
        Action.CASE_EDIT: "change case details",
        Action.NETWORK_EDIT: "change people and relationships",
        Action.RESTRICTED_READ: "see restricted details",
        Action.RESTRICTED_EDIT: "change restricted details",
        Action.SHARING_EDIT: "change sharing settings",
        Action.DISCOVERY_EDIT: "change discovery work",
        Action.CONFERENCE_READ: "see family group conferences",
        Action.CONFERENCE_EDIT: "change family group conferences",
        Action.AUDIT_READ: "read the audit trail",
        Action.METRICS_READ: "see network measures",
        Action.COHORT_READ: "see the service-wide report",
        Action.EXPORT_CASE: "export a case",
        Action.EXPORT_ALL: "export the whole store",
        Action.IMPORT: "import data",
        Action.USERS_MANAGE: "manage user accounts",
        Action.PERSON_ERASE: "erase or export a person's data",
        Action.DIRECTORY_EDIT: "change the local services directory or make someone a service",
        Action.COHORT_FIGURES: "see the service's figures",
        Action.OUTCOMES_READ: "see a young person's outcomes",
        Action.OUTCOMES_EDIT: "record a young person's outcomes",
        Action.PLAN_OWN: "update the plan items they own",
        Action.PLAN_RESPOND: "give the young person's own answer to the plan and their own words",
        Action.CASEWORK: "use the practitioners' pages",
        Action.OWN_MAP: "use a young person's own pages",
        Action.PLAN_PART: "use the page of their own part in a plan (a relative who owns plan items)",
    }[action]
