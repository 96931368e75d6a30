"""How a record read from another tool's file meets the record netmap already holds under its id.

Foreign formats (CSV, XLSX, Kumu, GraphML, GEDCOM, Network Canvas) never carry restricted
details, and many carry fewer fields than netmap keeps; an export edited elsewhere and imported
back must update what was changed and keep the rest. So a field the file leaves at its default is
kept as stored (an import never clears), and the rest is compared:

- the same content: unchanged;
- changed, and the file has the version netmap holds: an update, checked against that version;
- changed, but netmap's record moved on since the export (another version): a conflict, listed
  in the import report and not applied.
"""

from __future__ import annotations

from typing import Literal, TypeVar

from netmap.models import Kin, KinType, Record

__all__ = ["Meeting", "kin_key", "meet"]

RecordT = TypeVar("RecordT", bound=Record)
Meeting = Literal["unchanged", "update", "conflict"]


def _kept(incoming: RecordT, stored: RecordT) -> RecordT:
    """``incoming`` with every field it leaves at its default filled from ``stored``.

    >>> from netmap.models import Person
    >>> stored = Person(id="p-1", name="Ann Lee", phone="07700 900123", version=3)
    >>> _kept(Person(id="p-1", name="Ann Leigh", version=3), stored).phone
    '07700 900123'
    """
    fields = type(incoming).model_fields
    update = {}
    for name, info in fields.items():
        if name in {"id", "version"}:
            continue
        value = getattr(incoming, name)
        if value == info.get_default(call_default_factory=True) and getattr(stored, name) != value:
            update[name] = getattr(stored, name)
    return incoming.model_copy(update=update) if update else incoming


def meet(incoming: RecordT, stored: RecordT) -> tuple[Meeting, RecordT]:
    """What importing ``incoming`` over ``stored`` does, and the record it would write.

    >>> from netmap.models import Person
    >>> stored = Person(id="p-1", name="Ann Lee", phone="07700 900123", version=3)
    >>> meet(Person(id="p-1", name="Ann Lee", version=3), stored)[0]
    'unchanged'
    >>> kind, record = meet(Person(id="p-1", name="Ann Leigh", version=3), stored)
    >>> kind, record.name, record.phone
    ('update', 'Ann Leigh', '07700 900123')
    >>> meet(Person(id="p-1", name="Ann Leigh", version=2), stored)[0]
    'conflict'
    """
    merged = _kept(incoming, stored).model_copy(update={"version": stored.version})
    if merged == stored:
        return "unchanged", stored
    if incoming.version == stored.version:
        return "update", merged
    return "conflict", merged


_SYMMETRIC = {KinType.SIBLING, KinType.HALF_SIBLING} | {k for k in KinType if k.is_couple}


def kin_key(kin: Kin) -> tuple[str, str, str]:
    """What makes two kin links the same fact, whatever their ids (a GEDCOM file makes new ids):
    the two people and the kind, in either order for siblings and couples.

    >>> a = Kin(id="k-1", from_id="p-2", to_id="p-1", kind="married")
    >>> kin_key(a) == kin_key(a.model_copy(update={"id": "k-9", "from_id": "p-1", "to_id": "p-2"}))
    True
    """
    ends = sorted((kin.from_id, kin.to_id)) if kin.kind in _SYMMETRIC else [kin.from_id, kin.to_id]
    return ends[0], ends[1], kin.kind.value
