"""Coverage API: per organisation the items it had completed by the end of a year. Internal
data – county staff (own county) and the national role (all counties) with a bearer token;
participants and organisation contacts get their own organisation."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from samordna.api.auth import api_user
from samordna.api.pagination import Pagination
from samordna.api.schemas import choices_literal
from samordna.coverage import selectors
from samordna.coverage.models import CoverageItem
from samordna.organisations.models import Organisation

router = Router(tags=["coverage"])

CountyCode = Annotated[str, Field(pattern=r"^\d{2}$", description="two-digit county code")]
SourceKind = Literal[selectors.Source.ORDER]


class CompletionOut(Schema):
    item: str
    kind: choices_literal(CoverageItem.Kind)  # type: ignore[valid-type]
    completed_year: int
    completed_on: datetime.date
    source: SourceKind  # type: ignore[valid-type]
    source_description: str
    source_url: str


class OrganisationCoverageOut(Schema):
    organisation_code: str
    organisation_name: str
    organisation_kind: choices_literal(Organisation.Kind)  # type: ignore[valid-type]
    county_code: str
    year: int
    completed: list[CompletionOut]


class CoverageFilters(Schema):
    county: CountyCode | None = None
    year: Annotated[int | None, Field(ge=2000, le=2100)] = None


@router.get(
    "/coverage",
    response=list[OrganisationCoverageOut],
    summary="Coverage per organisation (token required)",
    description="Per municipality and region, the trainings, processes and web courses it had "
    "completed by the end of the year (default: this year), with the year and the source of "
    "each completion. County staff read their own county, the national role every county, "
    "participants and organisation contacts their own organisation.",
)
@paginate(Pagination)
def coverage_list(request, filters: Query[CoverageFilters]):
    user = api_user(request)
    if not user.is_authenticated:
        raise HttpError(401, str(selectors.API_LOGIN_REQUIRED))
    return selectors.coverage_for_api(user, county_code=filters.county or "", year=filters.year)
