"""Local services directory, "who does what" for one young person, and the partnership view."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict

from netmap.errors import NotFound, ValidationFailed
from netmap.graph.analytics.agencies import agency_of, practitioners_and_services, support_given
from netmap.graph.analytics.cohort_dates import row_holds_until
from netmap.graph.analytics.ends import age_on
from netmap.graph.analytics.needs import case_needs, needs_from_text, same_area, serves
from netmap.graph.store import GraphStore, KeptRow
from netmap.models import (
    Membership,
    Person,
    PersonKind,
    Sector,
    ServiceCategory,
    ServiceInfo,
    SupportDomain,
    new_id,
    redact,
    restricted_fields,
)
from netmap.planning.role_library import RoleCard, role_card
from netmap.planning.support_ends import member_end
from netmap.services.access import Action, Actor, allowed, require, visible_network
from netmap.services.base import Clock, Service, utc_now
from netmap.services.collection_pace import collecting_slowly
from netmap.services.kept_batches import Keeper
from netmap.services.network import NetworkService
from netmap.services.partnership import CaseLinks, Partnership, gather
from netmap.services.partnership_rows import compute_links, partnership_view, read_links, write_links

__all__ = [
    "DOMAIN_WORDS",
    "DirectoryService",
    "SupportRole",
    "agency_of",
    "long_date",
    "needs_from_text",
    "same_area",
    "serves",
]

# Each kind of support as the young person would say it.
DOMAIN_WORDS = {
    SupportDomain.EMOTIONAL: "emotional support",
    SupportDomain.PRACTICAL: "practical help",
    SupportDomain.HOUSING: "housing",
    SupportDomain.MONEY: "money",
    SupportDomain.EDUCATION_WORK: "education and work",
    SupportDomain.HEALTH: "health",
    SupportDomain.ADVICE: "advice",
    SupportDomain.LEISURE: "things to do",
}


def long_date(value: date) -> str:
    """A date in plain words.

    >>> long_date(date(2027, 3, 15))
    '15 March 2027'
    """
    return f"{value.day} {value:%B %Y}"


def _plain_list(words: list[str]) -> str:
    return " and ".join(words) if len(words) < 3 else ", ".join(words[:-1]) + " and " + words[-1]


def _plain_role(label: str) -> str:
    return label[:1].lower() + label[1:] if label[1:2].islower() else label


class SupportRole(BaseModel):
    """One practitioner's or service's part in a young person's support."""

    model_config = ConfigDict(frozen=True)
    person_id: str
    name: str
    is_service: bool
    agency: str
    role: str
    offer: str
    domains: list[SupportDomain]
    contact: str
    support_ends: date | None
    card: RoleCard | None = None

    def sentence(self, today: date) -> str:
        """Plain words for the young person.

        >>> sam = SupportRole(person_id="p-1", name="Sam Patel", is_service=False,
        ...     agency="West Midlands Probation", role="Probation officer", offer="",
        ...     domains=[SupportDomain.HOUSING], contact="0121 496 0000", support_ends=date(2027, 3, 15))
        >>> for part in sam.sentence(date(2026, 1, 1)).split(", helps you with "):
        ...     print(part)
        Sam Patel, probation officer at West Midlands Probation
        housing until 15 March 2027. Reach them on 0121 496 0000.
        """
        works_at = f"at {self.agency}" if self.agency and not self.is_service else ""
        described = " ".join(part for part in (_plain_role(self.role), works_at) if part)
        who = f"{self.name}, {described}," if described else self.name
        helps = self.offer or _plain_list([DOMAIN_WORDS[d] for d in self.domains])
        text = f"{who} helps you with {helps}" if helps else f"{who} is part of your support"
        if self.support_ends is None:
            text += "."
        elif self.support_ends < today:
            text += f". Their part ended on {long_date(self.support_ends)}."
        else:
            text += f" until {long_date(self.support_ends)}."
        reach = (
            f"Reach them on {self.contact}." if self.contact else "No work contact is recorded for them yet."
        )
        return f"{text} {reach}"


class DirectoryService(Service):
    def __init__(self, store: GraphStore, clock: Clock = utc_now) -> None:
        super().__init__(store, clock)
        self._members = NetworkService(store, clock)
        # How many cases' partnership entries this service has computed (not read from the store) so far.
        self.partnership_computed = 0

    # ------------------------------------------------------------------ the directory

    def list_services(
        self, actor: Actor, *, area: str = "", category: ServiceCategory | None = None, text: str = ""
    ) -> list[Person]:
        """Local services, filtered by area (a service with no area serves everywhere), category and words."""
        require(actor, Action.CASE_LIST)
        found = []
        for person in self.store.list_services():
            info = person.service_info or ServiceInfo()
            if area and not same_area(person.area, area):
                continue
            if category is not None and category not in info.categories:
                continue
            haystack = " ".join((person.name, person.agency, info.offer, info.eligibility)).casefold()
            if text and text.strip().casefold() not in haystack:
                continue
            # A directory entry is public information about an organisation; nothing restricted
            # leaves through it, whoever asks (its contact is service_info.contact).
            found.append(redact(person))
        return sorted(found, key=lambda p: (p.name.casefold(), p.id))

    def save_service(self, actor: Actor, service: Person) -> Person:
        """Add a service to the directory, or change one (``service.version`` must be current)."""
        require(actor, Action.DIRECTORY_EDIT)
        stored = self.store.get(Person, service.id)
        if stored is not None and stored.kind is not PersonKind.SERVICE:
            raise ValidationFailed(f"{stored.display_name} is a person, not a service in the directory.")
        service = service.model_copy(
            update={"kind": PersonKind.SERVICE, "service_info": service.service_info or ServiceInfo()}
        )
        if not allowed(actor, Action.RESTRICTED_EDIT):
            service = service.model_copy(
                update={f: getattr(stored, f) if stored else "" for f in restricted_fields(Person)}
            )
        action = "service.add" if stored is None else "service.update"
        (written,) = self._write(actor, action, [(stored, service)])
        assert isinstance(written, Person)
        return written

    def link_service(
        self,
        actor: Actor,
        case_id: str,
        service_id: str,
        *,
        offer: str = "",
        role_label: str = "",
        support_ends: date | None = None,
    ) -> Membership:
        """Put a directory service into a case's map (services sector), saying what it offers this person."""
        service = self.store.get(Person, service_id)
        if service is None or service.kind is not PersonKind.SERVICE:
            raise NotFound(f"There is no service {service_id} in the directory.")
        info = service.service_info or ServiceInfo()
        membership = Membership.make(
            case_id,
            service_id,
            sector=Sector.SERVICES,
            ring=3,
            offer=offer or info.offer,
            role_label=role_label,
            support_ends=support_ends,
        )
        return self._members.link_person(actor, case_id, service_id, membership)

    def import_services(
        self, actor: Actor, data: bytes, name: str, *, dry_run: bool = False
    ) -> tuple[int, int]:
        """Add or change many directory services from a CSV file, all of them or none; returns (added, changed).

        A row whose name and area match a service already in the directory changes that service (its
        contact details besides); any other row adds one. ``dry_run`` checks everything and writes nothing.
        """
        require(actor, Action.DIRECTORY_EDIT)
        # Imported here: the file readers (and their spreadsheet library) load only for an import.
        from netmap.ingest.directory_csv import read_directory

        rows = read_directory(data, name)
        stored = {(p.name.casefold(), p.area.casefold()): p for p in self._directory()}
        changes: list[tuple[Person | None, Person]] = []
        for _, service_name, area, info in rows:
            before = stored.get((service_name.casefold(), area.casefold()))
            after = (
                before.model_copy(update={"service_info": info})
                if before is not None
                else Person(
                    id=new_id("p"), name=service_name, area=area, kind=PersonKind.SERVICE, service_info=info
                )
            )
            changes.append((before, after))
        if not dry_run and changes:
            self._write(actor, "service.import", changes)
        added = sum(before is None for before, _ in changes)
        return added, len(changes) - added

    # ------------------------------------------------------------------ who does what

    def who_does_what(self, actor: Actor, case_id: str) -> list[SupportRole]:
        """Every practitioner and service in the case as the actor may see them, soonest ending first.

        Each has the role library's card for their role, the day their part ends (recorded, or
        derived from the case: 18, 21 or 25, release, licence end) and how to reach them at work:
        their own work contact, else their service's, else their agency's directory entry.
        """
        network = visible_network(actor, self._network(actor, case_id))
        today = self.clock().date()
        directory = {p.name.casefold(): p for p in self.store.list_services()}
        roles = []
        for person, membership in practitioners_and_services(network):
            info = person.service_info or ServiceInfo()
            agency = directory.get(person.agency.casefold()) if person.agency else None
            end = member_end(network, person, today)
            roles.append(
                SupportRole(
                    person_id=person.id,
                    name=person.display_name,
                    is_service=person.kind is PersonKind.SERVICE,
                    agency=agency_of(person),
                    role=membership.role_label,
                    offer=membership.offer or info.offer,
                    domains=support_given(network, person.id),
                    contact=person.work_contact
                    or info.contact
                    or (agency.service_info.contact if agency and agency.service_info else ""),
                    support_ends=end.on if end else None,
                    card=role_card(membership.role_label),
                )
            )
        return sorted(roles, key=lambda r: (r.support_ends or date.max, r.is_service, r.name.casefold()))

    # ------------------------------------------------------------------ partnership

    @collecting_slowly
    def partnership(self, actor: Actor) -> Partnership:
        """Which agencies work with which young people, duplicated support, and needs no local service
        meets, across the cases ``actor`` holds (every case, for an administrator), on today's date:
        someone whose part has ended, or a tie that has, no longer counts.

        Each case's part is read from the store when one was kept for the actor's view, the case has
        not changed since (``GraphStore.cohort_rows``) and it holds today; otherwise it is worked out
        from the case as the actor sees it and kept for the next time. The directory is read afresh
        every time.
        """
        require(actor, Action.COHORT_READ)
        view, today = partnership_view(actor), self.clock().date()
        kept = self.store.cohort_rows(view)
        listed = sorted(kept.gens) if actor.is_admin else sorted(actor.case_ids & kept.gens.keys())
        entries: list[CaseLinks] = []
        keeper = Keeper(self.store)
        for case_id in listed:
            text = kept.rows.get(case_id)
            entry = None if text is None else read_links(case_id, text, today)
            if entry is None:
                try:
                    network = visible_network(actor, self.store.get_network(case_id))
                except NotFound:
                    continue  # deleted since the generations were read
                # The generation was read before the case: a write since makes this entry stale.
                entry = compute_links(network, today)
                text = write_links(entry, today, row_holds_until(network, today))
                keeper.add(KeptRow(case_id, view, kept.gens[case_id], text))
            entries.append(entry)
        keeper.flush()
        self.partnership_computed += keeper.kept
        return gather(entries, self._directory(), today)

    def services_for(self, actor: Actor, case_id: str) -> list[tuple[ServiceCategory, list[Person]]]:
        """Each of the young person's needs (recorded, else read from their own words) with the directory
        services that meet it where they live and at their age."""
        case = self._case(actor, case_id, Action.CASE_READ)
        ego = self.store.get(Person, case.ego_id)
        area = case.local_authority or (ego.area if ego else "")
        age = age_on(ego, self.clock().date()) if ego else None
        directory = self._directory()
        return [
            (need, [redact(s) for s in directory if serves(s, need, area, age)])
            for need in case_needs(case)[0]
        ]

    def _directory(self) -> list[Person]:
        return sorted(self.store.list_services(), key=lambda p: (p.name.casefold(), p.id))
