"""Plain words for every recorded value, and UK dates: what a reader sees instead of field values.

Every renderer writes dates with :func:`uk_date` and enumeration values with :func:`words`, so no
ISO date, model field name or "None" reaches a picture, a page or a PDF.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from netmap.models import (
    Accommodation,
    Activity,
    Answer,
    CareStatus,
    CaseStage,
    Certainty,
    ConferenceStage,
    ContactFrequency,
    ContactMethod,
    CustodyReason,
    DiscoveryStatus,
    Ethnicity,
    FormerRelevantChild,
    Gender,
    InvitationStatus,
    InviteeNeed,
    JusticeEvent,
    KinType,
    LeadSource,
    Pathway,
    Person,
    PersonKind,
    Perspective,
    PlanItemStatus,
    PlanResponse,
    ReleaseCheck,
    RestrictionKind,
    ReviewPoint,
    Role,
    Sector,
    ServiceCategory,
    SnapshotEvent,
    StatutoryPlan,
    SupportDirection,
    SupportDomain,
    Valence,
)
from netmap.planning.support_ends import EndReason
from netmap.planning.transitions import TransitionKind

__all__ = [
    "MONTHS",
    "STRENGTH_WORDS",
    "name_not_known",
    "phrase",
    "tie_field",
    "tie_value",
    "uk_date",
    "words",
]

MONTHS = ("January February March April May June July August September October November December").split()
STRENGTH_WORDS = {1: "tenuous", 2: "moderate", 3: "strong"}
# The phrase netmap itself writes for a relative whose name nobody knows ("Father (name not known)"),
# and the shorter forms people type.
_NOT_KNOWN = re.compile(r"\((?:name )?not known\)\s*$|^\s*(?:\?+|unknown|not known)\s*$", re.I)

# Keyed by the enumeration and then the value: members of different enumerations with the same value
# ("review", "young_person") are equal strings, so one flat dict would mix them up.
_WORDS: dict[type[StrEnum], dict[str, str]] = {
    PersonKind: {"person": "Person", "service": "Service"},
    Gender: {"female": "Female", "male": "Male", "nonbinary": "Non-binary", "unknown": "Not known"},
    Sector: {
        "family": "Family",
        "friends": "Friends",
        "peers_community": "Peers & community",
        "professionals": "Professionals",
        "services": "Services",
    },
    CaseStage: {
        "referral": "Referral",
        "discovery": "Discovery",
        "preparation": "Preparation",
        "conference": "Conference",
        "review": "Review",
        "closed": "Closed",
    },
    DiscoveryStatus: {
        "identified": "Lead",
        "located": "Located",
        "contacted": "Contacted",
        "willing": "Willing",
        "safety_checked": "Safety-checked",
        "invited": "Invited",
        "attended": "Attended",
        "in_plan": "In the plan",
        "sustained_3m": "Kept up 3 months",
        "sustained_6m": "Kept up 6 months",
        "sustained_12m": "Kept up 12 months",
        "declined": "Declined",
        "not_safe": "Not safe",
        "deceased": "Died",
        "not_found": "Not found",
    },
    LeadSource: {
        "case_file": "Case file",
        "young_person": "The young person",
        "relative": "A relative",
        "search": "Search",
        "practitioner": "A practitioner",
        "import": "Imported file",
    },
    Certainty: {"confirmed": "Confirmed", "probable": "Probable", "possible": "Possible"},
    KinType: {
        "birth_parent": "Birth parent",
        "adoptive_parent": "Adoptive parent",
        "step_parent": "Step-parent",
        "foster_parent": "Foster carer",
        "kinship_carer": "Kinship carer",
        "sibling": "Brother or sister",
        "half_sibling": "Half-brother or half-sister",
        "married": "Married",
        "cohabiting": "Living together",
        "partner": "Partners",
        "separated": "Separated",
        "divorced": "Divorced",
        "ex_partner": "Former partners",
    },
    Valence: {"positive": "Positive", "mixed": "Mixed", "stressful": "Stressful", "harmful": "Harmful"},
    ContactFrequency: {
        "daily": "Every day",
        "weekly": "Every week",
        "monthly": "Every month",
        "few_times_a_year": "A few times a year",
        "yearly": "Once a year",
        "rarely": "Rarely",
        "none": "No contact",
    },
    SupportDirection: {
        "to_ego": "To the young person",
        "from_ego": "From the young person",
        "both": "Both ways",
        "none": "Not recorded",
    },
    SupportDomain: {
        "emotional": "Emotional",
        "practical": "Practical",
        "housing": "Housing",
        "money": "Money",
        "education_work": "Education or work",
        "health": "Health",
        "advice": "Advice",
        "leisure": "Leisure",
    },
    Perspective: {"young_person": "The young person's view", "practitioner": "The practitioner's view"},
    Role: {
        "admin": "Administrator",
        "coordinator": "Coordinator",
        "facilitator": "Facilitator",
        "practitioner": "Practitioner",
        "young_person": "Young person",
        "viewer": "Viewer",
        "commissioner": "Commissioner",
        "family": "Family member",
        "peer_mentor": "Peer mentor",
    },
    RestrictionKind: {
        "do_not_contact": "Do not contact",
        "do_not_disclose_location": "Where they live must not be shared",
        "court_order": "Court order",
        "licence_condition": "Licence condition",
        "non_association": "Non-association condition",
        "victim_contact_limit": "Victim contact limit",
    },
    ContactMethod: {
        "call": "Call",
        "letter": "Letter",
        "visit": "Visit",
        "message": "Message",
        "email": "E-mail",
        "note": "Note",
    },
    SnapshotEvent: {
        "referral": "Referral",
        "fgc": "Family group conference",
        "review": "Review",
        "release": "Release",
        "other": "Other",
    },
    ServiceCategory: {
        "housing": "Housing",
        "mental_health": "Mental health",
        "substance_misuse": "Drugs and alcohol",
        "family_support": "Family support",
        "education_work": "Education and work",
        "advocacy": "Advocacy",
        "leaving_care": "Leaving care",
        "probation": "Probation",
        "prison": "Prison",
        "health": "Health",
        "other": "Other",
    },
    ConferenceStage: {
        "referral": "Referral",
        "preparation": "Preparation",
        "information_giving": "Information giving",
        "private_family_time": "Private family time",
        "plan_agreed": "Plan agreed",
        "review": "Review",
    },
    InvitationStatus: {
        "proposed": "Proposed",
        "invited": "Invited",
        "accepted": "Accepted",
        "declined": "Declined",
        "blocked": "Blocked",
        "attended": "Attended",
    },
    InviteeNeed: {
        "advocate": "Advocate",
        "interpreter": "Interpreter",
        "access": "Access",
        "travel": "Travel",
    },
    PlanItemStatus: {
        "agreed": "Agreed",
        "in_progress": "In progress",
        "done": "Done",
        "not_done": "Not done",
    },
    ReviewPoint: {
        "referral": "At referral",
        "after_plan": "After the plan",
        "months_3": "Three months on",
        "months_6": "Six months on",
        "months_12": "Twelve months on",
    },
    Accommodation: {
        "own_tenancy": "Own tenancy",
        "family_or_friends": "Living with family or friends",
        "staying_put": "Staying put with former carers",
        "care_placement": "Care placement",
        "supported": "Supported housing or lodgings",
        "approved_premises": "Approved premises",
        "temporary": "Hostel, B&B or other temporary place",
        "sofa_surfing": "Sofa surfing",
        "rough_sleeping": "Sleeping rough",
        "custody": "In custody",
    },
    Activity: {
        "education": "In education",
        "training": "In training or an apprenticeship",
        "employed": "In work",
        "volunteering": "Volunteering",
        "not_in_eet": "Not in education, training or work",
        "unable": "Unable to work or study (illness, disability or caring)",
    },
    JusticeEvent: {"recall": "Recalled to prison", "reoffence": "Reoffended (proven)"},
    Pathway: {
        "accommodation": "Accommodation",
        "education_work": "Education, training and work",
        "health": "Health and mental health",
        "drugs_alcohol": "Drugs and alcohol",
        "finance": "Money, benefits and debt",
        "children_families": "Children and families",
        "attitudes": "Attitudes, thinking and behaviour",
        "id_documents": "ID documents",
        "staying_safe": "Staying safe",
    },
    Ethnicity: {
        "asian_indian": "Asian or Asian British: Indian",
        "asian_pakistani": "Asian or Asian British: Pakistani",
        "asian_bangladeshi": "Asian or Asian British: Bangladeshi",
        "asian_chinese": "Asian or Asian British: Chinese",
        "asian_other": "Asian or Asian British: any other Asian background",
        "black_caribbean": "Black, Black British, Caribbean or African: Caribbean",
        "black_african": "Black, Black British, Caribbean or African: African",
        "black_other": "Black, Black British, Caribbean or African: any other Black background",
        "mixed_white_black_caribbean": "Mixed or multiple: White and Black Caribbean",
        "mixed_white_black_african": "Mixed or multiple: White and Black African",
        "mixed_white_asian": "Mixed or multiple: White and Asian",
        "mixed_other": "Mixed or multiple: any other Mixed background",
        "white_british": "White: English, Welsh, Scottish, Northern Irish or British",
        "white_irish": "White: Irish",
        "white_gypsy_irish_traveller": "White: Gypsy or Irish Traveller",
        "white_roma": "White: Roma",
        "white_other": "White: any other White background",
        "other_arab": "Other ethnic group: Arab",
        "other_any": "Other ethnic group: any other",
        "prefer_not_to_say": "Prefers not to say",
    },
    CareStatus: {
        "looked_after": "In care now",
        "care_leaver": "Care leaver",
        "care_experienced": "Care experienced, not a care leaver",
        "not_care_experienced": "Not care experienced",
        "prefer_not_to_say": "Prefers not to say",
    },
    Answer: {"yes": "Yes", "no": "No", "prefer_not_to_say": "Prefers not to say"},
    StatutoryPlan: {
        "pathway_plan": "Pathway plan",
        "sentence_plan": "Sentence plan",
        "licence_condition": "Licence condition",
        "family_plan": "Family plan",
    },
    ReleaseCheck: {
        "release_night_accommodation": "Somewhere to stay on release night",
        "travel_from_gate": "Travel from the gate",
        "id": "Proof of identity (ID)",
        "bank_account": "A bank account",
        "benefits_claim": "A benefits claim",
        "gp_registration": "Registered with a GP",
        "prescription": "Prescriptions carried on",
        "first_probation_appointment": "The first probation appointment",
        "phone": "A phone",
    },
    PlanResponse: {"agreed": "I agree", "not_sure": "I'm not sure", "disagree": "I disagree"},
    CustodyReason: {
        "remand": "Remand",
        "sentence": "Sentence",
        "transfer": "Transfer from another prison",
        "recall": "Recall to prison",
    },
    FormerRelevantChild: {"yes": "Yes", "no": "No", "not_sure": "Not sure"},
    EndReason: {
        "tie_until": "The relationship is recorded as ending",
        "support_ends": "Support recorded as ending",
        "children_18": "Children's services end at 18",
        "leaving_care_21": "Personal adviser ends at 21",
        "leaving_care_25": "Leaving care ends at 25",
        "release": "Release from prison",
        "licence_end": "The licence ends",
        "sentence_end": "The sentence ends",
    },
    TransitionKind: {
        "turns_18": "Turns 18",
        "turns_21": "Turns 21",
        "turns_25": "Turns 25",
        "release": "Release",
        "licence_end": "Licence ends",
        "sentence_end": "Sentence ends",
        "support_ends": "Support ends",
    },
}


def words(value: StrEnum) -> str:
    """The plain words for a recorded value, as a label (capital first letter).

    >>> words(Sector.PEERS_COMMUNITY), words(DiscoveryStatus.SAFETY_CHECKED)
    ('Peers & community', 'Safety-checked')
    """
    return _WORDS[type(value)][value.value]


def phrase(value: StrEnum) -> str:
    """:func:`words` for the middle of a sentence: the first letter in lower case.

    >>> phrase(ContactFrequency.WEEKLY)
    'every week'
    """
    text = words(value)
    return text[:1].lower() + text[1:]


_TIE_FIELDS: dict[str, tuple[str, type[StrEnum] | None]] = {
    "valence": ("How it feels", Valence),
    "strength": ("How strong", None),
    "frequency": ("How often in touch", ContactFrequency),
    "direction": ("Who helps whom", SupportDirection),
    "domains": ("Help with", SupportDomain),
}


def tie_field(field: str) -> str:
    """A tie's field in plain words, as the two perspectives compare them.

    >>> tie_field("frequency")
    'How often in touch'
    """
    return _TIE_FIELDS[field][0] if field in _TIE_FIELDS else field.replace("_", " ").capitalize()


def tie_value(field: str, text: str) -> str:
    """A tie's recorded value (several separated by commas) in plain words; empty: not recorded.

    >>> tie_value("domains", "housing,education_work"), tie_value("strength", "3"), tie_value("valence", "")
    ('Housing, education or work', 'Strong', 'Not recorded')
    """
    if not text:
        return "Not recorded"
    vocabulary = _TIE_FIELDS.get(field, ("", None))[1]
    if field == "strength" and text.isdigit() and int(text) in STRENGTH_WORDS:
        return STRENGTH_WORDS[int(text)].capitalize()
    if vocabulary is None:
        return text
    known = _WORDS[vocabulary]
    said = [known.get(part, part) for part in text.split(",")]
    return ", ".join([said[0], *(x[:1].lower() + x[1:] for x in said[1:])])


def uk_date(day: date) -> str:
    """``day`` as people in the UK write it, whatever the server's locale.

    >>> uk_date(date(2027, 3, 5))
    '5 March 2027'
    """
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def name_not_known(person: Person) -> bool:
    """Whether ``person`` stands for someone whose name nobody knows yet ("Father (name not known)").

    >>> name_not_known(Person(id="p", name="Father (not known)")), name_not_known(Person(id="q", name="Ann"))
    (True, False)
    """
    return bool(_NOT_KNOWN.search(person.name))
