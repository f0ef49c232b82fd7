"""What the report says, in order: the required sections with their narrative, tables and
charts, built once from a report and its figures. The web page, the DOCX and the PDF all print
this structure, so they show the same numbers; each table row keeps the URL of the list it
counts."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from .charts import BarChart, render_svg
from .models import AnnualReport


@dataclass
class Table:
    caption: str
    headers: list[str]
    rows: list[list[str]]
    urls: list[str] = field(default_factory=list)  # one per row ("" when none)
    numeric: list[bool] = field(default_factory=list)  # per column
    list_url: str = ""  # the list the whole table counts
    footer: list[str] | None = None


@dataclass
class Part:
    heading: str
    anchor: str
    texts: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    charts: list[BarChart] = field(default_factory=list)
    figures: list[tuple[str, str]] = field(default_factory=list)  # (SVG, caption)
    note: str = ""
    narrative_missing: bool = False


@dataclass
class Section:
    heading: str
    anchor: str
    texts: list[str]
    parts: list[Part]
    narrative_missing: bool = False


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in (text or "").replace("\r\n", "\n").split("\n\n") if p.strip()]


def number(value) -> str:
    """Swedish number formatting: non-breaking space as thousands separator, decimal comma."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}".replace(",", "\u00a0").replace(".", ",")
    return f"{int(value):,}".replace(",", "\u00a0")


def swedish_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = datetime.date.fromisoformat(value[:10])
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return date_format(value, "j F Y")


def _numeric(headers: list[str], first_text_columns: int) -> list[bool]:
    return [index >= first_text_columns for index in range(len(headers))]


def _results(report: AnnualReport, fig: dict) -> Section:
    activities = fig["activities"]
    events = fig["events"]
    participants = fig["participants"]
    parts: list[Part] = []

    overview = Part(heading=_("Activities per sub-goal"), anchor="delmal")
    overview.facts.append(
        _(
            "%(done)s of the plan's %(total)s activities were done during the year, %(ongoing)s "
            "are ongoing and %(stopped)s were postponed or cancelled."
        )
        % {
            "done": number(activities["done"]),
            "total": number(activities["activities"]),
            "ongoing": number(activities["ongoing"]),
            "stopped": number(activities["postponed_or_cancelled"]),
        }
    )
    headers = [
        _("Sub-goal"),
        _("Activities in the plan"),
        pgettext("activities", "Done"),
        _("Ongoing"),
        _("Events held"),
        _("Participants at events"),
    ]
    overview_table = Table(
        caption=_("Activities and events per sub-goal %(year)s") % {"year": report.year},
        headers=headers,
        rows=[
            [
                (
                    _("Sub-goal %(number)s: %(title)s")
                    % {"number": row["subgoal"], "title": row["title"]}
                )
                if row["subgoal"] is not None
                else row["title"],
                number(row["activities"]),
                number(row["done"]),
                number(row["ongoing"]),
                number(row["events"]),
                number(row["attended"]),
            ]
            for row in activities["rows"]
        ],
        urls=[row["url"] for row in activities["rows"]],
        numeric=_numeric(headers, 1),
        list_url=activities["url"],
    )
    if overview_table.rows:
        overview.tables.append(overview_table)
    if not activities["plans"]:
        overview.note = _("There is no plan for %(year)s.") % {"year": report.year}
    parts.append(overview)

    for row in activities["rows"]:
        if row["subgoal"] is None:
            continue
        key = str(row["subgoal"])
        text = report.subgoal_texts.get(key, "")
        parts.append(
            Part(
                heading=_("Sub-goal %(number)s: %(title)s")
                % {"number": row["subgoal"], "title": row["title"]},
                anchor=f"delmal-{key}",
                texts=paragraphs(text),
                facts=[
                    _(
                        "%(done)s of %(total)s activities done; %(events)s events held with "
                        "%(attended)s participants."
                    )
                    % {
                        "done": number(row["done"]),
                        "total": number(row["activities"]),
                        "events": number(row["events"]),
                        "attended": number(row["attended"]),
                    }
                ],
                narrative_missing=not text.strip(),
            )
        )

    if activities["done_list"]:
        headers = [_("Activity"), _("Sub-goals"), _("What happened"), _("Participants")]
        parts.append(
            Part(
                heading=_("Activities done"),
                anchor="genomforda",
                tables=[
                    Table(
                        caption=_("Activities of the plan done in %(year)s")
                        % {"year": report.year},
                        headers=headers,
                        rows=[
                            [
                                a["title"],
                                a["subgoals"],
                                a["follow_up"],
                                number(a["participants"]),
                            ]
                            for a in activities["done_list"]
                        ],
                        urls=[a["url"] for a in activities["done_list"]],
                        numeric=[False, False, False, True],
                        list_url=activities["url"],
                    )
                ],
            )
        )

    headers = [_("Event"), _("Date"), _("Type"), _("Registered"), _("Attended")]
    event_part = Part(
        heading=_("Events"),
        anchor="evenemang",
        facts=[
            _(
                "%(count)s events held with %(registrations)s confirmed registrations and "
                "%(attended)s participants who attended."
            )
            % {
                "count": number(events["count"]),
                "registrations": number(events["registrations"]),
                "attended": number(events["attended"]),
            }
        ],
    )
    if events["rows"]:
        event_part.tables.append(
            Table(
                caption=_("Events held in %(year)s") % {"year": report.year},
                headers=headers,
                rows=[
                    [
                        e["title"],
                        swedish_date(e["date"]),
                        e["type"],
                        number(e["registrations"]),
                        number(e["attended"]),
                    ]
                    for e in events["rows"]
                ],
                urls=[e["url"] for e in events["rows"]],
                numeric=_numeric(headers, 3),
                list_url=events["url"],
                footer=[
                    _("Total"),
                    "",
                    "",
                    number(events["registrations"]),
                    number(events["attended"]),
                ],
            )
        )
    parts.append(event_part)

    participant_part = Part(
        heading=_("Participants by organisation type and municipality"),
        anchor="deltagare",
        facts=[
            _(
                "%(total)s participants attended; staff from %(reached)s of the county's "
                "%(municipalities)s municipalities took part."
            )
            % {
                "total": number(participants["total"]),
                "reached": number(participants["municipalities_reached"]),
                "municipalities": number(participants["municipalities_in_county"]),
            }
        ],
    )
    if participants["by_kind"]:
        headers = [_("Organisation type"), _("Participants")]
        participant_part.tables.append(
            Table(
                caption=_("Participants by organisation type"),
                headers=headers,
                rows=[[r["label"], number(r["count"])] for r in participants["by_kind"]],
                numeric=[False, True],
                list_url=participants["url"],
                footer=[_("Total"), number(participants["total"])],
            )
        )
        participant_part.charts.append(
            BarChart(
                title=_("Participants by organisation type %(year)s") % {"year": report.year},
                description=_(
                    "Bar chart of the %(total)s participants who attended the county board's "
                    "events, by type of organisation. The values are also in the table."
                )
                % {"total": participants["total"]},
                bars=[(r["label"], r["count"]) for r in participants["by_kind"]],
            )
        )
    if participants["by_municipality"]:
        headers = [_("Municipality"), _("Participants")]
        participant_part.tables.append(
            Table(
                caption=_("Participants by municipality"),
                headers=headers,
                rows=[[r["label"], number(r["count"])] for r in participants["by_municipality"]],
                numeric=[False, True],
                list_url=participants["url"],
            )
        )
    parts.append(participant_part)

    coverage = fig["coverage"]
    coverage_part = Part(heading=_("Coverage"), anchor="tackning")
    if coverage["goals"]:
        headers = [
            _("Goal"),
            _("Target year"),
            _("Reached %(year)s") % {"year": report.year},
            _("Reached %(year)s") % {"year": report.year - 1},
            _("Change"),
            _("Of"),
        ]
        coverage_part.tables.append(
            Table(
                caption=_("Coverage goals %(year)s") % {"year": report.year},
                headers=headers,
                rows=[
                    [
                        g["name"],
                        str(g["target_year"] or ""),
                        number(g["achieved"]),
                        number(g["achieved_previous_year"]),
                        ("+" if g["change"] > 0 else "") + number(g["change"]),
                        number(g["total"]),
                    ]
                    for g in coverage["goals"]
                ],
                urls=[g["url"] for g in coverage["goals"]],
                numeric=_numeric(headers, 1),
                list_url=coverage["url"],
            )
        )
    else:
        coverage_part.note = _("The county has no coverage goals for the year.")
    parts.append(coverage_part)

    indicators = fig["indicators"]
    indicator_part = Part(heading=_("Survey indicators"), anchor="indikatorer")
    if indicators["rows"]:
        headers = [
            _("Indicator"),
            str(report.year),
            str(report.year - 1),
            _("Respondents %(year)s") % {"year": report.year},
        ]
        indicator_part.tables.append(
            Table(
                caption=_("Indicators from the mapping survey"),
                headers=headers,
                rows=[
                    [
                        r["name"] + (f" ({r['unit']})" if r["unit"] else ""),
                        number(r["value"]),
                        number(r["previous"]),
                        number(r["respondents"]),
                    ]
                    for r in indicators["rows"]
                ],
                urls=[r["url"] for r in indicators["rows"]],
                numeric=_numeric(headers, 1),
                list_url=indicators["url"],
            )
        )
    else:
        indicator_part.note = _("No survey indicators for the year.")
    parts.append(indicator_part)

    campaigns = fig["campaigns"]
    campaign_part = Part(heading=_("Campaigns"), anchor="kampanjer")
    if campaigns["rows"]:
        headers = [_("Campaign"), _("Period"), _("Level"), _("Spread by organisations")]
        campaign_part.tables.append(
            Table(
                caption=_("Campaigns during %(year)s") % {"year": report.year},
                headers=headers,
                rows=[
                    [
                        c["title"],
                        f"{swedish_date(c['start'])} – {swedish_date(c['end'])}",
                        _("National") if c["national"] else _("Regional"),
                        number(c["spread_by"]),
                    ]
                    for c in campaigns["rows"]
                ],
                urls=[c["url"] for c in campaigns["rows"]],
                numeric=[False, False, False, True],
                list_url=campaigns["url"],
            )
        )
    else:
        campaign_part.note = _("No campaigns during the year.")
    parts.append(campaign_part)

    newsletters = fig["newsletters"]
    newsletter_part = Part(
        heading=_("Newsletters"),
        anchor="nyhetsbrev",
        facts=[
            _("%(count)s newsletter issues were sent, %(recipients)s deliveries in total.")
            % {
                "count": number(newsletters["count"]),
                "recipients": number(newsletters["recipients"]),
            }
        ],
    )
    if newsletters["rows"]:
        headers = [_("Issue"), _("Sent"), _("Recipients")]
        newsletter_part.tables.append(
            Table(
                caption=_("Newsletter issues sent in %(year)s") % {"year": report.year},
                headers=headers,
                rows=[
                    [n["title"], swedish_date(n["date"]), number(n["recipients"])]
                    for n in newsletters["rows"]
                ],
                urls=[n["url"] for n in newsletters["rows"]],
                numeric=[False, False, True],
                list_url=newsletters["url"],
            )
        )
    parts.append(newsletter_part)

    return Section(
        heading=_("Results and effects"),
        anchor="resultat",
        texts=paragraphs(report.results_text),
        parts=parts,
        narrative_missing=not report.results_text.strip(),
    )


def _needs(report: AnnualReport, fig: dict) -> Section:
    support = fig["support"]
    headers = [_("Figure"), _("Count")]
    summary = Table(
        caption=_("Process support, actor visits and needs %(year)s") % {"year": report.year},
        headers=headers,
        rows=[
            [_("Process support active during the year"), number(support["engagements_active"])],
            [_("Process support completed"), number(support["engagements_completed"])],
            [_("Organisations supported"), number(support["organisations_supported"])],
            [_("Actor visits"), number(support["visits"])],
            [_("Needs raised"), number(support["needs_raised"])],
            [_("Needs forwarded to national level"), number(support["needs_forwarded"])],
        ],
        urls=[
            support["engagements_url"],
            support["engagements_url"],
            support["engagements_url"],
            support["visits_url"],
            support["url"],
            support["forwarded_url"],
        ],
        numeric=[False, True],
        list_url=support["url"],
    )
    categories = [r for r in support["needs_by_category"] if r["count"]]
    parts = [Part(heading=_("Support in figures"), anchor="stod-siffror", tables=[summary])]
    if categories:
        parts[0].tables.append(
            Table(
                caption=_("Needs raised per category"),
                headers=[_("Category"), _("Needs")],
                rows=[[r["label"], number(r["count"])] for r in categories],
                numeric=[False, True],
                list_url=support["url"],
            )
        )
    if support["needs"]:
        headers = [_("Need"), _("Raised by"), _("Category"), _("Status"), _("Forwarded")]
        parts.append(
            Part(
                heading=_("Needs register"),
                anchor="behovsregister",
                tables=[
                    Table(
                        caption=_("Needs raised in %(year)s") % {"year": report.year},
                        headers=headers,
                        rows=[
                            [
                                n["title"],
                                n["organisation"],
                                n["category"],
                                n["status"],
                                (_("Yes") + (f" ({n['theme']})" if n["theme"] else ""))
                                if n["forwarded"]
                                else _("No"),
                            ]
                            for n in support["needs"]
                        ],
                        urls=[n["url"] for n in support["needs"]],
                        numeric=[False] * 5,
                        list_url=support["url"],
                    )
                ],
            )
        )
    return Section(
        heading=_("Regional and local support needs"),
        anchor="behov",
        texts=paragraphs(report.needs_text),
        parts=parts,
        narrative_missing=not report.needs_text.strip(),
    )


def build(report: AnnualReport, fig: dict) -> dict:
    """Everything a rendering of the report needs."""
    sections = [
        _results(report, fig),
        Section(
            heading=_("Analysis of the development in the county"),
            anchor="analys",
            texts=paragraphs(report.analysis_text),
            parts=[],
            narrative_missing=not report.analysis_text.strip(),
        ),
        _needs(report, fig),
    ]
    charts = []
    for section in sections:
        for part in section.parts:
            for chart in part.charts:
                charts.append(chart)
                svg = render_svg(chart, f"chart-{len(charts)}")
                part.figures.append((svg, chart.title))
    return {
        "report": report,
        "county": report.county,
        "title": _("Annual report %(year)s") % {"year": report.year},
        "subtitle": _("Preventing and combating men's violence against women"),
        "sections": sections,
        "charts": charts,
        "figures": fig,
        "computed_at": swedish_date(fig.get("computed_at")),
        "submitted_on": swedish_date(report.submitted_at),
        "deadline": swedish_date(datetime.date(report.year + 1, 3, 1)),
        "frozen": report.is_locked and bool(report.snapshot),
    }
