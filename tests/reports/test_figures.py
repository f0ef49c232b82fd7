"""The 2022 report drafts itself from the demo data, and its numbers equal those computed here
independently from the plan, event, attendance, survey and needs tables."""

from collections import Counter

import pytest
from django.db import connection

from samordna.events.models import Event, Registration
from samordna.plans.models import Activity
from samordna.reports import figures
from samordna.reports.models import AnnualReport
from samordna.support.models import Need
from samordna.surveys.models import IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["06", "08"])
def test_demo_report_is_drafted_for_2022(demo, code):
    report = AnnualReport.objects.get(county__code=code, year=2022)
    assert report.status == AnnualReport.Status.DRAFT
    assert report.results_text.startswith("Exempeltext")


@pytest.mark.parametrize("code", ["06", "08"])
def test_figures_equal_an_independent_computation(demo, code):
    report = AnnualReport.objects.get(county__code=code, year=2022)
    fig = figures.report_figures(report.county, 2022)

    # Plan activities: raw SQL over the plan tables.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT a.status, COUNT(*) FROM plans_activity a JOIN plans_actionplan p "
            "ON a.plan_id = p.id JOIN organisations_county c ON p.county_id = c.id "
            "WHERE c.code = %s AND p.year = 2022 GROUP BY a.status",
            [code],
        )
        by_status = dict(cursor.fetchall())
    assert fig["activities"]["activities"] == sum(by_status.values())
    assert fig["activities"]["done"] == by_status.get("done", 0)
    assert fig["activities"]["ongoing"] == by_status.get("ongoing", 0)
    if code == "06":
        assert fig["activities"]["done"] > 0

    for row in fig["activities"]["rows"]:
        if row["subgoal"] is None:
            continue
        mine = Activity.objects.filter(
            plan__county__code=code, plan__year=2022, subgoals__number=row["subgoal"]
        )
        assert row["activities"] == mine.count()
        assert row["done"] == mine.filter(status="done").count()

    # Events and attendance: plain Python over all registrations.
    held = {e.pk for e in Event.objects.filter(county__code=code) if e.start.year == 2022}
    registrations = [r for r in Registration.objects.all() if r.event_id in held]
    confirmed = [r for r in registrations if r.status == "confirmed"]
    attended = [r for r in confirmed if r.attended]
    assert fig["events"]["count"] == len(held) > 0
    assert fig["events"]["registrations"] == len(confirmed)
    assert fig["events"]["attended"] == len(attended) > 0
    assert fig["participants"]["total"] == len(attended)

    kinds = Counter(r.organisation.kind for r in attended)
    assert {row["key"]: row["count"] for row in fig["participants"]["by_kind"]} == dict(kinds)
    municipalities = Counter(r.municipality.code for r in attended if r.municipality_id)
    assert {
        row["code"]: row["count"] for row in fig["participants"]["by_municipality"] if row["code"]
    } == dict(municipalities)
    assert fig["participants"]["municipalities_reached"] == len(municipalities)

    # Per-sub-goal event attendance (sub-goals of the event or of its plan activity).
    for row in fig["activities"]["rows"]:
        if row["subgoal"] is None:
            continue
        events = [
            e
            for e in Event.objects.filter(pk__in=held)
            if row["subgoal"]
            in {s.number for s in e.subgoals.all()}
            | ({s.number for s in e.plan_activity.subgoals.all()} if e.plan_activity_id else set())
        ]
        assert row["events"] == len(events)
        assert row["attended"] == sum(1 for r in attended if r.event_id in {e.pk for e in events})

    # Survey indicators: the county-level values of the year.
    values = {
        v.indicator.name: v.value
        for v in IndicatorValue.objects.filter(county__code=code, year=2022, level="county")
    }
    reported = {r["name"]: r["value"] for r in fig["indicators"]["rows"] if r["value"] is not None}
    assert reported == {name: round(value, 1) for name, value in values.items()}
    if code == "08":
        assert reported  # Kalmar's 2022 survey has indicators

    # Needs register.
    needs = [n for n in Need.objects.filter(county__code=code) if n.raised_on.year == 2022]
    assert fig["support"]["needs_raised"] == len(needs)
    assert len(fig["support"]["needs"]) == len(needs)


def test_every_figure_group_links_to_the_list_it_counts(demo, client_for, editor_08):
    report = AnnualReport.objects.get(county__code="08", year=2022)
    fig = figures.report_figures(report.county, 2022)
    assert fig["events"]["url"] == "/kalender/arkiv/?county=08&year=2022"
    assert fig["support"]["url"] == "/stod/behov/?county=08&year=2022"
    assert fig["indicators"]["url"].startswith("/enkater/")
    assert fig["newsletters"]["url"] == "/nyhetsbrev/08/"
    client = client_for(editor_08)
    for url in (
        fig["events"]["url"],
        fig["support"]["url"],
        fig["support"]["forwarded_url"],
        fig["indicators"]["url"],
        fig["activities"]["url"],
        fig["campaigns"]["url"],
        fig["newsletters"]["url"],
        *[row["url"] for row in fig["events"]["rows"]],
    ):
        assert client.get(url).status_code == 200, url
    # The event archive filtered by county and year lists exactly the counted events.
    page = client.get(fig["events"]["url"]).content.decode()
    for row in fig["events"]["rows"]:
        assert row["title"] in page


def test_coverage_is_reported_or_clearly_absent(demo):
    report = AnnualReport.objects.get(county__code="08", year=2022)
    coverage = figures.coverage_figures(report.county, 2022)
    if not coverage["available"]:
        assert coverage["goals"] == []
    for goal in coverage["goals"]:
        assert goal["change"] == goal["achieved"] - goal["achieved_previous_year"]


@pytest.mark.parametrize("year", [2022, 2023])
def test_national_key_figures_equal_each_countys_report_figures(demo, year):
    """The national overview's grouped queries count exactly what the report's figures do."""
    from samordna.organisations.models import County

    national = figures.national_key_figures(year)
    counties = County.objects.order_by("code")
    assert set(national) == {c.pk for c in counties}
    for county in counties:
        assert national[county.pk] == figures.key_figures(figures.report_figures(county, year)), (
            county.code
        )
    if year == 2022:  # the demo's report year: events, attendance and plans in 06 and 08
        assert any(v["events"] and v["attended"] for v in national.values())
