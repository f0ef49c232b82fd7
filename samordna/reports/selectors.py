"""Reads of annual reports, scoped: a county's staff read their county's reports, the national
role reads all; nobody else reads any."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from samordna.core.permissions import get_access
from samordna.organisations.models import County

from . import figures
from .models import AnnualReport

API_LOGIN_REQUIRED = gettext_lazy("Log in with an API token to read the annual reports.")
API_STAFF_ONLY = gettext_lazy("Only county staff and the national role can read annual reports.")


def reports_for_user(user, *, county_code: str = "", year: int | None = None) -> QuerySet:
    """Every version the user may read, newest year and version first."""
    queryset = AnnualReport.objects.select_related("county", "submitted_by", "approved_by")
    readable = get_access(user).readable_county_ids()
    if readable is not None:
        queryset = queryset.filter(county_id__in=readable)
    if county_code:
        queryset = queryset.filter(county__code=county_code)
    if year:
        queryset = queryset.filter(year=year)
    return queryset.order_by("county__code", "-year", "-version")


def latest_reports_for_user(user, **filters) -> list[AnnualReport]:
    """The newest version per county and year."""
    seen: set[tuple[int, int]] = set()
    latest = []
    for report in reports_for_user(user, **filters):
        key = (report.county_id, report.year)
        if key not in seen:
            seen.add(key)
            latest.append(report)
    return latest


def report_get_for_user(user, pk: int) -> AnnualReport | None:
    return reports_for_user(user).filter(pk=pk).first()


def report_versions(report: AnnualReport) -> list[AnnualReport]:
    return list(
        AnnualReport.objects.filter(county_id=report.county_id, year=report.year)
        .select_related("submitted_by")
        .order_by("-version")
    )


def report_figures(report: AnnualReport) -> dict:
    """The figures to show: the frozen snapshot of a submitted version, live figures otherwise."""
    if report.is_locked and report.snapshot:
        return report.snapshot
    return figures.report_figures(report.county, report.year)


@dataclass
class CountyRow:
    county: County
    report: AnnualReport | None
    key_figures: dict


def national_overview(year: int) -> list[CountyRow]:
    """All 21 counties with the status of their newest report for the year and its key figures
    (frozen for submitted reports, live otherwise)."""
    latest: dict[int, AnnualReport] = {}
    for report in AnnualReport.objects.filter(year=year).order_by("county_id", "-version"):
        latest.setdefault(report.county_id, report)
    rows = []
    for county in County.objects.order_by("code"):
        report = latest.get(county.pk)
        if report is not None and report.is_locked and report.snapshot:
            data = report.snapshot
        else:
            data = figures.report_figures(county, year)
        rows.append(CountyRow(county=county, report=report, key_figures=figures.key_figures(data)))
    return rows
