"""The Local services page's Partnership section, readable at thousands of cases: the agencies with
how many young people and workers, the same support from several agencies and the needs no service
meets as counts, and one agency's or one young person's links looked up by choice or by name."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from netmap.renderers.escape import markdown_text
from netmap.renderers.words import words
from netmap.services.access import Actor
from netmap.services.partnership import AgencyCount, Partnership
from netmap.views.session import get_services

__all__ = ["ROWS_SHOWN", "render_partnership"]

# Rows a table of young people shows at most: a look-up narrows it, and the page stays quick.
ROWS_SHOWN = 500
_KEY = "svc-partnership-made"


def _current(actor: Actor) -> Partnership:
    """The partnership, made again only when anything in the store has changed (every write is
    audited), on a new day or for someone else: each choice in the look-ups reruns the page."""
    services = get_services()
    # Every role that may read the partnership may read the figures, and so when the store last changed.
    key = (actor, date.today(), services.figures.last_change(actor))
    kept = st.session_state.get(_KEY)
    if kept is None or kept[0] != key:
        with st.spinner("Reading the cases you hold…"):
            kept = (key, services.directory.partnership(actor))
        st.session_state[_KEY] = kept
    made: Partnership = kept[1]
    return made


def _count(n: int, one: str, many: str) -> str:
    """
    >>> _count(1, "young person", "young people"), _count(1200, "agency", "agencies")
    ('1 young person', '1,200 agencies')
    """
    return f"{n:,} {one if n == 1 else many}"


def _table(rows: Sequence[Sequence[Any]], columns: list[str]) -> None:
    st.dataframe(pd.DataFrame(list(rows), columns=columns), hide_index=True, width="stretch")


def _at_most(rows: list[list[Any]], what: str) -> list[list[Any]]:
    if len(rows) > ROWS_SHOWN:
        st.caption(f"The first {ROWS_SHOWN:,} of {len(rows):,} {what}, by name.")
    return rows[:ROWS_SHOWN]


def _duplicates(seen: Partnership) -> None:
    st.subheader("The same support from several agencies")
    counts = seen.duplicated_support()
    if not counts:
        st.caption("No young person has the same kind of support from more than one agency.")
        return
    _table([[words(domain), n] for domain, n in counts], ["Support", "Young people"])
    kind = st.selectbox(
        "Young people with the same support from several agencies",
        [None, *(domain for domain, _ in counts)],
        format_func=lambda d: "Every kind of support" if d is None else words(d),
        key="svc-dup-kind",
    )
    rows = [
        [d.young_person, words(d.domain), ", ".join(d.agencies)]
        for d in seen.duplicates
        if kind is None or d.domain is kind
    ]
    _table(_at_most(rows, "rows"), ["Young person", "Support", "Agencies"])


def _agency(seen: Partnership, agencies: list[AgencyCount]) -> None:
    chosen = st.selectbox(
        "Agency",
        [None, *(a.agency for a in agencies)],
        format_func=lambda a: "Choose an agency" if a is None else a,
        key="svc-agency",
    )
    if chosen is not None:
        rows = [[link.young_person, ", ".join(link.people)] for link in seen.of_agency(chosen)]
        _table(_at_most(rows, "young people"), ["Young person", "Its people working with them"])


def _young_person(seen: Partnership) -> None:
    name = st.text_input("Young person's name, or part of it", key="svc-young-person", max_chars=120)
    if not name.strip():
        return
    found = seen.named(name)
    if not found:
        st.info(f"No young person in the cases you hold is called “{markdown_text(name.strip())}”.")
        return
    if len(found) > ROWS_SHOWN:
        st.caption(f"The first {ROWS_SHOWN:,} of {len(found):,} young people whose name holds that, by name.")
    shown = found[:ROWS_SHOWN]
    links, duplicates = seen.of_young_people(shown)
    _table(
        [[link.young_person, link.agency, ", ".join(link.people)] for link in links],
        ["Young person", "Agency", "Its people"],
    )
    twice: dict[str, list[str]] = {}
    for d in duplicates:
        twice.setdefault(d.case_id, []).append(f"{words(d.domain)} ({', '.join(d.agencies)})")
    _table(
        [
            [
                seen.young_people[case_id],
                "; ".join(twice.get(case_id, [])) or "None",
                ", ".join(words(need) for need in seen.unmet.get(case_id, [])) or "None",
            ]
            for case_id in shown
        ],
        ["Young person", "The same support from several agencies", "Needs no local service meets"],
    )


def render_partnership(actor: Actor) -> None:
    """The section's contents (the page draws them only while the section is open)."""
    seen = _current(actor)
    if not seen.young_people:
        st.info("You hold no cases yet.")
        return
    agencies = seen.agencies()
    st.caption(
        f"{_count(len(seen.young_people), 'young person', 'young people')} in the cases you hold; "
        f"{_count(len(agencies), 'agency works', 'agencies work')} with them."
    )
    st.subheader("Agencies")
    if agencies:
        st.caption(
            "Most young people first. Workers involved: the agency's people named in those cases "
            "(a service linked as a whole names none)."
        )
        _table(
            [[a.agency, a.young_people, a.workers] for a in agencies],
            ["Agency", "Young people", "Workers involved"],
        )
    else:
        st.info("No agencies are recorded in your cases yet.")
    _duplicates(seen)
    st.subheader("Needs no local service meets")
    if seen.uncovered:
        _table(
            [[u.area, words(u.category), len(u.young_people)] for u in seen.uncovered],
            ["Area", "Kind of help", "Young people"],
        )
    else:
        st.caption("A service in the directory meets every need recorded in the cases you hold.")
    st.subheader("One agency or one young person")
    left, right = st.columns(2)
    with left:
        _agency(seen, agencies)
    with right:
        _young_person(seen)
