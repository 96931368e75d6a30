"""The words netmap records with: every enumeration of the domain, one place for each."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "COUPLE_KINDS",
    "CaseStage",
    "Certainty",
    "ConferenceStage",
    "ContactFrequency",
    "ContactMethod",
    "DOMAIN_ORDER",
    "DiscoveryStatus",
    "Gender",
    "InvitationStatus",
    "InviteeNeed",
    "KinType",
    "LeadSource",
    "PersonKind",
    "Perspective",
    "PlanItemStatus",
    "RestrictionKind",
    "Role",
    "Sector",
    "ServiceCategory",
    "SnapshotEvent",
    "SupportDirection",
    "SupportDomain",
    "Valence",
]


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
        return self in COUPLE_KINDS


COUPLE_KINDS = {
    KinType.MARRIED,
    KinType.COHABITING,
    KinType.PARTNER,
    KinType.SEPARATED,
    KinType.DIVORCED,
    KinType.EX_PARTNER,
}


DOMAIN_ORDER: dict[str, int] = {}


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


DOMAIN_ORDER.update({d: i for i, d in enumerate(SupportDomain)})


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
    ATTENDED = "attended"


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
