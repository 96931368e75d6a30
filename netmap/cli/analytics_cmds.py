"""Commands that report network measures: metrics CASE_ID, cohort (JSON documented in docs/measures.md)."""

from __future__ import annotations

from typing import Annotated

import typer

from netmap.cli.common import AsOption, DbOption, acting, handle_errors, open_services
from netmap.graph.analytics import CaseMetrics, CohortReport

__all__ = ["case_text", "cohort", "cohort_text", "metrics_"]

JsonOption = Annotated[bool, typer.Option("--json", help="Print the documented JSON instead of text.")]


def _safe(text: str) -> str:
    """Names are typed by people: keep only printable characters so nothing can drive the terminal."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _num(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _who(m: CaseMetrics, ids: list[str]) -> str:
    return ", ".join(_safe(m.names.get(i, i)) for i in ids) or "nobody"


def case_text(m: CaseMetrics) -> list[str]:
    """The plain-text report of one case, one line per measure family."""
    s, v = m.summary, m.composition.ego_ties_by_valence
    share = m.composition.positive_professional_share
    lines = [
        f"Case {_safe(m.case_id)} on {m.as_of} (stage: {m.stage.value})",
        f"Size: {s.size} members, {s.professionals} of them professionals or services",
        f"Ties with the young person: {v['positive']} positive, {v['mixed']} mixed, "
        f"{v['stressful']} stressful, {v['harmful']} harmful; professionals hold "
        f"{'n/a' if share is None else f'{share:.0%}'} of the positive ties",
        f"Positive-tie strength: sum {_num(s.strength_sum)}, mean {_num(s.strength_mean)} "
        f"over {m.strength.positive_count} ties with non-professionals",
        f"LSNS-6: {s.lsns_total} of 30 (relatives {m.isolation.relatives.score}, friends "
        f"{m.isolation.friends.score}){' - at risk of isolation' if s.at_risk else ''}",
    ]
    flags = [
        text
        for on, text in (
            (m.isolation.no_positive_nonprofessional_adult, "no positive tie with a non-professional adult"),
            (m.isolation.all_support_from_professionals, "all support comes from professionals"),
            (m.isolation.no_support_recorded, "no support recorded"),
        )
        if on
    ]
    lines.append(f"Flags: {'; '.join(flags) or 'none'}")
    lines.append("Support coverage:")
    for cover in m.coverage.domains:
        notes = [
            text
            for ok, text in (
                (cover.professional_only, "professionals only"),
                (cover.single_point_of_failure, "one person"),
            )
            if ok
        ]
        note = f" ({', '.join(notes)})" if notes else ""
        lines.append(f"  {cover.domain.value:<15}{_who(m, cover.people)}{note}")
    st = m.structure
    lines.append(
        f"Structure: density {_num(st.density)}; {len(st.clusters)} clusters joined only through the "
        f"young person; bridging people: {_who(m, st.bridging_people)}; effective size "
        f"{_num(st.effective_size)}; constraint {_num(st.constraint)}"
    )
    ce = m.cliff_edge
    if ce.on is None:
        lines.append("Cliff edge: no planned ends")
    else:
        lines.append(
            f"Cliff edge on {ce.on}: size {ce.before.size} -> {ce.after.size}, positive ties "
            f"{ce.before.positive_ties} -> {ce.after.positive_ties}, LSNS-6 {ce.before.lsns_total} -> "
            f"{ce.after.lsns_total}; support lost: {', '.join(d.value for d in ce.domains_lost) or 'none'}"
        )
        lines += [f"  {x.on} {_who(m, [x.person_id])}: {x.reason.value}" for x in ce.lapses]
    p = m.perspectives
    lines.append(
        f"Perspectives: {len(p.disagreements)} disagreements; {len(p.only_young_person)} ties only the "
        f"young person recorded; {len(p.only_practitioner)} only the practitioner recorded"
    )
    if m.change is not None and m.baseline_event is not None:
        c = m.change
        lines.append(
            f"Change since {m.baseline_event.value} ({c.before_on}): size {c.size_before} -> {c.size_after}; "
            f"{len(c.members_gained)} members gained, {len(c.members_lost)} lost; "
            f"{len(c.strengthened)} ties strengthened, {len(c.weakened)} weakened"
        )
    return lines


def cohort_text(r: CohortReport) -> list[str]:
    """The plain-text service-wide report."""
    at_risk = "n/a" if r.at_risk_share is None else f"{r.at_risk_share:.0%}"
    lines = [f"Cohort: {r.cases} cases; at risk of isolation: {r.flags['at_risk']} ({at_risk})"]
    lines.append(f"  {'measure':<28}{'n':>4}{'min':>8}{'median':>8}{'max':>8}{'mean':>8}")
    for name, d in r.distributions.items():
        lines.append(
            f"  {name:<28}{d.n:>4}{_num(d.min):>8}{_num(d.median):>8}{_num(d.max):>8}{_num(d.mean):>8}"
        )
    lines.append(
        f"Referral vs now: {len(r.paired)} cases; mean change in size {_num(r.paired_size_change.mean)}"
    )
    lines.append(
        "Funnel (members reaching each stage): " + ", ".join(f"{k} {v}" for k, v in r.funnel_reached.items())
    )
    exits = ("declined", "not_safe", "deceased", "not_found")
    lines.append("Exits: " + ", ".join(f"{k} {r.funnel[k]}" for k in exits))
    lines.append(
        f"Identified through referral: {r.identified.total}"
        + "".join(f"; {_safe(p)}: {n}" for p, n in r.identified.by_prison.items())
    )
    return lines


@handle_errors
def metrics_(
    case_id: Annotated[str, typer.Argument(metavar="CASE_ID", help="The case to measure.")],
    as_json: JsonOption = False,
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Per-case network measures: size, tie strength, LSNS-6, coverage, structure, cliff edge, change."""
    with open_services(db) as services:
        result = services.metrics.case_metrics(acting(services, as_user), case_id)
    typer.echo(result.model_dump_json(indent=2) if as_json else "\n".join(case_text(result)))


@handle_errors
def cohort(
    as_json: JsonOption = False,
    db: DbOption = None,
    as_user: AsOption = None,
) -> None:
    """Service-wide report over every case you may see: distributions, risk, change, the funnel."""
    with open_services(db) as services:
        result = services.metrics.cohort_report(acting(services, as_user))
    typer.echo(result.model_dump_json(indent=2) if as_json else "\n".join(cohort_text(result)))
