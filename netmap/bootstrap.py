"""Build the store and the services once; the app, the CLI and tests all start here."""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from netmap.graph.factory import open_store
from netmap.graph.store import GraphStore
from netmap.services.base import Clock, utc_now

if TYPE_CHECKING:
    from argon2 import PasswordHasher

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

__all__ = ["SERVICE_NAMES", "Services", "bootstrap"]


class Services:
    """Every use case of netmap, wired to one store.

    Each service is made, and its module imported, the first time it is used: a command that
    reports figures never loads the PDF, spreadsheet and file-format libraries the others need
    (``netmap cohort`` starts in a fraction of the time). Made once, each is kept.
    """

    def __init__(
        self, store: GraphStore, clock: Clock = utc_now, hasher: PasswordHasher | None = None
    ) -> None:
        self.store = store
        self._clock = clock
        self._hasher = hasher

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @cached_property
    def cases(self) -> CaseService:
        from netmap.services.cases import CaseService

        return CaseService(self.store, self._clock)

    @cached_property
    def network(self) -> NetworkService:
        from netmap.services.network import NetworkService

        return NetworkService(self.store, self._clock)

    @cached_property
    def users(self) -> UserService:
        from netmap.services.users import UserService

        return UserService(self.store, self._clock, self._hasher)

    @cached_property
    def data(self) -> DataService:
        from netmap.services.data import DataService

        return DataService(self.store, self._clock)

    @cached_property
    def privacy(self) -> PrivacyService:
        from netmap.services.privacy import PrivacyService

        return PrivacyService(self.store, self._clock)

    @cached_property
    def discovery(self) -> DiscoveryService:
        from netmap.services.discovery import DiscoveryService

        return DiscoveryService(self.store, self._clock)

    @cached_property
    def conferences(self) -> ConferenceService:
        from netmap.services.conferences import ConferenceService

        return ConferenceService(self.store, self._clock)

    @cached_property
    def plans(self) -> PlanService:
        from netmap.services.plans import PlanService

        return PlanService(self.store, self._clock, conferences=self.conferences)

    @cached_property
    def intake(self) -> IntakeService:
        from netmap.services.intake import IntakeService

        return IntakeService(self.store, self._clock)

    @cached_property
    def directory(self) -> DirectoryService:
        from netmap.services.directory import DirectoryService

        return DirectoryService(self.store, self._clock)

    @cached_property
    def files(self) -> FileService:
        from netmap.services.files import FileService

        return FileService(self.store, self._clock, data=self.data, conferences=self.conferences)

    @cached_property
    def family(self) -> FamilyService:
        from netmap.services.family import FamilyService

        return FamilyService(self.store, self._clock)

    @cached_property
    def restrictions(self) -> RestrictionService:
        from netmap.services.restrictions import RestrictionService

        return RestrictionService(self.store, self._clock)

    @cached_property
    def metrics(self) -> MetricsService:
        from netmap.services.metrics import MetricsService

        return MetricsService(self.store, self._clock, cases=self.cases)

    @cached_property
    def outcomes(self) -> OutcomeService:
        from netmap.services.outcomes import OutcomeService

        return OutcomeService(self.store, self._clock)

    @cached_property
    def figures(self) -> FiguresService:
        from netmap.services.figures import FiguresService

        return FiguresService(self.store, self._clock, metrics=self.metrics)


SERVICE_NAMES = tuple(name for name, value in vars(Services).items() if isinstance(value, cached_property))
"""The name of every service ``Services`` holds."""


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
    return Services(store or open_store(url), clock, hasher)
