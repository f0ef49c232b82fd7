"""Reports API: the status of the annual reports. Internal data – county staff read their own
county's reports, the national role all, with a bearer token."""

import datetime
from typing import Annotated

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from samordna.api.auth import api_user
from samordna.api.pagination import Pagination
from samordna.api.schemas import choices_literal
from samordna.core.errors import NotPermitted
from samordna.core.permissions import get_access
from samordna.reports import selectors
from samordna.reports.models import AnnualReport

router = Router(tags=["reports"])

CountyCode = Annotated[str, Field(pattern=r"^\d{2}$", description="two-digit county code")]


class ReportOut(Schema):
    id: int
    county_code: str = Field(..., alias="county.code")
    county_name: str = Field(..., alias="county.name")
    year: int
    version: int
    status: choices_literal(AnnualReport.Status)
    status_label: str = Field(..., alias="get_status_display")
    submitted_at: datetime.datetime | None
    approved_at: datetime.datetime | None
    url: str = Field(..., alias="get_absolute_url")


class ReportFilters(Schema):
    county: CountyCode | None = None
    year: Annotated[int | None, Field(ge=2000, le=2100)] = None
    all_versions: bool = False


@router.get(
    "/reports",
    response=list[ReportOut],
    summary="Annual reports (staff only)",
    description="Status and submission time of the annual reports: the newest version per "
    "county and year unless all_versions is true. Requires a bearer token of county staff (own "
    "county) or the national role (all counties).",
)
@paginate(Pagination)
def report_list(request, filters: Query[ReportFilters]):
    user = api_user(request)
    if not user.is_authenticated:
        raise HttpError(401, str(selectors.API_LOGIN_REQUIRED))
    if not get_access(user).is_staff:
        raise NotPermitted(selectors.API_STAFF_ONLY)
    options = {"county_code": filters.county or "", "year": filters.year}
    if filters.all_versions:
        return selectors.reports_for_user(user, **options)
    return selectors.latest_reports_for_user(user, **options)
