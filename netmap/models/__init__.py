"""Domain types and vocabularies of netmap (pydantic v2); imports nothing from netmap.

Every stored record has an ``id`` and a ``version``. Fields marked ``restricted`` hold
sensitive details (addresses, phone numbers, safeguarding notes, restriction details);
``redact`` drops them so every layer can hand out a safe copy.

Modules by meaning: ``vocabularies`` (every enumeration), ``fields`` (checked text, ids, dates),
``record`` (the base), ``people``, ``cases``, ``links`` (memberships, restrictions, kin, ties, contacts),
``conferences``, ``accounts`` (users, grants, audit), ``network`` (a case's whole map, snapshots),
``dataset`` (the JSON format) and ``redaction``. Import from ``netmap.models``.
"""

from __future__ import annotations

from netmap.models.accounts import AuditEvent, Grant, User
from netmap.models.cases import Case, ConsentRecord, Sharing
from netmap.models.conferences import Conference, Invitee, PlanItem
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
from netmap.models.vocabularies import (
    COUPLE_KINDS,
    DOMAIN_ORDER,
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

__all__ = [
    "AuditEvent",
    "COUPLE_KINDS",
    "Case",
    "CaseStage",
    "Certainty",
    "Conference",
    "ConferenceStage",
    "ConsentRecord",
    "ContactEvent",
    "ContactFrequency",
    "ContactMethod",
    "DATASET_FIELDS",
    "DOMAIN_ORDER",
    "Dataset",
    "DiscoveryStatus",
    "FORMAT_NAME",
    "FORMAT_VERSION",
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
    "PastDate",
    "Person",
    "PersonKind",
    "Perspective",
    "PlanItem",
    "PlanItemStatus",
    "RECORD_TYPES",
    "Record",
    "RecordT",
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
