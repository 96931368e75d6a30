"""Who may do what: the role × action matrix of docs/access.md, checked once for every call."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from netmap.errors import AccessDenied
from netmap.models import Case, Network, Role, Sharing, redact

__all__ = [
    "MATRIX",
    "SHARING_APPLIES",
    "Action",
    "Actor",
    "allowed",
    "require",
    "require_case",
    "visible_network",
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


_READ = {Action.CASE_LIST, Action.CASE_READ, Action.METRICS_READ, Action.CONFERENCE_READ}
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
}

MATRIX: dict[Role, frozenset[Action]] = {
    Role.ADMIN: frozenset(Action),
    Role.COORDINATOR: frozenset(
        _PRACTICE | {Action.CASE_CREATE, Action.CASE_EDIT, Action.SHARING_EDIT, Action.IMPORT}
    ),
    Role.FACILITATOR: frozenset(_PRACTICE),
    Role.PRACTITIONER: frozenset(
        _READ | {Action.CASE_REFER, Action.NETWORK_EDIT, Action.DISCOVERY_EDIT, Action.COHORT_READ}
    ),
    Role.YOUNG_PERSON: frozenset(
        {
            Action.CASE_LIST,
            Action.CASE_READ,
            Action.NETWORK_EDIT,
            Action.SHARING_EDIT,
            Action.METRICS_READ,
            Action.CONFERENCE_READ,
        }
    ),
    Role.VIEWER: frozenset(_READ),
}

# Roles who see only the people the young person chose to share with them.
SHARING_APPLIES = frozenset({Role.PRACTITIONER, Role.VIEWER})


@dataclass(frozen=True)
class Actor:
    """Who is acting: their username, role, the cases granted to them and, for a young person, who they are."""

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


def visible_network(actor: Actor, network: Network) -> Network:
    """The part of ``network`` this actor may see: sharing choices applied, restricted fields dropped."""
    if actor.role in SHARING_APPLIES:
        hidden = network.case.sharing.hidden_for(actor.username) - {network.case.ego_id}
        network = Network(
            # Who is hidden from whom is itself the young person's private choice.
            case=network.case.model_copy(update={"sharing": Sharing()}),
            people=[p for p in network.people if p.id not in hidden],
            memberships=[m for m in network.memberships if m.person_id not in hidden],
            kin=[k for k in network.kin if k.from_id not in hidden and k.to_id not in hidden],
            ties=[t for t in network.ties if t.from_id not in hidden and t.to_id not in hidden],
        )
    if not allowed(actor, Action.RESTRICTED_READ):
        network = redact(network)
    return network


def visible_past(actor: Actor, case: Case, network: Network) -> Network:
    """A snapshot's network seen through today's sharing choices: hiding someone hides their past too."""
    then = network.case.model_copy(update={"sharing": case.sharing})
    return visible_network(actor, network.model_copy(update={"case": then}))


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
    }[action]
