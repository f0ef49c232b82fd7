"""Surveys API: surveys, indicators and indicator values per organisation. Published results for
everyone; unpublished ones need a bearer token of the county's staff (or the national role)."""

from datetime import date
from typing import Annotated

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from samordna.api.auth import api_user
from samordna.api.pagination import Pagination
from samordna.api.schemas import choices_literal
from samordna.core.errors import ValidationFailed
from samordna.core.permissions import get_access
from samordna.organisations.models import County
from samordna.surveys import selectors
from samordna.surveys.maps import format_value
from samordna.surveys.models import Indicator, IndicatorValue, Survey

SurveyStatus = choices_literal(Survey.Status)
IndicatorKind = choices_literal(Indicator.Kind)

router = Router(tags=["surveys"])

CountyCode = Annotated[str, Field(pattern=r"^\d{2}$", description="two-digit county code")]
Year = Annotated[int, Field(ge=2000, le=2100)]


class SurveyOut(Schema):
    id: int
    title: str
    year: int
    county_code: str | None = Field(None, alias="county.code")
    status: SurveyStatus
    deadline: date | None
    published_results: bool


class SurveyFilters(Schema):
    county: CountyCode | None = None
    year: Year | None = None


class IndicatorOut(Schema):
    id: int
    key: str
    name: str
    description: str
    kind: IndicatorKind
    question_key: str
    unit: str
    county_code: str | None = Field(None, alias="county.code")


class IndicatorFilters(Schema):
    county: CountyCode | None = None


class IndicatorValueOut(Schema):
    organisation_code: str
    organisation_name: str
    county_code: str | None
    year: int
    value: float | None
    display: str


class IndicatorValueFilters(Schema):
    year: Year | None = None
    county: CountyCode | None = None


def _county(code: str | None) -> County | None:
    if not code:
        return None
    county = County.objects.filter(code=code).first()
    if county is None:
        raise ValidationFailed(_("Unknown county code %(code)s.") % {"code": code}, field="county")
    return county


@router.get("/surveys", response=list[SurveyOut], summary="Mapping surveys")
@paginate(Pagination)
def survey_list(request, filters: Query[SurveyFilters]):
    user = api_user(request)
    county = _county(filters.county)
    access = get_access(user)
    surveys = Survey.objects.select_related("county").order_by("-year", "title")
    readable = access.readable_county_ids()
    if readable is not None:
        condition = Q(published_results=True)
        if readable:
            condition |= Q(county__in=readable)
        if access.is_staff:
            condition |= Q(county__isnull=True)
        surveys = surveys.filter(condition)
    if county is not None:
        surveys = surveys.filter(county=county)
    if filters.year is not None:
        surveys = surveys.filter(year=filters.year)
    return surveys


@router.get("/indicators", response=list[IndicatorOut], summary="Survey indicators")
@paginate(Pagination)
def indicator_list(request, filters: Query[IndicatorFilters]):
    county = _county(filters.county)
    if county is None:
        return Indicator.objects.select_related("county").order_by("county__code", "position")
    return selectors.indicators_for_county(county).order_by("position", "name")


@router.get(
    "/indicators/{indicator_id}/values",
    response=list[IndicatorValueOut],
    summary="An indicator's values per organisation",
)
@paginate(Pagination)
def indicator_values(request, indicator_id: int, filters: Query[IndicatorValueFilters]):
    indicator = get_object_or_404(Indicator, pk=indicator_id)
    county = _county(filters.county)
    values = selectors.indicator_values_for_user(api_user(request), indicator).filter(
        level=IndicatorValue.Level.ORGANISATION
    )
    if filters.year is not None:
        values = values.filter(year=filters.year)
    if county is not None:
        values = values.filter(county=county)
    return [
        {
            "organisation_code": v.organisation.code,
            "organisation_name": v.organisation.name,
            "county_code": v.county.code if v.county_id else None,
            "year": v.year,
            "value": v.value,
            "display": format_value(indicator, v.value),
        }
        for v in values.order_by("year", "organisation__name")
    ]
