import datetime
from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samordna.api.auth import api_user
from samordna.api.pagination import Pagination
from samordna.campaigns import selectors
from samordna.core.errors import ValidationFailed
from samordna.organisations.models import County

router = Router(tags=["campaigns"])


class CampaignOut(Schema):
    id: int
    title: str
    summary: str
    start_date: datetime.date
    end_date: datetime.date
    county_code: str | None = Field(None, alias="county.code")
    national: bool = Field(alias="is_national")
    target_groups: list[str]
    website: str
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class CampaignFilters(Schema):
    county: (
        Annotated[str, Field(pattern=r"^\d{2}$", description="two-digit county code")] | None
    ) = None
    year: Annotated[int, Field(ge=2000, le=2100)] | None = None


@router.get(
    "/campaigns",
    response=list[CampaignOut],
    summary="Campaigns (national ones plus the county's own when a county is given)",
)
@paginate(Pagination)
def campaign_list(request, filters: Query[CampaignFilters]):
    county = None
    if filters.county:
        county = County.objects.filter(code=filters.county).first()
        if county is None:
            raise ValidationFailed(
                _("Unknown county code %(code)s.") % {"code": filters.county}, field="county"
            )
    return selectors.campaigns_for_user(api_user(request), county=county, year=filters.year)
