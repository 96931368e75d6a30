"""The demo accounts that ``netmap demo`` creates beside the sample cases (never outside the demo)."""

from __future__ import annotations

from dataclasses import dataclass

from netmap.bootstrap import Services
from netmap.models import Case, Role
from netmap.services.access import Actor

__all__ = ["DEMO_USERS", "DemoUser", "ensure_demo_users"]


@dataclass(frozen=True)
class DemoUser:
    username: str
    role: Role
    password: str
    cases: str  # "all", or a comma-separated list of case ids
    person_id: str | None = None
    note: str = ""
    agency: str = ""
    local_authority: str = ""


DEMO_USERS = (
    DemoUser("admin", Role.ADMIN, "admin-demo-2026", "all", note="everything, every case"),
    DemoUser(
        "coordinator", Role.COORDINATOR, "coordinator-demo-2026", "all", note="Lifelong Links coordinator"
    ),
    DemoUser("facilitator", Role.FACILITATOR, "facilitator-demo-2026", "c-fgc-jade", note="FGC facilitator"),
    DemoUser(
        "practitioner",
        Role.PRACTITIONER,
        "practitioner-demo-2026",
        "c-always-hope",
        person_id="p-ah-daniel",
        note="probation officer",
        agency="West Midshire Probation Service",
    ),
    DemoUser(
        "jordan",
        Role.YOUNG_PERSON,
        "jordan-demo-2026",
        "c-always-hope",
        person_id="p-ah-jordan",
        note="the young person's own map",
    ),
    DemoUser("viewer", Role.VIEWER, "viewer-demo-2026", "c-turning-25", note="read-only"),
    DemoUser(
        "commissioner", Role.COMMISSIONER, "commissioner-demo-2026", "", note="suppressed figures, no names"
    ),
    DemoUser(
        "family",
        Role.FAMILY,
        "family-demo-2026",
        "c-always-hope",
        person_id="p-ah-maureen",
        note="Jordan's nan, who owns plan items",
    ),
    DemoUser(
        "peermentor", Role.PEER_MENTOR, "peermentor-demo-2026", "", note="prison peer mentor: referrals only"
    ),
)


def ensure_demo_users(services: Services, actor: Actor) -> list[DemoUser]:
    """Create the demo accounts that do not exist yet; return them all."""
    case_ids = {c.id for c in services.store.list(Case)}
    existing = {u.id for u, _ in services.users.list_users(actor)}
    for demo in DEMO_USERS:
        if demo.username in existing:
            continue
        named = {c for c in demo.cases.split(",") if c}
        wanted = case_ids if demo.cases == "all" or demo.role is Role.ADMIN else named
        services.users.add_user(
            actor,
            demo.username,
            demo.role,
            demo.password,
            display_name=f"Demo {demo.note}",
            case_ids=tuple(sorted(wanted & case_ids)),
            person_id=demo.person_id,
            agency=demo.agency,
            local_authority=demo.local_authority,
        )
    return list(DEMO_USERS)
