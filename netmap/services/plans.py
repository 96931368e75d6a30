"""Use cases of the one plan per young adult: the integrated plan, the young person's answers and own
words, a plan item owner's part, and the transitions ahead (18, 21, 25, release, licence end)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from netmap.errors import NotFound
from netmap.graph.store import GraphStore
from netmap.models import Case, Conference, OwnWords, PlanItem, PlanView, Role
from netmap.planning.integrated_plan import IntegratedPlan, integrated_plan
from netmap.planning.transitions import Transition, transitions_ahead
from netmap.services.access import Action, Actor, require, visible_case, visible_network
from netmap.services.base import Clock, Service, utc_now
from netmap.services.conferences import ConferenceService

__all__ = ["MyPart", "PlanService"]


class MyPart(BaseModel):
    """What a plan item's owner sees of one conference: its date and venue, and their own items."""

    model_config = ConfigDict(frozen=True)
    case_id: str
    conference_id: str
    conference_version: int
    conference_on: date | None
    venue: str
    items: list[PlanItem]


class PlanService(Service):
    def __init__(self, store: GraphStore, clock: Clock = utc_now, *, conferences: ConferenceService) -> None:
        super().__init__(store, clock)
        self._conferences = conferences

    def _today(self) -> date:
        return self.clock().date()

    def integrated_plan(self, actor: Actor, case_id: str) -> IntegratedPlan:
        """Every conference's plan items as one plan, grouped and reviewed, as this actor may see it."""
        network = visible_network(actor, self._network(actor, case_id, Action.CONFERENCE_READ))
        self._case(actor, case_id, Action.CASE_READ)
        conferences = self._conferences.list_conferences(actor, case_id)
        return integrated_plan(network, conferences, today=self._today())

    def my_part(self, actor: Actor) -> list[MyPart]:
        """The items this account's person owns, across the cases they hold, with each conference's
        date and venue, and nothing else about the case."""
        require(actor, Action.PLAN_OWN)
        if actor.person_id is None:
            return []
        parts = []
        for case_id in sorted(actor.case_ids):
            if self.store.get(Case, case_id) is None:
                continue
            self._case(actor, case_id, Action.PLAN_OWN)
            for conference in self.store.list(Conference, case_id=case_id):
                mine = [i for i in conference.plan if i.owner_id == actor.person_id]
                if mine:
                    parts.append(
                        MyPart(
                            case_id=case_id,
                            conference_id=conference.id,
                            conference_version=conference.version,
                            conference_on=conference.conference_on,
                            venue=conference.venue,
                            items=mine,
                        )
                    )
        return sorted(parts, key=lambda p: (p.conference_on or date.min, p.conference_id))

    def respond(
        self, actor: Actor, conference_id: str, item_id: str, view: PlanView, version: int
    ) -> PlanItem:
        """Record the young person's answer to a plan item ("I agree", "I'm not sure", "I disagree")
        with their note; everyone who sees the plan sees it."""
        conference = self.store.get(Conference, conference_id)
        if conference is None:
            raise NotFound(f"There is no family group conference {conference_id}.")
        self._case(actor, conference.case_id, Action.PLAN_RESPOND)
        item = next((i for i in conference.plan if i.id == item_id), None)
        if item is None:
            raise NotFound(f"There is no plan item {item_id} in conference {conference_id}.")
        view = PlanView.model_validate({**view.model_dump(), "on": view.on or self._today()})
        changed = item.model_copy(update={"young_person_view": view})
        plan = [changed if i.id == item_id else i for i in conference.plan]
        updated = conference.model_copy(update={"plan": plan, "version": version})
        self._write(actor, "plan.respond", [(conference, updated)])
        return changed

    def set_own_words(self, actor: Actor, case_id: str, words: OwnWords, version: int) -> Case:
        """Record the young person's own words (hopes, strengths, who they want to be, what matters)
        and whether they are shared in the plan and the pack."""
        current = self._case(actor, case_id, Action.PLAN_RESPOND)
        words = OwnWords.model_validate(
            {**words.model_dump(), "written_on": words.written_on or self._today()}
        )
        updated = current.model_copy(update={"own_words": words, "version": version})
        (written,) = self._write(actor, "case.own_words", [(current, updated)])
        assert isinstance(written, Case)
        return visible_case(actor, written)

    def transitions(
        self, actor: Actor, case_id: str | None = None, *, today: date | None = None, days: int = 0
    ) -> list[Transition]:
        """Transitions ahead (``transitions_ahead``) in one case, or in every case the actor holds,
        naming only the people the actor may see."""
        today = today or self._today()
        if case_id is not None:
            network = visible_network(actor, self._network(actor, case_id))
            return transitions_ahead(network, today=today, days=days)
        require(actor, Action.CASE_LIST)
        found: list[Transition] = []
        for case in self.store.list(Case):
            if not actor.is_admin and case.id not in actor.case_ids:
                continue
            if actor.role is Role.YOUNG_PERSON and case.ego_id != actor.person_id:
                continue
            network = visible_network(actor, self._network(actor, case.id))
            found += transitions_ahead(network, today=today, days=days)
        return sorted(found, key=lambda t: (t.on, t.case_id))
