"""Plain words for every recorded value, and UK dates: what a reader sees instead of field values.

Every renderer writes dates with :func:`uk_date` and enumeration values with :func:`words`, so no
ISO date, model field name or "None" reaches a picture, a page or a PDF.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from netmap.models import (
    CaseStage,
    Certainty,
    ConferenceStage,
    ContactFrequency,
    ContactMethod,
    DiscoveryStatus,
    Gender,
    InvitationStatus,
    InviteeNeed,
    KinType,
    LeadSource,
    Person,
    PersonKind,
    Perspective,
    PlanItemStatus,
    RestrictionKind,
    Role,
    Sector,
    ServiceCategory,
    SnapshotEvent,
    SupportDirection,
    SupportDomain,
    Valence,
)

__all__ = ["MONTHS", "STRENGTH_WORDS", "name_not_known", "phrase", "uk_date", "words"]

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
