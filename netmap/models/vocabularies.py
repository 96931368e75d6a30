"""The words netmap records with: every enumeration of the domain, one place for each."""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "COUPLE_KINDS",
    "Accommodation",
    "Activity",
    "Answer",
    "CareStatus",
    "Ethnicity",
    "JusticeEvent",
    "ReviewPoint",
    "CaseStage",
    "Certainty",
    "CustodyReason",
    "ConferenceStage",
    "ContactFrequency",
    "ContactMethod",
    "DOMAIN_ORDER",
    "DiscoveryStatus",
    "FormerRelevantChild",
    "Gender",
    "InvitationStatus",
    "InviteeNeed",
    "KinType",
    "LeadSource",
    "Pathway",
    "PersonKind",
    "Perspective",
    "PlanItemStatus",
    "PlanResponse",
    "ReleaseCheck",
    "RestrictionKind",
    "Role",
    "Sector",
    "ServiceCategory",
    "SnapshotEvent",
    "StatutoryPlan",
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
    COMMISSIONER = "commissioner"
    # A relative who owns plan items: sees and updates those items and the conference's date and venue.
    FAMILY = "family"
    # A prison peer mentor who helps young adults refer themselves: may create referrals, sees nothing.
    PEER_MENTOR = "peer_mentor"


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


# --------------------------------------------------------------------------- outcomes over time


class ReviewPoint(StrEnum):
    """When an outcome or a network is measured, for before-and-after comparisons."""

    REFERRAL = "referral"
    AFTER_PLAN = "after_plan"
    MONTHS_3 = "months_3"
    MONTHS_6 = "months_6"
    MONTHS_12 = "months_12"


class Accommodation(StrEnum):
    """Where the young person lives (or slept on the night of release)."""

    OWN_TENANCY = "own_tenancy"
    FAMILY_OR_FRIENDS = "family_or_friends"
    STAYING_PUT = "staying_put"
    CARE_PLACEMENT = "care_placement"
    SUPPORTED = "supported"
    APPROVED_PREMISES = "approved_premises"
    TEMPORARY = "temporary"
    SOFA_SURFING = "sofa_surfing"
    ROUGH_SLEEPING = "rough_sleeping"
    CUSTODY = "custody"


class Activity(StrEnum):
    """Education, training or work."""

    EDUCATION = "education"
    TRAINING = "training"
    EMPLOYED = "employed"
    VOLUNTEERING = "volunteering"
    NOT_IN_EET = "not_in_eet"
    UNABLE = "unable"


class JusticeEvent(StrEnum):
    RECALL = "recall"
    REOFFENCE = "reoffence"


class Pathway(StrEnum):
    """The seven resettlement pathways prison and probation plan around, with ID and staying safe."""

    ACCOMMODATION = "accommodation"
    EDUCATION_WORK = "education_work"
    HEALTH = "health"
    DRUGS_ALCOHOL = "drugs_alcohol"
    FINANCE = "finance"
    CHILDREN_FAMILIES = "children_families"
    ATTITUDES = "attitudes"
    ID_DOCUMENTS = "id_documents"
    STAYING_SAFE = "staying_safe"


# --------------------------------------------------------------------------- equality monitoring


class Ethnicity(StrEnum):
    """The 19 ethnic groups of the ONS 2021 Census (England and Wales); the prefix names the broad group."""

    ASIAN_INDIAN = "asian_indian"
    ASIAN_PAKISTANI = "asian_pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi"
    ASIAN_CHINESE = "asian_chinese"
    ASIAN_OTHER = "asian_other"
    BLACK_CARIBBEAN = "black_caribbean"
    BLACK_AFRICAN = "black_african"
    BLACK_OTHER = "black_other"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african"
    MIXED_WHITE_ASIAN = "mixed_white_asian"
    MIXED_OTHER = "mixed_other"
    WHITE_BRITISH = "white_british"
    WHITE_IRISH = "white_irish"
    WHITE_GYPSY_IRISH_TRAVELLER = "white_gypsy_irish_traveller"
    WHITE_ROMA = "white_roma"
    WHITE_OTHER = "white_other"
    OTHER_ARAB = "other_arab"
    OTHER_ANY = "other_any"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"

    @property
    def group(self) -> str:
        """The broad ONS group: asian, black, mixed, white, other, or prefer_not_to_say."""
        return self.value if self is Ethnicity.PREFER_NOT_TO_SAY else self.value.split("_", 1)[0]


class CareStatus(StrEnum):
    LOOKED_AFTER = "looked_after"
    CARE_LEAVER = "care_leaver"
    CARE_EXPERIENCED = "care_experienced"
    NOT_CARE_EXPERIENCED = "not_care_experienced"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


class Answer(StrEnum):
    """A yes-or-no monitoring answer someone may decline to give."""

    YES = "yes"
    NO = "no"
    PREFER_NOT_TO_SAY = "prefer_not_to_say"


# --------------------------------------------------------------------------- the integrated plan


class StatutoryPlan(StrEnum):
    """The statutory plans one integrated plan item can serve at once."""

    PATHWAY_PLAN = "pathway_plan"
    SENTENCE_PLAN = "sentence_plan"
    LICENCE_CONDITION = "licence_condition"
    FAMILY_PLAN = "family_plan"


class ReleaseCheck(StrEnum):
    """What must be in place on the day a young adult leaves prison."""

    RELEASE_NIGHT_ACCOMMODATION = "release_night_accommodation"
    TRAVEL_FROM_GATE = "travel_from_gate"
    ID = "id"
    BANK_ACCOUNT = "bank_account"
    BENEFITS_CLAIM = "benefits_claim"
    GP_REGISTRATION = "gp_registration"
    PRESCRIPTION = "prescription"
    FIRST_PROBATION_APPOINTMENT = "first_probation_appointment"
    PHONE = "phone"


class PlanResponse(StrEnum):
    """The young person's own answer to a plan item."""

    AGREED = "agreed"
    NOT_SURE = "not_sure"
    DISAGREE = "disagree"


class CustodyReason(StrEnum):
    """Why a spell in custody began."""

    REMAND = "remand"
    SENTENCE = "sentence"
    TRANSFER = "transfer"
    RECALL = "recall"


class FormerRelevantChild(StrEnum):
    """Whether a care leaver is a "former relevant child" (leaving-care duties to 21, or 25 on request)."""

    YES = "yes"
    NO = "no"
    NOT_SURE = "not_sure"
