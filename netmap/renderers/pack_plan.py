"""The rows the conference pack prints for the young adult's one plan: items by pathway with their
owners and the statutory plans they serve, the release checklist, the young person's own words and
the role library for the professionals around them."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from netmap.models import Network, Pathway, PersonKind
from netmap.planning.integrated_plan import FAMILY_AND_FRIENDS, YOUNG_PERSON, IntegratedPlan, PlanEntry
from netmap.planning.role_library import RoleCard, role_card
from netmap.planning.safety import location_withheld
from netmap.renderers.words import uk_date, words

__all__ = [
    "PLAN_HEADINGS",
    "PLAN_WIDTHS",
    "RoleRow",
    "checklist_rows",
    "own_words",
    "pathway_rows",
    "role_rows",
]

PLAN_HEADINGS = ("What", "Who", "Serves", "By when", "Status")
PLAN_WIDTHS = (60, 40, 30, 28, 22)
_OWN_WORDS = (
    ("hopes", "Hopes"),
    ("strengths", "Strengths"),
    ("who_i_want_to_be", "Who I want to be"),
    ("what_matters", "What matters to me"),
)


class RoleRow(BaseModel):
    """One professional in the pack's "who does what": their role card and how to reach them at work."""

    model_config = ConfigDict(frozen=True)
    name: str
    card: RoleCard
    reach: str


def _what(network: Network, entry: PlanEntry) -> str:
    item = entry.item
    lines = [item.what]
    if item.contingency:
        lines.append(f"If it does not work out: {item.contingency}")
    view = item.young_person_view
    if view is not None:
        said = f"{words(view.response)}" + (f" - {view.note}" if view.note else "")
        who = network.ego.display_name if network.people else "The young person"
        lines.append(f"{who} says: {said}")
    return "\n".join(lines)


def _who(network: Network, entry: PlanEntry) -> str:
    """The owner, with their agency when they work for one."""
    if entry.agency in (entry.owner, YOUNG_PERSON, FAMILY_AND_FRIENDS) or location_withheld(
        network, entry.item.owner_id
    ):
        return entry.owner
    return f"{entry.owner} ({entry.agency})"


def pathway_rows(network: Network, plan: IntegratedPlan) -> list[tuple[str, list[list[str]]]]:
    """Each pathway's heading and its items' rows (``PLAN_HEADINGS``), in the pathways' order."""
    groups: list[tuple[Pathway | None, list[PlanEntry]]] = plan.pathway_groups()
    return [
        (
            words(pathway) if pathway else "Not on a pathway yet",
            [
                [
                    _what(network, e),
                    _who(network, e),
                    ", ".join(words(p) for p in e.item.serves) or "-",
                    uk_date(e.item.by_when) if e.item.by_when else "-",
                    words(e.item.status) + (" (overdue)" if e.overdue else ""),
                ]
                for e in entries
            ],
        )
        for pathway, entries in groups
    ]


def checklist_rows(network: Network, plan: IntegratedPlan) -> list[list[str]]:
    """The release checklist: each check with who sees to it and how it stands."""
    rows = []
    for line in plan.checklist:
        if not line.entries:
            rows.append([words(line.check), "Nobody yet", "-"])
        rows += [[words(line.check), _who(network, e), words(e.item.status)] for e in line.entries]
    return rows


def own_words(network: Network) -> list[tuple[str, str]]:
    """The young person's own words, only if they chose to share them."""
    own = network.case.own_words
    if not own.shared:
        return []
    return [(label, getattr(own, name)) for name, label in _OWN_WORDS if getattr(own, name)]


def role_rows(network: Network) -> list[RoleRow]:
    """The professionals in the map whose role the library knows, with a work contact when recorded."""
    rows = []
    for membership in network.memberships:
        card = role_card(membership.role_label)
        person = next((p for p in network.people if p.id == membership.person_id), None)
        if card is None or person is None or person.kind is PersonKind.SERVICE:
            continue
        withheld = location_withheld(network, person.id)
        reach = "Through the coordinator" if withheld else person.work_contact or "No work contact recorded"
        rows.append(RoleRow(name=person.display_name, card=card, reach=reach))
    return sorted(rows, key=lambda r: (r.card.title, r.name.casefold()))
