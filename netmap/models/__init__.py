"""Domain types and vocabularies of netmap (pydantic v2); imports nothing from netmap.

Every stored record has an ``id`` and a ``version``. Fields marked ``restricted`` hold
sensitive details (addresses, phone numbers, safeguarding notes, restriction details);
``redact`` drops them so every layer can hand out a safe copy.

Modules by meaning: ``vocabularies`` (every enumeration), ``fields`` (checked text, ids, dates),
``record`` (the base), ``people``, ``cases``, ``resettlement`` (custody, care status, the young
person's own words and views), ``links`` (memberships, restrictions, kin, ties, contacts),
``conferences``, ``accounts`` (users, grants, audit), ``network`` (a case's whole map, snapshots),
``dataset`` (the JSON format) and ``redaction``. Import from ``netmap.models``.
"""

from __future__ import annotations

from netmap.models.accounts import AuditEvent, Grant, User
from netmap.models.cases import Case, ConsentRecord, Sharing
from netmap.models.conferences import CHECK_PATHWAY, Conference, Invitee, PlanItem
from netmap.models.dataset import DATASET_FIELDS, FORMAT_NAME, FORMAT_VERSION, RECORD_TYPES, Dataset, RecordT
from netmap.models.fields import (
    STORED,
    Id,
    LongText,
    Name,
    PastDate,
    RestrictedLongText,
    RestrictedShortText,
    ShortText,
    membership_id,
    new_id,
    restricted_field,
)
from netmap.models.links import ContactEvent, Kin, MapPlace, MapPoint, Membership, Restriction, Tie
from netmap.models.network import Network, Snapshot
from netmap.models.people import Person, ServiceInfo
from netmap.models.record import Record
from netmap.models.redaction import ModelT, redact, restricted_fields
from netmap.models.resettlement import CareStatus, CustodySpell, OwnWords, PlanView
from netmap.models.vocabularies import (
    COUPLE_KINDS,
    DOMAIN_ORDER,
    CaseStage,
    Certainty,
    ConferenceStage,
    ContactFrequency,
    ContactMethod,
    CustodyReason,
    DiscoveryStatus,
    FormerRelevantChild,
    Gender,
    InvitationStatus,
    InviteeNeed,
    KinType,
    LeadSource,
    Pathway,
    PersonKind,
    Perspective,
    PlanItemStatus,
    PlanResponse,
    ReleaseCheck,
    RestrictionKind,
    Role,
    Sector,
    ServiceCategory,
    SnapshotEvent,
    StatutoryPlan,
    SupportDirection,
    SupportDomain,
    Valence,
)

__all__ = [
    "AuditEvent",
    "CHECK_PATHWAY",
    "COUPLE_KINDS",
    "CareStatus",
    "Case",
    "CaseStage",
    "Certainty",
    "Conference",
    "ConferenceStage",
    "ConsentRecord",
    "ContactEvent",
    "ContactFrequency",
    "ContactMethod",
    "CustodyReason",
    "CustodySpell",
    "DATASET_FIELDS",
    "DOMAIN_ORDER",
    "Dataset",
    "DiscoveryStatus",
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "FormerRelevantChild",
    "Gender",
    "Grant",
    "Id",
    "InvitationStatus",
    "Invitee",
    "InviteeNeed",
    "Kin",
    "KinType",
    "LeadSource",
    "LongText",
    "MapPlace",
    "MapPoint",
    "Membership",
    "ModelT",
    "Name",
    "Network",
    "OwnWords",
    "PastDate",
    "Pathway",
    "Person",
    "PersonKind",
    "Perspective",
    "PlanItem",
    "PlanItemStatus",
    "PlanResponse",
    "PlanView",
    "RECORD_TYPES",
    "Record",
    "RecordT",
    "ReleaseCheck",
    "RestrictedLongText",
    "RestrictedShortText",
    "Restriction",
    "RestrictionKind",
    "Role",
    "STORED",
    "Sector",
    "ServiceCategory",
    "ServiceInfo",
    "Sharing",
    "ShortText",
    "Snapshot",
    "SnapshotEvent",
    "StatutoryPlan",
    "SupportDirection",
    "SupportDomain",
    "Tie",
    "User",
    "Valence",
    "membership_id",
    "new_id",
    "redact",
    "restricted_field",
    "restricted_fields",
]
