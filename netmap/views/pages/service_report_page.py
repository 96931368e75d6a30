"""Service report page: the cohort report over every case this person may open, for managers and teams."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netmap.errors import NetmapError
from netmap.graph.analytics import CohortReport
from netmap.renderers.escape import markdown_text
from netmap.views.session import current_actor, get_services

__all__ = ["distribution_table", "render"]


def _words(value: str) -> str:
    return value.replace("_", " ").capitalize()


def distribution_table(report: CohortReport) -> pd.DataFrame:
    """One row per headline measure: how many cases have it, and its spread across them."""
    rows = [
        {
            "Measure": _words(name),
            "Cases": d.n,
            "Lowest": d.min,
            "Median": d.median,
            "Highest": d.max,
            "Mean": None if d.mean is None else round(d.mean, 2),
        }
        for name, d in report.distributions.items()
    ]
    return pd.DataFrame(rows)


def render() -> None:
    actor = current_actor()
    assert actor is not None
    services = get_services()
    st.title("Service report")
    try:
        with st.spinner("Working out the report for every case…"):
            report = services.metrics.cohort_report(actor)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    st.caption(
        f"Across the {report.cases} case{'s' if report.cases != 1 else ''} you can open. "
        "A case's numbers are worked out again only after it changes."
    )
    if not report.cases:
        st.info("There are no cases to report on yet.")
        return
    share = "–" if report.at_risk_share is None else f"{report.at_risk_share:.0%}"
    cols = st.columns(4)
    cols[0].metric("Cases", report.cases)
    cols[1].metric("At risk of isolation", f"{report.flags['at_risk']} ({share})")
    cols[2].metric("No positive adult who is not paid", report.flags["no_positive_nonprofessional_adult"])
    cols[3].metric("All support from professionals", report.flags["all_support_from_professionals"])

    st.subheader("Lifelong Links: people reaching each stage")
    funnel = pd.DataFrame(
        {"Stage": [_words(s) for s in report.funnel_reached], "People": list(report.funnel_reached.values())}
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
