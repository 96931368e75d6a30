"""The service's figures as tables in plain words: what the Service report page shows and the CSV and XLSX
exports hold. Aggregates only: no table has a row per case or per person."""

from __future__ import annotations

from netmap.graph.analytics.figures import FiguresReport
from netmap.graph.analytics.suppression import Spread
from netmap.graph.analytics.tables import Cell, Table
from netmap.models import Answer, CareStatus, Ethnicity, Gender, Pathway, ReviewPoint, ServiceCategory
from netmap.renderers.words import uk_date, words

__all__ = ["SUPPRESSED", "about_rows", "figure_tables", "group_words", "label"]

SUPPRESSED = "[c]"
"""How a suppressed cell is written (the UK statistics convention for "confidential")."""

_LABELS = {
    "at_risk": "At risk of isolation",
    "not_at_risk": "Not at risk",
    "not_enough_recorded": "Not enough recorded to tell",
    "not_answered": "LSNS-6 not answered",
    "not_recorded": "Not recorded",
    "settled": "Settled",
    "temporary": "Temporary or transient",
    "homeless": "Homeless (sofa surfing or sleeping rough)",
    "custody": "In custody",
    "in_eet": "In education, training or work",
    "not_in_eet": "Not in education, training or work",
    "unable": "Unable to work or study",
    "monthly_or_more": "Family contact monthly or more",
    "less_often": "Family contact less often",
    "someone": "Someone to call at 2 a.m.",
    "nobody": "Nobody to call at 2 a.m.",
    "recalled": "Recalled",
    "not_recalled": "Not recalled",
    "reoffended": "Reoffended",
    "not_reoffended": "Not reoffended",
    "reached": "80 or more relatives found",
    "not_reached": "Fewer than 80 relatives found",
    "latest": "Latest",
    "covered": "Cases covered",
    "not_covered": "Cases not covered",
    "recorded": "Needs recorded",
    "words": "Needs read from their own words",
    "none": "No needs recorded",
    "under_18": "Under 18",
    "18_20": "18 to 20",
    "21_25": "21 to 25",
    "over_25": "Over 25",
    "asian": "Asian or Asian British",
    "black": "Black, Black British, Caribbean or African",
    "mixed": "Mixed or multiple ethnic groups",
    "white": "White",
    "other": "Other ethnic group",
    "prefer_not_to_say": "Prefers not to say",
    "size": "People in the network",
    "professionals": "Professionals and services",
    "positive_ties": "Positive relationships",
    "harmful_ties": "Harmful relationships",
    "stressful_ties": "Stressful relationships",
    "positive_professional_share": "Share of positive relationships that are paid",
    "strength_sum": "Strength of positive relationships (sum)",
    "strength_mean": "Strength of positive relationships (mean)",
    "negative_sum": "Weight of stressful and harmful relationships",
    "lsns_total": "LSNS-6 estimated from the network (recorded)",
    "lsns_high": "LSNS-6 estimate if every unrecorded answer counted",
    "lsns_coverage": "Share of the estimate's answers recorded",
    "lsns_answered": "LSNS-6 answered by the young person",
    "domains_uncovered": "Kinds of support nobody gives",
    "domains_professional_only": "Kinds of support only professionals give",
    "single_points_of_failure": "Kinds of support resting on one person",
    "density": "Density of ties among members",
    "clusters": "Separate groups",
    "effective_size": "Effective size (Burt)",
    "constraint": "Constraint (Burt)",
    "life_satisfaction": "Life satisfaction (ONS, 0-10)",
    "worthwhile": "Things done are worthwhile (ONS, 0-10)",
    "happy": "Happy yesterday (ONS, 0-10)",
    "anxious": "Anxious yesterday (ONS, 0-10; lower is better)",
    "network_rating": "Own rating of their network (0-10)",
}
_VOCABULARIES = (Gender, Ethnicity, CareStatus, Answer, ReviewPoint, Pathway, ServiceCategory)


def label(key: str) -> str:
    """A figure's key in plain words.

    >>> label("months_6"), label("settled"), label("lsns_answered")
    ('Six months on', 'Settled', 'LSNS-6 answered by the young person')
    """
    if key in _LABELS:
        return _LABELS[key]
    for vocabulary in _VOCABULARIES:
        if key in vocabulary._value2member_map_:
            return words(vocabulary(key))
    return key.replace("_", " ").capitalize()


def group_words(breakdown: str, group: str) -> str:
    """A breakdown's group in plain words ("female" of gender, "yes" of neurodivergent …)."""
    if breakdown == "gender" and group in Gender._value2member_map_:
        return words(Gender(group))
    return label(group)


def _spread_row(name: str, s: Spread) -> list[Cell]:
    return [label(name), s.cases, s.mean, s.q1, s.median, s.q3]


_SPREAD = ["Measure", "Cases", "Mean", "Lower quartile", "Median", "Upper quartile"]


def about_rows(report: FiguresReport) -> list[list[Cell]]:
    """What the figures cover, for the first sheet of an export."""
    f = report.filters
    return [
        ["Figures on", uk_date(report.as_of)],
        ["Cases covered", report.scope],
        ["Ages", f"{f.ages[0]} to {f.ages[1]}" if f.ages else "Any"],
        ["Local authority", f.authority or "Any"],
        ["Prison", f.prison or "Any"],
        ["Referred from", uk_date(f.referred_from) if f.referred_from else "Any date"],
        ["Referred to", uk_date(f.referred_to) if f.referred_to else "Any date"],
        ["Cases", report.cases],
        [
            SUPPRESSED,
            f"Fewer than {report.threshold}, or hidden so a number under {report.threshold} cannot be worked out",
        ],
    ]


def _pairs(cells: dict[str, int | None]) -> list[list[Cell]]:
    return [[label(k), v] for k, v in cells.items()]


def _counts(name: str, title: str, cells: dict[str, int | None]) -> Table:
    return Table(
        name=name, title=title, columns=["Group", "Cases"], rows=[[label(k), v] for k, v in cells.items()]
    )


def _by_point(name: str, title: str, rows: list) -> Table:
    groups = list(rows[0].counts) if rows else []
    return Table(
        name=name,
        title=title,
        columns=["When", *(label(g) for g in groups)],
        rows=[[label(r.point), *(r.counts[g] for g in groups)] for r in rows],
    )


def figure_tables(report: FiguresReport) -> list[Table]:
    """Every aggregate table of ``report``, in the order the page shows them (``per_case`` is never in them)."""
    iso, ll, out, part = report.isolation, report.lifelong_links, report.outcomes, report.partnership
    tables = [
        Table(
            name="Isolation",
            title="Isolation: the LSNS-6 answered, the network estimate, and the flag from both",
            columns=["Group", "LSNS-6 answered", "Network estimate", "Flag"],
            rows=[
                [label(k), iso.questionnaire.get(k), iso.estimate.get(k), iso.flag.get(k)]
                for k in ("at_risk", "not_at_risk", "not_enough_recorded", "not_answered")
            ],
        ),
        Table(
            name="Networks",
            title="Networks today across the cases",
            columns=_SPREAD,
            rows=[_spread_row(k, s) for k, s in report.network.items()],
        ),
        Table(
            name="Before and after",
            title="Paired before and after: each case at referral and at a later point",
            columns=[
                "Measure",
                "Later point",
                "Cases",
                "At referral (mean)",
                "Later (mean)",
                "Change (mean)",
            ],
            rows=[
                [label(p.measure), label(p.point), p.cases, p.at_referral, p.at_point, p.change]
                for p in report.paired
            ],
        ),
        Table(
            name="Lifelong Links",
            title="Lifelong Links figures, over the cases whose plan has happened",
            columns=["Figure", "Value"],
            rows=[
                ["Cases whose plan has happened", ll.cases_after_plan],
                ["Cases measured at referral and after the plan", ll.cases_measured],
                ["Network size at referral (mean)", ll.size_at_referral],
                ["Network size after the plan (mean)", ll.size_after_plan],
                ["People the young people named to connect with", ll.named],
                ["Of them, now connections", ll.became_connections],
                ["Share who became connections", ll.connection_share],
                ["Relatives found per case (median)", ll.relatives_found.median],
                ["Relatives found per case (mean)", ll.relatives_found.mean],
                ["Practice target of relatives found", ll.relatives_target],
                *_pairs(ll.reaching_target),
                ["Share reaching the target", ll.reaching_target_share],
            ],
        ),
        _by_point("Accommodation", "Accommodation at each point", out.accommodation),
        _counts("Release night", "Where they slept on the night of release", out.release_night),
        _by_point("Education and work", "Education, training and work at each point", out.activity),
        Table(
            name="Wellbeing",
            title="Wellbeing (ONS-4) at each point, mean of the cases that answered",
            columns=[
                "When",
                "Cases",
                label("life_satisfaction"),
                label("worthwhile"),
                label("happy"),
                label("anxious"),
            ],
            rows=[
                [label(w.point), w.cases, w.life_satisfaction, w.worthwhile, w.happy, w.anxious]
                for w in out.wellbeing
            ],
        ),
        Table(
            name="Own view",
            title="The young person's own view, contact with family, recalls and reoffending",
            columns=["Group", "Cases"],
            rows=[
                *_pairs(out.family_contact),
                *_pairs(out.call_at_2am),
                [label("network_rating") + " (mean)", out.network_rating.mean],
                *_pairs(out.recalled),
                ["Recalls recorded", out.recalls],
                *_pairs(out.reoffended),
                ["Reoffences recorded", out.reoffences],
            ],
        ),
    ]
    for breakdown, rows in report.breakdowns.items():
        tables.append(
            Table(
                name=f"By {breakdown.replace('_', ' ')}"[:31],
                title=f"By {label(breakdown).lower()}",
                columns=[
                    "Group",
                    "Cases",
                    "At risk of isolation",
                    "Settled now",
                    "In education, training or work",
                    "People in the network (mean)",
                ],
                rows=[
                    [group_words(breakdown, g.group), g.cases, g.at_risk, g.settled, g.in_eet, g.size_mean]
                    for g in rows
                ],
            )
        )
    tables += [
        Table(
            name="Plan by agency",
            title="Plan items promised and delivered, by agency",
            columns=[
                "Agency",
                "Cases",
                "Promised",
                "Delivered",
                "In progress",
                "Agreed, not started",
                "Not done",
                "Overdue",
            ],
            rows=[
                [a.agency, a.cases, a.promised, a.delivered, a.in_progress, a.agreed, a.not_done, a.overdue]
                for a in part.plan
            ],
        ),
        Table(
            name="Pathways",
            title="Resettlement pathways: cases covered and the agencies covering them",
            columns=[
                "Pathway",
                "Cases covered",
                "Cases not covered",
                "Agencies in 5 or more cases (cases each)",
            ],
            rows=[
                [
                    words(p.pathway),
                    p.covered,
                    p.not_covered,
                    "; ".join(f"{a} ({n})" for a, n in p.agencies.items()),
                ]
                for p in part.pathways
            ],
        ),
        Table(
            name="Needs",
            title="Needs by area against the local services that offer them",
            columns=["Area", "Need", "Cases", "A local service offers it"],
            rows=[[n.area, words(n.need), n.cases, "yes" if n.met_locally else "no"] for n in part.needs],
        ),
        _counts("Where needs come from", "Where the needs come from", part.needs_source),
    ]
    return tables
