"""Commands that report network measures: metrics CASE_ID, cohort (JSON documented in docs/measures.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from netmap.cli.common import AsOption, DbOption, acting, handle_errors, open_services
from netmap.errors import UsageError
from netmap.graph.analytics import CaseMetrics, CohortReport
from netmap.graph.analytics.cohort_filter import CohortFilter, parse_ages
from netmap.graph.analytics.figures import FiguresReport
from netmap.graph.analytics.tables import Cell
from netmap.renderers.figure_tables import SUPPRESSED, figure_tables
from netmap.renderers.words import phrase, uk_date

if TYPE_CHECKING:
    from netmap.services.figures import Format

__all__ = ["case_text", "cohort", "cohort_filter", "cohort_text", "figures_text", "metrics_"]

JsonOption = Annotated[bool, typer.Option("--json", help="Print the documented JSON instead of text.")]


def _safe(text: str) -> str:
    """Names are typed by people: keep only printable characters so nothing can drive the terminal."""
    return "".join(ch if ch.isprintable() else "?" for ch in text)


def _num(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _who(m: CaseMetrics, ids: list[str]) -> str:
    return ", ".join(_safe(m.names.get(i, i)) for i in ids) or "nobody"


def _isolation_lines(m: CaseMetrics) -> list[str]:
    """The LSNS-6 answered and the estimate from the network, then the flag they give."""
    i, q = m.isolation, m.isolation.questionnaire
    answered = (
        "LSNS-6 answered: not yet"
        if q is None
        else f"LSNS-6 answered: {q.total} of 30 on {uk_date(q.on)} (relatives {q.relatives}, friends {q.friends})"
    )
    recorded = (
        "nothing recorded to ask about" if i.coverage is None else f"{i.coverage:.0%} of its answers recorded"
    )
    span = f"{i.lsns_total}" if i.lsns_total == i.lsns_high else f"{i.lsns_total} to {i.lsns_high}"
    return [
        answered,
        f"LSNS-6 from the network: {span} of 30 (relatives {i.relatives.score}, friends {i.friends.score}; "
        f"{recorded}): {i.estimate.value.replace('_', ' ')}",
        "Isolation (LSNS-6, a screening indicator; at risk below 12): "
        + (
            "at risk"
            if i.at_risk
            else "not enough recorded"
            if m.summary.not_enough_recorded
            else "not at risk"
        ),
    ]


def case_text(m: CaseMetrics) -> list[str]:
    """The plain-text report of one case, one line per measure family."""
    s, v = m.summary, m.composition.ego_ties_by_valence
    share = m.composition.positive_professional_share
    lines = [
        f"Case {_safe(m.case_id)} on {uk_date(m.as_of)} (stage: {phrase(m.stage)})",
        f"Size: {s.size} members, {s.professionals} of them professionals or services",
        f"Ties with the young person: {v['positive']} positive, {v['mixed']} mixed, "
        f"{v['stressful']} stressful, {v['harmful']} harmful; professionals hold "
        f"{'n/a' if share is None else f'{share:.0%}'} of the positive ties",
        f"Positive-tie strength: sum {_num(s.strength_sum)}, mean {_num(s.strength_mean)} "
        f"over {m.strength.positive_count} ties with non-professionals",
        *_isolation_lines(m),
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


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: {value!r} is not a date written YYYY-MM-DD.") from None


def cohort_filter(
    ages: str | None, authority: str, prison: str, referred_from: str | None, referred_to: str | None
) -> CohortFilter:
    """The filter the options ask for; a bad value is one sentence naming the option."""
    try:
        span = parse_ages(ages) if ages is not None else None
    except ValueError as exc:
        raise UsageError(f"--{exc}") from None
    start, end = _day(referred_from, "--referred-from"), _day(referred_to, "--referred-to")
    if start and end and end < start:
        raise UsageError("--referred-to is before --referred-from.")
    return CohortFilter(ages=span, authority=authority, prison=prison, referred_from=start, referred_to=end)


def _cell(value: Cell) -> str:
    if value is None:
        return SUPPRESSED
    return f"{value:.2f}" if isinstance(value, float) else _safe(str(value))


def figures_text(report: FiguresReport) -> list[str]:
    """The suppressed figures as plain text, one block per table."""
    lines = [
        f"Figures on {uk_date(report.as_of)}: {_safe(report.scope)}; cases {_cell(report.cases)} "
        f"({SUPPRESSED} = fewer than {report.threshold}, or hidden so one cannot be worked out)"
    ]
    for table in figure_tables(report):
        lines += [table.title, "  " + " | ".join(table.columns)]
        lines += ["  " + " | ".join(_cell(v) for v in row) for row in table.rows]
    return lines


@handle_errors
def cohort(
    as_json: JsonOption = False,
    db: DbOption = None,
    as_user: AsOption = None,
    ages: Annotated[
        str | None, typer.Option("--ages", help="Only young people aged A-B today, e.g. 18-25.")
    ] = None,
    authority: Annotated[str, typer.Option("--authority", help="Only cases of this local authority.")] = "",
    prison: Annotated[str, typer.Option("--prison", help="Only cases of young people in this prison.")] = "",
    referred_from: Annotated[
        str | None,
        typer.Option("--referred-from", help="Only cases referred on or after this day (YYYY-MM-DD)."),
    ] = None,
    referred_to: Annotated[
        str | None,
        typer.Option("--referred-to", help="Only cases referred on or before this day (YYYY-MM-DD)."),
    ] = None,
    export: Annotated[
        Path | None,
        typer.Option("--export", help="Also write the aggregate tables to this .csv or .xlsx file."),
    ] = None,
) -> None:
    """Service-wide figures over the cases you may see, suppressed below five; the per-case report too for
    those who hold the cases."""
    chosen = cohort_filter(ages, authority, prison, referred_from, referred_to)
    if export is not None and export.suffix.lower() not in (".csv", ".xlsx"):
        raise UsageError(f"--export: {export.name} must end in .csv or .xlsx.")
    with open_services(db) as services:
        actor = acting(services, as_user)
        result = services.figures.report(actor, chosen)
        if export is not None:
            fmt: Format = "xlsx" if export.suffix.lower() == ".xlsx" else "csv"
            data = services.figures.export(actor, chosen, fmt=fmt, as_of=result.as_of)
            try:
                export.write_bytes(data)
            except OSError as exc:
                raise UsageError(f"Could not write {export}: {exc.strerror or exc}.") from None
    if as_json:
        typer.echo(result.model_dump_json(indent=2))
        return
    lines = figures_text(result)
    if result.per_case is not None:
        lines += ["", "Per-case report over the cases you hold:", *cohort_text(result.per_case)]
    typer.echo("\n".join(lines))
