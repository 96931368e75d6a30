"""Domain types and vocabularies of netmap (pydantic v2); imports nothing from netmap.

Every stored record has an ``id`` and a ``version``. Fields marked ``restricted`` hold
sensitive details (addresses, phone numbers, safeguarding notes, restriction details);
``redact`` drops them so every layer can hand out a safe copy.
"""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any, ClassVar, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    field_validator,
    model_validator,
)

__all__ = [
    "AuditEvent",
    "Case",
    "CaseStage",
    "Certainty",
    "Conference",
    "ConferenceStage",
    "ContactEvent",
    "ContactFrequency",
    "ContactMethod",
    "ConsentRecord",
    "Dataset",
    "DiscoveryStatus",
    "Gender",
    "Grant",
    "Invitee",
    "InviteeNeed",
    "InvitationStatus",
    "Kin",
    "KinType",
    "LeadSource",
    "Membership",
    "Network",
    "Perspective",
    "Person",
    "PersonKind",
    "PlanItem",
    "PlanItemStatus",
    "RECORD_TYPES",
    "Record",
    "Restriction",
    "RestrictionKind",
    "Role",
    "Sector",
    "ServiceCategory",
    "ServiceInfo",
    "Sharing",
    "Snapshot",
    "SnapshotEvent",
    "SupportDirection",
    "SupportDomain",
    "Tie",
    "User",
    "Valence",
    "membership_id",
    "new_id",
    "redact",
    "restricted_fields",
]

FORMAT_NAME = "netmap"
FORMAT_VERSION = 1


# --------------------------------------------------------------------------- vocabularies


class PersonKind(StrEnum):
    PERSON = "person"
    SERVICE = "service"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    NONBINARY = "nonbinary"
    UNKNOWN = "unknown"


class Sector(StrEnum):
    FAMILY = "family"
    FRIENDS = "friends"
    PEERS_COMMUNITY = "peers_community"
    PROFESSIONALS = "professionals"
    SERVICES = "services"


class CaseStage(StrEnum):
    REFERRAL = "referral"
    DISCOVERY = "discovery"
    PREPARATION = "preparation"
    CONFERENCE = "conference"
    REVIEW = "review"
    CLOSED = "closed"


class DiscoveryStatus(StrEnum):
    IDENTIFIED = "identified"
    LOCATED = "located"
    CONTACTED = "contacted"
    WILLING = "willing"
    SAFETY_CHECKED = "safety_checked"
    INVITED = "invited"
    ATTENDED = "attended"
    IN_PLAN = "in_plan"
    SUSTAINED_3M = "sustained_3m"
    SUSTAINED_6M = "sustained_6m"
    SUSTAINED_12M = "sustained_12m"
    DECLINED = "declined"
    NOT_SAFE = "not_safe"
    DECEASED = "deceased"
    NOT_FOUND = "not_found"


class LeadSource(StrEnum):
    CASE_FILE = "case_file"
    YOUNG_PERSON = "young_person"
    RELATIVE = "relative"
    SEARCH = "search"
    PRACTITIONER = "practitioner"
    IMPORT = "import"


class Certainty(StrEnum):
    CONFIRMED = "confirmed"
    PROBABLE = "probable"
    POSSIBLE = "possible"


class KinType(StrEnum):
    """Kinship from ``from_id`` to ``to_id``; parent kinds read "from is a parent of to"."""

    BIRTH_PARENT = "birth_parent"
    ADOPTIVE_PARENT = "adoptive_parent"
    STEP_PARENT = "step_parent"
    FOSTER_PARENT = "foster_parent"
    KINSHIP_CARER = "kinship_carer"
    SIBLING = "sibling"
    HALF_SIBLING = "half_sibling"
    MARRIED = "married"
    COHABITING = "cohabiting"
    PARTNER = "partner"
    SEPARATED = "separated"
    DIVORCED = "divorced"
    EX_PARTNER = "ex_partner"

    @property
    def is_parent(self) -> bool:
        return self.value.endswith("_parent") or self is KinType.KINSHIP_CARER

    @property
    def is_couple(self) -> bool:
        return self in _COUPLE_KINDS


_COUPLE_KINDS = {
    KinType.MARRIED,
    KinType.COHABITING,
    KinType.PARTNER,
    KinType.SEPARATED,
    KinType.DIVORCED,
    KinType.EX_PARTNER,
}


_DOMAIN_ORDER: dict[str, int] = {}


class Valence(StrEnum):
    POSITIVE = "positive"
    MIXED = "mixed"
    STRESSFUL = "stressful"
    HARMFUL = "harmful"


class ContactFrequency(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    FEW_TIMES_A_YEAR = "few_times_a_year"
    YEARLY = "yearly"
    RARELY = "rarely"
    NONE = "none"


class SupportDirection(StrEnum):
    TO_EGO = "to_ego"
    FROM_EGO = "from_ego"
    BOTH = "both"
    NONE = "none"


class SupportDomain(StrEnum):
    EMOTIONAL = "emotional"
    PRACTICAL = "practical"
    HOUSING = "housing"
    MONEY = "money"
    EDUCATION_WORK = "education_work"
    HEALTH = "health"
    ADVICE = "advice"
    LEISURE = "leisure"


_DOMAIN_ORDER.update({d: i for i, d in enumerate(SupportDomain)})


class Perspective(StrEnum):
    """Whose view of a relationship a tie records."""

    YOUNG_PERSON = "young_person"
    PRACTITIONER = "practitioner"


class Role(StrEnum):
    ADMIN = "admin"
    COORDINATOR = "coordinator"
    FACILITATOR = "facilitator"
    PRACTITIONER = "practitioner"
    YOUNG_PERSON = "young_person"
    VIEWER = "viewer"


class RestrictionKind(StrEnum):
    DO_NOT_CONTACT = "do_not_contact"
    DO_NOT_DISCLOSE_LOCATION = "do_not_disclose_location"
    COURT_ORDER = "court_order"
    LICENCE_CONDITION = "licence_condition"
    NON_ASSOCIATION = "non_association"
    VICTIM_CONTACT_LIMIT = "victim_contact_limit"


class ContactMethod(StrEnum):
    CALL = "call"
    LETTER = "letter"
    VISIT = "visit"
    MESSAGE = "message"
    EMAIL = "email"
    NOTE = "note"


class SnapshotEvent(StrEnum):
    REFERRAL = "referral"
    FGC = "fgc"
    REVIEW = "review"
    RELEASE = "release"
    OTHER = "other"


class ServiceCategory(StrEnum):
    HOUSING = "housing"
    MENTAL_HEALTH = "mental_health"
    SUBSTANCE_MISUSE = "substance_misuse"
    FAMILY_SUPPORT = "family_support"
    EDUCATION_WORK = "education_work"
    ADVOCACY = "advocacy"
    LEAVING_CARE = "leaving_care"
    PROBATION = "probation"
    PRISON = "prison"
    HEALTH = "health"
    OTHER = "other"


class ConferenceStage(StrEnum):
    REFERRAL = "referral"
    PREPARATION = "preparation"
    INFORMATION_GIVING = "information_giving"
    PRIVATE_FAMILY_TIME = "private_family_time"
    PLAN_AGREED = "plan_agreed"
    REVIEW = "review"


class InvitationStatus(StrEnum):
    PROPOSED = "proposed"
    INVITED = "invited"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    BLOCKED = "blocked"


class InviteeNeed(StrEnum):
    ADVOCATE = "advocate"
    INTERPRETER = "interpreter"
    ACCESS = "access"
    TRAVEL = "travel"


class PlanItemStatus(StrEnum):
    AGREED = "agreed"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    NOT_DONE = "not_done"


# --------------------------------------------------------------------------- field types

# Control characters, lone surrogates and the noncharacters U+FFFE/U+FFFF: none is text a person
# typed, and each breaks a file format netmap writes (XML, XLSX, UTF-8).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ud800-\udfff\ufffe\uffff]")
_LINE_BREAKS = re.compile(r"[\t\n\r]")


def _one_line(value: str) -> str:
    value = value.strip(" \t\n\r")
    if _CONTROL.search(value) or _LINE_BREAKS.search(value):
        raise ValueError("must be one line without control characters")
    return value.strip()


def _clean_text(value: str) -> str:
    if _CONTROL.search(value):
        raise ValueError("must not contain control characters")
    return value


def _not_blank(value: str) -> str:
    if not value:
        raise ValueError("must not be blank")
    return value


def _not_future(value: date | None) -> date | None:
    if value is not None and value > date.today():
        raise ValueError("must not be in the future")
    return value


Name = Annotated[str, AfterValidator(_one_line), AfterValidator(_not_blank), Field(max_length=120)]
ShortText = Annotated[str, AfterValidator(_one_line), Field(max_length=200)]
LongText = Annotated[str, AfterValidator(_clean_text), Field(max_length=5000)]
PastDate = Annotated[date, AfterValidator(_not_future)]
Id = Annotated[str, Field(min_length=1, max_length=80, pattern=r"^[A-Za-z0-9_.:|@-]+$")]


SEALED_PREFIX = "enc1:"


def _sealed_or_checked(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
    # An encrypted value read back from a store is longer than the text it hides; the text
    # itself was checked before it was sealed.
    if isinstance(value, str) and value.startswith(SEALED_PREFIX):
        return value
    return handler(value)


RestrictedShortText = Annotated[ShortText, WrapValidator(_sealed_or_checked)]
RestrictedLongText = Annotated[LongText, WrapValidator(_sealed_or_checked)]


def _restricted(**kwargs: Any) -> Any:
    return Field(json_schema_extra={"restricted": True}, **kwargs)


def new_id(prefix: str) -> str:
    """A fresh identifier such as ``p-3f2a9c1b0d4e``."""
    return f"{prefix}-{uuid.uuid4().hex[:12]}"


def membership_id(case_id: str, person_id: str) -> str:
    return f"{case_id}|{person_id}"


# --------------------------------------------------------------------------- records


class Record(BaseModel):
    """A stored record: an id, an optimistic ``version``, validation on assignment."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, use_enum_values=False)
    table: ClassVar[str] = ""
    id_prefix: ClassVar[str] = "r"
    audit_exclude: ClassVar[set[str]] = set()

    id: Id
    version: int = Field(default=0, ge=0)

    @property
    def case_key(self) -> str | None:
        """The case this record belongs to, if any (used for access and indexing)."""
        return getattr(self, "case_id", None)


class ServiceInfo(BaseModel):
    """What a local service offers, for the directory (public information, not restricted)."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    categories: list[ServiceCategory] = Field(default_factory=list)
    offer: ShortText = ""
    eligibility: ShortText = ""
    contact: ShortText = ""
    website: ShortText = ""


class Person(Record):
    table: ClassVar[str] = "person"
    id_prefix: ClassVar[str] = "p"

    name: Name
    known_as: ShortText = ""
    kind: PersonKind = PersonKind.PERSON
    gender: Gender = Gender.UNKNOWN
    birth_year: int | None = Field(default=None, ge=1000, le=2100)
    birth_date: PastDate | None = None
    deceased: bool = False
    death_year: int | None = Field(default=None, ge=1000, le=2100)
    area: ShortText = ""
    agency: ShortText = ""
    work_contact: ShortText = Field(default="", description="a professional's work phone or email")
    service_info: ServiceInfo | None = Field(default=None, description="for kind=service: directory entry")
    address: RestrictedLongText = _restricted(default="")
    phone: RestrictedShortText = _restricted(default="")
    email: RestrictedShortText = _restricted(default="")
    safeguarding_notes: RestrictedLongText = _restricted(default="")

    @model_validator(mode="after")
    def _birth_consistent(self) -> Person:
        if self.birth_date and self.birth_year and self.birth_date.year != self.birth_year:
            raise ValueError("birth_year does not match birth_date")
        if self.death_year is not None:
            if not self.deceased:
                raise ValueError("death_year is set but the person is not marked deceased")
            if self.birth_year and self.death_year < self.birth_year:
                raise ValueError("death_year is before birth_year")
        if self.birth_date and not self.birth_year:
            # Written past validate_assignment, which would re-run this validator without end.
            self.__dict__["birth_year"] = self.birth_date.year
        return self

    @property
    def display_name(self) -> str:
        return self.known_as or self.name


class ConsentRecord(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    given: bool = False
    given_by: ShortText = ""
    on: PastDate | None = None
    notes: LongText = ""


class Sharing(BaseModel):
    """What the young person chose to share with practitioners other than the coordinator."""

    model_config = ConfigDict(extra="forbid")
    hidden_people: list[Id] = Field(default_factory=list)
    hidden_from: dict[str, list[Id]] = Field(default_factory=dict)

    def hidden_for(self, username: str) -> set[str]:
        return set(self.hidden_people) | set(self.hidden_from.get(username, []))


class Case(Record):
    table: ClassVar[str] = "case"
    id_prefix: ClassVar[str] = "c"

    title: Name
    ego_id: Id
    coordinator: ShortText = ""
    stage: CaseStage = CaseStage.REFERRAL
    local_authority: ShortText = ""
    prison: ShortText = ""
    referral_date: PastDate | None = None
    referred_by: ShortText = ""
    wants_help_with: LongText = ""
    release_date: date | None = None
    consent: ConsentRecord = Field(default_factory=ConsentRecord)
    sharing: Sharing = Field(default_factory=Sharing)
    questions: list[ShortText] = Field(default_factory=list, description="questions still to answer")
    notes: LongText = ""

    @property
    def case_key(self) -> str:
        return self.id


class Restriction(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    id: Id = Field(default_factory=lambda: new_id("r"))
    kind: RestrictionKind
    other_person_id: Id | None = None
    details: RestrictedLongText = _restricted(default="")
    recorded_by: ShortText = ""
    vetted_by: ShortText = ""
    vetted_on: PastDate | None = None
    until: date | None = None

    @model_validator(mode="after")
    def _non_association_names_someone(self) -> Restriction:
        if self.kind is RestrictionKind.NON_ASSOCIATION and not self.other_person_id:
            raise ValueError("a non-association restriction must name the other person")
        return self


class Membership(Record):
    """How one person sits in one case's map."""

    table: ClassVar[str] = "membership"

    case_id: Id
    person_id: Id
    sector: Sector
    ring: int = Field(default=2, ge=1, le=4, description="1 = closest circle, 4 = outermost")
    role_label: ShortText = ""
    status: DiscoveryStatus | None = None
    lead_source: LeadSource | None = None
    lead_date: PastDate | None = None
    confidence: Certainty | None = None
    support_ends: date | None = None
    offer: ShortText = Field(
        default="", description="what a practitioner or service offers this young person"
    )
    restrictions: list[Restriction] = Field(default_factory=list)
    added_by: ShortText = ""
    notes: LongText = ""

    @model_validator(mode="after")
    def _id_from_keys(self) -> Membership:
        expected = membership_id(self.case_id, self.person_id)
        if self.id != expected:
            raise ValueError(f"membership id must be {expected!r}")
        return self

    @classmethod
    def make(cls, case_id: str, person_id: str, **fields: Any) -> Membership:
        return cls(id=membership_id(case_id, person_id), case_id=case_id, person_id=person_id, **fields)


class Kin(Record):
    table: ClassVar[str] = "kin"
    id_prefix: ClassVar[str] = "k"

    from_id: Id
    to_id: Id
    kind: KinType
    source: LeadSource | None = None
    certainty: Certainty = Certainty.CONFIRMED
    notes: LongText = ""

    @model_validator(mode="after")
    def _two_ends(self) -> Kin:
        if self.from_id == self.to_id:
            raise ValueError("a kinship link needs two different people")
        return self


class Tie(Record):
    table: ClassVar[str] = "tie"
    id_prefix: ClassVar[str] = "t"

    case_id: Id
    from_id: Id
    to_id: Id
    valence: Valence = Valence.POSITIVE
    strength: int = Field(default=2, ge=1, le=3, description="1 tenuous, 2 moderate, 3 strong")
    frequency: ContactFrequency | None = None
    direction: SupportDirection = SupportDirection.NONE
    domains: list[SupportDomain] = Field(default_factory=list)
    since: PastDate | None = None
    until: date | None = None
    perspective: Perspective = Perspective.PRACTITIONER
    source: ShortText = ""
    recorded_on: PastDate | None = None
    notes: LongText = ""

    @model_validator(mode="after")
    def _two_ends(self) -> Tie:
        if self.from_id == self.to_id:
            raise ValueError("a tie needs two different people")
        if self.since and self.until and self.until < self.since:
            raise ValueError("until is before since")
        return self

    @field_validator("domains")
    @classmethod
    def _domains_in_order(cls, domains: list[SupportDomain]) -> list[SupportDomain]:
        if len(domains) < 2:
            return domains
        return sorted(set(domains), key=_DOMAIN_ORDER.__getitem__)


class ContactEvent(Record):
    table: ClassVar[str] = "contact_event"
    id_prefix: ClassVar[str] = "e"

    case_id: Id
    person_id: Id
    on: PastDate
    method: ContactMethod
    outcome: ShortText = ""
    next_step: ShortText = ""
    reminder_on: date | None = None
    done: bool = False
    by: ShortText = ""
    notes: LongText = ""


class Invitee(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    person_id: Id
    role: ShortText = ""
    status: InvitationStatus = InvitationStatus.PROPOSED
    needs: list[InviteeNeed] = Field(default_factory=list)
    information_giver: bool = False
    will_say: ShortText = ""
    notes: RestrictedLongText = _restricted(default="")


class PlanItem(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)
    id: Id = Field(default_factory=lambda: new_id("i"))
    what: ShortText
    owner_id: Id
    by_when: date | None = None
    status: PlanItemStatus = PlanItemStatus.AGREED
    notes: LongText = ""


class Conference(Record):
    table: ClassVar[str] = "conference"
    id_prefix: ClassVar[str] = "f"

    case_id: Id
    stage: ConferenceStage = ConferenceStage.REFERRAL
    referral_on: date | None = None
    conference_on: date | None = None
    review_on: date | None = None
    venue: ShortText = ""
    agenda: LongText = ""
    private_family_time: bool = True
    invitees: list[Invitee] = Field(default_factory=list)
    plan: list[PlanItem] = Field(default_factory=list)
    notes: LongText = ""


class User(Record):
    table: ClassVar[str] = "user"
    audit_exclude: ClassVar[set[str]] = {"password_hash"}

    display_name: ShortText = ""
    role: Role
    agency: ShortText = ""
    local_authority: ShortText = ""
    person_id: Id | None = Field(default=None, description="for a young person: their own Person")
    password_hash: str = Field(default="", repr=False)
    active: bool = True
    failed_logins: int = 0
    locked_until: datetime | None = None

    @property
    def username(self) -> str:
        return self.id


class Grant(Record):
    """A user's access to one case."""

    table: ClassVar[str] = "grant"

    username: Id
    case_id: Id

    @classmethod
    def make(cls, username: str, case_id: str) -> Grant:
        return cls(id=f"{username}|{case_id}", username=username, case_id=case_id)


class Network(BaseModel):
    """One case's map as a frozen, self-contained snapshot."""

    model_config = ConfigDict(extra="forbid")
    case: Case
    people: list[Person] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    kin: list[Kin] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> Network:
        ids = {p.id for p in self.people}
        if self.people and self.case.ego_id not in ids:
            raise ValueError("the case's young person must be a member of the network")
        for tie in self.ties:
            if tie.from_id not in ids or tie.to_id not in ids:
                raise ValueError(f"tie {tie.id} joins someone who is not in the network")
        return self

    @property
    def ego(self) -> Person:
        return next(p for p in self.people if p.id == self.case.ego_id)

    def person(self, person_id: str) -> Person:
        return next(p for p in self.people if p.id == person_id)

    def membership(self, person_id: str) -> Membership | None:
        return next((m for m in self.memberships if m.person_id == person_id), None)


class Snapshot(Record):
    table: ClassVar[str] = "snapshot"
    id_prefix: ClassVar[str] = "s"

    case_id: Id
    event: SnapshotEvent
    taken_on: PastDate
    label: ShortText = ""
    network: Network


class AuditEvent(BaseModel):
    """One append-only line of the audit trail."""

    model_config = ConfigDict(extra="forbid")
    seq: int = 0
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    case_id: str | None = None
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    outcome: str = "ok"


RECORD_TYPES: tuple[type[Record], ...] = (
    Person,
    Case,
    Membership,
    Kin,
    Tie,
    ContactEvent,
    Conference,
    Snapshot,
    User,
    Grant,
)
RecordT = TypeVar("RecordT", bound=Record)


class Dataset(BaseModel):
    """The netmap JSON interchange and backup format (see docs/json-format.md)."""

    model_config = ConfigDict(extra="forbid")
    format: str = FORMAT_NAME
    format_version: int = FORMAT_VERSION
    people: list[Person] = Field(default_factory=list)
    cases: list[Case] = Field(default_factory=list)
    memberships: list[Membership] = Field(default_factory=list)
    kin: list[Kin] = Field(default_factory=list)
    ties: list[Tie] = Field(default_factory=list)
    contact_events: list[ContactEvent] = Field(default_factory=list)
    conferences: list[Conference] = Field(default_factory=list)
    snapshots: list[Snapshot] = Field(default_factory=list)
    users: list[User] = Field(default_factory=list)
    grants: list[Grant] = Field(default_factory=list)

    @model_validator(mode="after")
    def _known_format(self) -> Dataset:
        if self.format != FORMAT_NAME:
            raise ValueError(f"format must be {FORMAT_NAME!r}")
        if self.format_version != FORMAT_VERSION:
            raise ValueError(
                f"format_version {self.format_version} is not supported (expected {FORMAT_VERSION})"
            )
        return self

    def records(self) -> list[Record]:
        """All records in dependency order (people before the cases that name them)."""
        return [
            *self.people,
            *self.cases,
            *self.memberships,
            *self.kin,
            *self.ties,
            *self.contact_events,
            *self.conferences,
            *self.snapshots,
            *self.users,
            *self.grants,
        ]


DATASET_FIELDS: dict[type[Record], str] = {
    Person: "people",
    Case: "cases",
    Membership: "memberships",
    Kin: "kin",
    Tie: "ties",
    ContactEvent: "contact_events",
    Conference: "conferences",
    Snapshot: "snapshots",
    User: "users",
    Grant: "grants",
}


# --------------------------------------------------------------------------- redaction


def restricted_fields(model: type[BaseModel]) -> set[str]:
    """Names of the fields of ``model`` marked restricted."""
    return {
        name
        for name, info in model.model_fields.items()
        if isinstance(info.json_schema_extra, dict) and info.json_schema_extra.get("restricted")
    }


ModelT = TypeVar("ModelT", bound=BaseModel)


def redact(obj: ModelT) -> ModelT:
    """A copy of ``obj`` with every restricted field, at any depth, reset to its default.

    >>> p = Person(id="p-1", name="Ann", phone="07700 900000")
    >>> redact(p).phone
    ''
    """
    updates: dict[str, Any] = {}
    for name in type(obj).model_fields:
        value = getattr(obj, name)
        if name in restricted_fields(type(obj)):
            updates[name] = type(obj).model_fields[name].get_default(call_default_factory=True)
        elif isinstance(value, BaseModel):
            updates[name] = redact(value)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            updates[name] = [redact(v) for v in value]
    return obj.model_copy(update=updates) if updates else obj
