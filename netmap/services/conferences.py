"""Use cases of family group conferences: records, safety-gated invitations, the plan, review, pack."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from netmap.errors import AccessDenied, NotFound, ValidationFailed
from netmap.models import (
    Case,
    Conference,
    ConferenceStage,
    DiscoveryStatus,
    InvitationStatus,
    Invitee,
    Membership,
    Network,
    PlanItem,
    PlanItemStatus,
    Record,
    SnapshotEvent,
    membership_id,
    redact,
)
from netmap.planning.discovery import check_transition
from netmap.planning.integrated_plan import integrated_plan
from netmap.planning.plan_review import PlanReview, review_plan
from netmap.planning.safety import SafetyFinding, check_invitation
from netmap.renderers.ecomap_layout import EcomapFilters
from netmap.renderers.ecomap_picture import ecomap_svg
from netmap.renderers.genogram import render_genogram
from netmap.renderers.pack import render_pack
from netmap.renderers.pictures import NO_PICTURES, PicturesUnavailable, svg_to_png
from netmap.services.access import SHARING_APPLIES, Action, Actor, allowed, visible_network
from netmap.services.base import Service
from netmap.services.privacy import without_person
from netmap.services.snapshots import at_event

__all__ = ["ConferenceService", "InviteResult"]

_GATED = {InvitationStatus.PROPOSED, InvitationStatus.INVITED, InvitationStatus.ACCEPTED}


@dataclass(frozen=True)
class InviteResult:
    """What an invitation did: ``invited`` False when a block stopped it or warnings await a decision."""

    conference: Conference
    invited: bool
    findings: list[SafetyFinding] = field(default_factory=list)

    @property
    def blocks(self) -> list[SafetyFinding]:
        return [f for f in self.findings if f.level == "block"]

    @property
    def warnings(self) -> list[SafetyFinding]:
        return [f for f in self.findings if f.level == "warn"]


# The conference stages at which netmap saves the map by itself.
_SNAPSHOT_AT = {ConferenceStage.PLAN_AGREED: SnapshotEvent.FGC, ConferenceStage.REVIEW: SnapshotEvent.REVIEW}


class ConferenceService(Service):
    def _today(self) -> date:
        return self.clock().date()

    def _conference(self, actor: Actor, conference_id: str, action: Action) -> Conference:
        conference = self.store.get(Conference, conference_id)
        if conference is None:
            raise NotFound(f"There is no family group conference {conference_id}.")
        self._case(actor, conference.case_id, action)
        return conference

    def _for_reader(self, actor: Actor, conference: Conference) -> Conference:
        """The conference as this actor may see it: notes on invitees only for restricted.read,
        and nothing about people the young person hid from them."""
        if not allowed(actor, Action.RESTRICTED_READ):
            conference = redact(conference)
        if actor.role not in SHARING_APPLIES:
            return conference
        case = self.store.get(Case, conference.case_id)
        assert case is not None
        hidden = self._hidden(actor, case)
        # Only read-only roles reach here (none of SHARING_APPLIES may edit a conference), so a
        # filtered copy can never be saved back over the full one.
        return conference.model_copy(
            update={
                "invitees": [i for i in conference.invitees if i.person_id not in hidden],
                "plan": [item for item in conference.plan if item.owner_id not in hidden],
            }
        )

    def _check(self, network: Network, conference: Conference, before: Conference | None) -> None:
        """Members only; and no newly gated invitee whom a restriction blocks."""
        for person_id in [i.person_id for i in conference.invitees] + [p.owner_id for p in conference.plan]:
            if network.membership(person_id) is None:
                raise ValidationFailed(f"{person_id} is not in case {conference.case_id}'s map.")
        earlier = {i.person_id: i.status for i in before.invitees} if before else {}
        for invitee in conference.invitees:
            if invitee.status in _GATED and earlier.get(invitee.person_id) not in _GATED:
                blocks = [
                    f
                    for f in check_invitation(network, conference, invitee.person_id, today=self._today())
                    if f.level == "block"
                ]
                if blocks:
                    raise ValidationFailed(blocks[0].reason)

    # ------------------------------------------------------------------ records

    def list_conferences(self, actor: Actor, case_id: str) -> list[Conference]:
        self._case(actor, case_id, Action.CONFERENCE_READ)
        conferences = self.store.list(Conference, case_id=case_id)
        return [self._for_reader(actor, c) for c in sorted(conferences, key=_when)]

    def get_conference(self, actor: Actor, conference_id: str) -> Conference:
        return self._for_reader(actor, self._conference(actor, conference_id, Action.CONFERENCE_READ))

    def create_conference(self, actor: Actor, conference: Conference) -> Conference:
        self._case(actor, conference.case_id, Action.CONFERENCE_EDIT)
        conference = _with_views_of(conference, None)
        self._check(self.store.get_network(conference.case_id), conference, None)
        (written,) = self._write(actor, "conference.create", [(None, conference)])
        assert isinstance(written, Conference)
        return written

    def update_conference(self, actor: Actor, conference: Conference) -> Conference:
        """Change stages, dates, venue, agenda, invitees or plan; ``conference.version`` must be current."""
        stored = self._conference(actor, conference.id, Action.CONFERENCE_EDIT)
        if conference.case_id != stored.case_id:
            raise ValidationFailed("A conference cannot move to another case.")
        conference = _with_views_of(conference, stored)
        network = self.store.get_network(stored.case_id)
        self._check(network, conference, stored)
        changes: list[tuple[Record | None, Record | None]] = [(stored, conference)]
        event = _SNAPSHOT_AT.get(conference.stage) if conference.stage is not stored.stage else None
        if event is not None:
            # the map as it stood when the plan was agreed, or at the review: change is measured from these
            label = "Plan agreed" if event is SnapshotEvent.FGC else "Review"
            changes.append((None, at_event(network, event, self._today(), label)))
        written = self._write(actor, "conference.update", changes)
        result = written[0]
        assert isinstance(result, Conference)
        return result

    # ------------------------------------------------------------------ invitations

    def invite(
        self,
        actor: Actor,
        conference_id: str,
        invitee: Invitee,
        version: int,
        *,
        accept_warnings: bool = False,
    ) -> InviteResult:
        """Invite a member after the safety checks.

        A block records the person as "blocked" and returns the reasons; warnings return without
        writing unless ``accept_warnings`` says someone has weighed them. Someone safety-checked
        moves to "invited" in the discovery pipeline.
        """
        stored = self._conference(actor, conference_id, Action.CONFERENCE_EDIT)
        network = self.store.get_network(stored.case_id)
        membership = network.membership(invitee.person_id)
        if membership is None:
            raise NotFound(f"{invitee.person_id} is not in case {stored.case_id}.")
        others = [i for i in stored.invitees if i.person_id != invitee.person_id]
        findings = check_invitation(
            network, stored.model_copy(update={"invitees": others}), invitee.person_id, today=self._today()
        )
        blocked = any(f.level == "block" for f in findings)
        if not blocked and findings and not accept_warnings:
            return InviteResult(stored, invited=False, findings=findings)
        status = InvitationStatus.BLOCKED if blocked else _invited(invitee.status)
        updated = stored.model_copy(
            update={"invitees": [*others, invitee.model_copy(update={"status": status})], "version": version}
        )
        changes: list[tuple[Record | None, Record | None]] = [(stored, updated)]
        if not blocked and membership.status is DiscoveryStatus.SAFETY_CHECKED:
            changes.append((membership, membership.model_copy(update={"status": DiscoveryStatus.INVITED})))
        (written, *_) = self._write(actor, "conference.blocked" if blocked else "conference.invite", changes)
        assert isinstance(written, Conference)
        return InviteResult(written, invited=not blocked, findings=findings)

    # ------------------------------------------------------------------ the plan

    def add_plan_item(self, actor: Actor, conference_id: str, item: PlanItem, version: int) -> Conference:
        stored = self._conference(actor, conference_id, Action.CONFERENCE_EDIT)
        item = item.model_copy(update={"young_person_view": None})
        updated = stored.model_copy(update={"plan": [*stored.plan, item], "version": version})
        self._check(self.store.get_network(stored.case_id), updated, stored)
        (written,) = self._write(actor, "plan.add", [(stored, updated)])
        assert isinstance(written, Conference)
        return written

    def record_attendance(
        self, actor: Actor, conference_id: str, person_id: str, attended: bool, version: int
    ) -> Conference:
        """Record whether an invitee came to the conference; someone who came moves to "attended" in
        the discovery pipeline (the Lifelong Links funnel), where the rules allow it."""
        stored = self._conference(actor, conference_id, Action.CONFERENCE_EDIT)
        invitee = next((i for i in stored.invitees if i.person_id == person_id), None)
        if invitee is None:
            raise NotFound(f"{person_id} is not invited to conference {conference_id}.")
        status = InvitationStatus.ATTENDED if attended else InvitationStatus.ACCEPTED
        invitees = [
            i.model_copy(update={"status": status}) if i.person_id == person_id else i
            for i in stored.invitees
        ]
        changes: list[tuple[Record | None, Record | None]] = [
            (stored, stored.model_copy(update={"invitees": invitees, "version": version}))
        ]
        membership = self.store.get(Membership, membership_id(stored.case_id, person_id))
        if attended and membership is not None and membership.status is not DiscoveryStatus.ATTENDED:
            try:
                check_transition(membership.status, DiscoveryStatus.ATTENDED, who=person_id)
            except ValidationFailed:
                pass  # the funnel keeps its own rules; the conference still records who came
            else:
                changes.append(
                    (membership, membership.model_copy(update={"status": DiscoveryStatus.ATTENDED}))
                )
        written = self._write(actor, "conference.attendance", changes)
        result = written[0]
        assert isinstance(result, Conference)
        return result

    def update_plan_item(self, actor: Actor, conference_id: str, item: PlanItem, version: int) -> Conference:
        """Change a plan item (what, owner, date, pathway, plans served, contingency, release check).

        The young person's answer to it stays as stored: only they give it (``PlanService.respond``).
        """
        stored = self._conference(actor, conference_id, Action.CONFERENCE_EDIT)
        before = next((i for i in stored.plan if i.id == item.id), None)
        if before is None:
            raise NotFound(f"There is no plan item {item.id} in conference {conference_id}.")
        item = item.model_copy(update={"young_person_view": before.young_person_view})
        plan = [item if i.id == item.id else i for i in stored.plan]
        updated = stored.model_copy(update={"plan": plan, "version": version})
        self._check(self.store.get_network(stored.case_id), updated, stored)
        (written,) = self._write(actor, "plan.update", [(stored, updated)])
        assert isinstance(written, Conference)
        return written

    def set_plan_item_status(
        self,
        actor: Actor,
        conference_id: str,
        item_id: str,
        status: PlanItemStatus,
        version: int,
        *,
        notes: str | None = None,
    ) -> PlanItem:
        """Mark how a plan item is going (and, with ``notes``, say how). Those who edit the conference
        may mark any item; an item's owner (``plan.own``: a practitioner, a relative, the young person)
        marks their own. Returns the item as changed."""
        conference = self.store.get(Conference, conference_id)
        if conference is None:
            raise NotFound(f"There is no family group conference {conference_id}.")
        editor = allowed(actor, Action.CONFERENCE_EDIT)
        stored = self._conference(actor, conference_id, Action.CONFERENCE_EDIT if editor else Action.PLAN_OWN)
        item = next((i for i in stored.plan if i.id == item_id), None)
        if item is None:
            raise NotFound(f"There is no plan item {item_id} in conference {conference_id}.")
        if not editor and (actor.person_id is None or item.owner_id != actor.person_id):
            raise AccessDenied(f"{actor.username} may change only the plan items they own.")
        changed = PlanItem.model_validate(
            {**item.model_dump(), "status": status, "notes": item.notes if notes is None else notes}
        )
        plan = [changed if i.id == item_id else i for i in stored.plan]
        updated = stored.model_copy(update={"plan": plan, "version": version})
        self._write(actor, "plan.status", [(stored, updated)])
        return changed

    def review(self, actor: Actor, conference_id: str, *, apply: bool = False) -> PlanReview:
        """Promised against delivered; with ``apply`` the proposed discovery statuses are written."""
        stored = self._conference(actor, conference_id, Action.CONFERENCE_READ)
        network = self.store.get_network(stored.case_id)
        result = review_plan(network, stored, today=self._today())
        if apply and result.updates:
            self._case(actor, stored.case_id, Action.DISCOVERY_EDIT)
            changes: list[tuple[Record | None, Record | None]] = []
            for update in result.updates:
                current = network.membership(update.person_id)
                assert current is not None
                check_transition(
                    current.status, update.proposed, who=network.person(update.person_id).display_name
                )
                changes.append((current, current.model_copy(update={"status": update.proposed})))
            self._write(actor, "discovery.status", changes)
        if not allowed(actor, Action.RESTRICTED_READ) or actor.role in SHARING_APPLIES:
            visible = {m.person_id for m in visible_network(actor, network).memberships}
            result = result.model_copy(
                update={
                    "owners": [o for o in result.owners if o.owner_id in visible],
                    "updates": [u for u in result.updates if u.person_id in visible],
                }
            )
        return result

    # ------------------------------------------------------------------ the pack

    def pack(
        self,
        actor: Actor,
        case_id: str,
        *,
        conference_id: str | None = None,
        ecomap_png: bytes | None = None,
        genogram_png: bytes | None = None,
    ) -> bytes:
        """The conference pack PDF for the case's latest (or the named) conference, as this actor may see
        it, with the young adult's one plan from all the case's conferences.

        Without ``ecomap_png`` and ``genogram_png`` both pictures are drawn from the network this
        actor may see; on a server without cairo the pack says so in one line instead. People
        blocked from this conference are left off the ecomap picture (it shows who supports the
        young person around the conference); the genogram keeps them, without details, because a
        family tree without a parent would mislead.
        """
        self._case(actor, case_id, Action.EXPORT_CASE)
        self._case(actor, case_id, Action.CONFERENCE_READ)
        conferences = self.store.list(Conference, case_id=case_id)
        if conference_id is not None:
            conferences = [c for c in conferences if c.id == conference_id]
        if not conferences:
            raise NotFound(f"Case {case_id} has no family group conference {conference_id or 'yet'}.")
        conference = max(conferences, key=_when)
        network = visible_network(actor, self.store.get_network(case_id))
        note = ""
        if ecomap_png is None and genogram_png is None:
            try:
                supporters = network
                for invitee in conference.invitees:
                    if invitee.status is InvitationStatus.BLOCKED:
                        supporters = without_person(supporters, invitee.person_id)
                ecomap_png = svg_to_png(ecomap_svg(supporters, filters=EcomapFilters(as_of=self._today())))
                genogram_png = svg_to_png(render_genogram(network))
            except PicturesUnavailable:
                note = NO_PICTURES
        pdf = render_pack(
            network,
            conference,
            ecomap_png=ecomap_png,
            genogram_png=genogram_png,
            contacts_visible=allowed(actor, Action.RESTRICTED_READ),
            generated_on=self._today(),
            pictures_note=note,
            plan=integrated_plan(network, self.list_conferences(actor, case_id), today=self._today()),
        )
        self.store.append_audit(
            [self._event(actor, "export.pack", Conference.table, conference.id, case_id=case_id)]
        )
        return pdf


def _with_views_of(conference: Conference, stored: Conference | None) -> Conference:
    """``conference`` with the young person's answers to its items as stored: only they give them."""
    views = {i.id: i.young_person_view for i in stored.plan} if stored else {}
    plan = [i.model_copy(update={"young_person_view": views.get(i.id)}) for i in conference.plan]
    return conference.model_copy(update={"plan": plan})


def _invited(status: InvitationStatus) -> InvitationStatus:
    return (
        InvitationStatus.INVITED
        if status in {InvitationStatus.PROPOSED, InvitationStatus.BLOCKED}
        else status
    )


def _when(conference: Conference) -> tuple[date, str]:
    return (conference.conference_on or date.min, conference.id)
