"""Build the store and the services once; the app, the CLI and tests all start here."""

from __future__ import annotations

from dataclasses import dataclass

from argon2 import PasswordHasher

from netmap.graph.factory import open_store
from netmap.graph.store import GraphStore
from netmap.services.base import Clock, utc_now
from netmap.services.cases import CaseService
from netmap.services.conferences import ConferenceService
from netmap.services.data import DataService
from netmap.services.directory import DirectoryService
from netmap.services.discovery import DiscoveryService
from netmap.services.family import FamilyService
from netmap.services.figures import FiguresService
from netmap.services.files import FileService
from netmap.services.intake import IntakeService
from netmap.services.metrics import MetricsService
from netmap.services.network import NetworkService
from netmap.services.outcomes import OutcomeService
from netmap.services.plans import PlanService
from netmap.services.privacy import PrivacyService
from netmap.services.restrictions import RestrictionService
from netmap.services.users import UserService

__all__ = ["Services", "bootstrap"]


@dataclass
class Services:
    """Every use case of netmap, wired to one store."""

    store: GraphStore
    cases: CaseService
    network: NetworkService
    users: UserService
    data: DataService
    privacy: PrivacyService
    discovery: DiscoveryService
    conferences: ConferenceService
    plans: PlanService
    intake: IntakeService
    directory: DirectoryService
    files: FileService
    family: FamilyService
    restrictions: RestrictionService
    metrics: MetricsService
    outcomes: OutcomeService
    figures: FiguresService

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def bootstrap(
    url: str | None = None,
    *,
    store: GraphStore | None = None,
    clock: Clock = utc_now,
    hasher: PasswordHasher | None = None,
) -> Services:
    """Services on the store at ``url`` (default ``NETMAP_DB``), or on an already open ``store``.

    ``hasher`` replaces the production password hasher (tests pass one with cheap costs).
    """
    store = store or open_store(url)
    data, conferences = DataService(store, clock), ConferenceService(store, clock)
    cases = CaseService(store, clock)
    metrics = MetricsService(store, clock, cases=cases)
    return Services(
        store=store,
        cases=cases,
        network=NetworkService(store, clock),
        users=UserService(store, clock, hasher),
        data=data,
        privacy=PrivacyService(store, clock),
        discovery=DiscoveryService(store, clock),
        conferences=conferences,
        plans=PlanService(store, clock, conferences=conferences),
        intake=IntakeService(store, clock),
        directory=DirectoryService(store, clock),
        files=FileService(store, clock, data=data, conferences=conferences),
        family=FamilyService(store, clock),
        restrictions=RestrictionService(store, clock),
        metrics=metrics,
        outcomes=OutcomeService(store, clock),
        figures=FiguresService(store, clock, metrics=metrics),
    )
