"""The annual report's figures, drafted from the data. Pure selectors: one function per figure
group, each returning plain JSON-serialisable data plus the URL of the list it counts, so every
figure in the report can be traced. ``report_figures`` collects them all (the snapshot stored
when a report is submitted)."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from samordna.organisations.models import County, Organisation

SNAPSHOT_FORMAT = 1


def _url(name: str, *args, query: dict | None = None) -> str:
    url = reverse(name, args=args)
    return f"{url}?{urlencode(query)}" if query else url


def _year_bounds(year: int) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_default_timezone()
    return (
        datetime.datetime(year, 1, 1, tzinfo=tz),
        datetime.datetime(year + 1, 1, 1, tzinfo=tz),
    )


def _plans(county: County, year: int):
    from samordna.plans.models import ActionPlan

    return list(ActionPlan.objects.filter(county=county, year=year).order_by("kind", "pk"))


def _subgoals(county: County, year: int) -> list:
    from samordna.strategy.selectors import strategy_for_county_year

    strategy = strategy_for_county_year(county, year)
    return list(strategy.subgoals.order_by("number")) if strategy else []


def _held_events_all(year: int):
    from samordna.events.models import Event

    start, end = _year_bounds(year)
    return Event.objects.filter(start__gte=start, start__lt=end, end__lt=timezone.now())


def held_events(county: County, year: int):
    """Events the county organised that started in the year and have ended."""
    return _held_events_all(year).filter(county=county)


def _attended(registrations):
    from samordna.events.models import Registration

    return registrations.filter(status=Registration.Status.CONFIRMED, attended=True)


def attended_registrations(county: County, year: int):
    """Confirmed registrations marked as attended at the county's events held in the year."""
    from samordna.events.models import Registration

    return _attended(Registration.objects.filter(event__in=held_events(county, year)))


def _event_subgoal_numbers(event) -> set[int]:
    numbers = {subgoal.number for subgoal in event.subgoals.all()}
    if event.plan_activity_id:
        numbers |= {subgoal.number for subgoal in event.plan_activity.subgoals.all()}
    return numbers


def activity_figures(county: County, year: int) -> dict:
    """Plan activities per sub-goal (planned, done, participants reported in the follow-up) and
    the events held for each sub-goal with their attendance."""
    from samordna.plans.models import Activity

    plans = _plans(county, year)
    activities = list(
        Activity.objects.filter(plan__in=plans)
        .select_related("plan")
        .prefetch_related("subgoals")
        .order_by("plan__kind", "plan_id", "area__position", "position", "pk")
    )
    events = list(
        held_events(county, year)
        .select_related("plan_activity")
        .prefetch_related("subgoals", "plan_activity__subgoals")
        .annotate(
            attended_count=Count(
                "registrations",
                filter=Q(registrations__status="confirmed", registrations__attended=True),
            )
        )
    )
    plan_url = _url("plans:plan_detail", plans[0].pk) if plans else _url("plans:plan_list")
    events_url = _url("events:event_archive", query={"county": county.code, "year": year})

    def row(number: int | None, title: str) -> dict:
        if number is None:
            mine = [a for a in activities if not a.subgoals.all()]
            my_events = [e for e in events if not _event_subgoal_numbers(e)]
        else:
            mine = [a for a in activities if number in {s.number for s in a.subgoals.all()}]
            my_events = [e for e in events if number in _event_subgoal_numbers(e)]
        return {
            "subgoal": number,
            "title": title,
            "activities": len(mine),
            "done": sum(1 for a in mine if a.status == Activity.Status.DONE),
            "ongoing": sum(1 for a in mine if a.status == Activity.Status.ONGOING),
            "participants_reported": sum(a.participant_count or 0 for a in mine),
            "events": len(my_events),
            "attended": sum(e.attended_count for e in my_events),
            "url": plan_url,
            "events_url": events_url,
        }

    rows = [row(subgoal.number, subgoal.title) for subgoal in _subgoals(county, year)]
    without = row(None, _("Without a sub-goal"))
    if without["activities"] or without["events"]:
        rows.append(without)
    status_counts = Counter(a.status for a in activities)
    return {
        "rows": rows,
        "plans": [
            {"title": plan.title, "url": _url("plans:plan_detail", plan.pk)} for plan in plans
        ],
        "activities": len(activities),
        "done": status_counts.get(Activity.Status.DONE, 0),
        "ongoing": status_counts.get(Activity.Status.ONGOING, 0),
        "postponed_or_cancelled": status_counts.get(Activity.Status.POSTPONED, 0)
        + status_counts.get(Activity.Status.CANCELLED, 0),
        "done_list": [
            {
                "title": a.title,
                "subgoals": a.subgoal_label,
                "participants": a.participant_count,
                "follow_up": a.follow_up,
                "url": _url("plans:plan_detail", a.plan_id),
            }
            for a in activities
            if a.status == Activity.Status.DONE
        ],
        "url": plan_url,
    }


def event_figures(county: County, year: int) -> dict:
    """Events held in the year with registrations and attendance, each linked to its
    registration and attendance list."""
    events = list(
        held_events(county, year)
        .annotate(
            confirmed=Count("registrations", filter=Q(registrations__status="confirmed")),
            attended=Count(
                "registrations",
                filter=Q(registrations__status="confirmed", registrations__attended=True),
            ),
        )
        .order_by("start", "pk")
    )
    return {
        "count": len(events),
        "registrations": sum(e.confirmed for e in events),
        "attended": sum(e.attended for e in events),
        "rows": [
            {
                "title": e.title,
                "date": timezone.localtime(e.start).date().isoformat(),
                "type": str(e.get_type_display()),
                "registrations": e.confirmed,
                "attended": e.attended,
                "url": _url("events:registration_list", e.pk),
            }
            for e in events
        ],
        "url": _url("events:event_archive", query={"county": county.code, "year": year}),
    }


def participant_figures(county: County, year: int) -> dict:
    """Attended participants by organisation type and by municipality."""
    registrations = attended_registrations(county, year)
    kinds = dict(Organisation.Kind.choices)
    by_kind_raw = Counter(registrations.values_list("organisation__kind", flat=True))
    by_kind = [
        {"key": key, "label": str(kinds[key]), "count": by_kind_raw[key]}
        for key in Organisation.Kind.values
        if by_kind_raw.get(key)
    ]
    if by_kind_raw.get(None):
        by_kind.append(
            {"key": "", "label": _("Organisation not given"), "count": by_kind_raw[None]}
        )
    by_municipality_raw = Counter(
        registrations.values_list("municipality__code", "municipality__name")
    )
    by_municipality = [
        {"code": code, "label": name, "count": count}
        for (code, name), count in sorted(
            by_municipality_raw.items(), key=lambda item: (-item[1], item[0][1] or "")
        )
        if code
    ]
    without = sum(count for (code, _name), count in by_municipality_raw.items() if not code)
    if without:
        by_municipality.append(
            {"code": "", "label": _("No municipality (e.g. region, agency)"), "count": without}
        )
    from samordna.organisations.models import Municipality

    in_county = Municipality.objects.filter(county=county).count()
    reached = sum(1 for row in by_municipality if row["code"])
    return {
        "total": sum(by_kind_raw.values()),
        "by_kind": by_kind,
        "by_municipality": by_municipality,
        "municipalities_reached": reached,
        "municipalities_in_county": in_county,
        "url": _url("events:event_archive", query={"county": county.code, "year": year}),
    }


def coverage_figures(county: County, year: int) -> dict:
    """Coverage goals: achieved this year and the year before (from the coverage module)."""
    try:
        from samordna.coverage.selectors import coverage_goal_progress
    except ImportError:
        return {"available": False, "goals": [], "url": ""}
    goals = [
        {
            "name": progress.goal.item.name,
            "target_year": progress.goal.target_year,
            "achieved": progress.achieved,
            "total": progress.total,
            "achieved_previous_year": progress.achieved_previous_year,
            "change": progress.achieved - progress.achieved_previous_year,
            "url": progress.url,
        }
        for progress in coverage_goal_progress(county, year)
    ]
    return {"available": True, "goals": goals, "url": goals[0]["url"] if goals else ""}


def indicator_figures(county: County, year: int) -> dict:
    """The county's survey indicators for the year and the year before."""
    from samordna.surveys.models import IndicatorValue, Survey
    from samordna.surveys.selectors import indicators_for_county

    values = {
        (v.indicator_id, v.year): v
        for v in IndicatorValue.objects.filter(
            county=county, level=IndicatorValue.Level.COUNTY, year__in=[year, year - 1]
        )
    }
    survey = Survey.objects.filter(county=county, year=year).order_by("pk").first()
    url = _url("surveys:results", survey.pk) if survey else _url("surveys:survey_index")
    rows = []
    for indicator in indicators_for_county(county).order_by("position", "name", "pk"):
        current = values.get((indicator.pk, year))
        previous = values.get((indicator.pk, year - 1))
        if current is None and previous is None:
            continue
        rows.append(
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "value": round(current.value, 1) if current and current.value is not None else None,
                "previous": round(previous.value, 1)
                if previous and previous.value is not None
                else None,
                "respondents": current.respondents if current else 0,
                "url": url,
            }
        )
    return {"rows": rows, "survey": survey.title if survey else "", "url": url}


def campaign_figures(county: County, year: int) -> dict:
    """Published national and county campaigns running in the year, with the number of the
    county's organisations that spread each."""
    from samordna.campaigns.models import Campaign

    campaigns = (
        Campaign.objects.filter(Q(county__isnull=True) | Q(county=county), published=True)
        .filter(
            start_date__lte=datetime.date(year, 12, 31), end_date__gte=datetime.date(year, 1, 1)
        )
        .annotate(spread=Count("spreads", filter=Q(spreads__organisation__county=county)))
        .order_by("start_date", "title", "pk")
    )
    rows = [
        {
            "title": c.title,
            "start": c.start_date.isoformat(),
            "end": c.end_date.isoformat(),
            "national": c.county_id is None,
            "spread_by": c.spread,
            "url": _url("campaigns:campaign_detail", c.pk),
        }
        for c in campaigns
    ]
    return {
        "count": len(rows),
        "rows": rows,
        "url": _url("campaigns:campaign_archive", query={"county": county.code}),
    }


def _sent_issues(year: int):
    from samordna.newsletter.models import Issue

    start, end = _year_bounds(year)
    return Issue.objects.filter(status=Issue.Status.SENT).filter(
        Q(finished_at__gte=start, finished_at__lt=end)
        | Q(finished_at__isnull=True, queued_at__gte=start, queued_at__lt=end)
    )


def newsletter_figures(county: County, year: int) -> dict:
    """Newsletter issues the county sent in the year and how many deliveries went out."""
    from samordna.newsletter.models import Delivery

    issues = (
        _sent_issues(year)
        .filter(county=county)
        .annotate(sent=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)))
        .order_by("finished_at", "pk")
    )
    rows = [
        {
            "title": issue.title,
            "date": timezone.localtime(issue.finished_at or issue.queued_at).date().isoformat(),
            "recipients": issue.sent,
            "url": _url("newsletter:issue_web", issue.pk),
        }
        for issue in issues
    ]
    return {
        "count": len(rows),
        "recipients": sum(r["recipients"] for r in rows),
        "rows": rows,
        "url": _url("newsletter:county_archive", county.code),
    }


def support_needs_figures(county: County, year: int) -> dict:
    """Process support, actor visits and the needs register (raised and forwarded)."""
    from samordna.support.models import Need
    from samordna.support.selectors import support_figures

    figures = support_figures(county, year)
    needs = (
        Need.objects.filter(county=county, raised_on__year=year)
        .select_related("raised_by")
        .order_by("raised_on", "pk")
    )
    return {
        "engagements_active": figures["engagements_active"],
        "engagements_completed": figures["engagements_completed"],
        "organisations_supported": figures["organisations_supported"],
        "visits": figures["visits"],
        "needs_raised": figures["needs_raised"],
        "needs_forwarded": figures["needs_forwarded"],
        "needs_by_category": [
            {"key": row["value"], "label": str(row["label"]), "count": row["count"]}
            for row in figures["needs_by_category"]
        ],
        "needs": [
            {
                "title": need.title,
                "organisation": need.raised_by.name,
                "category": str(need.get_category_display()),
                "status": str(need.get_status_display()),
                "forwarded": need.forward_to_national,
                "theme": need.national_theme,
                "url": need.get_absolute_url(),
            }
            for need in needs
        ],
        "url": _url("support:need_list", query={"county": county.code, "year": year}),
        "forwarded_url": _url("support:need_national", query={"county": county.code, "year": year}),
        "engagements_url": _url(
            "support:engagement_list", query={"county": county.code, "year": year}
        ),
        "visits_url": _url("support:visit_list", query={"county": county.code, "year": year}),
    }


def report_figures(county: County, year: int) -> dict:
    """Every figure group of the report, as stored in a submitted version's snapshot."""
    return {
        "format": SNAPSHOT_FORMAT,
        "county": county.code,
        "year": year,
        "computed_at": timezone.now().isoformat(),
        "activities": activity_figures(county, year),
        "events": event_figures(county, year),
        "participants": participant_figures(county, year),
        "coverage": coverage_figures(county, year),
        "indicators": indicator_figures(county, year),
        "campaigns": campaign_figures(county, year),
        "newsletters": newsletter_figures(county, year),
        "support": support_needs_figures(county, year),
    }


def key_figures(figures: dict) -> dict:
    """The few numbers the national overview puts side by side."""
    return {
        "activities_done": figures["activities"]["done"],
        "activities": figures["activities"]["activities"],
        "events": figures["events"]["count"],
        "attended": figures["events"]["attended"],
        "municipalities_reached": figures["participants"]["municipalities_reached"],
        "newsletters": figures["newsletters"]["count"],
        "needs_forwarded": figures["support"]["needs_forwarded"],
    }


def national_key_figures(year: int) -> dict[int, dict]:
    """``key_figures`` of every county's live figures for the year, per county id, in a few
    grouped queries instead of every figure group per county (the national overview). The
    filters are the ones the figure groups above use; tests compare the two."""
    from samordna.events.models import Registration
    from samordna.plans.models import Activity
    from samordna.support.models import Need

    result = {
        pk: {
            "activities_done": 0,
            "activities": 0,
            "events": 0,
            "attended": 0,
            "municipalities_reached": 0,
            "newsletters": 0,
            "needs_forwarded": 0,
        }
        for pk in County.objects.values_list("pk", flat=True)
    }

    def add(rows, name: str) -> None:
        for county_id, count in rows:
            if county_id in result:
                result[county_id][name] = count

    activities = Activity.objects.filter(plan__year=year).values("plan__county").order_by()
    add(activities.annotate(n=Count("pk")).values_list("plan__county", "n"), "activities")
    add(
        activities.filter(status=Activity.Status.DONE)
        .annotate(n=Count("pk"))
        .values_list("plan__county", "n"),
        "activities_done",
    )
    add(
        _held_events_all(year)
        .values("county")
        .order_by()
        .annotate(n=Count("pk"))
        .values_list("county", "n"),
        "events",
    )
    attended = (
        _attended(Registration.objects.filter(event__in=_held_events_all(year)))
        .values("event__county")
        .order_by()
    )
    add(attended.annotate(n=Count("pk")).values_list("event__county", "n"), "attended")
    add(
        attended.filter(municipality__isnull=False)
        .annotate(n=Count("municipality", distinct=True))
        .values_list("event__county", "n"),
        "municipalities_reached",
    )
    add(
        _sent_issues(year)
        .values("county")
        .order_by()
        .annotate(n=Count("pk"))
        .values_list("county", "n"),
        "newsletters",
    )
    # As support.selectors.support_figures counts them.
    add(
        Need.objects.filter(forward_to_national=True, forwarded_at__year=year)
        .values("county")
        .order_by()
        .annotate(n=Count("pk"))
        .values_list("county", "n"),
        "needs_forwarded",
    )
    return result
