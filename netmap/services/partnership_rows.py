"""A case's part of the partnership as the store keeps it, beside the cohort rows and the evidence.

What a role sees of a case differs (the young person's sharing choices hide people from some), so
each view of the cohort report (``cohort_rows.view_of``) has a view of its own here,
``partnership:<view>``; one case's entry is kept per such view (``GraphStore.keep_cohort_rows``)
and goes stale, like every kept row, in the same transaction as any write that changes the case,
its people and its ties. An entry is made for a day: who works with the young person that day (a
prison's part ends at release) and the support their ties carry that day, as the case's graph has
them (``build_graph``). It is kept with the last day it holds (``row_holds_until``: the same turning
points as the case's cohort row) and made again for a day past it. The young person's age is worked
out from their birth date when the partnership is made, and the directory is read then too.

The text is a JSON list led by a format tag naming the fields it holds, so an entry written by
another version of netmap is never misread (it is computed again).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import fields
from datetime import date

from netmap.graph.analytics.agencies import AGENCY_NOT_RECORDED, agency_of, practitioners_and_services
from netmap.graph.analytics.coverage import supporters
from netmap.graph.analytics.ends import born_on
from netmap.graph.analytics.graph import build_graph
from netmap.graph.analytics.needs import case_needs
from netmap.models import Network, Person, PersonKind, ServiceCategory, SupportDomain
from netmap.services.access import Actor
from netmap.services.cohort_rows import view_of
from netmap.services.partnership import AgencyLink, CaseLinks, Duplication

__all__ = ["FORMAT", "PARTNERSHIP", "compute_links", "partnership_view", "read_links", "write_links"]

PARTNERSHIP = "partnership"
"""What every view of the partnership is named with (no role is called that)."""

# Bumped by hand when the layout below or a rule changes (2: made for a day, with the days it holds;
# 3: a child's social worker ends at the child's 18th); the field names catch a model that changed.
FORMAT = (
    "p3:"
    + hashlib.blake2b(
        ",".join(f.name for kind in (CaseLinks, AgencyLink, Duplication) for f in fields(kind)).encode(),
        digest_size=6,
    ).hexdigest()
)


def partnership_view(actor: Actor) -> str:
    """The view ``actor``'s partnership entries are kept as.

    >>> from netmap.models import Role
    >>> partnership_view(Actor("ann", Role.COORDINATOR)), partnership_view(Actor("pat", Role.PRACTITIONER))
    ('partnership:full', 'partnership:practitioner:pat')
    """
    return f"{PARTNERSHIP}:{view_of(actor)}"


def compute_links(network: Network, on: date) -> CaseLinks:
    """The case's part of the partnership on the day ``on``, from its network as the view sees it:
    the practitioners and services still working with the young person that day, and the support
    their ties carry that day (as the report counts it: ``coverage.supporters``)."""
    case = network.case
    graph = build_graph(network, on=on)
    working: dict[str, str] = {}  # person id: agency
    by_agency: dict[str, list[Person]] = defaultdict(list)
    for person, _ in practitioners_and_services(network):
        if person.id in graph:  # not ruled out, and their part has not ended
            working[person.id] = agency_of(person) or AGENCY_NOT_RECORDED
            by_agency[working[person.id]].append(person)
    by_domain = {
        domain: {working[pid] for pid in people if pid in working}
        for domain, people in supporters(graph).items()
    }
    links = [
        AgencyLink(
            case.id,
            case.title,
            agency,
            sorted(p.display_name for p in people),
            sorted(p.id for p in people if p.kind is PersonKind.PERSON),
        )
        for agency, people in sorted(by_agency.items())
    ]
    duplicates = [
        Duplication(case.id, case.title, domain, sorted(agencies))
        for domain, agencies in sorted(by_domain.items(), key=lambda x: list(SupportDomain).index(x[0]))
        if len(agencies) > 1
    ]
    ego = network.ego
    return CaseLinks(
        case.id,
        case.title,
        links,
        duplicates,
        case_needs(case)[0],
        case.local_authority or ego.area,
        born_on(ego),
    )


def write_links(entry: CaseLinks, on: date, until: date) -> str:
    """The entry made on the day ``on``, which holds until the day ``until``: the graph it is read from
    changes only on the case's turning points (``cohort_dates.row_holds_until``)."""
    return json.dumps(
        [
            FORMAT,
            on.isoformat(),
            until.isoformat(),
            entry.young_person,
            [[link.agency, link.people, link.workers] for link in entry.links],
            [[d.domain.value, d.agencies] for d in entry.duplicates],
            [need.value for need in entry.needs],
            entry.area,
            entry.born.isoformat() if entry.born else None,
        ],
        separators=(",", ":"),
    )


def read_links(case_id: str, text: str, on: date) -> CaseLinks | None:
    """The entry kept as ``text``, for the day ``on``; None when it does not hold that day or another
    version of netmap wrote it."""
    tag, *rest = json.loads(text)
    if tag != FORMAT:
        return None
    made_on, until, *rest = rest
    if not made_on <= on.isoformat() <= until:
        return None
    young_person, links, duplicates, needs, area, born = rest
    return CaseLinks(
        case_id,
        young_person,
        [AgencyLink(case_id, young_person, agency, people, workers) for agency, people, workers in links],
        [Duplication(case_id, young_person, SupportDomain(d), agencies) for d, agencies in duplicates],
        [ServiceCategory(need) for need in needs],
        area,
        date.fromisoformat(born) if born else None,
    )
