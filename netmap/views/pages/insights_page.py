"""Insights page: the chosen case's network measures in plain words — isolation, coverage, cliff edge, change."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from netmap.errors import NetmapError
from netmap.graph.analytics import CaseMetrics
from netmap.graph.analytics.isolation import Estimate
from netmap.models import Network
from netmap.renderers.ecomap_picture import ecomap_svg
from netmap.renderers.escape import markdown_text
from netmap.renderers.words import phrase, tie_field, tie_value, uk_date, words
from netmap.views.components.transitions import transition_warning
from netmap.views.session import current_actor, get_services, open_case_page

__all__ = ["isolation_words", "lsns_chart_data", "render", "support_chart_data"]

SCREENING = (
    "The LSNS-6 (Lubben Social Network Scale, 6 questions) is a screening indicator: it was checked with "
    "older adults, not young people, so use it to start a conversation. Under 12 of 30 suggests a risk of "
    "isolation."
)


def _names(metrics: CaseMetrics, ids: list[str]) -> str:
    return ", ".join(metrics.names.get(i, i) for i in ids)


def _warnings(metrics: CaseMetrics) -> list[str]:
    summary = metrics.summary
    found = []
    if summary.at_risk:
        found.append("The LSNS-6 suggests a risk of isolation (see above).")
    if summary.no_positive_nonprofessional_adult:
        found.append("No positive relationship with an adult who is not paid to be there is recorded.")
    if summary.all_support_from_professionals:
        found.append("All the support recorded comes from professionals.")
    if summary.single_points_of_failure:
        found.append(f"{summary.single_points_of_failure} kinds of support rest on one person only.")
    return found


def _coverage(metrics: CaseMetrics) -> pd.DataFrame:
    rows = [
        {
            "Kind of support": words(cover.domain),
            "Who gives it": _names(metrics, cover.people) or "Nobody recorded",
            "Only professionals": "yes" if cover.professional_only else "",
            "Rests on one person": "yes" if cover.single_point_of_failure else "",
        }
        for cover in metrics.coverage.domains
    ]
    return pd.DataFrame(
        rows, columns=["Kind of support", "Who gives it", "Only professionals", "Rests on one person"]
    )


def _cliff_edge(metrics: CaseMetrics) -> None:
    edge = metrics.cliff_edge
    st.subheader("Support that is due to end")
    if not edge.lapses:
        st.caption("No recorded support is due to end.")
        return
    st.dataframe(
        pd.DataFrame(
            [
                {
                    "Who": metrics.names.get(lapse.person_id, lapse.person_id),
                    "Ends on": lapse.on,
                    "Why": words(lapse.reason),
                }
                for lapse in edge.lapses
            ]
        ),
        hide_index=True,
    )
    if edge.domains_lost:
        lost = ", ".join(phrase(d) for d in edge.domains_lost)
        st.warning(markdown_text(f"After that, nobody is recorded for: {lost}."))


def _change(metrics: CaseMetrics) -> None:
    change = metrics.change
    if change is None:
        return
    event = phrase(metrics.baseline_event) if metrics.baseline_event else "the first snapshot"
    st.subheader(f"Since {markdown_text(event)} ({uk_date(change.before_on)})")
    left, right = st.columns(2)
    left.metric("People in the network", change.size_after, change.size_after - change.size_before)
    right.metric(
        "Positive ties", change.after.positive_ties, change.after.positive_ties - change.before.positive_ties
    )
    if change.members_gained:
        st.caption(markdown_text(f"Joined: {_names(metrics, change.members_gained)}."))
    if change.members_lost:
        st.caption(markdown_text(f"No longer on the map: {_names(metrics, change.members_lost)}."))


def _perspectives(metrics: CaseMetrics) -> None:
    views = metrics.perspectives
    if not views.disagreements and not views.only_young_person and not views.only_practitioner:
        return
    st.subheader("Where the young person and the practitioners see things differently")
    rows = [
        {
            "Between": " and ".join(metrics.names.get(p, p) for p in d.people),
            "About": tie_field(d.field),
            "Young person": tie_value(d.field, d.young_person),
            "Practitioner": tie_value(d.field, d.practitioner),
        }
        for d in views.disagreements
    ]
    st.dataframe(
        pd.DataFrame(rows, columns=["Between", "About", "Young person", "Practitioner"]), hide_index=True
    )


def support_chart_data(metrics: CaseMetrics) -> pd.DataFrame:
    """People giving each kind of support, split into family and friends and professionals."""
    rows = []
    for cover in metrics.coverage.domains:
        professionals = len(cover.professionals)
        rows.append(
            {
                "Kind of support": words(cover.domain),
                "Family, friends and others": len(cover.people) - professionals,
                "Professionals": professionals,
            }
        )
    return pd.DataFrame(rows).set_index("Kind of support")


def lsns_chart_data(metrics: CaseMetrics) -> pd.DataFrame:
    """The six LSNS-6 item scores (0-5), relatives beside friends."""
    parts = {"Relatives": metrics.isolation.relatives, "Friends": metrics.isolation.friends}
    items = {
        "Seen or heard from monthly": "contact",
        "Can talk to privately": "confide",
        "Could call for help": "help",
    }
    return pd.DataFrame(
        {
            who: {item: getattr(part, f"{key}_score") for item, key in items.items()}
            for who, part in parts.items()
        }
    )


def isolation_words(metrics: CaseMetrics) -> tuple[str, str]:
    """The LSNS-6 as answered and as estimated from the network, each in a sentence."""
    iso = metrics.isolation
    q = iso.questionnaire
    asked = (
        "Not answered yet: the young person can answer it on My map, or in a session with you."
        if q is None
        else f"{q.total} of 30 on {uk_date(q.on)} (relatives {q.relatives}, friends {q.friends}): "
        + ("at risk of isolation." if q.at_risk else "not at risk.")
    )
    recorded = "nothing to go on" if iso.coverage is None else f"{iso.coverage:.0%} of its answers recorded"
    if iso.estimate is Estimate.NOT_ENOUGH_RECORDED:
        estimate = (
            f"Not enough recorded to tell: between {iso.lsns_total} and {iso.lsns_high} of 30 ({recorded}). "
            "Record how often they are in touch and what each person helps with."
        )
    else:
        verdict = "at risk of isolation" if iso.estimate is Estimate.AT_RISK else "not at risk"
        span = (
            f"{iso.lsns_total}" if iso.lsns_total == iso.lsns_high else f"{iso.lsns_total} to {iso.lsns_high}"
        )
        estimate = f"{span} of 30 ({recorded}): {verdict}."
    return asked, estimate


def _isolation(metrics: CaseMetrics) -> None:
    st.subheader("Isolation")
    asked, estimate = isolation_words(metrics)
    left, right = st.columns(2)
    left.markdown(f"**LSNS-6 as the young person answered it**  \n{markdown_text(asked)}")
    right.markdown(f"**LSNS-6 estimated from the network**  \n{markdown_text(estimate)}")
    st.caption(SCREENING + " When the young person has answered, their answer decides the flag.")


def _charts(metrics: CaseMetrics) -> None:
    left, right = st.columns(2)
    with left:
        st.markdown("**Who helps with what** (number of people)")
        st.bar_chart(support_chart_data(metrics), horizontal=True, stack=True)
    with right:
        st.markdown(f"**LSNS-6 estimated from the network: {metrics.isolation.lsns_total} of 30**")
        st.bar_chart(lsns_chart_data(metrics), stack=False)
        st.caption("Each item scores 0 (nobody) to 5 (nine or more), counting what is recorded.")


def _then_and_now(network: Network) -> None:
    actor = current_actor()
    assert actor is not None
    snapshots = get_services().cases.list_snapshots(actor, network.case.id)
    if not snapshots:
        return
    st.subheader("Then and now")
    labels = {s.id: f"{words(s.event)} — {uk_date(s.taken_on)}" for s in snapshots}
    chosen = st.selectbox(
        "Compare today with", list(labels), format_func=labels.__getitem__, key="insights-then"
    )
    then = next(s for s in snapshots if s.id == chosen)
    left, right = st.columns(2)
    # Pictures, not the interactive page: two of those were 1.6 MB of script for the browser to run
    # before the page was ready, for maps that are only looked at side by side here. An SVG shown as
    # an image runs no script, whatever the names in it say.
    name = network.ego.display_name
    left.markdown(markdown_text(labels[chosen]))
    left.image(ecomap_svg(then.network), width="stretch", alt=f"Ecomap of {name}'s network, {labels[chosen]}")
    right.markdown("Today")
    right.image(ecomap_svg(network), width="stretch", alt=f"Ecomap of {name}'s network today")


def render() -> None:
    opened = open_case_page("Insights")
    if opened is None:
        return
    actor, network = opened
    try:
        metrics = get_services().metrics.case_metrics(actor, network.case.id)
    except NetmapError as exc:
        st.error(markdown_text(str(exc)))
        return
    summary = metrics.summary
    cols = st.columns(4)
    cols[0].metric("People in the network", summary.size)
    cols[1].metric("Positive ties", summary.positive_ties)
    cols[2].metric("Stressful or harmful ties", summary.stressful_ties + summary.harmful_ties)
    cols[3].metric("Support from professionals", f"{summary.positive_professional_share:.0%}")
    for transition in get_services().plans.transitions(actor, network.case.id):
        transition_warning(transition)
    _isolation(metrics)
    for warning in _warnings(metrics):
        st.warning(markdown_text(warning))
    _charts(metrics)
    st.subheader("Who helps with what")
    st.dataframe(_coverage(metrics), hide_index=True)
    _cliff_edge(metrics)
    _change(metrics)
    _then_and_now(network)
    _perspectives(metrics)
