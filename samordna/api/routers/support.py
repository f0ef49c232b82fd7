"""Support API: the needs register. Internal data – only county staff (their own county) and
the national role (all counties) may read it, with a bearer token."""

import datetime
from typing import Annotated, Literal

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from samordna.api.auth import api_user
from samordna.api.pagination import Pagination
from samordna.support import selectors
from samordna.support.models import Need

router = Router(tags=["support"])

CountyCode = Annotated[str, Field(pattern=r"^\d{2}$", description="two-digit county code")]
# Literals rather than the model's enums: enum names like "Status" or "Category" are shared by
# several apps and would collide in the OpenAPI components.
NeedCategory = Literal[tuple(Need.Category.values)]
NeedStatus = Literal[tuple(Need.Status.values)]
NeedSource = Literal[tuple(Need.Source.values)]


class NeedOut(Schema):
    id: int
    county_code: str = Field(..., alias="county.code")
    organisation_code: str = Field(..., alias="raised_by.code")
    organisation_name: str = Field(..., alias="raised_by.name")
    title: str
    description: str
    category: NeedCategory
    category_label: str = Field(..., alias="get_category_display")
    source: NeedSource
    raised_on: datetime.date
    status: NeedStatus
    response: str
    forward_to_national: bool
    forwarded_at: datetime.datetime | None
    national_theme: str
    forwarding_note: str
    url: str = Field(..., alias="get_absolute_url")


class NeedFilters(Schema):
    county: CountyCode | None = None
    category: NeedCategory | None = None
    forwarded: bool | None = None
    status: NeedStatus | None = None
    year: Annotated[int | None, Field(ge=2000, le=2100)] = None


@router.get(
    "/needs",
    response=list[NeedOut],
    summary="Support needs (staff only)",
    description="The needs register. Requires a bearer token of county staff (own county) or "
    "the national role (all counties).",
)
@paginate(Pagination)
def need_list(request, filters: Query[NeedFilters]):
    user = api_user(request)
    if not user.is_authenticated:
        raise HttpError(401, str(selectors.API_LOGIN_REQUIRED))
    return selectors.needs_for_api(
        user,
        county_code=filters.county or "",
        category=filters.category or "",
        status=filters.status or "",
        forwarded=filters.forwarded,
        year=filters.year,
    )
