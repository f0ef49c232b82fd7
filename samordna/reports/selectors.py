"""Reads of annual reports, scoped: a county's staff read their county's reports, the national
role reads all; nobody else reads any."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy

from samordna.core.memo import generation_cached
from samordna.core.permissions import get_access
from samordna.organisations.models import County

from . import figures
from .models import AnnualReport, ReportExport

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


def _live_key_figures(counties: list[County], year: int) -> dict[int, dict]:
    """Key figures computed from the data, per county id (``figures.national_key_figures``: a
    few grouped queries for all counties), kept under the page-cache generation
    (``core.memo``): a committed write anywhere computes them again on the next request."""
    if not counties:
        return {}
    computed = generation_cached(
        f"reports:key-figures:{year}", lambda: figures.national_key_figures(year)
    )
    return {c.pk: computed[c.pk] for c in counties}


def national_overview(year: int) -> list[CountyRow]:
    """All 21 counties with the status of their newest report for the year and its key figures
    (frozen for submitted reports, live otherwise)."""
    latest: dict[int, AnnualReport] = {}
    for report in AnnualReport.objects.filter(year=year).order_by("county_id", "-version"):
        latest.setdefault(report.county_id, report)
    counties = list(County.objects.order_by("code"))

    def frozen(county: County) -> bool:
        report = latest.get(county.pk)
        return report is not None and report.is_locked and bool(report.snapshot)

    live = _live_key_figures([c for c in counties if not frozen(c)], year)
    return [
        CountyRow(
            county=county,
            report=latest.get(county.pk),
            key_figures=figures.key_figures(latest[county.pk].snapshot)
            if frozen(county)
            else live[county.pk],
        )
        for county in counties
    ]


# --- exports ----------------------------------------------------------------------------------


def export_get_for_user(user, pk: int) -> ReportExport | None:
    """An export of a report the user may read (None otherwise: the view answers 404)."""
    queryset = ReportExport.objects.select_related("report__county")
    readable = get_access(user).readable_county_ids()
    if readable is not None:
        queryset = queryset.filter(report__county_id__in=readable)
    return queryset.filter(pk=pk).first()


def export_retention_days(report: AnnualReport) -> int | None:
    """How long an export file of the report is kept before gallring deletes it (the county's
    rule for the inventory category ``reports.export``, else the default)."""
    from samordna.privacy.inventory import category_get
    from samordna.privacy.services import retention_days

    return retention_days(category_get("reports.export"), report.county_id)
