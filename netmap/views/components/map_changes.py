"""Changes made on the ecomap, by pointer or keyboard: each goes through the services with the actor and
the version the person saw, and each knows the changes that would undo it.

A change from the browser is untrusted input: ``parse_change`` checks it field by field. The young
person's view and the practitioner's are edited apart: in the young person's view a placement is
kept in ``Membership.young_person_place`` and a relationship is a tie from their perspective.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter

from netmap.bootstrap import Services
from netmap.errors import NotFound
from netmap.models import (
    Id,
    MapPlace,
    MapPoint,
    Membership,
    Name,
    Network,
    Person,
    PersonKind,
    Perspective,
    Role,
    Sector,
    SupportDirection,
    SupportDomain,
    Tie,
    Valence,
    new_id,
)
from netmap.renderers.ecomap_layout import SECTOR_LABELS, ring_at, sector_at
from netmap.services.access import Actor

__all__ = [
    "AddPerson",
    "Change",
    "Done",
    "DrawTie",
    "MapChanges",
    "Place",
    "RemoveTie",
    "Retry",
    "Undo",
    "flow_of",
    "parse_change",
]

Flow = Literal["a_to_b", "b_to_a", "both", "none"]
# the outer edge of ring 4's band is not quite inside it: a drop beyond the map stays in ring 4
_OUTERMOST = 4.49


class _BrowserChange(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    nonce: int | None = None  # makes two identical gestures two events


class Place(_BrowserChange):
    """Put someone somewhere: at a point (its sector and ring follow), or in a sector and ring."""

    op: Literal["place"] = "place"
    person: Id
    version: int = Field(ge=0)
    sector: Sector | None = None
    ring: int | None = Field(default=None, ge=1, le=4)
    angle: float | None = Field(default=None, ge=-720, le=720)
    distance: float | None = Field(default=None, ge=0, le=10)


class AddPerson(_BrowserChange):
    op: Literal["add"] = "add"
    name: Name
    sector: Sector | None = None
    ring: int | None = Field(default=None, ge=1, le=4)
    angle: float | None = Field(default=None, ge=-720, le=720)
    distance: float | None = Field(default=None, ge=0, le=10)


class DrawTie(_BrowserChange):
    """Record a relationship between ``a`` and ``b`` (``id`` and ``version`` given: change that one)."""

    op: Literal["tie"] = "tie"
    a: Id
    b: Id
    id: Id | None = None
    version: int = Field(default=0, ge=0)
    strength: int = Field(ge=1, le=3)
    valence: Valence
    flow: Flow = "none"
    domains: list[SupportDomain] = Field(default_factory=list, max_length=len(SupportDomain))


class RemoveTie(_BrowserChange):
    op: Literal["untie"] = "untie"
    id: Id
    version: int = Field(ge=0)


class Undo(_BrowserChange):
    op: Literal["undo"] = "undo"


class Retry(_BrowserChange):
    """Make the change that met someone else's newer version, on top of that version."""

    op: Literal["retry"] = "retry"


BrowserChange = Annotated[Place | AddPerson | DrawTie | RemoveTie | Undo | Retry, Field(discriminator="op")]
_BROWSER = TypeAdapter(BrowserChange)


@dataclass(frozen=True)
class _RewriteMember:
    membership: Membership


@dataclass(frozen=True)
class _RewriteTie:
    tie: Tie


@dataclass(frozen=True)
class _RestoreTie:
    tie: Tie


@dataclass(frozen=True)
class _RemovePerson:
    """Undo of adding someone: only the person just added, at the version the add wrote."""

    person_id: str
    version: int


Change = Place | AddPerson | DrawTie | RemoveTie | _RewriteMember | _RewriteTie | _RestoreTie | _RemovePerson


@dataclass(frozen=True)
class Done:
    """What a change did, in words, the changes that undo it (None: it cannot be undone here), and
    the people whose place or relationships it changed."""

    message: str
    undo: tuple[Change, ...] | None
    people: frozenset[str] = frozenset()


def parse_change(raw: object) -> Place | AddPerson | DrawTie | RemoveTie | Undo | Retry:
    """The change a browser sent, checked; raises pydantic's ValidationError for anything else.

    >>> parse_change({"op": "place", "person": "p-1", "version": 2, "ring": 1}).ring
    1
    """
    return _BROWSER.validate_python(raw)


def flow_of(tie: Tie, ego_id: str) -> Flow:
    """Which way support flows along ``tie``, with ``a`` its ``from_id`` and ``b`` its ``to_id``.

    >>> flow_of(Tie(id="t", case_id="c", from_id="me", to_id="nan", direction="to_ego"), "me")
    'b_to_a'
    """
    if tie.direction is SupportDirection.BOTH:
        return "both"
    if tie.direction is SupportDirection.NONE:
        return "none"
    # between two members "to ego" reads "towards to_id"; from the young person it reads as named
    towards_b = (tie.direction is SupportDirection.FROM_EGO) == (tie.from_id == ego_id)
    return "a_to_b" if towards_b else "b_to_a"


def _direction(flow: Flow, from_id: str, ego_id: str) -> SupportDirection:
    if flow == "both":
        return SupportDirection.BOTH
    if flow == "none":
        return SupportDirection.NONE
    towards_b = flow == "a_to_b"
    return SupportDirection.FROM_EGO if towards_b == (from_id == ego_id) else SupportDirection.TO_EGO


def _point(angle: float | None, distance: float | None) -> MapPoint | None:
    if angle is None or distance is None:
        return None
    return MapPoint(angle=angle, distance=min(_OUTERMOST, max(0.5, distance)))


class MapChanges:
    """Apply changes to one case's map in one view, as ``actor``."""

    def __init__(self, services: Services, actor: Actor, case_id: str, view: Perspective | None) -> None:
        self.services = services
        self.actor = actor
        self.case_id = case_id
        self.view = view

    @property
    def own_view(self) -> bool:
        return self.view is Perspective.YOUNG_PERSON

    @property
    def may_remove(self) -> bool:
        return self.actor.role is not Role.YOUNG_PERSON

    def network(self) -> Network:
        return self.services.cases.get_network(self.actor, self.case_id)

    def place_of(self, membership: Membership) -> MapPlace:
        """Where ``membership``'s person sits in this view."""
        if self.own_view and membership.young_person_place is not None:
            return membership.young_person_place
        return MapPlace(sector=membership.sector, ring=membership.ring, point=membership.map_point)

    # ------------------------------------------------------------------ applying

    def apply(self, change: Change) -> Done:
        """Make ``change``; raises the services' errors (ConflictError for a stale version)."""
        network = self.network()
        match change:
            case Place():
                return self._place(network, change)
            case AddPerson():
                return self._add(network, change)
            case DrawTie():
                return self._tie(network, change)
            case RemoveTie():
                return self._untie(network, change)
            case _RewriteMember():
                return self._rewrite_member(network, change.membership)
            case _RewriteTie():
                return self._rewrite_tie(network, change.tie)
            case _RestoreTie():
                written = self.services.network.add_tie(self.actor, change.tie)
                undo = RemoveTie(id=written.id, version=written.version)
                return Done(f"The relationship {_pair(network, written)} is back.", (undo,), _ends(written))
            case _RemovePerson():
                name = _name(network, change.person_id)
                self.services.network.remove_member(
                    self.actor, self.case_id, change.person_id, change.version
                )
                return Done(f"{name} is no longer on this map.", None, frozenset({change.person_id}))
        raise TypeError(f"not a map change: {change!r}")

    def _place(self, network: Network, change: Place) -> Done:
        stored = _member(network, change.person)
        before = self.place_of(stored)
        point = _point(change.angle, change.distance)
        if point is not None:
            sector, ring = sector_at(point.angle), ring_at(point.distance)
        else:
            sector, ring = change.sector or before.sector, change.ring or before.ring
            if before.point is not None and sector is before.sector:
                # moved in or out from the panel or the list: keep the angle they chose
                point = MapPoint(angle=before.point.angle, distance=ring)
        place = MapPlace(sector=sector, ring=ring, point=point)
        if self.own_view:
            update: dict[str, object] = {"young_person_place": place}
        else:
            update = {"sector": sector, "ring": ring, "map_point": point}
        changed = Membership.model_validate({**stored.model_dump(), **update, "version": change.version})
        written = self.services.network.update_membership(self.actor, changed)
        undo = _RewriteMember(stored.model_copy(update={"version": written.version}))
        where = f"ring {ring}, {SECTOR_LABELS[sector]}"
        return Done(
            f"{_name(network, change.person)} is now in {where}.", (undo,), frozenset({change.person})
        )

    def _rewrite_member(self, network: Network, membership: Membership) -> Done:
        stored = _member(network, membership.person_id)
        written = self.services.network.update_membership(self.actor, membership)
        undo = _RewriteMember(stored.model_copy(update={"version": written.version}))
        name = _name(network, membership.person_id)
        return Done(f"{name} is back where they were.", (undo,), frozenset({membership.person_id}))

    def _rewrite_tie(self, network: Network, tie: Tie) -> Done:
        stored = _tie(network, tie.id)
        written = self.services.network.update_tie(self.actor, tie)
        undo = _RewriteTie(stored.model_copy(update={"version": written.version}))
        return Done(f"The relationship {_pair(network, tie)} is as it was.", (undo,), _ends(tie))

    def _add(self, network: Network, change: AddPerson) -> Done:
        point = _point(change.angle, change.distance)
        sector = sector_at(point.angle) if point else change.sector or Sector.FRIENDS
        ring = ring_at(point.distance) if point else change.ring or 2
        # a place named on the map is drawn as a service; it joins the directory only when the directory says so
        kind = PersonKind.SERVICE if sector is Sector.SERVICES else PersonKind.PERSON
        person = Person(id=new_id("p"), name=change.name, kind=kind)
        place = MapPlace(sector=sector, ring=ring, point=point)
        membership = Membership.make(
            self.case_id,
            person.id,
            sector=sector,
            ring=ring,
            map_point=point,
            young_person_place=place if self.own_view else None,
        )
        written = self.services.network.add_member(self.actor, self.case_id, person, membership)
        where = f"ring {ring}, {SECTOR_LABELS[sector]}"
        # a young person may not take people off their map (the services say so), so their add stays
        undo = (_RemovePerson(person.id, written.version),) if self.may_remove else None
        return Done(f"{person.display_name} is on the map in {where}.", undo)

    def _tie(self, network: Network, change: DrawTie) -> Done:
        ego = network.case.ego_id
        fields = {
            "strength": change.strength,
            "valence": change.valence,
            "domains": change.domains,
            "recorded_on": date.today(),
        }
        if change.id is None:
            a, b, flow = change.a, change.b, change.flow
            if b == ego:  # the young person's ties start from them, as everywhere else in netmap
                a, b = b, a
                flow = {"a_to_b": "b_to_a", "b_to_a": "a_to_b"}.get(flow, flow)  # type: ignore[assignment]
            _member(network, a), _member(network, b)
            tie = Tie(
                id=new_id("t"),
                case_id=self.case_id,
                from_id=a,
                to_id=b,
                direction=_direction(flow, a, ego),
                perspective=self.view or Perspective.PRACTITIONER,
                source=self.actor.username,
                **fields,  # type: ignore[arg-type]
            )
            written = self.services.network.add_tie(self.actor, tie)
            undo: tuple[Change, ...] = (RemoveTie(id=tie.id, version=written.version),)
            return Done(f"The relationship {_pair(network, tie)} is saved.", undo, _ends(tie))
        stored = _tie(network, change.id)
        changed = Tie.model_validate(
            {
                **stored.model_dump(),
                **fields,
                "direction": _direction(change.flow, stored.from_id, ego),
                "version": change.version,
            }
        )
        written = self.services.network.update_tie(self.actor, changed)
        undo = (_RewriteTie(stored.model_copy(update={"version": written.version})),)
        return Done(f"The relationship {_pair(network, stored)} is saved.", undo, _ends(stored))

    def _untie(self, network: Network, change: RemoveTie) -> Done:
        stored = _tie(network, change.id)
        self.services.network.remove_tie(self.actor, self.case_id, change.id, change.version)
        undo = (_RestoreTie(stored.model_copy(update={"version": 0})),)
        return Done(f"The relationship {_pair(network, stored)} is removed.", undo, _ends(stored))

    # ------------------------------------------------------------------ after a conflict

    def on_current_version(self, change: Change) -> Change:
        """``change`` re-based on the version stored now: the person chose to make it anyway."""
        network = self.network()
        match change:
            case Place():
                return change.model_copy(update={"version": _member(network, change.person).version})
            case DrawTie(id=str(tie_id)) | RemoveTie(id=tie_id):
                return change.model_copy(update={"version": _tie(network, tie_id).version})
        return change

    def subject(self, change: Change) -> str:
        """Who or what ``change`` is about, in words, for a message."""
        network = self.network()
        match change:
            case Place():
                return _name(network, change.person)
            case DrawTie(id=str(tie_id)) | RemoveTie(id=tie_id):
                tie = next((t for t in network.ties if t.id == tie_id), None)
                return f"the relationship {_pair(network, tie)}" if tie else "a relationship"
        return "this map"


def _member(network: Network, person_id: str) -> Membership:
    membership = network.membership(person_id)
    if membership is None:
        raise NotFound("That person is no longer on this map.")
    return membership


def _tie(network: Network, tie_id: str) -> Tie:
    tie = next((t for t in network.ties if t.id == tie_id), None)
    if tie is None:
        raise NotFound("That relationship is no longer on this map.")
    return tie


def _name(network: Network, person_id: str) -> str:
    return next((p.display_name for p in network.people if p.id == person_id), "Someone")


def _ends(tie: Tie) -> frozenset[str]:
    return frozenset({tie.from_id, tie.to_id})


def _pair(network: Network, tie: Tie) -> str:
    return f"between {_name(network, tie.from_id)} and {_name(network, tie.to_id)}"
