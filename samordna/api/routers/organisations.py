from typing import Annotated

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samordna.api.pagination import Pagination
from samordna.api.schemas import choices_literal
from samordna.core.errors import ValidationFailed
from samordna.organisations import selectors
from samordna.organisations.models import Organisation

OrganisationKind = choices_literal(Organisation.Kind)

router = Router(tags=["organisations"])

CountyCode = Annotated[str, Field(pattern=r"^\d{2}$", description="two-digit county code")]


class CountyOut(Schema):
    code: str
    name: str
    board_name: str


class OrganisationOut(Schema):
    code: str
    name: str
    kind: OrganisationKind
    county_code: str | None = Field(None, alias="county.code")
    municipality_code: str | None = Field(None, alias="municipality.code")


class OrganisationFilters(Schema):
    kind: OrganisationKind | None = None
    county: CountyCode | None = None
    q: Annotated[str, Field(max_length=100)] = ""


@router.get("/counties", response=list[CountyOut], summary="The 21 counties")
def county_list(request):
    return list(selectors.county_list_with_counts())


@router.get("/organisations", response=list[OrganisationOut], summary="Organisations")
@paginate(Pagination)
def organisation_list(request, filters: Query[OrganisationFilters]):
    if filters.county and selectors.county_get(filters.county) is None:
        raise ValidationFailed(
            _("Unknown county code %(code)s.") % {"code": filters.county}, field="county"
        )
    return selectors.organisation_search(
        q=filters.q, kind=filters.kind or "", county_code=filters.county or ""
    )
