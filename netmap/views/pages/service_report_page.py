"""Service report page: the service's figures over the cases a filter selects, suppressed below five, with
charts and the tables to download; for those who hold the cases, the per-case report below."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from netmap.errors import NetmapError
from netmap.graph.analytics import CohortReport
from netmap.graph.analytics.cohort_filter import CohortFilter
from netmap.graph.analytics.figures import FiguresReport
from netmap.graph.analytics.tables import Table
from netmap.models import DiscoveryStatus
from netmap.renderers.escape import markdown_text
from netmap.renderers.figure_tables import SUPPRESSED, figure_tables, label
from netmap.renderers.words import uk_date, words
from netmap.services.access import Actor
from netmap.views.session import current_actor, get_services
from netmap.views.widgets import date_field, download_button

__all__ = ["chart_frame", "distribution_table", "render", "table_frame"]

_KEY = "service-report"


def table_frame(table: Table) -> pd.DataFrame:
    """A table of figures for the page: suppressed cells read "[c]", numbers rounded for reading."""
    rows = [
        [SUPPRESSED if v is None else round(v, 2) if isinstance(v, float) else v for v in row]
        for row in table.rows
    ]
    return pd.DataFrame(rows, columns=table.columns).astype(str)


def chart_frame(cells: dict[str, int | None]) -> pd.DataFrame:
    """The cells of a breakdown that may be shown, for a chart (suppressed ones are left out)."""
    shown = {label(k): v for k, v in cells.items() if v is not None}
    return pd.DataFrame({"Group": list(shown), "Cases": list(shown.values())})


def distribution_table(report: CohortReport) -> pd.DataFrame:
    """One row per headline measure: how many cases have it, and its spread across them."""
    rows = [
        {
            "Measure": label(name),
            "Cases": d.n,
            "Lowest": d.min,
            "Median": d.median,
            "Highest": d.max,
            "Mean": None if d.mean is None else round(d.mean, 2),
        }
        for name, d in report.distributions.items()
    ]
    return pd.DataFrame(rows)


def _filters() -> CohortFilter:
    with st.form(f"{_KEY}-filters"):
        st.markdown("**Which cases**")
        cols = st.columns(3)
        youngest = cols[0].number_input("Youngest age", min_value=0, max_value=120, value=None, step=1)
        oldest = cols[1].number_input("Oldest age", min_value=0, max_value=120, value=None, step=1)
        authority = cols[2].text_input("Local authority", max_chars=200)
        cols = st.columns(3)
        prison = cols[0].text_input("Prison", max_chars=200)
        start = date_field(cols[1], "Referred on or after", value=None, min_value=date(2000, 1, 1))
        end = date_field(cols[2], "Referred on or before", value=None, min_value=date(2000, 1, 1))
        st.form_submit_button("Show the figures")
    low = int(youngest) if youngest is not None else 0
    high = int(oldest) if oldest is not None else 120
    try:
        return CohortFilter(
            ages=None if youngest is None and oldest is None else (low, max(low, high)),
            authority=authority,
            prison=prison,
            referred_from=start,
            referred_to=end,
        )
    except ValueError:
        st.warning("The second referral date is before the first: showing every referral date.")
        return CohortFilter(ages=None if youngest is None and oldest is None else (low, max(low, high)))


def _report(actor: Actor, filters: CohortFilter) -> FiguresReport:
    """The report for these filters, worked out (and audited) again only when the filters, the day or
    anything in the store has changed since this session last worked it out."""
    figures = get_services().figures
    key = (actor.username, filters.model_dump_json(), date.today().isoformat())
    before = figures.last_change(actor)
    kept = st.session_state.get(_KEY)
    if kept is None or kept[0] != key or kept[1] != before:
        with st.spinner("Working out the figures…"):
            report = figures.report(actor, filters)
        after = figures.last_change(actor)
        # the report audits itself (one entry); anything more was written by someone meanwhile
        st.session_state[_KEY] = kept = (key, after if after == before + 1 else before, report)
    return kept[2]


def _headline(report: FiguresReport) -> None:
    flag, share = report.isolation.flag, report.isolation.at_risk_share
    cols = st.columns(4)
    cols[0].metric("Cases", SUPPRESSED if report.cases is None else report.cases)
    cols[1].metric(
        "At risk of isolation",
        SUPPRESSED
        if flag["at_risk"] is None
        else f"{flag['at_risk']}" + (f" ({share:.0%})" if share else ""),
    )
    cols[2].metric(
        "Not enough recorded to tell",
        SUPPRESSED if flag["not_enough_recorded"] is None else flag["not_enough_recorded"],
    )
    # The cells partition the cases, so the answered ones are the cases less those not answered: five
    # or more whenever both are shown (suppression hides the rest together when they come to fewer).
    not_answered = report.isolation.questionnaire["not_answered"]
    cols[3].metric(
        "Answered the LSNS-6",
        SUPPRESSED if report.cases is None or not_answered is None else report.cases - not_answered,
    )


def _charts(report: FiguresReport) -> None:
    ll = report.lifelong_links
    left, right = st.columns(2)
    with left:
        st.markdown("**Isolation (cases)**")
        st.bar_chart(chart_frame(report.isolation.flag), x="Group", y="Cases", horizontal=True)
    with right:
        st.markdown("**Network size: at referral and after the plan (mean)**")
        if ll.size_at_referral is not None and ll.size_after_plan is not None:
            st.bar_chart(
                pd.DataFrame(
                    {
                        "When": ["At referral", "After the plan"],
                        "People": [ll.size_at_referral, ll.size_after_plan],
                    }
                ),
                x="When",
                y="People",
            )
        else:
            st.caption(f"{SUPPRESSED}: fewer than {report.threshold} cases measured at both.")
    st.markdown("**Accommodation at each point (cases)**")
    rows = [
        {"When": label(p.point), "Group": label(group), "Cases": n}
        for p in report.outcomes.accommodation
        for group, n in p.counts.items()
        if n is not None
    ]
    if rows:
        st.bar_chart(pd.DataFrame(rows), x="When", y="Cases", color="Group", stack=True)
    st.caption(f"Charts leave out cells shown as {SUPPRESSED} in the tables.")


def _downloads(actor: Actor, filters: CohortFilter, report: FiguresReport) -> None:
    figures = get_services().figures
    stem = f"netmap-figures-{report.as_of.isoformat()}"
    left, right = st.columns(2)
    download_button(
        left,
        "Download the tables (CSV)",
        lambda: figures.export(actor, filters, fmt="csv", as_of=report.as_of),
        file_name=f"{stem}.csv",
        mime="text/csv",
    )
    download_button(
        right,
        "Download the tables (Excel)",
        lambda: figures.export(actor, filters, fmt="xlsx", as_of=report.as_of),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def _per_case(report: CohortReport) -> None:
    st.header("Per-case report")
    st.caption("Over the cases you hold; not suppressed, since you can open each of them.")
    st.subheader("Lifelong Links: people reaching each stage")
    funnel = pd.DataFrame(
        {
            "Stage": [words(DiscoveryStatus(s)) for s in report.funnel_reached],
            "People": list(report.funnel_reached.values()),
        }
    )
    st.bar_chart(funnel, x="Stage", y="People", horizontal=True)
    st.subheader("Networks across the cases")
    st.dataframe(distribution_table(report), hide_index=True)
    if report.paired:
        mean = report.paired_size_change.mean or 0.0
        st.write(
            f"Since the referral snapshot: {len(report.paired)} cases, "
            f"network size changed by {mean:+.1f} people on average."
        )
    st.subheader("Young adults identified through referral")
    if report.identified.total:
        st.dataframe(
            pd.DataFrame(
                report.identified.by_prison_and_authority, columns=["Prison", "Local authority", "Cases"]
            ),
            hide_index=True,
        )
    else:
        st.write("No case came through the referral form yet.")


def render() -> None:
    actor = current_actor()
    assert actor is not None
    st.title("Service report")
    filters = _filters()
    try:
        report = _report(actor, filters)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    st.caption(
        markdown_text(
            f"Figures on {uk_date(report.as_of)} over {report.scope}. A cell shown as {SUPPRESSED} counts fewer than "
            f"{report.threshold} cases or people, or is hidden so that such a number cannot be worked out."
        )
    )
    _headline(report)
    _charts(report)
    for table in figure_tables(report):
        with st.expander(table.title):
            st.dataframe(table_frame(table), hide_index=True, width="stretch")
    _downloads(actor, filters, report)
    if report.per_case is not None:
        _per_case(report.per_case)
