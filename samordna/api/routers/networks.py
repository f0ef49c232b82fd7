from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samordna.api.auth import api_user
from samordna.api.pagination import Pagination
from samordna.api.schemas import choices_literal
from samordna.core.errors import ValidationFailed
from samordna.networks import selectors
from samordna.networks.models import Network
from samordna.organisations.models import County

NetworkKind = choices_literal(Network.Kind)

router = Router(tags=["networks"])


class NetworkOut(Schema):
    """A group in outline: members, meetings and documents are never in the API."""

    id: int
    name: str
    kind: NetworkKind
    county_code: str = Field(alias="county.code")
    purpose: str
    sub_goals: list[int]
    url: str

    @staticmethod
    def resolve_url(obj) -> str:
        return obj.get_absolute_url()


class NetworkFilters(Schema):
    county: (
        Annotated[str, Field(pattern=r"^\d{2}$", description="two-digit county code")] | None
    ) = None
    kind: NetworkKind | None = None


@router.get("/networks", response=list[NetworkOut], summary="Networks and groups (outline)")
@paginate(Pagination)
def network_list(request, filters: Query[NetworkFilters]):
    county = None
    if filters.county:
        county = County.objects.filter(code=filters.county).first()
        if county is None:
            raise ValidationFailed(
                _("Unknown county code %(code)s.") % {"code": filters.county}, field="county"
            )
    return selectors.networks_for_user(api_user(request), county=county, kind=filters.kind or "")
